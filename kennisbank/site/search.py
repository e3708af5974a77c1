"""Index the built site with Pagefind, one index per language, and check the page counts.

1. Pagefind runs per language as soon as that language's pages are built (run_pagefind, from
   kennisbank.build), into a folder of its own; the languages' indexes are merged into one bundle
   afterwards (merge_indexes: Pagefind keeps languages apart anyway). index_site indexes a whole
   built site in one run (`python -m kennisbank index`).
2. The old index is deleted first, because Pagefind adds to an existing output folder.
3. Only `[data-pagefind-body]` is indexed (set on the article in overrides/main.html); the
   language comes from `<html lang>`, so nl, fr and en each get their own index.
4. Guard: every language must index exactly the number of pages the data says it has. A different
   count means the body marker went missing or a page was dropped, and the build fails.
5. Pagefind 1.5 writes its filter and metadata files in hash-map order, which changes on every run
   (Pagefind issue 638: fragments are stable since 1.3, "other files will still change"). Those few
   files are rewritten in sorted order under new content-hash names, so two builds of the same
   commit give the same index, byte for byte.
6. Beside the index, `kennisbank-zoeken.json` holds what the search box adds to Pagefind
   (docs/assets/zoeken/pagefind.js): the municipalities no practice covers, with their province's
   page, for "no practice in Sint-Truiden yet, see Limburg"; which kinds of page are listings that
   rank after practices; the places practices cover, for which practices come first; and the
   notices' texts per language (kennisbank/records/ui_strings.yaml). Which
   municipalities are covered is read from the site's own open data (data/praktijken.json, written
   by the same build), which province pages exist from the built site itself.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from kennisbank.opendata import exports
from kennisbank.records import vocabulary
from kennisbank.records.ui import t
from kennisbank.site import search_terms, typography

INDEX_DIR_NAME = "pagefind"
# The version whose file layout stable_order knows (requirements.txt pins pagefind[bin] to it).
PAGEFIND_VERSION = "1.5.2"
# Never indexed, so never in a result's title or excerpt: the "¶" permalinks that the toc extension
# adds to every heading ("Thema: Huisvesting¶"); Material's edit and view buttons; code, which on
# reader pages is developer text (settings, commands, field names), not what a reader searches for.
EXCLUDED_SELECTORS = ".headerlink, .md-content__button, code, pre"
# The file beside the index with what the search box adds (see 6. above).
SEARCH_DATA_NAME = "kennisbank-zoeken.json"
# Kinds of page (`kb_soort`, data/vocabularies/soort.yaml) that list other pages: overview, theme,
# region and organisation pages. They rank after practices (overrides/main.html lowers their
# weight with the same list).
LISTING_KINDS = ("overzicht", "organisatie")
# The region index, where a municipality whose province has no page of its own is sent.
REGIONS_PAGE = "praktijken/regio/"


class SearchIndexError(Exception):
    pass


def index_site(site_dir: Path) -> dict[str, int]:
    """Run Pagefind over `site_dir`; returns the number of indexed pages per language."""
    output = site_dir / INDEX_DIR_NAME
    run_pagefind(site_dir, None, output)
    stable_order(output)
    write_search_data(site_dir)
    return indexed_pages(site_dir)


def pagefind_glob(site_dir: Path, lang: str) -> str:
    """The pages of one language for Pagefind's --glob: its folder, or, for the default language at
    the site root, every top-level page and folder except the other languages' and the index's."""
    if lang != vocabulary.DEFAULT_LANGUAGE:
        return f"{lang}/**/*.html"
    skipped = set(vocabulary.LANGUAGES) | {INDEX_DIR_NAME}
    entries = sorted(entry.name + ("/**/*.html" if entry.is_dir() else "") for entry in site_dir.iterdir()
                     if entry.name not in skipped and (entry.is_dir() or entry.suffix == ".html"))
    return "{" + ",".join(entries) + "}"


def run_pagefind(site_dir: Path, lang: str | None, output: Path) -> None:
    """Pagefind over the pages of `lang` in site_dir (every language when None), into `output`
    (emptied first)."""
    if output.exists():
        shutil.rmtree(output)
    pages = ["--glob", pagefind_glob(site_dir, lang)] if lang else []
    result = subprocess.run([str(pagefind_executable()), "--site", str(site_dir), *pages,
                             "--output-path", str(output), "--exclude-selectors", EXCLUDED_SELECTORS],
                            capture_output=True, text=True)
    if result.returncode != 0:
        which = f" voor '{lang}'" if lang else ""
        raise SearchIndexError(f"Pagefind faalde{which} (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")


def merge_indexes(parts: list[Path], output: Path) -> dict[str, int]:
    """Pagefind indexes of single languages (run_pagefind) merged into one bundle at `output`.

    Why this works: Pagefind keeps each language apart anyway (its own metadata, index chunks,
    fragments and filters, named `<lang>_<hash>`); the script, worker, styles and word-splitting
    modules are the same files in every run; only the entry file lists the languages. The entry
    files' languages are joined, a language already in `output` is replaced, and the result is put
    in stable order (stable_order). Returns the pages per language of the merged index."""
    output.mkdir(parents=True, exist_ok=True)
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8")) if entry_path.exists() else None
    for part in parts:
        part_entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry is None:
            entry = dict(part_entry, languages={})
        for lang in part_entry["languages"]:
            if lang in entry["languages"]:
                _remove_language(output, lang, entry["languages"][lang]["hash"])
        for source in part.rglob("*"):
            if source.is_file() and source.name != "pagefind-entry.json":
                target = output / source.relative_to(part)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(source), target)
        entry["languages"].update(part_entry["languages"])
        shutil.rmtree(part)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    stable_order(output)
    return indexed_pages(output.parent, output.name)


def _remove_language(output: Path, lang: str, meta_hash: str) -> None:
    (output / f"pagefind.{meta_hash}.pf_meta").unlink(missing_ok=True)
    for folder in ("fragment", "index", "filter"):
        for path in (output / folder).glob(f"{lang}_*"):
            path.unlink()


def index_language(site_dir: Path, lang: str) -> int:
    """Index one language of a built site into site_dir/pagefind/, beside the languages already
    there; returns its number of indexed pages."""
    part = site_dir.parent / f".{site_dir.name}-pagefind-{lang}"
    run_pagefind(site_dir, lang, part)
    return merge_indexes([part], site_dir / INDEX_DIR_NAME).get(lang, 0)


# Pagefind's binary files: this signature, then CBOR, all gzipped (mtime 0, as Pagefind writes them).
PAGEFIND_SIGNATURE = b"pagefind_dcd"
# Hex digits in Pagefind's own names: `<lang>_<7>.pf_filter`, `pagefind.<lang>_<10>.pf_meta`.
FILTER_HASH_DIGITS, META_HASH_DIGITS = 7, 10


def _read_pagefind(path: Path):
    import cbor2

    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(PAGEFIND_SIGNATURE):
        raise SearchIndexError(f"{path}: geen Pagefind-bestand (andere Pagefind-versie dan {PAGEFIND_VERSION}?)")
    return cbor2.loads(raw[len(PAGEFIND_SIGNATURE):])


def _write_pagefind(folder: Path, lang: str, digits: int, name_format: str, value) -> str:
    """Write `value` under a name made from its content hash; returns the hash part of the name."""
    import cbor2

    data = gzip.compress(PAGEFIND_SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
    digest = f"{lang}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / name_format.format(digest)).write_bytes(data)
    return digest


def stable_order(output: Path) -> None:
    """Rewrite Pagefind's filter and metadata files, and its entry file, in sorted order (see 5. above).

    The metadata file is [version, pages, index chunks, filters as [name, file hash], sorts, …]; a
    filter file is [name, [[value, [page numbers]], …]]. Only the order of filters, their values and the
    sorts changes.
    """
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = output / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_pagefind(meta_path)
        filters = []
        for name, file_hash in sorted(meta[3]):
            filter_path = output / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = _read_pagefind(filter_path)
            filter_path.unlink()
            filters.append([name, _write_pagefind(output / "filter", lang, FILTER_HASH_DIGITS, "{}.pf_filter",
                                                  [filter_name, sorted(values)])])
        meta[3] = filters
        meta[4] = sorted(meta[4])  # the sorts (data-pagefind-sort), as [name, [page numbers]]: same story
        meta_path.unlink()
        info["hash"] = _write_pagefind(output, lang, META_HASH_DIGITS, "pagefind.{}.pf_meta", meta)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def covered_municipalities(site_dir: Path) -> set[str]:
    """The municipalities some practice covers, from the open data export of the same build."""
    export = site_dir / exports.DATA_DIR_NAME / "praktijken.json"
    if not export.exists():
        raise SearchIndexError(f"{export} ontbreekt: de zoekindex heeft de open data van dezelfde build nodig")
    practices = json.loads(export.read_text(encoding="utf-8"))["praktijken"]
    return search_terms.covered_municipalities([practice["werkgebied"] for practice in practices])


def province_pages(site_dir: Path) -> dict[str, str | None]:
    """Province id → its page below the site root (praktijken/regio/<slug>/), where the site has one
    in every language; None where it has none (the Walloon provinces, a province without practices)."""
    from kennisbank.records.places import gazetteer
    from kennisbank.site.pages import province_slug

    result = {}
    for pid in gazetteer().provinces.ids():
        page = f"{REGIONS_PAGE}{province_slug(pid)}/"
        built = all((site_dir / vocabulary.url_prefix(lang) / page / "index.html").exists() for lang in vocabulary.LANGUAGES)
        result[pid] = page if built else None
    return result


def notice_texts(lang: str) -> dict[str, str]:
    texts = {"geen_praktijk": t("search_no_practice", lang), "geen_praktijk_geen_pagina": t("search_no_practice_no_page", lang),
             "geen_praktijk_uitleg": t("search_no_practice_hint", lang)}
    return {key: typography.french_text(text) if lang == "fr" else text for key, text in texts.items()}


def write_search_data(site_dir: Path) -> Path:
    """The search box's own data beside the index (see 6. above)."""
    kinds = vocabulary.load("soort")
    data = search_terms.place_index(covered_municipalities(site_dir), province_pages(site_dir),
                                    {lang: notice_texts(lang) for lang in vocabulary.LANGUAGES})
    data["regio_index"] = REGIONS_PAGE
    data["soort"] = {lang: {"soort": t("filter_soort", lang), "overzicht": [kinds[kind].label(lang) for kind in LISTING_KINDS],
                            "praktijk": kinds["praktijk"].label(lang)}
                     for lang in vocabulary.LANGUAGES}
    target = site_dir / INDEX_DIR_NAME / SEARCH_DATA_NAME
    target.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return target


def pagefind_executable():
    """The binary shipped in the `pagefind_bin` wheel, called directly (no second Python start)."""
    import pagefind_bin

    return pagefind_bin.get_executable()


def indexed_pages(site_dir: Path, index_dir: str = INDEX_DIR_NAME) -> dict[str, int]:
    entry = json.loads((site_dir / index_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
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
