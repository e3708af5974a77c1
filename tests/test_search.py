"""Search works in each language: Pagefind's own JavaScript API in a real headless Chromium.

The browser opens a page of the built site (served on 127.0.0.1) in the language under test;
Pagefind picks that language's index from `<html lang>`, exactly as for a reader.
"""
from __future__ import annotations

import re

import pytest

from kennisbank import vocabulary
from kennisbank.model import load_practices
from kennisbank.ui import t

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
    assert {"thema", "provincie", "doelgroep", "status", "soort", "organisatie"} <= set(filters)
    practices = load_practices()
    housing = sum("huisvesting" in p.themes for p in practices)
    assert filters["thema"]["Huisvesting"] == housing
    assert filters["soort"]["Praktijk"] == len(practices)
    east_flanders = sum("40000" in p.provinces for p in practices)
    assert filters["provincie"]["Oost-Vlaanderen"] == east_flanders
    result = search(page, site_url, "", None, {"thema": "Huisvesting", "soort": "Praktijk"})
    assert result["count"] == housing


def test_filter_names_follow_the_page_language(page, site_url):
    page.goto(f"{site_url}/fr/")
    filters = page.evaluate("""async () => (await import("/pagefind/pagefind.js")).filters()""")
    assert set(filters) == {"thème", "province", "public cible", "statut", "type", "organisation", t("filter_gemeentetype", "fr")}
    assert filters["type"]["Pratique"] == len(load_practices())
    assert "Logement" in filters["thème"]


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
