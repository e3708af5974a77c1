"""The PDF cache by its rules: a PDF is rendered again exactly when something it is made of changed.

Each test builds the PDFs of a small copy of the project (a few real records, as kennisbank.bench
copies it) with the real pdf.build_pdfs, and compares the written files byte for byte: with a
cold build of the same data, and with the files of the build before. What is rendered and what
comes from the cache is read from the build's report and from the files' bytes, never from the
clock.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kennisbank import bench, build
from kennisbank.paths import ROOT, book_pdf, fiche_pdf
from kennisbank.print import pdf, pdf_cache
from kennisbank.records import privacy

# Real records copied into the test project: enough that "the others" are more than one.
RECORDS = 3
LANGUAGES = ("nl", "fr")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    project = bench.copy_project(tmp_path / "project")
    for record in sorted((ROOT / "data" / "praktijken").glob("[!_]*.yaml"))[:RECORDS]:
        shutil.copy2(record, project / "data" / "praktijken" / record.name)
    monkeypatch.delenv(pdf.CACHE_ENV, raising=False)
    monkeypatch.delenv(privacy.PRIVACY_ENV, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1480550400")  # one build date for every build of a test
    return project


def slugs(project: Path) -> list[str]:
    return sorted(path.stem for path in (project / "data" / "praktijken").glob("*.yaml"))


def fiches(project: Path, site: Path, languages=LANGUAGES, **settings) -> tuple[pdf.PdfReport, dict[str, str]]:
    """Build the fiches of `project` into `site`; the report and each fiche's SHA-256 by file name."""
    report = pdf.build_pdfs(project, site, languages=languages, kinds=("fiches",), **settings)
    assert not report.warnings
    return report, digests(site, project, languages)


def digests(site: Path, project: Path, languages=LANGUAGES) -> dict[str, str]:
    return {fiche_pdf(slug, lang): hashlib.sha256((site / fiche_pdf(slug, lang)).read_bytes()).hexdigest()
            for slug in slugs(project) for lang in languages}


def edit_summary(project: Path, slug: str, fields=("samenvatting", "samenvatting_fr", "samenvatting_en")) -> None:
    """Change the summary of one record in the languages of `fields`, as a contributor would."""
    path = project / "data" / "praktijken" / f"{slug}.yaml"
    text = path.read_text(encoding="utf-8")
    for name in fields:
        assert f"\n{name}: >-\n  " in text, (slug, name)
        text = text.replace(f"\n{name}: >-\n  ", f"\n{name}: >-\n  Bijgewerkt. ", 1)
    path.write_text(text, encoding="utf-8")


def entries(project: Path, kind: str = "fiches") -> dict[str, set[str]]:
    """The file names on the cache's shelves of `kind`, by language."""
    folder = project / pdf_cache.CACHE_DIR / kind
    return {lang.name: {path.name for path in lang.iterdir()} for lang in folder.iterdir()} if folder.exists() else {}


def test_an_edit_renders_that_fiche_in_each_language_and_the_rest_comes_from_the_cache(project, tmp_path, monkeypatch):
    first_report, first = fiches(project, tmp_path / "first")
    assert first_report.cached.get("fiches", 0) == 0 and first_report.pages["fiches"] >= RECORDS * len(LANGUAGES)

    unchanged_report, unchanged = fiches(project, tmp_path / "unchanged")
    assert unchanged == first
    assert unchanged_report.cached["fiches"] == RECORDS * len(LANGUAGES) and unchanged_report.pages["fiches"] == 0

    edited = slugs(project)[1]
    edit_summary(project, edited)
    warm_report, warm = fiches(project, tmp_path / "warm")
    assert warm_report.cached["fiches"] == (RECORDS - 1) * len(LANGUAGES)
    assert sorted(name for name in warm if warm[name] != first[name]) == sorted(fiche_pdf(edited, lang) for lang in LANGUAGES)

    monkeypatch.setenv(pdf.CACHE_ENV, "0")  # a cold build of the edited data, without the cache
    cold_report, cold = fiches(project, tmp_path / "cold")
    assert cold_report.cached.get("fiches", 0) == 0
    assert cold == warm  # what the cache gave is byte for byte what rendering gives


def test_the_key_is_the_content_not_the_record(project, tmp_path):
    """A Dutch-only edit of a record that has its own French summary leaves its French fiche as it was."""
    _, before = fiches(project, tmp_path / "before")
    edited = slugs(project)[0]
    edit_summary(project, edited, fields=("samenvatting",))
    report, after = fiches(project, tmp_path / "after")
    assert sorted(name for name in after if after[name] != before[name]) == [fiche_pdf(edited, "nl")]
    assert report.cached["fiches"] == RECORDS * len(LANGUAGES) - 1


def test_a_fiche_whose_rendering_warned_is_not_cached_so_the_next_build_warns_again(project, tmp_path, monkeypatch):
    broken = slugs(project)[0]
    articles = pdf.fiche_articles

    def with_a_dead_link(root, lang, practices, today):  # a link to an anchor no fiche has: WeasyPrint warns
        return [article.replace("</article>", '<p><a href="#nergens">x</a></p></article>') if practice.slug == broken else article
                for practice, article in zip(practices, articles(root, lang, practices, today))]

    monkeypatch.setattr(pdf, "fiche_articles", with_a_dead_link)
    for attempt in ("first", "second"):
        report = pdf.build_pdfs(project, tmp_path / attempt, languages=("nl",), kinds=("fiches",))
        assert any("nergens" in warning for warning in report.warnings), (attempt, report.warnings)
        assert report.cached.get("fiches", 0) < RECORDS, attempt  # the warned fiche was rendered again
    monkeypatch.setattr(pdf, "fiche_articles", articles)
    report, _ = fiches(project, tmp_path / "repaired", languages=("nl",))
    assert report.pages["fiches"] > 0


