"""The superdiversity primer: three languages, citations that resolve, figures linked to practices."""
from __future__ import annotations

import re

import pytest

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}
# The figures the primer must show, each with the practice it comes from.
FIGURES = {"35": "sint-pieters-leeuw-onthaalbeleid", "140": "genk-geloofsgemeenschappen",
           "175": "halle-vilvoorde-lokale-onthaalgesprekken"}


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_every_citation_resolves_to_a_bibliography_entry(built_site, lang, prefix):
    html = (built_site / prefix / "superdiversiteit" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    cited = set(re.findall(r'href="#(bib-[a-z0-9-]+)"', html))
    entries = set(re.findall(r'<li id="(bib-[a-z0-9-]+)"', html))
    assert {"bib-vertovec-2007", "bib-geldof-2013", "bib-maly-2014"} <= cited
    assert cited <= entries, cited - entries
    assert len(entries) >= 12, "the guide's full reference list"


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_each_figure_links_to_the_practice_it_comes_from(built_site, lang, prefix):
    html = (built_site / prefix / "superdiversiteit" / "index.html").read_text(encoding="utf-8")
    callouts = re.findall(r'<div class="admonition example">(.*?)</div>', html, re.S)
    assert len(callouts) == 3
    for figure, slug in FIGURES.items():
        [callout] = [c for c in callouts if f"../praktijken/{slug}/" in c]
        assert figure in callout


def test_home_page_leads_to_the_primer(built_site):
    for prefix in LANGS.values():
        assert 'href="superdiversiteit/"' in (built_site / prefix / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_welfare_page_lists_every_welfare_practice_by_data(built_site, lang, prefix):
    from kennisbank.model import load_practices
    html = (built_site / prefix / "welzijn" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    listed = set(re.findall(r'href="\.\./praktijken/([a-z0-9-]+)/"', html)) - {"thema", "regio"}
    assert listed == {p.slug for p in load_practices() if "welzijn" in p.themes}
    assert "Solentra" in html and "Jalhay" in html
