"""Where the prose of a rendered page is: the text in the page's own language, outside names and code.

Why one walker: French typography and the glossary both change running text only. Text in another
language (a Dutch original inside a French page, `lang="nl"`), code, scripts, and organisation
names (`class="kb-org"`: a name is not a glossary term and keeps its own spelling) must be left as
they are. Tags are tracked as a stack, so a `<span lang="nl">` inside a French paragraph ends where
its `</span>` does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+", re.S)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/?)>", re.S)
LANG_ATTRIBUTE = re.compile(r"""\blang\s*=\s*["']([a-zA-Z-]+)["']""")
CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Never prose, for any pass.
LITERAL_ELEMENTS = frozenset({"code", "pre", "script", "style", "kbd", "samp", "textarea"})
# Names: an organisation from the vocabulary (kb-org) is a proper name, spelt its own way; a name
# the record writes or translates itself (kb-name) is a name for the glossary but ordinary text for
# typography.
NAME_CLASSES = frozenset({"kb-org", "kb-name"})
PROPER_NAME_CLASSES = frozenset({"kb-org"})


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    is_tag: bool
    prose: bool  # text (or a tag) in the page's language, outside skipped elements and names


def pieces(html: str, page_lang: str, skipped: frozenset[str] = LITERAL_ELEMENTS,
           skipped_classes: frozenset[str] = NAME_CLASSES) -> list[Piece]:
    """The page cut into tags and text, each marked whether it is prose to work on."""
    result: list[Piece] = []
    stack: list[tuple[str, str | None, bool]] = []  # (name, lang it sets, whether it starts a skipped region)
    language, skipping = page_lang, 0
    for match in TOKEN.finditer(html):
        token, start, end = match.group(0), match.start(), match.end()
        if not token.startswith("<"):
            result.append(Piece(start, end, False, language == page_lang and skipping == 0))
            continue
        tag = TAG.match(token)
        if token.startswith("<!--") or not tag:
            result.append(Piece(start, end, True, False))
            continue
        closing, name, attributes, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
        if closing:
            while stack:
                open_name, _, skips = stack.pop()
                skipping -= skips
                if open_name == name:
                    break
            language = next((lang for _, lang, _ in reversed(stack) if lang), page_lang)
            result.append(Piece(start, end, True, False))
            continue
        lang_match = LANG_ATTRIBUTE.search(attributes)
        element_lang = lang_match.group(1).split("-")[0].lower() if lang_match else None
        classes = set(CLASS_ATTRIBUTE.search(attributes).group(1).split()) if "class" in attributes and CLASS_ATTRIBUTE.search(attributes) else set()
        skips = name in skipped or bool(classes & skipped_classes)
        result.append(Piece(start, end, True, (element_lang or language) == page_lang and skipping == 0 and not skips))
        if not self_closing and name not in VOID_ELEMENTS:
            stack.append((name, element_lang, skips))
            skipping += skips
            if element_lang:
                language = element_lang
    return result
