"""Where the prose of a rendered page is: the text in the page's own language, outside names and code.

Why one walker: French typography and the glossary both change running text only. Text in another
language (a Dutch original inside a French page, `lang="nl"`), code, scripts, and organisation
names (`class="kb-org"`: a name is not a glossary term and keeps its own spelling) must be left as
they are. Tags are tracked as a stack, so a `<span lang="nl">` inside a French paragraph ends where
its `</span>` does.
"""
from __future__ import annotations

import re
from typing import NamedTuple

# A comment, a tag (its closing slash, name, and attributes with any self-closing slash, as groups),
# or any other `<…>`. One pattern for all, so a tag is read once (this walker runs on every page).
# The attributes are read greedily up to the `>` and a self-closing `/` is taken off them afterwards
# (_read_tag): a lazy `[^>]*?(/?)>` tries the end of the tag after every character, and made
# reading the tags three quarters of the walk's time.
TAG_TOKEN = re.compile(r"<(?:!--.*?-->|(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|[^>]*>)", re.S)
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


# Opening tags already read, by their text and the walk's settings: a site's pages repeat the same
# few thousand tags (the theme's header, navigation and footer, the fact cards' markup). Up to
# 65,536 of them per kind of walk, a few megabytes; past that the memory starts again.
REMEMBERED_TAGS = 65536
_TAGS: dict[tuple[frozenset[str], frozenset[str]], dict[str, tuple[str, str | None, bool, bool]]] = {}


class Piece(NamedTuple):
    start: int
    end: int
    is_tag: bool
    prose: bool  # text (or a tag) in the page's language, outside skipped elements and names


def pieces(html: str, page_lang: str, skipped: frozenset[str] = LITERAL_ELEMENTS,
           skipped_classes: frozenset[str] = NAME_CLASSES) -> list[Piece]:
    """The page cut into tags and text, each marked whether it is prose to work on."""
    return [Piece(*span) for span in spans(html, page_lang, skipped, skipped_classes)]


def spans(html: str, page_lang: str, skipped: frozenset[str] = LITERAL_ELEMENTS,
          skipped_classes: frozenset[str] = NAME_CLASSES) -> list[tuple[int, int, bool, bool]]:
    """`pieces` as plain tuples (start, end, is_tag, prose), for the passes that run on every page.

    Made from the tags alone: a text is the gap between two tags, and takes the state the first one
    leaves. Half the steps of reading text and tags one by one, and plain tuples are made several
    times faster than objects: these passes run on every page of the site.
    """
    result: list[tuple[int, int, bool, bool]] = []
    append = result.append
    tags = _TAGS.setdefault((skipped, skipped_classes), {})
    if len(tags) > REMEMBERED_TAGS:
        tags.clear()
    # Open elements: (name, the language inside it, whether it starts a skipped region).
    stack: list[tuple[str, str, bool]] = []
    language, skipping = page_lang, 0
    last = 0
    for match in TAG_TOKEN.finditer(html):
        start, end = match.span()
        if start > last:
            # A text before a tag holds no `<`: any `<` with a `>` after it starts a token (the last
            # alternative of TAG_TOKEN), so a stray `<` can only be in the text after the last tag.
            append((last, start, False, language == page_lang and skipping == 0))
        last = end
        closing, name, attributes = match.groups()
        if name is None:  # a comment, or `<…>` that is no tag
            append((start, end, True, False))
            continue
        if closing:
            name = name.lower()
            while stack:
                open_name, _, skips = stack.pop()
                skipping -= skips
                if open_name == name:
                    break
            language = stack[-1][1] if stack else page_lang
            append((start, end, True, False))
            continue
        token = match.group(0)
        read = tags.get(token)
        if read is None:
            read = tags[token] = _read_tag(name, attributes, skipped, skipped_classes)
        name, element_lang, skips, opens = read
        append((start, end, True, (element_lang or language) == page_lang and skipping == 0 and not skips))
        if opens:
            if element_lang:
                language = element_lang
            stack.append((name, language, skips))
            skipping += skips
    if len(html) > last:
        _text(html, last, len(html), language == page_lang and skipping == 0, append)
    return result


def _read_tag(name: str, attributes: str, skipped: frozenset[str],
              skipped_classes: frozenset[str]) -> tuple[str, str | None, bool, bool]:
    """An opening tag's name, the language it sets, whether it starts a skipped region, whether it
    opens an element (not void or self-closing: `<br/>`, `<a href=x/>`)."""
    name = name.lower()
    self_closing = attributes.endswith("/")
    lang_match = LANG_ATTRIBUTE.search(attributes) if "lang" in attributes else None
    element_lang = lang_match.group(1).split("-")[0].lower() if lang_match else None
    class_match = CLASS_ATTRIBUTE.search(attributes) if "class" in attributes else None
    skips = name in skipped or bool(class_match and not skipped_classes.isdisjoint(class_match.group(1).split()))
    return name, element_lang, skips, not self_closing and name not in VOID_ELEMENTS


def _text(html: str, start: int, end: int, prose: bool, append) -> None:
    """The text between two tags; a `<` that starts no tag (none closes after it) is no part of any piece."""
    stray = html.find("<", start, end)
    while stray >= 0:
        if stray > start:
            append((start, stray, False, prose))
        start = stray + 1
        stray = html.find("<", start, end)
    if end > start:
        append((start, end, False, prose))
