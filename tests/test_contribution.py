"""A new practice from a municipality lands: `make check` accepts it, and the site, search and PDFs carry it.

The record (tests/fixtures/lier-buddyproject-nieuwkomers.yaml) is what a policy officer in Lier
would write: the facts supplied by her own department, Dutch only. It is built beside every real
record in a copy of the project, exactly as a pull request would be. The other tests check rules,
not today's list of records, so they hold for such a record as well.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from kennisbank import build, build_date
from kennisbank.bench import copy_project
from kennisbank.model import Amount
from kennisbank.paths import ROOT, fiche_pdf
from kennisbank.records import vocabulary
from kennisbank.records.ui import format_date, t
from kennisbank.site.pages import format_amount, org_html
from shown import as_shown

RECORD = Path(__file__).parent / "fixtures" / "lier-buddyproject-nieuwkomers.yaml"
SLUG = RECORD.stem
LIER_NIS = "12021"  # Statbel's code for Lier, in the province of Antwerp


@pytest.fixture(scope="module")
def contributed(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("contribution") / "project")
    for path in (ROOT / "data" / "praktijken").glob("*.yaml"):
        shutil.copy2(path, project / "data" / "praktijken" / path.name)
    shutil.copy2(RECORD, project / "data" / "praktijken" / RECORD.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(build_date.SOURCE_DATE_ENV, str(build_date.build_epoch(ROOT)))
        report = build.build_site(project, project / "site")
    return project, report


def test_make_check_accepts_the_record_as_written():
    result = subprocess.run([sys.executable, "-m", "kennisbank", "check", str(RECORD)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 praktijken in orde")


def test_the_new_practice_gets_a_page_in_every_language_with_its_facts(contributed):
    project, report = contributed
    data = yaml.safe_load(RECORD.read_text(encoding="utf-8"))
    for lang in vocabulary.LANGUAGES:
        html = (project / "site" / vocabulary.url_prefix(lang) / "praktijken" / SLUG / "index.html").read_text(encoding="utf-8")
        assert data["titel"] in html and data["trekker"][0] in html
        assert format_amount(Amount(25000, "euro", per="jaar"), lang) in html
        supplied = t("source_supplied", lang, date=format_date(data["bron"]["datum"], lang))
        assert f'{as_shown(supplied, lang)} {org_html(data["bron"]["aangeleverd_door"], lang)}' in html
        if lang != vocabulary.DEFAULT_LANGUAGE:
            # Not yet translated: the Dutch text, marked as Dutch and announced to the reader.
            assert as_shown(t("fallback_notice", lang), lang) in html and 'lang="nl"' in html


def test_search_overview_region_fiche_and_exports_carry_it(contributed):
    project, report = contributed
    site = project / "site"
    assert report.indexed == {lang: report.expected_per_language for lang in vocabulary.LANGUAGES}
    overview = (site / "praktijken" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SLUG}/"' in overview and f"{report.records} praktijken" in overview
    region = (site / "praktijken" / "regio" / "antwerpen" / "index.html").read_text(encoding="utf-8")
    assert f'id="gemeente-{LIER_NIS}"' in region and f"../../{SLUG}/" in region
    for lang in vocabulary.LANGUAGES:
        assert (site / fiche_pdf(SLUG, lang)).stat().st_size > 0
    exported = {r["slug"]: r for r in json.loads((site / "data" / "praktijken.json").read_text(encoding="utf-8"))["praktijken"]}
    assert exported[SLUG]["bron"] == {"soort": "aangeleverd", "aangeleverd_door": "dienst Samenleving, stad Lier",
                                      "datum": "2026-11-23"}
    assert exported[SLUG]["budget"]["bedragen"] == [{"waarde": 25000, "eenheid": "euro", "per": "jaar"}]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_untranslated_contribution_is_marked_in_its_french_and_english_fiche(contributed, lang):
    import re

    from pypdf import PdfReader

    project, _ = contributed
    text = " ".join(page.extract_text() for page in PdfReader(project / "site" / fiche_pdf(SLUG, lang)).pages)
    squashed = re.sub(r"[\s\-\u00ad]+", "", text).casefold()
    assert re.sub(r"[\s\-\u00ad]+", "", t("fallback_notice", lang)).casefold() in squashed
    assert re.sub(r"\s+", "", yaml.safe_load(RECORD.read_text(encoding="utf-8"))["titel"]).casefold() in squashed
