/*
 * Kennisbank: small progressive enhancements. Every page works without this file:
 * - e-mail addresses read "naam [at] domein.be" and become mailto links here;
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
  function enhanceEmails(root) {
    (root || document).querySelectorAll("[data-kb-mail]").forEach(function (span) {
      var address = rot13(span.getAttribute("data-kb-mail"));
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      span.replaceWith(link);
    });
  }

  /*
   * Search: Pagefind's UI picks the index and its own labels from <html lang>. It searches through
   * assets/zoeken/pagefind.js (data-kb-bundle), Pagefind's API with the results a reader should see:
   * no prefix junk, listing pages after practices, "no practice in X yet" for a municipality.
   */
  /*
   * Pagefind's own labels where they read badly: the French ones are literal ("Nettoyer", "Montre
   * les résultats", no space before the colon), the Dutch "Reset" is English. [SEARCH_TERM] and
   * [DIFFERENT_TERM] are Pagefind's placeholders. French spacing is written in: the site's French
   * typography (kennisbank.site.typography) works on pages, and these strings are in a script.
   */
  var SEARCH_WORDING = {
    nl: { clear_search: "Wissen" },
    fr: {
      clear_search: "Effacer",
      load_more: "Afficher plus de résultats",
      search_label: "Rechercher dans ce site",
      zero_results: "Aucun résultat pour [SEARCH_TERM]",
      total_zero_results: "Aucun résultat",
      alt_search: "Aucun résultat pour [SEARCH_TERM]. Résultats pour [DIFFERENT_TERM]",
      search_suggestion: "Aucun résultat pour [SEARCH_TERM]. Essayez l'une des recherches suivantes\u00a0:",
      searching: "Recherche de [SEARCH_TERM]…"
    }
  };

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
      translations: Object.assign({ placeholder: panel.getAttribute("data-kb-placeholder") },
                                  SEARCH_WORDING[document.documentElement.lang] || {})
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

  /* For content added later (the comparison's facts, assets/compare.js). */
  window.kennisbank = { enhanceEmails: enhanceEmails };

  function start() {
    enhanceEmails();
    enhanceGuide();
    startSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
