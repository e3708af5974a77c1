"""Benchmark the whole pipeline on N synthetic records and write the table to BENCHMARKS.md.

Why synthetic copies of real records: they are schema-valid by construction and have the same
shape and length as real ones, so page sizes and index sizes are realistic. Each size holds the 31
real records unchanged (hand-written pages link to them) plus copies up to N. Each size N is built
in its own throw-away project under .bench/ (site config, hand-written pages, templates and
vocabularies copied from this repository) with the real `build_site` pipeline.

Measured per N (× 3 languages): wall time per stage, total site size, mean HTML size of a practice
page, and the bytes a browser downloads from /pagefind/ for a first search (Chromium when present,
otherwise the sum of the files Pagefind's loader requests, marked as an estimate). The site runs
leave out the PDFs; a separate section measures the PDF step (books and fiches) at N = 31 (the
real records) and N = 1,000.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import platform
import re
import shutil
import statistics
import threading
import time
from pathlib import Path

from kennisbank import build, doctor
from kennisbank.paths import ROOT

BENCH_DIR = ROOT / ".bench"
COPIED = ["mkdocs.yml", "overrides", "hooks", "data/schema", "data/vocabularies"]
# A common word in every language's summaries: a realistic first query that hits many pages.
FIRST_QUERY = {"nl": "integratie", "fr": "intégration", "en": "integration"}
# Pagefind shows 5 results per page in its default UI; a first search loads their fragments.
RESULTS_SHOWN = 5
CHROMIUM = str(doctor.CHROMIUM)
# Targets from the issue.
MAX_GROWTH_1000_TO_3000 = 3.3
MAX_MS_PER_PAGE = 10.0
MAX_FIRST_SEARCH_BYTES = 300 * 1024


def copy_project(project: Path) -> Path:
    """A buildable copy of the project at `project`: configuration, hand-written pages, schema and
    vocabularies, with an empty data/praktijken/ for the caller to fill."""
    if project.exists():
        shutil.rmtree(project)
    for relative in COPIED:
        source, target = ROOT / relative, project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("praktijken"))
    (project / "data" / "praktijken").mkdir(parents=True)
    return project


def make_project(size: int) -> Path:
    project = copy_project(BENCH_DIR / f"n{size}")
    records = project / "data" / "praktijken"
    templates = sorted((ROOT / "data" / "praktijken").glob("*.yaml"))
    # The real records come first and unchanged: hand-written pages link to them by slug.
    for template in templates[:size]:
        shutil.copy2(template, records / template.name)
    for index in range(len(templates), size):
        template = templates[index % len(templates)]
        slug = f"{template.stem}-s{index:05d}"
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^slug: .*$", f"slug: {slug}", text, count=1)
        text = re.sub(r'(?m)^titel: "(.*)"$', lambda m: f'titel: "{m.group(1)} ({index})"', text, count=1)
        (records / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return project


def directory_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def mean_practice_page(site: Path, project: Path) -> float:
    slugs = [p.stem for p in (project / "data" / "praktijken").glob("*.yaml")]
    sizes = [(site / prefix / "praktijken" / slug / "index.html").stat().st_size
             for slug in slugs[:200] for prefix in ("", "fr", "en")]
    return statistics.mean(sizes)


@contextlib.contextmanager
def _chromium_on(site: Path, compress: bool = False):
    """A headless Debian Chromium and a local server for `site`; yields (browser, base URL)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Gzipping if compress else _Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=doctor.CHROMIUM_ARGS)
            yield browser, f"http://127.0.0.1:{server.server_address[1]}"
            browser.close()
    finally:
        server.shutdown()


def _has_chromium() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


SEARCH_AND_LOAD = """async ([query, shown]) => {
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(query);
    await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
}"""


def first_search_bytes(site: Path) -> tuple[int, str]:
    if not _has_chromium():
        return _estimate_first_search(site), "estimate"
    with _chromium_on(site) as (browser, base):
        page = browser.new_page()
        sizes: list[int] = []
        page.on("response", lambda r: sizes.append(len(r.body())) if "/pagefind/" in r.url and "pagefind-ui" not in r.url else None)
        page.goto(f"{base}/praktijken/")
        page.evaluate(SEARCH_AND_LOAD, [FIRST_QUERY["nl"], RESULTS_SHOWN])
        page.wait_for_timeout(300)
    return sum(sizes), "measured in Chromium"


