"""A field's description from the record schema, in the reader's language.

The schema (data/schema/praktijk.schema.json) describes every field in Dutch, then in English
(`(EN) …`) and French (`(FR) …`), a blank line apart: one description a JSON Schema editor shows
whole, and that the check's hints, the open-data page's list of fields and the web editor each
show in their reader's language. Why one reader of that layout: each of them split it its own way
before, and a French contributor got the English half.
"""
from __future__ import annotations

from kennisbank.records.vocabulary import DEFAULT_LANGUAGE

# The mark that opens a translation's paragraph; the first paragraph is the Dutch.
TRANSLATION_MARKS = {"en": "(EN)", "fr": "(FR)"}
# The language a translation that is missing falls back to (then the Dutch).
FALLBACK = {"fr": "en"}


def description_parts(description: str) -> dict[str, str]:
    """The description's paragraphs by language: {'nl': …, 'en': …, 'fr': …} as far as written."""
    dutch, *translations = [paragraph.strip() for paragraph in str(description).split("\n\n")]
    parts = {DEFAULT_LANGUAGE: dutch} if dutch else {}
    for paragraph in translations:
        for lang, mark in TRANSLATION_MARKS.items():
            if paragraph.startswith(mark):
                parts[lang] = paragraph.removeprefix(mark).strip()
    return parts


def description_in(description: str, lang: str) -> str:
    """The description in `lang`, else in its fallback language, else in Dutch ('' if there is none)."""
    parts = description_parts(description)
    for candidate in (lang, FALLBACK.get(lang), DEFAULT_LANGUAGE):
        if candidate and parts.get(candidate):
            return parts[candidate]
    return ""
