"""Explain YAML syntax errors in words a contributor can act on, at the line of the mistake.

Why: the YAML parser says what it expected ("did not find expected key", "mapping values are not
allowed in this context"), in English, at the place where it gave up. That is often the line after
the mistake, a comment below it, or for a quote that is never closed, the next quote dozens of lines
further. A civil servant cannot act on that. The mistakes newcomers make are few and visible in the
text: a tab, a line indented more or less than its neighbours, text under `beschrijving: |` that
does not indent, a quote left open, a field name without its colon, a ': ' inside a value, a value
that starts with a character YAML reserves.

How: each explanation below looks at the lines up to where the parser stopped and proposes the
fix a person would make. It is only given when the fixed text gets the parser further, so an
explanation that would not repair the file is never shown; when several would, the one that repairs
most wins. The fix is then applied and the text parsed again, so every syntax mistake in a file is
reported in one run, not one per attempt. Only when nothing explains an error does the parser's own
sentence appear, as a detail after a plain one. Fixes never add or remove lines, so the line numbers
of later mistakes stay those of the contributor's file.
"""
from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterator

import yaml

from kennisbank.records.problems import Text

# At most this many syntax mistakes are explained in one file; a file with more is better fixed
# from the top and checked again (and each fix costs a parse).
MAX_MISTAKES = 20

# `key: value` or `- key: value` (a field); `- value` (a list item). Record keys are plain words.
FIELD = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[A-Za-z_][\w-]*):(?: +(?P<value>.*?))? *$")
ITEM = re.compile(r"^(?P<indent> *)- +(?P<value>.*?) *$")
BLOCK_HEADER = re.compile(r"^[|>][-+0-9]*(?: +#.*)?$")
# `bron:"Van opvang"`: a field name and its value with no space after the colon.
GLUED_VALUE = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*)$")
# A word that would be a field name if a colon followed it: `gecontroleerd_door dienst Samenleving`.
BARE_WORD = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[A-Za-z_][\w-]*)(?P<rest>(?: +.*)?)$")
# Characters a plain value may not start with (YAML reserves them): @ and ` for future use, % for
# directives, * & ! for aliases, anchors and tags. `- **vet**` in a list is the usual way to meet '*'.
RESERVED_START = "@`%*&!"
# `[Pilot] Buddyproject`: brackets closed, then words: a title, not a list.
FLOW_THEN_WORDS = re.compile(r"^(\[[^\]]*\]|\{[^}]*\}) +\w")
# Typographic quotes pasted from a word processor, as (opening, closing) pairs. YAML only knows the
# straight ' and ", so these stay in the text (and would be published around a title).
TYPOGRAPHIC_QUOTES = {("“", "”"), ("„", "”"), ("„", "“"), ("”", "”"), ("‘", "’"), ("‚", "‘"), ("‚", "’"), ("«", "»"),
                      ("»", "«"), ("‹", "›")}
# A value opening with an apostrophe as Flemish names do: 't Pleintje, 's-Gravenwezel.
APOSTROPHE_WORD = re.compile(r"^'[a-zA-Z]{1,2}[ -]")

Parse = Callable[[str], object]


@dataclass(frozen=True)
class Mistake:
    line: int  # 1-based
    column: int
    message: Text
    hint: Text
    field: str = ""  # the field name written on that line, if any: what the contributor looks for


@dataclass(frozen=True)
class _Candidate:
    mistake: Mistake
    fixed: str | None  # the text with this mistake repaired, or None when no repair is known
    certain: bool = False  # true whatever the parser says (a tab in the indentation)


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def content(self) -> bool:
        stripped = self.text.strip()
        return bool(stripped) and not stripped.startswith("#")


def explain(text: str, error: yaml.MarkedYAMLError, parse: Parse) -> list[Mistake]:
    """Every syntax mistake found from the top of `text`, the first being the one `error` reports."""
    mistakes: list[Mistake] = []
    while error is not None and len(mistakes) < MAX_MISTAKES:
        candidate = _best_candidate(text, error, parse)
        if candidate is None:
            mistakes.append(_with_field(_unexplained(text, error), text))
            break
        mistakes.append(_with_field(candidate.mistake, text))
        if candidate.fixed is None:
            break
        text, error = candidate.fixed, _error_of(candidate.fixed, parse)
    return mistakes


