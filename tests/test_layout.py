"""Layout that a reader sees in Chromium: chart labels stay inside their chart, sub-projects say each fact once."""
from __future__ import annotations

import re
from html import unescape

import pytest

from kennisbank import build
from kennisbank.site import pages

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_label_lies_inside_its_chart(page, site_url, lang):
    page.goto(f"{site_url}/{LANGS[lang]}cijfers/")
    outside = page.evaluate("""() => [...document.querySelectorAll('figure.kb-chart svg')].flatMap(svg => {
        const [x, y, w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
        return [...svg.querySelectorAll('text')].filter(text => {
            const box = text.getBBox();
            return box.x < x - 0.5 || box.y < y - 0.5 || box.x + box.width > x + w + 0.5 || box.y + box.height > y + h + 0.5;
        }).map(text => svg.closest('figure').id + ': ' + text.textContent);
    })""")
    assert page.locator("figure.kb-chart svg text").count() > 20
    assert not outside, outside


def _visible_text(html: str) -> str:
    html = re.sub(r"<details\b.*?</details>", " ", html, flags=re.S)  # the collapsed original quotation
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _number_words(text: str) -> list[str]:
    """Amounts and years as digits only, so '51.750', '51 750' and '51,750' are the same fact."""
    return [re.sub(r"\D", "", n) for n in re.findall(r"\d[\d.,\u202f\u00a0 ]*\d|\d", text)]


@pytest.mark.parametrize("lang", LANGS)
def test_no_fact_appears_twice_in_a_sub_project(built_site, lang):
    practices = [p for p in build.load() if p.subprojects]
    assert practices
    repeated = []
    for practice in practices:
        html = (built_site / LANGS[lang] / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
        for block in re.findall(r'<div class="kb-subproject">(.*?)</div>\s*(?:<!--|<h|$)', html, re.S):
            for fact in re.findall(r"<dd>(.*?)</dd>", block, re.S):
                numbers = _number_words(_visible_text(fact))
                if len(numbers) != len(set(numbers)):
                    repeated.append((practice.slug, _visible_text(fact).strip()[:80]))
    assert not repeated, repeated


def test_a_published_text_that_only_restates_the_amounts_is_not_shown_again():
    from kennisbank.model import Amount, Budget, Localized, Period

    assert pages.budget_restated(Budget(Localized("51 750 euro"), (Amount(51750, "euro"),)))
    assert not pages.budget_restated(Budget(Localized("ongeveer 90 VTE"), (Amount(90, "vte"),)))
    # People counted with a note that says who they are: the note is the amount's own words.
    workers = (Amount(1, "personen", note=Localized("technisch medewerker", {"fr": "collaborateur technique"})),
               Amount(4, "personen", note=Localized("maatschappelijk werkers", {"fr": "assistants sociaux"})))
    assert pages.budget_restated(Budget(Localized("1 technisch medewerker, 4 maatschappelijk werkers"), workers))
    assert not pages.budget_restated(Budget(Localized("1 technisch medewerker, 4 maatschappelijk werkers, vrijwilligers"), workers))
    assert pages.period_restated(Period(start="2015-09", text=Localized("sinds september 2015")))
    assert not pages.period_restated(Period(start="2015-09", text=Localized("van midden september 2015")))
