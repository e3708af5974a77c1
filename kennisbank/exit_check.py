"""The Zensical shadow build (`make exit-check`): how far the site is from building without MkDocs.

Why: Material for MkDocs reaches end of life on 5 May 2027; its authors' successor is Zensical. The
switch is not made yet (docs/uitstapplan.md says why and what has to change upstream), but it must
stay measurable. This check installs the newest Zensical that the package index can install, into a
virtualenv of its own (.venv-zensical: Zensical pins its own Markdown and Jinja stack), builds the
site with it and prints the page-by-page comparison with a MkDocs build (kennisbank/parity.py).
It is not part of CI: it measures an upstream project, and its answer is expected to be "not yet".

How Zensical is made to build this site, since it runs no MkDocs hooks and no plugins:
- one run per language (it ignores mkdocs-static-i18n): the page stages write each language's pages
  under their plain names (kennisbank.site.stages.prepare with suffixed=False), and each run gets a
  configuration with that language's theme language, site name, site URL and navigation titles;
  the runs are assembled as static-i18n lays them out (Dutch at the root, `fr/`, `en/`);
- the jobs of the MkDocs hooks are the page stages' as in the MkDocs build: before the run, markers
  expanded and each page's search filter, edit link, labels and dates in its front matter, relative
  links in raw HTML protected; after it, stages.finish: the glossary, the links written back, French
  typography and the language's Pagefind index;
- its built-in search is switched off (Pagefind indexes the site, as in the MkDocs build);
- then the build's own last steps: exports, sitemaps and feeds, PDF links.
"""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kennisbank import build, build_date, parity
from kennisbank.paths import ROOT
from kennisbank.records import vocabulary
from kennisbank.records.problems import DataError

VENV = ROOT / ".venv-zensical"
WORK_DIR = ROOT / ".cache" / "exit-check"
PACKAGE = "zensical"


@dataclass
class ExitCheck:
    version: str = ""
    refused: list[tuple[str, str]] = field(default_factory=list)  # (version, why pip could not install it)
    seconds: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    comparison: parity.Comparison | None = None
    problems: list[str] = field(default_factory=list)  # what the build's own checks found in the Zensical site


# --- Installing ------------------------------------------------------------------------------------

def _pip(*args: str, venv: Path = VENV) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "python"), "-m", "pip", *args], capture_output=True, text=True)


def versions_newest_first(venv: Path = VENV) -> list[str]:
    """The versions of Zensical the package index lists, newest first (pip's own list)."""
    result = _pip("index", "versions", PACKAGE, venv=venv)
    found = re.search(r"Available versions: (.*)", result.stdout)
    if result.returncode != 0 or not found:
        raise DataError(f"pip vindt {PACKAGE} niet op de pakketindex:\n{result.stderr[-2000:]}")
    return [version.strip() for version in found.group(1).split(",")]


def install_newest(venv: Path = VENV, check: ExitCheck | None = None) -> str:
    """Install the newest version pip can install with its dependencies; returns it.

    Newest first, because a release can list a dependency the index does not have (every release
    from 0.0.74 needs `zensical-ui`, which has no files there on 2026-12-01): pip then refuses it and
    the next one is tried. What was refused, and why, is kept in `check.refused`.
    """
    check = check or ExitCheck()
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        _pip("install", "--quiet", "--upgrade", "pip", venv=venv)
    for version in versions_newest_first(venv):
        result = _pip("install", "--quiet", f"{PACKAGE}=={version}", venv=venv)
        if result.returncode == 0:
            check.version = version
            return version
        reason = next((line for line in result.stderr.splitlines() if line.startswith("ERROR: No matching")),
                      result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "pip faalde")
        check.refused.append((version, reason.removeprefix("ERROR: ")))
    raise DataError(f"Geen enkele versie van {PACKAGE} is te installeren: " + "; ".join(f"{v}: {r}" for v, r in check.refused))


# --- One language's project ------------------------------------------------------------------------

def _translate_nav(nav, titles: dict[str, str]):
    if isinstance(nav, list):
        return [_translate_nav(item, titles) for item in nav]
    if isinstance(nav, dict):
        return {titles.get(key, key): _translate_nav(value, titles) for key, value in nav.items()}
    return nav