def _with_field(mistake: Mistake, text: str) -> Mistake:
    """The mistake with the field name written on its line, unless it names one already."""
    lines = text.split("\n")
    if mistake.field or mistake.line > len(lines):
        return mistake
    field = FIELD.match(lines[mistake.line - 1].replace("\t", " "))
    return dataclasses.replace(mistake, field=field.group("key")) if field else mistake


def _error_of(text: str, parse: Parse) -> yaml.MarkedYAMLError | None:
    try:
        parse(text)
    except yaml.MarkedYAMLError as error:
        return error
    return None


def _stop_line(error: yaml.MarkedYAMLError) -> int:
    mark = error.problem_mark or error.context_mark
    return mark.line + 1 if mark else 1


@dataclass(frozen=True)
class _Source:
    """The text as lines, where the parser stopped, and which lines are the text of a block scalar."""

    lines: list[_Line]
    stop: int
    block: dict[int, int]  # line number → indentation of the `|` or `>` text it belongs to

    def upto_stop(self, before: int | None = None) -> list[_Line]:
        """The lines up to the stop line; with `before`, only the last few of them."""
        return self.lines[max(0, self.stop - before): self.stop] if before else self.lines[: self.stop]

    def fixed(self, number: int, new: str) -> str:
        return "\n".join(new if line.number == number else line.text for line in self.lines)


def _best_candidate(text: str, error: yaml.MarkedYAMLError, parse: Parse) -> _Candidate | None:
    """The explanation whose fix gets the parser furthest (through the whole file at best); between
    equals, the one whose result reads most like a record, then the more specific explanation."""
    lines = [_Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]
    source = _Source(lines, _stop_line(error), _block_lines(lines))
    best, best_rank = None, None
    for priority, detector in enumerate(DETECTORS):
        for candidate in detector(source):
            if candidate.certain:
                return best or candidate
            after = _error_of(candidate.fixed, parse)
            reached = float("inf") if after is None else _stop_line(after)
            if reached <= source.stop:
                continue  # this fix would not repair what stopped the parser
            rank = (reached, _record_likeness(candidate.fixed, parse) if after is None else 0, -priority)
            if best_rank is None or rank > best_rank:
                best, best_rank = candidate, rank
    return best


def _record_likeness(text: str, parse: Parse) -> int:
    """How well a repaired text gives back a record: its top-level fields the schema knows, less the
    unknown and the repeated ones. A fix that turns prose into a field, a field into prose, or moves
    a nested field to the top loses against the one that restores the record."""
    from kennisbank.records.validation import schema

    node = parse(text)
    if not isinstance(node, yaml.MappingNode):
        return 0
    keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
    known = set(schema()["properties"])
    return len(set(keys) & known) - len(set(keys) - known) - (len(keys) - len(set(keys)))


@cache
def _schema_fields() -> tuple[frozenset[str], frozenset[str]]:
    """Every field name in the schema at any depth (a bare word that is one lacks only its colon),
    and those whose value is a list (thema, trekker…: there `[…]` is meant as a list)."""
    from kennisbank.records.validation import schema

    names: set[str] = set()
    lists: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for name, child in node.get("properties", {}).items():
                names.add(name)
                if isinstance(child, dict) and child.get("type") == "array":
                    lists.add(name)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(schema())
    return frozenset(names), frozenset(lists)


def _spaces(count: int) -> Text:
    return Text("spaces_none") if count == 0 else Text("spaces_one") if count == 1 else Text("spaces_many", count=count)


def _block_lines(lines: list[_Line]) -> dict[int, int]:
    """Lines that are the text of a block scalar (`beschrijving: |`), with that text's indentation
    (set by its first line, as YAML does): there anything goes, once indented that far."""
    inside: dict[int, int] = {}
    for line in lines:
        if line.number in inside:
            continue  # 'antwoord: mensen uit de doelgroep' inside a description is text, not a field
        field = FIELD.match(line.text)
        if not (field and field.group("value") and BLOCK_HEADER.match(field.group("value"))):
            continue
        key_column = len(field.group("indent")) + len(field.group("dash"))
        body = lines[line.number:]
        text_indent = next((following.indent for following in body if following.content), 0)
        if text_indent <= key_column:
            continue
        for following in body:
            if following.content and following.indent < text_indent:
                break
            inside[following.number] = text_indent
    return inside


