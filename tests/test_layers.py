"""The package's folders show the pipeline, and imports go one way, down it.

records → model → open data → site → print → contributor tools → the build, the CLI and the
benchmark. A module may import from its own stage and from the stages before it, never from a later
one: the page stages cannot come to depend on the PDF, the records on the pages. Imports inside
functions count too. The layers are read from the folder tree, so a new module is checked by where
it is put.
"""
from __future__ import annotations

import ast
from pathlib import Path

from kennisbank.paths import ROOT

PACKAGE = ROOT / "kennisbank"
# Top-level modules and subpackages, in pipeline order. Equal numbers are one stage.
STAGES = {
    "paths": 0, "build_date": 0, "log_messages": 0,
    "records": 1,
    "model": 2, "site_config": 2,
    "opendata": 3,
    "site": 4,
    "print": 5,
    "contrib": 6,
    "build": 7, "doctor": 7, "bench": 7, "bench_configurations": 7, "parity": 7, "exit_check": 7, "cli": 7,
    "watch": 7, "watch_mkdocs": 7, "watch_server": 7, "watch_background": 7, "bench_preview": 7,
    "__main__": 8,
}


def stage_of(dotted: str) -> str:
    """'kennisbank.site.pages' → 'site'; 'kennisbank.paths' → 'paths'."""
    return dotted.split(".")[1]


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kennisbank":
            if node.module == "kennisbank":
                found |= {f"kennisbank.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("kennisbank.")}
    return found


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        yield path, parts[0]


def test_every_module_belongs_to_a_stage():
    unplaced = sorted({stage for _, stage in modules() if stage not in STAGES and stage != "__init__"})
    assert not unplaced, f"put these in a stage's folder, or give them a place in STAGES: {unplaced}"


def test_imports_go_down_the_pipeline():
    upward = []
    for path, stage in modules():
        if stage == "__init__":
            continue
        for target in imports_of(path):
            other = stage_of(target)
            if other in STAGES and STAGES[other] > STAGES[stage]:
                upward.append(f"{path.relative_to(ROOT)} ({stage}) imports {target} ({other})")
    assert not upward, "\n".join(upward)


def test_the_stages_are_folders_with_a_docstring_that_says_why():
    for stage in ("records", "model", "opendata", "site", "print", "contrib"):
        init = PACKAGE / stage / "__init__.py"
        assert init.exists(), stage
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and f"Stage {STAGES[stage]}" in doc, stage


def test_the_build_and_the_pdf_no_longer_import_each_other():
    assert not any(stage_of(t) == "build" for t in imports_of(PACKAGE / "print" / "pdf.py"))


def test_the_rule_catches_an_upward_import(tmp_path):
    # The check itself: a records module importing the pages would be reported.
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from kennisbank.site import pages\n", encoding="utf-8")
    assert {stage_of(t) for t in imports_of(module)} == {"site"} and STAGES["site"] > STAGES["records"]
