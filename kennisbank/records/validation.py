"""Check every practice record and report all problems at once, each with file:line:column.

In this order:
0. The shorthand a newcomer naturally writes is rewritten in the data, once, where it cannot be
   misread: `werkgebied: Lier` or `- Lier` is `- gemeente: Lier`. Everything after (the schema, the
   checks, the model and so every page, export and PDF) sees the one form; positions are kept.
1. The JSON Schema in data/schema/ (the same file editors use for completion) checks shape:
   required fields, types, vocabularies, unknown fields. Its English messages are rewritten here
   into plain Dutch with a hint, because contributors are civil servants, not programmers: every
   alternative of a oneOf is named with what to write and an example, and a value YAML read
   otherwise than meant (25 000 as text, 25.000 as 25, `lopend: ja`, `titel: no`) says so.
2. Checks a schema cannot express: municipalities against Statbel, e-mail and phone formats,
   URL schemes, end before start, slug versus file name, duplicate slugs, HTML in text,
   typographic quotes pasted around a value.
3. Warnings, which never stop the build: a record not yet translated, a `[ ]` list of names whose
   commas may have split one name in two.

Nothing is dropped: a record with any error stops the build, and the report lists them all.
"""
from __future__ import annotations

import difflib
import json
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import yaml

from kennisbank.paths import ROOT, SCHEMA_PATH
from kennisbank.records import amounts, schema_text, vocabulary
from kennisbank.records.places import gazetteer
from kennisbank.records.problems import WARNING, OrList, Problem, Text, display_path, errors_and_warnings
from kennisbank.records.yamlsource import SourceDocument, dotted, read_record
from kennisbank.records.yamlsyntax import TYPOGRAPHIC_QUOTES

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Slugs that would collide with the generated folders or the overview next to the record pages.
RESERVED_SLUGS = {"index", "thema", "regio"}
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ./()-]*$")
# Belgian numbers have 9 (landline) or 10 (mobile) digits; with a country code up to 15 (E.164).
PHONE_DIGITS = range(9, 16)
ALLOWED_URL_SCHEMES = ("http", "https", "mailto", "tel")
URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# A '<' that opens a tag, comment or declaration. '< 18 jaar' (space or digit after it) is fine.
HTML_TAG = re.compile(r"<\s*[a-zA-Z!/?]")
MARKDOWN_LINK_TARGET = re.compile(r"\]\(\s*([^)\s]+)")
MARKDOWN_FIELDS = {"beschrijving"}

def python_type_name(value: Any) -> Text | str:
    """What the contributor wrote, in words (check_messages.yaml: found_*)."""
    key = {str: "found_str", list: "found_list", dict: "found_dict", bool: "found_bool", int: "found_number",
           float: "found_number", type(None): "found_none"}.get(type(value))
    return Text(key) if key else type(value).__name__


def schema_type_name(name: str) -> Text | str:
    """What the schema expects, in words (check_messages.yaml: type_*)."""
    return Text(f"type_{name}") if name in ("string", "array", "object", "integer", "number", "boolean", "null") else name


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


@dataclass
class Validation:
    """What one check found: the documents it read, the errors and the warnings.

    An error stops the build; a warning (severity WARNING) is reported with the same file:line:column
    and never stops anything."""

    documents: list[SourceDocument]
    problems: list[Problem]
    warnings: list[Problem]


def record_paths(directory: Path) -> list[Path]:
    """The records in a folder: every `*.yaml` except files starting with '_' (drafts, examples)."""
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


# From this many records on, `validate` reads and checks the second half in a forked process while
# this one does the first: at 1,000 records validation is about 4 s of CPU that the build waits for
# before anything else can start. Below, forking and sending the documents back (about 0.1 ms a
# record) is not worth the bother.
PARALLEL_FROM = 200


def validate(paths: list[Path], root: Path = ROOT) -> Validation:
    """Read and check every file; nothing is skipped, every problem and warning is collected.

    Each record is read and checked on its own (only duplicate slugs compare records), so a large
    set is split in two halves checked side by side (PARALLEL_FROM); the result is the same, in the
    same order, as checking them one after another."""
    checked = _checked_in_parallel(paths, root) if len(paths) >= PARALLEL_FROM else None
    if checked is None:
        checked = _read_and_check(paths, root)
    documents = [document for document, _ in checked]
    found: list[Problem] = []
    for _, problems in checked:
        found.extend(problems)
    found.extend(_duplicate_slugs(documents))
    problems, warnings = errors_and_warnings(found)
    return Validation(documents, problems, warnings)


