"""The words a reader may type for a practice that its page does not show, and the place index for search.

Why: each language has its own Pagefind index, and a page only holds its own language's words. A
French reader types "Malines" for the Mechelen practices, a Brussels reader "CPAS" on the Dutch site,
an English one "one-stop shop" for a practice that says "one-stop desk". So every practice page
carries, hidden, the names it is known by that it does not already show:

- its places (werkgebied) in every language Statbel names them in, plus the English exonyms
  (data/vocabularies/plaatsnamen-en.yaml) and former names (gemeenten-historisch.yaml); its
  provinces and named regions in nl, fr and en;
- its organisations' names in nl, fr and en (data/vocabularies/organisaties.yaml);
- the other forms of every synonym group it names (data/zoektermen.yaml), in all three languages;
- on the Dutch page its `trefwoorden` (they are Dutch).

The terms sit in a hidden element at the end of the page body (practice.md.j2): Pagefind indexes
it, readers do not see it, and it comes after every visible word, so the glossary still explains a
term where the reader first sees it. It is a list of names, not a paragraph of prose (a `div`):
the checks on a page's paragraphs (the glossary's, the languages') read what readers read. Each term carries its own `lang`, so the French typography
pass and the glossary leave a Dutch name on a French page alone.

The place index (`place_index`) is what the search box needs to say "no practice in Sint-Truiden yet,
see the practices in Limburg": every Belgian municipality that no practice covers, under each of its
names, with its province and that province's page if the site has one. It is small (a few dozen
kilobytes), written next to the Pagefind index and fetched from the site on the first search.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from kennisbank.paths import DATA_DIR
from kennisbank.records import organisations, vocabulary
from kennisbank.records.places import gazetteer
from kennisbank.records.yamlsource import load_data_file

SYNONYMS_FILE = DATA_DIR / "zoektermen.yaml"
# Statbel names a municipality in these languages (German for the German-speaking Community).
STATBEL_LANGUAGES = ("nl", "fr", "de")


# Pagefind weights (data-pagefind-weight; text is 1, an h1 7) of the hidden names of a practice's
# places: a reader who types the municipality's name in another language means the practice there
# as much as one who reads it in the title, and a province's name more than a page that mentions it
# once. Measured on the search test set (tests/test_search_queries.py): with the default weight,
# "Anvers" put a Mechelen practice (province of Antwerp) level with the Antwerp ones and "Limburg"
# the figures page above the Genk practice.
PLACE_WEIGHT = 5
PROVINCE_WEIGHT = 3


@dataclass(frozen=True)
class IndexTerm:
    text: str
    lang: str | None  # the language the name is in, when it is one language's name
    weight: float | None = None  # Pagefind weight, when not the default


# --- Synonym groups ------------------------------------------------------------------------------

WORD = re.compile(r"\w+")


def _words(text: str, fold: bool = True) -> str:
    """A text as its words between single spaces, casefolded unless `fold` is False: " ocmw gent ".
    A phrase is then in a text as whole words when its own _words are a substring of the text's."""
    return " " + " ".join(WORD.findall(text.casefold() if fold else text)) + " "


@cache
def _term_words(term: str) -> str:
    return _words(term)


@dataclass(frozen=True)
class SynonymForm:
    group: int
    key: str  # what to look for in a text's _words
    capitals: bool  # a form in capitals: a whole word, case as written


@cache
def synonyms() -> tuple[tuple[tuple[IndexTerm, ...], ...], tuple[SynonymForm, ...]]:
    """The synonym groups (every form, in all three languages), and how each form is found in a text:
    a form in capitals (OCMW, LOI) only in capitals and as a whole word, so the French "loi" is not the
    Dutch LOI; any other form in any case and also as the start of a compound (1-loket in
    1-loketdienst, inburgering in inburgeringstraject): its words, the last one open-ended."""
    groups = tuple(tuple(IndexTerm(str(form), lang) for lang in vocabulary.LANGUAGES for form in entry.get(lang, []))
                   for entry in (load_data_file(SYNONYMS_FILE) or {}).get("groepen", []))
    forms = tuple(SynonymForm(index, _words(term.text, fold=False), True) if term.text.upper() == term.text
                  else SynonymForm(index, _words(term.text).rstrip(" "), False)
                  for index, group in enumerate(groups) for term in group)
    return groups, forms


