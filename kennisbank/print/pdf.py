"""The knowledge base as PDF: one book per language, and a fiche of one or two pages per practice.

Why our own module and not an MkDocs plugin: mkdocs-print-site and mkdocs-to-pdf are not aware of
mkdocs-static-i18n (each language build overwrote the same PDF), and mkdocs-with-pdf is no longer
maintained. Why WeasyPrint: it implements CSS paged media (running headers, page numbers through
`target-counter`, PDF bookmarks from headings), writes tagged PDF/UA-1 with the document language
and title, and runs from PyPI on Debian's Pango.

The book and the fiches start from the same data model and the same Markdown as the website
(see print_html), styled by our own print templates and stylesheet in templates/print/.

Fiches are laid out per language in batches, many practices in one document, and then split
into one PDF per practice with `Document.copy`: the stylesheet is applied once per batch instead
of once per practice. A fiche's bytes do not depend on the other fiches in its batch, so each is
cached under the key of its own HTML (kennisbank.print.pdf_cache): a build lays out only the
fiches whose input changed, and the books when theirs did.

Cost (BENCHMARKS.md, "What made the PDFs faster"): WeasyPrint's layout and drawing. Four things
keep it down: Python's cyclic garbage collector is paused while a document is rendered
(WeasyPrint makes millions of small objects that live as long as the document, and each
collection walked them all again); every worker keeps one FontConfiguration for all its
documents, so Pango and HarfBuzz load each font once; the work is planned so that no core
waits at the end (the books first, one worker per book when memory allows, then small batches
of fiches); and pdf_speedups takes out work that WeasyPrint and pydyf repeat (page references,
font descriptions) and deflates at zlib's default level.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import gc
import logging
import multiprocessing
import multiprocessing.util
import os
import re
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from kennisbank import build_date, site_config
from kennisbank.log_messages import WarningMessages
from kennisbank.model import PUBLICATION, load_published
from kennisbank.paths import GENERATED_DIR_NAME, book_pdf, fiche_pdf
from kennisbank.print import pdf_cache, pdf_speedups, pdf_tags, print_html, task_processes
from kennisbank.records import privacy, vocabulary
from kennisbank.records.ui import alphabetical, t
from kennisbank.site import glossary, guide, pages, typography

# PDF/UA-1: tagged PDF with document language and title; WeasyPrint embeds the font subsets.
PDF_VARIANT = "pdf/ua-1"
# Practices laid out in one fiche document before it is split. A fiche is one or two A4 pages;
# 100 practices keep a batch around 150 pages, so memory stays flat however many records there are.
FICHE_BATCH = 100
# At least this many fiche batches per worker: the books go first, and small batches at the end
# let every worker finish at about the same time, however the books fell.
FICHE_TASKS_PER_WORKER = 4
# What build_pdfs makes: the book per language, a fiche per practice and language.
KINDS = ("book", "fiches")
# Memory of a worker laying out a book: about this much per record on top of a fixed part
# (measured: 350 MB at N = 31, 7.4 GB at N = 1,000, with the garbage collector paused).
BOOK_MB_PER_RECORD = 7.3
BOOK_MB_FIXED = 120
# Books laid out side by side may take at most this share of the memory that is available.
BOOK_MEMORY_SHARE = 0.5
# A folder for the PDF cache instead of <root>/.cache/pdf; "0" renders everything (as a cold build).
CACHE_ENV = "KENNISBANK_PDF_CACHE"
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
    pages: dict[str, int] = field(default_factory=dict)  # "book" / "fiches": pages laid out (not those from the cache)
    cached: dict[str, int] = field(default_factory=dict)  # "book" / "fiches": files taken from the cache
    warnings: list[str] = field(default_factory=list)
    # Seconds each worker process stood idle at the end, waiting for the others: the cost of a long task last.
    idle_at_end: list[float] = field(default_factory=list)
    peak_memory_mb: float = 0.0  # the largest resident size of one worker process


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

def _font_paths() -> dict[tuple[str, str, str], Path]:
    found = {}
    for key, filename in FONT_FILES.items():
        path = next((folder / filename for folder in FONT_DIRS if (folder / filename).is_file()), None)
        if path is None:
            raise PdfError(f"Lettertype {filename} niet gevonden in {', '.join(map(str, FONT_DIRS))}. "
                           "Installeer de Debian-pakketten fonts-noto-core en fonts-noto-mono "
                           "(`sudo apt-get install fonts-noto-core fonts-noto-mono`, of `make pdf` als root).")
        found[key] = path
    return found


def font_files() -> list[Path]:
    return list(_font_paths().values())


def font_css() -> str:
    return "\n".join(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
                     f'src: url("{path.as_uri()}"); }}' for (family, weight, style), path in _font_paths().items())


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
    ordered = sorted(practices, key=lambda p: alphabetical(p.title(lang)))
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
    for term in sorted(themes, key=lambda x: alphabetical(x.label(lang))):
        members = sorted((p for p in practices if term.id in p.themes), key=lambda p: alphabetical(p.title(lang)))
        if members:
            index.append({"id": term.id, "label": term.label(lang), "entries": [
                {"anchor": print_html.anchor_of(f"{GENERATED_DIR_NAME}/{p.slug}.md"), "title": p.title(lang),
                 "fallback": p.text("titel", lang)[1]} for p in members]})
    return index


def _region_index(practices: list, lang: str, today: dt.date) -> dict:
    cards = {p.slug: pages.card_view(p, lang, today) for p in practices}
    return pages.region_views(sorted(practices, key=lambda p: p.slug), cards, lang)


# --- Fiches --------------------------------------------------------------------------------------

def fiche_articles(root: Path, lang: str, practices: list, today: dt.date) -> list[str]:
    """The <article> of each practice's fiche, each a finished piece of HTML (links, e-mail, typography)."""
    identity = site_config.identity(root)
    template = pages.environment().get_template("print/fiche.html.j2")
    today_label = pages.format_date(today.isoformat(), lang)
    # Every fiche's relative links (areas, themes) are written as on a practice page; none is in the PDF.
    linker = print_html.Linker({}, set(), identity["url"], lang)
    articles = []
    for practice in practices:
        fiche = {"view": pages.practice_view(practice, lang, [], today),
                 "url": site_config.practice_url(identity["url"], lang, practice.slug)}
        html_text = template.render(lang=lang, f=fiche, site_name=identity["names"][lang], today_label=today_label)
        articles.append(typography.apply(print_html.plain_emails(linker.rewrite(f"{GENERATED_DIR_NAME}/fiche.md", html_text)), lang))
    return articles


