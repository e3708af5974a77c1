"""One MkDocs per language that stays alive for the live preview: a full build once, then single pages.

Why: `mkdocs build` of one language starts Python, loads Material and the configuration, reads and
renders every page and writes them all; at 1,000 records that is several seconds per language, too
slow to follow an edit. MkDocs keeps everything a page needs in memory after a build: the
configuration with its plugins (mkdocs-static-i18n pinned to the language by the hook), the
Jinja environment of the theme, the files and the navigation. This process keeps them, and when
the preview (kennisbank.watch) names changed pages it renders just those again with MkDocs' own
steps (`_populate_page`: read, Markdown; `_build_page`: template, on_post_page, write), so a page
comes out as the build makes it, the HTML pass of the page stages (stages.finish_page: glossary,
French typography) included, since the hook runs it on_post_page.

It reads what the build reads: the language's prepared folder (build.prepared_dir, written by
stages.prepare; the environment names it, site_context.PREPARED_DOCS_ENV), so the preview
prepares a changed page there first (stages.page_markdown) and names the prepared file. The build
runs MkDocs in forked processes that end with it (build.build_languages), so this process builds
its language once more with `mkdocs.commands.build.build`, into a scratch folder; a small plugin
added to the configuration keeps the files, the navigation and the environment of that build, and
`moved` then points every file at its place in the served site.

What a single-page render cannot see, the caller handles with a full build: new or deleted pages,
the configuration, the theme, vocabularies (kennisbank.watch restarts these processes for those).
Hand-written pages whose `<!-- kb:… -->` markers list practices are prepared again by the preview
and rendered when their expansion changed; when a page in the navigation gets a new title, every
page is written again so the navigation shows it.

Protocol: one JSON object per line on stdin, one reply per line on the original stdout (print()
goes to stderr, so nothing a plugin prints can break it). Replies: {"ok": true, "urls": […],
"warnings": […], "seconds": …} or {"ok": false, "error": "…"}.
"""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

from kennisbank.log_messages import WarningMessages
from kennisbank.site import generators, pdf_links
from kennisbank.site.site_context import BUILD_LANGUAGE_ENV

WORKER_MODULE = "kennisbank.watch_mkdocs"
# Hand-written pages that expand markers from the data (kennisbank.site.markers) carry this text.
MARKER_TEXT = "<!-- kb:"


