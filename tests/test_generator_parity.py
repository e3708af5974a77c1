"""ProperDocs builds the same site as MkDocs, page by page (kennisbank/parity.py), and the comparison sees a change.

Why: MkDocs 1.6.1 is unmaintained; `GENERATOR=properdocs` is the way off it that keeps Material,
static-i18n and the hooks (kennisbank/site/generators.py). This is the proof that switching changes
nothing readers or the search index get: article text, glossary, Pagefind attributes and filters,
links, languages and the set of pages. The second half shows the comparison fails on a copy with one
glossary term removed, one link changed, one filter and one language changed, and one page gone.

The PDFs are not the generator's work (WeasyPrint renders them from the data, kennisbank/print), so
the ProperDocs build is made without them and then given the MkDocs build's PDFs, as `make pdf`
adds them to a site built with `PDF=0` (kennisbank/site/pdf_links.py turns the notes into links).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kennisbank import build, cli, parity
from kennisbank.paths import ROOT
from kennisbank.records.problems import DataError
from kennisbank.site import generators, pdf_links

GENERATOR_META = re.compile(r'<meta name="generator" content="([^"]*)"')


@pytest.fixture(scope="module")
def mkdocs_site(request, tmp_path_factory) -> Path:
    """The session's site when MkDocs built it (the default); a MkDocs build of its own otherwise."""
    if generators.chosen() == "mkdocs":
        return request.getfixturevalue("built_site")
    site = tmp_path_factory.mktemp("mkdocs") / "site"
    build.build_site(ROOT, site, generator="mkdocs")
    return site


@pytest.fixture(scope="module")
def properdocs_site(mkdocs_site, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    build.build_site(ROOT, site, pdf=False, generator="properdocs")
    shutil.copytree(mkdocs_site / "pdf", site / "pdf")
    pdf_links.sync(site)
    return site


def test_an_unknown_generator_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(generators.GENERATOR_ENV, "hugo")
    with pytest.raises(DataError, match=r"'hugo'.*KENNISBANK_GENERATOR.*mkdocs of properdocs"):
        generators.chosen()
    assert generators.chosen("properdocs") == "properdocs"  # the argument wins over the environment


def generator_of(site: Path) -> str:
    return GENERATOR_META.search((site / "index.html").read_text(encoding="utf-8")).group(1)


def test_each_site_was_built_by_the_generator_it_names(mkdocs_site, properdocs_site):
    assert generator_of(mkdocs_site).startswith("mkdocs-1."), generator_of(mkdocs_site)
    assert "ProperDocs" in generator_of(properdocs_site), generator_of(properdocs_site)


def test_properdocs_gives_every_page_as_mkdocs_does(mkdocs_site, properdocs_site):
    comparison = parity.compare_sites(mkdocs_site, properdocs_site)
    assert comparison.compared == comparison.pages_a == comparison.pages_b
    assert not comparison.differences, parity.report(comparison)
    # What was compared is there to compare: pages in three languages, with terms, filters and alternates.
    facts = [parity.page_facts(properdocs_site, page) for page in parity.pages_of(properdocs_site)]
    assert {f.languages[0] for f in facts if f.languages} >= {"html lang=nl", "html lang=fr", "html lang=en"}
    assert any(f.glossary for f in facts) and any(f.filters for f in facts) and any(f.alternates for f in facts)
    assert parity.search_index_pages(properdocs_site)
    assert cli.main(["parity", str(mkdocs_site), str(properdocs_site)]) == 0


def _first_page(site: Path, *needles: str) -> str:
    for page in parity.pages_of(site):
        text = (site / page).read_text(encoding="utf-8")
        if all(re.search(needle, text) for needle in needles):
            return page
    raise AssertionError(f"no page of {site} has {needles}")


def test_the_comparison_reports_a_removed_term_a_changed_link_filter_and_language_and_a_missing_page(
        properdocs_site, tmp_path, capsys):
    altered = tmp_path / "site"
    shutil.copytree(properdocs_site, altered)
    # One practice page: its first glossary term unmarked, its first theme link pointed at the theme list,
    # its first filter value changed, its first part kept out of the search index let in.
    practice = _first_page(altered, r'<abbr class="kb-term"', r'href="\.\./thema/[^"]+/"', r'data-pagefind-filter="[^":]+"',
                           r" data-pagefind-ignore")
    path = altered / practice
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'<abbr class="kb-term"[^>]*>(.*?)</abbr>', r"\1", text, count=1, flags=re.S)
    text = re.sub(r'href="\.\./thema/[^"]+/"', 'href="../thema/"', text, count=1)
    text = re.sub(r'(data-pagefind-filter="[^":]+">)([^<]+)<', r"\1\2 (anders)<", text, count=1)
    text = text.replace(" data-pagefind-ignore", "", 1)
    path.write_text(text, encoding="utf-8")
    # Another page: a passage marked as Dutch says it is English.
    other = _first_page(altered, r'<q lang="nl"')
    other_path = altered / other
    other_path.write_text(other_path.read_text(encoding="utf-8").replace('<q lang="nl"', '<q lang="en"', 1), encoding="utf-8")
    # A page that others link to is gone.
    gone = _first_page(altered, r"<html[^>]*lang=\"fr\"", r"kb-term")
    assert gone not in (practice, other)
    (altered / gone).unlink()

    comparison = parity.compare_sites(properdocs_site, altered)
    found = {(d.page, d.aspect) for d in comparison.differences}
    assert {(practice, "glossary"), (practice, "links"), (practice, "filters"), (practice, "pagefind"),
            (other, "languages"), ("", "pages")} <= found, parity.report(comparison)
    # Only what was changed: unmarking a term leaves the text as it was, and no other page's glossary moved.
    assert (practice, "text") in found  # the changed filter value is text of the page too
    assert {page for page, aspect in found if aspect == "glossary"} == {practice}
    assert {page for page, aspect in found if aspect == "languages"} == {other}
    pages = next(d for d in comparison.differences if d.aspect == "pages")
    assert pages.lines == (f"- alleen in A: {gone}",)
    # Pages linking to the removed page now reach a missing file, and say so.
    assert any(d.aspect in ("links", "navigation", "alternates") and any(f"{gone} (ontbreekt)" in line for line in d.lines)
               for d in comparison.differences)
    glossary = next(d for d in comparison.differences if d.page == practice and d.aspect == "glossary")
    assert len(glossary.lines) == 1 and glossary.lines[0].startswith("- A: ")
    links = next(d for d in comparison.differences if d.page == practice and d.aspect == "links")
    assert any(line.startswith("+ B: <a href> ") and line.endswith("praktijken/thema/index.html") for line in links.lines)

    capsys.readouterr()
    assert cli.main(["parity", str(properdocs_site), str(altered)]) == 1
    printed = capsys.readouterr().out
    assert f"{practice}: glossary" in printed and "verschillen op" in printed
