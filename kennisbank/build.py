"""The build pipeline as plain functions: validate → per language (prepare the pages → MkDocs →
Pagefind) → assemble the site, merge the indexes, check → the PDFs.

Why here and not in the Makefile or the hook: the same steps run from `python -m kennisbank build`,
from the tests and from the benchmark, and will still run when MkDocs is replaced (the page stages
they call are generator-independent: kennisbank.site.stages).

Why a process per language, forked: mkdocs-static-i18n would build the three languages one after
another on one core; forked from this process, each starts with the model validated once and the
package loaded, and its Pagefind runs while another language's MkDocs still does (make bench).
"""
from __future__ import annotations

import gc
import hashlib
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kennisbank import build_date
from kennisbank.model import load_published
from kennisbank.paths import DOCS_DIR, PDF_DIR_NAME, RECORDS_DIR, ROOT
from kennisbank.records import privacy, vocabulary
from kennisbank.records.problems import DataError
from kennisbank.records.translations import hand_written_pages, missing_translations
from kennisbank.site import generators, pdf_links, site_context, template_cache

# Hand-written pages that exist in every language; each also counts as one indexed page.


@dataclass
class BuildReport:
    records: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds of the per-language steps (build_language)
    indexed: dict[str, int] = field(default_factory=dict)
    expected_per_language: int = 0
    pdf: object = None  # pdf.PdfReport when the PDFs were made


# `generate_pages` may be called again in one process (the PDF command after a build, the tests);
# the fingerprint of the data lets a repeated call skip identical work.
_last_fingerprint: str | None = None


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
    up_to_date = fingerprint == _last_fingerprint
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


def prepared_dir(root: Path, lang: str) -> Path:
    """Where the build prepares the pages of `lang` for MkDocs (stages.prepare): git-ignored."""
    return root / ".cache" / "pages" / lang


def staging_dir(site_dir: Path, lang: str) -> Path:
    """Where one language is built before it is moved into site_dir: MkDocs empties its site_dir first."""
    return site_dir.parent / f".{site_dir.name}-{lang}"


def index_part_dir(site_dir: Path, lang: str) -> Path:
    """Where one language's search index is made before it is merged into site_dir/pagefind/."""
    return site_dir.parent / f".{site_dir.name}-pagefind-{lang}"


def run_mkdocs(config: Path, site_dir: Path, lang: str, prepared: Path, generator: str = "mkdocs",
               pdfs_absent: bool = False) -> None:
    """Build one language with MkDocs (or ProperDocs) in this process, as `mkdocs build --strict` would.

    In this process because the build forks it for the language (build_language): the package,
    the validated model and the warm caches are already loaded, so a per-language build starts
    without a new Python and without importing the package again. The hook pins the language and
    the folder of prepared pages (site_context.pin_language); the generator's log goes to a
    temporary file, which a failure quotes. `pdfs_absent`: the build makes no PDFs, so the HTML pass
    writes the PDF links as notes (site_context.NO_PDFS_ENV).
    """
    import importlib
    import tempfile

    os.environ.update(build_date.environment(config.parent))  # MkDocs' own dates are the build's too
    os.environ[site_context.BUILD_LANGUAGE_ENV] = lang
    os.environ[site_context.PREPARED_DOCS_ENV] = str(prepared)
    if pdfs_absent:
        os.environ[site_context.NO_PDFS_ENV] = "1"
    else:
        os.environ.pop(site_context.NO_PDFS_ENV, None)
    os.chdir(config.parent)
    generators.use_in_this_process(generator)
    cli = importlib.import_module(f"{generator}.__main__").cli
    with tempfile.TemporaryFile() as log:
        saved = os.dup(1), os.dup(2)
        sys.stdout.flush(), sys.stderr.flush()
        os.dup2(log.fileno(), 1), os.dup2(log.fileno(), 2)
        failure = None
        try:
            cli.main(args=["build", "--strict", "--quiet", "--config-file", str(config), "--site-dir", str(site_dir)],
                     prog_name=generator, standalone_mode=False)
        except SystemExit as error:
            failure = None if error.code in (0, None) else f"exit {error.code}"
        except BaseException as error:  # noqa: BLE001 - every failure is reported with the log
            failure = f"{type(error).__name__}: {error}"
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            os.dup2(saved[0], 1), os.dup2(saved[1], 2)
            os.close(saved[0]), os.close(saved[1])
        if failure:
            log.seek(0)
            raise DataError(f"{generator}-build faalde [{lang}]: {failure}\n{log.read().decode('utf-8', 'replace')[-6000:]}")


