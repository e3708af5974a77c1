"""The date a build is "made on": SOURCE_DATE_EPOCH when set, else the last commit's date.

Why not the clock: two builds of the same commit must give byte-identical output, whatever the
day they run (the reproducible-builds convention, https://reproducible-builds.org/specs/source-date-epoch/).
Everything a build derives from "today" takes this date: whether a practice has ended, the
freshness notice, the PDFs' edition date and metadata, the exports' generation date, and MkDocs'
own build date (passed on to its processes as SOURCE_DATE_EPOCH).

"Last modified" dates are not build dates: they come from the records and from git (see
kennisbank.model.freshness and discovery.complete_sitemap).

Only a copy without git history and without SOURCE_DATE_EPOCH falls back to the clock; such a
build cannot be reproduced anyway.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from functools import cache
from pathlib import Path

SOURCE_DATE_ENV = "SOURCE_DATE_EPOCH"


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a number of seconds."""


def build_epoch(root: Path) -> int:
    """Seconds since 1970 (UTC) that the build is dated by."""
    value = os.environ.get(SOURCE_DATE_ENV, "").strip()
    if value:
        if not value.isdigit():
            raise BuildDateError(f"{SOURCE_DATE_ENV}={value!r} is geen geheel aantal seconden sinds 1970 "
                                 f"(bv. {SOURCE_DATE_ENV}=$(git log -1 --format=%ct)).")
        return int(value)
    return _last_commit_epoch(Path(root).resolve()) or int(time.time())


@cache
def _last_commit_epoch(root: Path) -> int | None:
    try:
        # safe.directory: in CI containers the checkout belongs to another user, and git would refuse.
        result = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(root), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    output = result.stdout.strip()
    return int(output) if result.returncode == 0 and output.isdigit() else None


def build_date(root: Path) -> dt.date:
    """The build's day, in UTC."""
    return dt.datetime.fromtimestamp(build_epoch(root), tz=dt.timezone.utc).date()


def environment(root: Path) -> dict[str, str]:
    """The variable that gives MkDocs (and any other tool of the build) the same date."""
    return {SOURCE_DATE_ENV: str(build_epoch(root))}
