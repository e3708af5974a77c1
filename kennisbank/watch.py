"""The live preview behind `make serve`: watch data/ and docs/, rebuild what an edit touches, reload the browser.

Why: a contributor who saves a record wants to see the page at once. A full build takes about 10 s
at the real data and 20 s at 1,000 records without the PDFs, and most of it renders pages the edit
did not touch. Here an edit travels like this:

1. Polling (every POLL_SECONDS, no extra package): the size and modification time of every file
   under data/ and docs/ (except the generated docs/praktijken/), mkdocs.yml and overrides/.
2. A changed record is checked on its own (model.load_files: the same problems `make check`
   reports). With an error, the terminal and the browser (kennisbank.watch_server's panel) show
   the report for every broken record, and that record's last good version stays in the site.
3. Its own pages in nl, fr and en are generated (pages.plan with `only`), prepared as the build's
   page stages prepare them (stages.page_markdown, into build.prepared_dir) and rendered by one
   long-lived MkDocs per language (kennisbank.watch_mkdocs), and a browser showing one of them
   reloads. Then what lists it, before or after the edit: the overview, its themes, the region
   pages, its organisations, the comparison page, the indexes, the practices whose related list
   shows it, and hand-written pages whose lists of practices changed. Only Markdown that came out
   different is rendered again.
4. In the background, at the lowest priority (kennisbank.watch_background): exports, feeds, the
   comparison's facts and the search index, swapped in when complete; then the PDFs through
   build.build_pdfs, into a folder beside the site, linked in when they are all made. A job is
   never interrupted; an edit while it runs makes it run once more after.
5. What one page at a time cannot follow gets a full build (build.build_site, then the MkDocs
   processes for later edits started again on its prepared pages): a record or page added or removed, a renamed slug, a
   vocabulary or any other data file, the schema, mkdocs.yml, the theme overrides. If it fails,
   the error shows and the last good site stays served.

Python code is not watched: after changing kennisbank/ itself, start `make serve` again.

    python -m kennisbank.watch [PROJECT] [--port N] [--no-pdf]   (what the tests and the benchmark run)
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

from kennisbank import build
from kennisbank.paths import GENERATED_DIR_NAME, ROOT, book_pdf
from kennisbank.records import privacy, vocabulary
from kennisbank.records.problems import DataError, ValidationFailed, report_language, text_report
from kennisbank.records.validation import record_paths
from kennisbank.model import freshness
from kennisbank.site import guide, pdf_links
from kennisbank.watch_background import COMPLETE_MARK, link_tree
from kennisbank.watch_mkdocs import MARKER_TEXT, LiveMkDocs
from kennisbank.watch_server import LiveState, make_server

# How often the files are compared: a tenth of a second keeps the wait short and costs about 2 ms of
# one core per look at 1,000 records.
POLL_SECONDS = 0.1
# After a change, wait this long for the editor to finish writing (some write a file in steps).
SETTLE_SECONDS = 0.05
# Watched below the project; docs/praktijken/ is generated from data/, so it is left out.
WATCHED = ("data", "docs", "overrides", "mkdocs.yml")


def is_editor_litter(name: str) -> bool:
    """Files editors write beside the real one while saving: Vim's swap files and its 4913 test
    file, Emacs' #autosave# and backup~ files, hidden files."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


# The preview's own files, beside the project's other caches (git-ignored).
WORK_DIR = Path(".cache") / "watch"
# The site's folder of PDFs (pdf/ of paths.book_pdf and paths.fiche_pdf).
PDF_FOLDER = Path(book_pdf(vocabulary.DEFAULT_LANGUAGE)).parts[0]


def scan(root: Path) -> dict[Path, tuple[int, int]]:
    """Size and modification time of every watched file."""
    found: dict[Path, tuple[int, int]] = {}
    generated = root / "docs" / GENERATED_DIR_NAME
    for name in WATCHED:
        top = root / name
        if top.is_file():
            stat = top.stat()
            found[top] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, subfolders, files in os.walk(top):
            if Path(folder) == generated.parent:
                subfolders[:] = [s for s in subfolders if s != GENERATED_DIR_NAME]
            subfolders[:] = [s for s in subfolders if not is_editor_litter(s)]
            for file in files:
                if is_editor_litter(file):
                    continue
                path = Path(folder) / file
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


