"""French typography, applied in one place to every French page and PDF: the spaces French readers expect.

Why one pass on the output and not care in every text: the French text comes from translators,
templates, interface strings, the glossary and the organisation vocabulary. Writing a non-breaking
space by hand in each is error-prone and invisible in an editor. Here, in French text only (an
element with lang="nl" inside a French page stays as it is; code, scripts and styles are left
alone), a space before `;`, `!` and `?` becomes a narrow non-breaking space (U+202F), one before
`:` a non-breaking space (U+00A0), the space inside « » a narrow non-breaking space, and a missing
space before those marks is added ("E-mail:" → "E-mail :"). `10:30`, `https://` and `?q=` are not
touched: the mark must end a word, followed by a space or the end of the text.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from kennisbank.site import html_text

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
TITLE_ATTRIBUTE = re.compile(r'(\s(?:title|aria-label|alt)=")([^"]*)(")')
# The page's description and title for search engines and social previews: text readers see too.
# Only these metas: another's `content` may be a setting ("0; url=…" of a redirect).
READ_META = re.compile(r'<meta\s(?:name="description"|property="og:(?:title|description)")\s')
META_CONTENT = re.compile(r'(\scontent=")([^"]*)(")')
# A high mark (; ! ?) or a colon at the end of a word, before a space or the end of the text; or at
# the very start of a text that follows an element (`<code>x.csv</code>: …`).
HIGH_MARK = re.compile(r"(?:(?<=[\w\)\]»’'\"%€])|^)[ \t\n\u00a0\u202f]*([;!?]+)(?=\s|$|\))")
COLON = re.compile(r"(?:(?<=[\w\)\]»’'\"%€])|^)[ \t\n\u00a0\u202f]*:(?=\s|$)")
# A character reference (&amp; &#39; &para;) ends in a semicolon that is not punctuation.
ENTITY = re.compile(r"(&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)")
# Any of the marks French typography spaces: a text or a tag without one is left alone.
MARK = re.compile(r"[:;!?«»]")
OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]?")
CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]?»")


# Texts remembered with their French form: the same interface texts, navigation labels and
# headings come back on every page (a page's marked texts are mostly these). 16,384 texts of a
# few hundred characters are a few megabytes.
REMEMBERED_TEXTS = 16384


def french_text(text: str) -> str:
    """The spaces of French typography in a piece of text (no tags; character references are kept)."""
    if not MARK.search(text):
        return text
    return _french_marked(text)


@lru_cache(maxsize=REMEMBERED_TEXTS)
def _french_marked(text: str) -> str:
    if "&" in text:
        parts = ENTITY.split(text)  # odd items are references, left as they are
        return "".join(part if index % 2 else _french_plain(part) for index, part in enumerate(parts))
    return _french_plain(text)


# A word of a name that ends in a mark ("GO!" of "GO! Athena"): a brand, spelt without the space.
NAME_WORD_WITH_MARK = re.compile(r"\S+[;!?:]+(?=\s|$)")


@lru_cache(maxsize=1)
def _names_with_marks() -> frozenset[str]:
    """Words of the organisations' names (data/vocabularies/organisaties.yaml) that end in a mark:
    typography leaves them as written even where a name is not marked as one (class kb-org)."""
    from kennisbank.records import organisations

    return frozenset(match.group(0) for org in organisations.register().values() for name in org.names.values()
                     for match in NAME_WORD_WITH_MARK.finditer(name))


def _french_plain(text: str) -> str:
    # Each rule only where its mark is: most texts hold a colon and nothing else.
    if ";" in text or "!" in text or "?" in text:
        names = [word for word in _names_with_marks() if word in text]
        if names:  # the text around each such word, spaced on its own
            parts = re.split("(" + "|".join(re.escape(word) for word in names) + ")", text)
            return "".join(part if index % 2 else _french_plain(part) for index, part in enumerate(parts))
        text = HIGH_MARK.sub(_narrow_before, text)
    if ":" in text:
        text = COLON.sub(NBSP + ":", text)
    if "«" in text:
        text = OPEN_QUOTE.sub("«" + NARROW_NBSP, text)
    if "»" in text:
        text = CLOSE_QUOTE.sub(NARROW_NBSP + "»", text)
    return text


def _french_attribute(match: re.Match) -> str:
    return match.group(1) + french_text(match.group(2)) + match.group(3)


def _narrow_before(match: re.Match) -> str:
    return NARROW_NBSP + match.group(1)


def apply(html: str, lang: str) -> str:
    """`html` with French typography in its French text; other languages are returned unchanged.

    Organisation names (class kb-org) keep their own spelling: "GO! Athena" is a name. Only the
    pieces that hold one of the marks are looked at (found from the marks' positions), and only
    those that change are copied: this runs on every French page.
    """
    marks = [match.start() for match in MARK.finditer(html)] if lang == "fr" else []
    if not marks:
        return html
    spans = html_text.spans(html, lang, skipped_classes=html_text.PROPER_NAME_CLASSES)
    starts = [span[0] for span in spans]
    out = []
    last = 0
    for index in sorted({bisect.bisect_right(starts, position) - 1 for position in marks} - {-1}):
        start, end, is_tag, prose = spans[index]
        if not prose:
            continue
        token = html[start:end]
        if is_tag:
            if READ_META.match(token):
                changed = META_CONTENT.sub(_french_attribute, token)
            elif 'title="' in token or 'aria-label="' in token or 'alt="' in token:
                changed = TITLE_ATTRIBUTE.sub(_french_attribute, token)
            else:
                continue
        else:
            changed = french_text(token)
        if changed != token:
            out.append(html[last:start])
            out.append(changed)
            last = end
    out.append(html[last:])
    return "".join(out)
