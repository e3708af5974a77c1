/*
 * Kennisbank search: Pagefind's JavaScript API, returning the results a reader should see.
 *
 * The header search box (Pagefind's UI, started in kennisbank.js) loads this module in place of
 * Pagefind's own: its `bundlePath` points here, and this file is named pagefind.js for that reason.
 * Everything is Pagefind's (filters, preload, options), except `search`, which changes three things:
 *
 * 1. No junk instead of "nothing". When a word is not in the index, Pagefind searches for the
 *    longest prefix that is, so "PCSW" found every "p." and "Sint-Truiden" every "Sint-…"; and
 *    Dutch stemming makes "Oostende" the same word as "Oost" (of Oost-Vlaanderen). Each result is
 *    kept only when, for every word of the query, a word Pagefind matched on the page really is
 *    that word: it starts with it (a word being typed, a compound), or, for a word of five letters
 *    or more, shares its first three quarters (a plural, another ending). What is left is the
 *    reader's "nothing": Pagefind's UI then says "no results for …" in the page's language.
 * 2. Overview, theme, region and organisation pages (filter `soort`: the kinds the build lists in
 *    the search data) come after the other results, in Pagefind's order: "Mind-Spring" gives the
 *    practice, then the pages that list it; "Limburg" the Genk practice, then the Limburg page.
 *    Their index weight is lowered as well (overrides/main.html); this makes the order certain.
 * 3. A Belgian municipality that no practice covers ("Sint-Truiden", "Bergen", "Mons") leads to its
 *    province: a first result "No practice in Sint-Truiden yet; see the practices in Limburg", linking
 *    to the province's page. The names come from the gazetteer, written by the build next to the
 *    index (kennisbank/site/search.py), fetched from this site on the first search.
 *
 * The tests call this module as a reader's search box does (tests/test_search_queries.py).
 */
import * as pagefind from "../../pagefind/pagefind.js";

export * from "../../pagefind/pagefind.js";

var SEARCH_DATA = new URL("../../pagefind/kennisbank-zoeken.json", import.meta.url);
var SITE_ROOT = new URL("../../", import.meta.url).pathname;
/* Results are checked word by word, best first, in batches; each check loads one fragment (about 1 KB).
 * A batch whose results are all real, or all junk, decides for the rest: Pagefind ranks by the same
 * words further down. A mixed batch asks for the next one, up to MAX_CHECKED; past that only what was
 * checked and found real is kept. With 3,000 records a first search then stays under the 300 KB of
 * BENCHMARKS.md ("integratie": one batch). */
var BATCH = 20;
var MAX_CHECKED = 100;
/* A word of at least this many letters also matches a word that shares its first three quarters. */
var STEM_MIN_LENGTH = 5;
var STEM_SHARE = 0.75;

var searchData = null;

/* The search data, with a map from every name key of a municipality without a practice to its entry. */
function loadSearchData() {
  if (!searchData) {
    searchData = fetch(SEARCH_DATA).then(function (response) {
      if (!response.ok) { throw new Error(SEARCH_DATA + ": " + response.status); }
      return response.json();
    }).then(function (data) {
      data.namen = {};
      data.gemeenten.forEach(function (entry) {
        entry.slice(1).forEach(function (name) {
          var key = name && wordKey(name);
          if (key && data.niet.indexOf(key) === -1 && !(key in data.namen)) { data.namen[key] = entry; }
        });
      });
      return data;
    }).catch(function (error) {
      console.warn("Kennisbank search data not loaded", error);
      return null;
    });
  }
  return searchData;
}

/* A word as compared here: no accents, no case, letters and digits only (kennisbank.site.search_terms.place_key). */
export function wordKey(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/* The query's words as Pagefind reads them: split on spaces, punctuation inside a word dropped. */
export function queryWords(term) {
  return term.replace(/^\s*"|"\s*$/g, "").split(/\s+/).map(wordKey).filter(Boolean);
}

/* The keys a word on a page can be matched by: the whole word and its parts (Mind-Spring: mindspring,
 * mind, spring; l'intégration: lintegration, l, integration). */
function pageWordKeys(word) {
  var keys = [wordKey(word)];
  word.split(/[^\p{L}\p{N}]+/u).forEach(function (part) { if (part) { keys.push(wordKey(part)); } });
  return keys;
}

function sharedPrefix(a, b) {
  var n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) { n += 1; }
  return n;
}

/* Whether a word key found on a page is the query word `wanted` (see 1. above). */
export function isMatch(found, wanted) {
  if (found.startsWith(wanted)) { return true; }
  if (wanted.length < STEM_MIN_LENGTH) { return false; }
  return sharedPrefix(found, wanted) >= Math.ceil(wanted.length * STEM_SHARE);
}

function matchedKeys(data) {
  var words = (data.raw_content || data.content || "").split(/[\r\n\s]+/g);
  var keys = [];
  (data.locations || []).forEach(function (location) {
    if (words[location]) { keys.push.apply(keys, pageWordKeys(words[location])); }
  });
  return keys;
}

