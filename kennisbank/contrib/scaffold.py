"""A new practice record, written from the JSON Schema: every field, marked verplicht or optioneel.

Why from the schema: the template in the repository (data/sjabloon-praktijk.yaml, for people who
work in GitHub's web editor), the file `python -m kennisbank nieuw` writes and the editor's
completion all come from the same field list, descriptions, examples and vocabularies, so they
cannot drift apart (a test regenerates the template and compares).

Required fields get an empty placeholder that `check` refuses until it is filled in; optional
fields are written commented out, with an example, ready to be switched on by removing the `# `.

The template lives in data/, a record in data/praktijken/: each gets the modeline that finds the
schema from where it is, and the template says which line changes in a copy. Above `bron` it shows
a record whose facts the organisation supplied itself, written by the records' own writer
(kennisbank/contrib/record_writer.py). The issue form is generated in kennisbank/contrib/issue_form.py.
"""
from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

from kennisbank.contrib import issue_form as issue_form_module
from kennisbank.contrib import record_writer
from kennisbank.paths import DATA_DIR, RECORDS_DIR
from kennisbank.records.validation import resolve as _resolve
from kennisbank.records.validation import schema, slugify

TEMPLATE_PATH = DATA_DIR / "sjabloon-praktijk.yaml"
ISSUE_FORM_PATH = issue_form_module.ISSUE_FORM_PATH
# A written record's first line (data/praktijken/<slug>.yaml: the schema is one folder up).
MODELINE = record_writer.MODELINE
# The template's own first line: it lives in data/, where the schema is in schema/.
TEMPLATE_MODELINE = "# yaml-language-server: $schema=schema/praktijk.schema.json"
# Template comments are wrapped at this width, so they read well in GitHub's web editor.
COMMENT_WIDTH = 100
# Text fields that hold several paragraphs: written as a literal block (`|`).
BLOCK_FIELDS = {"beschrijving"}
HEADER = """\
# Een nieuwe praktijk voor de Kennisbank lokaal integratiebeleid.
# Vul elk veld met 'verplicht' in; haal '# ' weg voor een optioneel veld dat je wilt gebruiken.
# Controleer met: make check BESTAND=data/praktijken/<slug>.yaml   (uitleg: CONTRIBUTING.md)
"""
# Only in the template: where the copy goes, and the one line that changes there.
TEMPLATE_NOTE = """\
# Kopieer dit sjabloon naar data/praktijken/<slug>.yaml en zet daar in de eerste regel '../schema/'
# in plaats van 'schema/': dan vindt je editor het schema ('make nieuw' schrijft die regel zelf goed).
"""
# The example of a record whose facts the organisation supplied itself, shown in the template
# above `bron`: the schema's own examples, so it stays in step with the schema.
SUPPLIED_EXAMPLE_INTRO = ("Voorbeeld: een organisatie die de feiten van haar eigen praktijk aanlevert, schrijft "
                          "(zoals tests/fixtures/lier-buddyproject-nieuwkomers.yaml):")


def _dutch(node: dict) -> str:
    return str(node.get("description", "")).split("\n\n")[0].strip()


def _comment(name: str, node: dict, required: bool, indent: str) -> list[str]:
    node = _resolve(node)
    text = f"{'verplicht' if required else 'optioneel'}: {_dutch(node)}"
    enum = node.get("enum") or _resolve(node.get("items", {})).get("enum")
    if enum:
        text += " Kies uit: " + ", ".join(map(str, enum)) + "."
    if node.get("examples"):
        text += " Bv.: " + ", ".join(json.dumps(e, ensure_ascii=False) for e in node["examples"][:2]) + "."
    width = max(40, COMMENT_WIDTH - len(indent) - 2)
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)]


