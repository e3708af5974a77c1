"""Interface text of the generated pages, per language (kennisbank/records/ui_strings.yaml).

Kept apart from the page renderer so that light users (the MkDocs hook deciding a page's search
filter label) do not import Jinja, Markdown and the validation stack.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from kennisbank.records import vocabulary
from kennisbank.records.yamlsource import load_data_file


@cache
def ui_strings() -> dict[str, dict[str, str]]:
    return load_data_file(Path(__file__).parent / "ui_strings.yaml")


def t(key: str, lang: str, **values) -> str:
    entry = ui_strings()[key]
    text = entry.get(lang) or entry[vocabulary.DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def alphabetical(text: str) -> tuple[str, str]:
    """A text's place in an alphabetical list as readers of the three languages expect it: accents
    and capitals do not count ("École" among the E's, not after "Zele"; "Écart" before "Intégration"),
    and only break ties between texts that are otherwise the same."""
    folded = text.casefold()
    return "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)), folded


# Characters that start Markdown syntax inside a line of plain text (emphasis, links, code, HTML).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#<>|~])")


def md_inline(text: str) -> Markup:
    """Plain text placed inside Markdown: HTML-escaped and Markdown syntax neutralised."""
    return Markup(MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(text))))


def format_date(value: str | None, lang: str) -> str:
    if not value:
        return ""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    months = {"nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
              "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
              "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]}[lang]
    month = months[parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    # British English, like the prose ("1 December 2015"); French writes the first of the month « 1er ».
    day = "1er" if lang == "fr" and parts[2] == 1 else str(parts[2])
    return f"{day} {month} {parts[0]}"


def format_number(value: float, lang: str) -> str:
    whole = int(value) == value
    text = f"{int(value):,}" if whole else f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "nl":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text