def fiche_document(root: Path, lang: str, articles: list[str]) -> str:
    """The HTML document of a batch of fiches: the articles one after another, each on its own pages."""
    template = pages.environment().get_template("print/fiches.html.j2")
    return template.render(lang=lang, site_name=site_config.identity(root)["names"][lang],
                           articles=[Markup(article) for article in articles])


def fiches_html(root: Path, lang: str, practices: list, today: dt.date) -> str:
    return fiche_document(root, lang, fiche_articles(root, lang, practices, today))


def fiche_title(practice, lang: str) -> str:
    return f"{practice.title(lang)} · {t('pdf_fiche', lang)}"


# --- Rendering -----------------------------------------------------------------------------------

@contextlib.contextmanager
def _warnings_logged():
    collector = WarningMessages()  # WeasyPrint logs what it cannot render (a missing anchor) as warnings
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


# The FontConfiguration and parsed stylesheets: (stylesheet, font CSS, config, sheets) or None.
_STYLE: list = [None]


def _style() -> tuple:
    """One FontConfiguration and the parsed stylesheets for every document of a build.

    The FontConfiguration must be given to the CSS with the @font-face rules, or WeasyPrint skips
    them and fontconfig picks a font by family name. Shared, it keeps the fonts that Pango and
    HarfBuzz loaded for one document for the next (measured: about 80 ms of CPU per document).
    build_pdfs makes it, and loads the fonts (`_load_fonts`), before it forks the task processes,
    which use it as they inherit it. WeasyPrint removes its temporary font folder when it is
    freed: only the process that made it frees it, at exit (multiprocessing's finalizers, which a
    forked child does not inherit; task processes end with os._exit, which skips `__del__`).
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    pdf_speedups.apply()
    stylesheet, fonts = STYLESHEET.read_text(encoding="utf-8"), font_css()
    held = _STYLE[0]
    if held and held[:2] == (stylesheet, fonts):
        return held[2:]
    if held is None:
        multiprocessing.util.Finalize(None, _free_style, exitpriority=1)
    font_config = FontConfiguration()
    sheets = [weasyprint.CSS(string=fonts, font_config=font_config),
              weasyprint.CSS(string=stylesheet, base_url=str(STYLESHEET), font_config=font_config)]
    _STYLE[0] = (stylesheet, fonts, font_config, sheets)
    return font_config, sheets


def _free_style() -> None:
    """Drop the FontConfiguration; its __del__ removes WeasyPrint's temporary font folder.
    The collection frees it also when a reference cycle still holds it."""
    _STYLE[0] = None
    gc.collect()


def _load_fonts() -> None:
    """Lay out and draw a line in every declared font, so that processes forked after this find
    them loaded (Pango, HarfBuzz, FreeType) and do not load them again for their first document."""
    families = sorted({family for family, _, _ in FONT_FILES})
    cells = "".join(f'<p style="font-family: \'{family}\'">Aa <b>Bb</b> <i>Cc</i> <b><i>Dd</i></b></p>' for family in families)
    _render(f'<html lang="nl"><head><title>-</title></head><body>{cells}</body></html>', Path("/")).write_pdf()


def _render(html_text: str, root: Path):
    import weasyprint

    font_config, sheets = _style()
    return weasyprint.HTML(string=html_text, base_url=str(root)).render(
        stylesheets=sheets, font_config=font_config, pdf_variant=PDF_VARIANT)


def software_key() -> str:
    """What every PDF of a build shares and its bytes depend on, beside its own HTML (pdf_cache)."""
    return pdf_cache.digest(str(pdf_cache.FORMAT), PDF_VARIANT, privacy.mode(), STYLESHEET.read_text(encoding="utf-8"),
                            font_css(), _installed_software(tuple(font_files())))


@functools.cache
def _installed_software(fonts: tuple[Path, ...]) -> str:
    """The font files, our print code and the rendering software, as they are for this process's life."""
    import weasyprint  # noqa: F401  (opens the native libraries that native_libraries() lists)

    code = sorted(Path(__file__).parent.glob("*.py"))
    return pdf_cache.digest(*(f"{path}:{pdf_cache.file_digest(path)}" for path in fonts),
                            *(f"{path.name}:{pdf_cache.file_digest(path)}" for path in code),
                            *pdf_cache.python_packages("weasyprint"), *pdf_cache.native_libraries())