# Pages a reader opens first, and two searches in a row (the second reuses what the first loaded).
READER_PAGES = {"home page": "", "practice page": "praktijken/gent-ankerkracht/"}
SECOND_QUERY = "vluchtelingen"
MAX_PRACTICE_PAGE_BYTES = 150 * 1024


def reader_metrics(site: Path) -> dict:
    """What a reader's browser fetches, cold cache, on the real site: bytes and first contentful paint."""
    metrics: dict = {}
    with _chromium_on(site, compress=True) as (browser, base):
        for label, path in READER_PAGES.items():
            context = browser.new_context()  # a fresh, empty cache
            page = context.new_page()
            # Bytes on the wire: Content-Length is the compressed size when the server gzips. Requests made by
            # Pagefind's search worker are reported here too (Resource Timing in the page would miss them).
            wire: list[int] = []
            page.on("response", lambda r, wire=wire: wire.append(int(r.headers.get("content-length") or 0)))
            page.goto(f"{base}/{path}", wait_until="load")
            page.wait_for_timeout(500)  # late requests (scripts that load on idle)
            paint = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0")
            metrics[label] = {"bytes": sum(wire), "requests": len(wire), "fcp_ms": paint}
            if label == "practice page":
                searches = []
                for query in (FIRST_QUERY["nl"], SECOND_QUERY):
                    before = len(wire)
                    page.evaluate(SEARCH_AND_LOAD, [query, RESULTS_SHOWN])
                    page.wait_for_timeout(300)
                    searches.append(sum(wire[before:]))
                metrics["searches"] = searches
            context.close()
    return metrics


def _estimate_first_search(site: Path) -> int:
    pagefind = site / "pagefind"
    fixed = [pagefind / "pagefind-entry.json", pagefind / "pagefind.js", pagefind / "wasm.nl.pagefind"]
    meta = sorted(pagefind.glob("pagefind.nl_*.pf_meta"))
    chunks = sorted((pagefind / "index").glob("nl_*"), key=lambda f: f.stat().st_size)
    fragments = sorted((pagefind / "fragment").glob("nl_*"), key=lambda f: f.stat().st_size)
    total = sum(f.stat().st_size for f in fixed + meta[:1])
    total += chunks[-1].stat().st_size if chunks else 0
    total += sum(f.stat().st_size for f in fragments[-RESULTS_SHOWN:])
    return total


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Text files a static host (GitHub Pages, nginx with gzip on) sends compressed.
COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _Gzipping(_Quiet):
    """Serves text files gzip-compressed when the browser asks, as a production static host does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED_TYPES or not path.is_file():
            return super().send_head()
        import gzip
        import io

        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


# Wall times on a shared 2-core machine vary by ±15 % from run to run: each size is built this many
# times from cold (no generated pages, no template cache) and the median run is reported.
REPEATS = 3


def measure(size: int, repeats: int = REPEATS) -> dict:
    project = make_project(size)
    site = project / "site"
    runs = []
    for _ in range(repeats):
        shutil.rmtree(project / "docs" / "praktijken", ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        started = time.perf_counter()
        report = build.build_site(project, site, pdf=False)
        runs.append((time.perf_counter() - started, report))
    runs.sort(key=lambda run: run[0])
    wall, report = runs[len(runs) // 2]
    pages_built = report.expected_per_language * 3
    search_bytes, how = first_search_bytes(site)
    return {
        "n": size, "pages": pages_built, "wall": wall, "wall_min": runs[0][0], "wall_max": runs[-1][0],
        **{f"t_{k}": v for k, v in report.timings.items()},
        "site_mb": directory_size(site) / 1e6, "page_kb": mean_practice_page(site, project) / 1024,
        "ms_per_page": wall * 1000 / pages_built, "search_kb": search_bytes / 1024, "search_how": how,
    }


# Cold PDF builds of the real data per benchmark run: the median is reported, with the range and
# the load beside it. At N = 1,000 one cold build takes many minutes and its noise is small next to it.
PDF_REPEATS = 3
PDF_REPEATS_ABOVE = 100  # records; larger sizes are built once


def edit_record(project: Path) -> str:
    """A contributor's edit of one record that every language shows: one word more in each summary."""
    path = sorted((project / "data" / "praktijken").glob("*.yaml"))[0]
    text = re.sub(r"(?m)^(samenvatting(?:_fr|_en)?: >-\n  )", r"\1Bijgewerkt. ", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return path.stem


def _pdf_run(project: Path, site: Path) -> dict:
    import os
    import resource

    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = build.build_pdfs(project, site)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": report.seconds, "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "load": load, "load_after": os.getloadavg()[0],
            "book_seconds": report.worker_seconds.get("book", 0.0), "fiche_seconds": report.worker_seconds.get("fiches", 0.0),
            "book_pages": report.pages.get("book", 0), "fiche_pages": report.pages.get("fiches", 0),
            "fiches": len(report.fiches), "books": len(report.books), "books_cached": report.cached.get("book", 0),
            "fiches_cached": report.cached.get("fiches", 0), "idle_at_end": report.idle_at_end,
            "peak_mb": report.peak_memory_mb}


