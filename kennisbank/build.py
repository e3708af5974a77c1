"""The build pipeline as plain functions: validate → generate Markdown → MkDocs → Pagefind → check.

Why here and not in the Makefile or the hook: the same steps run from `python -m kennisbank build`,
from the MkDocs hook and from the benchmark, and will still run when MkDocs is replaced.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kennisbank import build_date
from kennisbank.model import load_published
from kennisbank.paths import DOCS_DIR, RECORDS_DIR, ROOT
from kennisbank.records import privacy, vocabulary
from kennisbank.records.problems import DataError
from kennisbank.records.translations import hand_written_pages, missing_translations
from kennisbank.site import pdf_links, site_context, template_cache

# Hand-written pages that exist in every language; each also counts as one indexed page.


@dataclass
class BuildReport:
    records: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    indexed: dict[str, int] = field(default_factory=dict)
    expected_per_language: int = 0
    pdf: object = None  # pdf.PdfReport when the PDFs were made


# mkdocs-static-i18n runs the whole build once per language and `mkdocs serve` keeps this module
# loaded; the fingerprint of the data lets those repeated calls skip identical work. When
# `build_site` has just generated the pages itself, it passes the fingerprint to the MkDocs
# process in this environment variable so the hook does not validate everything a second time.
_last_fingerprint: str | None = None
GENERATED_ENV = "KENNISBANK_GENERATED_FINGERPRINT"


def data_fingerprint(records_dir: Path) -> str:
    digest = hashlib.sha256(os.environ.get(privacy.PRIVACY_ENV, "").encode())
    for path in sorted(records_dir.glob("*.yaml")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    for path in sorted((records_dir.parent / "vocabularies").glob("*.yaml")):
        digest.update(f"{path.name}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()


# The practices as published (validated, the privacy setting applied): the model's, under the name
# the build, the CLI and the tests call it by.
load = load_published


def generate_pages(docs_dir: Path = DOCS_DIR, records_dir: Path = RECORDS_DIR, force: bool = False) -> list | None:
    """Validate and write docs/praktijken/. Returns the planned files, or None when nothing changed."""
    global _last_fingerprint
    fingerprint = data_fingerprint(records_dir) + str(docs_dir.resolve())
    up_to_date = fingerprint in (_last_fingerprint, os.environ.get(GENERATED_ENV))
    if not force and up_to_date and (docs_dir / "praktijken" / "index.md").exists():
        _last_fingerprint = fingerprint
        return None
    from kennisbank.site import guide, pages

    practices = load(records_dir)
    today = build_day(docs_dir.parent)
    files = pages.plan(practices, today)
    pages.write(files, docs_dir)
    guide.write_practice_summary(practices, docs_dir.parent, today)
    _last_fingerprint = fingerprint
    return files


def build_day(root: Path):
    """The build's date (kennisbank.build_date), with a readable error for a wrong SOURCE_DATE_EPOCH."""
    try:
        return build_date.build_date(root)
    except build_date.BuildDateError as error:
        raise DataError(str(error)) from None


def expected_pages_per_language(files: list, docs_dir: Path) -> int:
    """Pages each language must have in the search index: generated plus hand-written ones."""
    from kennisbank.site import pages

    return pages.expected_pages_per_language(files) + len(hand_written_pages(docs_dir))


def run_mkdocs(config: Path, site_dir: Path, generated_fingerprint: str = "", spawn=None) -> None:
    """Build every language with MkDocs, one process per language, side by side.

    mkdocs-static-i18n builds the languages one after another in one process, so a build used one
    of the machine's two cores. Here each language gets its own process, pinned through the hook
    (site_context.pin_language), building into its own staging folder, because MkDocs empties its
    site_dir first. The default language fills the site root; the others write to `<lang>/`, which
    is moved into place when all processes have finished. (Starting these processes before
    validation, to overlap their start-up with it, was measured: no gain on two cores.)
    `spawn(config, folder, env)` starts one language's build instead of `mkdocs_process` (the live
    preview, kennisbank.watch_mkdocs, keeps its MkDocs processes for later edits).
    """
    staging = {lang: site_dir.parent / f".{site_dir.name}-{lang}" for lang in vocabulary.LANGUAGES}
    # The build date reaches MkDocs as SOURCE_DATE_EPOCH, so its own dates are the build's too.
    env = dict(os.environ, **build_date.environment(config.parent),
               **({GENERATED_ENV: generated_fingerprint} if generated_fingerprint else {}))
    processes = {}
    for lang, folder in staging.items():
        if folder.exists():
            shutil.rmtree(folder)
        processes[lang] = (spawn or mkdocs_process)(config, folder, dict(env, **{site_context.BUILD_LANGUAGE_ENV: lang}))
    failures = []
    for lang, process in processes.items():
        _, stderr = process.communicate()
        if process.returncode != 0:
            failures.append(f"[{lang}] exit {process.returncode}:\n{stderr[-6000:]}")
    if failures:
        for folder in staging.values():
            shutil.rmtree(folder, ignore_errors=True)
        raise DataError("MkDocs-build faalde:\n" + "\n".join(failures))
    if site_dir.exists():
        shutil.rmtree(site_dir)
    staging[vocabulary.DEFAULT_LANGUAGE].rename(site_dir)
    for lang, folder in staging.items():
        if lang != vocabulary.DEFAULT_LANGUAGE:
            (folder / lang).rename(site_dir / lang)
            shutil.rmtree(folder)


