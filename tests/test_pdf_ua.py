"""PDF/UA-1 structure of every book and every fiche of the real build, checked with tests/pdf_structure.py.

veraPDF cannot run here (it needs Java and a download), so the rules of its PDF/UA-1 profile that
live in the tag tree and the metadata are checked with pypdf: lists, table headers, figures, links,
fonts, heading levels, language, title and the PDF/UA identification. Each rule runs on all PDFs
and a failure lists file, page, element and text. The second half of this file breaks a real
fiche (or a small table rendered by WeasyPrint) in one place per rule and asserts that the checker
reports exactly there, so no check passes because it looks at nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, NumberObject, TextStringObject

import pdf_structure as ps
from kennisbank import build
from kennisbank.paths import ROOT, book_pdf, fiche_pdf
from kennisbank.print import pdf, pdf_tags
from kennisbank.records import vocabulary

LANGUAGES = vocabulary.LANGUAGES
# Problems printed in a failure message; the rest are counted.
SHOWN = 25


@cache
def practices():
    return sorted(build.load(), key=lambda p: p.slug)


def all_pdfs(site: Path) -> list[Path]:
    """Every PDF the build must have written: a book per language, a fiche per practice and language."""
    return [site / book_pdf(lang) for lang in LANGUAGES] + [
        site / fiche_pdf(p.slug, lang) for p in practices() for lang in LANGUAGES]


@cache
def tree(path: Path) -> ps.TagTree:
    return ps.TagTree.read(path)


def report(problems: list[ps.Problem]) -> str:
    lines = [str(problem) for problem in problems[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(f"… and {len(problems) - SHOWN} more")
    return f"{len(problems)} PDF/UA-1 problems:\n" + "\n".join(lines)


@pytest.mark.parametrize("rule", sorted(ps.CHECKS))
def test_every_book_and_fiche_meets_the_pdf_ua_rule(built_site, rule):
    check = ps.CHECKS[rule]
    problems = [problem for path in all_pdfs(built_site) for problem in check(tree(path))]
    assert not problems, report(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_checker_sees_what_the_book_is_made_of(built_site, lang):
    """The structures the rules look at are in the tag tree whenever the book's HTML has them."""
    html = pdf.book_html(ROOT, lang, practices(), dt.date.today())
    book = tree(built_site / book_pdf(lang))
    expected = {"L": r"<[uod]l[ >]", "LI": r"<li[ >]", "Link": r"<a href", "TH": r"<th[ >]", "Figure": r"<(img|svg)[ >]",
                "H1": r"<h1[ >]", "H2": r"<h2[ >]"}
    missing = [kind for kind, tag in expected.items() if re.search(tag, html) and not book.of_type(kind)]
    assert not missing, f"{book.name}: no {missing} in the tag tree, though the HTML has them"
    annotations = sum(1 for page in book.reader.pages for a in ps.entry(page, "/Annots", [])
                      if a.get_object()["/Subtype"] == "/Link")
    assert annotations == sum(len(e.annotations) for e in book.of_type("Link")) > 0


# --- The checker finds what is broken ---------------------------------------------------------------

def fiche(built_site) -> Path:
    """A real fiche with links (an e-mail address) and lists (its leads)."""
    practice = next(p for p in practices() if any(c.emails for c in p.contacts) and p.leads)
    return built_site / fiche_pdf(practice.slug, "nl")


def broken(source: Path, target: Path, damage) -> ps.TagTree:
    """A copy of `source` with `damage(tree)` done to its objects, written and read back."""
    original = ps.TagTree(PdfReader(source), source.name)
    damage(original)
    writer = PdfWriter(clone_from=original.reader)
    writer.write(target)
    return ps.TagTree.read(target)


def only(problems: list[ps.Problem], rule: str) -> list[ps.Problem]:
    return [problem for problem in problems if problem.rule == rule]


def first(tree_: ps.TagTree, kind: str, inside: str | None = None) -> ps.Element:
    return next(e for e in tree_.elements if e.type == kind and (inside is None or e.parent.type == inside))


