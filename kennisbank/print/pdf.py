"""The knowledge base as PDF: one book per language, and a fiche of one or two pages per practice.

Why our own module and not an MkDocs plugin: mkdocs-print-site and mkdocs-to-pdf are not aware of
mkdocs-static-i18n (each language build overwrote the same PDF), and mkdocs-with-pdf is no longer
maintained. Why WeasyPrint: it implements CSS paged media (running headers, page numbers through
`target-counter`, PDF bookmarks from headings), writes tagged PDF/UA-1 with the document language
and title, and runs from PyPI on Debian's Pango.

The book and the fiches start from the same data model and the same Markdown as the website
(see print_html), styled by our own print templates and stylesheet in templates/print/.

Fiches are laid out per language in batches, many practices in one document, and then split
into one PDF per practice with `Document.copy`: the fonts and the stylesheet are loaded once per
batch instead of once per practice.
"""
from __future__ import annotations

import copy
import datetime as dt
import logging
import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from kennisbank import build_date, site_config
from kennisbank.model import PUBLICATION, load_published
from kennisbank.paths import GENERATED_DIR_NAME, book_pdf, fiche_pdf
from kennisbank.print import pdf_tags, print_html
from kennisbank.records import vocabulary
from kennisbank.records.ui import t
from kennisbank.site import glossary, guide, pages, typography

# PDF/UA-1: tagged PDF with document language and title; WeasyPrint embeds the font subsets.
PDF_VARIANT = "pdf/ua-1"
# Practices laid out in one fiche document before it is split. A fiche is one or two A4 pages;
# 100 practices keep a batch around 150 pages, so memory stays flat however many records there are.
FICHE_BATCH = 100
# Noto (Debian's fonts-noto-core and fonts-noto-mono) covers every Dutch and French diacritic and has matching serif
# and sans families. Files are named so that no fontconfig lookup decides which font is used.
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/noto"))
FONT_FILES = {
    ("Kennisbank Serif", "normal", "normal"): "NotoSerif-Regular.ttf",
    ("Kennisbank Serif", "bold", "normal"): "NotoSerif-Bold.ttf",
    ("Kennisbank Serif", "normal", "italic"): "NotoSerif-Italic.ttf",
    ("Kennisbank Serif", "bold", "italic"): "NotoSerif-BoldItalic.ttf",
    ("Kennisbank Sans", "normal", "normal"): "NotoSans-Regular.ttf",
    ("Kennisbank Sans", "bold", "normal"): "NotoSans-Bold.ttf",
    ("Kennisbank Sans", "normal", "italic"): "NotoSans-Italic.ttf",
    ("Kennisbank Sans", "bold", "italic"): "NotoSans-BoldItalic.ttf",
    ("Kennisbank Mono", "normal", "normal"): "NotoSansMono-Regular.ttf",  # fonts-noto-mono
    ("Kennisbank Mono", "bold", "normal"): "NotoSansMono-Bold.ttf",
}
# Chapters of the book after the step guide, in reading order (pages under docs/).
BACKGROUND_CHAPTERS = ("superdiversiteit.md", "welzijn.md", "beleidskader.md", "intergemeentelijke-samenwerking.md",
                       "vgc-integratieplan.md", "cijfers.md")
STYLESHEET = pages.TEMPLATES / "print" / "print.css"
SVG_FONT = "Kennisbank Sans"
SVG_START = re.compile(r"<svg\b(?![^>]*\sfont-family=)")


class PdfError(Exception):
    """A PDF could not be made; the message says what to install or fix."""


@dataclass
class PdfReport:
    books: list[Path] = field(default_factory=list)
    fiches: list[Path] = field(default_factory=list)
    seconds: float = 0.0  # wall clock, all workers together
    worker_seconds: dict[str, float] = field(default_factory=dict)  # "book" / "fiches": time summed over tasks
    pages: dict[str, int] = field(default_factory=dict)  # "book" / "fiches": pages written
    warnings: list[str] = field(default_factory=list)


