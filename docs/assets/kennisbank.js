/*
 * Kennisbank: small progressive enhancements. Every page works without this file:
 * - e-mail addresses read "naam [at] domein.be" and become mailto links here;
 * - the overview lists every practice, and gets its facet filters here;
 * - the Pagefind search box in the header is started here.
 */
(function () {
  "use strict";

  /* E-mail: the address is ROT13-encoded in data-kb-mail so harvesters find no '@' or 'mailto:'. */
  function rot13(text) {
    return text.replace(/[a-zA-Z]/g, function (c) {
      var base = c <= "Z" ? 65 : 97;
      return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
    });
  }
  function enhanceEmails() {
    document.querySelectorAll("[data-kb-mail]").forEach(function (span) {
      var address = rot13(span.getAttribute("data-kb-mail"));
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      span.replaceWith(link);
    });
  }

  /* Overview facets: OR within a facet, AND across facets; the count is announced politely. */
  function enhanceOverview() {
    var form = document.querySelector("[data-kb-facets]");
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-kb-cards] > li"));
    var count = document.querySelector("[data-kb-count]");
    if (!form || !count) { return; }
    form.hidden = false;
    var total = cards.length;
    function selected() {
      var chosen = {};
      form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        (chosen[box.name] = chosen[box.name] || []).push(box.value);
      });
      return chosen;
    }
    function apply() {
      var chosen = selected();
      var shown = 0;
      cards.forEach(function (card) {
        var visible = Object.keys(chosen).every(function (facet) {
          var values = (card.getAttribute("data-" + facet) || "").split(" ");
          return chosen[facet].some(function (value) { return values.indexOf(value) !== -1; });
        });
        card.hidden = !visible;
        if (visible) { shown += 1; }
      });
      var template = shown === total ? count.getAttribute("data-kb-template-all") : count.getAttribute("data-kb-template-some");
      count.textContent = template.replace("{n}", shown).replace("{shown}", shown).replace("{total}", total);
    }
    form.addEventListener("change", apply);
    form.querySelector("[data-kb-clear]").addEventListener("click", function () {
      form.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = false; });
      apply();
    });
    apply();
  }

  /* Search: Pagefind's UI picks the index and its own labels from <html lang>. */
  function startSearch() {
    var panel = document.getElementById("kb-search");
    var toggle = document.querySelector(".kb-search__toggle");
    if (!panel || typeof PagefindUI === "undefined") { return; }
    new PagefindUI({
      element: "#kb-search",
      showSubResults: false,
      showImages: false,
      excerptLength: 18,
      resetStyles: false,
      translations: { placeholder: panel.getAttribute("data-kb-placeholder") }
    });
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = panel.classList.toggle("kb-search__panel--open");
        toggle.setAttribute("aria-expanded", String(open));
        if (open) { var input = panel.querySelector("input"); if (input) { input.focus(); } }
      });
    }
  }

  function start() {
    enhanceEmails();
    enhanceOverview();
    startSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
