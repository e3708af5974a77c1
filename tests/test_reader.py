"""The site as readers use it, in a real headless Chromium: search, filters, language switch, phone,
keyboard, and an axe-core accessibility audit (WCAG 2.1 A and AA) of every kind of page, in nl, fr and en.

Every page visited here must load without console errors, failed requests or requests leaving
127.0.0.1 (the `reader` fixture asserts that when the test ends).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kennisbank import build
from kennisbank.paths import ROOT
from kennisbank.records.ui import t
from shown import plain

pytestmark = pytest.mark.browser

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 levels A and AA, the bar for Flemish and Brussels public-sector sites (EN 301 549).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Every kind of page: home, overview (with the map), three practices, a step of the guide, the primer,
# the glossary, the charts.
AUDITED = ["", "praktijken/", "praktijken/gent-ankerkracht/", "praktijken/aalst-taalstimuleringsprojecten/",
           "praktijken/eindhoven-huisvesting-statushouders/", "taalbeleid/stap-3-taalscan/", "superdiversiteit/",
           "woordenlijst/", "cijfers/"]
REPORT = ROOT / ".reports" / "axe-moderate.json"


@pytest.fixture
def reader(page, site_url):
    """A tab that records console errors, failed requests and error responses of every page it opens."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}")
            if r.url.startswith(site_url) else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield page
    assert not problems, problems


def practices():
    return build.load()


# --- Search, filters, language switch ----------------------------------------------------------------

@pytest.mark.parametrize(("prefix", "query", "slug"), [
    ("", "woonclub", "zuid-west-vlaanderen-w13"),
    ("", "Mind-Spring", "oost-vlaanderen-mind-spring"),
    ("fr/", "logement", "zuid-west-vlaanderen-w13"),
    ("en/", "unaccompanied", "minor-ndako-jonge-vluchtelingen"),
])
def test_typing_in_the_header_search_finds_the_practice_in_the_page_language(reader, site_url, prefix, query, slug):
    reader.goto(f"{site_url}/{prefix}")
    reader.locator("#kb-search input").fill(query)
    reader.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
    links = reader.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert f"/{prefix}praktijken/{slug}/" in links[:5], links
    assert all(link.startswith(f"/{prefix}") for link in links)


def visible_cards(page) -> int:
    return page.locator("[data-kb-cards] > li:visible").count()


@pytest.mark.parametrize("lang", LANGS)
def test_overview_filters_by_theme_then_region_and_clearing_restores_all(reader, site_url, lang):
    reader.goto(f"{site_url}/{LANGS[lang]}praktijken/")
    everything = practices()
    assert visible_cards(reader) == len(everything)
    reader.locator('input[name="thema"][value="taal-en-taalpromotiebeleid"]').check()
    language = [p for p in everything if "taal-en-taalpromotiebeleid" in p.themes]
    assert visible_cards(reader) == len(language)
    reader.locator('input[name="regio"][value="40000"]').check()  # Oost-Vlaanderen (NIS 40000)
    both = [p for p in language if "40000" in p.provinces]
    assert 0 < len(both) < len(language)
    assert visible_cards(reader) == len(both)
    count = reader.locator("[data-kb-count]").inner_text()
    assert str(len(both)) in count and str(len(everything)) in count
    reader.locator("[data-kb-clear]").click()
    assert visible_cards(reader) == len(everything)


@pytest.mark.parametrize(("source", "target"), [("nl", "fr"), ("fr", "en"), ("en", "nl")])
def test_switching_language_keeps_the_reader_on_the_same_practice(reader, site_url, source, target):
    slug = "oost-vlaanderen-mind-spring"
    reader.goto(f"{site_url}/{LANGS[source]}praktijken/{slug}/")
    reader.locator(".md-header .md-select").first.hover()
    reader.locator(f'.md-select__link[hreflang="{target}"]').first.click()
    reader.wait_for_url(f"{site_url}/{LANGS[target]}praktijken/{slug}/")
    assert reader.locator("html").get_attribute("lang") == target
    practice = next(p for p in practices() if p.slug == slug)
    assert plain(reader.locator("h1").first.inner_text().replace("¶", "").strip()) == practice.title(target)