def synonyms_in(text: str) -> list[IndexTerm]:
    """Every form of every group that `text` names (substring tests on its words: a regex over the
    whole text cost about 1 ms per page, this a tenth of that)."""
    groups, forms = synonyms()
    as_written, folded = _words(text, fold=False), _words(text)
    found = {form.group for form in forms if form.key in (as_written if form.capitals else folded)}
    return [term for index in sorted(found) for term in groups[index]]


# --- Places and organisations -----------------------------------------------------------------

def municipality_names(nis: str, weight: float | None = None) -> list[IndexTerm]:
    """A municipality's names: Statbel's (nl, fr, de), the English exonym, and its former names."""
    places = gazetteer()
    municipality = places.municipalities[nis]
    names = [IndexTerm(municipality.names[lang], lang, weight) for lang in STATBEL_LANGUAGES if municipality.names.get(lang)]
    if municipality.english:
        names.append(IndexTerm(municipality.english, "en", weight))
    names += [IndexTerm(former.name, "nl", weight) for former in places.former.values() if former.current.nis == nis]
    return names


def labelled_names(term: vocabulary.Term, weight: float | None = None) -> list[IndexTerm]:
    return [IndexTerm(term.labels[lang], lang, weight) for lang in vocabulary.LANGUAGES if term.labels.get(lang)]


def place_terms(practice) -> list[IndexTerm]:
    """The names of a practice's areas, and of the provinces they lie in, in every language."""
    places = gazetteer()
    regions = vocabulary.load("regios")
    terms: list[IndexTerm] = []
    for area in practice.areas:
        if area.kind == "gemeente":
            terms += municipality_names(area.key, PLACE_WEIGHT)
        elif area.kind == "regio":
            region = regions[area.key]
            terms += labelled_names(region, PLACE_WEIGHT)
            for name in region.extra.get("gemeenten", []):
                member = places.municipality(name)
                if member:
                    terms += municipality_names(member.nis, PLACE_WEIGHT)
    for province in practice.provinces:
        terms += labelled_names(places.provinces[province], PROVINCE_WEIGHT)
    return terms


def organisation_ids(practice) -> list[str]:
    """Every organisation the practice names (and the ones they are part of), as on its page."""
    from kennisbank.site.pages import organisation_roles  # pages uses this module for its templates

    return sorted(organisation_roles(practice))


def organisation_terms(practice) -> list[IndexTerm]:
    register = organisations.register()
    return [IndexTerm(register[org_id].names[lang], lang) for org_id in organisation_ids(practice)
            for lang in vocabulary.LANGUAGES if register[org_id].names.get(lang)]


# --- What a practice page gets --------------------------------------------------------------------

def shown_text(practice, lang: str) -> str:
    """The words the page already shows a reader in `lang` (titles, texts, area and organisation names)."""
    texts = [practice.text(name, lang)[0] or "" for name in ("titel", "samenvatting", "beschrijving")]
    texts += [item.in_lang(lang)[0] for item in (*practice.results, *practice.success_factors)]
    texts += [area.label(lang) for area in practice.areas]
    register = organisations.register()
    texts += [register[org_id].name(lang) for org_id in organisation_ids(practice)]
    texts += [str(name.in_lang(lang)[0]) for name in (*practice.leads, *practice.partners, *practice.funders)]
    return "\n".join(texts)


def _shows(words: str, term: str) -> bool:
    return _term_words(term) in words


def practice_terms(practice, lang: str) -> list[IndexTerm]:
    """The hidden search terms of a practice's page in `lang`: names and synonyms the page does not show."""
    shown = shown_text(practice, lang)
    shown_words, title_words = _words(shown), _words(practice.title(lang))
    keywords = list(practice.keywords) if lang == vocabulary.DEFAULT_LANGUAGE else []
    named = organisation_terms(practice)
    haystack = "\n".join([shown, *(term.text for term in named), *keywords])
    candidates = [*place_terms(practice), *named, *synonyms_in(haystack),
                  *(IndexTerm(keyword, vocabulary.DEFAULT_LANGUAGE) for keyword in keywords)]
    terms, seen = [], set()
    for term in candidates:
        key = term.text.casefold()
        # A place's name counts with its weight even where a text mentions it in passing; only the
        # title, which outweighs it, makes it redundant.
        if key in seen or _shows(title_words if term.weight else shown_words, term.text):
            continue
        seen.add(key)
        terms.append(term)
    return terms


