// Draws the scored cells on a Leaflet map. Without JavaScript the page still has the table.
(function () {
  const element = document.getElementById("hotspot-map");
  if (!element || typeof L === "undefined") return;
  element.classList.add("app-map--active");
  const map = L.map(element, { zoomSnap: 0.25 });
  if (element.dataset.tileUrl) {
    L.tileLayer(element.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
  }
  fetch(element.dataset.cellsUrl, { credentials: "same-origin" })
    .then((response) => response.json())
    .then((table) => {
      const rows = table.rows;
      if (!rows.length) return;
      const scores = rows.map((row) => row.score);
      const high = Math.max(...scores);
      const low = Math.min(...scores);
      const layer = L.featureGroup();
      for (const row of rows) {
        const share = high > low ? (row.score - low) / (high - low) : 1;
        L.rectangle([[row.south, row.west], [row.north, row.east]], {
          weight: 0,
          fillOpacity: 0.15 + 0.75 * share,
          fillColor: share > 0.66 ? "#d4351c" : share > 0.33 ? "#f47738" : "#ffdd00",
        }).bindTooltip(`${row.count} incidents, score ${row.score}`).addTo(layer);
      }
      layer.addTo(map);
      map.fitBounds(layer.getBounds());
    });
})();