@dataclass
class Part:
    """A chapter of the book: its pages, and the entries it adds to the table of contents."""
    id: str
    title: str
    kind: str
    pages: list[print_html.PrintPage]
    heading: str = ""  # a part heading printed before the pages (the practices part)
    intro: str = ""
    children: list[dict] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"part-{self.id}"


# --- Fonts ---------------------------------------------------------------------

def font_css() -> str:
    found = {}
    for key, filename in FONT_FILES.items():
        path = next((folder / filename for folder in FONT_DIRS if (folder / filename).is_file()), None)
        if path is None:
            raise PdfError(f"Lettertype {filename} niet gevonden in {', '.join(map(str, FONT_DIRS))}. "
                           "Installeer de Debian-pakketten fonts-noto-core en fonts-noto-mono "
                           "(`sudo apt-get install fonts-noto-core fonts-noto-mono`, of `make pdf` als root).")
        found[key] = path
    return "\n".join(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
                     f'src: url("{path.as_uri()}"); }}' for (family, weight, style), path in found.items())


# --- The book ------------------------------------------------------------------------------------

def _read_page(root: Path, src: str, lang: str) -> str:
    """A page's Markdown in `lang`: hand-written under docs/, or generated under docs/praktijken/."""
    path = root / "docs" / (src[:-3] + pages.suffix(lang) + ".md")
    return path.read_text(encoding="utf-8")


def book_parts(root: Path, lang: str, practices: list) -> list[Part]:
    def page(src: str, shift: int = 0) -> print_html.PrintPage:
        return print_html.render_page(src, _read_page(root, src, lang), lang, root, heading_shift=shift)

    def single(src: str, kind: str = "chapter") -> Part:
        rendered = page(src)
        return Part(id=src[:-3].replace("/", "-"), title=rendered.title, kind=kind, pages=[rendered])

    guide_pages = [page("taalbeleid/index.md")] + [page(f"taalbeleid/{s.page}.md", shift=1) for s in guide.steps()]
    guide_part = Part(id="taalbeleid", title=guide_pages[0].title, kind="guide", pages=guide_pages,
                      children=[{"anchor": p.anchor, "title": p.title, "fallback": False} for p in guide_pages[1:]])
    ordered = sorted(practices, key=lambda p: p.title(lang).casefold())
    practice_pages = [page(f"{GENERATED_DIR_NAME}/{p.slug}.md", shift=1) for p in ordered]
    practices_part = Part(
        id="praktijken", title=t("practices", lang), kind="practices", pages=practice_pages,
        heading=t("practices", lang), intro=t("pdf_practices_intro", lang, count=len(ordered)),
        children=[{"anchor": rendered.anchor, "title": p.title(lang), "fallback": p.text("titel", lang)[1]}
                  for p, rendered in zip(ordered, practice_pages)])
    return [single("over.md"), guide_part, *(single(src) for src in BACKGROUND_CHAPTERS),
            practices_part, single("woordenlijst.md", kind="glossary")]


def book_html(root: Path, lang: str, practices: list, today: dt.date) -> str:
    identity = site_config.identity(root)
    parts = book_parts(root, lang, practices)
    region_index = _region_index(practices, lang, today)
    theme_index = _theme_index(practices, lang)
    in_document = {page.src: page.anchor for part in parts for page in part.pages}
    for part in parts:  # a link to a single-page chapter lands on its part, so the page break is visible
        if len(part.pages) == 1:
            in_document[part.pages[0].src] = part.anchor
    in_document.update(print_html.index_stand_ins([x["id"] for x in theme_index],
                                                  [p["slug"] for p in region_index["provinces"]], "part-praktijken"))
    linker = print_html.Linker(in_document, set(), identity["url"], lang)
    for part in parts:
        for rendered in part.pages:
            rendered.html = Markup(linker.rewrite(rendered.src, rendered.html))
    sources: dict[tuple, dict] = {}
    for practice in practices:
        if practice.source.kind != PUBLICATION:
            continue
        key = (practice.source.publication, practice.source.publisher, practice.source.year)
        sources.setdefault(key, {"publication": key[0], "publisher": key[1], "year": key[2], "count": 0})["count"] += 1
    supplied = sum(practice.source.kind != PUBLICATION for practice in practices)
    template = pages.environment().get_template("print/book.html.j2")
    return typography.apply(_svg_font(template.render(
        lang=lang, title=identity["names"][lang], subtitle=t("pdf_subtitle", lang), site_url=identity["url"],
        site_host=identity["url"].split("//", 1)[-1].rstrip("/"), today=today,
        today_label=pages.format_date(today.isoformat(), lang), parts=parts, practice_count=len(practices),
        step_count=len(guide.steps()), term_count=len(glossary.terms()), sources=list(sources.values()), supplied=supplied,
        index_themes=theme_index, index_regions=region_index)), lang)