def detach(element: ps.Element) -> None:
    """Take an element out of its parent's /K (the parents here hold their kids in an array)."""
    kids = element.parent.obj["/K"]
    index = next(i for i, kid in enumerate(kids) if kid.get_object() is element.obj)
    del kids[index]


def test_an_orphan_list_item_is_reported(built_site, tmp_path):
    def damage(t):
        item = first(t, "LI", inside="L")
        reference = next(k for k in item.parent.obj["/K"] if k.get_object() is item.obj)
        detach(item)
        document = first(t, "Document")
        document.obj["/K"].append(reference)
        item.obj[NameObject("/P")] = document.obj.indirect_reference

    found = only(ps.check_lists(broken(fiche(built_site), tmp_path / "li.pdf", damage)), "7.2-17")
    assert len(found) == 1 and "under Document" in found[0].message and re.match(r"Document\[1\]/LI\[1\]", found[0].where)
    assert found[0].page == 1 and found[0].file == "li.pdf"


def test_a_list_holding_something_else_is_reported(built_site, tmp_path):
    def damage(t):
        first(t, "LI", inside="L").obj[NameObject("/S")] = NameObject("/P")

    found = only(ps.check_lists(broken(fiche(built_site), tmp_path / "l.pdf", damage)), "7.2-19")
    assert len(found) == 1 and "list holds P" in found[0].message


def render(html: str, target: Path, finisher=pdf_tags.finish) -> Path:
    """A small tagged PDF/UA-1 from our own stylesheet and fonts, written as the build writes its PDFs."""
    document = pdf._render(html, ROOT)
    document.write_pdf(target, pdf_variant=pdf.PDF_VARIANT, finisher=finisher)
    return target


TABLE = """<html lang="nl"><head><title>Tabel</title></head><body><h1>Tabel</h1>
<table><thead><tr><th scope="col">Jaar</th><th scope="col">Aantal</th></tr></thead>
<tbody><tr><th scope="row">2023</th><td>12</td></tr><tr><th scope="row">2024</th><td>15</td></tr></tbody></table></body></html>"""


def test_weasyprint_alone_writes_table_headers_without_scope_and_pdf_tags_adds_them(tmp_path):
    raw = ps.TagTree.read(render(TABLE, tmp_path / "raw.pdf", finisher=None))
    assert len(only(ps.check_table_headers(raw), "7.5-1")) == len(raw.of_type("TH")) == 4
    finished = ps.TagTree.read(render(TABLE, tmp_path / "finished.pdf"))
    assert not ps.check_table_headers(finished)
    scopes = [str(ps.attribute(finished, th, "/Table", "/Scope")) for th in finished.of_type("TH")]
    assert scopes == ["/Column", "/Column", "/Row", "/Row"]  # from the HTML scope of each <th>


def test_a_table_header_without_scope_is_reported(tmp_path):
    def damage(t):
        del first(t, "TH").obj["/A"][NameObject("/Scope")]

    found = ps.check_table_headers(broken(render(TABLE, tmp_path / "t.pdf"), tmp_path / "th.pdf", damage))
    assert len(found) == 1 and found[0].rule == "7.5-1" and "TH[1] «Jaar»" in found[0].where


def test_a_scope_in_an_attribute_array_or_through_a_class_counts(tmp_path):
    def damage(t):
        in_array, by_class = t.of_type("TH")[:2]
        in_array.obj[NameObject("/A")] = ArrayObject([in_array.obj["/A"], NumberObject(0)])  # with a revision number
        t.root[NameObject("/ClassMap")] = DictionaryObject({NameObject("/Kop"): by_class.obj["/A"]})
        by_class.obj[NameObject("/C")] = NameObject("/Kop")
        del by_class.obj[NameObject("/A")]

    assert not ps.check_table_headers(broken(render(TABLE, tmp_path / "t.pdf"), tmp_path / "scope.pdf", damage))


