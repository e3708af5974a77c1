"""The live preview (`make serve`, kennisbank.watch) on a throw-away copy of the project.

One preview runs for the whole module, as a contributor runs it: the real records in a copy of the
project (the real data/ is never touched), PDFs on, a real headless Chromium looking at it. An edit
must reach the open page without a restart, the browser reloading by itself; a broken record must
show the check's own message in the terminal and in the browser while the last good page stays
served, and fixing it must clear the message; the PDFs come after the site is served. No timing
is asserted (that is `make bench`); the timeouts are generous.
"""
from __future__ import annotations

import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kennisbank import bench, bench_preview
from kennisbank.paths import ROOT, fiche_pdf
from kennisbank.records.problems import text_report
from kennisbank.records.validation import validate

from conftest import guarded_context

pytestmark = pytest.mark.browser

RECORD = "gent-ankerkracht"
# Generous: a rebuild takes about a second here, the PDFs of the real data about a minute.
WAIT_MS = 90_000
PDF_WAIT_SECONDS = 600


class Preview:
    def __init__(self, project: Path, address: str, log: Path, process):
        self.project, self.address, self.log, self.process = project, address, log, process
        self.record = project / "data" / "praktijken" / f"{RECORD}.yaml"
        self.good = self.record.read_text(encoding="utf-8")

    def url(self, path: str) -> str:
        return self.address + path

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url(path), timeout=30) as response:
            return response.read().decode("utf-8")

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for_terminal(self, text: str, after: int = 0) -> str:
        deadline = time.monotonic() + WAIT_MS / 1000
        while text not in self.terminal()[after:]:
            assert time.monotonic() < deadline, f"not in the terminal output: {text!r}\n{self.terminal()[-3000:]}"
            time.sleep(0.2)
        return self.terminal()[after:]

    def write_record(self, text: str) -> None:
        self.record.write_text(text, encoding="utf-8")


def project_with_the_real_records(folder: Path) -> Path:
    """A throw-away copy of the project with the real records (the real data/ is never touched)."""
    project = bench.copy_project(folder)
    for record in (ROOT / "data" / "praktijken").glob("*.yaml"):
        shutil.copy2(record, project / "data" / "praktijken" / record.name)
    return project


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = project_with_the_real_records(tmp_path_factory.mktemp("watch") / "project")
    process, address, log = bench_preview.start_preview(project, pdf=True)
    yield Preview(project, address, log, process)
    bench_preview.stop_preview(process)
    assert "Traceback" not in log.read_text(encoding="utf-8"), log.read_text(encoding="utf-8")[-5000:]


@pytest.fixture
def tab(browser, preview):
    context, outside = guarded_context(browser, (preview.address,))
    yield context.new_page()
    context.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"


def title_of(record_text: str) -> str:
    return re.search(r'(?m)^titel: "(.*)"$', record_text).group(1)


def retitled(record_text: str, title: str) -> str:
    return re.sub(r'(?m)^titel: ".*"$', f'titel: "{title}"', record_text, count=1)


def test_an_edit_reaches_the_open_page_which_reloads_by_itself(preview, tab):
    tab.goto(preview.url(f"praktijken/{RECORD}/"))
    tab.evaluate("window.kbBeforeTheEdit = true")  # gone once the page has reloaded
    new_title = title_of(preview.good) + " (bewerkt in de test)"
    preview.write_record(retitled(preview.good, new_title))

    tab.locator("h1", has_text=new_title).wait_for(timeout=WAIT_MS)
    assert tab.evaluate("window.kbBeforeTheEdit === undefined"), "the page changed without a reload?"
    assert new_title in preview.get(f"praktijken/{RECORD}/")
    # What lists the record follows: the overview, in the same running preview.
    tab.goto(preview.url("praktijken/"))
    tab.locator(".kb-card", has_text=new_title).first.wait_for(timeout=WAIT_MS)
    assert preview.process.poll() is None
    assert preview.terminal().count("Volledige build") == 1, "the preview rebuilt everything for one edit"
    preview.good = retitled(preview.good, new_title)


def test_a_broken_record_shows_the_check_message_and_the_last_good_page_stays(preview, tab):
    good_title = title_of(preview.good)
    tab.goto(preview.url(f"praktijken/{RECORD}/"))
    tab.locator("h1", has_text=good_title).wait_for(timeout=WAIT_MS)
    panel = tab.locator("#kb-live-error")
    cases = {
        "schema": re.sub(r"(?m)^thema: .*$", "thema: [geen-bestaand-thema]", preview.good, count=1),
        "yaml": preview.good + "samenvatting: \"niet afgesloten\n  - [\n",
    }
    for kind, broken in cases.items():
        before = len(preview.terminal())
        preview.write_record(broken)
        expected = text_report(validate([preview.record], preview.project).problems, [], "nl")
        assert re.search(r"data/praktijken/gent-ankerkracht\.yaml:\d+:\d+: ", expected), expected

        terminal = preview.wait_for_terminal(expected.splitlines()[-1], after=before)
        assert expected in terminal, kind
        panel.wait_for(state="visible", timeout=WAIT_MS)
        tab.wait_for_function("text => document.querySelector('#kb-live-error pre')?.textContent === text", arg=expected,
                              timeout=WAIT_MS)
        assert panel.get_attribute("role") == "alert"
        # The last good page is still what is served, and what the browser shows.
        assert good_title in preview.get(f"praktijken/{RECORD}/")
        assert tab.locator("h1").inner_text().startswith(good_title)

    # A page opened while the record is broken shows the message too.
    tab.goto(preview.url("praktijken/"))
    panel.wait_for(state="visible", timeout=WAIT_MS)

    before = len(preview.terminal())
    preview.write_record(preview.good)
    preview.wait_for_terminal("Opgelost", after=before)
    panel.wait_for(state="detached", timeout=WAIT_MS)