def _placeholder(name: str, node: dict, indent: str, values: dict) -> list[str]:
    """The value lines of one field: a given value, or an empty placeholder of the right shape."""
    node = _resolve(node)
    if name in values:
        return [f"{indent}{name}: {json.dumps(values[name], ensure_ascii=False)}"]
    kind = node.get("type")
    branches = node.get("oneOf", [])
    if branches and all("properties" in branch for branch in branches):  # bron: one of several blocks
        lines = [f"{indent}{name}:", *_mapping(branches[0], indent + "  ", values.get(name, {}))]
        for branch in branches[1:]:
            lines.append(f"{indent}  # of in plaats daarvan, {branch.get('title', '')}: {_dutch(branch)}")
            lines += [line if line.lstrip().startswith("#") else f"{indent}  # {line[len(indent) + 2:]}"
                      for line in _mapping(branch, indent + "  ", {})]
        return lines
    if name in BLOCK_FIELDS:
        return [f"{indent}{name}: |"]
    if kind == "object" or "properties" in node:
        return [f"{indent}{name}:", *_mapping(node, indent + "  ", {})]
    if kind == "array":
        items = _resolve(node.get("items", {}))
        if items.get("type") == "object" or "properties" in items:
            return [f"{indent}{name}:", *_list_item(items, indent + "  ")]
        if "oneOf" in items:  # werkgebied: one of several shapes; show the first, name the others
            first = items["oneOf"][0]
            key = first["required"][0]
            alternatives = ", ".join(branch["required"][0] for branch in items["oneOf"][1:])
            return [f"{indent}{name}:", f"{indent}  # of in plaats van '{key}': {alternatives}",
                    f"{indent}  - {key}: {json.dumps(values.get(key, ''), ensure_ascii=False)}"]
        return [f"{indent}{name}: []"]
    if kind == "boolean":
        return [f"{indent}{name}: false"]
    if kind in ("integer", "number"):
        return [f"{indent}{name}: null"]
    return [f"{indent}{name}: \"\""]


def _mapping(node: dict, indent: str, values: dict, examples: dict | None = None) -> list[str]:
    node = _resolve(node)
    required = set(node.get("required", []))
    lines: list[str] = []
    for name, prop in node.get("properties", {}).items():
        value_lines = _placeholder(name, prop, indent, values)
        if name not in required:  # written commented out: remove '# ' to use it
            value_lines = [f"{indent}# {line[len(indent):]}" for line in value_lines]
        lines += (examples or {}).get(name, []) + _comment(name, prop, name in required, indent) + value_lines
    return lines


def supplied_example() -> dict:
    """The fields of a record whose facts the organisation supplied itself, from the schema's examples."""
    supplied = next(branch for branch in schema()["properties"]["bron"]["oneOf"] if "aangeleverd_door" in branch["properties"])
    by, date = (supplied["properties"][name]["examples"][0] for name in ("aangeleverd_door", "datum"))
    return {"bron": {"aangeleverd_door": by, "datum": date}, "laatst_gecontroleerd": date, "gecontroleerd_door": by}


def _supplied_example_lines() -> list[str]:
    """The example as comment lines, written by the same writer as the records."""
    written = record_writer.dumps(supplied_example(), modeline=None).splitlines()
    intro = textwrap.wrap(SUPPLIED_EXAMPLE_INTRO, COMMENT_WIDTH - 2, break_on_hyphens=False)
    return [f"# {line}" for line in intro] + [f"#   {line}" for line in written]


def _list_item(items: dict, indent: str) -> list[str]:
    """One example entry of a list of blocks: its first line starts with '- '."""
    lines = _mapping(items, indent + "  ", {})
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    lines[first] = indent + "- " + lines[first][len(indent) + 2:]
    return lines


def record_text(values: dict | None = None) -> str:
    """The template (no values), or a new record to fill in (values): modeline, header, then every
    schema field in schema order. The template has its own modeline, a note on where its copy
    goes, and the example of facts supplied by the organisation itself."""
    values = dict(values or {})
    if values:
        return "\n".join([MODELINE, HEADER.rstrip("\n"), *_mapping(schema(), "", values)]) + "\n"
    body = _mapping(schema(), "", values, examples={"bron": _supplied_example_lines()})
    return "\n".join([TEMPLATE_MODELINE, HEADER.rstrip("\n"), TEMPLATE_NOTE.rstrip("\n"), *body]) + "\n"


def record_slug(title: str, municipality: str) -> str:
    """The file name of a new record: the municipality and the title, unless the title names it already."""
    return slugify(f"{municipality} {title}" if municipality.lower() not in title.lower() else title)


def new_record(title: str, municipality: str, today: dt.date | None = None, slug: str | None = None,
               records_dir: Path = RECORDS_DIR, force: bool = False) -> Path:
    """Write data/praktijken/<slug>.yaml with the title, municipality and today's check date filled in."""
    slug = slug or record_slug(title, municipality)
    target = records_dir / f"{slug}.yaml"
    if target.exists() and not force:
        raise FileExistsError(f"{target} bestaat al; kies een andere titel of slug (--slug), of gebruik --force.")
    today = today or dt.date.today()
    text = record_text({"slug": slug, "titel": title, "gemeente": municipality,
                        "laatst_gecontroleerd": today.isoformat()})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# --- The issue form "Nieuwe praktijk voorstellen" ---------------------------------------------------

def issue_form() -> str:
    """The issue form, generated from the schema and the vocabularies (see kennisbank/contrib/issue_form.py)."""
    return issue_form_module.issue_form()
