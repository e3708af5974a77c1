"""The glossary (data/woordenlijst.yaml): a page per language, and explanations where terms appear.

Why after rendering, on HTML: terms occur in Markdown prose and in the generated fact cards alike
(raw HTML that Markdown extensions do not see). Marking the rendered content reaches both. Only a
term's first occurrence on a page is marked, so frequent words ("integratie") explain themselves
once instead of underlining every line.

A marked term is `<abbr class="kb-term" title="…" tabindex="0">`: the mouse gets the browser's
tooltip, the keyboard can focus the term and the stylesheet shows the explanation on focus, and a
screen reader reads the title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from markupsafe import escape

from kennisbank.paths import DATA_DIR
from kennisbank.ui import t

GLOSSARY_FILE = DATA_DIR / "woordenlijst.yaml"
MARKER = re.compile(r"<!--\s*kb:woordenlijst\s*-->")
# Text inside these elements is never marked: links and buttons would nest interactive elements,
# headings stay clean for the table of contents, code is literal.
SKIPPED_ELEMENTS = {"a", "abbr", "button", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
                    "label", "summary", "title", "textarea", "select", "option", "dt"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>|<!--.*?-->", re.S)
VOID_ELEMENTS = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "embed", "track"}


@dataclass(frozen=True)
class Term:
    id: str
    names: dict[str, str]
    forms: dict[str, tuple[str, ...]]
    explanations: dict[str, str]
    source: str


@cache
def terms(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["termen"]
    result = []
    for entry in raw:
        forms = {lang: tuple(entry.get("vormen", {}).get(lang) or [entry["term"][lang]]) for lang in ("nl", "fr", "en")}
        result.append(Term(entry["id"], entry["term"], forms, entry["uitleg"], str(entry["bron"])))
    return tuple(result)


def _form_pattern(form: str) -> str:
    """Capitalised forms match exactly; others also with a capital first letter (sentence start)."""
    escaped = re.escape(form)
    if form[:1].islower():
        escaped = f"[{form[0]}{form[0].upper()}]{re.escape(form[1:])}"
    return escaped


@cache
def _matcher(lang: str) -> tuple[re.Pattern, dict[str, Term]]:
    by_form: dict[str, Term] = {}
    for term in terms():
        for form in term.forms[lang]:
            by_form.setdefault(form.casefold(), term)
    # Longest forms first, so "sociaal tolken" wins over "sociaal tolk".
    alternatives = "|".join(_form_pattern(form) for form in sorted({f for t in terms() for f in t.forms[lang]}, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), by_form


def annotate(html: str, lang: str) -> str:
    """Mark the first occurrence of every glossary term in a page's content HTML."""
    pattern, by_form = _matcher(lang)
    seen: set[str] = set()
    skipped_depth = 0
    stack: list[str] = []
    out: list[str] = []
    position = 0
    for tag in TAG.finditer(html):
        out.append(_mark(html[position:tag.start()], pattern, by_form, seen, lang) if not skipped_depth else html[position:tag.start()])
        out.append(tag.group(0))
        position = tag.end()
        name = (tag.group(2) or "").lower()
        if not name or name in VOID_ELEMENTS or tag.group(3):
            continue
        if tag.group(1):  # closing tag
            if name in stack:
                while stack:
                    popped = stack.pop()
                    if popped in SKIPPED_ELEMENTS:
                        skipped_depth -= 1
                    if popped == name:
                        break
        else:
            stack.append(name)
            if name in SKIPPED_ELEMENTS:
                skipped_depth += 1
    out.append(_mark(html[position:], pattern, by_form, seen, lang) if not skipped_depth else html[position:])
    return "".join(out)


def _mark(text: str, pattern: re.Pattern, by_form: dict[str, Term], seen: set[str], lang: str) -> str:
    if not text.strip():
        return text

    def replace(match: re.Match) -> str:
        term = by_form[match.group(0).casefold()]
        if term.id in seen:
            return match.group(0)
        seen.add(term.id)
        return (f'<abbr class="kb-term" data-kb-term="{term.id}" tabindex="0" '
                f'title="{escape(term.explanations[lang])}">{match.group(0)}</abbr>')

    return pattern.sub(replace, text)


def glossary_html(lang: str) -> str:
    """The glossary page's list: every term, alphabetically in the page's language, with its source."""
    entries = sorted(terms(), key=lambda term: term.names[lang].casefold())
    items = []
    for term in entries:
        source = t(f"glossary_source_{term.source}", lang)
        items.append(f'<dt id="term-{term.id}">{escape(term.names[lang])}</dt>\n'
                     f'<dd><p>{escape(term.explanations[lang])}</p><p class="kb-muted">{escape(t("source", lang))}: {escape(source)}</p></dd>')
    return '<dl class="kb-glossary">\n' + "\n".join(items) + "\n</dl>\n"


def expand(markdown: str, lang: str) -> str:
    return MARKER.sub(lambda _: glossary_html(lang), markdown)
