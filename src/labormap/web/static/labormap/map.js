// Country choropleth (when a boundaries file is configured) and region drill-down with points or clusters.
// No base tiles: the map must work inside a closed network.
(function () {
  var cfgEl = document.getElementById("map-config");
  if (!cfgEl || typeof L === "undefined") return;
  var cfg = JSON.parse(cfgEl.textContent);
  // level colours come from the page (labormap.levels via the view), never repeated here
  var colours = {};
  var labels = {};
  (cfg.levels || []).forEach(function (l) { colours[l.code] = l.colour; labels[l.code] = l.label; });
  var shades = ["#e9eef3", "#fde0c5", "#f9b98a", "#f28d5c", "#e0583a", "#b71c1c"];
  function qs(extra) {
    var p = new URLSearchParams(cfg.params || {});
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    return p.toString();
  }
  function esc(s) { var d = document.createElement("div"); d.textContent = s == null ? "" : String(s); return d.innerHTML; }

  var country = document.getElementById("country-map");
  if (country) {
    var map = L.map(country, { zoomSnap: 0.25, attributionControl: true }).setView([48.2, 67.5], 4.5);
    map.attributionControl.setPrefix(false);
    Promise.all([fetch("boundaries.geojson").then(function (r) { return r.json(); }),
                 fetch(cfg.layer_url || ("regions.json?" + qs())).then(function (r) { return r.json(); })]).then(function (res) {
      var stats = {};
      res[1].regions.forEach(function (r) { stats[r.kato] = r; });
      var layer = L.geoJSON(res[0], {
        attribution: "© OpenStreetMap contributors",
        style: function (f) {
          var s = stats[f.properties.kato] || {};
          return { className: "lm-region lm-region-" + f.properties.kato, color: "#fff", weight: 1.5,
                   fillColor: shades[s.share_class || 0], fillOpacity: 0.9 };
        },
        onEachFeature: function (f, lyr) {
          var s = stats[f.properties.kato] || {};
          var name = f.properties["name_" + cfg.lang] || f.properties.name_ru;
          lyr.bindTooltip(esc(name) + ": " + (s.flagged || 0) + " / " + (s.total || 0));
          lyr.on("click", function () { window.location.search = qs({ region: f.properties.kato }); });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
    });
  }

  var regionEl = document.getElementById("region-map");
  if (regionEl) {
    var region = regionEl.getAttribute("data-region");
    var rmap = L.map(regionEl, { zoomSnap: 0.5 });
    rmap.attributionControl.setPrefix(false);
    var pointsLayer = L.layerGroup().addTo(rmap);
    var fitted = false;
    if (cfg.geojson) {
      // this region's outline only: the national file is over a megabyte
      fetch("region/" + region + "/outline.geojson").then(function (r) { return r.json(); }).then(function (g) {
        var outline = L.geoJSON(g, {
          attribution: "© OpenStreetMap contributors",
          style: { color: "#12355b", weight: 2, fill: false, interactive: false } }).addTo(rmap);
        if (!fitted) { rmap.fitBounds(outline.getBounds()); fitted = true; }
      });
    }
    function load() {
      var z = fitted ? rmap.getZoom() : 7;
      fetch("region/" + region + "/points.json?" + qs({ zoom: z })).then(function (r) { return r.json(); }).then(function (d) {
        pointsLayer.clearLayers();
        var bounds = [];
        if (d.mode === "points") {
          // points arrive lowest score first, so the high-risk ones are drawn last, on top
          var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
          d.points.forEach(function (p) {
            bounds.push([p.lat, p.lon]);
            var w = cfg.words || {};
            var lvl = labels[p.level] || w.no_score || "";
            var marker = L.circleMarker([p.lat, p.lon], { radius: touch ? 9 : 6, color: "#fff", weight: 1,
              fillColor: colours[p.level] || "#888", fillOpacity: 0.9, className: "lm-point lm-level-" + (p.level || "none") })
              .bindPopup('<a href="../employers/' + encodeURIComponent(p.bin) + '/">' + esc(p.name) + "</a>" +
                         "<br>" + esc(w.level || "") + ": " + esc(lvl) +
                         (p.score == null ? "" : "<br>" + esc(w.score || "") + ": " + Math.round(p.score)))
              .addTo(pointsLayer);
            if (p.level === "high") marker.bringToFront();
          });
        } else {
          d.clusters.forEach(function (c) {
            bounds.push([c.lat, c.lon]);
            var size = Math.min(60, 22 + Math.log(c.count) * 5);
            L.marker([c.lat, c.lon], { icon: L.divIcon({ className: "cluster-icon" + (c.high ? " hot" : ""),
              html: '<span style="line-height:' + size + 'px">' + c.count + "</span>", iconSize: [size, size] }) })
              .bindTooltip(c.count + " / " + c.high)
              .on("click", function () { rmap.setView([c.lat, c.lon], rmap.getZoom() + 2); })
              .addTo(pointsLayer);
          });
        }
        var note = document.getElementById("points-note");
        if (note) note.textContent = d.count + (d.mode === "clusters" ? " · clusters" : "");
        if (!fitted && bounds.length) { rmap.fitBounds(bounds, { padding: [20, 20] }); fitted = true; }
        if (!fitted) { rmap.setView([48, 67], 5); fitted = true; }
      });
    }
    rmap.on("moveend", function () { if (fitted) load(); });
    load();
  }
})();
