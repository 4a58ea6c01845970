// Small glue for htmx: CSRF on every request, Django messages from HX-Trigger,
// and focus moved to the swapped content so keyboard and screen-reader users follow it.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { event.detail.headers["X-CSRFToken"] = meta.content; }
  });
  document.body.addEventListener("messages", function (event) {
    var box = document.getElementById("messages");
    if (!box) { return; }
    box.textContent = "";
    (event.detail.value || []).forEach(function (message) {
      var p = document.createElement("p");
      p.className = "message message-" + message.level;
      p.textContent = message.text;
      box.appendChild(p);
    });
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var focus = target.querySelector("[data-focus-after-swap]") || target.querySelector(".field-error, [aria-invalid=true]");
    if (focus) {
      if (!focus.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(focus.tagName)) {
        focus.setAttribute("tabindex", "-1");
      }
      focus.focus();
    }
  });
})();