def _read_and_check(paths: list[Path], root: Path) -> list[tuple[SourceDocument, list[Problem]]]:
    """Each record read and checked: the document and its problems (reading's, then the checks').

    The cyclic garbage collector is paused meanwhile: reading makes hundreds of thousands of
    objects that all stay alive (the documents, their positions), and each collection walked all
    of them again (a fifth of validation's CPU at 1,000 records). Validation makes few cycles; the
    collector finds those after it."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        result = []
        for path in paths:
            document = read_record(path, display_path(path, root))
            problems = list(document.problems)
            if document.data is not None and all(p.is_warning for p in document.problems):
                problems.extend(check_document(document))
            result.append((document, problems))
        return result
    finally:
        if paused:
            gc.enable()


def _checked_in_parallel(paths: list[Path], root: Path) -> list[tuple[SourceDocument, list[Problem]]] | None:
    """`_read_and_check` with the second half in a forked child; None where forking is not safe
    (no fork on this platform, or threads running, which a fork would not copy)."""
    import multiprocessing
    import pickle
    import threading

    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    _validator(), gazetteer()  # loaded once, before the fork, for both halves
    middle = len(paths) // 2
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_check_half, args=(paths[middle:], root, sender),
                                                          name="kennisbank-validate")
    child.start()
    sender.close()
    try:
        first = _read_and_check(paths[:middle], root)
        try:
            status, payload = receiver.recv()
        except EOFError:
            status, payload = "error", f"exit {child.exitcode}"
    finally:
        receiver.close()
        child.join()
    if status != "ok":
        raise RuntimeError(f"validating {paths[middle].name}… in a second process failed: {payload}")
    return first + pickle.loads(payload)


def _check_half(paths: list[Path], root: Path, sender) -> None:
    import pickle
    import traceback

    try:
        sender.send(("ok", pickle.dumps(_read_and_check(paths, root), protocol=pickle.HIGHEST_PROTOCOL)))
    except BaseException:  # noqa: BLE001 - the parent reports it; a silent child would leave it waiting
        sender.send(("error", traceback.format_exc()[-4000:]))
    finally:
        sender.close()


def validate_directory(directory: Path, root: Path = ROOT) -> tuple[list[SourceDocument], list[Problem]]:
    """Read and check every record in `directory`. Returns the documents and all errors."""
    return validate_files(record_paths(directory), root)


def validate_files(paths: list[Path], root: Path = ROOT) -> tuple[list[SourceDocument], list[Problem]]:
    """The documents and the errors, for building the model; `validate` also gives the warnings."""
    result = validate(paths, root)
    return result.documents, result.problems


def check_document(doc: SourceDocument) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(doc.data, dict):
        return [doc.problem((), Text("not_a_mapping", found=python_type_name(doc.data)), Text("not_a_mapping_hint"))]
    normalise_shorthand(doc)
    for error in _validator().iter_errors(doc.data):
        problems.extend(_schema_problems(doc, error))
    if not problems:
        # What is left to translate is counted on a record of the right shape; the errors come first.
        problems.extend(_translation_warnings(doc))
    problems.extend(_slug_problems(doc))
    problems.extend(_area_problems(doc))
    problems.extend(_contact_problems(doc))
    problems.extend(_url_problems(doc, _project_root(doc.path)))
    problems.extend(_period_problems(doc))
    problems.extend(_html_problems(doc))
    problems.extend(_typographic_quote_problems(doc))
    problems.extend(_decimal_point_problems(doc))
    problems.extend(_amount_problems(doc))
    problems.extend(_comma_warnings(doc))
    return sorted(set(problems))


# --- 0. The shorthand a contributor naturally writes ----------------------------------------------

def normalise_shorthand(doc: SourceDocument) -> None:
    """`werkgebied: Lier` and `- Lier` mean `- gemeente: Lier`: rewritten in the data, once, here.

    Only where it cannot be misread: the name is a Statbel municipality or a former one, and no
    province or region carries it (Antwerpen, Limburg, Luik and Namen are both, and are refused with
    the two forms to choose from). The schema, the checks and the model all see `{gemeente: Lier}`,
    so pages, exports and PDFs need no second rule; the positions move along, so a later problem
    still points at the line the contributor wrote.
    """
    areas = doc.data.get("werkgebied")
    if isinstance(areas, str) and is_municipality_shorthand(areas):
        doc.data["werkgebied"] = areas = [areas]
        doc.positions[("werkgebied", 0)] = doc.position(("werkgebied",))
    if not isinstance(areas, list):
        return
    for index, entry in enumerate(areas):
        if isinstance(entry, str) and is_municipality_shorthand(entry):
            areas[index] = {"gemeente": entry.strip()}
            doc.positions[("werkgebied", index, "gemeente")] = doc.position(("werkgebied", index))


def is_municipality_shorthand(name: str) -> bool:
    places = gazetteer()
    known = places.municipality(name) or places.former_name(name)
    return bool(known) and not places.province(name) and not vocabulary.load("regios").find(name)


# --- 1. Schema errors in plain words --------------------------------------------------------------

def _schema_problems(doc: SourceDocument, error: jsonschema.ValidationError) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    sub_schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        for name in missing:
            description = schema_description(sub_schema.get("properties", {}).get(name) or _described_property(name))
            yield doc.problem(path + (name,), Text("required_missing", name=name),
                              Text("add_field_described", name=name, description=description) if description
                              else Text("add_field", name=name))
    elif kind == "additionalProperties":
        allowed = list(sub_schema.get("properties", {}))
        for name in [key for key in error.instance if key not in allowed]:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = Text("did_you_mean", value=close[0]) if close else Text("allowed_fields", fields=", ".join(allowed))
            yield doc.problem(path + (name,), Text("unknown_field", name=name), hint)
    elif kind == "type":
        yield _type_problem(doc, path, error)
    elif kind == "enum":
        options = [str(option) for option in error.validator_value]
        meant = _meant_option(str(error.instance), options, _vocabulary_name(path))
        hint = Text("did_you_mean", value=meant) if meant else Text("choose_from", options=", ".join(options))
        source = _vocabulary_file(path)
        if source:
            hint = Text("with_list_file", hint=hint, file=source)
        yield doc.problem(path, Text("unknown_value", value=error.instance), hint)
    elif kind == "pattern":
        yield doc.problem(path, *_pattern_message(path, error.instance))
    elif kind in ("minItems", "minLength", "minProperties"):
        yield doc.problem(path, Text("must_not_be_empty"), schema_description(sub_schema))
    elif kind == "maxLength":
        yield doc.problem(path, Text("too_long", length=len(error.instance), limit=error.validator_value), Text("too_long_hint"))
    elif kind == "uniqueItems":
        yield doc.problem(path, Text("duplicate_item"), Text("duplicate_item_hint"))
    elif kind in ("minimum", "maximum"):
        yield doc.problem(path, Text("out_of_range", value=error.instance), schema_description(sub_schema))
    elif kind in ("oneOf", "anyOf"):
        yield from _one_of_problems(doc, path, error)
    else:
        yield doc.problem(path, Text("schema_message", message=error.message), schema_description(sub_schema))


# Numbers as people write them, which YAML keeps as text (or, for 25.000, reads as 25).
THOUSANDS = re.compile(r"^\d{1,3}([ \u00a0\u202f.,']\d{3})+$")
DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
NUMBER_WITH_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(euro|eur|€|vte|fte)$", re.IGNORECASE)
# Yes and no in the contributors' languages; PyYAML already reads yes/no/true/false/on/off as booleans.
YES_WORDS = {"ja", "oui", "yes", "waar", "vrai", "true", "j", "y"}
NO_WORDS = {"nee", "neen", "non", "no", "onwaar", "faux", "false", "n"}


def _type_problem(doc: SourceDocument, path, error: jsonschema.ValidationError) -> Problem:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    instance = error.instance
    if path == ("werkgebied",) and isinstance(instance, str):
        return _area_text_problem(doc, path, instance)
    field = next((part for part in reversed(path) if isinstance(part, str)), "")
    hint = Text("quote_text") if "string" in expected else ""
    if "string" in expected and tuple(path) in doc.plain_values:
        written = doc.plain_values[tuple(path)]
        read_as = str(instance).lower() if isinstance(instance, bool) else python_type_name(instance)
        hint = Text("quote_as_text", written=written, found=read_as, text=_field_line(path, json.dumps(written, ensure_ascii=False)))
    elif "string" in expected and isinstance(instance, dict) and len(instance) == 1:
        # `- Huis van het Nederlands: Antwerpen`: the ': ' made a field of the name.
        [(key, value)] = instance.items()
        if isinstance(value, str):
            hint = Text("quote_whole_value", text=_field_line(path, json.dumps(f"{key}: {value}", ensure_ascii=False)))
    if {"number", "integer"} & set(expected) and isinstance(instance, str):
        hint = _number_hint(path, instance.strip()) or schema_description(error.schema)
    if "boolean" in expected and isinstance(instance, str):
        word = instance.strip().lower()
        meant = "true" if word in YES_WORDS else "false" if word in NO_WORDS else ""
        hint = Text("write_boolean_as", text=f"{field}: {meant}") if meant else Text("write_boolean")
    if "array" in expected and isinstance(instance, str):
        item = resolve(error.schema.get("items", {}))
        if item.get("type") == "object":
            hint = Text("write_as_block_list", field=path[-1], first=item["required"][0])
        else:
            hint = Text("write_as_list", field=path[-1], value=instance)
    wanted = OrList(schema_type_name(t) for t in expected)
    return doc.problem(path, Text("wrong_type", wanted=wanted, found=python_type_name(instance)), hint)


def _field_line(path, value: str) -> str:
    """How the corrected line reads: `titel: value`, or `- value` in a list."""
    return f"- {value}" if path and isinstance(path[-1], int) else f"{path[-1] if path else ''}: {value}"


def _number_hint(path, text: str) -> Text | None:
    if THOUSANDS.match(text):
        return Text("number_without_separator", value=re.sub(r"\D", "", text))
    if DECIMAL_COMMA.match(text):
        return Text("number_decimal_point", value=text.replace(",", "."))
    unit = NUMBER_WITH_UNIT.match(text)
    if unit:
        return Text("number_without_unit", text=_field_line(path, unit.group(1).replace(",", ".")))
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return Text("number_without_quotes", text=_field_line(path, text))
    return None


def resolve(node: dict) -> dict:
    """A schema node, or the $defs entry its `$ref` refers to ({} for a node that is no mapping)."""
    if not isinstance(node, dict):
        return {}
    ref = node.get("$ref", "")
    if not ref.startswith("#/"):
        return node
    target = schema()
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return target


def alternative_forms(node: dict, field: str) -> OrList:
    """Every alternative of a oneOf/anyOf, as what to write with an example (check_messages.yaml: form_*).

    A block is named by its first required field (form_gemeente, form_publicatie…); a plain type by
    the type, with the field's example from the schema (form_string, form_array). A new alternative
    in the schema without its form_* message fails the tests, not a contributor."""
    forms = []
    for branch in node.get("oneOf") or node.get("anyOf"):
        branch = resolve(branch)
        if branch.get("required"):
            forms.append(Text(f"form_{branch['required'][0]}"))
        else:
            example = next(iter(node.get("examples") or branch.get("examples") or ["…"]))
            forms.append(Text(f"form_{branch['type']}", field=field, example=example))
    return OrList(forms)


def _one_of_problems(doc: SourceDocument, path, error: jsonschema.ValidationError) -> Iterator[Problem]:
    instance = error.instance
    branches = [resolve(branch) for branch in error.validator_value]
    field = next((part for part in reversed(path) if isinstance(part, str)), "")
    forms = Text("one_of_forms", forms=alternative_forms(error.schema, field))
    if _is_area(path) and isinstance(instance, str):
        yield _area_text_problem(doc, path, instance)
        return
    if isinstance(instance, dict) and any(branch.get("required") for branch in branches):
        # The contributor chose a form by its field names: report what that form still needs.
        chosen = [index for index, branch in enumerate(branches) if set(branch.get("required", [])) & set(instance)]
        if len(chosen) == 1:
            for sub_error in error.context:
                if sub_error.relative_schema_path and sub_error.relative_schema_path[0] == chosen[0]:
                    yield from _schema_problems(doc, sub_error)
            return
        if chosen:
            keys = [next(key for key in branches[index]["required"] if key in instance) for index in chosen]
            yield doc.problem(path, Text("mixed_forms", keys=", ".join(keys)), forms)
            return
        known = [key for branch in branches for key in branch.get("properties", {})]
        close = [match for key in instance for match in difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)]
        message = Text("unknown_area_kind" if _is_area(path) else "unknown_form", keys=", ".join(map(str, instance)))
        hint = Text("did_you_mean", value=close[0]) if close else forms
        values = list(instance.values())
        if _is_area(path) and len(values) == 1 and isinstance(values[0], str) and is_municipality_shorthand(values[0]):
            hint = Text("area_write", text=f"- gemeente: {values[0]}")  # `- stad: Lier`
        yield doc.problem(path, message, hint)
        return
    wanted = OrList(dict.fromkeys(schema_type_name(branch.get("type", "object")) for branch in branches))
    yield doc.problem(path, Text("wrong_type", wanted=wanted, found=python_type_name(instance)), forms)


def _is_area(path) -> bool:
    return len(path) == 2 and path[0] == "werkgebied"


# Words that open a municipality's name as people write it ("stad Lier"), left out for a suggestion.
_MUNICIPALITY_PREFIX = re.compile(r"^(stad|gemeente|ocmw|ville de|commune de|city of|municipality of)\s+", re.IGNORECASE)


def _area_text_problem(doc: SourceDocument, path, name: str) -> Problem:
    """A werkgebied written as a bare name that is not (only) a municipality: say which form it needs."""
    places = gazetteer()
    name = name.strip()
    province, region = places.province(name), vocabulary.load("regios").find(name)
    forms = Text("one_of_forms", forms=alternative_forms(_area_schema(), "werkgebied"))
    if places.municipality(name) or places.former_name(name):
        other = "provincie" if province else "regio"
        return doc.problem(path, Text(f"area_municipality_and_{other}", name=name),
                           Text("area_write_one_of", first=f"- gemeente: {name}", second=f"- {other}: {name}"))
    if province or region:
        kind = "provincie" if province else "regio"
        return doc.problem(path, Text(f"area_is_{kind}", name=name), Text("area_write", text=f"- {kind}: {name}"))
    parts = [part.strip() for part in name.split(",")]
    if len(parts) > 1 and all(is_municipality_shorthand(part) for part in parts):
        return doc.problem(path, Text("area_several", name=name),
                           Text("area_one_per_line", lines=", ".join(f"'- gemeente: {part}'" for part in parts)))
    close = places.suggest_municipality(_MUNICIPALITY_PREFIX.sub("", name))
    hint = Text("area_did_you_mean", text=f"- gemeente: {close[0]}", forms=forms) if close else forms
    return doc.problem(path, Text("area_not_a_municipality", name=name), hint)


def _area_schema() -> dict:
    return schema()["properties"]["werkgebied"]["items"]


def _pattern_message(path, value) -> tuple[Text, Text | str]:
    name = path[-1] if path else ""
    if name == "slug":
        return Text("slug_not_url_safe", value=value), Text("slug_chars", example=slugify(str(value)))
    if name in ("start", "einde", "datum", "laatst_gecontroleerd"):
        return Text("bad_date", value=value), Text("date_examples")
    if name == "land":
        return Text("bad_country", value=value), Text("country_examples")
    return Text("bad_pattern", value=value), ""


class SchemaDescription(str):
    """A field's description from the schema: as a string the Dutch paragraph; rendered, the one in
    the contributor's language (kennisbank.records.schema_text)."""

    def __new__(cls, description: str):
        text = super().__new__(cls, schema_text.description_in(description, vocabulary.DEFAULT_LANGUAGE))
        text.description = description
        return text

    def __reduce__(self):
        return (SchemaDescription, (self.description,))

    def render(self, lang: str) -> str:
        return schema_text.description_in(self.description, lang)


