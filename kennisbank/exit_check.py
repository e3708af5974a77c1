"""The Zensical shadow build (`make exit-check`): how far the site is from building without MkDocs.

Why: Material for MkDocs reaches end of life on 5 May 2027; its authors' successor is Zensical. The
switch is not made yet (docs/uitstapplan.md says why and what has to change upstream), but it must
stay measurable. This check installs the newest Zensical that the package index can install, into a
virtualenv of its own (.venv-zensical: Zensical pins its own Markdown and Jinja stack), builds the
site with it and prints the page-by-page comparison with a MkDocs build (kennisbank/parity.py).
It is not part of CI: it measures an upstream project, and its answer is expected to be "not yet".

How Zensical is made to build this site, since it runs no MkDocs hooks and no plugins:
- one run per language (it ignores mkdocs-static-i18n): each language gets a docs folder in which
  its own files (`page.fr.md`) take the plain names, the Dutch page standing in where a translation
  is missing (static-i18n's fallback), and a configuration with that language's theme language,
  site name and navigation titles; the runs are assembled as static-i18n lays them out (Dutch at
  the root, `fr/`, `en/`);
- the jobs of the MkDocs hooks are done by the package around the build: before it, the page
  stages (kennisbank/site/stages.py, when present; else the same package functions the hooks call)
  expand the markers and write each page's search filter, labels and dates into its front matter;
  after it, the glossary and French typography go over the written pages;
- its built-in search is switched off (Pagefind indexes the site, as in the MkDocs build);
- then the build's own last steps: exports, sitemaps and feeds, the Pagefind index, PDF links.
"""
from __future__ import annotations

import json
import os
import re
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
ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*">)(.*?)(</article>)', re.S)
# Files of other languages: `page.fr.md`, `page.en.md` (mkdocs-static-i18n's suffix structure).
LANGUAGE_SUFFIX = re.compile(r"\.(" + "|".join(vocabulary.TRANSLATION_LANGUAGES) + r")\.md$")


@dataclass
class ExitCheck:
    version: str = ""
    refused: list[tuple[str, str]] = field(default_factory=list)  # (version, why pip could not install it)
    seconds: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    comparison: parity.Comparison | None = None


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

def _stages():
    """The page stages of the package (kennisbank.site.stages), or None while they do not exist yet."""
    try:
        from kennisbank.site import stages
    except ImportError:
        return None
    return stages


class _Page:
    """What site_context.decorate_page reads and writes of a MkDocs page, for a page outside MkDocs."""

    def __init__(self, meta: dict, src_uri: str, abs_src_path: Path):
        self.meta, self.edit_url = meta, "set"
        self.file = type("File", (), {"src_uri": src_uri, "abs_src_path": str(abs_src_path)})()


class _Config(dict):
    """The MkDocs configuration as decorate_page reads it: keys, and the theme as an attribute."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme = self["theme"]


def page_source(markdown: str, lang: str, src_uri: str, source: Path, root: Path, config: dict) -> str:
    """The page's final Markdown for a generator without hooks: markers expanded, the meta in its front matter."""
    from kennisbank.print.print_html import split_front_matter
    from kennisbank.site import markers, site_context

    meta, body = split_front_matter(markdown)
    body = markers.expand(body, lang, src_uri, root)
    page = _Page(meta, src_uri, source)
    site_context.decorate_page(page, _Config(config, config_file_path=str(root / "mkdocs.yml"), theme={"language": lang}))
    if page.edit_url != "set":
        meta["kb_edit_url"] = page.edit_url  # None for generated listing pages: nothing to edit
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def language_docs(docs_dir: Path, lang: str, target: Path, root: Path, config: dict) -> int:
    """Write one language's docs folder into `target`; returns the number of pages."""
    stages = _stages()
    if target.exists():
        shutil.rmtree(target)
    count = 0
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if path.is_dir():
            continue
        if path.suffix != ".md":
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            continue
        if LANGUAGE_SUFFIX.search(relative):
            continue  # a translation: taken below, in its language's run
        source = path
        if lang != vocabulary.DEFAULT_LANGUAGE:
            translated = path.with_name(path.name.removesuffix(".md") + f".{lang}.md")
            source = translated if translated.exists() else path
        text = source.read_text(encoding="utf-8")
        if stages and hasattr(stages, "page_source"):
            text = stages.page_source(text, lang, relative, root)
        else:
            text = page_source(text, lang, relative, source, root, config)
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
        count += 1
    return count


