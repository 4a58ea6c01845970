// Saving a view: the list's filters may have changed in place (htmx pushes them to the
// address bar), so the form takes the query and the way back from the address bar.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.save-view")) { return; }
    var kept = new URLSearchParams();
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      if (value && key !== "page" && key !== "view") { kept.append(key, value); }
    });
    form.querySelector("input[name=query]").value = kept.toString();
    form.querySelector("input[name=next]").value = window.location.pathname + window.location.search;
  }, true);
})();