def test_a_figure_without_alt_is_reported(built_site, tmp_path):
    def damage(t):
        first(t, "Span").obj[NameObject("/S")] = NameObject("/Figure")
        with_alt = t.of_type("Span")[1].obj
        with_alt[NameObject("/S")] = NameObject("/Figure")
        with_alt[NameObject("/Alt")] = TextStringObject("Logo")

    found = ps.check_figures(broken(fiche(built_site), tmp_path / "figure.pdf", damage))
    assert len(found) == 1 and found[0].rule == "7.3-1" and "Figure[1]" in found[0].where


def test_untagged_links_and_links_without_contents_are_reported(built_site, tmp_path):
    def damage(t):
        links = [a.get_object() for page in t.reader.pages for a in ps.entry(page, "/Annots", [])]
        assert len(links) >= 3, f"{t.name} has {len(links)} links; the test damages three"
        del links[0][NameObject("/StructParent")]
        del links[1][NameObject("/Contents")]
        element = t.by_object[t.parent_tree[int(links[2]["/StructParent"])].idnum]
        element.obj[NameObject("/K")] = ArrayObject(k for k in element.obj["/K"] if isinstance(k, NumberObject))

    found = ps.check_links(broken(fiche(built_site), tmp_path / "links.pdf", damage))
    assert sorted((p.rule, p.message.split(" (")[0]) for p in found) == [
        ("7.18.5-1", "Link element has no OBJR to its annotation"),
        ("7.18.5-1", "link annotation without /StructParent"),
        ("7.18.5-2", "link annotation without /Contents")]


def test_fonts_not_embedded_or_without_tounicode_are_reported(built_site, tmp_path):
    names = []

    def damage(t):
        fonts = [font for _, font in ps.fonts_in(t.reader.pages[0]["/Resources"], set())]
        names.extend(str(font["/BaseFont"]) for font in fonts[:2])
        del fonts[0][NameObject("/ToUnicode")]
        descriptor = fonts[1]["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            descriptor.pop(NameObject(key), None)

    found = ps.check_fonts(broken(fiche(built_site), tmp_path / "fonts.pdf", damage))
    assert sorted((p.rule, p.where.split()[-1]) for p in found) == sorted(
        [("7.21.7-1", names[0]), ("7.21.4.1-1", names[1])])


def test_skipped_heading_levels_are_reported(built_site, tmp_path):
    def damage(t):
        first(t, "H2").obj[NameObject("/S")] = NameObject("/H3")  # H1 then H3

    found = ps.check_headings(broken(fiche(built_site), tmp_path / "h.pdf", damage))
    assert [p.message for p in found] == ["H3 follows H1: heading level H2 is skipped"]

    def damage_first(t):
        first(t, "H1").obj[NameObject("/S")] = NameObject("/H2")  # the first heading is not H1

    found = ps.check_headings(broken(fiche(built_site), tmp_path / "h2.pdf", damage_first))
    assert found[0].message == "H2 is the first heading: heading level H1 is skipped"


def test_missing_language_title_and_identification_are_reported(built_site, tmp_path):
    def damage(t):
        del t.catalog[NameObject("/Lang")]
        t.catalog["/ViewerPreferences"][NameObject("/DisplayDocTitle")] = BooleanObject(False)
        stream = t.catalog["/Metadata"].get_object()
        xmp = stream.get_data().decode()
        xmp = re.sub(r"<dc:title>.*?</dc:title>", "", xmp, flags=re.S)
        stream.set_data(re.sub(r"(pdfuaid:part[^0-9]{1,3})1", r"\g<1>2", xmp).encode())

    found = ps.check_document(broken(fiche(built_site), tmp_path / "doc.pdf", damage))
    assert sorted(p.rule for p in found) == ["5-2", "7.1-10", "7.1-9", "7.2-34"]

    def damage_lang(t):
        t.catalog[NameObject("/Lang")] = TextStringObject("nl_BE")

    found = ps.check_document(broken(fiche(built_site), tmp_path / "lang.pdf", damage_lang))
    assert [p.rule for p in found] == ["7.2-29"]