def _translate_nav(nav, titles: dict[str, str]):
    if isinstance(nav, list):
        return [_translate_nav(item, titles) for item in nav]
    if isinstance(nav, dict):
        return {titles.get(key, key): _translate_nav(value, titles) for key, value in nav.items()}
    return nav


def language_config(config: dict, lang: str, project: Path, root: Path) -> dict:
    """mkdocs.yml for one language's Zensical run: no hooks and plugins, search off, static-i18n's settings applied."""
    i18n = next(item["i18n"] for item in config["plugins"] if isinstance(item, dict) and "i18n" in item)
    language = next(entry for entry in i18n["languages"] if entry["locale"] == lang)
    result = {key: value for key, value in config.items() if key not in ("plugins", "hooks")}
    for key in ("site_name", "site_description", "copyright"):
        if key in language:
            result[key] = language[key]
    result["site_url"] = config["site_url"].rstrip("/") + "/" + vocabulary.url_prefix(lang)
    result["docs_dir"], result["site_dir"] = "docs", "site"
    from kennisbank.site import site_context

    site_context.set_edit_uri(dict_config := {"config_file_path": str(root / "mkdocs.yml")})
    if "edit_uri" in dict_config:
        result["edit_uri"] = dict_config["edit_uri"]
    result["theme"] = dict(config["theme"], language=lang,
                           custom_dir=os.path.relpath(root / config["theme"]["custom_dir"], project))
    result["nav"] = _translate_nav(config["nav"], language.get("nav_translations") or {})
    # Zensical's own search is on unless switched off, and fails at 1,000 records: Pagefind indexes instead.
    result["plugins"] = [{"search": {"enabled": False}}]
    # The language selector: static-i18n links each page to itself in the other languages; this
    # configuration can only link to the other languages' home pages.
    base = config["site_url"].rstrip("/")
    result.setdefault("extra", {})
    result["extra"] = dict(result["extra"], alternate=[
        {"name": entry["name"], "link": f"{base}/{vocabulary.url_prefix(entry['locale'])}", "lang": entry["locale"]}
        for entry in i18n["languages"]])
    return result


# --- Building --------------------------------------------------------------------------------------

