"""The live preview's web server: the built site as it will be hosted, plus what only the preview has.

Why a server of its own and not files in site/: the reload script and the error panel belong to the
preview, never to the published site, so they are added to each HTML page as it is served, and
site/ stays exactly what `make site` builds.

- Every HTML page gets one script before `</body>`: /__kennisbank/live.js (kennisbank/watch_live.js),
  with the interface words in nl, fr and en (ui_strings.yaml) and the version of the site the page
  was read at.
- /__kennisbank/events is a stream of Server-Sent Events, one per rebuild: which pages it wrote
  and the check's message while a record has an error. The script reloads the page when the
  rebuild touched it (it asks for the events since its own version, so a rebuild that finished
  between serving the page and opening the stream is not missed).
- /pagefind/ comes from the last complete search index (kennisbank.watch swaps it in when
  Pagefind has finished), so search keeps working while Pagefind runs again.
- Nothing is cached (Cache-Control: no-store): a reload shows the files as they are now.
- A missing page gets the site's own 404 page with status 404, as on GitHub Pages.
"""
from __future__ import annotations

import functools
import http.server
import json
import threading
import time
import urllib.parse
from html import escape
from pathlib import Path

from kennisbank.records import vocabulary
from kennisbank.records.ui import t
from kennisbank.site import typography

PREFIX = "/__kennisbank/"
SCRIPT = Path(__file__).with_name("watch_live.js")
# How long an event stream stays silent before a comment line checks that the browser is still there.
KEEPALIVE_SECONDS = 15
# The longest a request waits for the site folder while a full build swaps it in.
SITE_SWAP_SECONDS = 10
# Rebuilds remembered for pages that ask what happened since their version; a page older than
# that reloads anyway.
HISTORY = 200
# The panel's words per language: ui_strings.yaml key → name in watch_live.js.
PANEL_WORDS = {"title": "preview_error_title", "intro": "preview_error_intro", "hide": "preview_error_hide"}


class LiveState:
    """What the preview has built so far, shared by the rebuilding loop and the server's threads."""

    def __init__(self):
        self.version = 0
        self.error: str | None = None
        self.error_lang = vocabulary.DEFAULT_LANGUAGE
        self.busy = True
        self.pdf_running = False
        self.rebuilding = False  # a full build is replacing the site folder
        self.pagefind_dir: Path | None = None
        self.history: list[tuple[int, list[str] | str]] = []
        self.changed = threading.Condition()

    def publish(self, urls: list[str] | str, error: str | None = None, error_lang: str | None = None) -> None:
        """A rebuild wrote `urls` ("*": every page), or the check now says `error` (None: no error)."""
        with self.changed:
            self.version += 1
            self.error = error
            self.error_lang = error_lang or vocabulary.DEFAULT_LANGUAGE
            self.history = [*self.history[-HISTORY + 1:], (self.version, urls)]
            self.changed.notify_all()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy  # read by /__kennisbank/state (the benchmark waits for it), no event

    def since(self, version: int) -> list[str] | str:
        """Every page written after `version`, or "*" when that is too long ago to know."""
        with self.changed:
            if version < self.version and (not self.history or self.history[0][0] > version + 1):
                return "*"
            urls: set[str] = set()
            for number, written in self.history:
                if number > version:
                    if written == "*":
                        return "*"
                    urls.update(written)
            return sorted(urls)

    def event(self, urls) -> dict:
        return {"version": self.version, "urls": urls, "error": self.error, "error_lang": self.error_lang,
                "busy": self.busy, "pdf_running": self.pdf_running}


def panel_words() -> str:
    words = {lang: {name: t(key, lang) for name, key in PANEL_WORDS.items()} for lang in vocabulary.LANGUAGES}
    words["fr"] = {name: typography.french_text(text) for name, text in words["fr"].items()}
    return json.dumps(words, ensure_ascii=False)


