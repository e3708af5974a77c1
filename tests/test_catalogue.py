"""The overview of all practices as a catalogue, in a real headless Chromium on a desktop (1366×900) and a
phone (390×844), in nl, fr and en: the filters beside the results or behind their "Filters (n)" button, counts
that follow the other filters, an empty combination that names the filter to drop, the state in the URL
(shared, Back, Forward, reload), the sort orders, the budget and start year on the cards, Pagefind's sorts on
the practice pages, and the plain list without JavaScript.

Every expected value comes from the model (build.load(), the build date of kennisbank.build_date) and the
vocabularies; the options a test ticks are chosen from the model too, never typed in from today's data.
"""
from __future__ import annotations

import html as html_module
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest

from kennisbank import build
from kennisbank.build_date import build_date
from kennisbank.model import freshness
from kennisbank.paths import ROOT
from kennisbank.records import amounts, vocabulary
from kennisbank.records.places import municipality_kinds
from kennisbank.records.ui import format_number, t
from kennisbank.site import pages, preview
from shown import as_shown, plain
from test_reader import AXE, BLOCKING_IMPACTS, audit

pytestmark = pytest.mark.browser

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# WCAG 2.5.5 (target size, the project's aim on the phone): 44 × 44 CSS pixels.
MIN_TARGET = 44
# The overview's filters, as its URL names them, in the order the page shows them.
FACETS = ("thema", "regio", "gemeentetype", "doelgroep", "budget", "startjaar", "status", "actualiteit")


# --- The model: what every filter, count and order must be ----------------------------------------------

@pytest.fixture(scope="module")
def practices():
    return build.load()


@pytest.fixture(scope="module")
def today():
    return build_date(ROOT)


def start_option(practice, practices) -> str:
    """The start-year filter's option for `practice`: its year, or its decade once the years are too many."""
    if not practice.period.start:
        return "onbekend"
    years = {int(p.period.start[:4]) for p in practices if p.period.start}
    year = int(practice.period.start[:4])
    return str(year) if len(years) <= pages.MAX_YEAR_OPTIONS else f"{year // 10 * 10}-{year // 10 * 10 + 9}"


@pytest.fixture(scope="module")
def values(practices, today) -> dict[str, dict[str, set[str]]]:
    """slug → filter → the practice's values for it, from the model."""
    return {p.slug: {"thema": set(p.themes), "regio": set(pages.region_keys(p)),
                     "gemeentetype": set(municipality_kinds(p.municipalities) or [pages.NO_MUNICIPALITY]), "doelgroep": set(p.target_groups),
                     "budget": {p.overall_budget().band()}, "startjaar": {start_option(p, practices)},
                     "status": {p.status(today)}, "actualiteit": {freshness.freshness(p, today)}}
            for p in practices}


def matching(values, selection: dict[str, set[str]]) -> set[str]:
    """The practices a selection shows: OR within a filter, AND across filters."""
    return {slug for slug, own in values.items() if all(not chosen or own[name] & chosen for name, chosen in selection.items())}


def with_option(selection, name, value):
    return {**selection, name: selection.get(name, set()) | {value}}


def title_order(practices, lang) -> list[str]:
    """Alphabetical as a reader expects: neither capitals nor accents count ("École" among the E's)."""
    def key(title: str) -> tuple[str, str]:
        return "".join(c for c in unicodedata.normalize("NFKD", title.casefold()) if not unicodedata.combining(c)), title.casefold()
    return [p.slug for p in sorted(practices, key=lambda p: key(p.title(lang)))]


def sort_order(practices, lang, sort, today) -> list[str]:
    """The slugs in the order of `sort`: unknown values last, ties in title order."""
    statuses = [term.id for term in vocabulary.load("status")]
    keys = {
        "titel": lambda p: 0,
        "start-nieuw": lambda p: (p.period.start is None, -int(p.period.start[:4]) if p.period.start else 0),
        "start-oud": lambda p: (p.period.start is None, int(p.period.start[:4]) if p.period.start else 0),
        "status": lambda p: statuses.index(p.status(today)),
        "budget-laag": lambda p: (p.overall_budget().euros() is None, p.overall_budget().euros() or 0),
        "budget-hoog": lambda p: (p.overall_budget().euros() is None, -(p.overall_budget().euros() or 0)),
    }
    by_slug = {p.slug: p for p in practices}
    return sorted(title_order(practices, lang), key=lambda slug: keys[sort](by_slug[slug]))


