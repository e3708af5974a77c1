"""Interface text of the generated pages, per language (kennisbank/ui_strings.yaml).

Kept apart from the page renderer so that light users (the MkDocs hook deciding a page's search
filter label) do not import Jinja, Markdown and the validation stack.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from kennisbank import vocabulary
from kennisbank.yamlsource import load_data_file


@cache
def ui_strings() -> dict[str, dict[str, str]]:
    return load_data_file(Path(__file__).parent / "ui_strings.yaml")


def t(key: str, lang: str, **values) -> str:
    entry = ui_strings()[key]
    text = entry.get(lang) or entry[vocabulary.DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


# Characters that start Markdown syntax inside a line of plain text (emphasis, links, code, HTML).
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#<>|~])")


def md_inline(text: str) -> Markup:
    """Plain text placed inside Markdown: HTML-escaped and Markdown syntax neutralised."""
    return Markup(MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(text))))
