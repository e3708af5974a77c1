"""Comparing practices side by side (kennisbank/site/compare.py, docs/assets/compare.js), in a real Chromium.

The facts a column shows are the practice's own fact card rows: the tests read them from the
practice page and expect the same text in the comparison, in every language. The choice lives in the
address, so the tests also open a comparison from its address alone, as a shared link.
"""
from __future__ import annotations

import json
import re
from html import unescape

import pytest
from pypdf import PdfReader

from kennisbank.model import load_practices
from kennisbank.records.places import gazetteer
from kennisbank.records.ui import t
from kennisbank.site import compare, pages
from shown import plain

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}
MAX = 4  # templates/_compare.j2 max_compared
# A4 landscape at 96 CSS px per inch: 297 × 210 mm.
A4_LANDSCAPE = {"width": 1123, "height": 794}
A4_POINTS = (841.89, 595.28)


@pytest.fixture(scope="module")
def practices():
    return load_practices()


def same_text(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).strip()


def text_of(html: str) -> str:
    return same_text(unescape(re.sub(r"<[^>]+>", "", html)))


def fact_card(page, site_url, lang: str, slug: str) -> dict[str, str]:
    """The fact card of a practice page as a reader sees it: row label → text."""
    page.goto(f"{site_url}/{LANGS[lang]}praktijken/{slug}/")
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.kb-factcard dt')).map(
        dt => [dt.innerText.trim(), dt.nextElementSibling.innerText]))""")


def municipality_with_two(practices) -> tuple[str, list]:
    """A province whose page shows at least two of its own practices as cards (not folded away)."""
    places = gazetteer()
    for province in sorted({pid for p in practices for pid in p.provinces}):
        members = [p for p in practices if any(places.municipalities[n].province == province for n in p.municipalities)]
        if len(members) >= 2:
            return province, members
    raise AssertionError("no province with two practices")


def choose_on(page, slugs) -> None:
    for slug in slugs:
        page.locator(f'input[data-kb-compare="{slug}"]').first.check()


# --- The page as built ------------------------------------------------------------------------------

def test_the_comparison_page_lists_every_practice_and_its_facts_are_the_fact_cards(built_site, practices):
    for lang, prefix in LANGS.items():
        html = (built_site / prefix / "praktijken" / "vergelijk" / "index.html").read_text(encoding="utf-8")
        listed = re.findall(r'<li data-kb-slug="([^"]+)"><a href="\.\./([^/"]+)/"', html)
        assert sorted(slug for slug, _ in listed) == sorted(p.slug for p in practices)
        assert all(slug == href for slug, href in listed)
        assert "data-kb-compare-nojs" in html
        for practice in practices:
            facts = json.loads((built_site / prefix / "praktijken" / "vergelijk" / "feiten" / f"{practice.slug}.json")
                               .read_text(encoding="utf-8"))
            assert facts["slug"] == practice.slug and facts["href"] == f"../{practice.slug}/"
            assert plain(facts["title"]) == plain(practice.title(lang))
            assert sorted(facts["facts"]) == sorted(compare.FACTS)
            card = text_of((built_site / prefix / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
                           .split('class="kb-factcard"', 1)[1].split("</section>", 1)[0])
            for key, body in facts["facts"].items():
                # The same text as the card's row (the page adds glossary explanations as attributes only).
                assert text_of(body) and text_of(body) in card, (lang, practice.slug, key)
        # Small however many records: no facts in the page itself.
        assert "kb-factcard" not in html and "kb-contacts" not in html


# --- Choosing, sharing, removing ------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_choose_two_practices_and_see_their_facts_side_by_side(page, site_url, practices, lang):
    province, members = municipality_with_two(practices)
    chosen = sorted(members, key=lambda p: p.slug)[:2]
    page.goto(f"{site_url}/{LANGS[lang]}praktijken/regio/{pages.province_slug(province)}/")
    bar = page.locator("[data-kb-compare-bar]")
    assert bar.is_hidden(), "nothing chosen yet"
    choose_on(page, [chosen[0].slug])
    assert bar.is_visible()
    assert page.locator("[data-kb-compare-announce]").inner_text().strip(), "the choice is announced"
    assert page.locator("[data-kb-compare-go]").get_attribute("aria-disabled") == "true", "one practice is no comparison"
    choose_on(page, [chosen[1].slug])
    go = page.locator("[data-kb-compare-go]")
    assert go.get_attribute("href").endswith(f"vergelijk/?p={chosen[0].slug},{chosen[1].slug}")
    go.click()
    page.wait_for_url(re.compile(r"/praktijken/vergelijk/\?p="))
    assert page.url.endswith(f"/{LANGS[lang]}praktijken/vergelijk/?p={chosen[0].slug},{chosen[1].slug}")
    table = page.locator("[data-kb-compare-table]")
    table.locator("tbody td").first.wait_for()
    heads = table.locator("thead th a").all_inner_texts()
    assert [same_text(h) for h in heads] == [same_text(p.title(lang)) for p in chosen]
    rows = table.locator("tbody tr")
    assert rows.count() == len(compare.FACTS)
    labels = [same_text(rows.nth(i).locator("th").inner_text()) for i in range(rows.count())]
    assert labels == [same_text(t(key, lang)) for key in compare.FACTS]
    cells = {labels[i]: rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())}
    assert all(len(values) == 2 for values in cells.values())
    for column, practice in enumerate(chosen):
        card = {same_text(k): v for k, v in fact_card(page.context.new_page(), site_url, lang, practice.slug).items()}
        for label in labels:
            assert same_text(cells[label][column]) == same_text(card[label]), (practice.slug, label)


@pytest.mark.browser
def test_a_shared_address_opens_the_same_comparison_and_removing_updates_it(browser, site_url, practices):
    slugs = [p.slug for p in practices[:3]]
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}/praktijken/vergelijk/?p={','.join(slugs)},niet-bestaand")
        tab.locator("[data-kb-compare-table] tbody td").first.wait_for()
        status = tab.locator("[data-kb-compare-page-status]").inner_text()
        assert "niet-bestaand" in status, "an unknown practice in the address is named, not silently dropped"
        assert tab.url.endswith(f"?p={','.join(slugs)}"), "the address keeps only what is shown"
        assert tab.locator("[data-kb-compare-table] thead th").count() == 3
        tab.locator(f'[data-kb-compare-remove="{slugs[1]}"]').click()
        tab.wait_for_function("() => document.querySelectorAll('[data-kb-compare-table] thead th').length === 2")
        assert tab.url.endswith(f"?p={slugs[0]},{slugs[2]}")
        # The list below chooses too, up to the maximum.
        for practice in practices[3:3 + MAX]:
            box = tab.locator(f'[data-kb-compare-choices] input[data-kb-compare="{practice.slug}"]')
            if box.is_enabled():
                box.check()
        tab.wait_for_function(f"() => document.querySelectorAll('[data-kb-compare-table] thead th').length === {MAX}")
        assert len(tab.url.split("?p=")[1].split(",")) == MAX
        unchosen = tab.locator("[data-kb-compare-choices] input[data-kb-compare]:not(:checked)")
        assert unchosen.count() == len(practices) - MAX and unchosen.first.is_disabled()
        # Reloading keeps the comparison: it lives in the address.
        tab.reload()
        tab.wait_for_function(f"() => document.querySelectorAll('[data-kb-compare-table] thead th').length === {MAX}")
    finally:
        context.close()


@pytest.mark.browser
def test_the_choice_is_kept_from_one_practice_page_to_the_next(page, site_url, practices):
    first, second = practices[0], practices[1]
    page.goto(f"{site_url}/en/praktijken/{first.slug}/")
    toggle = page.locator(f'.kb-compare-here input[data-kb-compare="{first.slug}"]')
    assert page.locator(".kb-compare-here label").get_attribute("hidden") is None
    assert t("compare_toggle", "en") in page.locator(".kb-compare-here label").inner_text()
    toggle.check()
    page.goto(f"{site_url}/en/praktijken/{second.slug}/")
    page.locator(f'input[data-kb-compare="{second.slug}"]').check()
    href = page.locator("[data-kb-compare-go]").get_attribute("href")
    assert href == f"../vergelijk/?p={first.slug},{second.slug}"


@pytest.mark.browser
def test_without_javascript_the_comparison_page_is_a_list_of_links_with_a_note(browser, site_url, practices):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        for lang, prefix in LANGS.items():
            tab.goto(f"{site_url}/{prefix}praktijken/vergelijk/?p={practices[0].slug},{practices[1].slug}")
            assert same_text(tab.locator("[data-kb-compare-nojs]").inner_text()) == same_text(t("compare_nojs", lang))
            assert tab.locator("[data-kb-compare-view]").is_hidden()
            links = tab.locator("[data-kb-compare-choices] li > a")
            assert links.count() == len(practices)
            links.first.click()
            tab.wait_for_url(re.compile(r"/praktijken/[a-z0-9-]+/$"))
            assert tab.locator(".kb-factcard").is_visible()
            tab.goto(f"{site_url}/{prefix}praktijken/{practices[0].slug}/")
            assert tab.locator(".kb-compare-here label").is_hidden(), "no checkbox that cannot work"
    finally:
        context.close()


# --- Phone and paper --------------------------------------------------------------------------------

@pytest.mark.browser
def test_on_a_phone_the_chosen_practices_stack_and_nothing_scrolls_sideways(browser, site_url, practices):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}/praktijken/vergelijk/?p={','.join(p.slug for p in practices[:MAX])}")
        tab.locator("[data-kb-compare-table] tbody td").first.wait_for()
        width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], width
        cell = tab.locator("[data-kb-compare-table] tbody td").first
        assert cell.evaluate("e => getComputedStyle(e).display") == "block"
        assert cell.evaluate("e => getComputedStyle(e, '::before').content").strip('"') == practices[0].title("nl")
        assert cell.bounding_box()["width"] > 300
    finally:
        context.close()


@pytest.mark.browser
def test_printed_four_practices_stay_side_by_side_and_readable_on_a4_landscape(browser, site_url, practices):
    context = browser.new_context(viewport=A4_LANDSCAPE)
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}/fr/praktijken/vergelijk/?p={','.join(p.slug for p in practices[:MAX])}")
        tab.locator("[data-kb-compare-table] tbody td").first.wait_for()
        tab.emulate_media(media="print")
        layout = tab.evaluate("""() => {
            const table = document.querySelector('[data-kb-compare-table]');
            const heads = Array.from(table.querySelectorAll('thead th')).map(th => th.getBoundingClientRect().width);
            const visible = sel => Array.from(document.querySelectorAll(sel)).some(e => e.getClientRects().length);
            return { heads, tableWidth: table.getBoundingClientRect().width, fits: table.scrollWidth <= table.parentElement.clientWidth,
                     font: parseFloat(getComputedStyle(table.querySelector('td')).fontSize),
                     choices: visible('[data-kb-compare-choices]'), header: visible('.md-header'), buttons: visible('.kb-compare__remove') };
        }""")
        assert len(layout["heads"]) == MAX and min(layout["heads"]) >= 150, layout
        assert layout["fits"] and layout["font"] >= 12, layout
        assert not layout["choices"] and not layout["header"] and not layout["buttons"], layout
        pdf = tab.pdf(prefer_css_page_size=True)
        box = PdfReader(__import__("io").BytesIO(pdf)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == tuple(round(v) for v in A4_POINTS), box
    finally:
        context.close()


# --- Accessibility and valid HTML of the new page kinds ---------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_violation_on_the_comparison_and_a_region_page(page, site_url, practices, lang):
    from test_reader import AXE, BLOCKING_IMPACTS, audit

    province, _ = municipality_with_two(practices)
    for path in (f"praktijken/vergelijk/?p={practices[0].slug},{practices[1].slug}",
                 f"praktijken/regio/{pages.province_slug(province)}/"):
        page.goto(f"{site_url}/{LANGS[lang]}{path}")
        if "vergelijk" in path:
            page.locator("[data-kb-compare-table] tbody td").first.wait_for()
        else:
            page.locator(".kb-card input[data-kb-compare]").first.check()
        blocking = [v for v in audit(page) if v["impact"] in BLOCKING_IMPACTS]
        assert AXE.exists() and not blocking, json.dumps(blocking, indent=1, ensure_ascii=False)


def test_the_comparison_page_and_the_region_pages_are_valid_html(built_site, practices):
    from test_validity import UPSTREAM, validate

    paths = [built_site / prefix / "praktijken" / "vergelijk" / "index.html" for prefix in LANGS.values()]
    paths += [built_site / prefix / "praktijken" / "regio" / pages.province_slug(p) / "index.html"
              for prefix in LANGS.values() for p in sorted({pid for pr in practices for pid in pr.provinces})]
    ours = [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in validate(paths)
            if not any(re.search(pattern, m["message"]) for pattern in UPSTREAM)]
    assert not ours, "\n".join(ours[:20])
