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

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import escape

from kennisbank.paths import DATA_DIR
from kennisbank.records import organisations
from kennisbank.records.trie_regex import trie_pattern
from kennisbank.records.ui import alphabetical, t
from kennisbank.records.yamlsource import load_data_file
from kennisbank.site import html_text

GLOSSARY_FILE = DATA_DIR / "woordenlijst.yaml"
MARKER = re.compile(r"<!--\s*kb:woordenlijst\s*-->")
# Text inside these elements is never marked: links and buttons would nest interactive elements,
# headings stay clean for the table of contents, code is literal, and SVG (maps, charts) cannot
# hold HTML elements.
# Text in another language than the page's (a Dutch original on a French page) and organisation
# names (class kb-org) are never marked either: see kennisbank.site.html_text.
SKIPPED_ELEMENTS = html_text.LITERAL_ELEMENTS | {"a", "abbr", "button", "h1", "h2", "h3", "h4", "h5", "h6", "label",
                                                 "summary", "title", "select", "option", "dt", "svg", "cite", "q"}
SKIPPED = frozenset(SKIPPED_ELEMENTS)


@dataclass(frozen=True)
class Term:
    id: str
    names: dict[str, str]
    forms: dict[str, tuple[str, ...]]
    explanations: dict[str, str]
    source: str


@cache
def terms(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    raw = load_data_file(path)["termen"]
    result = []
    for entry in raw:
        forms = {lang: tuple(entry.get("vormen", {}).get(lang) or [entry["term"][lang]]) for lang in ("nl", "fr", "en")}
        result.append(Term(entry["id"], entry["term"], forms, entry["uitleg"], str(entry["bron"])))
    return tuple(result)


def _forms_as_written(form: str) -> list[str]:
    """Capitalised forms match exactly; others also with a capital first letter (sentence start)."""
    return [form, form[0].upper() + form[1:]] if form[:1].islower() else [form]


@cache
def _matcher(lang: str) -> tuple[re.Pattern, dict[str, Term]]:
    by_form: dict[str, Term] = {}
    written: set[str] = set()
    for term in terms():
        for form in term.forms[lang]:
            by_form.setdefault(form.casefold(), term)
            written.update(_forms_as_written(form))
    # The lookahead on the terms' first letters comes first so that the regex engine skips the
    # positions where no term can start without trying the look-behind there (a third faster).
    first_letters = "".join(re.escape(letter) for letter in sorted({form[0] for form in written}))
    return re.compile(rf"(?=[{first_letters}])(?<![\w-])(?:{trie_pattern(written)})(?![\w-])"), by_form


def annotate(html: str, lang: str) -> str:
    """Mark the first occurrence of every glossary term in a page's content HTML.

    One regex pass finds candidate terms; a candidate is kept when it lies inside one prose text
    of the page's language (kennisbank.site.html_text), found by bisecting the texts' start positions.
    Only the first kept candidate per term is marked, so few candidates are checked.
    """
    pattern, by_form = _matcher(lang)
    prose = [(start, end) for start, end, is_tag, is_prose in html_text.spans(html, lang, SKIPPED)
             if is_prose and not is_tag]
    starts = [start for start, _ in prose]
    # An organisation's name in running text is a name, not a term ("Agentschap Integratie en Inburgering").
    # A name holds no `<` or `>`, so it lies inside one text: only the texts that hold a candidate
    # are searched for names, not the whole page.
    names_pattern = organisations.names_pattern(lang)
    names_in: dict[int, list[tuple[int, int]]] = {}
    seen: set[str] = set()
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(html):
        term = by_form[match.group(0).casefold()]
        start = match.start()
        if term.id in seen:
            continue
        index = bisect.bisect(starts, start) - 1
        if index < 0 or match.end() > prose[index][1]:
            continue
        if index not in names_in:
            names_in[index] = [m.span() for m in names_pattern.finditer(html, *prose[index])]
        if any(name_start <= start < name_end for name_start, name_end in names_in[index]):
            continue
        seen.add(term.id)
        pieces.append(html[last:start])
        pieces.append(f'<abbr class="kb-term" data-kb-term="{term.id}" tabindex="0" '
                      f'title="{escape(term.explanations[lang])}">{match.group(0)}</abbr>')
        last = match.end()
    pieces.append(html[last:])
    return "".join(pieces)


def glossary_html(lang: str) -> str:
    """The glossary page's list: every term, alphabetically in the page's language, with its source."""
    entries = sorted(terms(), key=lambda term: alphabetical(term.names[lang]))
    items = []
    for term in entries:
        source = t(f"glossary_source_{term.source}", lang)
        items.append(f'<dt id="term-{term.id}">{escape(term.names[lang])}</dt>\n'
                     f'<dd><p>{escape(term.explanations[lang])}</p><p class="kb-muted">{escape(t("source", lang))}: {escape(source)}</p></dd>')
    return '<dl class="kb-glossary">\n' + "\n".join(items) + "\n</dl>\n"


def expand(markdown: str, lang: str) -> str:
    return MARKER.sub(lambda _: glossary_html(lang), markdown)
