"""The four site builds that `make bench` measures side by side, so the package's own cost shows (issue 18).

A: the package's build, `python -m kennisbank build --no-pdf`, cold (no generated or prepared pages,
   no template cache): validate, prepare the pages, MkDocs, comparison facts, Pagefind, exports.
B: what the generator costs by itself on the same pages: A's prepared Markdown (links as readers get
   them), MkDocs + Material + mkdocs-static-i18n with none of the package's hooks (a hook file that
   only pins each process to its language), three per-language processes side by side, the
   package's Markdown extensions kept (`kennisbank.site.markdown_raw` saves MkDocs a third of its
   time on these pages), then Pagefind over the whole site. A/B is what the package adds.
C: how far the generator is from a fast one: Hugo (Debian's) on the same Dutch Markdown with bare
   layouts (the page's content in a body marked for Pagefind), then Pagefind.
D: Pagefind alone, over A's whole site.

Each runs in a process of its own, started by `measure`, which takes its wall time and its CPU time
(user + system, its own and that of every process it waited for: os.wait4). The set-up of B, C and
D from A's output is not timed.

Why earlier output is set aside (renamed), not deleted, before a timed run: on ext4 without a
journal (this benchmark machine's disk), a new file does not reuse an inode freed in the last 30
seconds; the kernel steps past each one, reading its inode table block (fs/ext4/ialloc.c,
recently_deleted; `perf` showed find_inode_bit and recently_deleted on top). Right after the
previous round's ten thousand files were deleted, every file a build creates cost about a
millisecond of kernel time: A measured 39.6 s wall (73.5 s CPU) instead of 23.8 s (44.4 s), and B
22.7 s instead of 17.0 s. That is the harness's deletion, not the build: `bench.measure` deletes
what was set aside only after a size's rounds, and waits SETTLE_SECONDS before the next size.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kennisbank.records import vocabulary

CONFIGURATIONS = ("A", "B", "C", "D")
# The same, for BENCHMARKS.md.
CONFIGURATIONS_TEXT = [
    "- **A**: `python -m kennisbank build --no-pdf`, cold (no generated or prepared pages, no template cache).",
    "- **B**: the generator alone on the same pages: A's prepared Markdown, MkDocs + Material + mkdocs-static-i18n "
    "without the package's hooks (a hook that only pins each process's language), three per-language processes "
    "side by side, `kennisbank.site.markdown_raw` kept, then Pagefind over the site. A/B is what the package adds.",
    "- **C**: Hugo (Debian's) on the same Dutch Markdown with bare layouts, then Pagefind.",
    "- **D**: Pagefind alone on A's site.",
]
# B's only hook: the language of the process, as kennisbank.site.site_context.pin_language does it.
PIN_HOOK = '''"""Benchmark configuration B: no package hooks; only this process's language is pinned."""
import os

from mkdocs.plugins import event_priority


@event_priority(100)
def on_config(config):
    language = os.environ.get("KENNISBANK_BUILD_LANGUAGE")
    if language:
        plugin = config.plugins["i18n"]
        plugin.current_language = language
        plugin.building = True
    return config