def run_zensical(project: Path, venv: Path = VENV) -> None:
    # Our Markdown extensions (kennisbank.site.markdown_raw, markdown_tables) are imported from the checkout.
    env = dict(os.environ, PYTHONPATH=str(ROOT), **build_date.environment(ROOT))
    result = subprocess.run([str(venv / "bin" / "zensical"), "build", "--clean", "--config-file", str(project / "mkdocs.yml")],
                            cwd=project, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise DataError(f"Zensical-build faalde in {project}:\n{(result.stdout + result.stderr)[-6000:]}")


def after_build(site_dir: Path, lang: str) -> None:
    """What the MkDocs hooks do to rendered pages: the glossary in the article, French typography everywhere."""
    stages = _stages()
    if stages and hasattr(stages, "finish_site"):
        stages.finish_site(site_dir, lang)
        return
    from kennisbank.site import glossary, typography

    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        text = ARTICLE.sub(lambda m: m.group(1) + glossary.annotate(m.group(2), lang) + m.group(3), text, count=1)
        page.write_text(typography.apply(text, lang), encoding="utf-8")


def build_zensical_site(site_dir: Path, root: Path = ROOT, venv: Path = VENV, check: ExitCheck | None = None) -> ExitCheck:
    """The whole site built with Zensical into `site_dir`, as `python -m kennisbank build --no-pdf` builds it with MkDocs."""
    from kennisbank.opendata import exports
    from kennisbank.site import compare, discovery, guide, pages, pdf_links, search

    check = check or ExitCheck()
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    docs_dir = root / "docs"
    started = time.perf_counter()
    practices = build.load(root / "data" / "praktijken")
    today = build.build_day(root)
    files = pages.plan(practices, today)
    pages.write(files, docs_dir)
    guide.write_practice_summary(practices, root, today)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    for lang in vocabulary.LANGUAGES:
        project = WORK_DIR / lang
        project.mkdir(parents=True, exist_ok=True)
        check.pages[lang] = language_docs(docs_dir, lang, project / "docs", root, config)
        (project / "mkdocs.yml").write_text(yaml.safe_dump(language_config(config, lang, project, root), allow_unicode=True,
                                                           sort_keys=False), encoding="utf-8")
        lang_started = time.perf_counter()
        run_zensical(project, venv)
        check.seconds[f"zensical {lang}"] = time.perf_counter() - lang_started
        after_build(project / "site", lang)
        destination = site_dir / vocabulary.url_prefix(lang)
        if lang == vocabulary.DEFAULT_LANGUAGE:
            shutil.copytree(project / "site", site_dir)
        else:
            shutil.copytree(project / "site", destination)
    exports.write_exports(practices, site_dir, root, today)
    compare.write_facts(practices, site_dir)
    discovery.complete_sitemap(site_dir, discovery.page_dates(practices, root))
    discovery.write_feeds(practices, site_dir, root)
    indexed = search.index_site(site_dir)
    check.pages.update({f"zoekindex {lang}": count for lang, count in indexed.items()})
    pdf_links.sync(site_dir)
    check.seconds["zensical, alles"] = time.perf_counter() - started
    return check


def run(mkdocs_site: Path | None = None, root: Path = ROOT) -> ExitCheck:
    """Install, build with MkDocs (unless a built site is given) and with Zensical, compare; prints as it goes."""
    check = ExitCheck()
    version = install_newest(VENV, check)
    for refused, reason in check.refused:
        print(f"{PACKAGE} {refused}: niet te installeren ({reason})")
    print(f"{PACKAGE} {version} geïnstalleerd in {VENV}")
    if mkdocs_site is None:
        mkdocs_site = WORK_DIR / "mkdocs-site"
        started = time.perf_counter()
        build.build_site(root, mkdocs_site, pdf=False, generator="mkdocs")
        check.seconds["mkdocs, alles"] = time.perf_counter() - started
    zensical_site = WORK_DIR / "zensical-site"
    build_zensical_site(zensical_site, root, VENV, check)
    check.comparison = parity.compare_sites(mkdocs_site, zensical_site)
    print(parity.report(check.comparison))
    print(summary(check))
    return check


def summary(check: ExitCheck) -> str:
    seconds = ", ".join(f"{name} {value:.1f} s" for name, value in check.seconds.items())
    pages = ", ".join(f"{name} {value}" for name, value in check.pages.items())
    comparison = check.comparison
    verdict = ("geen verschillen: klaar om over te stappen" if comparison and not comparison.differences
               else f"{len(comparison.differences)} verschillen: nog niet overstappen (docs/uitstapplan.md)")
    return (f"Uitstapcontrole {time.strftime('%Y-%m-%d')}: {PACKAGE} {check.version} tegen MkDocs; {verdict}.\n"
            f"Pagina's: {pages}. Tijd: {seconds}.\n"
            + json.dumps({"zensical": check.version, "refused": check.refused, "seconds": check.seconds,
                          "differences_per_aspect": {a: comparison.pages_differing(a) for a in ("pages", *parity.ASPECTS, "search index")}},
                         ensure_ascii=False))