def schema_description(sub_schema: dict) -> SchemaDescription:
    return SchemaDescription(str(sub_schema.get("description", "")))


def _described_property(name: str, node=None) -> dict:
    """The first property called `name` anywhere in the schema: for a field that an if/then requires,
    whose error carries the `then` part without the field's own description."""
    node = schema() if node is None else node
    if isinstance(node, dict):
        if name in node.get("properties", {}):
            return node["properties"][name]
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return {}
    for child in children:
        found = _described_property(name, child)
        if found:
            return found
    return {}


def _vocabulary_name(path) -> str:
    """The vocabulary (data/vocabularies/<name>.yaml) whose ids a field at `path` takes, if any."""
    return next((part for part in path if part in VOCABULARY_FIELDS), "")


def _vocabulary_file(path) -> str:
    name = _vocabulary_name(path)
    return f"data/vocabularies/{name}.yaml" if name else ""


# Fields whose values are ids from the vocabulary of the same name.
VOCABULARY_FIELDS = ("thema", "doelgroepen")
# How much a written value must look like an id or a label (difflib's ratio) to be suggested:
# lower for ids, which contributors copy and mistype, than for labels, which are longer sentences.
ID_CUTOFF, LABEL_CUTOFF = 0.5, 0.6


def _meant_option(written: str, options: list[str], vocabulary_name: str = "") -> str | None:
    """The option a contributor most likely meant by `written`, or None.

    A mistyped id ('lokaal-onthaalbelied'); for a vocabulary field, also a term's label in any of
    the three languages, as a contributor reads it on the site ('Huisvesting', 'logement',
    'Housing'), nearly or exactly; or the one id that has the written word as a part ('taal' for
    'taal-en-taalpromotiebeleid').
    """
    terms = [term for term in vocabulary.load(vocabulary_name) if term.id in options] if vocabulary_name else []
    by_label = {label.casefold(): term.id for term in terms for label in term.labels.values()}
    wanted = written.strip().casefold()
    if wanted in by_label:  # a label exactly: before ids that merely look like it ('Well-being', 'tewerkstelling')
        return by_label[wanted]
    close = difflib.get_close_matches(written, options, n=1, cutoff=ID_CUTOFF)
    if close:
        return close[0]
    close = difflib.get_close_matches(wanted, list(by_label), n=1, cutoff=LABEL_CUTOFF)
    if close:
        return by_label[close[0]]
    containing = [term.id for term in terms if wanted in term.id.split("-")]
    return containing[0] if len(containing) == 1 else None