def _svg_font(html_text: str) -> str:
    """Inline SVG (the charts) with the sans family of font_css: WeasyPrint draws SVG text in the
    font its own attributes name, not the stylesheet's, and without one fontconfig would choose."""
    return SVG_START.sub(f'<svg font-family="{SVG_FONT}"', html_text)


def _theme_index(practices: list, lang: str) -> list[dict]:
    themes = vocabulary.load("thema")
    index = []
    for term in sorted(themes, key=lambda x: x.label(lang).casefold()):
        members = sorted((p for p in practices if term.id in p.themes), key=lambda p: p.title(lang).casefold())
        if members:
            index.append({"id": term.id, "label": term.label(lang), "entries": [
                {"anchor": print_html.anchor_of(f"{GENERATED_DIR_NAME}/{p.slug}.md"), "title": p.title(lang),
                 "fallback": p.text("titel", lang)[1]} for p in members]})
    return index


def _region_index(practices: list, lang: str, today: dt.date) -> dict:
    cards = {p.slug: pages.card_view(p, lang, today) for p in practices}
    return pages.region_views(sorted(practices, key=lambda p: p.slug), cards, lang)


# --- Fiches --------------------------------------------------------------------------------------

def fiches_html(root: Path, lang: str, practices: list, today: dt.date) -> str:
    identity = site_config.identity(root)
    fiches = [{"view": pages.practice_view(p, lang, [], today),
               "url": site_config.practice_url(identity["url"], lang, p.slug)} for p in practices]
    template = pages.environment().get_template("print/fiches.html.j2")
    html_text = template.render(lang=lang, fiches=fiches, site_name=identity["names"][lang],
                                today_label=pages.format_date(today.isoformat(), lang))
    # Every fiche's relative links (areas, themes) are written as on a practice page; none is in the PDF.
    linker = print_html.Linker({}, set(), identity["url"], lang)
    return typography.apply(print_html.plain_emails(linker.rewrite(f"{GENERATED_DIR_NAME}/fiche.md", html_text)), lang)


# --- Writing -------------------------------------------------------------------------------------