class LiveMkDocs:
    """The preview's handle on one language's process: it starts with the language's build into
    `site_dir` (a scratch folder), which communicate() waits for, as with a `mkdocs build` process."""

    def __init__(self, config: Path, site_dir: Path, env: dict):
        self.staging = Path(site_dir)
        self.returncode: int | None = None
        self.process = subprocess.Popen([sys.executable, "-m", WORKER_MODULE, str(config), str(site_dir)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        cwd=config.parent, env=env)
        self.send({"op": "build"})

    def send(self, request: dict) -> None:
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()

    def receive(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            return {"ok": False, "error": f"het MkDocs-proces stopte (exit {self.process.wait()})"}
        return json.loads(line)

    def request(self, request: dict) -> dict:
        self.send(request)
        return self.receive()

    def communicate(self) -> tuple[str, str]:
        reply = self.receive()
        self.returncode = 0 if reply["ok"] else 1
        return "", reply.get("error", "")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- The worker process ---------------------------------------------------------------------------

def _keeper():
    """A plugin that keeps what the build computed: the files, the navigation and the environment."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Keeper(BasePlugin):
        files = nav = env = None

        @event_priority(-1000)  # after every other plugin and the hook changed them
        def on_nav(self, nav, config, files):
            self.nav, self.files = nav, files

        @event_priority(-1000)
        def on_env(self, env, config, files):
            self.env = env

    return Keeper()


class Worker:
    def __init__(self, config_file: str, site_dir: str):
        self.config_file, self.staging = config_file, site_dir
        self.config = self.kept = None
        self.warnings = WarningMessages()  # MkDocs' warnings during one request (strict: each fails a build)
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def build(self) -> dict:
        from mkdocs.commands import build
        from mkdocs.config import load_config

        self.config = load_config(config_file=self.config_file, site_dir=self.staging, strict=True)
        self.config.plugins.on_startup(command="build", dirty=False)
        self.kept = self.config.plugins["kennisbank-watch"] = _keeper()
        build.build(self.config)
        self._index()
        return {}

    def _index(self) -> None:
        from mkdocs.structure.files import InclusionLevel

        self.pages = self.kept.files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.by_source = {os.path.normpath(f.abs_src_path): f for f in self.kept.files if f.abs_src_path}
        self.nav_pages = {id(page) for page in self.kept.nav.pages}

    def moved(self, site_dir: str) -> dict:
        """Write into `site_dir` from now on: the served site, which holds the same pages (the build's)."""
        for file in self.kept.files:
            file.abs_dest_path = os.path.join(site_dir, os.path.relpath(file.abs_dest_path, self.staging))
        self.config.site_dir = os.path.join(site_dir, os.path.relpath(self.config.site_dir, self.staging))
        self.staging = site_dir
        return {}

    def render(self, sources: list[str]) -> dict:
        """Render the pages of these prepared Markdown files again (those this language builds from them)."""
        from mkdocs.commands.build import _build_page, _populate_page

        config, files, nav, env = self.config, self.kept.files, self.kept.nav, self.kept.env
        chosen = [self.by_source[s] for s in map(os.path.normpath, sources) if s in self.by_source]
        chosen = [f for f in chosen if f.page is not None]
        titles = {id(f.page): f.page.title for f in chosen}
        for file in chosen:
            _populate_page(file.page, config, files)
        if any(id(f.page) in self.nav_pages and f.page.title != titles[id(f.page)] for f in chosen):
            chosen = list(self.pages)  # a new title in the navigation: every page shows it
        for file in chosen:
            _build_page(file.page, config, self.pages, nav, env)
            # As every build ends: a link to a PDF that is not (yet) made becomes a note.
            pdf_links.settle(Path(file.abs_dest_path))
        for file in chosen:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        return {"urls": [f.url for f in chosen]}

    def static(self, sources: list[str]) -> dict:
        """Copy these changed static files of docs/ (stylesheets, scripts, images) into the site."""
        copied = []
        for source in map(os.path.normpath, sources):
            file = self.by_source.get(source)
            if file is not None and not file.is_documentation_page():
                file.copy_file()
                copied.append(file.url)
        return {"urls": copied}

    def handle(self, request: dict) -> dict:
        self.warnings.messages = []
        started = time.perf_counter()
        op = request.pop("op")
        try:
            reply = getattr(self, op)(**request)
        except Exception as error:  # every failure goes back to the preview, which shows it
            from mkdocs.exceptions import Abort, BuildError

            detail = "\n".join(self.warnings.messages)
            if not isinstance(error, (Abort, BuildError)):
                detail += "\n" + "".join(traceback.format_exception(error))
            return {"ok": False, "error": (f"{error}\n{detail}").strip()}
        return {"ok": True, "warnings": list(self.warnings.messages), "seconds": time.perf_counter() - started, **reply}


def main(config_file: str, site_dir: str) -> None:
    # Ctrl+C in the terminal reaches the whole process group: the preview stops this process itself
    # (it closes stdin), without a traceback from every language.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The generator of the build it previews (KENNISBANK_GENERATOR, as `make serve GENERATOR=…` exports),
    # before anything imports mkdocs.
    generators.use_in_this_process(None)
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # whatever prints goes to stderr, not into the replies
    errors = logging.StreamHandler(sys.stderr)
    errors.setLevel(logging.WARNING)
    errors.setFormatter(logging.Formatter(f"[{os.environ.get(BUILD_LANGUAGE_ENV, '')}] %(levelname)s %(message)s"))
    logging.getLogger("mkdocs").addHandler(errors)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    worker = Worker(config_file, site_dir)
    for line in sys.stdin:
        try:
            replies.write(json.dumps(worker.handle(json.loads(line))) + "\n")
            replies.flush()
        except BrokenPipeError:  # the preview has stopped: so does this process, quietly
            os._exit(0)


if __name__ == "__main__":
    main(*sys.argv[1:3])
