"""The one shape every contributor-facing error takes: file, line, column, field, message, hint.

Why: a civil servant editing YAML in the GitHub web editor must find the spot and know the fix
without reading Python. Every check in the package reports through `Problem`, and the build
collects all of them before it stops, so one run shows every mistake.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.field or '(bestand)'}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ValidationFailed(Exception):
    """Raised with every problem found; `report()` is what the contributor reads."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        files = len({p.path for p in self.problems})
        noun = "probleem" if count == 1 else "problemen"
        header = f"{count} {noun} in {files} bestand{'en' if files != 1 else ''}; niets is gebouwd:"
        return "\n".join([header, *(p.format() for p in self.problems)])


def display_path(path: Path, root: Path) -> str:
    """Path as a contributor sees it in the repository (relative when possible)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
