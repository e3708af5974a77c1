"""The PDFs as a reader gets them: the books and fiches of the real build, read back with pypdf.

Expected values come from the data (records, step guide, vocabularies, interface strings), never
from the PDF code. Text is compared after Unicode normalisation with hyphens and whitespace
removed, because the PDF breaks lines and hyphenates words where the page needs it.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from kennisbank import build
from kennisbank.paths import ROOT, book_pdf, fiche_pdf
from kennisbank.print import pdf
from kennisbank.records import organisations, vocabulary
from kennisbank.records.ui import t
from kennisbank.site import guide, pages
from shown import plain

LANGUAGES = vocabulary.LANGUAGES
# Interface text that appears in every book; another language's version must never show up. Single
# words that also occur inside Dutch running text (Periode, Inhoud) are left out: the Dutch
# fallback paragraphs in the French and English books may contain them legitimately.
LABELS = ("facts", "description", "target_groups", "no_partners", "pdf_colophon_sources_note", "pdf_colophon_dated",
          "pdf_index_themes", "pdf_index_regions", "pdf_practices_intro")


def squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text).casefold()


def spaced(text: str) -> str:
    """Text with line-end hyphenation joined and whitespace collapsed, for whole-word matching."""
    text = re.sub(r"(\w)[\-\u00ad]\n(\w)", r"\1\2", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " ", text)


@cache
def practices():
    return sorted(build.load(), key=lambda p: p.slug)


@cache
def read(path: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def site_names() -> dict[str, str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = {"nl": config["site_name"]}
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            names.update({lang["locale"]: lang["site_name"] for lang in plugin["i18n"]["languages"] if "site_name" in lang})
    return names


def outline(reader: PdfReader) -> list[tuple[str, list[str]]]:
    """Top-level bookmarks with the titles of their children."""
    entries: list[tuple[str, list[str]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            entries[-1][1].extend(child.title for child in item if not isinstance(child, list))
        else:
            entries.append((item.title, []))
    return entries


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_opens_with_a_plausible_page_count(built_site, lang):
    reader, _ = read(built_site / book_pdf(lang))
    # Every practice and every step starts on a new page; cover, colophon, contents, chapters and
    # indexes come on top. A book far larger than that would be a layout runaway.
    minimum = len(practices()) + len(guide.steps()) + 8
    assert minimum <= len(reader.pages) <= 4 * minimum


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_holds_every_practice_title_trekker_and_step_heading(built_site, lang):
    _, text = read(built_site / book_pdf(lang))
    squashed = squash(text)
    missing = [p.title(lang) for p in practices() if squash(p.title(lang)) not in squashed]
    missing += [lead for p in practices() for lead in p.leads if squash(organisations.name_in(lead, lang)[0]) not in squashed]
    missing += [s.titles[lang] for s in guide.steps() if squash(s.titles[lang]) not in squashed]
    assert not missing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_bookmarks_one_per_chapter_and_per_practice(built_site, lang):
    reader, _ = read(built_site / book_pdf(lang))
    entries = outline(reader)
    tops = [title for title, _ in entries]
    for expected in (t("pdf_colophon", lang), t("pdf_contents", lang), t("practices", lang),
                     t("pdf_index_themes", lang), t("pdf_index_regions", lang)):
        assert tops.count(expected) == 1, (expected, tops)
    children = dict(entries)
    assert sorted(map(plain, children[t("practices", lang)])) == sorted(p.title(lang) for p in practices())
    guide_part = next(title for title, kids in entries if len(kids) == len(guide.steps()))
    assert all(squash(step.titles[lang]) in squash(plain(title)) for step, title in zip(guide.steps(), children[guide_part], strict=True))
    # No bookmark for a sub-heading: chapters and their pages only.
    assert sum(1 + len(kids) for _, kids in entries) == len(entries) + len(practices()) + len(guide.steps())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_is_tagged_with_language_title_and_embedded_fonts(built_site, lang):
    reader, _ = read(built_site / book_pdf(lang))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    # `.value`, not bool(): pypdf's BooleanObject(False) is truthy. The full PDF/UA-1 checks: test_pdf_ua.py.
    assert root["/MarkInfo"]["/Marked"].value is True and "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # PDF/UA: viewers show the title, not the file name
    assert reader.metadata.title == site_names()[lang]
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()
    fonts = {}
    for page in reader.pages[:12]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[font["/BaseFont"]] = descendant["/FontDescriptor"].get_object()
    assert fonts and all({"/FontFile", "/FontFile2", "/FontFile3"} & set(d) for d in fonts.values()), fonts.keys()
    # Only the families pdf.font_css declares over the Noto files (they carry their @font-face name);
    # a font that fontconfig chose by itself would carry its own name (Noto-Sans, DejaVu-Serif).
    declared = {family.replace(" ", "-") for family, _, _ in pdf.FONT_FILES}
    assert all(re.match(r"/[A-Z]{6}\+(.+?)(-Bold|-Italic|-BoldItalic)?$", name).group(1) in declared for name in fonts), fonts.keys()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_book_links_jump_inside_or_open_the_web(built_site, lang):
    reader, _ = read(built_site / book_pdf(lang))
    internal, external = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                external.append(str(action["/URI"]))
            else:
                internal += 1
    # The table of contents alone links every practice and step; the indexes link each practice again.
    assert internal >= 2 * len(practices()) + len(guide.steps())
    assert external and all(re.match(r"(https?|mailto|tel):", uri) for uri in external), external[:5]
    assert not [uri for uri in external if uri.startswith(("http://127.", "http://localhost"))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_other_language_leaks_into_a_book(built_site, lang):
    _, text = read(built_site / book_pdf(lang))
    squashed, spaced_text = squash(text), spaced(text)
    foreign = []
    for other in LANGUAGES:
        if other == lang:
            continue
        for key in LABELS:
            value, own = t(key, other, count=len(practices())), t(key, lang, count=len(practices()))
            if value != own and re.search(rf"(?<!\w){re.escape(spaced(value))}(?!\w)", spaced_text):
                foreign.append((other, key, value))
        foreign += [(other, "step", s.titles[other]) for s in guide.steps()
                    if s.titles[other] != s.titles[lang] and squash(s.titles[other]) in squashed]
    assert not foreign


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_practice_has_a_fiche_of_one_or_two_pages_with_its_facts(built_site, lang):
    wrong = []
    for practice in practices():
        path = built_site / fiche_pdf(practice.slug, lang)
        reader, text = read(path)
        squashed = squash(text)
        if not 1 <= len(reader.pages) <= 2:
            wrong.append((practice.slug, f"{len(reader.pages)} pages"))
        facts = [practice.title(lang)] + ([] if pages.budget_restated(practice.budget) or not practice.budget.text
                                          else [practice.budget.text.in_lang(lang)[0]])
        for contact in practice.contacts:
            facts += [contact.name or "", *contact.emails, *contact.phones]
        wrong += [(practice.slug, fact) for fact in facts if fact and squash(fact) not in squashed]
        if reader.trailer["/Root"]["/Lang"] != lang or practice.title(lang) not in reader.metadata.title:
            wrong.append((practice.slug, "language or title metadata"))
    assert not wrong


def test_fiche_email_addresses_are_mailto_links(built_site):
    practice = next(p for p in practices() if any(c.emails for c in p.contacts))
    reader, _ = read(built_site / fiche_pdf(practice.slug, "nl"))
    uris = {str(a.get_object()["/A"]["/URI"]) for page in reader.pages for a in page.get("/Annots") or []
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]}
    expected = {f"mailto:{address}" for contact in practice.contacts for address in contact.emails}
    assert expected <= uris


def test_every_page_links_the_book_and_every_practice_page_its_fiche(built_site):
    for lang in LANGUAGES:
        prefix = "" if lang == vocabulary.DEFAULT_LANGUAGE else f"{lang}/"
        for page in (built_site / prefix / "index.html", built_site / prefix / "taalbeleid" / "index.html"):
            html = page.read_text(encoding="utf-8")
            assert f'{book_pdf(lang)}" type="application/pdf">{t("pdf_book_link", lang)}' in html
        practice = practices()[0]
        html = (built_site / prefix / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
        assert f'{fiche_pdf(practice.slug, lang)}" type="application/pdf">{t("pdf_fiche_link", lang)}' in html
