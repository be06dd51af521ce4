// Maps for the hotspot pages. Every page has the same figures as tables, so without JavaScript (or without
// a basemap) nothing is lost. The map element says what to draw:
//   data-cells-url    JSON twin of the scored cells, drawn as rectangles coloured by score
//   data-lsoa-url     JSON twin of the LSOA rates, drawn as circles at the centre of each LSOA's incidents
//   data-outline      a designated hotspot's outline, "[[lon, lat], …]"
//   data-outline-field  id of a textarea: clicking the map adds a "latitude, longitude" line to it
(function () {
  const element = document.getElementById("hotspot-map");
  if (!element || typeof L === "undefined") return;
  element.classList.add("app-map--active");
  const map = L.map(element, { zoomSnap: 0.25 });
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
  }
  const overlays = {};
  const bounds = L.latLngBounds([]);
  const control = L.control.layers(null, overlays, { collapsed: false }).addTo(map);

  function fit() {
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 17 });
  }

  function fetchRows(url) {
    return fetch(url, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((table) => table.rows || []);
  }

  // Colour by where a value sits between the lowest and highest: yellow, orange, red.
  function shade(value, low, high) {
    const share = high > low ? (value - low) / (high - low) : 1;
    return { share, colour: share > 0.66 ? "#d4351c" : share > 0.33 ? "#f47738" : "#ffdd00" };
  }

  if (element.dataset.cellsUrl) {
    fetchRows(element.dataset.cellsUrl).then((rows) => {
      if (!rows.length) return;
      const scores = rows.map((row) => row.score);
      const high = Math.max(...scores);
      const low = Math.min(...scores);
      const layer = L.featureGroup();
      for (const row of rows) {
        const { share, colour } = shade(row.score, low, high);
        L.rectangle([[row.south, row.west], [row.north, row.east]], {
          weight: 0,
          fillOpacity: 0.15 + 0.75 * share,
          fillColor: colour,
        }).bindTooltip(`${row.count} incidents, score ${row.score}`).addTo(layer);
      }
      layer.addTo(map);
      control.addOverlay(layer, "Cells by score");
      bounds.extend(layer.getBounds());
      fit();
    });
  }

  if (element.dataset.lsoaUrl) {
    fetchRows(element.dataset.lsoaUrl).then((rows) => {
      const placed = rows.filter((row) => row.latitude !== null && row.rate !== null);
      if (!placed.length) return;
      const rates = placed.map((row) => row.rate);
      const high = Math.max(...rates);
      const low = Math.min(...rates);
      const layer = L.featureGroup();
      for (const row of placed) {
        const { colour } = shade(row.rate, low, high);
        L.circleMarker([row.latitude, row.longitude], {
          radius: 7,
          weight: 1,
          color: "#0b0c0c",
          fillColor: colour,
          fillOpacity: 0.8,
        }).bindTooltip(`${row.lsoa}: ${row.rate} per 1,000 residents`).addTo(layer);
      }
      control.addOverlay(layer, "LSOA rates per 1,000 residents");
      bounds.extend(layer.getBounds());
      fit();
    });
  }

  if (element.dataset.outline) {
    const points = JSON.parse(element.dataset.outline).map(([lon, lat]) => [lat, lon]);
    const outline = L.polygon(points, { color: "#1d70b8", weight: 3, fillOpacity: 0.1 }).addTo(map);
    control.addOverlay(outline, "Hotspot outline");
    bounds.extend(outline.getBounds());
    fit();
  }

  const field = element.dataset.outlineField && document.getElementById(element.dataset.outlineField);
  if (field) {
    const drawn = L.polygon([], { color: "#1d70b8", weight: 3, fillOpacity: 0.1 }).addTo(map);
    function redraw() {
      const points = field.value
        .split("\n")
        .map((line) => line.split(",").map(Number))
        .filter((pair) => pair.length === 2 && pair.every(Number.isFinite));
      drawn.setLatLngs(points);
    }
    map.on("click", (event) => {
      const line = `${event.latlng.lat.toFixed(6)}, ${event.latlng.lng.toFixed(6)}`;
      field.value = field.value.trim() ? `${field.value.trim()}\n${line}` : line;
      redraw();
    });
    field.addEventListener("input", redraw);
    redraw();
  }
})();
