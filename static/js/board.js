// The project board: drag a card to another column to move it. The drop fills in the card's
// own move form (the keyboard and no-JavaScript path) and submits it through htmx, so the
// move is the same version-checked request either way.
(function () {
  "use strict";
  if (typeof Sortable === "undefined" || typeof htmx === "undefined") { return; }

  function allowedFor(card) {
    return (card.getAttribute("data-allowed") || "").split(" ").filter(Boolean);
  }

  function closedBox() { return document.getElementById("closed-columns"); }

  function setUp(list) {
    if (list.hasAttribute("data-sortable")) { return; }
    list.setAttribute("data-sortable", "");
    Sortable.create(list, {
      group: {
        name: "board",
        pull: true,
        // Only into a column the move table allows from the card's status.
        put: function (to, from, card) {
          var status = to.el.getAttribute("data-status");
          return status !== card.getAttribute("data-status") && allowedFor(card).indexOf(status) !== -1;
        }
      },
      sort: false,
      draggable: ".board-card[data-allowed]",
      filter: "input, select, textarea, button, summary, label",
      preventOnFilter: false,
      onStart: function () {
        // The closed columns are folded: open them so a card can be dropped there.
        var box = closedBox();
        if (box && !box.open) { box.open = true; box.setAttribute("data-opened-for-drag", ""); }
      },
      onEnd: function (event) {
        var box = closedBox();
        var card = event.item;
        if (event.from === event.to) {
          if (box && box.hasAttribute("data-opened-for-drag")) { box.open = false; }
          if (box) { box.removeAttribute("data-opened-for-drag"); }
          return;
        }
        if (box) { box.removeAttribute("data-opened-for-drag"); }
        // Sortable leaves style attributes behind; htmx copies an element's attributes while
        // it settles a swap, and a copied style attribute is an inline style the policy blocks.
        document.querySelectorAll("#board [style]").forEach(function (el) { el.removeAttribute("style"); });
        var form = card.querySelector("form.card-move");
        form.querySelector("select[name=status]").value = event.to.getAttribute("data-status");
        card.setAttribute("data-dragged-from", event.from.id);
        card.classList.add("board-card-moving");
        htmx.trigger(form, "submit");
      }
    });
  }

  htmx.onLoad(function (root) {
    var scope = root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("ul.cards[data-status]")) { setUp(scope); }
    scope.querySelectorAll("ul.cards[data-status]").forEach(setUp);
  });

  // A refused drop (a stale version, a rule): put the card back in the column it came from
  // before its answer (the card with the reason and the form again) replaces it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var card = event.detail.target;
    if (!card || !card.hasAttribute || !card.hasAttribute("data-dragged-from")) { return; }
    var origin = document.getElementById(card.getAttribute("data-dragged-from"));
    card.removeAttribute("data-dragged-from");
    card.classList.remove("board-card-moving");
    if (event.detail.xhr.status >= 400 && origin) { origin.insertBefore(card, origin.firstChild); }
  });
})();
