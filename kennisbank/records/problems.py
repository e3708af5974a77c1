"""The one shape every contributor-facing error takes: file, line, column, field, message, hint.

Why: a civil servant editing YAML in the GitHub web editor must find the spot and know the fix
without reading Python. Every check in the package reports through `Problem`, and the build
collects all of them before it stops, so one run shows every mistake.

Messages and hints are `Text`: a key into check_messages.yaml with its values. A Text reads as its
Dutch sentence (so code and tests compare it like any string) and renders in French or English
for contributors who ask for that (`check --taal fr`, KENNISBANK_TAAL, or the locale).

Two severities travel through the same `Problem`: an error stops the build; a warning (a record
not yet translated, a list whose commas may have split a name) is shown with the same
file:line:column and a marker, and never stops anything. Every output reads both lists: the text
report (`check`, a failed build), GitHub Actions annotations and the Markdown report for a
pull-request comment (`check --formaat github|markdown`).
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("nl", "fr", "en")
DEFAULT_LANGUAGE = "nl"
LANGUAGE_ENV = "KENNISBANK_TAAL"
MESSAGES_FILE = Path(__file__).parent / "check_messages.yaml"


@cache
def messages() -> dict[str, dict[str, str]]:
    return yaml.load(MESSAGES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def render(value, lang: str) -> str:
    """A Text or OrList in `lang`; any other value (a file name, a field name) as it is."""
    return value.render(lang) if hasattr(value, "render") else str(value)


class Text(str):
    """A sentence from check_messages.yaml with its values; as a string it is the Dutch sentence."""

    key: str
    values: dict

    def __new__(cls, key: str, /, **values):
        entry = messages()[key]  # an unknown key fails here, in the tests, not in front of a contributor
        text = super().__new__(cls, entry[DEFAULT_LANGUAGE].format(**{k: render(v, DEFAULT_LANGUAGE) for k, v in values.items()}))
        text.key, text.values = key, values
        return text

    def __reduce__(self):
        # Pickled as what made it (validation sends problems between processes): `str`'s own
        # pickling would call __new__ with the sentence as the key.
        return (functools.partial(Text, self.key, **self.values), ())

    def render(self, lang: str) -> str:
        entry = messages()[self.key]
        template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
        return template.format(**{k: render(v, lang) for k, v in self.values.items()})


class DataError(Exception):
    """A contributor-facing failure that stops the build: the message is the full report to print."""


class OrList(str):
    """Alternatives in the language's words: 'tekst of een lijst', 'A, B of C', 'du texte ou une liste'."""

    def __new__(cls, items):
        items = list(items)
        text = super().__new__(cls, _join_alternatives([render(i, DEFAULT_LANGUAGE) for i in items], DEFAULT_LANGUAGE))
        text.items = items
        return text

    def __reduce__(self):
        return (OrList, (self.items,))

    def render(self, lang: str) -> str:
        return _join_alternatives([render(i, lang) for i in self.items], lang)


def _join_alternatives(items: list[str], lang: str) -> str:
    word = messages()["or"].get(lang) or messages()["or"][DEFAULT_LANGUAGE]
    return word.join(items) if len(items) < 3 else ", ".join(items[:-1]) + word + items[-1]


def report_language(explicit: str | None = None) -> str:
    """The contributor's language: an explicit choice, KENNISBANK_TAAL, or the locale; Dutch by default."""
    for value in (explicit, os.environ.get(LANGUAGE_ENV), os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"),
                  os.environ.get("LANG")):
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