def test_the_cache_keeps_only_what_the_latest_build_used(project, tmp_path):
    fiches(project, tmp_path / "first")
    edit_summary(project, slugs(project)[0])
    fiches(project, tmp_path / "second")
    held = entries(project)
    assert sorted(held) == sorted(LANGUAGES)
    assert all(len(names) == RECORDS and all(name.endswith(".pdf") for name in names) for names in held.values()), held
    # A language the build did not make keeps its entries (a build of one language is not "the latest" for others).
    fiches(project, tmp_path / "dutch", languages=("nl",))
    assert entries(project)["fr"] == held["fr"]


@pytest.mark.parametrize("change", ["stylesheet", "privacy mode"])
def test_a_new_stylesheet_or_privacy_mode_renders_every_fiche_again(project, tmp_path, monkeypatch, change):
    fiches(project, tmp_path / "before")
    if change == "stylesheet":
        stylesheet = tmp_path / "print.css"
        stylesheet.write_text(pdf.STYLESHEET.read_text(encoding="utf-8") + "\n.fiche h1 { letter-spacing: 0.01em; }\n",
                              encoding="utf-8")
        monkeypatch.setattr(pdf, "STYLESHEET", stylesheet)
    else:
        monkeypatch.setenv(privacy.PRIVACY_ENV, privacy.STRICT_MODE)
    report, _ = fiches(project, tmp_path / "after")
    assert report.cached.get("fiches", 0) == 0 and report.pages["fiches"] >= RECORDS * len(LANGUAGES)


def test_a_book_comes_from_the_cache_until_its_content_changes(project, tmp_path):
    # The hand-written chapters name real practices (the VGC plan's goals): the book needs them all.
    for record in (ROOT / "data" / "praktijken").glob("[!_]*.yaml"):
        shutil.copy2(record, project / "data" / "praktijken" / record.name)
    records = project / "data" / "praktijken"

    def book(name: str) -> pdf.PdfReport:
        build.generate_pages(project / "docs", records, force=True)
        report = pdf.build_pdfs(project, tmp_path / name, languages=("nl",), kinds=("book",))
        assert not report.warnings
        return report

    first, again = book("first"), book("again")
    assert (first.cached.get("book", 0), again.cached["book"], again.pages["book"]) == (0, 1, 0)
    assert (tmp_path / "again" / book_pdf("nl")).read_bytes() == (tmp_path / "first" / book_pdf("nl")).read_bytes()
    edit_summary(project, slugs(project)[0])
    edited = book("edited")
    assert edited.cached.get("book", 0) == 0 and edited.pages["book"] == first.pages["book"]
    assert len(entries(project, "book")["nl"]) == 1


def test_two_builds_at_once_share_the_cache_safely(project, tmp_path):
    fiches(project, tmp_path / "first")
    edit_summary(project, slugs(project)[2])
    script = ("import sys; from pathlib import Path; from kennisbank.print import pdf; "
              "r = pdf.build_pdfs(Path(sys.argv[1]), Path(sys.argv[2]), languages=('nl', 'fr'), kinds=('fiches',)); "
              "sys.exit(1 if r.warnings else 0)")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(project), str(tmp_path / f"site-{n}")], cwd=ROOT, env=os.environ.copy())
            for n in range(2)]
    assert [run.wait(timeout=600) for run in runs] == [0, 0]
    assert digests(tmp_path / "site-0", project) == digests(tmp_path / "site-1", project)
    held = entries(project)
    assert all(len(names) == RECORDS and not any(n.startswith(pdf_cache.TEMPORARY_PREFIX) for n in names)
               for names in held.values()), held


# --- The cache's files, without rendering ---------------------------------------------------------

def test_an_entry_removed_by_another_build_is_a_miss_and_nothing_is_left_half_written(tmp_path):
    cache = pdf_cache.PdfCache(tmp_path / "cache")
    source = tmp_path / "fiche.pdf"
    source.write_bytes(b"%PDF-1.7 fiche")
    cache.store("fiches/nl", "abc", source)
    assert cache.fetch("fiches/nl", "abc", tmp_path / "site" / "a.pdf")
    assert (tmp_path / "site" / "a.pdf").read_bytes() == source.read_bytes()
    cache.path("fiches/nl", "abc").unlink()  # pruned by a concurrent build between two lookups
    assert not cache.fetch("fiches/nl", "abc", tmp_path / "site" / "b.pdf")
    assert not (tmp_path / "site" / "b.pdf").exists()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["a.pdf"]


def test_prune_removes_unused_entries_and_the_leftovers_of_crashed_builds_only(tmp_path):
    cache = pdf_cache.PdfCache(tmp_path / "cache")
    source = tmp_path / "x.pdf"
    source.write_bytes(b"%PDF")
    for key in ("kept", "unused"):
        cache.store("fiches/nl", key, source)
    cache.store("fiches/fr", "other", source)
    folder = tmp_path / "cache" / "fiches" / "nl"
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    running = folder / f"{pdf_cache.TEMPORARY_PREFIX}{os.getpid()}-abc.part"  # a build at work (this one)
    crashed = folder / f"{pdf_cache.TEMPORARY_PREFIX}{ended.stdout.strip()}-def.part"  # its process has ended
    running.write_bytes(b"")
    crashed.write_bytes(b"")
    assert cache.prune({"fiches/nl": {"kept"}}) == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted(["kept.pdf", running.name])
    assert cache.path("fiches/fr", "other").exists()
