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

  /*
   * Search: Pagefind's UI picks the index and its own labels from <html lang>. It searches through
   * assets/zoeken/pagefind.js (data-kb-bundle), Pagefind's API with the results a reader should see:
   * no prefix junk, listing pages after practices, "no practice in X yet" for a municipality.
   */
  function startSearch() {
    var panel = document.getElementById("kb-search");
    var toggle = document.querySelector(".kb-search__toggle");
    if (!panel || typeof PagefindUI === "undefined") { return; }
    new PagefindUI({
      element: "#kb-search",
      // Absolute: Pagefind's UI imports from it, relative to its own script, not to this page.
      bundlePath: new URL(panel.getAttribute("data-kb-bundle"), document.baseURI).pathname,
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

  /*
   * Step guide: each checklist item gets a checkbox; ticks are kept in localStorage under one key
   * for the whole guide, so the landing page can show progress per step. Without JavaScript the
   * checklists stay plain lists and the buttons stay hidden.
   */
  var GUIDE_KEY = "kennisbank.taalbeleid.v1";
  function loadTicks() {
    try { return JSON.parse(window.localStorage.getItem(GUIDE_KEY)) || {}; } catch (error) { return {}; }
  }
  function saveTicks(ticks) {
    try { window.localStorage.setItem(GUIDE_KEY, JSON.stringify(ticks)); } catch (error) { /* private mode */ }
  }
  function enhanceGuide() {
    var ticks = loadTicks();
    document.querySelectorAll("li[data-kb-item]").forEach(function (item) {
      var id = item.getAttribute("data-kb-item");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = Boolean(ticks[id]);
      box.addEventListener("change", function () {
        var current = loadTicks();
        if (box.checked) { current[id] = true; } else { delete current[id]; }
        saveTicks(current);
        item.classList.toggle("kb-checklist__item--done", box.checked);
      });
      label.appendChild(box);
      while (item.firstChild) { label.appendChild(item.firstChild); }
      item.appendChild(label);
      item.classList.toggle("kb-checklist__item--done", box.checked);
    });
    document.querySelectorAll("[data-kb-progress]").forEach(function (counter) {
      var ids = counter.getAttribute("data-kb-items").split(" ");
      var done = ids.filter(function (id) { return ticks[id]; }).length;
      counter.textContent = counter.getAttribute("data-kb-label").replace("{done}", done).replace("{total}", ids.length);
      counter.hidden = false;
    });
    document.querySelectorAll("[data-kb-guide-actions]").forEach(function (actions) {
      actions.hidden = false;
      actions.querySelector("[data-kb-print]").addEventListener("click", function () { window.print(); });
      actions.querySelector("[data-kb-reset]").addEventListener("click", function () {
        saveTicks({});
        window.location.reload();
      });
    });
  }

  function start() {
    enhanceEmails();
    enhanceOverview();
    enhanceGuide();
    startSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