def test_a_hand_written_page_follows_too(preview, tab):
    page = preview.project / "docs" / "over.md"
    text = page.read_text(encoding="utf-8")
    tab.goto(preview.url("over/"))
    heading = re.search(r"(?m)^# .*\n", text)  # after the front matter, which the page stages read as YAML
    page.write_text(text[:heading.end()] + "\nDeze zin is in de test toegevoegd.\n" + text[heading.end():], encoding="utf-8")
    tab.get_by_text("Deze zin is in de test toegevoegd.").wait_for(timeout=WAIT_MS)
    page.write_text(text, encoding="utf-8")
    tab.get_by_text("Deze zin is in de test toegevoegd.").wait_for(state="detached", timeout=WAIT_MS)


def test_a_new_record_gets_its_page_and_a_deleted_one_loses_it(preview):
    slug = f"{RECORD}-kopie"
    copy = preview.record.with_name(f"{slug}.yaml")
    copy.write_text(retitled(re.sub(r"(?m)^slug: .*$", f"slug: {slug}", preview.good, count=1), "Een nieuwe praktijk"),
                    encoding="utf-8")

    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(preview.url(path), timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def wait_until(condition) -> None:
        deadline = time.monotonic() + WAIT_MS / 1000
        while not condition():
            assert time.monotonic() < deadline, preview.terminal()[-3000:]
            time.sleep(0.5)

    builds = preview.terminal().count("Klaar in")
    wait_until(lambda: preview.terminal().count("Klaar in") == builds + 1)  # a new page: a full build
    assert status(f"praktijken/{slug}/") == 200 and "Een nieuwe praktijk" in preview.get("praktijken/")
    copy.unlink()
    wait_until(lambda: preview.terminal().count("Klaar in") == builds + 2)
    assert status(f"praktijken/{slug}/") == 404
    assert "Een nieuwe praktijk" not in preview.get("praktijken/")


def test_the_published_site_has_no_preview_script(preview):
    assert "/__kennisbank/live.js" in preview.get(f"praktijken/{RECORD}/")
    site = preview.project / "site"
    assert (site / "praktijken" / RECORD / "index.html").exists()
    carrying = [p for p in site.rglob("*.html") if "__kennisbank" in p.read_text(encoding="utf-8")]
    assert not carrying, carrying[:5]


def test_the_pdfs_are_made_after_the_site_is_served(preview):
    deadline = time.monotonic() + PDF_WAIT_SECONDS
    while "PDF's bijgewerkt" not in preview.terminal():
        assert time.monotonic() < deadline, preview.terminal()[-3000:]
        time.sleep(1)
    terminal = preview.terminal()
    assert terminal.index("draait op") < terminal.index("PDF's: op de achtergrond bezig") < terminal.index("PDF's bijgewerkt")
    with urllib.request.urlopen(preview.url(fiche_pdf(RECORD, "nl")), timeout=30) as response:
        assert response.read(5) == b"%PDF-"
    # The page's download link, a note while the PDF was missing, is a link now.
    page = preview.get(f"praktijken/{RECORD}/")
    assert f'<a class="kb-pdf-link" href="../../{fiche_pdf(RECORD, "nl")}"' in page
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(preview.url("pdf/geen-bestaande.pdf"), timeout=30)


def test_a_preview_of_a_properdocs_build_re_renders_with_properdocs(tmp_path, monkeypatch):
    """`make serve GENERATOR=properdocs`: the page an edit re-renders says the same generator as the first build."""
    from kennisbank.site.generators import GENERATOR_ENV

    monkeypatch.setenv(GENERATOR_ENV, "properdocs")
    project = project_with_the_real_records(tmp_path / "project")
    process, address, log = bench_preview.start_preview(project, pdf=False)
    live = Preview(project, address, log, process)
    try:
        def page_when(condition) -> str:
            deadline = time.monotonic() + WAIT_MS / 1000
            while True:
                try:  # 503 until the first build is served
                    text = live.get(f"praktijken/{RECORD}/")
                    if condition(text):
                        return text
                except urllib.error.HTTPError as error:
                    assert error.code == 503, error
                assert time.monotonic() < deadline, live.terminal()[-3000:]
                time.sleep(0.3)

        def generator(text: str) -> str:
            return re.search(r'<meta name="generator" content="([^"]+)"', text).group(1)

        assert "ProperDocs" in generator(page_when(lambda text: True))
        new_title = title_of(live.good) + " (ProperDocs)"
        live.write_record(retitled(live.good, new_title))
        assert "ProperDocs" in generator(page_when(lambda text: new_title in text))
    finally:
        bench_preview.stop_preview(process)