# --- 2. Checks a schema cannot express ------------------------------------------------------------

def slugify(text: str) -> str:
    import unicodedata
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "praktijk"


def _slug_problems(doc: SourceDocument) -> Iterator[Problem]:
    slug = doc.data.get("slug")
    stem = doc.path.stem
    if not SLUG_PATTERN.match(stem):
        yield doc.problem((), Text("filename_not_url_safe", name=doc.path.name), Text("rename_file", name=f"{slugify(stem)}.yaml"))
    if isinstance(slug, str) and SLUG_PATTERN.match(slug):
        if slug != stem:
            yield doc.problem(("slug",), Text("slug_file_mismatch", slug=slug, file=doc.path.name),
                              Text("slug_file_mismatch_hint", slug=slug, stem=stem))
        if slug in RESERVED_SLUGS:
            yield doc.problem(("slug",), Text("slug_reserved", slug=slug), Text("slug_reserved_hint"))


def _duplicate_slugs(documents: list[SourceDocument]) -> Iterator[Problem]:
    seen: dict[str, list[SourceDocument]] = {}
    for doc in documents:
        if isinstance(doc.data, dict) and isinstance(doc.data.get("slug"), str):
            seen.setdefault(doc.data["slug"], []).append(doc)
    for slug, docs in seen.items():
        if len(docs) > 1:
            for doc in docs:
                others = ", ".join(other.shown_path for other in docs if other is not doc)
                yield doc.problem(("slug",), Text("slug_duplicate", slug=slug, others=others), Text("slug_duplicate_hint"))


