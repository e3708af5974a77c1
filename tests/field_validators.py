"""The field's own validators, run offline on our output: DCAT-AP's SHACL shapes and schema.org's vocabulary.

Why here and not our own assertions: a catalogue or a page passes what its readers check (portals harvest with
the DCAT-AP shapes, search engines read schema.org by its vocabulary), not what we think those standards say.
The files are vendored unchanged under tests/validators/ (see the README.md in each folder); nothing is fetched.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VALIDATORS = Path(__file__).parent / "validators"
DCAT_AP = VALIDATORS / "dcat-ap-3.0.1"
SCHEMA_ORG = VALIDATORS / "schemaorg-30.0" / "schemaorg-current-https.jsonld"


@dataclass(frozen=True)
class ShaclResult:
    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    path: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: <{self.focus}> {self.path} {self.value!r}: {self.message}"


@cache
def _shapes(name: str):
    import rdflib

    return rdflib.Graph().parse(DCAT_AP / name, format="turtle")


def shacl_results(catalog: str | dict, shapes_file: str) -> list[ShaclResult]:
    """The top-level results of pyshacl for a JSON-LD catalogue (text or parsed) against one vendored shapes file."""
    import pyshacl
    import rdflib

    text = catalog if isinstance(catalog, str) else json.dumps(catalog)
    data = rdflib.Graph().parse(data=text, format="json-ld")
    # inference none, no owl:imports: the check sees only the catalogue and the shapes, as an offline harvester would
    _, report, _ = pyshacl.validate(data, shacl_graph=_shapes(shapes_file), inference="none", do_owl_imports=False,
                                    allow_warnings=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    results = []
    for result in report.objects(None, sh.result):
        def field(name):
            value = report.value(result, sh[name])
            return "" if value is None else str(value)
        results.append(ShaclResult(field("resultSeverity").rsplit("#", 1)[-1], field("focusNode"), field("resultPath"),
                                   field("value"), field("resultMessage")))
    return sorted(results, key=str)


# --- schema.org -------------------------------------------------------------------------------------------

# How a JSON literal can be read as a schema.org data type. A string is always Text; it is also a URL, a Date or
# a DateTime when it has that form (ISO 8601, reduced precision allowed: schema.org's Date is ISO 8601).
LITERAL_FORMS = {
    "URL": re.compile(r"https?://\S+"),
    "Date": re.compile(r"\d{4}(-\d{2}(-\d{2})?)?"),
    "DateTime": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?"),
}


def _ids(value) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return [v["@id"].removeprefix("schema:") for v in values if isinstance(v, dict) and str(v.get("@id", "")).startswith("schema:")]


class SchemaOrg:
    """The classes and properties of one schema.org release, read from its JSON-LD vocabulary file."""

    def __init__(self, path: Path = SCHEMA_ORG):
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        self.classes, self.properties, self.superseded = set(), set(), set()
        self.parents: dict[str, list[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        for node in graph:
            name = node["@id"].removeprefix("schema:")
            types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            if "schema:supersededBy" in node:
                self.superseded.add(name)
            if "rdfs:Class" in types:
                self.classes.add(name)
                self.parents[name] = _ids(node.get("rdfs:subClassOf"))
            if "rdf:Property" in types:
                self.properties.add(name)
                self.domains[name] = set(_ids(node.get("schema:domainIncludes")))
                self.ranges[name] = set(_ids(node.get("schema:rangeIncludes")))

    @cache
    def ancestors(self, name: str) -> frozenset[str]:
        """The class and all its superclasses (rdfs:subClassOf, transitively)."""
        found, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += self.parents.get(current, [])
        return frozenset(found)

    def literal_types(self, value) -> set[str]:
        if isinstance(value, bool):
            return {"Boolean"}
        if isinstance(value, int):
            return {"Integer"}
        if isinstance(value, float):
            return {"Float"}
        return {"Text"} | {name for name, form in LITERAL_FORMS.items() if form.fullmatch(value)}

    def problems(self, node: dict, where: str = "") -> list[str]:
        """Everything in a JSON-LD node (compacted with the schema.org context) that the release does not allow."""
        types = node.get("@type")
        types = types if isinstance(types, list) else [types] if types else []
        found = [] if types else [f"{where or 'top'}: a node without @type"]
        for name in types:
            if name not in self.classes:
                found.append(f"{where}@type {name!r} is not a class of the release")
            elif name in self.superseded:
                found.append(f"{where}@type {name!r} is superseded")
        lineage = set().union(*(self.ancestors(name) for name in types)) if types else set()
        for key, value in node.items():
            if key.startswith("@"):
                continue
            here = f"{where}{key}"
            if key not in self.properties:
                found.append(f"{here}: not a property of the release")
                continue
            if key in self.superseded:
                found.append(f"{here}: superseded")
            if not self.domains[key] & lineage:
                found.append(f"{here}: not a property of {'/'.join(types)} (domainIncludes: {sorted(self.domains[key])})")
            for item in value if isinstance(value, list) else [value]:
                found += self._value_problems(key, item, here)
        return found

    def _value_problems(self, key: str, item, here: str) -> list[str]:
        allowed = self.ranges[key]
        if isinstance(item, dict):
            inner = self.problems(item, f"{here} > ")
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
        else:
            inner, kinds = [], sorted(self.literal_types(item))
        if kinds and not any(self.ancestors(kind) & allowed for kind in kinds):
            inner.append(f"{here}: {item!r} is {'/'.join(kinds)}, rangeIncludes is {sorted(allowed)}")
        return inner


@cache
def schema_org() -> SchemaOrg:
    return SchemaOrg()
