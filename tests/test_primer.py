"""The superdiversity primer: three languages, citations that resolve, figures linked to practices."""
from __future__ import annotations

import re

import pytest

from source_documents import source_text

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


SEED_000 = "000_eb83d8aa170f2453.txt"  # the 2011 brochure of Kruispunt Migratie-Integratie
NAME = re.compile(r"^[A-ZÀ-Ýa-z][\w'ëéèçöüÖÇ-]+(?: [\w'ëéèçöüÖÇ-]+){1,3}$")


def seed_000_people() -> set[str]:
    """Names in the brochure's member and staff lists (from its 'Ledenlijst' section on)."""
    text = source_text(SEED_000)
    section = text[text.index("Ledenlijst Raad van bestuur"):]
    names = set()
    for line in section.splitlines():
        line = line.replace("*", "").strip()
        if not line or line.startswith(("#", "©", "Ledenlijst", "Het ", "De ")):
            continue
        line = line.split(":", 1)[1] if ":" in line and line.index(":") < 40 else line
        for part in ([line.split(",")[0]] if re.search(r", [A-Z]?[a-z]", line) else line.split(",")):
            candidate = re.sub(r"\(.*?\)", "", part).strip()
            if NAME.match(candidate) and sum(word[:1].isupper() for word in candidate.split()) >= 2:
                names.add(candidate)
    return names


def test_no_names_of_seed_000_board_members_or_staff_are_published(built_site):
    people = seed_000_people()
    assert len(people) > 50 and "Herman Lauwers" in people
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        leaked = [name for name in people if name in html]
        assert not leaked, f"{page.relative_to(built_site)}: {leaked}"


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_policy_context_has_its_dated_milestones(built_site, lang, prefix):
    html = (built_site / prefix / "beleidskader" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    for year in ("1998", "2009", "2011", "2013", "2015", "2017-2020"):
        assert year in text
    assert len(re.findall(r"<li>", html.split("kb-bibliography")[0])) >= 5, "the VGC's five objectives"
