// Score history chart of the employer card (data from the json_script block; no inline script: CSP).
(function () {
  var el = document.getElementById("history-data");
  var canvas = document.getElementById("history-chart");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var d = JSON.parse(el.textContent);
  // levels (codes, colours, labels) and the axis dates come from the page (labormap.levels, labormap.fmt)
  var defs = d.level_defs || [];
  var colours = {};
  defs.forEach(function (l) { colours[l.code] = l.colour; });
  var t = d.thresholds || {};
  var datasets = [{
    label: d.score_label,
    data: d.scores, borderColor: "#12355b", tension: 0.2, fill: false,
    pointBackgroundColor: d.levels.map(function (l) { return colours[l] || "#888"; }), pointRadius: 3
  }];
  defs.forEach(function (l) {
    var k = l.code;
    if (typeof t[k] === "number") {
      var v = t[k] <= 1 ? t[k] * 100 : t[k];
      datasets.push({ label: l.label, data: d.labels.map(function () { return v; }), borderColor: l.colour,
                      borderDash: [4, 4], pointRadius: 0, borderWidth: 1 });
    }
  });
  new Chart(canvas, { type: "line", data: { labels: d.labels, datasets: datasets },
    options: { animation: false, scales: { y: { min: 0, max: 100 } }, plugins: { legend: { display: false } } } });
})();
