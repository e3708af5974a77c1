"""The one shape every contributor-facing error takes: file, line, column, field, message, hint.

Why: a civil servant editing YAML in the GitHub web editor must find the spot and know the fix
without reading Python. Every check in the package reports through `Problem`, and the build
collects all of them before it stops, so one run shows every mistake.

Messages and hints are `Text`: a key into check_messages.yaml with its values. A Text reads as its
Dutch sentence (so code and tests compare it like any string) and renders in French or English
for contributors who ask for that (`check --taal fr`, KENNISBANK_TAAL, or the locale).
"""
from __future__ import annotations

import os
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

    def __new__(cls, key: str, **values):
        entry = messages()[key]  # an unknown key fails here, in the tests, not in front of a contributor
        text = super().__new__(cls, entry[DEFAULT_LANGUAGE].format(**{k: render(v, DEFAULT_LANGUAGE) for k, v in values.items()}))
        text.key, text.values = key, values
        return text

    def render(self, lang: str) -> str:
        entry = messages()[self.key]
        template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
        return template.format(**{k: render(v, lang) for k, v in self.values.items()})


class OrList(str):
    """Alternatives joined with the language's 'or': 'tekst of een lijst', 'du texte ou une liste'."""

    def __new__(cls, items):
        items = list(items)
        text = super().__new__(cls, messages()["or"][DEFAULT_LANGUAGE].join(render(i, DEFAULT_LANGUAGE) for i in items))
        text.items = items
        return text

    def render(self, lang: str) -> str:
        return (messages()["or"].get(lang) or messages()["or"][DEFAULT_LANGUAGE]).join(render(i, lang) for i in self.items)


def report_language(explicit: str | None = None) -> str:
    """The contributor's language: an explicit choice, KENNISBANK_TAAL, or the locale; Dutch by default."""
    for value in (explicit, os.environ.get(LANGUAGE_ENV), os.environ.get("LC_ALL"), os.environ.get("LC_MESSAGES"),
                  os.environ.get("LANG")):
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def format(self, lang: str = DEFAULT_LANGUAGE) -> str:
        field = self.field or Text("whole_file").render(lang)
        text = f"{self.path}:{self.line}:{self.column}: {field}: {render(self.message, lang)}"
        return f"{text} ({render(self.hint, lang)})" if self.hint else text


class ValidationFailed(Exception):
    """Raised with every problem found; `report()` is what the contributor reads."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self, lang: str = DEFAULT_LANGUAGE) -> str:
        count = len(self.problems)
        files = len({p.path for p in self.problems})
        if count == 1:
            header = Text("report_one")
        else:
            header = Text("report_many_one_file", count=count) if files == 1 else Text("report_many", count=count, files=files)
        return "\n".join([header.render(lang), *(p.format(lang) for p in self.problems)])


def display_path(path: Path, root: Path) -> str:
    """Path as a contributor sees it in the repository (relative when possible)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
