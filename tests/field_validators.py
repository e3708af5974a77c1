"""The field's own validators, run offline on our output: DCAT-AP's SHACL shapes.

Why here and not our own assertions: a catalogue passes what its readers check (portals harvest with the
DCAT-AP shapes), not what we think the standard says.
The files are vendored unchanged under tests/validators/ (see the README.md in each folder); nothing is fetched.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VALIDATORS = Path(__file__).parent / "validators"
DCAT_AP = VALIDATORS / "dcat-ap-3.0.1"


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