def count_text(n: int, lang: str) -> str:
    return t("count_one" if n == 1 else "count_many", lang, n=format_number(n, lang))


def most_common(values, name, among=None) -> str:
    """The option of filter `name` that most practices (of `among`) have; ties by value."""
    counts: dict[str, int] = {}
    for slug, own in values.items():
        if among is None or slug in among:
            for value in own[name]:
                counts[value] = counts.get(value, 0) + 1
    return min(counts, key=lambda value: (-counts[value], value))


# --- The browser ------------------------------------------------------------------------------------------

@pytest.fixture
def catalogue(browser, site_url):
    """Opens the overview in a new browser context (desktop by default); every page of it must load without
    console errors and without a request leaving 127.0.0.1."""
    contexts, problems = [], []

    def watch(tab):
        tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def guard(route):
        if route.request.url.startswith((site_url, "data:")):
            route.continue_()
        else:
            problems.append(f"outside request: {route.request.url}")
            route.abort()

    def open_overview(lang="nl", query="", viewport=DESKTOP, javascript=True, url=None):
        phone = viewport["width"] < 600
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript, is_mobile=phone, has_touch=phone)
        context.route("**/*", guard)
        contexts.append(context)
        tab = context.new_page()
        watch(tab)
        tab.goto(url or f"{site_url}/{LANGS[lang]}praktijken/{query}")
        return tab

    yield open_overview
    for context in contexts:
        context.close()
    assert not problems, problems


def shown_slugs(tab) -> list[str]:
    return tab.locator("[data-kb-cards] > li:visible").evaluate_all("cards => cards.map(c => c.dataset.slug)")


def ticks(tab) -> dict[str, set[str]]:
    pairs = tab.locator("[data-kb-facets] input:checked").evaluate_all("boxes => boxes.map(b => [b.name, b.value])")
    selection: dict[str, set[str]] = {}
    for name, value in pairs:
        selection.setdefault(name, set()).add(value)
    return selection


def url_state(tab) -> tuple[dict[str, set[str]], str | None]:
    query = parse_qs(urlsplit(tab.url).query)
    return {name: set(query[name]) for name in FACETS if name in query}, (query.get("sorteer") or [None])[0]


def box(tab, name, value):
    return tab.locator(f'[data-kb-facets] input[name="{name}"][value="{value}"]')


def assert_shows(tab, values, practices, lang, selection, sort, today):
    """The ticks, the URL, the cards and their order all say the same: `selection`, sorted by `sort`."""
    assert ticks(tab) == {name: chosen for name, chosen in selection.items() if chosen}
    in_url, sort_in_url = url_state(tab)
    assert in_url == {name: chosen for name, chosen in selection.items() if chosen}
    assert sort_in_url == (None if sort == "titel" else sort)
    assert tab.locator("[data-kb-sort]").input_value() == sort
    expected = matching(values, selection)
    assert shown_slugs(tab) == [slug for slug in sort_order(practices, lang, sort, today) if slug in expected]


# --- Desktop: the layout ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_on_a_desktop_the_filters_sit_beside_the_results_and_the_first_card_is_in_the_first_viewport(catalogue, lang):
    tab = catalogue(lang)
    facets = tab.locator("[data-kb-facets]").bounding_box()
    first = tab.locator("[data-kb-cards] > li").first
    card = first.bounding_box()
    title = first.locator(".kb-card__title").bounding_box()
    assert facets["x"] + facets["width"] <= card["x"], "filters left of the results"
    assert facets["y"] < DESKTOP["height"] and abs(facets["y"] - tab.locator(".kb-results").bounding_box()["y"]) < 50
    assert 0 <= title["y"] and title["y"] + title["height"] <= DESKTOP["height"], title
    assert tab.locator("[data-kb-filters-toggle]").is_hidden(), "the phone's button is not shown on a desktop"
    # The map folds into a disclosure above the catalogue: closed, its summary is all it takes.
    assert not tab.locator("details.kb-overview-map").evaluate("d => d.open")
    assert tab.locator("details.kb-overview-map .kb-map").is_hidden()


