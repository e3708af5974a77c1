"""Every literal fact of a record, traced to the lines of the source document it was copied from.

Why: civil servants call the contact, quote the budget and copy the period into a policy note. A
record whose source is a document kept with the knowledge base (`bron.document`, the text in
shared/seeds/) says in `herkomst` where each literal value stands: `trekker: "1172"`,
`budget.tekst: "1175-1176"`, `contact[0]: "1178-1180"`. `check_record` reads those lines and
confirms that each value occurs there. It normalises whitespace, words broken across lines,
the extraction's markup (bold, escaped underscores) and typographic quotes, and nothing more: a
paraphrase or a composed text fails.

Which fields are literal: the names (trekker, partners, financiers), the published budget and
period texts, and each contact's name, e-mail addresses and phone numbers, in the record and in
its sub-projects. A value the editors inferred is not literal: it is listed in `afgeleid` with
its reason instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

# The fields whose values are copied from the source as published.
LITERAL_LISTS = ("trekker", "partners", "financiers")
LITERAL_TEXTS = ("budget.tekst", "periode.tekst")
CONTACT_FIELDS = ("naam", "email", "telefoon")
PATH_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
LINES = re.compile(r"^(\d+)(?:-(\d+))?$")
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


@dataclass(frozen=True)
class ProvenanceProblem:
    path: str
    message: str


def normalise(text: str) -> str:
    """Whitespace folded, quotes made plain, the extraction's bold marks and escapes removed."""
    text = text.replace("**", "").replace("\\_", "_").replace("\\*", "*").translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip()


def _variants(text: str) -> set[str]:
    """The passage with a word broken across lines joined, and with the hyphen kept (Erpe-Mere)."""
    joined = re.sub(r"(\w)[-\u00ad]\s*\n\s*(\w)", r"\1\2", text)
    kept = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text)
    return {normalise(joined), normalise(kept), normalise(text)}


def passage(document: str, lines: str) -> str:
    match = LINES.match(lines)
    if not match:
        raise ValueError(f"regels '{lines}': schrijf één regel (1172) of een bereik (1172-1175)")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    return "\n".join(document.splitlines()[first - 1:last])


def value_at(data: Any, path: str) -> Any:
    """The value at a path like `deelprojecten[1].budget.tekst`, or None."""
    node = data
    for name, index in PATH_PART.findall(path):
        if not isinstance(node, dict) or name not in node:
            return None
        node = node[name]
        if index:
            if not isinstance(node, list) or int(index) >= len(node):
                return None
            node = node[int(index)]
    return node


def literal_paths(data: dict, prefix: str = "") -> Iterator[str]:
    """Every path of `data` that holds a literal fact and so needs a `herkomst` entry."""
    for name in LITERAL_LISTS:
        if data.get(name):
            yield f"{prefix}{name}"
    for path in LITERAL_TEXTS:
        if value_at(data, path):
            yield f"{prefix}{path}"
    for index, contact in enumerate(data.get("contact") or []):
        if isinstance(contact, dict) and any(contact.get(f) for f in CONTACT_FIELDS):
            yield f"{prefix}contact[{index}]"
    if not prefix:
        for index, sub in enumerate(data.get("deelprojecten") or []):
            if isinstance(sub, dict):
                yield from literal_paths(sub, f"deelprojecten[{index}].")


def _values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    if isinstance(value, dict):  # a contact: its name, addresses and numbers
        return [item for field in CONTACT_FIELDS for item in _values(value.get(field))]
    return []


def check_record(data: dict, document: str) -> list[ProvenanceProblem]:
    """What is not traced, or not found where it is said to be; empty when every literal fact checks out."""
    provenance = data.get("herkomst") or {}
    inferred = {item.get("veld") for item in data.get("afgeleid") or []}
    problems = []
    for path in literal_paths(data):
        if path not in provenance and path not in inferred:
            problems.append(ProvenanceProblem(path, "geen herkomst: voeg de regel(s) in het brondocument toe onder 'herkomst'"))
    for path, lines in provenance.items():
        value = value_at(data, path)
        if value is None:
            problems.append(ProvenanceProblem(path, "herkomst verwijst naar een veld dat niet bestaat"))
            continue
        try:
            variants = _variants(passage(document, lines))
        except ValueError as error:
            problems.append(ProvenanceProblem(path, str(error)))
            continue
        for item in _values(value):
            wanted = normalise(item)
            if not any(wanted in variant for variant in variants) and not any(
                    wanted.casefold() in variant.casefold() for variant in variants if "@" in wanted):
                problems.append(ProvenanceProblem(path, f"'{item}' staat niet letterlijk op regel {lines}"))
    return problems
