"""The search test set: what readers type, in three languages, and the first result they should get.

The queries are what readers type (the ones in issue 14, and more). What each must give is not a typed
list of results but a rule on the data, by the kind of query:

- place: a municipality's name in any language (Statbel's nl and fr names, an English exonym, a
  former name). The first result is a practice whose werkgebied covers that municipality; if no
  practice covers it, the notice "no practice in X yet" that links to its province's page (or, for a
  province without a page, to the region index).
- synonym: a form of a group in data/zoektermen.yaml (OCMW, CPAS, PCSW; one-stop shop…). The first
  result is a practice that names some form of that group, in any language, in its texts, its
  organisations' names or its keywords; or a page that names it in the page's language.
- organisation: an organisation's name in any language. The first result is a practice that names
  that organisation (the practices its own page lists).
- name: the name of a project (Mind-Spring, Connect2work). The first result is a practice whose
  title, texts or keywords in the page's language carry that name.
- nothing: a word no page of that language contains, though Pagefind would have matched its
  prefix ("mindfulness": Mind-Spring; "gentrificatie": Gent). No result at all.

Every answer is also held to the rules for all queries: results only in the page's language, and no
overview, theme, region or organisation page above a practice. The search runs through the module
the header search box uses (docs/assets/zoeken/pagefind.js) in Chromium, page language by page
language. The test prints and writes (.reports/search-queries.json) the share of queries whose
first result is right; all must be.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from kennisbank.model import load_practices
from kennisbank.paths import DATA_DIR, ROOT
from kennisbank.records import organisations, vocabulary
from kennisbank.records.places import gazetteer
from kennisbank.records.yamlsource import load_data_file
from kennisbank.site.pages import organisation_roles, province_slug

pytestmark = pytest.mark.browser

REPORT = ROOT / ".reports" / "search-queries.json"
LANGS = vocabulary.LANGUAGES

# Asked in every language: a Belgian reader types a place in whichever language comes to mind.
PLACES = ["Malines", "Louvain", "Anvers", "Antwerp", "Antwerpen", "Mechelen", "Gand", "Ghent", "Courtrai", "Alost",
          "Bruxelles", "Borsbeek", "Sint-Truiden", "Saint-Trond", "Oostende", "Ostend", "Bergen", "Mons", "Bruges",
          "Ypres", "Liège", "Hasselt"]
SYNONYMS = {lang: ["PCSW", "OCMW", "CPAS", "one-stop shop", "guichet unique"] for lang in LANGS}
SYNONYMS["nl"] += ["1-loket", "inburgering", "LOI"]
SYNONYMS["fr"] += ["intégration civique", "initiative locale d'accueil", "primo-arrivants"]
SYNONYMS["en"] += ["civic integration", "local reception initiative", "newcomers"]
ORGANISATIONS = {"nl": ["VDAB", "Ville de Gand", "City of Ghent", "CAW East Flanders"],
                 "fr": ["VDAB", "Stad Gent", "City of Ghent", "CAW Oost-Vlaanderen"],
                 "en": ["VDAB", "Stad Gent", "Ville de Gand", "CAW Oost-Vlaanderen"]}
NAMES = ["Mind-Spring", "Connect2work", "Ankerkracht", "Turneia", "W13", "Open Inloop Taal", "Minor-Ndako"]
NOTHING = ["mindfulness", "gentrificatie", "sinterklaas", "oostenwind", "quidditch"]

# How many results are read back per query: enough to check the order rules beyond the first.
READ_BACK = 12
SEARCH_ALL = """async ([module, queries, shown]) => {
    const search = await import(module);
    const answers = [];
    for (const query of queries) {
        const response = await search.search(query);
        const data = await Promise.all(response.results.slice(0, shown).map((result) => result.data()));
        answers.push({ query, count: response.results.length, urls: data.map((d) => d.url),
                       notice: response.results.length ? response.results[0].kb_notice || null : null,
                       first_title: data.length ? data[0].meta.title : null });
    }
    return answers;
}"""


@dataclass(frozen=True)
class Case:
    lang: str
    query: str
    kind: str
    expected: frozenset[str]  # acceptable first results (URLs); empty for "nothing"

    def describe(self) -> str:
        return f"[{self.lang}] {self.query!r} ({self.kind})"


def prefix(lang: str) -> str:
    return "/" + vocabulary.url_prefix(lang)


def practice_url(lang: str, slug: str) -> str:
    return f"{prefix(lang)}praktijken/{slug}/"


@cache
def practices():
    return load_practices()


def covering(nis: str) -> set[str]:
    """Slugs of the practices whose werkgebied covers the municipality: by name, or in a named region's list."""
    places, regions = gazetteer(), vocabulary.load("regios")
    slugs = set()
    for practice in practices():
        members = {area.key for area in practice.areas if area.kind == "gemeente"}
        for area in practice.areas:
            if area.kind == "regio":
                members |= {m.nis for name in regions[area.key].extra.get("gemeenten", []) if (m := places.municipality(name))}
        if nis in members:
            slugs.add(practice.slug)
    return slugs