# --- Counts, filters, sort, URL ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_count_is_what_ticking_that_option_would_show_given_the_other_filters(catalogue, values, lang):
    theme = most_common(values, "thema")
    region = most_common(values, "regio", matching(values, {"thema": {theme}}))
    selection = {"thema": {theme}, "regio": {region}}
    tab = catalogue(lang)
    read = "labels => labels.map(l => [l.querySelector('input').name, l.querySelector('input').value, l.querySelector('.kb-count').textContent])"
    before = {(name, value): text for name, value, text in tab.locator("[data-kb-facets] label").evaluate_all(read)}
    box(tab, "thema", theme).check()
    box(tab, "regio", region).check()
    after = tab.locator("[data-kb-facets] label").evaluate_all(read)
    assert {name for name, _, _ in after} == set(FACETS)
    changed = 0
    for name, value, text in after:
        expected = f"({format_number(len(matching(values, with_option(selection, name, value))), lang)})"
        assert plain(text) == plain(expected), (name, value)
        changed += before[(name, value)] != text
    assert changed, "the counts moved with the filters"
    shown = len(matching(values, selection))
    assert plain(tab.locator("[data-kb-count]").inner_text()) == plain(
        t("count_of", lang, shown=format_number(shown, lang), total=format_number(len(values), lang)))


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_filter_sort_share_back_forward_and_reload_keep_ticks_cards_and_order_in_step(catalogue, values, practices, today, lang):
    # A theme whose practices name several different amounts, so the budget sort has something to order.
    theme = max(sorted({v for own in values.values() for v in own["thema"]}),
                key=lambda th: len({p.overall_budget().euros() for p in practices if th in p.themes}))
    band = most_common(values, "budget", matching(values, {"thema": {theme}}))
    steps = [({}, "titel"), ({"thema": {theme}}, "titel"), ({"thema": {theme}}, "budget-laag"),
             ({"thema": {theme}, "budget": {band}}, "budget-laag")]
    tab = catalogue(lang)
    assert_shows(tab, values, practices, lang, *steps[0], today)
    box(tab, "thema", theme).check()
    assert_shows(tab, values, practices, lang, *steps[1], today)
    tab.locator("[data-kb-sort]").select_option("budget-laag")
    assert_shows(tab, values, practices, lang, *steps[2], today)
    box(tab, "budget", band).check()
    assert_shows(tab, values, practices, lang, *steps[3], today)

    shared = catalogue(url=tab.url)  # the address, opened by someone else
    assert_shows(shared, values, practices, lang, *steps[3], today)

    tab.go_back()
    assert_shows(tab, values, practices, lang, *steps[2], today)
    tab.go_back()
    assert_shows(tab, values, practices, lang, *steps[1], today)
    tab.go_forward()
    assert_shows(tab, values, practices, lang, *steps[2], today)
    # To a practice and Back: the reported bug was "Huisvesting" still ticked while every card showed.
    slug = shown_slugs(tab)[0]
    tab.locator(f'[data-slug="{slug}"] .kb-card__title a').click()
    tab.wait_for_url(f"**/praktijken/{slug}/")
    tab.go_back()
    assert_shows(tab, values, practices, lang, *steps[2], today)
    tab.reload()
    assert_shows(tab, values, practices, lang, *steps[2], today)
    tab.locator("[data-kb-clear]").click()
    assert_shows(tab, values, practices, lang, {}, "budget-laag", today)