def _write(document, target: Path, title: str, lang: str, today: dt.date) -> None:
    document.metadata.title = title
    document.metadata.lang = lang
    document.metadata.created = document.metadata.modified = today.isoformat()
    target.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_variant=PDF_VARIANT, finisher=pdf_tags.finish)


# --- Writing, through the cache ------------------------------------------------------------------

@dataclass
class Written:
    """What a task wrote: the files, the pages it laid out, and the cache keys it used."""
    paths: list[Path] = field(default_factory=list)
    pages: int = 0
    cached: int = 0  # files taken from the cache
    keys: set[str] = field(default_factory=set)
    fresh: list[tuple[str, Path]] = field(default_factory=list)  # (key, file) rendered now, to store when clean


def write_book(root: Path, lang: str, site_dir: Path, today: dt.date, cache: pdf_cache.PdfCache | None = None) -> Written:
    html_text = book_html(root, lang, _practices(root), today)
    target = site_dir / book_pdf(lang)
    key = pdf_cache.digest(software_key(), "book", lang, today.isoformat(), html_text) if cache else ""
    written = Written(paths=[target], keys={key} if cache else set())
    if cache and cache.fetch(shelf("book", lang), key, target):
        written.cached = 1
        return written
    document = _render(html_text, root)
    _write(document, target, document.metadata.title, lang, today)
    written.pages = len(document.pages)
    written.fresh.append((key, target))
    return written