def everything_said(practice) -> str:
    """A practice's texts in every language, its organisations' names in every language and its keywords."""
    parts = [str(value.in_lang(lang)[0]) for value in practice.texts.values() if value for lang in LANGS]
    parts += [str(item.in_lang(lang)[0]) for item in (*practice.results, *practice.success_factors) for lang in LANGS]
    parts += [str(name) for name in (*practice.leads, *practice.partners, *practice.funders)]
    register = organisations.register()
    parts += [name for org_id in organisation_roles(practice) for name in register[org_id].names.values()]
    return "\n".join([*parts, *practice.keywords])


def names(text: str, form: str) -> bool:
    flags = 0 if form.upper() == form else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(form)}", text, flags) is not None


@cache
def synonym_groups() -> list[list[str]]:
    return [[form for lang in LANGS for form in group.get(lang, [])]
            for group in load_data_file(DATA_DIR / "zoektermen.yaml")["groepen"]]


def place_case(lang: str, query: str, site: Path) -> Case:
    municipality = gazetteer().municipality(query) or gazetteer().former_name(query).current
    slugs = covering(municipality.nis)
    if slugs:
        return Case(lang, query, "place", frozenset(practice_url(lang, slug) for slug in slugs))
    page = f"praktijken/regio/{province_slug(municipality.province)}/"
    if not (site / vocabulary.url_prefix(lang) / page / "index.html").exists():
        page = "praktijken/regio/"
    return Case(lang, query, "place notice", frozenset({prefix(lang) + page}))


def synonym_case(lang: str, query: str, site: Path) -> Case:
    """A practice that names the group in any language, or a page that names it in its own language
    ("inburgering": the policy framework page is as right as a practice; a practice whose source
    citation names the Agence flamande pour l'intégration et l'intégration civique names it too)."""
    group = next(forms for forms in synonym_groups() if query in forms)
    slugs = {p.slug for p in practices() if any(names(everything_said(p), form) for form in group)}
    pages = {url for url, text in page_texts(site, lang).items()
             if not listing(url, lang) and any(names(text, form) for form in group)}
    return Case(lang, query, "synonym", frozenset({practice_url(lang, slug) for slug in slugs} | pages))


def organisation_case(lang: str, query: str) -> Case:
    org = organisations.resolve(query) or next(o for o in organisations.register().values()
                                                if any(name.startswith(query) for name in o.names.values()))
    slugs = {p.slug for p in practices() if org.id in organisation_roles(p)}
    return Case(lang, query, "organisation", frozenset(practice_url(lang, slug) for slug in slugs))


def name_case(lang: str, query: str) -> Case:
    def carries(practice) -> bool:
        texts = [practice.text(field, lang)[0] or "" for field in ("titel", "samenvatting", "beschrijving")]
        return names("\n".join([*texts, *practice.keywords]), query)
    return Case(lang, query, "name", frozenset(practice_url(lang, p.slug) for p in practices() if carries(p)))


def cases(site: Path) -> dict[str, list[Case]]:
    result = {}
    for lang in LANGS:
        result[lang] = ([place_case(lang, q, site) for q in PLACES] + [synonym_case(lang, q, site) for q in SYNONYMS[lang]]
                        + [organisation_case(lang, q) for q in ORGANISATIONS[lang]] + [name_case(lang, q) for q in NAMES]
                        + [Case(lang, q, "nothing", frozenset()) for q in NOTHING])
    return result