def test_every_sort_order_is_the_models(catalogue, values, practices, today):
    tab = catalogue("en")
    orders = tab.locator("[data-kb-sort] option").evaluate_all("options => options.map(o => o.value)")
    assert orders == list(pages.SORTS)
    assert len({tuple(sort_order(practices, "en", sort, today)) for sort in orders}) > 1, "the orders differ"
    for sort in orders:
        tab.locator("[data-kb-sort]").select_option(sort)
        assert_shows(tab, values, practices, "en", {}, sort, today)
        note = tab.locator("[data-kb-sort-note]")
        if sort.startswith(("start-", "budget-")):
            assert note.is_visible() and note.inner_text()
        else:
            assert note.is_hidden()


def empty_pair(values) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two options of two filters that no practice has together, the pair with the most practices apart."""
    options = sorted({(name, value) for own in values.values() for name in FACETS for value in own[name]})
    pairs = [(a, b) for a in options for b in options if a[0] < b[0] and not matching(values, {a[0]: {a[1]}, b[0]: {b[1]}})]
    assert pairs, "the data has no empty combination of two filters"
    return max(pairs, key=lambda pair: (sum(len(matching(values, {n: {v}})) for n, v in pair), pair))


def empty_selection(values) -> dict[str, set[str]]:
    """An empty combination of three filters: two options no practice has together, and an option of a third
    filter that the second one's practices have; dropping that third filter alone cannot help."""
    (first, first_value), (second, second_value) = empty_pair(values)
    third = next(name for name in FACETS if name not in (first, second))
    return {first: {first_value}, second: {second_value},
            third: {most_common(values, third, matching(values, {second: {second_value}}))}}


def query(selection) -> str:
    return "?" + "&".join(f"{name}={value}" for name, chosen in selection.items() for value in sorted(chosen))


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_combination_names_the_filter_to_drop_and_following_it_gives_results(catalogue, values, practices, today, lang):
    selection = empty_selection(values)
    tab = catalogue(lang, query=query(selection))
    assert shown_slugs(tab) == []
    assert plain(tab.locator("[data-kb-count]").inner_text()) == plain(
        t("count_of", lang, shown=format_number(0, lang), total=format_number(len(values), lang)))
    # Each filter whose removal alone gives results is offered, with that number, the most results first.
    remaining = {name: len(matching(values, {other: chosen for other, chosen in selection.items() if other != name}))
                 for name in selection}
    offered = sorted((name for name in remaining if remaining[name]), key=lambda name: (-remaining[name], FACETS.index(name)))
    assert offered and len(offered) < len(selection), "one filter helps, one does not"
    expected = []
    for name in offered:
        label = tab.locator(f'[data-kb-facet="{name}"] .kb-facet__label').inner_text()
        expected.append(plain(t("suggest_drop", lang, filter=label, count=count_text(remaining[name], lang))))
    buttons = tab.locator("[data-kb-empty] button")
    assert [plain(text) for text in buttons.all_inner_texts()] == expected
    assert plain(t("empty_combination", lang)) in plain(tab.locator("[data-kb-empty]").inner_text())
    buttons.first.click()
    kept = {name: chosen for name, chosen in selection.items() if name != offered[0]}
    assert len(shown_slugs(tab)) == remaining[offered[0]]
    assert_shows(tab, values, practices, lang, kept, "titel", today)
    assert tab.locator("[data-kb-empty]").is_hidden()
    assert tab.evaluate("() => document.activeElement.hasAttribute('data-kb-count')"), "focus on the new count"


