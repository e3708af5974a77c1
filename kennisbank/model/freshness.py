"""How fresh a record's facts are: when they were checked, whether that is too long ago, and git's dates.

Why: most records describe 2016. Readers must see that a phone number or a budget may be
outdated rather than trust it silently, and maintainers need a list of what to re-check
(`python -m kennisbank rapport`).

Git dates come from one `git log` over the folders, not one call per file, so the cost stays
linear in the number of records. Without git (a tarball, a copy outside the repository) there are
simply no dates.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model (and its validation stack) is not imported by the MkDocs hook's light path
    from kennisbank.model import Practice

# A check older than this many years makes a record "mogelijk verouderd" (the default).
STALE_AFTER_YEARS = 2
FRESH, STALE = "recent", "verouderd"


def years_ago(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def is_stale(practice: Practice, today: dt.date, years: int = STALE_AFTER_YEARS) -> bool:
    """The last check (read generously: '2016' means up to 31 December 2016) is more than `years` ago."""
    from kennisbank.model import last_day_of

    return last_day_of(practice.checked) < years_ago(today, years)


def freshness(practice: Practice, today: dt.date) -> str:
    return STALE if is_stale(practice, today) else FRESH


@dataclass
class StalenessReport:
    stale: list[Practice]  # checked longer ago than the threshold
    claims_ongoing: list[tuple[Practice, str]]  # says 'lopend' although that cannot be trusted, with why

    @property
    def empty(self) -> bool:
        return not self.stale and not self.claims_ongoing


def report(practices: list[Practice], today: dt.date, years: int = STALE_AFTER_YEARS) -> StalenessReport:
    from kennisbank.model import last_day_of

    stale = sorted((p for p in practices if is_stale(p, today, years)), key=lambda p: (p.checked, p.slug))
    ongoing = []
    for practice in sorted(practices, key=lambda p: p.slug):
        period = practice.period
        if period.ongoing and period.end and last_day_of(period.end) < years_ago(today, 1):
            ongoing.append((practice, f"'lopend: true', maar de einddatum {period.end} is voorbij"))
        elif practice.status(today) == "lopend" and is_stale(practice, today, years):
            ongoing.append((practice, f"status 'lopend' volgens een controle van {practice.checked}"))
    return StalenessReport(stale=stale, claims_ongoing=ongoing)


def format_report(result: StalenessReport, today: dt.date, years: int, root: Path) -> str:
    lines = [f"Praktijken die langer dan {years} jaar niet gecontroleerd zijn (voor {years_ago(today, years).isoformat()}): "
             f"{len(result.stale)}"]
    lines += [f"  {_where(p, root)}: laatst gecontroleerd {p.checked} door {p.checked_by}" for p in result.stale]
    lines.append(f"Praktijken die 'lopend' zeggen zonder recente bevestiging: {len(result.claims_ongoing)}")
    lines += [f"  {_where(p, root)}: {why}" for p, why in result.claims_ongoing]
    if result.empty:
        lines.append("Alles is recent gecontroleerd.")
    else:
        lines.append("Controleer de feiten, pas ze aan en zet 'laatst_gecontroleerd' en 'gecontroleerd_door' op vandaag en je organisatie.")
    return "\n".join(lines)


def _where(practice: Practice, root: Path) -> str:
    try:
        return practice.source_path.relative_to(root).as_posix()
    except ValueError:
        return practice.source_path.as_posix()


@cache
def git_dates(root: Path, folder: str) -> dict[str, str]:
    """Last commit date (YYYY-MM-DD) of every file under `folder`, keyed by path relative to `root`."""
    try:
        # safe.directory: in CI containers the checkout belongs to another user, and git would refuse.
        output = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(root), "log", "--format=%x00%cs",
                                 "--name-only", "--relative", "--", folder],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if output.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    current = ""
    for line in output.stdout.splitlines():
        if line.startswith("\x00"):
            current = line[1:]
        elif line and current:
            dates.setdefault(line, current)  # newest first: keep the first date seen
    return dates


def record_change_dates(practices: list[Practice]) -> dict[str, str]:
    """Git's last change date of each practice's record, by slug; empty without git history."""
    dates = {}
    for practice in practices:
        root = practice.project_root
        if root is None:
            continue
        changed = git_dates(root, "data/praktijken").get(practice.source_path.resolve().relative_to(root).as_posix())
        if changed:
            dates[practice.slug] = changed
    return dates