# A Problem's severity. Errors stop the build; warnings are reported and never stop anything.
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def field_name(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.field or Text("whole_file").render(lang)

    def sentence(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message with its hint in brackets: what every output shows after the position."""
        text = render(self.message, lang)
        return f"{text} ({render(self.hint, lang)})" if self.hint else text

    def format(self, lang: str = DEFAULT_LANGUAGE) -> str:
        marker = f"{Text('warning_marker').render(lang)}: " if self.is_warning else ""
        return f"{self.path}:{self.line}:{self.column}: {marker}{self.field_name(lang)}: {self.sentence(lang)}"


def errors_and_warnings(problems) -> tuple[list[Problem], list[Problem]]:
    """Split one list of problems by severity, each part sorted by file and position."""
    problems = sorted(problems)
    return [p for p in problems if not p.is_warning], [p for p in problems if p.is_warning]


class ValidationFailed(Exception):
    """Raised with every problem found; `report()` is what the contributor reads."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] = ()):
        self.problems = sorted(problems)
        self.warnings = sorted(warnings)
        super().__init__(self.report())

    def report(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return text_report(self.problems, self.warnings, lang)


def _count(problems: list[Problem], one: str, many_one_file: str, many: str) -> Text:
    files = len({p.path for p in problems})
    if len(problems) == 1:
        return Text(one)
    return Text(many_one_file, count=len(problems)) if files == 1 else Text(many, count=len(problems), files=files)


def text_report(problems: list[Problem], warnings: list[Problem], lang: str = DEFAULT_LANGUAGE) -> str:
    """The report on a terminal: the errors under their header, then the warnings under theirs."""
    lines = []
    if problems:
        lines += [_count(problems, "report_one", "report_many_one_file", "report_many").render(lang),
                  *(p.format(lang) for p in problems)]
    if warnings:
        lines += [_count(warnings, "warnings_one", "warnings_many_one_file", "warnings_many").render(lang),
                  *(p.format(lang) for p in warnings)]
    return "\n".join(lines)


# --- GitHub Actions workflow commands -------------------------------------------------------------
# ::error file=…,line=…,col=…,title=…::message puts the message beside the line in a pull request's
# diff. The escaping is GitHub's own (actions/toolkit, command.ts): in the message %, CR and LF; in
# a property also ':' and ',', which separate the properties.

def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(problems: list[Problem], warnings: list[Problem], lang: str = DEFAULT_LANGUAGE) -> str:
    lines = []
    for problem in [*problems, *warnings]:
        properties = ",".join(f"{name}={_escape_property(str(value))}" for name, value in (
            ("file", problem.path), ("line", problem.line), ("col", problem.column), ("title", problem.field_name(lang))))
        lines.append(f"::{problem.severity} {properties}::{_escape_data(problem.sentence(lang))}")
    return "\n".join(lines)


# --- Markdown for a pull-request comment ----------------------------------------------------------
# Characters that Markdown would read as formatting (or as HTML), escaped with a backslash, which
# CommonMark allows before any ASCII punctuation. '@name' and '#12' would notify a GitHub user or
# link an issue: a zero-width space after the sign keeps them plain text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!])")
_GITHUB_REFERENCE = re.compile(r"(?<!\w)([@#])(?=\w)")


def markdown_escape(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _GITHUB_REFERENCE.sub("\\1\u200b", text)


def _markdown_items(problems: list[Problem], lang: str) -> list[str]:
    lines: list[str] = []
    for path in dict.fromkeys(p.path for p in problems):
        lines += ["", f"**{markdown_escape(path)}**", ""]
        for problem in (p for p in problems if p.path == path):
            where = Text("markdown_line", line=problem.line, field=problem.field_name(lang)).render(lang)
            parts = [where, render(problem.message, lang)]
            if problem.hint:
                parts.append(Text("markdown_hint", hint=render(problem.hint, lang)).render(lang))
            lines.append("- " + " ".join(markdown_escape(part) for part in parts))
    return lines


def markdown_report(problems: list[Problem], warnings: list[Problem], checked: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A short report for a pull-request comment, in plain words: contributors read it, not programmers."""
    if problems:
        heading = _count(problems, "markdown_heading_one", "markdown_heading_many_one_file", "markdown_heading_many")
        lines = [f"### {heading.render(lang)}", "", Text("markdown_intro").render(lang), *_markdown_items(problems, lang)]
    else:
        heading = Text("markdown_heading_ok_one") if checked == 1 else Text("markdown_heading_ok", count=checked)
        lines = [f"### {heading.render(lang)}"]
    if warnings:
        heading = _count(warnings, "markdown_warnings_one", "markdown_warnings_many_one_file", "markdown_warnings_many")
        lines += ["", f"#### {heading.render(lang)}",
                  *_markdown_items(warnings, lang)]
    return "\n".join(lines) + "\n"


def display_path(path: Path, root: Path) -> str:
    """Path as a contributor sees it in the repository (relative when possible)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