def language_config(config: dict, lang: str, project: Path, root: Path, builtin_search: bool = False) -> dict:
    """mkdocs.yml for one language's Zensical run: no hooks and plugins, search off, static-i18n's settings applied."""
    i18n = next(item["i18n"] for item in config["plugins"] if isinstance(item, dict) and "i18n" in item)
    language = next(entry for entry in i18n["languages"] if entry["locale"] == lang)
    result = {key: value for key, value in config.items() if key not in ("plugins", "hooks")}
    for key in ("site_name", "site_description", "copyright"):
        if key in language:
            result[key] = language[key]
    result["site_url"] = config["site_url"].rstrip("/") + "/" + vocabulary.url_prefix(lang)
    result["docs_dir"], result["site_dir"] = "docs", "site"
    # The classic variant is the one that keeps Material for MkDocs' look and markup.
    result["theme"] = dict(config["theme"], language=lang, variant="classic",
                           custom_dir=os.path.relpath(root / config["theme"]["custom_dir"], project))
    result["nav"] = _translate_nav(config["nav"], language.get("nav_translations") or {})
    # Zensical's own search is on unless switched off, and failed at 1,000 records when measured before:
    # Pagefind indexes instead. `builtin_search` (exit-check --zensical-search) leaves it on.
    result["plugins"] = [{"search": {"enabled": builtin_search}}]
    base = config["site_url"].rstrip("/")
    result["extra"] = dict(
        config.get("extra") or {},
        # The templates' way from this run's root (`fr/`) up to the site's, where Pagefind and the PDFs
        # live (overrides/main.html).
        kb_site_root="" if lang == vocabulary.DEFAULT_LANGUAGE else "/..",
        # The language selector: static-i18n links each page to itself in the other languages; a
        # configuration can only link to the other languages' home pages.
        alternate=[{"name": entry["name"], "link": f"{base}/{vocabulary.url_prefix(entry['locale'])}",
                    "lang": entry["locale"]} for entry in i18n["languages"]])
    return result


# --- Building --------------------------------------------------------------------------------------

