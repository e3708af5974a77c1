"""The organisations that lead, join or fund practices, as entities with a name in every language.

Why a vocabulary (data/vocabularies/organisaties.yaml) and not a translation in every record: the
same organisation (VDAB, an OCMW, the Agentschap Integratie en Inburgering) appears in many
records, its official French and English names are set once, and each organisation gets a page
per language listing every practice it leads, joins or funds, and a search filter.

Records keep writing names as the source gives them (`trekker`, `partners`, `financiers`, a
contact's `organisatie`). A name is resolved here when it is an entry's id, one of its names, or
one of the spellings the entry lists under `schrijfwijzen`, ignoring case. A name that resolves to
nothing stays as written: a sibling `partners_fr` may translate it, and `check` suggests the
closest entry.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from kennisbank.records import vocabulary

VOCABULARY = "organisaties"
# A suggestion must look this much like an entry's name (difflib's ratio) to be worth showing.
SUGGESTION_CUTOFF = 0.75


@dataclass(frozen=True)
class Organisation:
    id: str
    names: dict[str, str]
    description: dict[str, str]
    kind: str
    part_of: str | None
    website: str | None

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names[vocabulary.DEFAULT_LANGUAGE]


@cache
def register() -> dict[str, Organisation]:
    return {term.id: Organisation(term.id, term.labels, dict(term.extra.get("omschrijving") or {}), term.extra.get("soort", ""),
                                  term.extra.get("deel_van"), term.extra.get("website"))
            for term in vocabulary.load(VOCABULARY)}


@cache
def _by_written_form() -> dict[str, str]:
    forms: dict[str, str] = {}
    for term in vocabulary.load(VOCABULARY):
        for form in [term.id, *term.labels.values(), *term.extra.get("schrijfwijzen", [])]:
            forms.setdefault(" ".join(str(form).split()).casefold(), term.id)
    return forms


def resolve(name: str) -> Organisation | None:
    """The organisation a record's name stands for, or None."""
    found = _by_written_form().get(" ".join(name.split()).casefold())
    return register()[found] if found else None


def suggest(name: str) -> list[str]:
    """Dutch names of the entries that look most like `name` (for check's hint)."""
    names = {org.name(vocabulary.DEFAULT_LANGUAGE): org for org in register().values()}
    return difflib.get_close_matches(name, list(names), n=2, cutoff=SUGGESTION_CUTOFF)


def with_parents(org: Organisation) -> list[Organisation]:
    """The organisation and the ones it is part of (a department and its city), nearest first."""
    chain, seen = [org], {org.id}
    while chain[-1].part_of and chain[-1].part_of not in seen:
        parent = register().get(chain[-1].part_of)
        if parent is None:
            break
        chain.append(parent)
        seen.add(parent.id)
    return chain


def name_in(name: str, lang: str) -> tuple[str, bool]:
    """How a record's organisation name reads in `lang`: the entry's name, the record's own translation
    (a `Localized`), or the name as written; the flag says whether that is Dutch shown as a fallback."""
    org = resolve(name)
    if org is not None:
        return org.name(lang), False
    if hasattr(name, "in_lang"):
        return name.in_lang(lang)
    return str(name), lang != vocabulary.DEFAULT_LANGUAGE


# How a character of a name may be written in HTML text: a space as any run of whitespace (a line
# break in Markdown), an ampersand also as &amp;, an apostrophe also escaped or typographic.
_NAME_CHARS = {" ": r"\s+", "&": "(?:&|&amp;)", "'": "(?:'|&#39;|’)"}


@cache
def names_pattern(lang: str):
    """One regex for every organisation's name as it can stand in running text of `lang`: its name in
    that language, its Dutch name and the spellings records use (the longest match wins)."""
    import re

    from kennisbank.records.trie_regex import trie_pattern

    names = {org.name(lang) for org in register().values()}
    for term in vocabulary.load(VOCABULARY):
        names.update([term.labels[vocabulary.DEFAULT_LANGUAGE], *term.extra.get("schrijfwijzen", [])])
    pattern = trie_pattern({str(n) for n in names if len(str(n)) > 3}, lambda c: _NAME_CHARS.get(c) or re.escape(c))
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")