# --- The phone ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_the_filters_open_from_a_button_with_the_live_count(catalogue, values, lang):
    tab = catalogue(lang, viewport=PHONE)
    toggle = tab.locator("[data-kb-filters-toggle]")
    panel = tab.locator("[data-kb-facets]")
    first_card = tab.locator("[data-kb-cards] > li").first
    assert panel.is_hidden() and toggle.is_visible()
    size = toggle.bounding_box()
    assert size["width"] >= MIN_TARGET and size["height"] >= MIN_TARGET, size
    assert plain(toggle.inner_text()) == t("filters", lang) and toggle.get_attribute("aria-expanded") == "false"
    assert first_card.bounding_box()["y"] < PHONE["height"], "closed, the first result is on the first screen"

    toggle.click()
    assert panel.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    opened_at = toggle.bounding_box()["y"]
    assert first_card.bounding_box()["y"] - opened_at <= PHONE["height"], "the first result is within one screen"
    theme = most_common(values, "thema")
    group = tab.locator('[data-kb-facet="thema"]')
    group.locator("summary").click()
    for label in group.locator("label").all():
        assert label.bounding_box()["height"] >= MIN_TARGET
    box(tab, "thema", theme).check()
    shown = len(matching(values, {"thema": {theme}}))
    assert plain(toggle.inner_text()) == plain(f"{t('filters', lang)} (1)")
    done = tab.locator("[data-kb-done]")
    assert plain(done.inner_text()) == plain(t("filters_show", lang, count=count_text(shown, lang)))
    place = done.bounding_box()
    assert 0 <= place["y"] and place["y"] + place["height"] <= PHONE["height"], "the live count stays in view"
    assert place["height"] >= MIN_TARGET

    done.click()
    assert panel.is_hidden() and toggle.get_attribute("aria-expanded") == "false"
    first_shown = tab.locator("[data-kb-cards] > li:visible").first
    where = first_shown.bounding_box()
    assert 0 <= where["y"] < PHONE["height"] and theme in first_shown.get_attribute("data-thema").split()
    assert len(shown_slugs(tab)) == shown
    width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width

    # By keyboard: the button opens the panel, Escape closes it and gives the focus back.
    toggle.focus()
    tab.keyboard.press("Enter")
    assert panel.is_visible()
    group.locator("input").first.focus()
    tab.keyboard.press("Escape")
    assert panel.is_hidden()
    assert tab.evaluate("() => document.activeElement.hasAttribute('data-kb-filters-toggle')")


# --- Without JavaScript -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_card_is_listed_and_no_control_that_needs_it_shows(catalogue, values, practices, lang):
    theme = most_common(values, "thema")
    tab = catalogue(lang, query=f"?thema={theme}&sorteer=budget-hoog", javascript=False)
    assert shown_slugs(tab) == title_order(practices, lang)
    for control in ("[data-kb-facets]", "[data-kb-filters-toggle]", "[data-kb-sort]", "[data-kb-empty]"):
        assert tab.locator(control).is_hidden(), control
    assert plain(tab.locator("[data-kb-count]").inner_text()) == plain(count_text(len(practices), lang))
    # The map's disclosure needs no script either.
    tab.locator("details.kb-overview-map > summary").click()
    assert tab.locator("details.kb-overview-map .kb-map").is_visible()


def test_the_filters_work_in_the_preview_opened_from_disk(built_site, browser, values, tmp_path):
    target = tmp_path / "site-preview"
    preview.make_preview(built_site, target)
    context = browser.new_context(viewport=DESKTOP)
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto((target / "praktijken" / "index.html").as_uri())
        theme = most_common(values, "thema")
        box(tab, "thema", theme).check()
        assert set(shown_slugs(tab)) == matching(values, {"thema": {theme}})
    finally:
        context.close()
    assert not errors, errors


# --- The cards and the page without a browser ---------------------------------------------------------------

def overview_cards(built_site, lang) -> dict[str, str]:
    html = (built_site / LANGS[lang] / "praktijken" / "index.html").read_text(encoding="utf-8")
    return dict(re.findall(r'<li class="kb-card" data-slug="([^"]+)"(.*?)</li>', html, re.S))


@pytest.mark.parametrize("lang", LANGS)
def test_cards_show_the_budget_and_the_start_year_and_carry_them_as_data(built_site, practices, lang):
    cards = overview_cards(built_site, lang)
    assert set(cards) == {p.slug for p in practices}
    bands = vocabulary.load("budgetklasse")
    for practice in practices:
        card = cards[practice.slug]
        budget = practice.overall_budget()
        euros = budget.euros()
        assert f'data-budget="{budget.band()}"' in card
        assert f'data-bedrag="{amounts.plain(euros)}"' in card
        # As text: the glossary marks a term such as VTE where it first occurs on the page.
        facts = re.sub(r"<[^>]+>", "", card.split('class="kb-card__facts">', 1)[1].split("</p>", 1)[0])
        if practice.budget.amounts:
            for amount in practice.budget.amounts:
                assert as_shown(pages.format_amount(amount, lang), lang) in facts, practice.slug
        elif not any(s.budget for s in practice.subprojects):
            assert as_shown(bands[budget.band()].label(lang), lang) in facts, practice.slug
        start = practice.period.start
        assert f'data-start="{start[:4] if start else ""}"' in card
        assert (start[:4] if start else as_shown(t("card_start_unknown", lang), lang)) in facts


