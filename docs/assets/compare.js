/*
 * Comparing practices (kennisbank/site/compare.py). Every page works without this file: the comparison
 * page is then a list of every practice, and the "Vergelijken" checkboxes stay hidden.
 * - On pages with practices (overview, theme, region and practice pages) each practice gets a
 *   "Vergelijken" checkbox; the chosen ones are kept for this tab (sessionStorage), and a bar at the
 *   foot of the page leads to the comparison.
 * - The comparison page reads its choice from the address (praktijken/vergelijk/?p=slug1,slug2), so
 *   it can be shared and bookmarked, loads the chosen practices' facts (feiten/<slug>.json) and puts
 *   them side by side in a table.
 * The words come from the page ([data-kb-compare-texts]), in its language. Loads after kennisbank.js
 * (mkdocs.yml), whose e-mail decoding it uses for the loaded facts.
 */
(function () {
  "use strict";

  var STORE_KEY = "kennisbank.vergelijk.v1";
  var SLUG = /^[a-z0-9][a-z0-9-]*$/;

  function texts() {
    var found = {};
    var holder = document.querySelector("[data-kb-compare-texts]");
    if (holder) {
      holder.querySelectorAll("[data-key]").forEach(function (span) { found[span.getAttribute("data-key")] = span.textContent; });
    }
    return found;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }
  function load() {
    try {
      var stored = JSON.parse(window.sessionStorage.getItem(STORE_KEY));
      return Array.isArray(stored) ? stored.filter(function (slug) { return SLUG.test(slug); }) : [];
    } catch (error) { return []; }
  }
  function save(slugs) {
    try { window.sessionStorage.setItem(STORE_KEY, JSON.stringify(slugs)); } catch (error) { /* private mode */ }
  }
  function announce(message) {
    var region = document.querySelector("[data-kb-compare-announce]");
    if (region) { region.textContent = message; }
  }
  function statusText(words, count, max) {
    var text = fill(words.status || "", { n: count, max: max });
    if (count < 2) { text += " " + (words.need_two || ""); }
    if (count >= max) { text += " " + (words.full || ""); }
    return text;
  }

  /* E-mail addresses in loaded facts are encoded as on the practice pages; kennisbank.js decodes them. */
  function enhanceEmails(root) {
    if (window.kennisbank && window.kennisbank.enhanceEmails) { window.kennisbank.enhanceEmails(root); }
  }
  /* Words a screen reader hears after a control's visible label ("Vergelijken: <title>"). */
  function hiddenHint(text) {
    var hint = document.createElement("span");
    hint.className = "kb-visually-hidden";
    hint.textContent = ": " + text;
    return hint;
  }

  /* A "Vergelijken" checkbox, the same markup as the toggle macro in templates/_compare.j2. */
  function makeToggle(slug, title, words) {
    var label = document.createElement("label");
    label.className = "kb-compare-toggle";
    label.setAttribute("data-pagefind-ignore", "");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.setAttribute("data-kb-compare", slug);
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + (words.toggle || "")));
    label.appendChild(hiddenHint(title));
    return label;
  }
  function slugOfLink(link) {
    var parts = (link.getAttribute("href") || "").split("/").filter(Boolean);
    var slug = parts[parts.length - 1];
    return SLUG.test(slug || "") ? slug : null;
  }
  /* Cards (templates/_macros.j2) get a checkbox unless their markup already has one. */
  function addCardToggles(words) {
    document.querySelectorAll(".kb-card").forEach(function (card) {
      if (card.querySelector("[data-kb-compare]")) { return; }
      var link = card.querySelector(".kb-card__title a");
      var slug = link && slugOfLink(link);
      if (slug) { card.appendChild(makeToggle(slug, link.textContent, words)); }
    });
  }
  function syncToggles(chosen, max) {
    document.querySelectorAll("input[data-kb-compare]").forEach(function (box) {
      box.checked = chosen.indexOf(box.getAttribute("data-kb-compare")) !== -1;
      box.disabled = !box.checked && chosen.length >= max;
      box.closest(".kb-compare-toggle").hidden = false;
    });
  }
  function onToggle(handler) {
    document.addEventListener("change", function (event) {
      var box = event.target;
      if (box.matches && box.matches("input[data-kb-compare]")) { handler(box.getAttribute("data-kb-compare"), box.checked); }
    });
  }
  function changed(chosen, slug, on, max) {
    var next = chosen.filter(function (s) { return s !== slug; });
    if (on && next.length < max) { next.push(slug); }
    return next;
  }

  /* Pages with practices: the checkboxes and the bar that leads to the comparison. */
  function enhanceChoosing(bar) {
    var words = texts();
    var max = parseInt(bar.getAttribute("data-kb-compare-max"), 10) || 4;
    var base = bar.getAttribute("data-kb-compare-href");
    var status = bar.querySelector("[data-kb-compare-status]");
    var go = bar.querySelector("[data-kb-compare-go]");
    var chosen = load().slice(0, max);
    addCardToggles(words);
    function render() {
      syncToggles(chosen, max);
      bar.hidden = chosen.length === 0;
      status.textContent = statusText(words, chosen.length, max);
      if (chosen.length >= 2) {
        go.setAttribute("href", base + "?p=" + chosen.join(","));
        go.removeAttribute("aria-disabled");
      } else {
        go.removeAttribute("href");
        go.setAttribute("aria-disabled", "true");
      }
    }
    function update(next) {
      chosen = next;
      save(chosen);
      render();
      announce(status.textContent);
    }
    onToggle(function (slug, on) { update(changed(chosen, slug, on, max)); });
    bar.querySelector("[data-kb-compare-clear]").addEventListener("click", function () { update([]); });
    render();
  }

  /* The comparison page. */
  function enhanceComparison(root) {
    var words = texts();
    var max = parseInt(root.getAttribute("data-kb-compare-max"), 10) || 4;
    var factsBase = root.getAttribute("data-kb-compare-facts");
    var view = root.querySelector("[data-kb-compare-view]");
    var table = root.querySelector("[data-kb-compare-table]");
    var pageStatus = root.querySelector("[data-kb-compare-page-status]");
    var list = root.querySelector("[data-kb-compare-choices]");
    var known = {};
    list.querySelectorAll("li[data-kb-slug]").forEach(function (item) {
      var link = item.querySelector("a");
      known[item.getAttribute("data-kb-slug")] = item;
      item.appendChild(document.createTextNode(" "));
      item.appendChild(makeToggle(item.getAttribute("data-kb-slug"), link.textContent, words));
    });
    root.querySelector("[data-kb-compare-nojs]").hidden = true;
    var cache = {};
    var asked = (new URLSearchParams(window.location.search).get("p") || "").split(",").filter(Boolean);
    var unknown = asked.filter(function (slug) { return !known[slug]; });
    var chosen = asked.filter(function (slug, index) { return known[slug] && asked.indexOf(slug) === index; }).slice(0, max);
    if (!asked.length) { chosen = load().filter(function (slug) { return known[slug]; }).slice(0, max); }

    function facts(slug) {
      if (!cache[slug]) {
        cache[slug] = fetch(factsBase + slug + ".json").then(function (response) {
          if (!response.ok) { throw new Error(response.status + " " + slug); }
          return response.json();
        });
      }
      return cache[slug];
    }
    function header(doc) {
      var cell = document.createElement("th");
      cell.scope = "col";
      var link = document.createElement("a");
      link.href = doc.href;
      link.textContent = doc.title;
      if (doc.lang) { link.lang = doc.lang; }
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "kb-compare__remove";
      remove.setAttribute("data-kb-compare-remove", doc.slug);
      remove.textContent = words.remove || "";
      remove.appendChild(hiddenHint(doc.title));
      cell.appendChild(link);
      cell.appendChild(remove);
      return cell;
    }
    function draw(docs) {
      var head = table.querySelector("thead tr");
      while (head.children.length > 1) { head.removeChild(head.lastChild); }
      docs.forEach(function (doc) { head.appendChild(header(doc)); });
      table.querySelectorAll("tbody tr[data-kb-fact]").forEach(function (row) {
        while (row.children.length > 1) { row.removeChild(row.lastChild); }
        docs.forEach(function (doc) {
          var cell = document.createElement("td");
          cell.setAttribute("data-label", doc.title);
          cell.innerHTML = doc.facts[row.getAttribute("data-kb-fact")] || "";  // generated, escaped HTML of this site
          row.appendChild(cell);
        });
      });
      table.setAttribute("data-kb-columns", String(docs.length));
      enhanceEmails(table);
      view.hidden = docs.length === 0;
    }
    function render() {
      save(chosen);
      syncToggles(chosen, max);
      var query = chosen.length ? "?p=" + chosen.join(",") : "";
      window.history.replaceState(null, "", window.location.pathname + query + window.location.hash);
      var message = [];
      if (unknown.length) { message.push(fill(words.unknown || "", { slugs: unknown.join(", ") })); }
      message.push(statusText(words, chosen.length, max));
      pageStatus.textContent = message.join(" ");
      pageStatus.hidden = false;
      var wanted = chosen.slice();
      return Promise.all(wanted.map(facts)).then(function (docs) {
        if (wanted.join(",") === chosen.join(",")) { draw(docs); }
      }, function () {
        pageStatus.textContent = words.failed || "";
        view.hidden = true;
      });
    }
    onToggle(function (slug, on) {
      unknown = [];
      chosen = changed(chosen, slug, on, max);
      render().then(function () { announce(pageStatus.textContent); });
    });
    table.addEventListener("click", function (event) {
      var button = event.target.closest("[data-kb-compare-remove]");
      if (!button) { return; }
      unknown = [];
      chosen = changed(chosen, button.getAttribute("data-kb-compare-remove"), false, max);
      render().then(function () {
        announce(pageStatus.textContent);
        var next = table.querySelector("[data-kb-compare-remove]") || list.querySelector("input[data-kb-compare]");
        if (next) { next.focus(); }
      });
    });
    root.querySelector("[data-kb-compare-print]").addEventListener("click", function () { window.print(); });
    var filter = root.querySelector("[data-kb-compare-filter]");
    filter.hidden = false;
    function plain(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
    filter.querySelector("input").addEventListener("input", function (event) {
      var wanted = plain(event.target.value.trim());
      Object.keys(known).forEach(function (slug) {
        known[slug].hidden = wanted !== "" && plain(known[slug].textContent).indexOf(wanted) === -1;
      });
    });
    render();
  }

  function start() {
    var page = document.querySelector("[data-kb-compare-page]");
    if (page) {
      enhanceComparison(page);
      return;
    }
    var bar = document.querySelector("[data-kb-compare-bar]");
    if (bar) { enhanceChoosing(bar); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
