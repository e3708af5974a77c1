"""A cache of finished PDFs keyed by what they are made from, so a build renders only what changed.

Why: a build lays out every fiche again although most records did not change, and a fiche comes
out byte for byte the same from the same input (the build is reproducible, see
kennisbank.build_date). So each PDF is stored under the SHA-256 of its input, and a build takes
an entry whose key it computes again instead of rendering.

The key holds everything the bytes depend on:
- the HTML the PDF is rendered from: for a fiche the one-fiche document (the record as published,
  the privacy mode already applied, the language and the build date written out), for a book the
  whole book;
- the metadata set after rendering (title, language, dates);
- what every PDF shares (kennisbank.print.pdf.software_key): the stylesheet, the font
  declarations and font files, the PDF variant, the privacy mode, our own print code, and the
  versions of WeasyPrint, of its Python dependencies and of the native libraries it lays out text
  and subsets fonts with (Pango, HarfBuzz, fontconfig, FreeType).

The build date is printed on every fiche ("made on …") and set in the metadata, and it is the last
commit's date (kennisbank.build_date): the first build after a new commit renders everything once,
and the edits made before the next commit reuse the cache.

Layout: `<root>/.cache/pdf/<shelf>/<key>.pdf` (git-ignored, like the rest of `.cache/`), one shelf
per kind and language (`fiches/nl`, `book/fr`).

- Bounded: after a build, the entries it did not use are removed from the shelves it built
  (`prune`), so the cache holds one build's PDFs, however many edits came before.
- Safe under concurrent builds: an entry is written to a temporary name in its own folder and
  renamed into place (atomic on POSIX), so nobody reads half a file; a reader copies an entry out
  at once and takes one that vanished (pruned by another build) as a miss and renders it.
- Only clean renders are stored: a PDF whose rendering logged a WeasyPrint warning fails the
  build and is not cached, so the next build reports the warning again instead of hiding it.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import re
import shutil
import tempfile
from pathlib import Path

CACHE_DIR = Path(".cache") / "pdf"
# Written into every key: raise it when the cache's layout or what a key covers changes.
FORMAT = 1
# Temporary files are named `.tmp-<pid>-…`: one whose process is gone was left by a build that
# crashed, and `prune` removes it (the clock is not consulted: see tests/test_reproducible.py).
TEMPORARY_PREFIX = ".tmp-"
# The native libraries that decide the bytes WeasyPrint writes: text layout, shaping, font
# matching and loading, font subsetting. Matched against the files the process has mapped.
NATIVE_LIBRARY = re.compile(r"/lib(pango-1\.0|pangoft2-1\.0|harfbuzz|harfbuzz-subset|fontconfig|freetype|fribidi)\.so[.\d]*$")


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def python_packages(distribution: str = "weasyprint") -> list[str]:
    """`name==version` of a distribution and of the distributions it requires, sorted."""
    names = [distribution] + [re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0]
                              for requirement in importlib.metadata.requires(distribution) or []
                              if "extra ==" not in requirement]
    found = []
    for name in sorted(set(names), key=str.casefold):
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return found


def native_libraries() -> list[str]:
    """The native libraries of the text stack this process has loaded: resolved path and size.

    Call it after WeasyPrint is imported (its ffi module opens them). On a system without
    /proc the list is empty and the cache is keyed by the Python packages only.
    """
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return []
    paths = {line.split(None, 5)[5] for line in maps.splitlines() if line.count(" ") >= 5 and NATIVE_LIBRARY.search(line)}
    entries = []
    for path in sorted(paths):
        resolved = Path(path).resolve()
        try:
            entries.append(f"{resolved}:{resolved.stat().st_size}")
        except OSError:
            entries.append(str(resolved))
    return entries


class PdfCache:
    """The entries under `folder` (usually `<root>/.cache/pdf`), on shelves such as `fiches/nl`."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, shelf: str, key: str) -> Path:
        return self.folder / shelf / f"{key}.pdf"

    def fetch(self, shelf: str, key: str, target: Path) -> bool:
        """Copy the entry to `target` (through a temporary name); False when there is none."""
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(self.path(shelf, key), "rb") as source:
                _write_atomically(target, lambda out: shutil.copyfileobj(source, out))
        except FileNotFoundError:
            return False
        return True

    def store(self, shelf: str, key: str, source: Path) -> None:
        """Copy a freshly written PDF into the cache (temporary name, then rename)."""
        self.path(shelf, key).parent.mkdir(parents=True, exist_ok=True)
        with open(source, "rb") as data:
            _write_atomically(self.path(shelf, key), lambda out: shutil.copyfileobj(data, out))

    def prune(self, used: dict[str, set[str]]) -> int:
        """Remove the entries of each shelf in `used` whose key is not in its set; returns how many."""
        removed = 0
        for shelf, keys in used.items():
            folder = self.folder / shelf
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.name.startswith(TEMPORARY_PREFIX):
                    stale = not _alive(path.name.removeprefix(TEMPORARY_PREFIX).split("-", 1)[0])
                else:
                    stale = path.suffix == ".pdf" and path.stem not in keys
                if stale:
                    try:
                        path.unlink()
                        removed += 1
                    except FileNotFoundError:
                        pass  # another build removed it first
        return removed


def _alive(pid: str) -> bool:
    """Whether the process that wrote a temporary file still runs (an unreadable name counts as alive)."""
    if not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    return True


def _write_atomically(target: Path, write) -> None:
    """Write `target` through a temporary file in its folder, renamed into place when complete."""
    descriptor, temporary = tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as out:
            write(out)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _file_mode() -> int:
    """The mode `open(path, "w")` gives a new file: 0666 less the umask (mkstemp's own 0600 would hide PDFs from a web server)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()