def _area_problems(doc: SourceDocument) -> Iterator[Problem]:
    areas = doc.data.get("werkgebied")
    if not isinstance(areas, list):
        return
    places = gazetteer()
    regions = vocabulary.load("regios")
    for index, area in enumerate(areas):
        if not isinstance(area, dict):
            continue
        name = area.get("gemeente")
        if isinstance(name, str) and not places.municipality(name) and not places.former_name(name):
            close = places.suggest_municipality(name)
            hint = Text("did_you_mean_any", options=OrList(Text("quoted", value=c) for c in close)) if close else Text("official_name")
            yield doc.problem(("werkgebied", index, "gemeente"), Text("unknown_municipality", name=name), hint)
        name = area.get("provincie")
        if isinstance(name, str) and not places.province(name):
            yield doc.problem(("werkgebied", index, "provincie"), Text("unknown_province", name=name),
                              Text("choose_from", options=", ".join(term.label("nl") for term in places.provinces)))
        name = area.get("regio")
        if isinstance(name, str) and not regions.find(name):
            labels = [term.label("nl") for term in regions]
            close = difflib.get_close_matches(name, labels, n=1, cutoff=0.6)
            yield doc.problem(("werkgebied", index, "regio"), Text("unknown_region", name=name),
                              Text("did_you_mean", value=close[0]) if close else Text("choose_region", labels=", ".join(labels)))