@dataclass
class LanguageJob:
    """What a per-language build needs; the validated model is shared by forking, not copied."""
    lang: str
    root: Path
    site_dir: Path
    practices: list
    today: object
    context: object
    index: bool
    pdfs_absent: bool  # the build makes no PDFs: its PDF links become notes (pdf_links)
    generator: str


def build_language(job: LanguageJob) -> dict:
    """One language from the model to its indexed pages: prepare → MkDocs → comparison facts → Pagefind.

    Runs in a process of its own (build_site forks one per language), so the languages overlap:
    one language's MkDocs runs while another's pages are still prepared, and its Pagefind while
    another's MkDocs runs. Writes into staging_dir and index_part_dir; returns timings and counts.
    """
    from kennisbank.site import compare, search, stages

    timings, cpu = {}, {}
    clock = _Clock(timings, cpu)
    prepared = stages.prepare(job.root / "docs", prepared_dir(job.root, job.lang), job.lang, practices=job.practices,
                              today=job.today, context=job.context, write_summary=False)  # build_site wrote it
    clock.lap("prepare")
    staging = staging_dir(job.site_dir, job.lang)
    if staging.exists():
        shutil.rmtree(staging)
    # A build without PDFs: the HTML pass writes every PDF link as a note (pdf_links.absent_everywhere).
    run_mkdocs(job.root / "mkdocs.yml", staging, job.lang, prepared.out_dir, job.generator, job.pdfs_absent)
    clock.lap("mkdocs")
    compare.write_facts(job.practices, staging, (job.lang,))
    clock.lap("facts")
    if job.index:
        try:
            search.run_pagefind(staging, job.lang, index_part_dir(job.site_dir, job.lang))
        except search.SearchIndexError as error:
            raise DataError(str(error)) from None
        clock.lap("pagefind")
    if job.pdfs_absent and (staging / PDF_DIR_NAME).exists():
        # PDFs the docs brought along (the build made none): their notes become links again.
        pdf_links.sync(staging / vocabulary.url_prefix(job.lang) if job.lang != vocabulary.DEFAULT_LANGUAGE else staging)
        clock.lap("pdf links")
    return {"timings": timings, "cpu": cpu, "pages": prepared.pages}


class _Clock:
    """Wall and CPU seconds of each step of a build process (its own and its finished children's)."""

    def __init__(self, wall: dict, cpu: dict):
        self.wall, self.cpu = wall, cpu
        self.started, self.cpu_started = time.perf_counter(), _cpu_seconds()

    def lap(self, step: str) -> None:
        now, cpu_now = time.perf_counter(), _cpu_seconds()
        self.wall[step], self.cpu[step] = now - self.started, cpu_now - self.cpu_started
        self.started, self.cpu_started = now, cpu_now


def _cpu_seconds() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _run_job(job: LanguageJob, connection) -> None:
    try:
        connection.send(("ok", build_language(job)))
    except DataError as error:
        connection.send(("error", str(error)))
    except BaseException as error:  # noqa: BLE001 - the parent reports it; a silent child would hang the build
        import traceback
        connection.send(("error", f"[{job.lang}] {type(error).__name__}: {error}\n{traceback.format_exc()[-4000:]}"))
    finally:
        connection.close()


def build_languages(jobs: list[LanguageJob]) -> dict[str, dict]:
    """Run build_language for every job in a forked process of its own, side by side; their results by language.

    Fork, not spawn: each process starts with the model validated once in this one. mkdocs-static-i18n
    would build the languages one after another in one process, on one of the machine's cores.
    """
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    running = {}
    # What this process holds (the model, the loaded package) is frozen out of the garbage collector
    # before forking: else every collection in a language's process walks all of it again, touching
    # and so copying the shared memory (Python's gc.freeze, meant for this).
    gc.freeze()
    try:
        for job in jobs:
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_run_job, args=(job, sender), name=f"kennisbank-{job.lang}")
            process.start()
            sender.close()
            running[receiver] = (job.lang, process)
    finally:
        gc.unfreeze()
    results, failures = {}, []
    while running:
        for receiver in wait(list(running)):
            lang, process = running.pop(receiver)
            try:
                status, value = receiver.recv()
            except EOFError:
                status, value = "error", f"[{lang}] het bouwproces stopte zonder bericht (exit {process.exitcode})"
            process.join()
            if status == "ok":
                results[lang] = value
            else:
                failures.append(value)
    if failures:
        raise DataError("\n".join(failures))
    return results