class _WarningCollector(logging.Handler):
    """WeasyPrint logs what it cannot render (a missing anchor, an unsupported property) as warnings."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _render(html_text: str, root: Path):
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    # The FontConfiguration must reach the CSS with the @font-face rules: without it WeasyPrint
    # skips them and fontconfig picks a font by family name (Noto only by luck of the system's defaults).
    font_config = FontConfiguration()
    stylesheets = [weasyprint.CSS(string=font_css(), font_config=font_config),
                   weasyprint.CSS(filename=str(STYLESHEET), font_config=font_config)]
    return weasyprint.HTML(string=html_text, base_url=str(root)).render(
        stylesheets=stylesheets, font_config=font_config, pdf_variant=PDF_VARIANT)


def write_book(root: Path, lang: str, site_dir: Path, today: dt.date) -> tuple[Path, int]:
    """Returns the file and its number of pages."""
    document = _render(book_html(root, lang, _practices(root), today), root)
    document.metadata.lang = lang
    document.metadata.created = document.metadata.modified = today.isoformat()
    target = site_dir / book_pdf(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_variant=PDF_VARIANT, finisher=pdf_tags.finish)
    return target, len(document.pages)


def write_fiches(root: Path, lang: str, slugs: list[str], site_dir: Path, today: dt.date) -> tuple[list[Path], int]:
    """Returns the files and their number of pages together."""
    by_slug = {p.slug: p for p in _practices(root)}
    batch = [by_slug[slug] for slug in slugs]
    document = _render(fiches_html(root, lang, batch, today), root)
    starts = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("fiche-"):
                starts.setdefault(anchor.removeprefix("fiche-"), number)
    written = []
    for index, practice in enumerate(batch):
        first = starts[practice.slug]
        last = starts[batch[index + 1].slug] if index + 1 < len(batch) else len(document.pages)
        fiche = document.copy(document.pages[first:last])
        fiche.metadata = copy.copy(document.metadata)
        fiche.metadata.title = f"{practice.title(lang)} · {t('pdf_fiche', lang)}"
        fiche.metadata.lang = lang
        fiche.metadata.created = fiche.metadata.modified = today.isoformat()
        target = site_dir / fiche_pdf(practice.slug, lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        fiche.write_pdf(target, pdf_variant=PDF_VARIANT, finisher=pdf_tags.finish)
        written.append(target)
    return written, len(document.pages)


# Practices loaded once by the parent process and inherited by forked workers.
_LOADED: dict[Path, list] = {}


def _load(root: Path) -> list:
    return load_published(root / "data" / "praktijken")


def _practices(root: Path) -> list:
    if root not in _LOADED:
        _LOADED[root] = _load(root)
    return _LOADED[root]


def _task(kind: str, root: Path, lang: str, slugs: list[str], site_dir: Path, today: dt.date) -> dict:
    started = time.perf_counter()
    collector = _WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        if kind == "book":
            path, page_count = write_book(root, lang, site_dir, today)
            paths = [path]
        else:
            paths, page_count = write_fiches(root, lang, slugs, site_dir, today)
    finally:
        logger.removeHandler(collector)
    return {"paths": paths, "pages": page_count, "seconds": time.perf_counter() - started,
            "warnings": [f"[{kind} {lang}] {message}" for message in collector.messages]}


def build_pdfs(root: Path, site_dir: Path, languages: tuple[str, ...] = vocabulary.LANGUAGES,
               today: dt.date | None = None, workers: int | None = None) -> PdfReport:
    """Write every book and fiche into `site_dir` (paths.book_pdf, paths.fiche_pdf). Expects docs/praktijken/ to be generated."""
    started = time.perf_counter()
    root = root.resolve()
    today = today or build_date.build_date(root)
    font_css()  # fail early, with the install hint, before any worker starts
    # Loaded afresh for every build (the privacy setting may differ), then inherited by the workers.
    practices = _LOADED[root] = _load(root)
    slugs = sorted(p.slug for p in practices)
    tasks = [("book", lang, []) for lang in languages]
    tasks += [("fiches", lang, slugs[i:i + FICHE_BATCH]) for lang in languages for i in range(0, len(slugs), FICHE_BATCH)]
    # Books first: each holds every practice plus the guidance, so the largest tasks start earliest
    # and the fiche batches fill the cores at the end.
    report = PdfReport()
    workers = workers or min(len(tasks), os.cpu_count() or 1)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_task, kind, root, lang, batch, site_dir, today) for kind, lang, batch in tasks]
        for (kind, _, _), future in zip(tasks, futures):
            result = future.result()
            (report.books if kind == "book" else report.fiches).extend(result["paths"])
            report.warnings.extend(result["warnings"])
            report.worker_seconds[kind] = report.worker_seconds.get(kind, 0.0) + result["seconds"]
            report.pages[kind] = report.pages.get(kind, 0) + result["pages"]
    report.seconds = time.perf_counter() - started
    return report
