"""Shared fixtures: one real build of the real data, a local web server, a real Chromium.

The site is built once per test session (about 40 s, most of it the PDFs) from data/ into a temporary folder, exactly
as `make site` does, so every site test checks what a reader would get.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from kennisbank import build
from kennisbank.doctor import CHROMIUM, CHROMIUM_ARGS
from kennisbank.paths import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site") / "site"
    report = build.build_site(ROOT, site)
    assert report.records == len(list((ROOT / "data" / "praktijken").glob("[!_]*.yaml")))
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: run `make doctor` (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def guarded_context(browser, allowed: tuple[str, ...], **options):
    """A browser context in which only URLs starting with one of `allowed` load; every other request
    is blocked and recorded in the list returned beside the context, for the test to assert empty."""
    context = browser.new_context(**options)
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context, outside


@pytest.fixture
def page(browser, site_url):
    # No request may leave this machine: anything not on 127.0.0.1 is blocked and recorded.
    context, outside = guarded_context(browser, (site_url, "data:"))
    tab = context.new_page()
    tab.outside_requests = outside
    yield tab
    context.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's data, schema and vocabularies for bad-input tests."""
    target = tmp_path / "project"
    shutil.copytree(ROOT / "data", target / "data")
    return target
