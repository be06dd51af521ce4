// Maps for the hotspot pages, readable with no basemap (the default). Every page has the same figures as
// tables, so without JavaScript nothing is lost. The map element says what to draw:
//   data-layers-url   JSON twin of the reference layers: the area's own outline, local authorities, MSOAs
//                     and the places it names (outlines, dotted where approximate; labelled points where none)
//   data-cells-url    JSON twin of the scored cells, drawn as rectangles coloured by score (dots when
//                     zoomed out, where a 250 m cell would be smaller than a pixel)
//   data-score-label  what the score is, for the legend
//   data-lsoa-url     JSON twin of the LSOA rates, drawn as circles at the centre of each LSOA's incidents
//   data-outline      a designated hotspot's outline, "[[lon, lat], …]"
//   data-hotspot-cells  a designated hotspot's cells, "[[[south, west], [north, east]], …]"
//   data-outline-field  id of a textarea: clicking the map adds a "latitude, longitude" line to it
//   data-cell-checkboxes  name of the cell checkboxes: clicking a cell ticks (or unticks) its box
//   data-fit          "cells" to zoom to the cells rather than the whole area
(function () {
  const element = document.getElementById("hotspot-map");
  if (!element || typeof L === "undefined") return;
  element.classList.add("app-map--active");
  const map = L.map(element, { zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
  }
  L.control.scale({ imperial: false, maxWidth: 150 }).addTo(map);
  const control = L.control.layers(null, {}, { collapsed: false }).addTo(map);
  // The area's own outline decides the view once it arrives; until then, whatever has been drawn.
  const bounds = L.latLngBounds([]);
  let areaBounds = null;
  const DOT_ZOOM = 11; // below this a 250 m cell is under 3 pixels across

  // The area's outline, widened to take in anything drawn outside it.
  // data-fit="cells" (designating): the cells with incidents, where the choosing happens.
  function fit() {
    const target = L.latLngBounds([]);
    if (areaBounds && !(element.dataset.fit === "cells" && bounds.isValid())) target.extend(areaBounds);
    if (bounds.isValid()) target.extend(bounds);
    if (target.isValid()) map.fitBounds(target, { maxZoom: 17, padding: [8, 8] });
  }

  function fetchRows(url) {
    return fetch(url, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((table) => table.rows || []);
  }

  // Three bands between the lowest and highest value: yellow, orange, red (with their ranges in the legend).
  const COLOURS = ["#ffdd00", "#f47738", "#d4351c"];
  function band(value, low, high) {
    const share = high > low ? (value - low) / (high - low) : 1;
    return { share, index: share > 2 / 3 ? 2 : share > 1 / 3 ? 1 : 0 };
  }

  function legend(title, low, high, note) {
    const box = L.control({ position: "bottomleft" });
    box.onAdd = function () {
      const div = L.DomUtil.create("div", "app-map-legend");
      const step = (high - low) / 3;
      const format = (value) => (Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(1));
      const rows = COLOURS.map(
        (colour, index) =>
          `<li><span class="app-map-legend__key app-map-legend__key--${index}"></span>` +
          `${format(low + index * step)} to ${format(index === 2 ? high : low + (index + 1) * step)}</li>`,
      ).reverse();
      div.innerHTML = `<p class="app-map-legend__title">${title}</p><ul>${rows.join("")}</ul>` +
        (note ? `<p class="app-map-legend__note">${note}</p>` : "");
      return div;
    };
    box.addTo(map);
  }

  // What each kind of line means, with the dotted (approximate) outlines said in words.
  function outlineKey(rows) {
    const drawn = new Set(rows.filter((row) => row.geometry).map((row) => row.layer));
    const approximate = rows.some((row) => row.outline === "approximate" && row.layer !== "msoa");
    const items = [
      ["area", "app-map-key--area", "This area"],
      ["place", "app-map-key--place", "Areas it contains"],
      ["local_authority", "app-map-key--authority", "Local authorities"],
      ["msoa", "app-map-key--msoa", "MSOAs"],
    ].filter(([layer]) => drawn.has(layer));
    if (!items.length) return;
    const box = L.control({ position: "bottomright" });
    box.onAdd = function () {
      const div = L.DomUtil.create("div", "app-map-legend app-map-legend--outlines");
      const lines = items.map(([, key, text]) => `<li><span class="app-map-key ${key}"></span>${text}</li>`);
      if (approximate) lines.push('<li><span class="app-map-key app-map-key--approximate"></span>Approximate outline</li>');
      div.innerHTML = `<p class="app-map-legend__title">Outlines</p><ul>${lines.join("")}</ul>` +
        (approximate
          ? '<p class="app-map-legend__note">Dotted outlines are approximate: the area shares MSOAs with others, so its part of each is drawn from its LSOAs\' share of the MSOA\'s area, not its real boundary.</p>'
          : "");
      return div;
    };
    box.addTo(map);
  }

  function label(latlng, text, className) {
    return L.marker(latlng, {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: `app-map-label ${className || ""}`, html: `<span>${text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</span>`, iconSize: null }),
    });
  }

  // Labels never sit on one another: where two would overlap at this zoom the later one is hidden (the places
  // the page is about are drawn first, then local authorities), and shows again once zoomed in far enough.
  function declutter() {
    const kept = [];
    const spans = [...element.querySelectorAll(".app-map-label span")];
    const rank = (span) => (span.parentElement.classList.contains("app-map-label--authority") ? 1 : 0);
    spans.sort((a, b) => rank(a) - rank(b)); // stable: otherwise in the order drawn
    for (const span of spans) {
      span.style.visibility = "";
      const box = span.getBoundingClientRect();
      if (!box.width) continue;
      const clash = kept.some((k) => box.left < k.right + 2 && box.right > k.left - 2 && box.top < k.bottom && box.bottom > k.top);
      if (clash) span.style.visibility = "hidden";
      else kept.push(box);
    }
  }
  map.on("zoomend moveend overlayadd overlayremove", declutter);

  if (element.dataset.layersUrl) {
    fetchRows(element.dataset.layersUrl).then((rows) => {
      if (!rows.length) return;
      const source = "Boundaries: ONS, Open Government Licence v3.0; contains OS data © Crown copyright and database right";
      const styles = {
        local_authority: { color: "#505a5f", weight: 1.5, fill: false, dashArray: "6 4" },
        msoa: { color: "#b1b4b6", weight: 0.75, fill: false },
        place: { color: "#1d70b8", weight: 1.5, fill: false },
        area: { color: "#0b0c0c", weight: 3, fill: false },
      };
      const groups = { local_authority: L.featureGroup(), msoa: L.featureGroup(), place: L.featureGroup(), area: L.featureGroup() };
      const names = { local_authority: "Local authorities", msoa: "MSOAs", place: "Places", area: "Area outline" };
      // Where a place shares a local authority's name (an LPU that is a district), label it once.
      const placeNames = new Set(rows.filter((row) => row.layer === "place").map((row) => row.name.toLowerCase()));
      for (const row of rows) {
        const group = groups[row.layer];
        if (!group) continue;
        if (row.geometry) {
          // An approximate outline (an area sharing MSOAs with others, drawn from its LSOAs' shares) is dotted.
          const style = row.outline === "approximate" ? { ...styles[row.layer], dashArray: "2 5" } : styles[row.layer];
          L.geoJSON(JSON.parse(row.geometry), { style, interactive: false, attribution: source }).addTo(group);
        }
        const point = [row.label_latitude, row.label_longitude];
        if (row.layer === "place") {
          if (!row.geometry) L.circleMarker(point, { radius: 3, weight: 1, color: "#1d70b8", fillOpacity: 1, interactive: false }).addTo(group);
          label(point, row.name, row.geometry ? "app-map-label--place" : "app-map-label--place app-map-label--above").addTo(group);
        } else if (row.layer === "local_authority" && !placeNames.has(row.name.toLowerCase())) {
          label(point, row.name, "app-map-label--authority").addTo(group);
        } else if (row.layer === "area" && !row.geometry) {
          L.circleMarker(point, { radius: 4, weight: 2, color: "#0b0c0c", fillOpacity: 1, interactive: false }).addTo(group);
          label(point, `${row.name} (centre; outline not known)`, "app-map-label--above").addTo(group);
        }
      }
      for (const key of ["msoa", "local_authority", "place", "area"]) {
        if (!groups[key].getLayers().length) continue;
        groups[key].addTo(map);
        control.addOverlay(groups[key], names[key]);
      }
      groups.area.bringToFront();
      outlineKey(rows);
      const own = rows.find((row) => row.layer === "area" && row.geometry);
      if (own) areaBounds = L.geoJSON(JSON.parse(own.geometry)).getBounds();
      else if (groups.msoa.getLayers().length) areaBounds = groups.msoa.getBounds();
      fit();
      declutter();
    });
  }

  const checkboxes = element.dataset.cellCheckboxes;
  // Where the map offers both, a switch says what a click does: add an outline corner, or tick the cell
  // clicked (one of the cells offered as checkboxes below the map).
  let pickCells = false;
  if (checkboxes && element.dataset.outlineField) {
    const mode = L.control({ position: "topleft" });
    mode.onAdd = function () {
      const div = L.DomUtil.create("fieldset", "app-map-mode");
      div.innerHTML =
        '<legend>Clicking the map</legend>' +
        '<label><input type="radio" name="map-click" value="outline" checked> adds an outline corner</label>' +
        '<label><input type="radio" name="map-click" value="cells"> ticks the cell</label>';
      L.DomEvent.disableClickPropagation(div);
      div.addEventListener("change", (event) => {
        pickCells = event.target.value === "cells";
      });
      return div;
    };
    mode.addTo(map);
  } else if (checkboxes) {
    pickCells = true;
  }
  function toggleCell(row) {
    if (!pickCells) return;
    const box = document.querySelector(`input[name="${checkboxes}"][value="${row.cell_x},${row.cell_y}"]`);
    if (!box) return;
    box.checked = !box.checked;
  }

  if (element.dataset.cellsUrl) {
    fetchRows(element.dataset.cellsUrl).then((rows) => {
      if (!rows.length) return;
      const scores = rows.map((row) => row.score);
      const high = Math.max(...scores);
      const low = Math.min(...scores);
      const squares = L.featureGroup();
      const dots = L.featureGroup();
      for (const row of rows) {
        const { share, index } = band(row.score, low, high);
        const tip = `${row.count} incidents, score ${row.score}`;
        const square = L.rectangle([[row.south, row.west], [row.north, row.east]], {
          weight: 0,
          fillOpacity: 0.35 + 0.55 * share,
          fillColor: COLOURS[index],
        }).bindTooltip(tip).addTo(squares);
        if (checkboxes) square.on("click", () => toggleCell(row));
        if (index > 0) {
          L.circleMarker([(row.south + row.north) / 2, (row.west + row.east) / 2], {
            radius: 2 + 4 * share,
            weight: 0.5,
            color: "#0b0c0c",
            fillColor: COLOURS[index],
            fillOpacity: 0.9,
          })
            .bindTooltip(tip)
            .on("click", () => checkboxes && toggleCell(row))
            .addTo(dots);
        }
      }
      const cells = L.layerGroup([squares]);
      function switchLayer() {
        const zoomedOut = map.getZoom() < DOT_ZOOM;
        cells.clearLayers();
        cells.addLayer(zoomedOut ? dots : squares);
      }
      cells.addTo(map);
      control.addOverlay(cells, "Cells by score");
      legend(element.dataset.scoreLabel || "Score", low, high, `Zoomed out, only the upper two bands show, as dots.`);
      bounds.extend(squares.getBounds());
      map.on("zoomend", switchLayer);
      fit();
      switchLayer();
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
        const { index } = band(row.rate, low, high);
        L.circleMarker([row.latitude, row.longitude], {
          radius: 7,
          weight: 1,
          color: "#0b0c0c",
          fillColor: COLOURS[index],
          fillOpacity: 0.8,
        }).bindTooltip(`${row.lsoa}: ${row.rate} per 1,000 residents`).addTo(layer);
      }
      control.addOverlay(layer, "LSOA rates per 1,000 residents");
      bounds.extend(layer.getBounds());
      fit();
    });
  }

  const hotspot = { color: "#1d70b8", weight: 3, fillOpacity: 0.25 };
  if (element.dataset.outline) {
    const points = JSON.parse(element.dataset.outline).map(([lon, lat]) => [lat, lon]);
    const outline = L.polygon(points, hotspot).addTo(map);
    control.addOverlay(outline, "Hotspot outline");
    areaBounds = outline.getBounds().pad(1.5);
    fit();
  }
  if (element.dataset.hotspotCells) {
    const cells = JSON.parse(element.dataset.hotspotCells);
    if (cells.length) {
      const layer = L.featureGroup(cells.map((cell) => L.rectangle(cell, hotspot))).addTo(map);
      control.addOverlay(layer, "Hotspot cells");
      areaBounds = layer.getBounds().pad(1.5);
      fit();
    }
  }
  // The hotspot itself decides the view on its own page, even once the area's outline arrives.
  if (element.dataset.outline || element.dataset.hotspotCells) {
    const hotspotBounds = areaBounds;
    fit = function fitHotspot() {
      if (hotspotBounds && hotspotBounds.isValid()) map.fitBounds(hotspotBounds, { maxZoom: 17 });
    };
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
      if (pickCells) return; // cells mode: a click ticks a cell, never adds a corner
      const line = `${event.latlng.lat.toFixed(6)}, ${event.latlng.lng.toFixed(6)}`;
      field.value = field.value.trim() ? `${field.value.trim()}\n${line}` : line;
      redraw();
    });
    field.addEventListener("input", redraw);
    redraw();
  }
})();