'''
# C's bare layouts: the page's content, marked for Pagefind, in the page's language.
HUGO_CONFIG = '''baseURL = "/"
languageCode = "nl"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
'''
HUGO_LAYOUT = ('<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n'
               '<body><main data-pagefind-body>{{ .Content }}</main></body></html>\n')
HUGO = shutil.which("hugo") or "/usr/bin/hugo"


def hugo_available() -> bool:
    return Path(HUGO).exists()


# How long a freed inode stays skipped on ext4 without a journal: 30 seconds, 5 more while its
# inode table block is dirty (recently_deleted in fs/ext4/ialloc.c).
SETTLE_SECONDS = 35
SET_ASIDE = ".set-aside"


def set_aside(path: Path, beside: Path) -> None:
    """Move `path` out of the way into `.set-aside/` in the folder `beside` (outside every folder a
    build reads), for bench.measure to delete after the timed runs (see the module docstring: a
    deletion would slow the next run's file creation)."""
    if not path.exists():
        return
    folder = beside / SET_ASIDE
    folder.mkdir(exist_ok=True)
    path.rename(folder / f"{path.name}-{time.time_ns()}")


def settle(folder: Path) -> None:
    """Delete what set_aside moved away anywhere under `folder`, then wait until the filesystem
    reuses the freed inodes (SETTLE_SECONDS), so that the next timed run meets no recent deletion."""
    for found in sorted(folder.rglob(SET_ASIDE), reverse=True):
        shutil.rmtree(found, ignore_errors=True)
    time.sleep(SETTLE_SECONDS)


# --- Timing ----------------------------------------------------------------------------------------

def measure(configuration: str, *args: Path) -> dict:
    """Run one configuration in its own process; its wall and CPU seconds, and what it reports."""
    command = [sys.executable, "-m", "kennisbank.bench_configurations", configuration, *map(str, args)]
    started = time.perf_counter()
    # Output to files, not pipes: reading two pipes one after the other could block the process.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"configuration {configuration} failed (exit {process.returncode}):\n"
                           f"{stderr.decode('utf-8', 'replace')[-4000:]}")
    reported = json.loads(stdout.decode("utf-8").strip().splitlines()[-1] or "{}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, **reported}


def cold(project: Path, site: Path) -> None:
    """What A must not find from a previous run: generated and prepared pages, template cache, site."""
    for path in (project / "docs" / "praktijken", project / ".cache", site):
        set_aside(path, project.parent)


# --- Set-up of B, C and D from A's output (not timed) ------------------------------------------------

def unprotect(folder: Path) -> None:
    """Links in raw HTML as readers get them (stages.prepare protects them for finish_page)."""
    from kennisbank.site import stages

    for page in folder.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if stages.PROTECTED in text:
            page.write_text(stages.unprotect_links(text), encoding="utf-8")


def set_up_b(project: Path, target: Path) -> Path:
    """A project with A's prepared pages of every language in one docs folder and only the pin hook."""
    from kennisbank import build

    set_aside(target, target.parent)
    target.mkdir(parents=True)
    shutil.copytree(project / "overrides", target / "overrides")
    (target / "hooks").mkdir()
    (target / "hooks" / "pin_language.py").write_text(PIN_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config.replace("hooks/kennisbank_hooks.py", "hooks/pin_language.py"), encoding="utf-8")
    for lang in vocabulary.LANGUAGES:
        shutil.copytree(build.prepared_dir(project, lang), target / "docs", dirs_exist_ok=True)  # links followed
    unprotect(target / "docs")
    return target


def set_up_c(project: Path, target: Path) -> Path:
    """A Hugo site with A's prepared Dutch pages as its content and the bare layouts."""
    from kennisbank import build

    set_aside(target, target.parent)
    content = target / "content"
    shutil.copytree(build.prepared_dir(project, vocabulary.DEFAULT_LANGUAGE), content, ignore=shutil.ignore_patterns("assets"))
    unprotect(content)
    for index in content.rglob("index.md"):
        index.rename(index.with_name("_index.md"))  # a folder's index is Hugo's list page (`index.md` would make it a bundle)
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_LAYOUT, encoding="utf-8")
    (target / "layouts" / "index.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    return target


def set_up_d(site: Path, target: Path) -> Path:
    """A copy of A's site without its search index."""
    set_aside(target, target.parent)
    shutil.copytree(site, target, ignore=shutil.ignore_patterns("pagefind"))
    return target


# --- The configurations, each run in its own process (see `measure`) ---------------------------------

def pagefind(site: Path) -> None:
    """Pagefind over a whole site, with the settings the package's index uses."""
    from kennisbank.site import search

    subprocess.run([str(search.pagefind_executable()), "--site", str(site), "--output-subdir", search.INDEX_DIR_NAME,
                    "--exclude-selectors", search.EXCLUDED_SELECTORS, "--quiet"], check=True, stdout=subprocess.DEVNULL)


def run_a(project: Path, site: Path) -> dict:
    from kennisbank import build

    report = build.build_site(project, site, pdf=False)
    return {"timings": report.timings, "steps_cpu": report.cpu, "pages": report.expected_per_language * len(vocabulary.LANGUAGES)}


def run_b(project: Path, site: Path) -> dict:
    from kennisbank import build
    from kennisbank.site import site_context

    staging = {lang: build.staging_dir(site, lang) for lang in vocabulary.LANGUAGES}
    processes = []
    for lang, folder in staging.items():
        set_aside(folder, site.parent)
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(project / "mkdocs.yml"),
             "--site-dir", str(folder)], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env=dict(os.environ, **{site_context.BUILD_LANGUAGE_ENV: lang})))
    for process in processes:
        _, stderr = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(stderr.decode("utf-8", "replace")[-4000:])
    started = time.perf_counter()
    set_aside(site, site.parent)
    staging[vocabulary.DEFAULT_LANGUAGE].rename(site)
    for lang, folder in staging.items():
        if lang != vocabulary.DEFAULT_LANGUAGE:
            (folder / lang).rename(site / lang)
            shutil.rmtree(folder)
    pagefind(site)
    return {"pagefind": time.perf_counter() - started}


def run_c(project: Path, site: Path) -> dict:
    set_aside(site, site.parent)
    subprocess.run([HUGO, "--quiet", "--source", str(project), "--destination", str(site)], check=True,
                   stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    pagefind(site)
    return {"pagefind": time.perf_counter() - started, "pages": sum(1 for _ in site.rglob("*.html"))}


def run_d(site: Path) -> dict:
    set_aside(site / "pagefind", site.parent)
    pagefind(site)
    return {}


def main(argv: list[str]) -> None:
    configuration, *paths = argv
    runner = {"A": run_a, "B": run_b, "C": run_c, "D": run_d}[configuration]
    result = runner(*map(Path, paths))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