@pytest.mark.parametrize("lang", LANGS)
def test_budget_start_year_and_status_filters_list_their_options_in_order_with_the_models_counts(built_site, values, lang):
    html = (built_site / LANGS[lang] / "praktijken" / "index.html").read_text(encoding="utf-8")
    for name in ("budget", "startjaar", "status"):
        group = html.split(f'data-kb-facet="{name}"', 1)[1].split("</details>", 1)[0]
        listed = [(value, int(n)) for value, n in re.findall(r'value="([^"]+)">[^<]*<span class="kb-count">\((\d+)\)', group)]
        counts = {value: len(matching(values, {name: {value}})) for value in {v for own in values.values() for v in own[name]}}
        assert dict(listed) == counts, name
        if name == "startjaar":
            known = [value for value, _ in listed if value != "onbekend"]
            assert known == sorted(known, reverse=True), "newest first"
            if "onbekend" in counts:
                assert listed[-1][0] == "onbekend", "no start year: last"
            assert len(known) <= pages.MAX_YEAR_OPTIONS
        else:
            vocabulary_order = [term.id for term in vocabulary.load("budgetklasse" if name == "budget" else "status")]
            assert [value for value, _ in listed] == [value for value in vocabulary_order if value in counts]


@pytest.mark.parametrize("lang", LANGS)
def test_practice_pages_carry_pagefind_sorts_by_title_start_year_and_budget(built_site, practices, lang):
    for practice in practices:
        html = (built_site / LANGS[lang] / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
        sorts = {key: html_module.unescape(value) for key, value in
                 re.findall(r'data-pagefind-sort="(\w+)\[data-kb-sort\]" data-kb-sort="([^"]*)"', html)}
        expected = {"titel": practice.title(lang)}
        if practice.period.start:
            expected["startjaar"] = practice.period.start[:4]
        if practice.overall_budget().euros() is not None:
            expected["budget"] = amounts.plain(practice.overall_budget().euros())
        assert sorts == expected, practice.slug


@pytest.mark.parametrize(("key", "direction"), [("startjaar", "asc"), ("budget", "desc")])
def test_pagefinds_own_api_sorts_the_practices_by_start_year_and_budget(catalogue, practices, key, direction):
    tab = catalogue("nl")
    urls = tab.evaluate("""async ([key, direction]) => {
        const pagefind = await import("/pagefind/pagefind.js");
        const search = await pagefind.search(null, { sort: { [key]: direction } });
        return Promise.all(search.results.map(async r => (await r.data()).url));
    }""", [key, direction])
    value = {"startjaar": lambda p: int(p.period.start[:4]) if p.period.start else None, "budget": lambda p: p.overall_budget().euros()}[key]
    by_url = {f"/praktijken/{p.slug}/": value(p) for p in practices}
    assert set(urls) == {url for url, v in by_url.items() if v is not None}
    ordered = [by_url[url] for url in urls]
    assert ordered == sorted(ordered, reverse=direction == "desc")


# --- Accessibility of the states the script makes -----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_serious_in_the_empty_combination_and_the_open_phone_panel(catalogue, values, lang):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (npm ci installs it from package-lock.json)")
    desktop = catalogue(lang, query=query(empty_selection(values)))
    phone = catalogue(lang, viewport=PHONE)
    phone.locator("[data-kb-filters-toggle]").click()
    phone.locator('[data-kb-facet="thema"] summary').click()
    for tab in (desktop, phone):
        blocking = [v for v in audit(tab) if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, blocking