def _value(source: _Source, line: _Line) -> tuple[str, int, str] | None:
    """(field name or '', column where the value starts, the value) of a `key: value` or `- value`
    line outside the text of a block scalar."""
    if line.number in source.block:
        return None
    field = FIELD.match(line.text)
    if field and field.group("value"):
        return field.group("key"), field.start("value"), field.group("value")
    item = ITEM.match(line.text)
    if item and item.group("value") and not field:
        return "", item.start("value"), item.group("value")
    return None


def _quoted(value: str) -> str:
    """`value` as a double-quoted YAML scalar (JSON's escaping is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _shown(key: str, value: str) -> str:
    return f"{key}: {value}" if key else f"- {value}"


def _name(line: _Line) -> str:
    """How a hint names a line: its field, or a list item by its first words."""
    field = FIELD.match(line.text)
    if field:
        return f"- {field.group('key')}" if field.group("dash") else field.group("key")
    item = ITEM.match(line.text)
    value = item.group("value") if item else line.text.strip()
    return f"- {value[:30]}…" if len(value) > 30 else f"- {value}"


def _parse_quoted(value: str) -> tuple[str, str] | None:
    """('the quoted text', 'what follows the closing quote') of a value that opens with a quote, or
    None when the quote does not close on this line ('' and \" do not close it)."""
    quote, index, text = value[0], 1, ""
    while index < len(value):
        char = value[index]
        if quote == '"' and char == "\\" and index + 1 < len(value):
            text, index = text + value[index + 1], index + 2
            continue
        if char == quote:
            if quote == "'" and value[index + 1: index + 2] == "'":
                text, index = text + "'", index + 2
                continue
            return text, value[index + 1:]
        text, index = text + char, index + 1
    return None


def _indent_options(source: _Source, number: int) -> list[int]:
    """Where the line may belong, nearest first: one level (two spaces) under a field that opens a
    block, else where a field above starts (after the dash for a list item: `  - soort:` is 4)."""
    options: list[int] = []
    nearest = next((line for line in reversed(source.lines[: number - 1]) if line.content), None)
    if nearest and nearest.number in source.block:
        options.append(nearest.indent)  # the line above is text under `beschrijving: |`: this one too, maybe
    above = [line for line in reversed(source.lines[: number - 1]) if line.content and line.number not in source.block]
    opener = FIELD.match(above[0].text) if above else None
    if opener and not options and (not opener.group("value") or BLOCK_HEADER.match(opener.group("value"))):
        deeper = len(opener.group("indent")) + len(opener.group("dash")) + 2
        if opener.group("value"):  # the first line of a `|` text: as far as the lines below it
            deeper = next((line.indent for line in source.lines[number:] if line.content and line.indent >= deeper), deeper)
        options.append(deeper)
    for line in above:
        field = FIELD.match(line.text)
        for column in (line.indent, line.indent + len(field.group("dash")) if field else line.indent):
            if column not in options:
                options.append(column)
        if line.indent == 0:
            break
    return options or [0]


# --- The explanations, most specific first --------------------------------------------------------

def _tabs(source: _Source) -> Iterator[_Candidate]:
    for line in source.upto_stop():
        leading = line.text[: len(line.text) - len(line.text.lstrip(" \t"))]
        if "\t" not in leading:
            continue
        if not line.text.strip():
            yield _Candidate(Mistake(line.number, leading.index("\t") + 1, Text("tab_blank_line"), Text("tab_blank_line_hint")),
                             source.fixed(line.number, ""))
            continue
        if line.number in source.block and leading.index("\t") >= source.block[line.number]:
            continue  # after the text's own indentation, a tab is part of the text
        column = leading.index("\t") + 1
        stripped = line.text.lstrip(" \t")
        for width in _indent_options(source, line.number):
            yield _Candidate(Mistake(line.number, column, Text("tab_indent"), Text("tab_indent_hint", spaces=_spaces(width))),
                             source.fixed(line.number, " " * width + stripped))
        if line.number == source.stop:
            yield _Candidate(Mistake(line.number, column, Text("tab_indent"), Text("tab_indent_hint_plain")), None, certain=True)


def _second_document(source: _Source) -> Iterator[_Candidate]:
    """A line '---' after the first field starts a second record in the same file."""
    first = next((line.number for line in source.lines if line.content and line.text.strip() != "---"), None)
    for line in source.upto_stop():
        marker = line.text.rstrip()
        if first and line.number > first and marker in ("---", "...") and line.number not in source.block:
            yield _Candidate(Mistake(line.number, 1, Text("second_document", marker=marker), Text("second_document_hint", marker=marker)),
                             source.fixed(line.number, "# " + line.text))


def _stray_quote(source: _Source) -> Iterator[_Candidate]:
    """`datum: "2016""` or `thema: [welzijn]"`: one quote too many at the end of the value."""
    for line in source.upto_stop():
        glued = GLUED_VALUE.match(line.text) if line.number not in source.block else None
        if glued and glued.group("value").strip() in ('"', "'"):  # `bron:"`, the quote glued to the colon
            quote = glued.group("value").strip()
            yield _Candidate(Mistake(line.number, glued.end("key") + 2, Text("stray_quote", quote=quote),
                                     Text("stray_quote_hint", quote=quote, text=f"{glued.group('key')}:")),
                             source.fixed(line.number, line.text[: glued.end("key") + 1]))
    for line in source.upto_stop(2):
        found = _value(source, line)
        if not found:
            continue
        key, start, value = found
        quote = value[-1]
        if quote not in "\"'" or value.count(quote) % 2 == 0 or (value[0] == quote and len(value) > 1 and _parse_quoted(value) is None):
            continue
        fixed_value = value[:-1].rstrip()
        yield _Candidate(Mistake(line.number, start + len(value), Text("stray_quote", quote=quote),
                                 Text("stray_quote_hint", quote=quote, text=_shown(key, fixed_value))),
                         source.fixed(line.number, line.text[:start] + fixed_value))


def _unclosed_quotes(source: _Source) -> Iterator[_Candidate]:
    for line in source.upto_stop():
        found = _value(source, line)
        if not found or found[2][0] not in "\"'" or _parse_quoted(found[2]) is not None:
            continue
        key, start, value = found
        if value[0] == "'" and APOSTROPHE_WORD.match(value):
            fixed_value = _quoted(value)
            mistake = Mistake(line.number, start + 1, Text("apostrophe_start"), Text("apostrophe_start_hint", text=_shown(key, fixed_value)))
        else:
            fixed_value = value + value[0]
            mistake = Mistake(line.number, start + 1, Text("quote_not_closed", quote=value[0]),
                              Text("quote_not_closed_hint", quote=value[0], text=_shown(key, fixed_value)))
        yield _Candidate(mistake, source.fixed(line.number, line.text[:start] + fixed_value))


def _text_after_quote(source: _Source) -> Iterator[_Candidate]:
    """`titel: "Buddy" voor nieuwkomers`: the quote closed, but the value goes on."""
    for line in source.upto_stop(1):
        found = _value(source, line)
        inner = _parse_quoted(found[2]) if found and found[2][0] in "\"'" else None
        if not inner:
            continue
        key, start, _ = found
        fixed_value = _quoted(inner[0] + inner[1].split(" #")[0].rstrip())
        yield _Candidate(Mistake(line.number, start + 1, Text("text_after_quote"), Text("quote_whole_value", text=_shown(key, fixed_value))),
                         source.fixed(line.number, line.text[:start] + fixed_value))


def _reserved_start(source: _Source) -> Iterator[_Candidate]:
    for line in source.upto_stop():
        found = _value(source, line)
        if not found or found[2][0] not in RESERVED_START:
            continue
        key, start, value = found
        fixed_value = _quoted(value)
        yield _Candidate(Mistake(line.number, start + 1, Text("reserved_start", char=value[0]),
                                 Text("quote_whole_value", text=_shown(key, fixed_value))),
                         source.fixed(line.number, line.text[:start] + fixed_value))


def _colon_in_value(source: _Source) -> Iterator[_Candidate]:
    """`titel: Lier: buddy's`: YAML reads the second ': ' as the start of another field."""
    for line in source.upto_stop(2):
        found = _value(source, line)
        if not found:
            continue
        key, start, value = found
        plain = value.split(" #")[0]
        if value[0] in "\"'[{|>" or not (": " in plain or plain.endswith(":")):
            continue
        text = plain.strip()
        curly = (text[0], text[-1]) in TYPOGRAPHIC_QUOTES
        fixed_value = _quoted(text[1:-1].strip() if curly else plain)
        message = Text("colon_in_typographic_quotes", opening=text[0], closing=text[-1]) if curly else Text("colon_in_value")
        yield _Candidate(Mistake(line.number, start + plain.index(":") + 1, message,
                                 Text("quote_whole_value", text=_shown(key, fixed_value))),
                         source.fixed(line.number, line.text[:start] + fixed_value))


def _open_flow(source: _Source) -> Iterator[_Candidate]:
    """`thema: [welzijn, onderwijs` without its closing bracket."""
    for line in source.upto_stop():
        found = _value(source, line)
        if not found or found[2][0] not in "[{":
            continue
        key, start, value = found
        opening, closing = value[0], "]" if value[0] == "[" else "}"
        if value.count(opening) <= value.count(closing):
            continue
        yield _Candidate(Mistake(line.number, start + 1, Text("flow_not_closed", opening=opening, closing=closing),
                                 Text("flow_not_closed_hint", closing=closing)),
                         source.fixed(line.number, line.text.rstrip() + closing))


def _bracket_start(source: _Source) -> Iterator[_Candidate]:
    """`titel: [Pilot] Buddyproject`: a value that opens with [ or { is read as a list or a block."""
    for line in source.upto_stop(1):
        found = _value(source, line)
        if not found or not FLOW_THEN_WORDS.match(found[2]) or found[0] in _schema_fields()[1]:
            continue
        key, start, value = found
        fixed_value = _quoted(value.split(" #")[0].rstrip())
        yield _Candidate(Mistake(line.number, start + 1, Text("bracket_start", char=value[0]),
                                 Text("quote_whole_value", text=_shown(key, fixed_value))),
                         source.fixed(line.number, line.text[:start] + fixed_value))


def _no_space_after_colon(source: _Source) -> Iterator[_Candidate]:
    """`bron:"Van opvang naar samenleven"`: YAML needs a space after the colon."""
    known = _schema_fields()[0]
    for line in source.upto_stop():
        glued = GLUED_VALUE.match(line.text) if line.number not in source.block else None
        if not glued or glued.group("key") not in known:
            continue
        fixed = f"{line.text[: glued.end('key') + 1]} {glued.group('value')}"
        yield _Candidate(Mistake(line.number, glued.end("key") + 2, Text("space_after_colon", key=glued.group("key")),
                                 Text("missing_colon_hint", text=fixed.strip().removeprefix("- "))),
                         source.fixed(line.number, fixed))


def _missing_colon(source: _Source) -> Iterator[_Candidate]:
    """`gecontroleerd_door dienst Samenleving` or `partners` alone: a field name without its colon."""
    known = _schema_fields()[0]
    for line in source.upto_stop():
        bare = BARE_WORD.match(line.text) if line.number not in source.block else None
        if not bare or bare.group("key") not in known or ":" in bare.group("rest").split(" #")[0]:
            continue
        key, rest = bare.group("key"), bare.group("rest").strip()
        fixed = line.text[: bare.end("key")] + ":" + line.text[bare.end("key"):]
        yield _Candidate(Mistake(line.number, bare.end("key") + 1, Text("missing_colon", key=key),
                                 Text("missing_colon_hint", text=f"{key}: {rest}".rstrip()), key),
                         source.fixed(line.number, fixed))


def _unindented(source: _Source, blocks: bool) -> Iterator[_Candidate]:
    """Text under `beschrijving: |` (blocks) or a long plain value that does not indent far enough,
    so the text ends before it."""
    for header in source.upto_stop():
        field = FIELD.match(header.text) if header.number not in source.block else None
        if not field or not field.group("value") or bool(BLOCK_HEADER.match(field.group("value"))) != blocks:
            continue
        key, value = field.group("key"), field.group("value")
        key_column = len(field.group("indent")) + len(field.group("dash"))
        body = source.lines[header.number:]
        text_indent = next((line.indent for line in body if line.content), key_column + 2)
        text_indent = text_indent if text_indent > key_column else key_column + 2
        run: list[_Line] = []
        for line in body:
            if line.content and line.indent <= key_column and FIELD.match(line.text):
                break  # the next field: the text ended here
            run.append(line)
        limit = text_indent if blocks else key_column + 1
        stray = [line for line in run if line.content and line.indent < limit]
        if not stray or stray[0].number > source.stop:
            continue
        if not blocks and (not stray[0].text.lstrip()[:1].isalnum() or GLUED_VALUE.match(stray[0].text)):
            continue  # a plain value goes on in words; a stray ']', '---' or 'periode:}' is no part of it
        moved = {line.number for line in run if line.content and line.indent < text_indent}
        fixed = "\n".join(" " * (text_indent - line.indent) + line.text if line.number in moved else line.text
                          for line in source.lines)
        if not blocks:
            message = Text("value_not_indented", key=key)
        elif stray[0].indent <= key_column:
            message = Text("block_not_indented", header=f"{key}: {value.split(' #')[0]}")
        else:
            message = Text("block_indented_less", header=f"{key}: {value.split(' #')[0]}", found=_spaces(stray[0].indent),
                           expected=_spaces(text_indent))
        yield _Candidate(Mistake(stray[0].number, stray[0].indent + 1, message,
                                 Text("block_not_indented_hint", key=key, spaces=_spaces(text_indent - key_column)), key),
                         fixed)


def _unindented_block_text(source: _Source) -> Iterator[_Candidate]:
    return _unindented(source, blocks=True)


def _unindented_value_text(source: _Source) -> Iterator[_Candidate]:
    return _unindented(source, blocks=False)


def _indentation(source: _Source) -> Iterator[_Candidate]:
    """A field or list item indented more or less than the ones beside it."""
    for line in source.upto_stop(3):
        if not line.content or line.number in source.block or not (FIELD.match(line.text) or ITEM.match(line.text)):
            continue
        name = _name(line)
        # A field is misplaced by a space or two, not by whole levels: the nearest indentation first.
        for width in sorted(_indent_options(source, line.number), key=lambda option: abs(option - line.indent)):
            if width == line.indent:
                continue
            sibling = _sibling(source, line.number, width)
            if width == 0:
                hint = Text("indent_hint_left", key=name)
            elif sibling and FIELD.match(line.text) and not FIELD.match(line.text).group("dash"):
                hint = Text("indent_hint", key=name, sibling=sibling, spaces=_spaces(width))
            else:
                hint = Text("indent_hint_spaces", key=name, spaces=_spaces(width))
            message = Text("indent_more" if line.indent > width else "indent_less", found=_spaces(line.indent), expected=width)
            yield _Candidate(Mistake(line.number, line.indent + 1, message, hint), source.fixed(line.number, " " * width + line.text.lstrip(" ")))


def _sibling(source: _Source, number: int, column: int) -> str | None:
    """The field above that starts at `column` in the same block, if any."""
    for other in reversed(source.lines[: number - 1]):
        if not other.content or other.number in source.block:
            continue
        field = FIELD.match(other.text)
        start = other.indent + (len(field.group("dash")) if field else 0)
        if field and start == column:
            return field.group("key")
        if start < column or other.indent < column:
            return None  # the parent of that block: no field above starts there
    return None


DETECTORS = (_tabs, _second_document, _stray_quote, _unclosed_quotes, _text_after_quote, _reserved_start, _colon_in_value,
             _open_flow, _bracket_start, _no_space_after_colon, _unindented_block_text, _missing_colon, _unindented_value_text,
             _indentation)


def _unexplained(text: str, error: yaml.MarkedYAMLError) -> Mistake:
    """No explanation fits: the line the parser names (or the content line above a blank line or
    comment it stopped in), a plain sentence, and the parser's words last."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    number = min(mark.line + 1, len(lines)) if mark else 1
    column = mark.column + 1 if mark else 1
    if error.context_mark and "could not find expected ':'" in str(error.problem):
        number, column = error.context_mark.line + 1, error.context_mark.column + 1
    while number > 1 and not _Line(number, lines[number - 1]).content:
        number -= 1
        column = 1
    return Mistake(number, column, Text("yaml_syntax"), Text("yaml_syntax_hint", detail=error.problem or str(error)))