class Job:
    """A background child process (kennisbank.watch_background) that is never stopped half-way:
    wanted again while it runs, it runs once more when it has finished."""

    def __init__(self, name: str, command, finished, started=lambda: None):
        self.name, self.command, self.finished, self.started = name, command, finished, started
        self.process: subprocess.Popen | None = None
        self.again = False

    def want(self) -> None:
        if self.process is None:
            self.start()
        else:
            self.again = True

    def start(self) -> None:
        self.again = False
        self.process = subprocess.Popen([sys.executable, "-m", "kennisbank.watch_background", *self.command()],
                                        start_new_session=True)
        self.started()

    def poll(self) -> None:
        if self.process is None or self.process.poll() is None:
            return
        code, self.process = self.process.returncode, None
        self.finished(code)
        if self.again:
            self.start()

    @property
    def running(self) -> bool:
        return self.process is not None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait()
        self.process = None


def forget_cached_data() -> None:
    """Drop what this process cached from data files (vocabularies, gazetteer, settings, templates)
    before a full build, so a changed vocabulary is read again."""
    for name, module in list(sys.modules.items()):
        if name.startswith("kennisbank."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


class Preview:
    def __init__(self, root: Path, site_dir: Path, pdf: bool = True, out=sys.stdout, err=sys.stderr):
        self.root, self.site_dir, self.pdf = root.resolve(), site_dir.resolve(), pdf
        self.docs_dir, self.records_dir = self.root / "docs", self.root / "data" / "praktijken"
        self.work = self.root / WORK_DIR
        self.pdf_shadow = self.work / "pdf-site"  # the PDF job's site folder, beside the served one
        self.out, self.err = out, err
        self.state = LiveState()
        self.workers: dict[str, LiveMkDocs] = {}
        self.practices: dict[Path, object] = {}  # record file → its last good Practice
        self.broken: dict[Path, list] = {}  # record file → its problems
        self.build_error: str | None = None  # a full build or a render that failed
        self.needs_full_build = True
        self.was_broken = False  # whether the last change found an error (for "Opgelost")
        self.expected_per_language = 0
        self.snapshot_number = 0
        self.refresh_job = Job("refresh", self._refresh_command, self._refresh_finished)
        self.pdf_job = Job("pdf", lambda: ["pdf", str(self.root), str(self.pdf_shadow)], self._pdf_finished,
                           lambda: self.say("PDF's: op de achtergrond bezig …"))
        self.files = scan(self.root)

    # --- Talking to the contributor ----------------------------------------------------------------

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def error_text(self) -> str | None:
        parts = []
        if self.broken:
            problems = sorted(p for found in self.broken.values() for p in found)
            parts.append(text_report(problems, [], report_language()))
        if self.build_error:
            parts.append(self.build_error)
        return "\n\n".join(parts) or None

    def publish(self, urls, was_broken: bool) -> None:
        """Tell the browsers what was rebuilt, and the terminal what is wrong (each message once)."""
        error = self.error_text()
        if error and error != self.state.error:
            print(f"\nFout: de preview toont de laatste goede versie tot dit opgelost is.\n{error}\n", file=self.err, flush=True)
        elif not error and was_broken:
            self.say("Opgelost: de preview toont weer alle wijzigingen.")
        self.state.publish(urls, error, report_language())

    # --- Server and loop -----------------------------------------------------------------------------

    def bind(self, host: str, port: int):
        self.server = make_server(host, port, self.site_dir, self.state)
        return self.server

    def run(self, server=None, host: str = "127.0.0.1", port: int = 8000) -> int:
        server = server or self.bind(host, port)
        # Stopped by a signal (the benchmark, a test, `kill`): still stop the MkDocs and background processes.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            self.full_build(pdf=False)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            address, port = server.server_address[:2]
            self.say(f"De kennisbank draait op http://{address}:{port}/ en volgt je wijzigingen in data/ en docs/ "
                     "(Ctrl+C om te stoppen).")
            if self.pdf and not self.needs_full_build:
                self.pdf_job.want()  # only now: the site is served first
            self.loop()
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.stop()
        return 0

    def loop(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            self.refresh_job.poll()
            self.pdf_job.poll()
            self.state.set_busy(self.refresh_job.running)
            self.state.pdf_running = self.pdf_job.running
            changes = self.changes()
            if changes:
                self.state.set_busy(True)
                self.handle(*changes)

    def stop(self) -> None:
        for job in (self.refresh_job, self.pdf_job):
            job.stop()
        for worker in self.workers.values():
            worker.stop()
        self.workers = {}

    def changes(self):
        """(modified, added, removed) files since the last look, once the editor has finished writing."""
        current = scan(self.root)
        if current == self.files:
            return None
        while True:
            time.sleep(SETTLE_SECONDS)
            settled = scan(self.root)
            if settled == current:
                break
            current = settled
        before, self.files = self.files, current
        modified = sorted(p for p in current.keys() & before.keys() if current[p] != before[p])
        return modified, sorted(current.keys() - before.keys()), sorted(before.keys() - current.keys())

    def handle(self, modified: list[Path], added: list[Path], removed: list[Path]) -> None:
        def is_record(path: Path) -> bool:
            return path.parent == self.records_dir and path.suffix == ".yaml" and not path.name.startswith("_")

        def is_page(path: Path) -> bool:
            return path.is_relative_to(self.docs_dir) and path.suffix == ".md"

        def is_draft(path: Path) -> bool:
            return path.parent == self.records_dir and path.name.startswith("_")

        changed = [p for p in (*modified, *added, *removed) if not is_draft(p)]
        if not changed:
            return
        shown = ", ".join(p.relative_to(self.root).as_posix() for p in changed[:3]) + (" …" if len(changed) > 3 else "")
        self.say(f"Gewijzigd: {shown}")
        self.was_broken = bool(self.error_text())
        self.build_error = None  # a render's problem holds until the next change
        try:
            if self.needs_full_build or added or removed or any(not is_record(p) and not p.is_relative_to(self.docs_dir)
                                                               for p in modified):
                self.full_build()
                return
            records = [p for p in modified if is_record(p)]
            pages = [p for p in modified if is_page(p)]
            static = [p for p in modified if not is_record(p) and not is_page(p)]
            if records:
                self.update_records(records)
            if pages:
                self.update_pages(pages)
            if static:
                self.update_static(static)
        except Exception as error:  # the preview keeps running, says what went wrong, and builds anew next time
            import traceback

            self.needs_full_build = True
            self.build_error = "".join(traceback.format_exception(error))
            self.publish([], was_broken=False)

    # --- Full build ---------------------------------------------------------------------------------

    def full_build(self, pdf: bool = True) -> bool:
        """Everything, as `make site PDF=0` builds it; then the PDFs in the background (unless `pdf` is off)."""
        started = time.perf_counter()
        was_broken = self.was_broken or bool(self.error_text())
        self.state.set_busy(True)
        # The build replaces the whole site, exports and index included: an older refresh must not
        # write into it after. (The PDF job writes beside the site and goes on.)
        self.refresh_job.stop()
        for worker in self.workers.values():
            worker.stop()
        self.workers = {}
        forget_cached_data()
        self.say("Volledige build …")
        self.state.rebuilding = True
        try:
            # Into a folder beside the served one, swapped in when complete: the build empties its
            # site folder before it assembles the new one, and the browsers must not see that.
            report = build.build_site(self.root, self.next_site, index=True, pdf=False)
            practices = build.load(self.records_dir)
            self.swap_in(self.next_site)
        except DataError as error:
            self.state.rebuilding = False
            self.needs_full_build, self.build_error = True, str(error)
            self.broken = {}
            self.publish([], was_broken)
            return False
        workers = self.start_workers()
        if workers is None:
            return False
        self.workers = workers
        self.state.rebuilding = False
        self.practices = {p.source_path.resolve(): p for p in practices}
        self.related = related_slugs(practices)
        self.today = build.build_day(self.root)
        self.expected_per_language = report.expected_per_language
        self.needs_full_build, self.build_error, self.broken = False, None, {}
        self.snapshot_index()
        self.install_pdfs()
        self.say(f"Klaar in {time.perf_counter() - started:.1f} s: {report.records} praktijken.")
        self.publish("*", was_broken)
        if self.pdf and pdf:
            self.pdf_job.want()
        return True

    @property
    def next_site(self) -> Path:
        return self.site_dir.parent / f".{self.site_dir.name}-next"  # beside it: one file system, so a rename

    def swap_in(self, built: Path) -> None:
        """Put a complete build in the served folder's place (two renames: no moment without a site)."""
        old = self.site_dir.parent / f".{self.site_dir.name}-old"
        shutil.rmtree(old, ignore_errors=True)
        if self.site_dir.exists():
            self.site_dir.rename(old)
        built.rename(self.site_dir)
        shutil.rmtree(old, ignore_errors=True)

    def start_workers(self) -> dict[str, LiveMkDocs] | None:
        """One long-lived MkDocs per language on the pages the build prepared (build.prepared_dir).

        The build itself runs MkDocs inside processes that end with it (build.build_languages), so
        these build each language once more, into a scratch folder beside the site, and then write
        single pages into the site (watch_mkdocs `moved`). The served site is the build's meanwhile."""
        from kennisbank import build_date
        from kennisbank.site import site_context

        workers: dict[str, LiveMkDocs] = {}
        for lang in vocabulary.LANGUAGES:
            scratch = self.work / f"mkdocs-{lang}"
            shutil.rmtree(scratch, ignore_errors=True)
            env = dict(os.environ, **build_date.environment(self.root), **{
                site_context.BUILD_LANGUAGE_ENV: lang,
                site_context.PREPARED_DOCS_ENV: str(build.prepared_dir(self.root, lang))})
            workers[lang] = LiveMkDocs(self.root / "mkdocs.yml", scratch, env)
        failures = []
        for lang, worker in workers.items():
            _, error = worker.communicate()
            if worker.returncode:
                failures.append(f"[{lang}] {error}")
        if not failures:
            for lang, worker in workers.items():
                reply = worker.request({"op": "moved", "site_dir": str(self.site_dir)})
                if not reply["ok"]:
                    failures.append(f"[{lang}] {reply['error']}")
        if failures:
            for worker in workers.values():
                worker.stop()
            self.needs_full_build, self.build_error = True, "MkDocs van het voorbeeld:\n" + "\n".join(failures)
            self.publish([], False)
            return None
        return workers

    # --- One record at a time ------------------------------------------------------------------------

    def update_records(self, paths: list[Path]) -> None:
        from kennisbank.model import load_files

        started = time.perf_counter()
        was_broken = self.was_broken
        fresh = {}
        for path in paths:
            try:
                [practice] = load_files([path], self.root)
            except ValidationFailed as failure:
                self.broken[path] = failure.problems
                continue
            self.broken.pop(path, None)
            fresh[path] = practice
        fresh = dict(zip(fresh, privacy.apply(list(fresh.values()), privacy.mode())))
        others = {p.slug for path, p in self.practices.items() if path not in fresh}
        if any(self.practices[path].slug != p.slug or p.slug in others for path, p in fresh.items()):
            self.full_build()  # a new slug is a page removed and one added; a taken one, the check's error
            return
        if not fresh:
            self.publish([], was_broken)
            return
        old = [self.practices[path] for path in fresh]
        before = self.related
        self.practices.update(fresh)
        practices = list(self.practices.values())
        if any(related_keys(self.practices[path]) != related_keys(practice) for path, practice in zip(fresh, old)):
            self.related = related_slugs(practices)
        slugs = {p.slug for p in fresh.values()}
        own = {practice_page(slug, lang) for slug in slugs for lang in vocabulary.LANGUAGES}
        listing = listing_pages(old, list(fresh.values()))
        for slug, shown in self.related.items():
            if shown != before.get(slug) or slugs & set(shown):
                listing |= {practice_page(slug, lang) for lang in vocabulary.LANGUAGES}
        overview = set(map(overview_page, vocabulary.LANGUAGES))
        # In the order a contributor looks: her own pages, then the overview, then the rest; each
        # phase reloads the browsers showing its pages.
        phases = [own.__contains__, overview.__contains__,
                  lambda path: (path in listing or is_listing_page(path)) and path not in own | overview]
        counts = []
        for number, only in enumerate(phases):
            markers = False
            if number == len(phases) - 1:  # hand-written pages that list practices, when their lists changed
                summary = self.root / guide.PRACTICE_SUMMARY
                old_summary = summary.read_bytes() if summary.exists() else b""
                guide.write_practice_summary(practices, self.root, self.today)
                markers = summary.read_bytes() != old_summary
            sources = self.write(self.plan(only))
            if markers:
                sources += self.prepare_hand_written(self.marker_pages())
            urls = self.render(sources)
            counts.append(f"{len(urls)} na {time.perf_counter() - started:.1f} s")
            self.publish(urls, was_broken and number == 0)
        self.say(f"  Herbouwde pagina's: eigen {counts[0]}, overzicht {counts[1]}, wat de praktijk verder toont {counts[2]}.")
        self.refresh_job.want()
        if self.pdf:
            self.pdf_job.want()

    def plan(self, only) -> list:
        from kennisbank.site import pages

        by_slug = {p.slug: p for p in self.practices.values()}
        related = {slug: [by_slug[other] for other in shown] for slug, shown in self.related.items()}
        context = pages.PlanContext(sorted(by_slug.values(), key=lambda p: p.slug), related,
                                    freshness.record_change_dates(list(by_slug.values())))
        return pages.plan(list(by_slug.values()), self.today, context=context, only=only)

    def write(self, files: list) -> list[Path]:
        """Write the planned files whose content changed into docs/praktijken/ (the PDFs read them
        there) and, as stages.prepare makes it, into the language's prepared folder MkDocs reads;
        returns the prepared files."""
        from kennisbank.site import pages, stages

        pages.write(files, self.docs_dir, prune=False)
        prepared = []
        for file in files:
            lang = pages.language_of(file.relative_path)
            target = build.prepared_dir(self.root, lang) / file.relative_path
            if self.prepare(target, stages.page_markdown(file.content, file.relative_path, lang, self.root, generated=True)):
                prepared.append(target)
        return prepared

    def prepare(self, target: Path, markdown: str) -> bool:
        """Write a page's prepared Markdown if it changed; whether it did."""
        if _same(target, markdown):
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
        return True

    def prepare_hand_written(self, paths: list[Path]) -> list[Path]:
        """Hand-written pages of docs/ prepared again (stages.page_markdown: markers expanded, front
        matter, links protected); returns the prepared files that changed."""
        from kennisbank.site import pages, stages

        prepared = []
        for path in paths:
            src = path.relative_to(self.docs_dir).as_posix()
            lang = pages.language_of(path.name)
            target = build.prepared_dir(self.root, lang) / src
            try:
                markdown = stages.page_markdown(path.read_text(encoding="utf-8"), src, lang, self.root)
            except yaml.YAMLError as error:
                raise DataError(f"docs/{src}: de front matter (tussen de twee regels ---) is geen geldige YAML:\n{error}") from None
            if self.prepare(target, markdown):
                prepared.append(target)
        return prepared

    def marker_pages(self) -> list[Path]:
        """Hand-written pages whose `<!-- kb:… -->` markers list practices (kennisbank.site.markers)."""
        return [path for path in sorted(self.docs_dir.rglob("*.md"))
                if path.relative_to(self.docs_dir).parts[0] != GENERATED_DIR_NAME
                and MARKER_TEXT in path.read_text(encoding="utf-8")]

    def render(self, sources: list[Path]) -> list[str]:
        """Render these prepared Markdown files again in their language's MkDocs; returns the pages' URLs."""
        if not sources:
            return []
        request = {"op": "render", "sources": [str(s) for s in sources]}
        for worker in self.workers.values():
            worker.send(request)
        urls, failures = [], []
        for lang, worker in self.workers.items():
            reply = worker.receive()
            if not reply["ok"]:
                failures.append(f"[{lang}] {reply['error']}")
                if worker.process.poll() is not None:
                    self.needs_full_build = True  # its MkDocs is gone: the next change builds everything
                continue
            urls += reply["urls"]
            failures += [f"[{lang}] {warning}" for warning in reply["warnings"]]
        if failures:  # kept until the next change (handle clears it)
            self.build_error = "\n".join(filter(None, [self.build_error, "MkDocs meldde problemen:", *failures]))
        return urls

    # --- Hand-written pages and their files ---------------------------------------------------------

    def update_pages(self, paths: list[Path]) -> None:
        started = time.perf_counter()
        was_broken = self.was_broken
        try:
            prepared = self.prepare_hand_written(paths)
        except DataError as error:  # shown until the next change; the last good page stays
            self.build_error = str(error)
            self.publish([], was_broken)
            return
        urls = self.render(prepared)
        self.say(f"  {len(urls)} pagina's in {time.perf_counter() - started:.1f} s.")
        self.publish(urls, was_broken)
        self.refresh_job.want()
        if self.pdf:
            self.pdf_job.want()

    def update_static(self, paths: list[Path]) -> None:
        """A stylesheet, script or image of docs/: copied into the site, and every page reloads."""
        from kennisbank.records.vocabulary import DEFAULT_LANGUAGE

        was_broken = self.was_broken
        prepared = build.prepared_dir(self.root, DEFAULT_LANGUAGE)  # stages.link_files linked them there
        reply = self.workers[DEFAULT_LANGUAGE].request(
            {"op": "static", "sources": [str(prepared / p.relative_to(self.docs_dir)) for p in paths]})
        if not reply["ok"]:
            self.build_error = reply["error"]
        self.publish("*", was_broken)

    # --- Background: search index, exports, PDFs -------------------------------------------------------

    def _refresh_command(self) -> list[str]:
        self.snapshot_number += 1
        self.next_snapshot = self.work / f"pagefind-{self.snapshot_number}"
        return ["refresh", str(self.root), str(self.site_dir), str(self.next_snapshot), str(self.expected_per_language)]

    def _refresh_finished(self, code: int) -> None:
        if code == 0:
            self.use_snapshot(self.next_snapshot)

    def snapshot_index(self) -> None:
        """After a full build: serve a copy of its search index, so the next Pagefind run can replace it."""
        from kennisbank.site import search

        self.snapshot_number += 1
        snapshot = self.work / f"pagefind-{self.snapshot_number}"
        if snapshot.exists():
            shutil.rmtree(snapshot)
        link_tree(self.site_dir / search.INDEX_DIR_NAME, snapshot)
        self.use_snapshot(snapshot)

    def use_snapshot(self, snapshot: Path) -> None:
        previous, self.state.pagefind_dir = self.state.pagefind_dir, snapshot
        # The one before the previous: no browser still reads it (a search loads its files at once).
        for old in self.work.glob("pagefind-*"):
            if old not in (snapshot, previous):
                shutil.rmtree(old, ignore_errors=True)

    def _pdf_finished(self, code: int) -> None:
        if code != 0:
            print("De PDF's konden niet gemaakt worden (zie hierboven); de site werkt zonder.", file=self.err, flush=True)
            return
        self.install_pdfs()
        self.say("PDF's bijgewerkt.")

    def install_pdfs(self) -> None:
        """Copy the PDFs made beside the site into site/pdf/ and settle the pages' PDF links (copies, not
        links: WeasyPrint rewrites a PDF in place, which would tear the one being served)."""
        made = self.pdf_shadow / PDF_FOLDER
        if not (self.pdf_shadow / COMPLETE_MARK).exists():
            return
        target, staging = self.site_dir / PDF_FOLDER, self.site_dir / f".{PDF_FOLDER}-new"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(made, staging)
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
        pdf_links.sync(self.site_dir)


def _same(path: Path, content: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == content
    except FileNotFoundError:
        return False


def practice_page(slug: str, lang: str) -> str:
    from kennisbank.site.pages import suffix

    return f"{GENERATED_DIR_NAME}/{slug}{suffix(lang)}.md"


def overview_page(lang: str) -> str:
    from kennisbank.site.pages import suffix

    return f"{GENERATED_DIR_NAME}/index{suffix(lang)}.md"


# The generated pages that list every practice (or count them): always planned after an edit.
LISTING_INDEXES = ("index", "thema/index", "regio/index", "organisatie/index")


def is_listing_page(path: str) -> bool:
    """The overview, the indexes, the comparison page and every region page (a region page also shows
    "practices from municipalities like yours" from other provinces, so any of them may list a practice)."""
    from kennisbank.site import compare

    stem = path.removeprefix(f"{GENERATED_DIR_NAME}/").split(".")[0]
    return (stem in LISTING_INDEXES or stem.startswith("regio/")
            or path in {compare.page_path(lang) for lang in vocabulary.LANGUAGES})


def listing_pages(old: list, new: list) -> set[str]:
    """The theme and organisation pages that list these practices, before or after the edit."""
    from kennisbank.site.pages import organisation_roles, suffix

    found = set()
    for practice in (*old, *new):
        names = [f"thema/{theme}" for theme in practice.themes]
        names += [f"organisatie/{org}" for org in organisation_roles(practice)]
        found |= {f"{GENERATED_DIR_NAME}/{name}{suffix(lang)}.md" for name in names for lang in vocabulary.LANGUAGES}
    return found


def related_slugs(practices: list) -> dict[str, list[str]]:
    from kennisbank.model.related import related_map

    return {slug: [p.slug for p in shown] for slug, shown in related_map(practices).items()}


def related_keys(practice) -> tuple:
    """What model.related scores a practice by (with the slug, which orders ties): while these stay
    the same, every practice keeps its related practices."""
    return practice.slug, practice.themes, practice.target_groups, practice.provinces


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kennisbank.watch", description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=ROOT, help="the project folder (default: this one)")
    parser.add_argument("--site-dir", type=Path, help="where the site is built (default: PROJECT/site)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0: any free port")
    parser.add_argument("--no-pdf", action="store_true", help="make no PDFs")
    args = parser.parse_args(argv)
    preview = Preview(args.project, args.site_dir or args.project / "site", pdf=not args.no_pdf)
    return preview.run(host=args.host, port=args.port)


if __name__ == "__main__":
    sys.exit(main())
