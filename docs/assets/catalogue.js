/*
 * The overview of all practices as a catalogue (praktijken/, from kennisbank/site/templates/overview.md.j2).
 *
 * Without this file the page is the plain list of every practice in title order; the filters and the
 * sort stay hidden, so nothing a reader needs depends on it. With it:
 * - filters: OR within a filter, AND across filters, on the cards' data attributes. That is the list
 *   already on the page, not a second index: it needs no download, and it works in the preview opened
 *   from disk, where Pagefind cannot load (Pagefind's own filters and sorts serve the search box);
 * - each option's count is the number of results the reader gets by ticking it, given the other ticks;
 * - an empty combination names each filter whose removal gives results, with that number, as a button;
 * - the selection and the sort live in the query string (?thema=huisvesting&budget=tot-25000&sorteer=budget-laag),
 *   one history entry per change: a shared link, a bookmark, Back, Forward and reload all show the same
 *   cards, in the same order, with the same ticks (the ticks are always set from the URL, never left to
 *   the browser's form restoration);
 * - on a phone the filters fold behind a "Filters (n)" button (n: options ticked), each filter a
 *   disclosure, with the live result count on the panel's "Show n practices" button.
 */
(function () {
  "use strict";

  var SORT_PARAM = "sorteer";
  // The layout switch of kennisbank.css: below it the filters fold behind their button.
  var NARROW = "(max-width: 59.984375em)";

  function slice(list) { return Array.prototype.slice.call(list); }
  function words(text) { return text ? text.split(" ") : []; }
  function number(text) { return text === null || text === "" ? null : Number(text); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  /* Missing values last in both directions; otherwise ascending (direction 1) or descending (-1). */
  function byNumber(key, direction) {
    return function (a, b) {
      if (a[key] === null || b[key] === null) { return (a[key] === null) - (b[key] === null); }
      return direction * (a[key] - b[key]);
    };
  }
  var SORTS = {
    titel: function () { return 0; },
    "start-nieuw": byNumber("start", -1),
    "start-oud": byNumber("start", 1),
    // In the order of the status filter, that of data/vocabularies/status.yaml: running first, unknown last.
    status: byNumber("statusRank", 1),
    "budget-laag": byNumber("budget", 1),
    "budget-hoog": byNumber("budget", -1)
  };

  function Catalogue(root) {
    var self = this;
    this.root = root;
    this.form = root.querySelector("[data-kb-facets]");
    this.list = root.querySelector("[data-kb-cards]");
    this.count = root.querySelector("[data-kb-count]");
    this.empty = root.querySelector("[data-kb-empty]");
    this.sort = root.querySelector("[data-kb-sort]");
    this.sortNote = root.querySelector("[data-kb-sort-note]");
    this.toggle = root.querySelector("[data-kb-filters-toggle]");
    this.done = root.querySelector("[data-kb-done]");
    this.total = Number(root.getAttribute("data-kb-total"));
    this.texts = {};
    slice(root.querySelectorAll("[data-kb-text]")).forEach(function (span) {
      self.texts[span.getAttribute("data-kb-text")] = span.textContent;
    });
    this.format = typeof Intl === "object" ? new Intl.NumberFormat(document.documentElement.lang || undefined) : null;
    this.groups = slice(this.form.querySelectorAll("[data-kb-facet]"));
    this.names = this.groups.map(function (group) { return group.getAttribute("data-kb-facet"); });
    this.boxes = slice(this.form.querySelectorAll("input[type=checkbox]"));
    this.sorts = slice(this.sort.options).map(function (option) { return option.value; });
    var statuses = this.boxes.filter(function (box) { return box.name === "status"; })
      .map(function (box) { return box.value; });
    this.cards = slice(this.list.children).map(function (element, index) {
      var values = {};
      self.names.forEach(function (name) { values[name] = words(element.getAttribute("data-" + name)); });
      return { element: element, index: index, values: values,
               statusRank: statuses.indexOf(element.getAttribute("data-status")),
               start: number(element.getAttribute("data-start")), budget: number(element.getAttribute("data-bedrag")) };
    });
  }

  Catalogue.prototype.number = function (n) { return this.format ? this.format.format(n) : String(n); };

  Catalogue.prototype.practices = function (n) {
    return fill(n === 1 ? this.texts.one : this.texts.many, { n: this.number(n) });
  };

  /* --- State: {chosen: {facet: [values in the page's order]}, sort}; the URL is its only store. --- */

  Catalogue.prototype.stateFromUrl = function () {
    var params = new URLSearchParams(window.location.search);
    var wanted = {};
    this.names.forEach(function (name) {
      params.getAll(name).forEach(function (value) {
        value.split(",").forEach(function (part) { wanted[name + "=" + part] = true; });
      });
    });
    var chosen = this.emptyChoice();
    this.boxes.forEach(function (box) {
      if (wanted[box.name + "=" + box.value]) { chosen[box.name].push(box.value); }
    });
    var sort = params.get(SORT_PARAM);
    return { chosen: chosen, sort: this.sorts.indexOf(sort) === -1 ? this.sorts[0] : sort };
  };

  Catalogue.prototype.stateFromControls = function () {
    var chosen = this.emptyChoice();
    this.boxes.forEach(function (box) { if (box.checked) { chosen[box.name].push(box.value); } });
    return { chosen: chosen, sort: this.sort.value };
  };

  Catalogue.prototype.emptyChoice = function () {
    var chosen = {};
    this.names.forEach(function (name) { chosen[name] = []; });
    return chosen;
  };

  Catalogue.prototype.urlFor = function (state) {
    var params = new URLSearchParams(window.location.search);
    this.names.forEach(function (name) { params.delete(name); });
    params.delete(SORT_PARAM);
    this.names.forEach(function (name) {
      state.chosen[name].forEach(function (value) { params.append(name, value); });
    });
    if (state.sort !== this.sorts[0]) { params.set(SORT_PARAM, state.sort); }
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  };

  /* A reader's change: a new history entry (Back undoes it), then the page shows it. */
  Catalogue.prototype.commit = function (state) {
    var url = this.urlFor(state);
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      try {
        window.history.pushState({ kbCatalogue: true }, "", url);
      } catch (error) {
        // A page opened from disk may refuse a new address (the preview): the filters still work.
      }
    }
    this.show(state);
  };

  /* --- Showing a state: ticks, cards, order, counts, texts. --- */

  Catalogue.prototype.matches = function (card, name, values) {
    if (!values.length) { return true; }
    var own = card.values[name];
    return values.some(function (value) { return own.indexOf(value) !== -1; });
  };

  /*
   * Per filter: `others`, the cards that match every other filter; `matched`, those that also match
   * this filter's ticks; `extra[value]`, those of the rest that have `value`. Ticking `value` then
   * gives matched + extra[value] results (a ticked value: matched, the current results).
   */
  Catalogue.prototype.tally = function (chosen) {
    var self = this;
    var tallies = {};
    this.names.forEach(function (name) {
      var tally = { others: 0, matched: 0, extra: {} };
      var ticked = chosen[name].length > 0;
      self.cards.forEach(function (card) {
        for (var i = 0; i < self.names.length; i += 1) {
          var other = self.names[i];
          if (other !== name && !self.matches(card, other, chosen[other])) { return; }
        }
        tally.others += 1;
        if (ticked && self.matches(card, name, chosen[name])) { tally.matched += 1; return; }
        card.values[name].forEach(function (value) { tally.extra[value] = (tally.extra[value] || 0) + 1; });
      });
      tallies[name] = tally;
    });
    return tallies;
  };

  Catalogue.prototype.show = function (state) {
    var self = this;
    this.boxes.forEach(function (box) { box.checked = state.chosen[box.name].indexOf(box.value) !== -1; });
    this.sort.value = state.sort;
    var shown = 0;
    this.cards.forEach(function (card) {
      var visible = self.names.every(function (name) { return self.matches(card, name, state.chosen[name]); });
      card.element.hidden = !visible;
      if (visible) { shown += 1; }
    });
    this.order(state.sort);
    var tallies = this.tally(state.chosen);
    this.boxes.forEach(function (box) {
      var tally = tallies[box.name];
      var n = tally.matched + (tally.extra[box.value] || 0);
      box.parentNode.querySelector(".kb-count").textContent = "(" + self.number(n) + ")";
      box.parentNode.classList.toggle("kb-facet__option--none", n === 0 && !box.checked);
    });
    var ticked = 0;
    this.groups.forEach(function (group, index) {
      var n = state.chosen[self.names[index]].length;
      ticked += n;
      group.querySelector("[data-kb-chosen]").textContent = n ? fill(self.texts.chosen, { n: self.number(n) }) : "";
    });
    this.count.textContent = shown === this.total ? this.practices(this.total)
      : fill(this.texts.of, { shown: this.number(shown), total: this.number(this.total) });
    this.done.textContent = fill(this.texts.show, { count: this.practices(shown) });
    this.toggle.querySelector("[data-kb-active]").textContent = ticked ? "\u00a0(" + this.number(ticked) + ")" : "";
    var note = this.texts["note-" + state.sort];
    this.sortNote.hidden = !note;
    this.sortNote.textContent = note || "";
    this.suggest(state, shown, tallies);
  };

  Catalogue.prototype.order = function (sort) {
    var compare = SORTS[sort];
    var ordered = this.cards.slice().sort(function (a, b) { return compare(a, b) || a.index - b.index; });
    var current = slice(this.list.children);
    if (ordered.every(function (card, i) { return current[i] === card.element; })) { return; }
    var fragment = document.createDocumentFragment();
    ordered.forEach(function (card) { fragment.appendChild(card.element); });
    this.list.appendChild(fragment);
  };

  /* Nothing matches: each filter whose removal gives results becomes a button, most results first. */
  Catalogue.prototype.suggest = function (state, shown, tallies) {
    var self = this;
    this.empty.textContent = "";
    this.empty.hidden = shown > 0;
    if (shown > 0) { return; }
    var drops = this.names.filter(function (name) { return state.chosen[name].length && tallies[name].others; })
      .sort(function (a, b) { return tallies[b].others - tallies[a].others; });
    var intro = document.createElement("p");
    intro.textContent = this.texts.empty + (drops.length ? "" : " " + this.texts.stuck);
    var list = document.createElement("ul");
    list.className = "kb-empty__choices";
    drops.forEach(function (name) {
      var label = self.groups[self.names.indexOf(name)].querySelector(".kb-facet__label").textContent;
      list.appendChild(self.choice(fill(self.texts.drop, { filter: label, count: self.practices(tallies[name].others) }),
        "data-kb-drop", name));
    });
    if (!drops.length) { list.appendChild(this.choice(this.texts.clear, "data-kb-drop-all", "")); }
    this.empty.appendChild(intro);
    this.empty.appendChild(list);
  };

  Catalogue.prototype.choice = function (text, attribute, value) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.setAttribute(attribute, value);
    button.textContent = text;
    item.appendChild(button);
    return item;
  };

  /* --- The phone's panel --- */

  Catalogue.prototype.setOpen = function (open) {
    this.root.classList.toggle("kb-overview--open", open);
    this.toggle.setAttribute("aria-expanded", String(open));
  };

  /* Wide: every filter open beside the results. Narrow: folded, except those with a tick. */
  Catalogue.prototype.layout = function (narrow) {
    this.groups.forEach(function (group) {
      group.open = !narrow || Boolean(group.querySelector("input:checked"));
    });
  };

  Catalogue.prototype.start = function () {
    var self = this;
    var narrow = window.matchMedia(NARROW);
    this.form.hidden = false;
    this.toggle.hidden = false;
    this.root.querySelector("[data-kb-sort-field]").hidden = false;
    this.root.classList.add("kb-overview--enhanced");
    this.show(this.stateFromUrl());
    this.layout(narrow.matches);
    var relayout = function () { self.layout(narrow.matches); };
    if (narrow.addEventListener) { narrow.addEventListener("change", relayout); } else { narrow.addListener(relayout); }

    this.form.addEventListener("change", function () { self.commit(self.stateFromControls()); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.sort.addEventListener("change", function () { self.commit(self.stateFromControls()); });
    this.form.querySelector("[data-kb-clear]").addEventListener("click", function () {
      self.commit({ chosen: self.emptyChoice(), sort: self.sort.value });
    });
    this.empty.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var state = self.stateFromControls();
      if (button.hasAttribute("data-kb-drop-all")) { state.chosen = self.emptyChoice(); }
      else { state.chosen[button.getAttribute("data-kb-drop")] = []; }
      self.commit(state);
      self.count.focus();
    });
    this.toggle.addEventListener("click", function () {
      self.setOpen(self.toggle.getAttribute("aria-expanded") !== "true");
    });
    this.done.addEventListener("click", function () {
      self.setOpen(false);
      self.count.focus();
      self.count.scrollIntoView({ block: "start" });
    });
    this.form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && self.toggle.getAttribute("aria-expanded") === "true") {
        self.setOpen(false);
        self.toggle.focus();
      }
    });
    // Back and Forward between the overview's own entries; a page restored from the back-forward cache.
    window.addEventListener("popstate", function () { self.show(self.stateFromUrl()); });
    window.addEventListener("pageshow", function (event) { if (event.persisted) { self.show(self.stateFromUrl()); } });
  };

  function enhanceOverview() {
    var root = document.querySelector("[data-kb-overview]");
    if (!root || !root.querySelector("[data-kb-facets]") || typeof URLSearchParams === "undefined") { return; }
    new Catalogue(root).start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceOverview);
  } else {
    enhanceOverview();
  }
})();
