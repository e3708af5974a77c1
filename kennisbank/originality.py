"""Facts carry over from the sources; sentences do not. Find prose that repeats a source word for word.

Why 12 words: a name, a title or a phrase of the domain ("lokale besturen in de Vlaamse Rand") is
shorter; twelve words in the same order are a copied sentence. The check covers the prose we
write: a record's summary, description, results, success factors and sub-project descriptions,
and the hand-written pages. It leaves out what must stay literal: names, budget and period
texts, contacts, quoted titles and citations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# The shortest run of words, in order, that counts as copied prose.
RUN = 12
WORD = re.compile(r"[0-9a-zà-öø-ÿ]+(?:['’-][0-9a-zà-öø-ÿ]+)*")
# Record fields written in our own words (Dutch; translations are compared too, cheaply).
PROSE_FIELDS = ("samenvatting", "beschrijving", "resultaten", "succesfactoren")
# In hand-written pages: quotations and citations are meant to be literal.
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|<cite[^>]*>.*?</cite>|<q[^>]*>.*?</q>|\*[^*\n]+\*|<!--.*?-->", re.S)
# A page's list of references, from its heading to the next heading: bibliography entries are literal.
REFERENCES = re.compile(r"^#+\s*(Bronnen|Bibliografie|Literatuur|Sources|Bibliographie|Références|References|Bibliography)\b.*?(?=^#|\Z)",
                        re.M | re.S | re.I)


@dataclass(frozen=True)
class Copied:
    where: str
    words: str


def words(text: str) -> list[str]:
    return WORD.findall(text.replace("**", "").lower())


def runs(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i:i + RUN]) for i in range(len(tokens) - RUN + 1)}


def source_runs(documents: list[str]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for document in documents:
        # Words broken across lines in the extraction are joined first.
        found |= runs(re.sub(r"(\w)-\n(\w)", r"\1\2", document))
    return found


def _record_prose(data: dict, prefix: str = ""):
    for name in PROSE_FIELDS:
        for lang_suffix in ("", "_fr", "_en"):
            value = data.get(name + lang_suffix)
            items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
            for index, item in enumerate(items):
                yield f"{prefix}{name}{lang_suffix}" + (f"[{index}]" if isinstance(value, list) else ""), item
    for index, sub in enumerate(data.get("deelprojecten") or []):
        if isinstance(sub, dict):
            yield from _record_prose(sub, f"deelprojecten[{index}].")


def copied_in_record(data: dict, sources: set[tuple[str, ...]]) -> list[Copied]:
    found = []
    for where, text in _record_prose(data):
        shared = sorted(runs(text) & sources)
        if shared:
            found.append(Copied(where, " ".join(shared[0])))
    return found


def copied_in_page(path: Path, sources: set[tuple[str, ...]]) -> list[Copied]:
    text = QUOTED.sub(" ", REFERENCES.sub(" ", path.read_text(encoding="utf-8")))
    shared = sorted(runs(text) & sources)
    return [Copied(path.name, " ".join(run)) for run in shared[:3]]
