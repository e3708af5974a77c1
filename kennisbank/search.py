"""Index the built site with Pagefind, one index per language, and check the page counts.

1. Pagefind runs after the whole multi-language MkDocs build (static-i18n's on_post_build fires
   before the later languages are written, so indexing inside MkDocs would miss them).
2. The old index is deleted first, because Pagefind adds to an existing output folder.
3. Only `[data-pagefind-body]` is indexed (set on the article in overrides/main.html); the
   language comes from `<html lang>`, so nl, fr and en each get their own index.
4. Guard: every language must index exactly the number of pages the data says it has. A different
   count means the body marker went missing or a page was dropped, and the build fails.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from kennisbank import vocabulary

INDEX_DIR_NAME = "pagefind"
# The "¶" permalinks that the toc extension adds to every heading; indexed, they end up in result
# titles and excerpts ("Thema: Huisvesting¶").
EXCLUDED_SELECTORS = ".headerlink"


class SearchIndexError(Exception):
    pass


def index_site(site_dir: Path) -> dict[str, int]:
    """Run Pagefind over `site_dir`; returns the number of indexed pages per language."""
    output = site_dir / INDEX_DIR_NAME
    if output.exists():
        shutil.rmtree(output)
    result = subprocess.run([str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", INDEX_DIR_NAME,
                             "--exclude-selectors", EXCLUDED_SELECTORS],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind faalde (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return indexed_pages(site_dir)


def pagefind_executable():
    """The binary shipped in the `pagefind_bin` wheel, called directly (no second Python start)."""
    import pagefind_bin

    return pagefind_bin.get_executable()


def indexed_pages(site_dir: Path) -> dict[str, int]:
    entry = json.loads((site_dir / INDEX_DIR_NAME / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {lang: info["page_count"] for lang, info in entry["languages"].items()}


def check_counts(counts: dict[str, int], expected_per_language: int) -> None:
    problems = []
    for lang in vocabulary.LANGUAGES:
        found = counts.get(lang, 0)
        if found != expected_per_language:
            problems.append(f"taal '{lang}': {found} pagina's geïndexeerd, {expected_per_language} verwacht")
    unexpected = sorted(set(counts) - set(vocabulary.LANGUAGES))
    if unexpected:
        problems.append(f"onverwachte taal in de index: {', '.join(unexpected)} (controleer <html lang> van die pagina's)")
    if problems:
        raise SearchIndexError(
            "De zoekindex klopt niet met de data:\n  " + "\n  ".join(problems)
            + "\nControleer of overrides/main.html het artikel nog met data-pagefind-body markeert, "
              "en of elke pagina een vertaling per taal heeft (docs/<pagina>.fr.md en .en.md).")