# --- Phone and keyboard ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_menu_and_search_open_the_fact_card_reads_and_nothing_scrolls_sideways(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        for path in ("", "praktijken/", "praktijken/gent-ankerkracht/", "taalbeleid/stap-3-taalscan/"):
            page.goto(f"{site_url}/{LANGS[lang]}{path}")
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], (path, width)
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.locator(".md-nav--primary").first.wait_for(state="visible")
        page.keyboard.press("Escape")
        page.goto(f"{site_url}/{LANGS[lang]}praktijken/gent-ankerkracht/")
        card = page.locator(".kb-factcard")
        box = card.bounding_box()
        assert box and box["width"] <= 390 and box["x"] >= 0
        size = card.locator("dd").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 12, size
        page.locator(".kb-search__toggle").click()
        field = page.locator("#kb-search input")
        field.wait_for(state="visible")
        field.fill("Ankerkracht")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
        assert not errors, errors
    finally:
        context.close()


def test_keyboard_reaches_skip_link_search_and_language_switch_with_visible_focus(reader, site_url):
    reader.goto(f"{site_url}/praktijken/gent-ankerkracht/")
    reached: list[dict] = []
    for _ in range(40):
        reader.keyboard.press("Tab")
        reached.append(reader.evaluate("""() => {
            const e = document.activeElement, style = getComputedStyle(e);
            return { tag: e.tagName, cls: e.className || "", href: e.getAttribute("href") || "",
                     hreflang: e.getAttribute("hreflang") || "", inSearch: !!e.closest("#kb-search"),
                     outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
                     shadow: style.boxShadow !== "none" };
        }"""))
    assert reached[0]["cls"].find("md-skip") >= 0 or reached[0]["href"].startswith("#"), reached[0]
    assert any(r["inSearch"] for r in reached), "search box not reachable by Tab"
    assert any(r["hreflang"] for r in reached), "language switch not reachable by Tab"
    assert all(r["outline"] or r["shadow"] for r in reached if r["tag"] in ("A", "INPUT", "BUTTON")), \
        [r for r in reached if not (r["outline"] or r["shadow"])][:3]


# --- Accessibility --------------------------------------------------------------------------------------

def audit(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
        const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
        return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                             nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5) }));
    }""", AXE_TAGS)


@pytest.fixture(scope="module")
def moderate_findings():
    findings: dict[str, list] = {}
    yield findings
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(findings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", AUDITED)
def test_axe_finds_no_serious_or_critical_violation(reader, site_url, lang, path, moderate_findings):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (npm ci installs it from package-lock.json)")
    reader.goto(f"{site_url}/{LANGS[lang]}{path}")
    violations = audit(reader)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, json.dumps(blocking, indent=1, ensure_ascii=False)
    others = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    if others:
        moderate_findings[f"/{LANGS[lang]}{path}"] = others


@pytest.mark.parametrize("lang", LANGS)
def test_language_attributes_are_right_in_the_browser(reader, site_url, lang):
    reader.goto(f"{site_url}/{LANGS[lang]}praktijken/antwerpen-connect2work/")
    assert reader.locator("html").get_attribute("lang") == lang
    if lang != "nl":
        # The budget as published is quoted in Dutch under its translation, collapsed, and marked as Dutch
        # for screen readers; its summary line is in the page's language.
        original = reader.locator("details.kb-original").first
        assert original.locator("q").get_attribute("lang") == "nl"
        assert original.locator("summary").get_attribute("lang") is None
        assert not original.evaluate("d => d.open"), "collapsed: the reader sees the translation first"
        original.locator("summary").click()
        assert original.evaluate("d => d.open")


@pytest.mark.parametrize("lang", LANGS)
def test_accessibility_statement_is_published_with_results_and_contact(reader, site_url, lang):
    reader.goto(f"{site_url}/{LANGS[lang]}toegankelijkheid/")
    text = reader.locator("article").inner_text()
    assert "WCAG 2.1" in text and "axe-core" in text
    assert reader.locator("article a[href^='mailto:'], article a[href^='https://github.com']").count() >= 1
    footer = reader.locator(".md-footer").inner_text()
    assert t("accessibility_statement", lang) in footer
