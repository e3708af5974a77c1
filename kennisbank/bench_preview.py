"""Benchmark of the live preview: from saving a record to the updated page in the browser.

Why a real browser: what a contributor waits for is her own tab showing the change, so the clock
runs from the moment the record file is written to the moment headless Chromium, which the
preview's script has made reload the page by itself, shows the new title. That includes
noticing the change (polling), checking the record, generating and rendering its pages, and the
reload. Each size runs `python -m kennisbank.watch` (what `make serve` runs) on a throw-away project
(kennisbank.bench.make_project: the real records, plus synthetic copies up to N), with its PDFs
made in the background as `make serve` does; each edit changes the title of a real record (which
its own pages, the overview, theme, region and organisation pages show) and starts once the
preview is idle. The median of EDITS edits per size is compared with the issue's target; the time
until the overview shows the new title too, and the state of the PDF job, are reported beside it.

Not a timed test: the numbers depend on the machine and its load (`uptime` is written beside them).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from kennisbank import bench, doctor

SECTION = bench.PREVIEW_SECTION
# The targets: ≤ 2 s at the real data, ≤ 3 s at 1,000 records (median of 5 edits).
EDITS = 5
TARGETS = {31: 2.0, 1000: 3.0}
# The real record whose title every edit changes, and how long a step may take before the run fails.
RECORD = "gent-ankerkracht"
START_TIMEOUT = 600
EDIT_TIMEOUT = 60


def _uptime() -> str:
    return Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"


def start_preview(project: Path, pdf: bool = True) -> tuple[subprocess.Popen, str, Path]:
    """Start the preview on a free port; returns the process, its address and its terminal log."""
    log = project / "preview.log"
    command = [sys.executable, "-m", "kennisbank.watch", str(project), "--port", "0"] + ([] if pdf else ["--no-pdf"])
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        found = re.search(r"draait op (http://[\d.]+:\d+/)", log.read_text(encoding="utf-8"))
        if found:
            return process, found.group(1), log
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the preview did not start:\n{log.read_text(encoding='utf-8')[-3000:]}")


def stop_preview(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        process.wait(timeout=60)


def preview_state(address: str) -> dict:
    with urllib.request.urlopen(address + "__kennisbank/state", timeout=10) as response:
        return json.load(response)


def wait_idle(address: str, timeout: float = START_TIMEOUT) -> None:
    """Until the preview has nothing left to do but the PDFs (pages, exports and search index done)."""
    deadline = time.monotonic() + timeout
    while preview_state(address)["busy"]:
        if time.monotonic() > deadline:
            raise RuntimeError("the preview stayed busy")
        time.sleep(0.2)


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^titel: ".*"$', f'titel: "{title}"', text, count=1), encoding="utf-8")


def measure(size: int, edits: int = EDITS) -> dict:
    from playwright.sync_api import sync_playwright

    project = bench.make_project(size)
    record = project / "data" / "praktijken" / f"{RECORD}.yaml"
    original = re.search(r'(?m)^titel: "(.*)"$', record.read_text(encoding="utf-8")).group(1)
    process, address, log = start_preview(project)
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(doctor.CHROMIUM), args=doctor.CHROMIUM_ARGS)
            context = browser.new_context()
            practice, overview = context.new_page(), context.new_page()
            practice.goto(f"{address}praktijken/{RECORD}/")
            overview.goto(f"{address}praktijken/")
            for number in range(1, edits + 1):
                wait_idle(address)
                title = f"{original} (bewerking {number})"
                load, pdf_running = _uptime(), preview_state(address)["pdf_running"]
                saved = time.monotonic()
                retitle(record, title)
                practice.locator("h1", has_text=title).wait_for(timeout=EDIT_TIMEOUT * 1000)
                on_page = time.monotonic() - saved
                overview.locator(".kb-card", has_text=title).first.wait_for(timeout=EDIT_TIMEOUT * 1000)
                rows.append({"page": on_page, "overview": time.monotonic() - saved, "load": load, "pdf_running": pdf_running})
                print(f"  edit {number}: page {rows[-1]['page']:.2f} s, overview {rows[-1]['overview']:.2f} s "
                      f"(load {load})", flush=True)
            browser.close()
    finally:
        stop_preview(process)
        shutil.rmtree(project, ignore_errors=True)
    pages = [r["page"] for r in rows]
    return {"n": size, "edits": rows, "median": statistics.median(pages), "min": min(pages), "max": max(pages),
            "overview": statistics.median(r["overview"] for r in rows)}


def render(results: list[dict]) -> str:
    lines = [
        SECTION, "",
        f"Measured {dt.date.today().isoformat()} with `make bench` ({os.cpu_count()} cores). `python -m kennisbank.watch` "
        "(what `make serve` runs) serves a throw-away project with the real records, plus synthetic copies up to N; "
        f"each of {EDITS} edits changes a record's title once the preview is idle, and the clock runs from writing "
        "the file to headless Chromium showing the new title on the practice page, which the preview's script "
        "reloaded by itself. The PDFs are made in the background meanwhile, at the lowest priority, as `make serve` "
        "does. The overview column is the time until the overview (a second tab) shows the new title too.", "",
        "| N records | median (min–max) | overview, median | load average during the edits | PDF job running |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        loads = sorted(float(e["load"]) for e in r["edits"] if e["load"] != "?")
        running = sum(e["pdf_running"] for e in r["edits"])
        lines.append(f"| {r['n']:,} | {r['median']:.2f} s ({r['min']:.2f}–{r['max']:.2f}) | {r['overview']:.2f} s | "
                     f"{loads[0]:.1f}–{loads[-1]:.1f} | {running} of {len(r['edits'])} edits |")
    lines.append("")
    for r in results:
        target = TARGETS.get(r["n"])
        if target:
            label = "real data" if r["n"] == 31 else f"N = {r['n']:,}"
            lines.append(f"- Saving a record to the updated page, {label}: {r['median']:.2f} s (target ≤ {target:.0f} s): "
                         f"{'met' if r['median'] <= target else 'NOT met'}.")
    return "\n".join(lines) + "\n"


def run(sizes: list[int], output: Path) -> list[dict]:
    """Measure each size and put the section into `output` (BENCHMARKS.md), replacing an older one."""
    results = []
    for size in sizes:
        print(f"Live preview benchmark N={size} …", flush=True)
        results.append(measure(size))
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    start = text.find(SECTION)
    if start >= 0:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + (text[end + 1:] if end >= 0 else "")
    output.write_text(text.rstrip("\n") + "\n\n" + render(results), encoding="utf-8")
    return results


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=sorted(TARGETS))
    parser.add_argument("--output", type=Path, default=bench.ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    run(args.sizes, args.output)