def _contacts(data: dict, base=()) -> Iterator[tuple[tuple, dict]]:
    for index, contact in enumerate(data.get("contact") or [] if isinstance(data.get("contact"), list) else []):
        if isinstance(contact, dict):
            yield base + ("contact", index), contact
    subprojects = data.get("deelprojecten")
    if isinstance(subprojects, list):
        for index, sub in enumerate(subprojects):
            if isinstance(sub, dict):
                yield from _contacts(sub, base + ("deelprojecten", index))


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _contact_problems(doc: SourceDocument) -> Iterator[Problem]:
    for path, contact in _contacts(doc.data):
        emails = contact.get("email")
        for index, email in enumerate(as_list(emails)):
            where = path + ("email",) + ((index,) if isinstance(emails, list) else ())
            if isinstance(email, str) and not EMAIL_PATTERN.match(email.strip()):
                yield doc.problem(where, Text("bad_email", value=email), Text("email_form"))
        phones = contact.get("telefoon")
        for index, phone in enumerate(as_list(phones)):
            where = path + ("telefoon",) + ((index,) if isinstance(phones, list) else ())
            if not isinstance(phone, str):
                if isinstance(phone, (int, float)):
                    yield doc.problem(where, Text("phone_as_number"), Text("quote_phone", value=phone))
                continue
            digits = sum(ch.isdigit() for ch in phone)
            if not PHONE_PATTERN.match(phone.strip()) or digits not in PHONE_DIGITS:
                yield doc.problem(where, Text("bad_phone", value=phone), Text("phone_form"))


# A link from a description to a page of the knowledge base itself, written as MkDocs checks it:
# relative to the practice page (docs/praktijken/<slug>.md), e.g. ../intergemeentelijke-samenwerking.md.
SITE_PAGE_LINK = re.compile(r"^(?:\.\./)*[a-z0-9][a-z0-9/-]*\.md(?:#[a-z0-9-]+)?$")


def _project_root(path: Path) -> Path:
    """The repository a record belongs to (<root>/data/praktijken/<slug>.yaml), or this one."""
    resolved = path.resolve()
    return resolved.parents[2] if resolved.parent.name == "praktijken" and len(resolved.parents) > 2 else ROOT


def _site_page_exists(url: str, root: Path) -> bool:
    page = (root / "docs" / "praktijken" / url.split("#", 1)[0]).resolve()
    docs = (root / "docs").resolve()
    return page.is_relative_to(docs) and page.is_file()


def _url_problems(doc: SourceDocument, root: Path = ROOT) -> Iterator[Problem]:
    for path, value in walk_strings(doc.data):
        name = next((part for part in reversed(path) if isinstance(part, str)), "")
        urls: list[tuple[str, int | None]] = []
        if name in ("url", "website"):
            urls = [(value.strip(), None)]
        elif name in MARKDOWN_FIELDS or "beschrijving" in path:
            urls = [(match.group(1), match.start()) for match in MARKDOWN_LINK_TARGET.finditer(value)]
        for url, offset in urls:
            scheme = URL_SCHEME.match(url)
            if not scheme and offset is not None and SITE_PAGE_LINK.match(url):
                # Checked where the pages are (a checkout); a record checked on its own, outside one,
                # still gets its links checked by the strict site build.
                if (root / "docs").is_dir() and not _site_page_exists(url, root):
                    yield doc.problem(path, Text("site_page_missing", url=url), Text("site_page_missing_hint"), offset=offset)
            elif not scheme:
                yield doc.problem(path, Text("url_no_scheme", url=url), Text("url_no_scheme_hint", rest=url.lstrip("/")), offset=offset)
            elif scheme.group(1).lower() not in ALLOWED_URL_SCHEMES:
                yield doc.problem(path, Text("url_bad_scheme", url=url, scheme=scheme.group(1)), Text("url_bad_scheme_hint"),
                                  offset=offset)


def _date_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("-"))