def hidden_terms_html(practice, lang: str) -> Markup:
    """The hidden list of search terms for a practice page (empty when the page shows them all)."""
    from kennisbank.records.ui import t

    terms = practice_terms(practice, lang)
    if not terms:
        return Markup("")
    names = {name for org_id in organisation_ids(practice) for name in organisations.register()[org_id].names.values()}
    items = " ".join(_term_html(term, lang, term.text in names, "," if index < len(terms) - 1 else ".")
                     for index, term in enumerate(terms))
    label = f'<span hidden>{escape(t("search_index_terms", lang))}</span>'
    return Markup(f'<div class="kb-index-terms" hidden>{label} {items}</div>')


def _term_html(term: IndexTerm, lang: str, organisation: bool, mark: str) -> str:
    """One term and the mark after it, each term hidden by itself (what reads a page's visible text
    without a full HTML parser drops it too), an organisation's name marked as a name (the glossary
    and the French typography leave it as written: GO! Athena). The mark stays inside the element,
    or an excerpt reads "Anvers , …"."""
    attributes = (f' lang="{term.lang}"' if term.lang not in (None, lang) else "") + \
                 (' class="kb-org"' if organisation else "") + \
                 (f' data-pagefind-weight="{term.weight}"' if term.weight else "")
    return f"<span hidden{attributes}>{escape(term.text)}{mark}</span>"


# --- The place index ----------------------------------------------------------------------------

def place_key(name: str) -> str:
    """A name as the search box compares it: without accents, case, spaces or punctuation
    (the browser does the same: kennisbank.js, placeKey)."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", name) if unicodedata.category(c) != "Mn")
    return "".join(c for c in stripped.casefold() if c.isalnum())


def covered_municipalities(werkgebieden: list[list[dict]]) -> set[str]:
    """NIS codes of the municipalities some practice covers, from the `werkgebied` lists of the open
    data export: a municipality area, or a named region that lists its municipalities."""
    places = gazetteer()
    regions = vocabulary.load("regios")
    covered = set()
    for areas in werkgebieden:
        for area in areas:
            if area["soort"] == "gemeente":
                covered.add(area["code"])
            elif area["soort"] == "regio" and area["code"] in regions:
                covered.update(m.nis for name in regions[area["code"]].extra.get("gemeenten", [])
                               if (m := places.municipality(name)))
    return covered


def place_index(covered: set[str], province_pages: dict[str, str | None], texts: dict[str, dict[str, str]]) -> dict:
    """Every Belgian municipality no practice covers, with its province and that province's page (a
    path below the site root, without the language prefix) or None. Compact, as it is fetched on a
    reader's first search:

    {"gemeenten": [[province, nl, fr or "", en or "", other names…], …], "niet": [key, …],
     "provincies": {id: [page or None, nl, fr, en]}, "teksten": {lang: {...}}, "plaatsen": [key, …]}

    A municipality is found by its shown names and its other names (German, former names); "" means
    "as in Dutch". `niet` lists the name keys (place_key) that are also the name of a province with a
    page: that page answers them (Limburg is also the Dutch name of Limbourg, in Liège).
    """
    places = gazetteer()
    province_names = {place_key(label) for pid, page in province_pages.items() if page
                      for label in places.provinces[pid].labels.values()}
    municipalities, excluded = [], set()
    for nis, municipality in sorted(places.municipalities.items()):
        if nis in covered:
            continue
        shown = [municipality.name(lang) for lang in vocabulary.LANGUAGES]
        keys = {place_key(name) for name in shown}
        others = list(dict.fromkeys(term.text for term in municipality_names(nis) if place_key(term.text) not in keys))
        municipalities.append([municipality.province, shown[0], *("" if name == shown[0] else name for name in shown[1:]), *others])
        excluded |= {place_key(name) for name in [*shown, *others]} & province_names
    provinces = {pid: [province_pages.get(pid), *(places.provinces[pid].label(lang) for lang in vocabulary.LANGUAGES)]
                 for pid in sorted({entry[0] for entry in municipalities})}
    # The names of the places practices do cover, municipalities and provinces: for such a query the
    # practices there come first, before a background page that merely mentions the place often.
    covered_names = {place_key(term.text) for nis in covered for term in municipality_names(nis)}
    covered_names |= {place_key(label) for pid in {places.municipalities[nis].province for nis in covered}
                      for label in places.provinces[pid].labels.values()}
    return {"gemeenten": municipalities, "niet": sorted(excluded), "provincies": provinces, "teksten": texts,
            "plaatsen": sorted(covered_names)}