def mkdocs_process(config: Path, site_dir: Path, env: dict) -> subprocess.Popen:
    """`mkdocs build --strict` into `site_dir`, in the language that `env` pins."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=config.parent, env=env)


def build_site(root: Path = ROOT, site_dir: Path | None = None, index: bool = True, pdf: bool = True,
               spawn_mkdocs=None) -> BuildReport:
    """The full pipeline for the project at `root`. Raises DataError with a readable report.
    `spawn_mkdocs`: see run_mkdocs."""
    from kennisbank.site import guide, pages, search

    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    docs_dir = root / "docs"
    report = BuildReport()
    missing = missing_translations(docs_dir)
    if missing:
        raise DataError("Ontbrekende vertalingen van handgeschreven pagina's (elke pagina bestaat in nl, fr en en):\n  "
                        + "\n  ".join(missing))
    records_dir = root / "data" / "praktijken"
    today = build_day(root)
    warming = template_cache.start_warming(root / "mkdocs.yml")
    started = time.perf_counter()
    try:
        practices = load(records_dir)
    except DataError:
        warming.kill()
        raise
    report.records = len(practices)
    report.timings["validate"] = time.perf_counter() - started

    started = time.perf_counter()
    files = pages.plan(practices, today)
    pages.write(files, docs_dir)
    guide.write_practice_summary(practices, root, today)
    report.timings["generate"] = time.perf_counter() - started

    started = time.perf_counter()
    warming.wait()
    run_mkdocs(root / "mkdocs.yml", site_dir, data_fingerprint(records_dir) + str(docs_dir.resolve()), spawn_mkdocs)
    report.timings["mkdocs"] = time.perf_counter() - started

    started = time.perf_counter()
    from kennisbank.opendata import exports
    from kennisbank.site import compare, discovery

    exports.write_exports(practices, site_dir, root, today)
    compare.write_facts(practices, site_dir)
    discovery.complete_sitemap(site_dir, discovery.page_dates(practices, root))
    discovery.write_feeds(practices, site_dir, root)
    report.timings["exports"] = time.perf_counter() - started

    report.expected_per_language = expected_pages_per_language(files, docs_dir)
    if index:
        started = time.perf_counter()
        try:
            report.indexed = search.index_site(site_dir)
            search.check_counts(report.indexed, report.expected_per_language)
        except search.SearchIndexError as error:
            raise DataError(str(error)) from None
        report.timings["pagefind"] = time.perf_counter() - started
    if pdf:
        started = time.perf_counter()
        report.pdf = build_pdfs(root, site_dir, today)
        report.timings["pdf"] = time.perf_counter() - started
    else:
        pdf_links.sync(site_dir)  # no PDFs: their links become notes (build_pdfs settles them itself)
    return report


def build_pdfs(root: Path, site_dir: Path, today=None):
    """The PDF book per language and a fiche per practice under site_dir/pdf/; returns the pdf.PdfReport.

    Expects docs/praktijken/ to be generated. WeasyPrint's warnings (a link to a missing anchor,
    an anchor defined twice) fail the build, as MkDocs' warnings do with --strict.
    """
    from kennisbank.print import pdf

    try:
        result = pdf.build_pdfs(root, site_dir, today=today)
    except pdf.PdfError as error:
        raise DataError(f"PDF's maken faalde: {error}\n(Zonder PDF's bouwen: make site PDF=0.)") from None
    if result.warnings:
        raise DataError("WeasyPrint meldde problemen in de PDF's:\n  " + "\n  ".join(result.warnings))
    pdf_links.sync(site_dir)  # notes left by an earlier build without PDFs become links again
    return result