def _period_problems(doc: SourceDocument) -> Iterator[Problem]:
    periods = [(("periode",), doc.data.get("periode"))]
    for index, sub in enumerate(doc.data.get("deelprojecten") or [] if isinstance(doc.data.get("deelprojecten"), list) else []):
        if isinstance(sub, dict):
            periods.append((("deelprojecten", index, "periode"), sub.get("periode")))
    for path, period in periods:
        if not isinstance(period, dict):
            continue
        start, end = period.get("start"), period.get("einde")
        if not (isinstance(start, str) and isinstance(end, str)):
            continue
        try:
            start_key, end_key = _date_key(start), _date_key(end)
        except ValueError:
            continue
        precision = min(len(start_key), len(end_key))
        if end_key[:precision] < start_key[:precision]:
            yield doc.problem(path + ("einde",), Text("end_before_start", end=end, start=start), Text("end_before_start_hint"))


def _html_problems(doc: SourceDocument) -> Iterator[Problem]:
    for path, value in walk_strings(doc.data):
        match = HTML_TAG.search(value)
        if match:
            snippet = value[match.start(): match.start() + 20].split("\n")[0]
            yield doc.problem(path, Text("html_not_allowed", snippet=snippet), Text("html_not_allowed_hint"), offset=match.start())


TYPOGRAPHIC_OPENING = {opening for opening, _ in TYPOGRAPHIC_QUOTES}


def _typographic_quote_problems(doc: SourceDocument) -> Iterator[Problem]:
    for path, value in walk_strings(doc.data):
        text = value.strip()
        if len(text) > 1 and (text[0], text[-1]) in TYPOGRAPHIC_QUOTES:
            inner = text[1:-1].strip()
            yield doc.problem(path, Text("typographic_quotes", opening=text[0], closing=text[-1]),
                              Text("typographic_quotes_hint", text=_field_line(path, _as_yaml(inner))))
    for path, plain in doc.flow_lists.items():
        # `[“dienst Samenleving, stad Lier”]`: the comma split it, each half kept one curly quote.
        items = doc.value(path)
        for start, item in enumerate(items):
            if not (isinstance(item, str) and item[:1] in TYPOGRAPHIC_OPENING and plain[start]):
                continue
            end = next((index for index in range(start + 1, len(items)) if isinstance(items[index], str)
                        and (item[0], items[index][-1:]) in TYPOGRAPHIC_QUOTES), None)
            if end is not None:
                joined = ", ".join(items[start: end + 1])[1:-1].strip()
                yield doc.problem(path + (start,), Text("typographic_quotes_split", name=joined, count=end - start + 1),
                                  Text("typographic_quotes_split_hint", name=joined))


