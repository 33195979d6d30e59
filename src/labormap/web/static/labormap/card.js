// Score history chart of the employer card (data from the json_script block; no inline script: CSP).
(function () {
  var el = document.getElementById("history-data");
  var canvas = document.getElementById("history-chart");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var d = JSON.parse(el.textContent);
  var colours = { high: "#c62828", elevated: "#ef6c00", moderate: "#f9a825", low: "#2e7d32" };
  var t = d.thresholds || {};
  var datasets = [{
    label: document.documentElement.lang === "en" ? "Score" : (document.documentElement.lang === "kk" ? "Балл" : "Балл"),
    data: d.scores, borderColor: "#12355b", tension: 0.2, fill: false,
    pointBackgroundColor: d.levels.map(function (l) { return colours[l] || "#888"; }), pointRadius: 3
  }];
  ["high", "elevated", "moderate"].forEach(function (k) {
    if (typeof t[k] === "number") {
      var v = t[k] <= 1 ? t[k] * 100 : t[k];
      datasets.push({ label: k, data: d.labels.map(function () { return v; }), borderColor: colours[k],
                      borderDash: [4, 4], pointRadius: 0, borderWidth: 1 });
    }
  });
  new Chart(canvas, { type: "line", data: { labels: d.labels, datasets: datasets },
    options: { animation: false, scales: { y: { min: 0, max: 100 } }, plugins: { legend: { display: false } } } });
})();