def write_fiches(root: Path, lang: str, slugs: list[str], site_dir: Path, today: dt.date,
                 cache: pdf_cache.PdfCache | None = None) -> Written:
    """The fiches of `slugs`: from the cache where their key is there, the others laid out in one document."""
    by_slug = {p.slug: p for p in _practices(root)}
    batch = [by_slug[slug] for slug in slugs]
    written = Written()
    missing = []
    shared = software_key() if cache else ""
    for practice, article in zip(batch, fiche_articles(root, lang, batch, today)):
        target = site_dir / fiche_pdf(practice.slug, lang)
        written.paths.append(target)
        key = ""
        if cache:
            key = pdf_cache.digest(shared, "fiche", lang, today.isoformat(), fiche_title(practice, lang),
                                   fiche_document(root, lang, [article]))
            written.keys.add(key)
            if cache.fetch(shelf("fiches", lang), key, target):
                written.cached += 1
                continue
        missing.append((practice, article, key, target))
    if not missing:
        return written
    document = _render(fiche_document(root, lang, [article for _, article, _, _ in missing]), root)
    starts = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("fiche-"):
                starts.setdefault(anchor.removeprefix("fiche-"), number)
    for index, (practice, _, key, target) in enumerate(missing):
        first = starts[practice.slug]
        last = starts[missing[index + 1][0].slug] if index + 1 < len(missing) else len(document.pages)
        fiche = document.copy(document.pages[first:last])
        fiche.metadata = copy.copy(document.metadata)
        _write(fiche, target, fiche_title(practice, lang), lang, today)
        written.fresh.append((key, target))
    written.pages = len(document.pages)
    return written


# Practices loaded once by the parent process and inherited by forked workers.
_LOADED: dict[Path, list] = {}


def _load(root: Path) -> list:
    return load_published(root / "data" / "praktijken")


def _practices(root: Path) -> list:
    if root not in _LOADED:
        _LOADED[root] = _load(root)
    return _LOADED[root]


