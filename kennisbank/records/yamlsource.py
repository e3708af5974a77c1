"""Read one YAML record safely and remember the line and column of every value.

Why not `yaml.safe_load`: it forgets positions, so errors could not say where a mistake is; it
expands aliases, so a few lines of "billion laughs" can eat all memory; it silently keeps the last
of two equal keys; and it turns `2016-03-20` into a date object, which JSON Schema cannot check
as a string. This reader walks PyYAML's node tree itself and refuses those cases with a clear
message. It also keeps what later messages need from the source and the data alone would lose:
which lists were written `[a, b]` (a comma there splits names), and how an unquoted value that
became a number or true/false was typed. A syntax error is explained by kennisbank.records.yamlsyntax.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kennisbank.records import yamlsyntax
from kennisbank.records.problems import ERROR, Problem, Text

# The largest real record is about 12 KB. 256 KB leaves room for a long description while keeping
# a pasted binary or a runaway file from reaching the build.
MAX_RECORD_BYTES = 256 * 1024

JsonPath = tuple[Any, ...]


# libyaml's C parser when PyYAML has it (the PyPI wheels do): about ten times faster than the
# pure-Python parser, which matters once there are thousands of records.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NoDatesLoader(_BaseLoader):
    """SafeLoader that keeps dates as text, so `2016-03-20` stays the string the schema checks."""


_NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# One constructor for scalars: building a loader per value costs more than parsing the file.
_SCALARS = yaml.SafeLoader("")
_SCALARS.yaml_implicit_resolvers = _NoDatesLoader.yaml_implicit_resolvers


@dataclass
class SourceDocument:
    """A parsed record with the position (1-based line, column) of every value by JSON path."""

    path: Path
    shown_path: str
    data: Any = None
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    # Literal block scalars (`|`): where their first content line is, to point inside the text.
    literal_blocks: dict[JsonPath, int] = field(default_factory=dict)
    # Folded block scalars (`>-`): their first content line; YAML joins their lines with spaces.
    folded_blocks: dict[JsonPath, int] = field(default_factory=dict)
    # Lists written in flow style (`[a, b]`), with for each item whether it was unquoted: there a
    # comma always separates items, which a contributor may not expect inside a name.
    flow_lists: dict[JsonPath, tuple[bool, ...]] = field(default_factory=dict)
    # Unquoted values YAML read as a number, true/false or nothing, as written: `land: NO` is false
    # and `waarde: 25.000` is 25.0, which a message can only explain by quoting what was typed.
    plain_values: dict[JsonPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = field(default="", repr=False)  # the file as read, for problems that quote what was written

    def position(self, json_path: JsonPath) -> tuple[int, int]:
        """Position of the value at `json_path`, or of its nearest existing parent."""
        json_path = tuple(json_path)
        while json_path not in self.positions and json_path:
            json_path = json_path[:-1]
        return self.positions.get(json_path, (1, 1))

    def problem(self, json_path: JsonPath, message: str, hint: str = "", offset: int | None = None,
                severity: str = ERROR) -> Problem:
        """A problem at the field `json_path`; `offset` points at a character inside a text value."""
        line, column = self.position(json_path)
        json_path = tuple(json_path)
        if offset is not None and json_path in self.literal_blocks and isinstance(self.value(json_path), str):
            text = self.value(json_path)
            line = self.literal_blocks[json_path] + text[:offset].count("\n")
            column = 1
        elif offset is not None and json_path in self.folded_blocks and isinstance(self.value(json_path), str):
            line, column = self._folded_line(self.folded_blocks[json_path], offset), 1
        return Problem(self.shown_path, line, column, dotted(json_path), message, hint, severity)

    def _folded_line(self, first: int, offset: int) -> int:
        """The line of a folded block that holds character `offset` of its value: each line adds its
        text and the space (or, after a blank line, the line break) YAML puts in its place."""
        read = 0
        for index, written in enumerate(self.text.split("\n")[first - 1:]):
            read += len(written.strip()) + 1
            if read > offset:
                return first + index
        return first

    def value(self, json_path: JsonPath):
        current = self.data
        for part in json_path:
            current = current[part]
        return current


def dotted(json_path: JsonPath) -> str:
    """`('contact', 0, 'email')` → `contact[0].email`: how the error names a field."""
    text = ""
    for part in json_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_data_file(path: Path):
    """Read one of the project's own data files (vocabularies, glossary, guide, UI strings).

    These are trusted and small, but every MkDocs process reads them: libyaml's C loader keeps that
    cheap (the pure-Python loader cost about 0.1 s per process).
    """
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=_NoDatesLoader)


def read_record(path: Path, shown_path: str) -> SourceDocument:
    doc = SourceDocument(path=path, shown_path=shown_path)
    size = path.stat().st_size
    if size > MAX_RECORD_BYTES:
        doc.problems.append(Problem(shown_path, 1, 1, "", Text("file_too_large", size=size // 1024, limit=MAX_RECORD_BYTES // 1024),
                                    Text("file_too_large_hint")))
        return doc
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        doc.problems.append(Problem(shown_path, line, column, "", Text("not_utf8"), Text("not_utf8_hint")))
        return doc
    if text.startswith("\ufeff"):
        text = text[1:]
    doc.text = text
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        for mistake in yamlsyntax.explain(text, error, _compose):
            doc.problems.append(Problem(shown_path, mistake.line, mistake.column, mistake.field, mistake.message, mistake.hint))
        return doc
    except yaml.reader.ReaderError as error:
        # A control character, typically Word's line break (U+000B) pasted with the text.
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        doc.problems.append(Problem(shown_path, line, column, "", Text("control_character", code=f"U+{error.character:04X}"),
                                    Text("control_character_hint")))
        return doc
    except yaml.YAMLError as error:
        doc.problems.append(Problem(shown_path, 1, 1, "", Text("yaml_error", detail=error), Text("yaml_error_hint")))
        return doc
    if node is None:
        doc.problems.append(Problem(shown_path, 1, 1, "", Text("empty_file"), Text("empty_file_hint")))
        return doc
    seen: set[int] = set()
    try:
        doc.data = _construct(node, (), doc, seen)
    except _AliasFound as alias:
        doc.data = None
        doc.positions.clear()
        doc.problems.append(Problem(shown_path, alias.line, alias.column, "",
                                    Text("alias"), Text("alias_hint")))
    return doc


class _AliasFound(Exception):
    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


def _construct(node: yaml.Node, json_path: JsonPath, doc: SourceDocument, seen: set[int]) -> Any:
    # The composer turns an alias into a second reference to the anchored node: a node met twice
    # is an alias. It is refused before anything is expanded, so alias bombs cost nothing.
    if id(node) in seen:
        first = node.start_mark
        raise _AliasFound(first.line + 1, first.column + 1)
    seen.add(id(node))
    doc.positions[json_path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                doc.problems.append(_at(doc, key_node, json_path, Text("key_not_text"), ""))
                continue
            key = key_node.value
            if key in result:
                doc.problems.append(_at(doc, key_node, json_path + (key,), Text("duplicate_key", name=key), Text("duplicate_key_hint")))
                continue
            result[key] = _construct(value_node, json_path + (key,), doc, seen)
            # A field's problems point at its key: that is the line a contributor looks for.
            doc.positions[json_path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if isinstance(value_node, yaml.ScalarNode) and value_node.style == "|":
                doc.literal_blocks[json_path + (key,)] = value_node.start_mark.line + 2
            elif isinstance(value_node, yaml.ScalarNode) and value_node.style == ">":
                doc.folded_blocks[json_path + (key,)] = value_node.start_mark.line + 2
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.flow_style:
            doc.flow_lists[json_path] = tuple(isinstance(item, yaml.ScalarNode) and not item.style for item in node.value)
        return [_construct(item, json_path + (index,), doc, seen) for index, item in enumerate(node.value)]
    if not node.tag.startswith("tag:yaml.org,2002:"):
        # `titel: !Nieuw` is a YAML tag, which no constructor knows: the value starts with '!'.
        written = doc.text.split("\n")[node.start_mark.line][node.start_mark.column:].split(" #")[0].strip()
        doc.problems.append(_at(doc, node, json_path, Text("reserved_start", char="!"),
                                Text("quote_whole_value", text=f"{dotted(json_path[-1:])}: {json.dumps(written, ensure_ascii=False)}")))
        return written
    value = _SCALARS.construct_object(node)
    if not isinstance(value, str) and not node.style:
        doc.plain_values[json_path] = node.value
    return value


def _at(doc: SourceDocument, node: yaml.Node, json_path: JsonPath, message: str, hint: str) -> Problem:
    return Problem(doc.shown_path, node.start_mark.line + 1, node.start_mark.column + 1, dotted(json_path), message, hint)