@cache
def page_texts(site: Path, lang: str) -> dict[str, str]:
    """URL → the text of the page's indexed body (tags dropped), for every page of a language."""
    root = site / vocabulary.url_prefix(lang)
    others = [site / other for other in LANGS if other != lang and lang == vocabulary.DEFAULT_LANGUAGE]
    texts = {}
    for html_file in root.rglob("index.html"):
        if any(other in html_file.parents for other in others):
            continue
        html = html_file.read_text(encoding="utf-8")
        body = html[html.find("data-pagefind-body"):] if "data-pagefind-body" in html else ""
        url = "/" + html_file.parent.relative_to(site).as_posix() + "/"
        texts[url.replace("//", "/")] = re.sub(r"<[^>]+>", " ", body)
    return texts


def listing(url: str, lang: str) -> bool:
    """An overview, theme, region or organisation page."""
    rest = url.removeprefix(prefix(lang))
    return rest == "praktijken/" or re.match(r"praktijken/(regio|thema|organisatie)/", rest) is not None


def is_practice(url: str, lang: str) -> bool:
    slugs = {p.slug for p in practices()}
    match = re.fullmatch(r"praktijken/([^/]+)/", url.removeprefix(prefix(lang)))
    return match is not None and match.group(1) in slugs


def problems(case: Case, answer: dict) -> list[str]:
    """What is wrong with an answer: its first result, and the rules for every query."""
    found = []
    urls = answer["urls"]
    if case.kind == "nothing":
        if answer["count"]:
            found.append(f"{answer['count']} results, expected none: {urls[:3]}")
    elif not urls or urls[0] not in case.expected:
        found.append(f"first result {urls[0] if urls else None}, expected one of {sorted(case.expected)}")
    if (answer["notice"] == "plaats") != (case.kind == "place notice"):
        found.append(f"notice {answer['notice']!r} for a {case.kind} query")
    if any(not url.startswith(prefix(case.lang)) or (case.lang == vocabulary.DEFAULT_LANGUAGE and re.match(r"/(fr|en)/", url))
           for url in urls):
        found.append(f"a result in another language: {urls}")
    results = urls[1:] if answer["notice"] else urls
    practice_ranks = [i for i, url in enumerate(results) if is_practice(url, case.lang)]
    if practice_ranks and any(listing(url, case.lang) for url in results[:practice_ranks[-1]]):
        found.append(f"a listing page above a practice: {results}")
    return found


@pytest.fixture(scope="module")
def test_set(built_site) -> dict[str, list[Case]]:
    built = cases(built_site)
    for lang, lang_cases in built.items():
        text = "\n".join(page_texts(built_site, lang).values()).lower()
        for case in lang_cases:
            if case.kind == "nothing":
                # The test needs the word to be absent: else "no result" would be the wrong expectation.
                assert not re.search(rf"(?<!\w){re.escape(case.query.lower())}", text), f"{case.describe()}: the site has it"
            else:
                assert case.expected, f"{case.describe()}: no practice qualifies, so the query tests nothing"
    return built


@pytest.fixture(scope="module")
def outcomes():
    collected: dict[str, dict] = {}
    yield collected
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(collected, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_every_query_of_the_test_set_gets_its_right_first_result(page, site_url, test_set, outcomes, lang):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(f"{site_url}{prefix(lang)}")
    lang_cases = test_set[lang]
    answers = page.evaluate(SEARCH_ALL, ["/assets/zoeken/pagefind.js", [case.query for case in lang_cases], READ_BACK])
    failures = {case.describe(): found for case, answer in zip(lang_cases, answers) if (found := problems(case, answer))}
    right = len(lang_cases) - len(failures)
    share = right / len(lang_cases)
    outcomes[lang] = {"queries": len(lang_cases), "right_first_result": right, "share": round(share, 3),
                      "by_kind": {kind: sum(case.kind == kind for case in lang_cases) for kind in sorted({c.kind for c in lang_cases})},
                      "failures": failures,
                      "answers": {case.query: answer["urls"][:3] for case, answer in zip(lang_cases, answers)}}
    print(f"\nsearch test set [{lang}]: {right}/{len(lang_cases)} right first results ({share:.0%})")
    assert not errors, errors
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)