def child_cpu_seconds() -> float:
    """Processor time used so far by this process's finished children (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_mkdocs_alone(root: Path, lang: str, check: ExitCheck) -> None:
    """MkDocs once more for one language on the pages the build prepared, timed as a Zensical run is:
    alone, on the clock and in processor time (the hooks' HTML pass included, as MkDocs runs it)."""
    import multiprocessing

    target = WORK_DIR / f"mkdocs-timing-{lang}"
    started, cpu = time.perf_counter(), child_cpu_seconds()
    # In a forked process, as the build runs it (build.run_mkdocs changes its process's directory and environment).
    process = multiprocessing.get_context("fork").Process(
        target=build.run_mkdocs, args=(root / "mkdocs.yml", target, lang, build.prepared_dir(root, lang), "mkdocs"))
    process.start()
    process.join()
    if process.exitcode:
        raise DataError(f"MkDocs-build voor de tijdmeting faalde [{lang}] (exit {process.exitcode}).")
    check.seconds[f"mkdocs {lang}"] = time.perf_counter() - started
    check.seconds["mkdocs cpu"] = check.seconds.get("mkdocs cpu", 0.0) + child_cpu_seconds() - cpu
    shutil.rmtree(target, ignore_errors=True)


def run_zensical(project: Path, venv: Path = VENV) -> None:
    # Our Markdown extensions (kennisbank.site.markdown_raw, markdown_tables) are imported from the checkout.
    env = dict(os.environ, PYTHONPATH=str(ROOT), **build_date.environment(ROOT))
    result = subprocess.run([str(venv / "bin" / "zensical"), "build", "--clean", "--config-file", str(project / "mkdocs.yml")],
                            cwd=project, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise DataError(f"Zensical-build faalde in {project}:\n{(result.stdout + result.stderr)[-6000:]}")


def build_zensical_site(site_dir: Path, root: Path = ROOT, venv: Path = VENV, check: ExitCheck | None = None,
                        builtin_search: bool = False) -> ExitCheck:
    """The whole site built with Zensical into `site_dir`, as `python -m kennisbank build --no-pdf` builds it with MkDocs.

    The same page stages as the MkDocs build (kennisbank.site.stages), one language per run."""
    from kennisbank.opendata import exports
    from kennisbank.site import compare, discovery, guide, pages, pdf_links, search, stages

    check = check or ExitCheck()
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    docs_dir = root / "docs"
    started = time.perf_counter()
    practices = build.load(root / "data" / "praktijken")
    today = build.build_day(root)
    context = pages.plan_context(practices)
    guide.write_practice_summary(practices, root, today)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    files = []
    for lang in vocabulary.LANGUAGES:
        project = WORK_DIR / lang
        prepared = stages.prepare(docs_dir, project / "docs", lang, practices=practices, today=today, suffixed=False,
                                  context=context)
        files += prepared.generated
        check.pages[lang] = prepared.pages
        (project / "mkdocs.yml").write_text(yaml.safe_dump(language_config(config, lang, project, root, builtin_search), allow_unicode=True,
                                                           sort_keys=False), encoding="utf-8")
        lang_started, cpu = time.perf_counter(), child_cpu_seconds()
        run_zensical(project, venv)
        check.seconds[f"zensical {lang}"] = time.perf_counter() - lang_started
        check.seconds["zensical cpu"] = check.seconds.get("zensical cpu", 0.0) + child_cpu_seconds() - cpu
        shutil.copytree(project / "site", site_dir / vocabulary.url_prefix(lang), dirs_exist_ok=True)
    exports.write_exports(practices, site_dir, root, today)
    compare.write_facts(practices, site_dir)
    discovery.complete_sitemap(site_dir, discovery.page_dates(practices, root))
    discovery.write_feeds(practices, site_dir, root)
    finish_started, finish_cpu = time.perf_counter(), time.process_time()
    for lang in vocabulary.LANGUAGES:
        stages.finish(site_dir, lang, index=False)  # the glossary, the protected links, French typography
    check.seconds["stages.finish zonder Pagefind"] = time.perf_counter() - finish_started
    check.seconds["stages.finish cpu"] = time.process_time() - finish_cpu
    for lang in vocabulary.LANGUAGES:
        search.index_language(site_dir, lang)
    indexed = search.indexed_pages(site_dir)
    search.write_search_data(site_dir)
    check.pages.update({f"zoekindex {lang}": count for lang, count in indexed.items()})
    try:
        search.check_counts(indexed, build.expected_pages_per_language(files, docs_dir))
    except search.SearchIndexError as error:
        check.problems.append(str(error))
    pdf_links.sync(site_dir)
    check.seconds["zensical, alles"] = time.perf_counter() - started
    from kennisbank.contrib import links

    check.problems += [f"kapotte link: {line}" for line in links.broken_links(site_dir)]
    return check


def run(mkdocs_site: Path | None = None, root: Path = ROOT, records: int | None = None,
        builtin_search: bool = False) -> ExitCheck:
    """Install, build with MkDocs (unless a built site is given) and with Zensical, compare; prints as it goes.

    `records`: build a copy of the project with that many records instead (the benchmark's synthetic
    project, kennisbank.bench.make_project), to see how Zensical scales. `builtin_search`: leave
    Zensical's own search on."""
    check = ExitCheck()
    if records:
        from kennisbank import bench

        root = bench.make_project(records)
        print(f"Project met {records} praktijken: {root}")
    version = install_newest(VENV, check)
    for refused, reason in check.refused:
        print(f"{PACKAGE} {refused}: niet te installeren ({reason})")
    print(f"{PACKAGE} {version} geïnstalleerd in {VENV}")
    if mkdocs_site is None:
        mkdocs_site = WORK_DIR / "mkdocs-site"
        started = time.perf_counter()
        build.build_site(root, mkdocs_site, pdf=False, generator="mkdocs")
        check.seconds["mkdocs-build, alles"] = time.perf_counter() - started
        for lang in vocabulary.LANGUAGES:
            time_mkdocs_alone(root, lang, check)
    zensical_site = WORK_DIR / "zensical-site"
    build_zensical_site(zensical_site, root, VENV, check, builtin_search)
    check.comparison = parity.compare_sites(mkdocs_site, zensical_site)
    print(parity.report(check.comparison))
    print(summary(check))
    return check


def summary(check: ExitCheck) -> str:
    """The verdict, what is equal and what differs (pages per aspect), the versions refused, the times."""
    comparison = check.comparison
    aspects = ("pages", *parity.ASPECTS, "search index")
    differing = {aspect: comparison.pages_differing(aspect) for aspect in aspects}
    verdict = ("geen verschillen: klaar om over te stappen" if not comparison.differences
               else f"{len(comparison.differences)} verschillen: nog niet overstappen (docs/uitstapplan.md)")
    lines = [f"Uitstapcontrole {time.strftime('%Y-%m-%d')}: {PACKAGE} {check.version} tegen MkDocs; {verdict}.",
             "Gelijk: " + ", ".join(aspect for aspect in aspects if not differing[aspect]) + ".",
             "Verschillend (pagina's): " + (", ".join(f"{aspect} {count}" for aspect, count in differing.items() if count)
                                            or "niets") + "."]
    if check.pages:
        lines.append("Pagina's: " + ", ".join(f"{name} {value}" for name, value in check.pages.items()) + ".")
    if check.seconds:
        lines.append("Tijd: " + ", ".join(f"{name} {value:.1f} s" for name, value in check.seconds.items()) + ".")
    lines += [f"Controle van de build: {problem}" for problem in check.problems]
    lines.append(json.dumps({"zensical": check.version, "refused": check.refused, "seconds": check.seconds,
                             "differences_per_aspect": differing, "problems": len(check.problems)}, ensure_ascii=False))
    return "\n".join(lines)
