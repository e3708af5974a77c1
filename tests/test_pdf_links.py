"""No reader link 404s in any build mode: a site built without PDFs (make site PDF=0) says the PDFs
are not in it instead of linking to them, the link check passes, and PDFs made later turn the notes
back into links."""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import shutil
import threading

import pytest

from kennisbank import build
from kennisbank.contrib import links
from kennisbank.model import load_practices
from kennisbank.paths import ROOT, book_pdf, fiche_pdf
from kennisbank.records import vocabulary
from kennisbank.records.ui import t
from kennisbank.site import pdf_links


@pytest.fixture(scope="module")
def site_without_pdfs(tmp_path_factory):
    site = tmp_path_factory.mktemp("zonder-pdf") / "site"
    build.build_site(ROOT, site, pdf=False)  # as `make site PDF=0`: with the search index
    return site


def test_a_site_without_pdfs_links_to_none_and_passes_the_link_check(site_without_pdfs):
    assert not (site_without_pdfs / "pdf").exists()
    assert links.broken_links(site_without_pdfs) == []
    for page in site_without_pdfs.rglob("*.html"):
        assert not re.search(r'href="[^"]*\.pdf"', page.read_text(encoding="utf-8")), page


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_it_says_the_pdfs_are_not_in_this_version(site_without_pdfs, lang):
    slug = load_practices()[0].slug
    page = (site_without_pdfs / vocabulary.url_prefix(lang) / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
    page = re.sub("[\u00a0\u202f]", " ", page)
    note = f"({t('pdf_not_built', lang)})"
    for label, target in ((t("pdf_fiche_link", lang), fiche_pdf(slug, lang)), (t("pdf_book_link", lang), book_pdf(lang))):
        shown = re.search(rf'<span class="kb-pdf-link kb-pdf-absent" data-kb-pdf="[^"]*{re.escape(target)}">{re.escape(label)}'
                          rf'<span class="kb-pdf-absent__note" data-pagefind-ignore> {re.escape(note)}</span></span>', page)
        assert shown, (lang, label)


def test_the_notes_are_not_searchable(site_without_pdfs):
    """The search index holds a page's words, not the build's state: a reader searching "versie" or
    "version" should not get every practice because its PDF is missing (the notes are written as the
    pages are, before Pagefind reads them, so they must be left out of the index explicitly)."""
    fragments = [gzip.decompress(path.read_bytes()).decode("utf-8")
                 for path in (site_without_pdfs / "pagefind" / "fragment").glob("*.pf_fragment")]
    assert fragments and any(t("pdf_fiche_link", "nl") in fragment for fragment in fragments), \
        "the link text itself stays searchable, as on a site with PDFs"
    for lang in vocabulary.LANGUAGES:
        assert not [f for f in fragments if t("pdf_not_built", lang) in f], lang


def test_pdfs_made_later_turn_the_notes_back_into_links(site_without_pdfs, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_without_pdfs, site)
    practice = load_practices()[0]
    for lang in vocabulary.LANGUAGES:  # as `make pdf` would leave them (the files' content does not matter here)
        for target in (book_pdf(lang), fiche_pdf(practice.slug, lang)):
            (site / target).parent.mkdir(parents=True, exist_ok=True)
            (site / target).write_bytes(b"%PDF-1.7\n")
    linked, marked = pdf_links.sync(site)
    assert linked and marked  # the made ones linked, the others (other practices' fiches) still notes
    assert links.broken_links(site) == []
    page = (site / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{fiche_pdf(practice.slug, "nl")}" type="application/pdf">{t("pdf_fiche_link", "nl")}</a>' in page
    # And back: with the PDFs gone again, the links become notes once more; nothing is lost either way.
    shutil.rmtree(site / "pdf")
    pdf_links.sync(site)
    assert (site / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8") == \
        (site_without_pdfs / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_the_notes_meet_wcag_aa_in_the_browser(site_without_pdfs, browser, lang):
    """The notes stand where the links were, also in the footer's small print: axe must find no
    serious violation (a note once had 4.47:1 contrast there, under WCAG 1.4.3's 4.5:1)."""
    from conftest import _QuietHandler
    from test_reader import AXE, BLOCKING_IMPACTS, audit

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_without_pdfs)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        tab = context.new_page()
        for path in ("", f"praktijken/{load_practices()[0].slug}/"):
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/{vocabulary.url_prefix(lang)}{path}")
            assert tab.locator(".kb-pdf-absent__note").count(), path  # the page does show the notes
            blocking = [v for v in audit(tab) if v["impact"] in BLOCKING_IMPACTS]
            assert AXE.exists() and not blocking, json.dumps(blocking, indent=1, ensure_ascii=False)
    finally:
        context.close()
        server.shutdown()