def _as_yaml(text: str) -> str:
    """`text` as a YAML value: as it is when YAML reads it back unchanged, else in double quotes."""
    try:
        if yaml.safe_load(f"x: {text}") == {"x": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


# An amount in euro written with a dot between thousands (25.000): YAML reads a decimal point, so
# 25.0. In FTE (vte) 1.500 may well mean one and a half, so only euro amounts are questioned.
THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
AMOUNT_FIELDS = ("waarde", "tot")


def _decimal_point_problems(doc: SourceDocument) -> Iterator[Problem]:
    for path, written in doc.plain_values.items():
        amount = doc.value(path[:-1]) if len(path) > 1 else None
        if (path and path[-1] in AMOUNT_FIELDS and THOUSANDS_DOT.match(written) and isinstance(amount, dict)
                and amount.get("eenheid") != "vte"):
            yield doc.problem(path, Text("thousands_dot", written=written, value=format(doc.value(path), "g")),
                              Text("number_without_separator", value=written.replace(".", "")))


def _budgets(data: dict) -> Iterator[tuple[tuple, dict]]:
    """(path, block) of the record's budget and each sub-project's."""
    if isinstance(data.get("budget"), dict):
        yield ("budget",), data["budget"]
    subprojects = data.get("deelprojecten")
    for index, sub in enumerate(subprojects if isinstance(subprojects, list) else []):
        if isinstance(sub, dict) and isinstance(sub.get("budget"), dict):
            yield ("deelprojecten", index, "budget"), sub["budget"]


def _quoted(text: str) -> str:
    """A text cut short at a word for a message: enough to recognise it."""
    return textwrap.shorten(text, QUOTE_WIDTH, placeholder=" …")


# Characters of a budget text a message quotes: about one line of a terminal.
QUOTE_WIDTH = 70


def _amount_problems(doc: SourceDocument) -> Iterator[Problem]:
    """The structured amounts agree with the budget text (kennisbank.records.amounts), and a translated
    budget text states the same numbers as the Dutch."""
    inferred = {item.get("veld") for item in doc.data.get("afgeleid") or [] if isinstance(item, dict)}
    for path, budget in _budgets(doc.data):
        text = budget.get("tekst")
        listed = budget.get("bedragen")
        if not isinstance(text, str) or not isinstance(listed if listed is not None else [], list):
            continue  # the schema's errors say what is wrong
        structured = listed or []
        if any(not isinstance(a, dict) or any(f in a and not amounts.is_number(a[f]) for f in AMOUNT_FIELDS) for a in structured):
            continue  # an amount the schema refuses: its own error explains it, without a second one here
        if any(THOUSANDS_DOT.match(doc.plain_values.get(path + ("bedragen", index, f), "")) and a.get("eenheid") != "vte"
               for index, a in enumerate(structured) for f in AMOUNT_FIELDS):
            continue  # `waarde: 25.000`: the thousands-dot error says what YAML read
        if structured and "zonder_bedragen" in budget:
            yield doc.problem(path + ("zonder_bedragen",), Text("amounts_and_reason"), Text("amounts_and_reason_hint"))
        if not structured and "zonder_bedragen" in budget:
            continue
        for stated in amounts.untwinned(text, structured):
            unit = stated.twins()[0][2]
            hint = (Text("amount_half_time_hint", half=amounts.plain(stated.value * amounts.HALF_TIME)) if stated.unit == "hte"
                    else Text("amount_not_structured_hint", value=amounts.plain(stated.twins()[0][0]), unit=unit))
            yield doc.problem(path + ("tekst",), Text("amount_not_structured", written=stated.written,
                                                      value=amounts.plain(stated.twins()[0][0]), unit=unit), hint, offset=stated.offset)
        for index, field, value in amounts.unstated(text, structured):
            field_path = path + ("bedragen", index, field)
            if dotted(field_path) not in inferred:
                yield doc.problem(field_path, Text("amount_not_in_text", value=amounts.plain(value), text=_quoted(text)),
                                  Text("amount_not_in_text_hint", field=dotted(field_path)))
        for lang in vocabulary.TRANSLATION_LANGUAGES:
            translation = budget.get(f"tekst_{lang}")
            if not isinstance(translation, str):
                continue
            missing, extra = amounts.translation_differences(text, translation, lang)
            for number, key in [(n, "translation_number_missing") for n in sorted(missing)] + \
                               [(n, "translation_number_extra") for n in sorted(extra)]:
                yield doc.problem(path + (f"tekst_{lang}",), Text(key, number=amounts.plain(number), dutch=_quoted(text)),
                                  Text("translation_number_hint"))


def walk_strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_strings(item, path + (index,))


# --- 3. Warnings: shown with file:line:column, never stopping the build ---------------------------

def _translation_warnings(doc: SourceDocument) -> Iterator[Problem]:
    """A Dutch-only record is allowed (the fr and en pages show the Dutch text, marked): say what
    is still to translate, so it is not forgotten. What needs a translation is what the i18n report
    counts (kennisbank.records.translations: every field with `_fr`/`_en` siblings in the schema)."""
    from kennisbank.records.translations import missing_in_record

    missing = {lang: paths for lang, paths in missing_in_record(doc.data).items() if paths}
    if not missing:
        return
    paths = next(iter(missing.values()))
    if len({tuple(each) for each in missing.values()}) == 1:  # the usual case: neither language yet
        message = Text("translation_missing_same", languages=" + ".join(missing), fields=", ".join(paths))
    else:
        message = Text("translation_missing", missing=", ".join(f"{lang} ({', '.join(each)})" for lang, each in missing.items()))
    field = re.sub(r"\[\d+\]$", "", paths[0].split(".")[-1])
    yield doc.problem(_json_path(paths[0]), message, Text("translation_missing_hint", example=f"{field}_fr", example_en=f"{field}_en"), severity=WARNING)


def _json_path(dotted: str) -> tuple:
    """`contact[0].organisatie` → ('contact', 0, 'organisatie'): the inverse of yamlsource.dotted."""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", dotted))


# Fields whose flow list (`[a, b]`) a comma may have split: names of organisations and departments.
NAME_LISTS = ("trekker", "partners")
# "dienst Samenleving, stad Lier": a department, then the organisation it belongs to.
DEPARTMENT = re.compile(r"^(dienst|team|afdeling|cel|departement|service|équipe)\b", re.IGNORECASE)
ORGANISATION = re.compile(r"^(stad|gemeente|ocmw|provincie|ville|commune|cpas|province)\b", re.IGNORECASE)


def _comma_warnings(doc: SourceDocument) -> Iterator[Problem]:
    """`trekker: [dienst Samenleving, stad Lier]` is two leads: in a [ ] list every comma separates."""
    for path, plain in doc.flow_lists.items():
        name = path[-1] if path else ""
        if name not in NAME_LISTS or not (len(path) == 1 or (len(path) == 3 and path[0] == "deelprojecten")):
            continue
        items = doc.value(path)
        if sum(plain) < 2 or not all(isinstance(item, str) for item in items):
            continue  # quoted items: the contributor chose where each name ends
        what = Text(f"names_{name}")
        pairs = [index for index in range(len(items) - 1) if plain[index] and plain[index + 1]
                 and DEPARTMENT.match(items[index]) and ORGANISATION.match(items[index + 1])]
        for index in pairs:
            first, second = items[index], items[index + 1]
            yield doc.problem(path + (index,), Text("comma_split_name", first=first, second=second, what=what),
                              Text("comma_split_name_hint", name=f"{first}, {second}", field=name), severity=WARNING)
        if not pairs:
            yield doc.problem(path, Text("comma_split_list", count=len(items), what=what,
                                         items=", ".join(f"'{item}'" for item in items)),
                              Text("comma_split_list_hint", field=name, first=items[0]), severity=WARNING)
