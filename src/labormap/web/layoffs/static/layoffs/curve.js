// Expected-release curve (data from the json_script block; no inline script: CSP).
(function () {
  var el = document.getElementById("layoffs-curve-data");
  var canvas = document.getElementById("layoffs-curve");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var d = JSON.parse(el.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: d.labels, datasets: [{ label: d.title, data: d.workers, backgroundColor: "#ef6c00" }] },
    options: { animation: false, scales: { y: { beginAtZero: true } }, plugins: { legend: { display: false } } }
  });
})();