# Served while there is no site at all (its first build failed): the script shows the error on it
# and reloads it when a build has succeeded.
EMPTY_PAGE = ('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Kennisbank</title></head>'
              "<body><main></main></body></html>")


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    state: LiveState
    words: str

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def translate_path(self, path):
        clean = urllib.parse.urlsplit(path).path
        if clean.startswith("/pagefind/") and self.state.pagefind_dir is not None:
            relative = urllib.parse.unquote(clean[len("/pagefind/"):])
            target = (self.state.pagefind_dir / relative).resolve()
            if target.is_relative_to(self.state.pagefind_dir.resolve()):
                return str(target)
        return super().translate_path(path)

    def do_GET(self):
        if self.path.startswith(PREFIX):
            return self.preview_resource()
        try:
            return super().do_GET()
        except (FileNotFoundError, NotADirectoryError):
            # The file went while it was being read: a full build swapped the site in between.
            self.wait_for_site()
            return super().do_GET()

    def preview_resource(self):
        parts = urllib.parse.urlsplit(self.path)
        name = parts.path[len(PREFIX):]
        if name == "live.js":
            return self.send_bytes(SCRIPT.read_bytes(), "text/javascript; charset=utf-8")
        if name == "state":
            return self.send_bytes(json.dumps(self.state.event([])).encode(), "application/json")
        if name == "events":
            query = urllib.parse.parse_qs(parts.query)
            since = int(query.get("since", ["0"])[0] or 0)
            return self.stream(since)
        self.send_error(404)

    def send_bytes(self, body: bytes, content_type: str, status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream(self, since: int):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        state = self.state
        try:
            with state.changed:
                seen = state.version
                first = state.event(state.since(since))
            self.send_event(first)
            while True:
                with state.changed:
                    state.changed.wait_for(lambda: state.version != seen, timeout=KEEPALIVE_SECONDS)
                    fresh = state.version != seen
                    event = state.event(state.since(seen)) if fresh else None
                    seen = state.version
                if event is None:
                    self.wfile.write(b": keepalive\n\n")
                    self.wfile.flush()
                else:
                    self.send_event(event)
        except (BrokenPipeError, ConnectionResetError):
            return

    def send_event(self, event: dict):
        self.wfile.write(f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode())
        self.wfile.flush()

    def send_head(self):
        self.wait_for_site()
        path = Path(self.translate_path(self.path))
        if not path.exists() and self.wait_for(path):
            return self.send_head()
        if path.is_dir():
            if not urllib.parse.urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self.page(path, 200)
        if not path.exists():
            missing = Path(self.directory) / "404.html"
            if missing.is_file():
                return self.page(missing, 404)
            if self.state.error:  # no site yet, only an error: a page to show it on
                return self.page(None, 503)
        return super().send_head()

    def wait_for_site(self) -> None:
        """A full build replaces the site folder (build.run_mkdocs: delete, then rename), which takes
        up to a second at 1,000 records: a request in between waits for the new site instead of
        getting a 404."""
        deadline = time.monotonic() + SITE_SWAP_SECONDS
        while self.state.rebuilding and not (Path(self.directory) / "index.html").exists() and time.monotonic() < deadline:
            time.sleep(0.1)

    def wait_for(self, path: Path) -> bool:
        """During a full build, wait a little for a missing file (the new site may not have it yet);
        whether it came."""
        deadline = time.monotonic() + SITE_SWAP_SECONDS
        while self.state.rebuilding and not path.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        return path.exists()

    def page(self, path: Path | None, status: int):
        import io

        version = self.state.version  # before reading: a rebuild after this reloads the page
        html = path.read_text(encoding="utf-8") if path else EMPTY_PAGE
        script = (f'<script src="{PREFIX}live.js" data-version="{version}" '
                  f'data-texts="{escape(self.words)}"></script>')
        at = html.rfind("</body>")
        html = html[:at] + script + html[at:] if at >= 0 else html + script
        body = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that reloads drops the requests it no longer needs: not worth a traceback."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(host: str, port: int, site_dir: Path, state: LiveState) -> http.server.ThreadingHTTPServer:
    """The server, bound (so a busy port fails at once) but not yet serving."""
    handler = type("Handler", (PreviewHandler,), {"state": state, "words": panel_words()})
    return PreviewServer((host, port), functools.partial(handler, directory=str(site_dir)))