def assemble(site_dir: Path, side_dir: Path) -> None:
    """Move the built languages into site_dir (the default language fills the root, the others
    their `<lang>/`) and lay the files made beside them (exports, feeds) over it."""
    staging = {lang: staging_dir(site_dir, lang) for lang in vocabulary.LANGUAGES}
    if site_dir.exists():
        shutil.rmtree(site_dir)
    staging[vocabulary.DEFAULT_LANGUAGE].rename(site_dir)
    for lang, folder in staging.items():
        if lang != vocabulary.DEFAULT_LANGUAGE:
            (folder / lang).rename(site_dir / lang)
            shutil.rmtree(folder)
    for source in sorted(side_dir.rglob("*")):
        if source.is_file():
            target = site_dir / source.relative_to(side_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            source.rename(target)
    shutil.rmtree(side_dir)


def clean_up(site_dir: Path) -> None:
    """Remove what a failed build left beside site_dir."""
    for lang in vocabulary.LANGUAGES:
        shutil.rmtree(staging_dir(site_dir, lang), ignore_errors=True)
        shutil.rmtree(index_part_dir(site_dir, lang), ignore_errors=True)
    shutil.rmtree(site_dir.parent / f".{site_dir.name}-data", ignore_errors=True)


def build_site(root: Path = ROOT, site_dir: Path | None = None, index: bool = True, pdf: bool = True,
               generator: str | None = None) -> BuildReport:
    """The full pipeline for the project at `root`. Raises DataError with a readable report.

    validate once → per language, side by side (build_languages): prepare the pages, MkDocs,
    comparison facts, Pagefind → meanwhile here: exports and feeds → assemble the site, merge the
    search indexes, complete the sitemap, check the counts → the PDFs.

    `generator`: mkdocs or properdocs (kennisbank.site.generators; default KENNISBANK_GENERATOR, else mkdocs)."""
    generator = generators.chosen(generator)
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
    warming = template_cache.start_warming(root / "mkdocs.yml", generator)
    started = time.perf_counter()
    try:
        practices = load(records_dir)
    except DataError:
        warming.kill()
        raise
    report.records = len(practices)
    context = pages.plan_context(practices)
    guide.write_practice_summary(practices, root, today)  # before the languages: the step guide reads it
    pages.compile_templates()  # once here, inherited by every language's process
    report.timings["validate"] = time.perf_counter() - started

    started = time.perf_counter()
    warming.wait()
    clean_up(site_dir)
    jobs = [LanguageJob(lang, root, site_dir, practices, today, context, index, not pdf, generator)
            for lang in vocabulary.LANGUAGES]
    import multiprocessing

    from kennisbank.site import discovery

    # The exports and feeds need only the model: made here while the languages build.
    side_dir = site_dir.parent / f".{site_dir.name}-data"
    side = multiprocessing.get_context("fork").Process(target=_write_side_files, args=(practices, side_dir, root, today))
    try:
        side.start()
        results = build_languages(jobs)
        dates = discovery.page_dates(practices, root)
        side.join()
        if side.exitcode != 0:
            raise DataError(f"De open data en de feeds maken faalde (exit {side.exitcode}).")
    except BaseException:
        clean_up(site_dir)
        raise
    report.timings["languages"] = time.perf_counter() - started
    for lang, result in results.items():
        for stage, seconds in result["timings"].items():
            report.timings[f"{stage} {lang}"] = seconds
        for stage, seconds in result["cpu"].items():
            report.cpu[f"{stage} {lang}"] = seconds

    started = time.perf_counter()
    assemble(site_dir, side_dir)
    discovery.complete_sitemap(site_dir, dates)
    from kennisbank.contrib import editor_site

    editor_site.write(site_dir, root)  # the web editor under /beheer/ (Decap CMS, config from the schema)
    report.expected_per_language = results[vocabulary.DEFAULT_LANGUAGE]["pages"]
    if index:
        try:
            report.indexed = search.merge_indexes([index_part_dir(site_dir, lang) for lang in vocabulary.LANGUAGES],
                                                  site_dir / search.INDEX_DIR_NAME)
            search.write_search_data(site_dir)
            search.check_counts(report.indexed, report.expected_per_language)
        except search.SearchIndexError as error:
            raise DataError(str(error)) from None
    report.timings["assemble"] = time.perf_counter() - started
    if pdf:
        started = time.perf_counter()
        report.pdf = build_pdfs(root, site_dir, today)
        report.timings["pdf"] = time.perf_counter() - started
    return report


def _write_side_files(practices: list, side_dir: Path, root: Path, today) -> None:
    """The open data and the Atom feeds, into side_dir (laid over the site by `assemble`)."""
    from kennisbank.opendata import exports
    from kennisbank.site import discovery

    if side_dir.exists():
        shutil.rmtree(side_dir)
    exports.write_exports(practices, side_dir, root, today)
    discovery.write_feeds(practices, side_dir, root)


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
