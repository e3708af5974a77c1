"""Controlled vocabularies (themes, target groups, regions…) with their nl/fr/en labels.

Why in data/ and not in code: contributors and translators edit labels without touching Python,
and the JSON Schema's enums are checked against these files by the tests, so editor completion
and the build never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kennisbank.paths import VOCABULARY_DIR
from kennisbank.records.yamlsource import load_data_file

LANGUAGES = ("nl", "fr", "en")
DEFAULT_LANGUAGE = "nl"
# The languages a record translates its Dutch texts into (tekst_fr, tekst_en…).
TRANSLATION_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)


def url_prefix(lang: str) -> str:
    """The folder of a language in the site: '' for Dutch (at the root), 'fr/' and 'en/' otherwise."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


@dataclass(frozen=True)
class Term:
    id: str
    labels: dict[str, str]
    extra: dict

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels[DEFAULT_LANGUAGE]


class Vocabulary:
    def __init__(self, name: str, terms: dict[str, Term]):
        self.name = name
        self.terms = terms

    def __contains__(self, term_id: str) -> bool:
        return term_id in self.terms

    def __getitem__(self, term_id: str) -> Term:
        return self.terms[term_id]

    def __iter__(self):
        return iter(self.terms.values())

    def ids(self) -> list[str]:
        return list(self.terms)

    def find(self, text: str) -> Term | None:
        """Look a term up by id or by any of its labels, ignoring case."""
        wanted = text.strip().casefold()
        for term in self.terms.values():
            if wanted == term.id.casefold() or wanted in (label.casefold() for label in term.labels.values()):
                return term
        return None


@cache
def load(name: str, directory: Path = VOCABULARY_DIR) -> Vocabulary:
    raw = load_data_file(directory / f"{name}.yaml") or {}
    terms = {}
    for term_id, entry in raw.items():
        labels = {lang: entry[lang] for lang in LANGUAGES if lang in entry}
        extra = {key: value for key, value in entry.items() if key not in LANGUAGES}
        terms[str(term_id)] = Term(str(term_id), labels, extra)
    return Vocabulary(name, terms)
