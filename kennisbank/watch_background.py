"""The live preview's slow work, in a child process at the lowest priority: search index, exports, PDFs.

Why a child process at nice 19: on two cores the MkDocs processes that render an edit must not wait
for Pagefind or WeasyPrint. The child reads the records itself, so the preview's loop hands it
nothing but paths, and the browser has its page before any of this starts.

Why never stopped half-way: these jobs write into the served site (the exports, the comparison's
facts, the feeds) or into folders the preview then swaps in whole (the search index, the PDFs);
killed in the middle, a file would be torn. When an edit comes while a job runs, kennisbank.watch
lets it finish and runs it once more.

    python -m kennisbank.watch_background refresh ROOT SITE_DIR SNAPSHOT EXPECTED
        the exports (data/ downloads), the comparison's facts and the Atom feeds, then Pagefind over
        the site (kennisbank.site.search, the same index `make site` makes, checked against
        EXPECTED pages per language); the finished index is copied as hard links to SNAPSHOT,
        which the preview's server serves /pagefind/ from.
    python -m kennisbank.watch_background pdf ROOT SHADOW
        every book and fiche through build.build_pdfs into SHADOW/pdf/ (a folder beside the site,
        so nothing the reader sees is half-written); the preview then links them into site/pdf/
        and turns the "not in this version" notes into links.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# The lowest priority there is: the preview's own rendering always comes first.
NICENESS = 19


def refresh(root: Path, site_dir: Path, snapshot: Path, expected: int) -> None:
    from kennisbank import build
    from kennisbank.opendata import exports
    from kennisbank.site import compare, discovery, search

    practices = build.load(root / "data" / "praktijken")
    today = build.build_day(root)
    exports.write_exports(practices, site_dir, root, today)
    compare.write_facts(practices, site_dir)
    discovery.write_feeds(practices, site_dir, root)
    try:
        counts = search.index_site(site_dir)
        search.check_counts(counts, expected)
    except search.SearchIndexError as error:
        raise build.DataError(str(error)) from None
    if snapshot.exists():
        shutil.rmtree(snapshot)
    link_tree(site_dir / search.INDEX_DIR_NAME, snapshot)


def link_tree(source: Path, target: Path) -> None:
    """A copy of the folder `source` made of hard links (instant, no space), or of copies where the
    two are on different file systems. Only for folders whose files are replaced, never rewritten in
    place: Pagefind deletes its whole folder before it writes a new index."""
    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link)


# Beside the PDFs while they are all complete: a job stopped half-way (the preview closed) leaves
# none, so the next preview does not copy a torn PDF into the site.
COMPLETE_MARK = "complete"


def pdf(root: Path, shadow: Path) -> None:
    from kennisbank import build

    shadow.mkdir(parents=True, exist_ok=True)
    (shadow / COMPLETE_MARK).unlink(missing_ok=True)
    build.build_pdfs(root, shadow, build.build_day(root))
    (shadow / COMPLETE_MARK).touch()


def main(argv: list[str]) -> int:
    from kennisbank.records.problems import DataError

    os.nice(NICENESS)
    job, *arguments = argv
    try:
        if job == "refresh":
            root, site_dir, snapshot, expected = arguments
            refresh(Path(root), Path(site_dir), Path(snapshot), int(expected))
        elif job == "pdf":
            root, shadow = arguments
            pdf(Path(root), Path(shadow))
        else:
            raise SystemExit(f"unknown job {job!r}")
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