function containsAll(keys, words) {
  return words.every(function (wanted) { return keys.some(function (found) { return isMatch(found, wanted); }); });
}

function isListing(data, config) {
  var kinds = (data.filters && data.filters[config.soort]) || [];
  return kinds.some(function (kind) { return config.overzicht.indexOf(kind) !== -1; });
}

function isPractice(data, config) {
  return ((data.filters && data.filters[config.soort]) || []).indexOf(config.praktijk) !== -1;
}

/* Keep the results whose matched words are the query's words, in Pagefind's order; listing pages
 * go after the others, and for the name of a place practices cover (`place`), the practices come
 * before the other pages. `kept` holds the data of the checked results that stay, `complete`
 * whether the unchecked rest was kept too (then Pagefind's filter counts still hold). */
async function realResults(results, words, config, place) {
  var first = [];
  var middle = [];
  var later = [];
  var kept = [];
  var checked = 0;
  var verdict = null;
  while (checked < results.length && checked < MAX_CHECKED && verdict === null) {
    var batch = results.slice(checked, checked + BATCH);
    var datas = await Promise.all(batch.map(function (result) { return result.data(); }));
    var real = 0;
    datas.forEach(function (data, index) {
      if (!containsAll(matchedKeys(data), words)) { return; }
      real += 1;
      kept.push(data);
      var bucket = !config ? first : isListing(data, config) ? later : place && !isPractice(data, config) ? middle : first;
      bucket.push(batch[index]);
    });
    checked += batch.length;
    if (real === batch.length) { verdict = "real"; } else if (real === 0) { verdict = "junk"; }
  }
  var complete = verdict === "real" || checked >= results.length && kept.length === checked;
  return { results: first.concat(middle, later, verdict === "real" ? results.slice(checked) : []), kept: kept, complete: complete };
}

/* The filter counts of the results that stay, in Pagefind's shape ({filter: {value: count}}); values
 * that no result has any more count 0, so the filter list keeps its place. */
function filterCounts(pagefindCounts, kept) {
  var counts = {};
  Object.keys(pagefindCounts || {}).forEach(function (name) {
    counts[name] = {};
    Object.keys(pagefindCounts[name]).forEach(function (value) { counts[name][value] = 0; });
  });
  kept.forEach(function (data) {
    Object.keys(data.filters || {}).forEach(function (name) {
      counts[name] = counts[name] || {};
      data.filters[name].forEach(function (value) { counts[name][value] = (counts[name][value] || 0) + 1; });
    });
  });
  return counts;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
}

/* The "no practice here yet" result for a municipality that no practice covers, or null. */
function placeNotice(term, data, lang) {
  var municipality = data.namen[wordKey(term)];
  if (!municipality) { return null; }
  var languages = ["nl", "fr", "en"];
  var at = Math.max(0, languages.indexOf(lang));
  var province = data.provincies[municipality[0]];
  var texts = data.teksten[languages[at]];
  var values = { place: municipality[1 + at] || municipality[1], province: province[1 + at] };
  var page = province[0] || data.regio_index;
  var url = SITE_ROOT + (at === 0 ? "" : languages[at] + "/") + page;
  var notice = {
    url: url,
    meta: { title: fill(province[0] ? texts.geen_praktijk : texts.geen_praktijk_geen_pagina, values) },
    excerpt: escapeHtml(fill(texts.geen_praktijk_uitleg, values)),
    content: "", raw_content: "", word_count: 0, filters: {}, anchors: [], sub_results: [],
    locations: [], weighted_locations: [], kb_notice: "plaats"
  };
  return { id: "kb-plaats-" + wordKey(municipality[1]), score: 0, words: [], kb_notice: "plaats",
           data: async function () { return notice; } };
}

function pageLanguage() {
  return (document.documentElement.getAttribute("lang") || "nl").split("-")[0].toLowerCase();
}

export async function search(term, options) {
  var searching = typeof term === "string" && !(options && options.preload);
  var loaded = await Promise.all([pagefind.search(term, options), searching ? loadSearchData() : null]);
  var response = loaded[0];
  var words = searching && response ? queryWords(term) : [];
  if (!words.length) { return response; }
  var data = loaded[1];
  var lang = pageLanguage();
  var place = !!data && data.plaatsen.indexOf(wordKey(term)) !== -1;
  var real = await realResults(response.results, words, data && data.soort[lang], place);
  var results = real.results;
  var notice = data && placeNotice(term, data, lang);
  if (notice) { results = [notice].concat(results); }
  var changes = { results: results };
  if (!real.complete) { changes.filters = filterCounts(response.filters, real.kept); }
  if (!options || !options.filters || !Object.keys(options.filters).length) { changes.unfilteredResultCount = results.length; }
  return Object.assign({}, response, changes);
}

var latestSearch = 0;
export async function debouncedSearch(term, options, debounceTimeoutMs) {
  var id = ++latestSearch;
  await new Promise(function (resolve) { setTimeout(resolve, debounceTimeoutMs === undefined ? 300 : debounceTimeoutMs); });
  if (id !== latestSearch) { return null; }
  var response = await search(term, options);
  return id === latestSearch ? response : null;
}
