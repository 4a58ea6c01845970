// Small glue for htmx: CSRF on every request, Django messages from HX-Trigger,
// and focus moved to the swapped content so keyboard and screen-reader users follow it.
(function () {
  "use strict";
  // CSS hides what only a no-JavaScript page needs (the language switch's button).
  document.documentElement.classList.add("js");
  function showMessages(messages) {
    var box = document.getElementById("messages");
    if (!box) { return; }
    box.textContent = "";
    messages.forEach(function (message) {
      var p = document.createElement("p");
      p.className = "message message-" + message.level;
      p.textContent = message.text;
      box.appendChild(p);
    });
  }
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { event.detail.headers["X-CSRFToken"] = meta.content; }
    // Filter forms: leave empty fields out, so the pushed URL is short enough to share.
    var data = event.detail.formData;
    if (event.detail.verb === "get" && data) {
      Array.from(new Set(data.keys())).forEach(function (key) {
        if (data.getAll(key).every(function (value) { return value === ""; })) { data.delete(key); }
      });
    }
  });
  document.body.addEventListener("messages", function (event) {
    showMessages(event.detail.value || []);
  });
  // A refused request (403, 404, 500…) swaps nothing; say so instead of staying silent.
  document.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("messages");
    var status = event.detail.xhr.status;
    var text = box && (box.getAttribute("data-error-" + status) || box.getAttribute("data-error-other"));
    showMessages([{ level: "error", text: (text || "Error") + " (" + status + ")" }]);
  });
  // event.target is the swapped-in element (for outerHTML swaps detail.target is the old one).
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.target;
    var focus = root.matches && root.matches("[data-focus-after-swap]") ? root : root.querySelector("[data-focus-after-swap]") ||
      root.querySelector("[aria-invalid=true]") || root.querySelector(".errorlist");
    if (focus) {
      if (!focus.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(focus.tagName)) {
        focus.setAttribute("tabindex", "-1");
      }
      focus.focus();
    }
  });
  // The header's menu on narrow screens: without JavaScript a link to #site-menu opens it
  // (CSS :target); here it becomes a button that says whether the menu is open.
  (function menuButton() {
    var link = document.querySelector("[data-menu-toggle]");
    var header = link && link.closest(".site-header");
    if (!header) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "menu-toggle";
    button.textContent = link.textContent;
    button.setAttribute("aria-controls", link.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", "false");
    link.replaceWith(button);
    function show(open) {
      header.classList.toggle("menu-open", open);
      button.setAttribute("aria-expanded", String(open));
    }
    button.addEventListener("click", function () { show(button.getAttribute("aria-expanded") !== "true"); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        show(false);
        button.focus();
      }
    });
  })();
  // A table wider than its place scrolls inside it (CSS); keyboard users reach it with Tab
  // and scroll it with the arrow keys only if it can take focus.
  function focusScrollingTables(root) {
    (root || document).querySelectorAll("main .table-wrap, main table").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); }
      if (!scrolls && box.getAttribute("tabindex") === "0") { box.removeAttribute("tabindex"); }
    });
  }
  focusScrollingTables();
  window.addEventListener("resize", function () { focusScrollingTables(); });
  document.addEventListener("htmx:afterSettle", function () { focusScrollingTables(); });
  // Forms marked data-submit-on-change (the language switch) submit when a choice changes.
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-submit-on-change")) { form.requestSubmit(); }
  });
})();


// The error summary of a refused form (core/_error_summary.html), as GOV.UK does it: it takes
// the focus when the page loads, so it is read first; each of its links moves the focus into
// the field it names (an anchor alone would only scroll there).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  });
})();
