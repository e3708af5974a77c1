"""The taalbeleid step guide: pages in three languages, practices chosen by data, checklists that
remember the reader's ticks, progress on the landing page, previous/next between steps."""
from __future__ import annotations

import datetime as dt

import re

import pytest

from kennisbank import build
from kennisbank.model import load_practices
from kennisbank.paths import DOCS_DIR
from kennisbank.site import guide

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}


def test_every_hand_written_page_has_a_french_and_english_version():
    assert build.missing_translations(DOCS_DIR) == []


def test_eight_steps_with_unique_checklist_ids():
    steps = guide.steps()
    assert [s.number for s in steps] == list(range(1, 9))
    ids = [item for s in steps for item in s.item_ids]
    assert len(ids) == len(set(ids))
    for s in steps:
        assert set(s.titles) == {"nl", "fr", "en"}
        for group in s.checklist:
            for _, texts in group.items:
                assert set(texts) >= {"nl", "fr", "en"}


def test_practices_are_chosen_by_record_data_so_a_new_record_appears():
    summary = guide.practice_summary(load_practices(), dt.date(2026, 12, 1))
    step_one = guide.step("stap-1")
    chosen = {p["slug"] for p in guide.practices_for(step_one, summary)}
    assert {"antwerpen-open-inloop-taal", "gent-taalkansen-op-de-werkvloer", "aalst-taalstimuleringsprojecten"} <= chosen
    newcomer = {"slug": "nieuw", "titles": {}, "themes": ["welzijn"], "keywords": ["vluchtelingencoördinator"]}
    assert "nieuw" in {p["slug"] for p in guide.practices_for(step_one, summary + [newcomer])}
    unrelated = {"slug": "los", "titles": {}, "themes": ["huisvesting"], "keywords": ["woonclub"]}
    assert "los" not in {p["slug"] for p in guide.practices_for(step_one, summary + [unrelated])}


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_every_step_page_lists_practices_and_its_checklist(built_site, lang, prefix):
    for s in guide.steps():
        html = (built_site / prefix / "taalbeleid" / s.page / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        practices = set(re.findall(r'href="\.\./\.\./praktijken/([a-z0-9-]+)/"', html))
        assert {"antwerpen-open-inloop-taal", "gent-taalkansen-op-de-werkvloer", "aalst-taalstimuleringsprojecten"} <= practices
        items = re.findall(r'<li data-kb-item="([a-z0-9-]+)">', html)
        assert items == s.item_ids
        assert "<input" not in html.split('class="kb-checklist"')[1].split("</ul>")[0], "a plain list without JavaScript"


def test_steps_have_previous_and_next_links(built_site):
    html = (built_site / "taalbeleid" / "stap-3-taalscan" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./stap-2-werkgroep/" class="md-footer__link md-footer__link--prev"', html)
    assert re.search(r'<a href="\.\./stap-4-doelstellingen/" class="md-footer__link md-footer__link--next"', html)


def test_home_page_leads_to_the_guide(built_site):
    for prefix in LANGS.values():
        assert 'href="taalbeleid/"' in (built_site / prefix / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_ticks_survive_a_reload_and_show_on_the_landing_page(page, site_url):
    page.goto(f"{site_url}/en/taalbeleid/stap-3-taalscan/")
    boxes = page.locator("ul.kb-checklist input[type=checkbox]")
    assert boxes.count() == len(guide.step("stap-3").item_ids)
    boxes.nth(0).check()
    boxes.nth(3).check()
    page.reload()
    boxes = page.locator("ul.kb-checklist input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(5)] == [True, False, False, True, False]
    page.goto(f"{site_url}/en/taalbeleid/")
    total = len(guide.step("stap-3").item_ids)
    assert page.locator('[data-kb-progress="stap-3"]').inner_text() == f"2 of {total} ticked"
    assert page.locator('[data-kb-progress="stap-1"]').inner_text() == "0 of 4 ticked"
    page.locator("[data-kb-reset]").first.click()
    page.wait_for_load_state()
    assert page.locator('[data-kb-progress="stap-3"]').inner_text() == f"0 of {total} ticked"


@pytest.mark.browser
def test_print_stylesheet_gives_a_clean_checklist(page, site_url):
    page.goto(f"{site_url}/taalbeleid/stap-1-verantwoordelijke/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator("[data-kb-guide-actions]").is_visible()
    marker = page.evaluate("""() => getComputedStyle(document.querySelector('ul.kb-checklist > li'), '::before').content""")
    assert "☐" in marker


def test_home_page_shows_the_most_recently_started_practices(built_site):
    from kennisbank.build_date import build_date
    from kennisbank.paths import ROOT

    today = build_date(ROOT)
    practices = sorted((p for p in load_practices() if p.period.start and p.status(today) == "lopend"),
                       key=lambda p: (p.period.start, p.slug), reverse=True)
    expected = [p.slug for p in practices[:guide.RECENT_COUNT]]
    html = (built_site / "index.html").read_text(encoding="utf-8")
    section = html.split('id="recent-gestarte-praktijken"')[1].split("</ul>")[0]
    assert re.findall(r'href="praktijken/([a-z0-9-]+)/"', section) == expected


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_practice_pages_link_back_to_the_guidance_on_their_theme(built_site, lang, prefix):
    expected = {"taal-en-taalpromotiebeleid": "../../taalbeleid/", "welzijn": "../../welzijn/",
                "lokaal-horizontaal-integratiebeleid": "../../superdiversiteit/"}
    for practice in load_practices():
        html = (built_site / prefix / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
        content = html.split("<article", 1)[1]
        for theme, href in expected.items():
            assert (f'href="{href}"' in content) == (theme in practice.themes), (practice.slug, theme)


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "fr/", "en/"])
def test_no_checklist_item_falls_apart_into_columns(page, site_url, prefix):
    """A glossary term inside an item (sociaal tolk, taalprofiel) must stay in the item's one text column."""
    failures, terms_in_items = [], 0
    for s in guide.steps():
        page.goto(f"{site_url}/{prefix}taalbeleid/{s.page}/")
        terms_in_items += page.locator("ul.kb-checklist label abbr.kb-term").count()
        failures += page.evaluate("""() => [...document.querySelectorAll('ul.kb-checklist label')].flatMap(label => {
            const parts = [...label.childNodes].filter(n => n.nodeType === 1 || n.textContent.trim());
            const text = label.querySelector('.kb-checklist__text');
            const box = label.querySelector('input');
            const wide = text && text.getBoundingClientRect().width >= label.getBoundingClientRect().width - box.getBoundingClientRect().width - 40;
            return parts.length === 2 && text && wide ? [] : [label.textContent.trim().slice(0, 60)];
        })""")
    assert not failures, failures
    assert terms_in_items, "some item holds a glossary term, the case that used to break"