def measure_pdf(size: int) -> dict:
    """The PDF step (books and fiches in three languages) on N records: cold, then warm after one edit.

    The site is built first without PDFs (not timed), as `make site PDF=0` then `make pdf` would.
    Cold: no PDF cache. Warm: the same project after `edit_record` and the generation of its pages,
    with the cache the cold build left.
    """
    from kennisbank.print import pdf_cache

    project = make_project(size)
    site = project / "site"
    build.build_site(project, site, index=False, pdf=False)
    runs = []
    for _ in range(PDF_REPEATS if size <= PDF_REPEATS_ABOVE else 1):
        shutil.rmtree(project / pdf_cache.CACHE_DIR, ignore_errors=True)
        shutil.rmtree(site / "pdf", ignore_errors=True)
        runs.append(_pdf_run(project, site))
    runs.sort(key=lambda run: run["wall"])
    cold = dict(runs[len(runs) // 2], wall_min=runs[0]["wall"], wall_max=runs[-1]["wall"], repeats=len(runs))
    edited = edit_record(project)
    build.generate_pages(project / "docs", project / "data" / "praktijken", force=True)
    warm = _pdf_run(project, site)
    return {"n": size, **cold, "pdf_mb": directory_size(site / "pdf") / 1e6, "edited": edited,
            "warm": warm}


def run(sizes: list[int], output: Path, pdf_sizes: list[int] = (), reader: bool = True) -> list[dict]:
    """Measure, then rewrite the measured sections of `output` (a section not measured stays as it was)."""
    rows = []
    for size in sizes:
        print(f"Benchmark N={size} …", flush=True)
        rows.append(measure(size))
        print(f"  {rows[-1]['wall']:.1f} s, {rows[-1]['ms_per_page']:.2f} ms/page", flush=True)
    reader_text = ""
    if reader and _has_chromium():
        print("Reader-side benchmark (real data) …", flush=True)
        project = make_project(31)
        build.build_site(project, project / "site", pdf=False)
        metrics = reader_metrics(project / "site")
        metrics["lighthouse"] = lighthouse_scores(project / "site")
        reader_text = render_reader(metrics)
    pdf_rows = []
    for size in pdf_sizes:
        print(f"PDF benchmark N={size} …", flush=True)
        pdf_rows.append(measure_pdf(size))
        print(f"  cold {pdf_rows[-1]['wall']:.1f} s, warm after one edit {pdf_rows[-1]['warm']['wall']:.1f} s", flush=True)
    previous = split_sections(output.read_text(encoding="utf-8") if output.exists() else "")
    pdf_notes = previous[PDF_SECTION][previous[PDF_SECTION].find(PDF_NOTES):] if PDF_NOTES in previous[PDF_SECTION] else ""
    parts = [render(rows) if rows else previous["site"], reader_text or previous[READER_SECTION],
             render_pdf(pdf_rows, pdf_notes) if pdf_rows else previous[PDF_SECTION]]
    output.write_text("\n".join(part.strip("\n") + "\n" for part in parts if part.strip()), encoding="utf-8")
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    print(f"Written: {output}")
    return rows


READER_SECTION = "## Reader side: what a browser fetches"


def split_sections(text: str) -> dict[str, str]:
    """The site table, the reader section and the PDF section of an existing BENCHMARKS.md."""
    marks = sorted((text.find(h), h) for h in (READER_SECTION, PDF_SECTION) if text.find(h) >= 0)
    sections = {"site": text, READER_SECTION: "", PDF_SECTION: ""}
    if marks:
        sections["site"] = text[:marks[0][0]]
    for index, (start, heading) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        sections[heading] = text[start:end]
    return sections


def render_reader(m: dict) -> str:
    practice = m["practice page"]["bytes"]
    first, second = m["searches"]
    lines = [
        READER_SECTION, "",
        f"Measured {dt.date.today().isoformat()} with `make bench` on the real data (31 records), served on "
        "127.0.0.1 with gzip for text files (as GitHub Pages and most static hosts serve them), in headless "
        "Chromium with an empty cache for each page. Bytes are what went over the wire (each response's "
        "Content-Length, compressed where the server compresses); first contentful paint comes from the "
        "browser's Performance API.", "",
        "| page | requests | bytes transferred | first contentful paint |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label in READER_PAGES:
        row = m[label]
        lines.append(f"| {label} | {row['requests']} | {row['bytes'] / 1024:.0f} KB | {row['fcp_ms']:.0f} ms |")
    lines += ["", f"Searches on the practice page (\"{FIRST_QUERY['nl']}\", then \"{SECOND_QUERY}\", each loading "
              f"{RESULTS_SHOWN} results): first {first / 1024:.0f} KB, second {second / 1024:.0f} KB.", "",
              f"- Practice page before search: {practice / 1024:.0f} KB (target < {MAX_PRACTICE_PAGE_BYTES // 1024} KB): "
              f"{'met' if practice < MAX_PRACTICE_PAGE_BYTES else 'NOT met'}.",
              f"- First search: {first / 1024:.0f} KB (target < {MAX_FIRST_SEARCH_BYTES // 1024} KB): "
              f"{'met' if first < MAX_FIRST_SEARCH_BYTES else 'NOT met'}.",
              ]
    scores = m.get("lighthouse")
    if scores:
        lines += ["", "Lighthouse (desktop preset, Debian Chromium, same gzip server), scores out of 100:", "",
                  "| page | performance | accessibility | best practices |", "| --- | ---: | ---: | ---: |"]
        for label, row in scores.items():
            lines.append(f"| {label} | {row['performance']:.0f} | {row['accessibility']:.0f} | {row['best-practices']:.0f} |")
        worst = {k: min(row[k] for row in scores.values()) for k in ("performance", "accessibility")}
        lines += ["", f"- Lighthouse accessibility {worst['accessibility']:.0f} (target 100): "
                  f"{'met' if worst['accessibility'] >= 100 else 'NOT met'}.",
                  f"- Lighthouse performance {worst['performance']:.0f} (target ≥ 95 on desktop): "
                  f"{'met' if worst['performance'] >= 95 else 'NOT met'}."]
    else:
        lines.append("- Lighthouse: not run (tools/lighthouse is not installed; `make bench` installs it with npm ci).")
    return "\n".join(lines) + "\n"


LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def lighthouse_scores(site: Path) -> dict:
    """Lighthouse's performance, accessibility and best-practices scores for the reader pages, offline."""
    import json
    import os
    import subprocess
    import tempfile

    if not LIGHTHOUSE.exists():
        return {}
    handler = functools.partial(_Gzipping, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scores = {}
    try:
        for label, path in READER_PAGES.items():
            with tempfile.TemporaryDirectory() as folder:
                report = Path(folder) / "report.json"
                subprocess.run([str(LIGHTHOUSE), f"http://127.0.0.1:{server.server_address[1]}/{path}", "--preset=desktop",
                                "--only-categories=performance,accessibility,best-practices", "--output=json",
                                f"--output-path={report}", "--quiet", "--chrome-flags=--headless=new --no-sandbox "
                                "--disable-gpu --disable-background-networking --disable-component-update --no-first-run"],
                               env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, timeout=300)
                if report.exists():
                    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
                    scores[label] = {key: (value["score"] or 0) * 100 for key, value in categories.items()}
    finally:
        server.shutdown()
    return scores


PDF_SECTION = "## PDF: books and fiches"
# The PDF step should grow about linearly with the records: seconds per record at the largest N
# may be at most this factor above the smallest (fixed costs such as font loading shrink per record).
MAX_PDF_GROWTH_PER_RECORD = 1.5
# Targets from issue 18: a cold build of the real data, and wall per record at N = 1,000 (0.95 s
# measured before the cache and the levers of BENCHMARKS.md's PDF notes).
MAX_PDF_COLD_REAL_SECONDS = 15.0
MAX_PDF_SECONDS_PER_RECORD_1000 = 0.95
# Notes under the PDF tables: what each lever measured, kept when the tables are measured again.
PDF_NOTES = "### What made the PDFs faster"


def render_pdf(rows: list[dict], notes: str = "") -> str:
    lines = [
        PDF_SECTION,
        "",
        f"Measured {dt.date.today().isoformat()} with `make bench` on {_cpu_count()} cores shared with other work "
        "(the 1-minute load average is given beside each figure): the three books (`site/pdf/kennisbank-<lang>.pdf`) "
        "and a fiche per practice per language, made by WeasyPrint in one worker process per core, or one per book "
        "when the books fit in memory (kennisbank.print.pdf.worker_count). Cold: "
        f"no PDF cache, median of {PDF_REPEATS} builds up to N = {PDF_REPEATS_ABOVE} (range in brackets), one above. "
        "Worker time is the time of the tasks summed over the workers, CPU the processor time of all of them; "
        "wall is what a build waits.",
        "",
        "| N records | book pages (3 languages) | fiches | fiche pages | books, worker time | fiches, worker time | CPU | wall (range) | wall per record | workers idle at the end | memory per worker | load | PDF size |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        spread = f" ({r['wall_min']:.1f}–{r['wall_max']:.1f})" if r.get("repeats", 1) > 1 else ""
        lines.append(f"| {r['n']:,} | {r['book_pages']:,} | {r['fiches']:,} | {r['fiche_pages']:,} | {r['book_seconds']:.1f} s | "
                     f"{r['fiche_seconds']:.1f} s | {r['cpu']:.1f} s | {r['wall']:.1f} s{spread} | {r['wall'] * 1000 / r['n']:.0f} ms | "
                     f"{_idle(r)} | {r['peak_mb']:,.0f} MB | {r['load']:.1f} | {r['pdf_mb']:.1f} MB |")
    lines += ["", "Warm: the same build again after one edit (`bench.edit_record`: a word more in each summary of one "
              "record), with the cache the cold build left (`.cache/pdf/`, kennisbank.print.pdf_cache).", "",
              "| N records | fiches rendered | fiches from the cache | books rendered | CPU | wall | workers idle at the end | load |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        w = r["warm"]
        lines.append(f"| {r['n']:,} | {w['fiches'] - w['fiches_cached']:,} | {w['fiches_cached']:,} | {w['books'] - w['books_cached']} | "
                     f"{w['cpu']:.1f} s | {w['wall']:.1f} s | {_idle(w)} | {w['load']:.1f} |")
    lines.append("")
    by_n = {r["n"]: r for r in rows}
    if 31 in by_n:
        wall = by_n[31]["wall"]
        lines.append(f"- Cold build of the real data (N = 31): {wall:.1f} s at load {by_n[31]['load']:.1f} "
                     f"(target ≤ {MAX_PDF_COLD_REAL_SECONDS:.0f} s): {'met' if wall <= MAX_PDF_COLD_REAL_SECONDS else 'NOT met'}.")
    if 1000 in by_n:
        per_record = by_n[1000]["wall"] / 1000
        lines.append(f"- Wall per record at N = 1,000: {per_record:.2f} s at load {by_n[1000]['load']:.1f} "
                     f"(target ≤ {MAX_PDF_SECONDS_PER_RECORD_1000} s): {'met' if per_record <= MAX_PDF_SECONDS_PER_RECORD_1000 else 'NOT met'}.")
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        growth = (last["wall"] / last["n"]) / (first["wall"] / first["n"])
        pages_growth = (last["book_pages"] / last["n"]) / (first["book_pages"] / first["n"])
        lines.append(f"- Growth: wall per record at N = {last['n']:,} is {growth:.2f}× that at N = {first['n']:,} "
                     f"(target: roughly linear, ≤ {MAX_PDF_GROWTH_PER_RECORD}×): "
                     f"{'met' if growth <= MAX_PDF_GROWTH_PER_RECORD else 'NOT met'}. Book pages per record: ×{pages_growth:.2f}.")
    if notes.strip():
        lines += ["", notes.strip()]
    return "\n".join(lines) + "\n"


def _idle(run: dict) -> str:
    """Seconds each worker waited at the end for the last task of the others ("0.0 / 3.2 s")."""
    return " / ".join(f"{seconds:.1f}" for seconds in run["idle_at_end"]) + " s"


def render(rows: list[dict]) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today().isoformat()} with `make bench` on {platform.machine()}, "
        f"{_cpu_count()} cores, Python {platform.python_version()}. Each N is N practice records (the 31 real "
        "ones plus copies of them with new slugs and titles) built in nl, fr and en: validate → generate "
        f"Markdown → `mkdocs build --strict` (one process per language) → Pagefind. Each size is built {REPEATS} "
        "times from cold; the table shows the median run (wall-clock seconds), with the range of the total.",
        "",
        "| N records | pages (3 languages) | validate | generate | mkdocs | pagefind | total (range) | ms per page | site size | mean practice page | first search |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['pages']:,} | {r['t_validate']:.1f} s | {r['t_generate']:.1f} s | {r['t_mkdocs']:.1f} s | "
                     f"{r['t_pagefind']:.1f} s | {r['wall']:.1f} s ({r['wall_min']:.1f}–{r['wall_max']:.1f}) | {r['ms_per_page']:.2f} | {r['site_mb']:.1f} MB | "
                     f"{r['page_kb']:.1f} KB | {r['search_kb']:.0f} KB |")
    lines += ["", "First search: bytes downloaded from `/pagefind/` for the query "
              f"\"{FIRST_QUERY['nl']}\" on the Dutch overview, loading the first {RESULTS_SHOWN} results "
              f"({rows[-1]['search_how'] if rows else ''}; Pagefind's files are already compressed).", "", "## Targets", ""]
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 3000 in by_n:
        growth = by_n[3000]["wall"] / by_n[1000]["wall"]
        lines.append(f"- Linear growth: t(3,000) / t(1,000) = {growth:.2f} (target ≤ {MAX_GROWTH_1000_TO_3000}): "
                     f"{'met' if growth <= MAX_GROWTH_1000_TO_3000 else 'NOT met'}.")
    if rows:
        sizes = [r["page_kb"] for r in rows]
        lines.append(f"- Practice page size does not grow with N: {', '.join(f'{s:.1f} KB' for s in sizes)} "
                     f"({'met' if max(sizes) - min(sizes) < 1.0 else 'NOT met'}).")
        for r in rows:
            lines.append(f"- Whole pipeline per page at N = {r['n']:,}: {r['ms_per_page']:.2f} ms "
                         f"(target ≤ {MAX_MS_PER_PAGE:.0f} ms): {'met' if r['ms_per_page'] <= MAX_MS_PER_PAGE else 'NOT met'}.")
        if len(rows) >= 2:
            first, last = rows[0], rows[-1]
            marginal = (last["wall"] - first["wall"]) * 1000 / (last["pages"] - first["pages"])
            fixed = first["wall"] - marginal * first["pages"] / 1000
            lines.append(f"- Cost model from N = {first['n']:,} to {last['n']:,}: about {fixed:.1f} s fixed (Python and "
                         f"Material start-up in three per-language processes, Pagefind start) plus {marginal:.2f} ms per page.")
    if 3000 in by_n:
        kb = by_n[3000]["search_kb"]
        lines.append(f"- First search at N = 3,000: {kb:.0f} KB (target < {MAX_FIRST_SEARCH_BYTES // 1024} KB): "
                     f"{'met' if kb * 1024 < MAX_FIRST_SEARCH_BYTES else 'NOT met'}.")
    return "\n".join(lines) + "\n"


def _cpu_count() -> int:
    import os
    return os.cpu_count() or 1
