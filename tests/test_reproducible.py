"""Two builds of the same commit give the same site, byte for byte, PDFs and search index included.

The build is dated by SOURCE_DATE_EPOCH, or else by the last commit (kennisbank.build_date); no
output may depend on the day the build runs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from kennisbank import build, build_date
from kennisbank.paths import ROOT
from kennisbank.site import nav_cache

# Modules that may read the clock: a human's report of what to re-check today, and the check date
# that a new record starts with. Nothing that writes the site.
CLOCK_ALLOWED = {"cli.py", "scaffold.py", "bench.py", "bench_preview.py", "build_date.py"}
CLOCK_READ = re.compile(r"\b(date\.today|datetime\.now|datetime\.utcnow|time\.time)\(")


def digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def last_commit_epoch() -> int:
    return int(subprocess.run(["git", "-c", "safe.directory=*", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                              capture_output=True, text=True, check=True).stdout)


def test_build_date_follows_source_date_epoch_else_the_last_commit(monkeypatch):
    monkeypatch.setenv(build_date.SOURCE_DATE_ENV, "1480550400")  # 2016-12-01T00:00:00Z
    assert build_date.build_date(ROOT) == dt.date(2016, 12, 1)
    monkeypatch.delenv(build_date.SOURCE_DATE_ENV)
    expected = dt.datetime.fromtimestamp(last_commit_epoch(), tz=dt.timezone.utc).date()
    assert build_date.build_date(ROOT) == expected


def test_a_wrong_source_date_epoch_is_refused_with_an_example(monkeypatch):
    monkeypatch.setenv(build_date.SOURCE_DATE_ENV, "2016-12-01")
    with pytest.raises(build.DataError, match="git log -1 --format=%ct"):
        build.build_day(ROOT)


def test_no_module_that_writes_the_site_reads_the_clock():
    readers = [f"{path.name}:{number}" for path in sorted((ROOT / "kennisbank").rglob("*.py"))
               if path.name not in CLOCK_ALLOWED
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if CLOCK_READ.search(line)]
    assert not readers, f"use kennisbank.build_date instead of the clock: {readers}"


def test_a_second_build_of_the_same_commit_is_byte_identical(built_site, tmp_path, monkeypatch):
    # The first build (the session's site) was dated by the last commit; this one by SOURCE_DATE_EPOCH.
    monkeypatch.setenv(build_date.SOURCE_DATE_ENV, str(last_commit_epoch()))
    # An empty PDF cache, so this build renders every PDF again instead of copying the first build's.
    monkeypatch.setenv("KENNISBANK_PDF_CACHE", str(tmp_path / "pdf-cache"))
    # And Material's navigation rendered anew on every page: the folder cache (nav_cache) may change no byte.
    monkeypatch.setenv(nav_cache.ENABLED_ENV, "0")
    second = tmp_path / "site"
    build.build_site(ROOT, second)
    first, again = digests(built_site), digests(second)
    assert sorted(first) == sorted(again), sorted(set(first) ^ set(again))[:20]
    differing = [name for name in first if first[name] != again[name]]
    assert not differing, differing[:20]
