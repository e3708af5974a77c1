"""Search works in each language: Pagefind's own JavaScript API in a real headless Chromium.

The browser opens a page of the built site (served on 127.0.0.1) in the language under test;
Pagefind picks that language's index from `<html lang>`, exactly as for a reader.
"""
from __future__ import annotations

import filecmp
import re

import pytest

from kennisbank.model import load_practices
from kennisbank.records import vocabulary
from kennisbank.records.ui import t
from kennisbank.site import search as site_search  # `search` below is this module's query helper

pytestmark = pytest.mark.browser

SEARCH = """async ([query, filters]) => {
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(query, filters ? { filters } : {});
    const all = await Promise.all(search.results.map((result) => result.data()));
    return { count: search.results.length, urls: all.map((data) => data.url), excerpts: all.map((data) => data.excerpt) };
}"""


def search(page, site_url, prefix, query, filters=None):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{site_url}/{prefix}")
    result = page.evaluate(SEARCH, [query, filters])
    assert not errors, errors
    return result


@pytest.mark.parametrize("prefix, query, slug", [
    ("", "Mind-Spring", "oost-vlaanderen-mind-spring"),
    ("", "woonclub", "zuid-west-vlaanderen-w13"),
    ("", "Abrahamhuis", "genk-geloofsgemeenschappen"),
    ("fr/", "bénévoles", "gent-werken-met-vrijwilligers"),
    ("fr/", "Mind-Spring", "oost-vlaanderen-mind-spring"),
    ("en/", "housing club", "zuid-west-vlaanderen-w13"),
    ("en/", "unaccompanied refugee minors", "minor-ndako-jonge-vluchtelingen"),
])
def test_query_finds_the_expected_practice_in_the_readers_language(page, site_url, prefix, query, slug):
    result = search(page, site_url, prefix, query)
    assert result["count"] > 0
    assert f"/{prefix}praktijken/{slug}/" in result["urls"][:3], result["urls"]
    assert all(url.startswith(f"/{prefix}") for url in result["urls"])
    if prefix:
        assert not any(url.startswith(f"/{other}/") for url in result["urls"]
                       for other in vocabulary.LANGUAGES if other != prefix.rstrip("/")), result["urls"]


def test_dutch_originals_quoted_on_french_and_english_pages_stay_out_of_their_indexes(page, site_url):
    """A budget text as published is quoted in Dutch, collapsed, under its translation. Its Dutch words
    are found in the Dutch index only: the quotation is marked data-pagefind-ignore."""
    practice, word = next((p, w) for p in load_practices() if p.budget.text and p.budget.text.translations
                          for w in re.findall(r"[a-zë]{9,}", str(p.budget.text).lower())
                          if not any(w in (p.texts[f].translation(lang) or "").lower() + (p.budget.text.translation(lang) or "").lower()
                                     for lang in ("fr", "en") for f in ("titel", "samenvatting", "beschrijving")))
    dutch = search(page, site_url, "", word)
    assert f"/praktijken/{practice.slug}/" in dutch["urls"], (word, dutch["urls"][:5])
    for prefix in ("fr/", "en/"):
        other = search(page, site_url, prefix, word)
        assert not any(word in excerpt.lower() for excerpt in other["excerpts"]), (word, prefix)


def test_filters_exist_and_count_what_the_data_says(page, site_url):
    page.goto(f"{site_url}/")
    filters = page.evaluate("""async () => {
        const pagefind = await import("/pagefind/pagefind.js");
        return await pagefind.filters();
    }""")
    names = {key: t(f"filter_{key}", "nl") for key in ("thema", "provincie", "doelgroep", "status", "soort", "organisatie")}
    assert set(names.values()) <= set(filters)
    practices = load_practices()
    housing = sum("huisvesting" in p.themes for p in practices)
    assert filters[names["thema"]]["Huisvesting"] == housing
    assert filters[names["soort"]]["Praktijk"] == len(practices)
    east_flanders = sum("40000" in p.provinces for p in practices)
    assert filters[names["provincie"]]["Oost-Vlaanderen"] == east_flanders
    result = search(page, site_url, "", None, {names["thema"]: "Huisvesting", names["soort"]: "Praktijk"})
    assert result["count"] == housing


def test_filter_names_follow_the_page_language(page, site_url):
    page.goto(f"{site_url}/fr/")
    filters = page.evaluate("""async () => (await import("/pagefind/pagefind.js")).filters()""")
    keys = ("thema", "provincie", "doelgroep", "status", "soort", "organisatie", "gemeentetype")
    assert set(filters) == {t(f"filter_{key}", "fr") for key in keys}
    assert filters[t("filter_soort", "fr")]["Pratique"] == len(load_practices())
    assert "Logement" in filters[t("filter_thema", "fr")]


