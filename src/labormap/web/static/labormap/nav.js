/* Phones: the header's navigation folds behind a menu button (see "phones" in site.css). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var button = document.getElementById("menu-toggle");
  var header = button && button.closest("header");
  if (!button || !header) return;
  button.addEventListener("click", function () {
    var open = header.classList.toggle("nav-open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