def _task(kind: str, root: Path, lang: str, slugs: list[str], site_dir: Path, today: dt.date,
          cache_folder: Path | None) -> dict:
    started = time.perf_counter()
    began = time.monotonic()  # system-wide on Linux, so the parent can line the workers' tasks up
    cache = pdf_cache.PdfCache(cache_folder) if cache_folder else None
    with _warnings_logged() as warnings:
        if kind == "book":
            written = write_book(root, lang, site_dir, today, cache)
        else:
            written = write_fiches(root, lang, slugs, site_dir, today, cache)
    if cache and not warnings:  # a render with warnings fails the build; the next build must see them again
        for key, path in written.fresh:
            cache.store(shelf(kind, lang), key, path)
    return {"written": written, "seconds": time.perf_counter() - started,
            "span": (began, time.monotonic()), "memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "warnings": [f"[{kind} {lang}] {message}" for message in warnings]}


def shelf(kind: str, lang: str) -> str:
    """The cache's folder for one kind of PDF ("book", "fiches") in one language."""
    return f"{kind}/{lang}"


def cache_folder(root: Path) -> Path | None:
    """Where the PDF cache lives: <root>/.cache/pdf, or the folder in KENNISBANK_PDF_CACHE (0: no cache)."""
    setting = os.environ.get(CACHE_ENV, "").strip()
    if setting == "0":
        return None
    return Path(setting).resolve() if setting else root / pdf_cache.CACHE_DIR


def worker_count(records: int, books: int) -> int:
    """A worker per core, or one per book when the books fit in memory side by side.

    A book is one document, laid out by one process from start to end: with three books on two
    cores, two workers leave one book to run alone at the end (after an edit, with the fiches
    from the cache, that is most of the build). Three processes on two cores share them until
    the last book is done. At N = 1,000 a book takes about 7 GB, and then the cores decide.
    """
    cores = os.cpu_count() or 1
    if books <= cores:
        return cores
    needed = books * (BOOK_MB_FIXED + BOOK_MB_PER_RECORD * records)
    return books if needed <= BOOK_MEMORY_SHARE * _available_mb() else cores


def _available_mb() -> float:
    """MemAvailable from /proc/meminfo (Linux), else 0: then the workers follow the cores."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def plan(slugs: list[str], languages: tuple[str, ...], workers: int, kinds: tuple[str, ...] = KINDS) -> list[tuple[str, str, list[str]]]:
    """The tasks, longest first: the books (each one document, every practice in it), then the fiches
    in batches small enough that both cores stay busy until the last one is done."""
    tasks = [("book", lang, []) for lang in languages] if "book" in kinds else []
    if "fiches" not in kinds:
        return tasks
    per_language = max(1, -(-FICHE_TASKS_PER_WORKER * workers // len(languages)), -(-len(slugs) // FICHE_BATCH))
    size = max(1, -(-len(slugs) // per_language))
    tasks += [("fiches", lang, slugs[i:i + size]) for lang in languages for i in range(0, len(slugs), size)]
    return tasks


def build_pdfs(root: Path, site_dir: Path, languages: tuple[str, ...] = vocabulary.LANGUAGES,
               today: dt.date | None = None, workers: int | None = None, kinds: tuple[str, ...] = KINDS) -> PdfReport:
    """Write every book and fiche into `site_dir` (paths.book_pdf, paths.fiche_pdf). Expects docs/praktijken/ to be generated.

    Files whose input did not change come from the cache (cache_folder); afterwards the cache holds
    only what this build used, for the languages it built.
    """
    started = time.perf_counter()
    root = root.resolve()
    today = today or build_date.build_date(root)
    font_css()  # fail early, with the install hint, before any worker starts
    # Loaded afresh for every build (the privacy setting may differ), then inherited by the workers.
    practices = _LOADED[root] = _load(root)
    slugs = sorted(p.slug for p in practices)
    workers = workers or worker_count(len(slugs), len(languages) if "book" in kinds else 0)
    tasks = plan(slugs, languages, workers, kinds)
    folder = cache_folder(root)
    report = PdfReport()
    used: dict[str, set[str]] = {shelf(kind, lang): set() for kind, lang, _ in tasks}
    _style()  # WeasyPrint, the fonts and the stylesheet, loaded once for every task process
    _load_fonts()
    processes = min(workers, len(tasks))
    results = task_processes.run(_task, [(kind, root, lang, batch, site_dir, today, folder) for kind, lang, batch in tasks],
                                 processes)
    for (kind, lang, _), result in zip(tasks, results):
        written = result["written"]
        (report.books if kind == "book" else report.fiches).extend(written.paths)
        used[shelf(kind, lang)] |= written.keys
        report.warnings.extend(result["warnings"])
        report.worker_seconds[kind] = report.worker_seconds.get(kind, 0.0) + result["seconds"]
        report.pages[kind] = report.pages.get(kind, 0) + written.pages
        report.cached[kind] = report.cached.get(kind, 0) + written.cached
        report.peak_memory_mb = max(report.peak_memory_mb, result["memory_mb"])
    # A new task starts as soon as one ends, so a process slot stands idle only after the last
    # task has started: from the ends of the last tasks to the end of the very last one.
    ends = sorted(result["span"][1] for result in results)
    report.idle_at_end = [ends[-1] - end for end in ends[-processes:]] if ends else []
    if folder:
        pdf_cache.PdfCache(folder).prune(used)
    report.seconds = time.perf_counter() - started
    return report