def test_header_search_box_shows_results_in_the_page_language(page, site_url):
    page.goto(f"{site_url}/fr/praktijken/")
    box = page.locator("#kb-search input")
    box.fill("bénévoles")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=10_000)
    links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "/fr/praktijken/gent-werken-met-vrijwilligers/" in links
    titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert titles and not any("¶" in title for title in titles), titles
    # The box sits inside Material's header, not below it.
    assert page.locator(".md-header__inner #kb-search").count() == 1


# --- What the search box adds to Pagefind (docs/assets/zoeken/pagefind.js, kennisbank/site/search_terms.py) ---

SEARCH_MODULE = "/assets/zoeken/pagefind.js"
ALL_FRAGMENTS = """async ([kinds]) => {
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(null, { filters: kinds });
    const all = await Promise.all(search.results.map((result) => result.data()));
    return all.map((data) => ({ url: data.url, content: data.content, excerpt: data.excerpt }));
}"""


def header_search(page, site_url, prefix, query):
    """Type in the header search box as a reader does; returns the message and the result links."""
    page.goto(f"{site_url}/{prefix}")
    page.locator("#kb-search input").fill(query)
    # While searching, Pagefind's UI shows only a message; the result list comes with the answer.
    page.locator(".pagefind-ui__results").wait_for(state="attached", timeout=10_000)
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__loading')", timeout=10_000)
    links = page.locator(".pagefind-ui__result-link").evaluate_all(
        "els => els.map(e => ({text: e.textContent, href: e.getAttribute('href')}))")
    return page.locator(".pagefind-ui__message").first.inner_text(), links


def uncovered_municipality(province_with_page: bool):
    """A municipality no practice covers, in a province that has (or has not) a page of its own."""
    from kennisbank.records.places import gazetteer
    from kennisbank.site import search_terms

    covered = search_terms.covered_municipalities([[{"soort": a.kind, "code": a.key} for a in p.areas] for p in load_practices()])
    with_practices = {province for p in load_practices() for province in p.provinces}
    return next(m for nis, m in sorted(gazetteer().municipalities.items())
                if nis not in covered and (m.province in with_practices) == province_with_page)


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_a_municipality_without_a_practice_leads_to_its_province_page(page, site_url, lang):
    from kennisbank.records.places import gazetteer
    from kennisbank.records.ui import t
    from kennisbank.site import typography
    from kennisbank.site.pages import province_slug

    municipality = uncovered_municipality(province_with_page=True)
    prefix = vocabulary.url_prefix(lang)
    # Typed in another language than the page's: the French name on the Dutch page, the Dutch one elsewhere.
    typed = municipality.names["fr" if lang == "nl" else "nl"]
    message, links = header_search(page, site_url, prefix, typed)
    province = gazetteer().provinces[municipality.province]
    wanted = t("search_no_practice", lang, place=municipality.name(lang), province=province.label(lang))
    assert links[0] == {"text": typography.french_text(wanted) if lang == "fr" else wanted,
                        "href": f"/{prefix}praktijken/regio/{province_slug(municipality.province)}/"}, links
    # The link leads somewhere real.
    assert page.goto(site_url + links[0]["href"]).ok


def test_a_municipality_in_a_province_without_a_page_leads_to_the_region_index(page, site_url):
    municipality = uncovered_municipality(province_with_page=False)
    _, links = header_search(page, site_url, "en/", municipality.names["fr"])
    assert links and links[0]["href"] == "/en/praktijken/regio/", links
    assert municipality.name("en") in links[0]["text"]


@pytest.mark.parametrize("prefix, query", [("", "mindfulness"), ("fr/", "gentrification"), ("en/", "PCSWZ Oostende")])
def test_a_word_the_site_does_not_have_finds_nothing_instead_of_its_prefix(page, site_url, prefix, query):
    """Raw Pagefind answers these with pages on "mind…", "gent…" and "pcsw…/oost…"; the box says nothing was found."""
    raw = search(page, site_url, prefix, query)
    assert raw["count"] > 0, "Pagefind no longer matches a prefix here: pick another word"
    _, links = header_search(page, site_url, prefix, query)
    assert links == []


