"""Facts carry over from the sources; sentences do not. Find prose that repeats a source word for word.

Why 12 words: a name, a title or a phrase of the domain ("lokale besturen in de Vlaamse Rand") is
shorter; twelve words in the same order are a copied sentence. The check covers the prose we
write: a record's summary, description, results, success factors and sub-project descriptions,
and the hand-written pages. It leaves out what must stay literal: names, budget and period
texts, contacts, quoted titles and citations. Data files written wholly in our own words (the VGC
plan's objectives, PROSE_DATA_FILES) are checked text by text, since they never pass through a
record or a hand-written page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kennisbank.paths import DATA_DIR

# The shortest run of words, in order, that counts as copied prose.
RUN = 12
WORD = re.compile(r"[0-9a-zà-öø-ÿ]+(?:['’-][0-9a-zà-öø-ÿ]+)*")
# Record fields written in our own words (Dutch; translations are compared too, cheaply).
PROSE_FIELDS = ("samenvatting", "beschrijving", "resultaten", "succesfactoren")
# Data files (under data/) whose every text is our own prose, in three languages.
PROSE_DATA_FILES = ("vgc-integratieplan.yaml",)
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


def _texts(value, where: str):
    """Every string in a data structure, with its dotted path (`strategische_doelstellingen[0].titel.nl`)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")
    elif isinstance(value, str):
        yield where, value


def copied_in_data(data, sources: set[tuple[str, ...]]) -> list[Copied]:
    found = []
    for where, text in _texts(data, ""):
        shared = sorted(runs(text) & sources)
        if shared:
            found.append(Copied(where, " ".join(shared[0])))
    return found


def copied_in_data_files(sources: set[tuple[str, ...]], data_dir: Path = DATA_DIR) -> list[tuple[str, Copied]]:
    """(file name, passage) for every text of PROSE_DATA_FILES that repeats a source word for word."""
    import yaml

    return [(name, copied) for name in PROSE_DATA_FILES
            for copied in copied_in_data(yaml.safe_load((data_dir / name).read_text(encoding="utf-8")), sources)]
