"""Write a practice record as YAML, always in the same form, so every tool that writes records agrees.

Why one writer: the issue converter (`python -m kennisbank van-issue`), and later a web editor or a
bulk fix, produce records that people review in a pull request. If each tool wrote YAML its own way,
a diff would show reformatting instead of what changed. PyYAML's `safe_dump` is not that writer:
it sorts or keeps dict order, writes long text folded over several lines, quotes with `'…'`, turns
repeated values into anchors and aliases (which the check refuses), and does not know the schema.

The form, from the first line to the last:
- the schema modeline (editors read the schema from it: completion and an explanation per field);
- keys in the order of data/schema/praktijk.schema.json (the template's order); keys the schema
  does not know come last, in their own order, so nothing is lost and the check can name them;
- text of several lines as a literal block (`|`), each line as written; one-line text plain,
  in double quotes only where a YAML reader (1.1 or 1.2) would take it for something else (a
  number, a date, `yes`, `null`, a leading `-`, `#` or `*`, a `: ` inside…), and where it looks like
  a number or a date to a person (a phone number `03 000 00 00`, a month `2023-03`);
- lists one item per line with `- `; empty lists and blocks as `[]` and `{}`;
- two spaces per level, UTF-8, no anchors or aliases, one newline at the end.

Reading back what this writes gives the same data, and writing that again gives the same text
(tests/test_record_writer.py checks both on every record in data/praktijken/).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kennisbank.records.validation import resolve, schema

# The first line of a record in data/praktijken/: the schema, relative to that folder.
MODELINE = "# yaml-language-server: $schema=../schema/praktijk.schema.json"
INDENT = "  "

# Scalars that a YAML 1.2 reader (the core schema: yaml-language-server, most newer tools) takes
# for a number, a boolean or null. PyYAML (YAML 1.1) is asked directly, see _plain_is_safe.
_YAML12_NOT_TEXT = re.compile(
    r"^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
# Text that a person reads as a number, a date or a phone number: quoted, as the records do.
_LOOKS_NUMERIC = re.compile(r"^\+?[0-9][0-9 .,:/()-]*$")
# Characters PyYAML's reader treats as line breaks, besides \n: never left bare in a value.
_EXTRA_BREAKS = "\x85\u2028\u2029"


def dumps(record: dict, modeline: str | None = MODELINE) -> str:
    """The record as YAML text. `modeline=None` writes only the fields (for an example inside a comment)."""
    lines = [modeline] if modeline else []
    lines += _mapping_lines(record, schema(), "")
    return "\n".join(lines) + "\n"


def write(record: dict, path: Path) -> Path:
    """Write `record` to `path` (UTF-8), creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(record), encoding="utf-8")
    return path


# --- Structure -------------------------------------------------------------------------------------

def _properties(value: dict, node: dict) -> dict:
    """The schema properties that order `value`: the node's own, or those of the oneOf branch it fits."""
    node = resolve(node)
    if "properties" in node:
        return node["properties"]
    branches = [resolve(branch) for branch in node.get("oneOf", []) if "properties" in resolve(branch)]
    fitting = [b for b in branches if set(b.get("required", [])) <= set(value)]
    best = max(fitting or branches, key=lambda b: len(set(b["properties"]) & set(value)), default={})
    return best.get("properties", {})


def _mapping_lines(mapping: dict, node: dict, indent: str) -> list[str]:
    properties = _properties(mapping, node)
    keys = [key for key in properties if key in mapping] + [key for key in mapping if key not in properties]
    lines: list[str] = []
    for key in keys:
        lines += _entry(f"{indent}{_key(key)}:", mapping[key], properties.get(key, {}), indent)
    return lines


def _sequence_lines(items: list, node: dict, indent: str) -> list[str]:
    item_node = resolve(node).get("items", {})
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = _mapping_lines(item, item_node, indent + INDENT)
            inner[0] = f"{indent}- {inner[0][len(indent) + len(INDENT):]}"
            lines += inner
        else:
            lines += _entry(f"{indent}-", item, item_node, indent)
    return lines


def _entry(head: str, value: Any, node: dict, indent: str) -> list[str]:
    """`head` ('key:' or '-') with its value: on the same line, or as indented lines below it."""
    child = indent + INDENT
    if isinstance(value, dict) and value:
        return [head, *_mapping_lines(value, node, child)]
    if isinstance(value, list) and value:
        return [head, *_sequence_lines(value, node, child)]
    if isinstance(value, str) and "\n" in value:
        block = _literal_block(value, child)
        if block:
            return [f"{head} {block[0]}", *block[1:]]
    return [f"{head} {_scalar(value)}"]


# --- Scalars ---------------------------------------------------------------------------------------

def _key(key: str) -> str:
    return key if isinstance(key, str) and _plain_is_safe(key) else _quoted(str(key))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # PyYAML's own spelling: 1.5, 1.0e+16, .inf (a bare 1e+16 would read back as text).
        return yaml.safe_dump(value).removesuffix("\n...\n").strip()
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    if isinstance(value, str):
        return value if _plain_is_safe(value) else _quoted(value)
    raise TypeError(f"cannot write a {type(value).__name__} in a record ({value!r}): use text, a number, "
                    "true/false, a list or a block; dates are text ('2026-11-23')")


def _printable(text: str) -> bool:
    """Only characters YAML allows as they are (its printable set), and no line break."""
    for ch in text:
        code = ord(ch)
        if not (ch == "\t" or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
                or code >= 0x10000) or code == 0xFEFF or ch in _EXTRA_BREAKS:
            return False
    return True


def _plain_is_safe(text: str) -> bool:
    """True when `text` can stand unquoted and every YAML reader gets exactly `text` back."""
    if not text or text != text.strip() or not _printable(text) or "\t" in text:
        return False
    if _YAML12_NOT_TEXT.match(text) or _LOOKS_NUMERIC.match(text):
        return False
    try:  # YAML 1.1 (PyYAML): dates, yes/no, sexagesimal numbers, indicators, ': ' and ' #'
        return yaml.safe_load(f"k: {text}") == {"k": text} and yaml.safe_load(f"- {text}") == [text]
    except yaml.YAMLError:
        return False


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar; what YAML does not allow bare is written as an escape."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _printable(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def _literal_block(text: str, child: str) -> list[str] | None:
    """`|` (or `|-`, `|+`) and the text's lines, indented; None when a block cannot hold it exactly."""
    trailing = len(text) - len(text.rstrip("\n"))
    chomp = {0: "-", 1: ""}.get(trailing, "+")
    body = text[:-1] if trailing else text
    lines = body.split("\n")
    if not all(_printable(line) for line in lines) or not body.strip():
        return None
    indicator = "2" if lines[0].startswith(" ") else ""
    block = [f"|{indicator}{chomp}", *(f"{child}{line}" if line else "" for line in lines)]
    # Checked by reading it back, at the indentation it will have: a block scalar has a few more
    # rules (leading blank lines, spaces only lines) than are worth encoding here.
    try:
        probe = "\n".join([f"{child[:-len(INDENT)]}k: {block[0]}", *block[1:]]) + "\n"
        if yaml.safe_load(probe) == {"k": text}:
            return block
    except yaml.YAMLError:
        pass
    return None