def test_the_search_module_keeps_pagefind_s_api(page, site_url):
    """Pagefind's UI and the tests load the module in Pagefind's place: it must offer what Pagefind does."""
    page.goto(f"{site_url}/")
    exported = page.evaluate("""async ([ours]) => {
        const [mine, theirs] = [await import(ours), await import("/pagefind/pagefind.js")];
        return [Object.keys(theirs).filter((name) => !(name in mine)), Object.keys(await mine.filters())];
    }""", [SEARCH_MODULE])
    assert exported[0] == []
    assert t("filter_thema", "nl") in exported[1]


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_no_indexed_page_carries_developer_text(page, site_url, built_site, lang):
    """Snippets never show the edit link, a source file name, code or the hidden terms' markup."""
    from kennisbank.records.ui import t

    page.goto(f"{site_url}/{vocabulary.url_prefix(lang)}")
    kinds = {t("filter_soort", lang): {"any": [term.label(lang) for term in vocabulary.load("soort")]}}
    fragments = page.evaluate(ALL_FRAGMENTS, [kinds])
    assert len(fragments) == len({f["url"] for f in fragments}) > len(load_practices())
    # The open data page documents the record format for reusers (field names, vocabulary files):
    # that is its content. An edit link, a record's path and a setting are not.
    forbidden = [t("edit_practice", lang), "/edit/main/", "data/praktijken/", "KENNISBANK_PRIVACY", "filter-repo", "data-pagefind"]
    forbidden += sorted({p.source.document for p in load_practices() if p.source.document})
    for fragment in fragments:
        for text in forbidden:
            assert text.lower() not in fragment["content"].lower(), (fragment["url"], text)


def test_hidden_search_terms_are_indexed_but_not_shown(page, site_url):
    """The French name of a Dutch practice's municipality finds it on the Dutch site, and the reader
    never sees the list that holds it."""
    from kennisbank.records.places import gazetteer

    practice = next(p for p in load_practices() for area in p.areas if area.kind == "gemeente"
                    and gazetteer().municipalities[area.key].names.get("fr") not in (None, p.title("nl").split(":")[0]))
    french = next(gazetteer().municipalities[a.key].names["fr"] for a in practice.areas if a.kind == "gemeente"
                  and gazetteer().municipalities[a.key].names["fr"] != gazetteer().municipalities[a.key].names["nl"])
    page.goto(f"{site_url}/praktijken/{practice.slug}/")
    terms = page.locator(".kb-index-terms")
    assert terms.count() == 1 and not terms.is_visible()
    assert french in terms.text_content()
    result = page.evaluate("""async ([module, query]) => {
        const search = await (await import(module)).search(query);
        return Promise.all(search.results.map((r) => r.data().then((d) => d.url)));
    }""", [SEARCH_MODULE, french])
    assert f"/praktijken/{practice.slug}/" in result, (french, result)


def test_listing_pages_are_indexed_with_a_lower_weight(built_site):
    """Overview, theme, region and organisation pages: the body marker carries the lowered weight; practices do not."""
    listing = [built_site / "praktijken" / "index.html", *built_site.glob("praktijken/thema/*/index.html"),
               *built_site.glob("praktijken/regio/*/index.html"), *built_site.glob("praktijken/organisatie/*/index.html")]
    for html in listing:
        assert re.search(r"<div data-pagefind-body[^>]*data-pagefind-weight=\"0\.\d+\"", html.read_text(encoding="utf-8")), html
    practice = built_site / "praktijken" / load_practices()[0].slug / "index.html"
    assert not re.search(r"<div data-pagefind-body[^>]*data-pagefind-weight", practice.read_text(encoding="utf-8"))


def test_search_index_is_pagefinds_own_of_the_built_pages(built_site, tmp_path):
    """The build indexes each language on its own, as soon as it is built, and merges the indexes
    (search.merge_indexes, stable_order). Pagefind run once by itself over the finished site must give the same
    index, file for file: a page changed after it was indexed, a page left out or a merge that loses a
    language's filter would show up here."""
    own = tmp_path / "pagefind"
    site_search.run_pagefind(built_site, None, own)
    site_search.stable_order(own)
    expected = sorted(path.relative_to(own).as_posix() for path in own.rglob("*") if path.is_file())
    built = built_site / site_search.INDEX_DIR_NAME
    ours = sorted(path.relative_to(built).as_posix() for path in built.rglob("*")
                  if path.is_file() and path.name != site_search.SEARCH_DATA_NAME)
    assert ours == expected
    assert len(expected) > len(vocabulary.LANGUAGES) * 2  # fragments and index chunks, not only the entry files
    different = [name for name in expected if not filecmp.cmp(own / name, built / name, shallow=False)]
    assert different == []
