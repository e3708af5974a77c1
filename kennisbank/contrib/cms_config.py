"""The web editor's configuration (Decap CMS), generated from the record schema: never written by hand.

Why generated: the form must ask for exactly what `make check` accepts. Every field of
data/schema/praktijk.schema.json becomes a form field with the schema's Dutch `title` as its label
and the Dutch half of its `description` as its help text (`hint`); a translation sibling
(`titel_fr`, marked `x-vertaling-van`) sits right after its Dutch field, labelled "Titel (Frans)".
Required fields, patterns, lengths and number limits become the form's validation; enums become
selects labelled from the vocabularies (data/vocabularies/) or the pages' own words; the
municipalities are a searchable select from the gazetteer (Statbel, with former names). So a new
field, theme or municipality reaches the editor on the next build, and tests/test_editor.py holds
the two against each other. The build's check still decides: what a form cannot express (the
`niet_in_bron` rules, a municipality spelled another way) it catches after saving.

Where the schema has a shape a Decap widget does not (a oneOf of blocks, an e-mail that is one
address or a list, the free map of `herkomst`), the field says so in its `record` option, and the
editor's record format (kennisbank/contrib/beheer/record_format.js) turns the form's value into the
record's shape on saving and back on loading. That script also takes the key order from these
fields, which is the schema's order, and writes what kennisbank/contrib/record_writer.py writes.

`record` options on a field (read only by record_format.js; Decap ignores options it does not know):
- required: the schema requires the key, so it is written even when empty (`partners: []`);
- shape: "one_or_list" (a list in the form; one item is written as a plain value),
  "single" (a list of one typed block in the form; written as that block),
  "typed" (a list of typed blocks; the type key is dropped on saving and found again on loading),
  "map" (a list of {veld, regels} in the form; written as a mapping).
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from kennisbank.contrib import record_writer
from kennisbank.paths import ROOT, VOCABULARY_DIR
from kennisbank.records import schema_text, vocabulary
from kennisbank.records.places import gazetteer
from kennisbank.records.problems import Text
from kennisbank.records.ui import alphabetical, t
from kennisbank.records.validation import (ALLOWED_URL_SCHEMES, EMAIL_PATTERN, PHONE_DIGITS, PHONE_PATTERN, resolve,
                                           schema)
from kennisbank.site_config import identity

# Where the editor lives in the built site (and /fr/beheer/, /en/beheer/).
EDITOR_PATH = "beheer"
COLLECTION = "praktijken"
RECORD_FORMAT = "kennisbank-record"
# The type key Decap writes into each block of a typed list; the record format removes it again.
TYPE_KEY = "type"
# decap-server's own default port; `python -m kennisbank beheer --proxy-port` picks another.
PROXY_PORT = 8081
# Decap requires a media folder; no field of a record is a file, so nothing is ever written there.
MEDIA_FOLDER = "docs/assets/beheer-media"
LANGUAGE_NAMES = {"fr": "Frans", "en": "Engels"}
# Text fields edited in a multi-line box (Decap's `text` widget): the Markdown description and the
# summary of up to 700 characters. Not Decap's Markdown widget: it rewrites Markdown on saving
# (emphasis marks, escapes), and a diff would show what nobody changed.
MULTILINE = {"beschrijving", "samenvatting"}
# Selects whose options are places, by the field's dotted path.
PLACE_FIELDS = {"werkgebied.gemeente", "werkgebied.provincie", "werkgebied.regio"}
# Enums labelled by the words the pages print for them (kennisbank/records/ui_strings.yaml).
UI_WORD_PREFIX = {"eenheid": "unit_", "per": "per_"}
# The form's own messages where a value does not fit (Decap shows them under the field).
PATTERN_MESSAGE = "Dit past niet bij de gevraagde vorm"
EXAMPLE_MESSAGE = "bijvoorbeeld"
LENGTH_MESSAGE = "hoogstens {n} tekens"


def dutch(node: dict) -> str:
    """The Dutch paragraph of a schema description (kennisbank.records.schema_text)."""
    return schema_text.description_in(node.get("description", ""), vocabulary.DEFAULT_LANGUAGE)


def label(name: str, prop: dict, siblings: dict) -> str:
    """The schema's Dutch title; for a translation, its Dutch field's title and the language."""
    original = prop.get("x-vertaling-van")
    if original:
        return f"{siblings[original]['title']} ({LANGUAGE_NAMES[name.rsplit('_', 1)[1]]})"
    return prop.get("title") or resolve(prop).get("title") or name


def _example(node: dict) -> str:
    examples = node.get("examples") or []
    return str(examples[0]) if examples and not isinstance(examples[0], (list, dict)) else ""


def _pattern(regex: str, node: dict) -> list[str]:
    """Decap's `pattern: [regex, message]`; the message names the schema's example."""
    example = _example(node)
    return [regex, PATTERN_MESSAGE + (f", {EXAMPLE_MESSAGE} {example}" if example else "")]


def _with_length(regex: str | None, node: dict) -> tuple[str | None, str]:
    """A schema pattern and maxLength as one JavaScript regular expression, and what it adds to the message."""
    limit = node.get("maxLength")
    if not limit:
        return regex, ""
    length = rf"(?=[\s\S]{{0,{limit}}}$)"
    body = regex.removeprefix("^") if regex else r"[\s\S]*$"
    return f"^{length}{body}", LENGTH_MESSAGE.format(n=limit)


def email_pattern() -> str:
    return EMAIL_PATTERN.pattern


def phone_pattern() -> str:
    """PHONE_PATTERN plus its digit count (9 to 15), as the check has them."""
    digits = rf"(?=(?:[^0-9]*[0-9]){{{PHONE_DIGITS.start},{PHONE_DIGITS.stop - 1}}}[^0-9]*$)"
    return "^" + digits + PHONE_PATTERN.pattern.removeprefix("^")


def url_pattern() -> str:
    """The schemes the check allows (http, https, mailto, tel), then an address."""
    return r"^(?:" + "|".join(ALLOWED_URL_SCHEMES) + r"):\S+$"


# --- Options of selects ------------------------------------------------------------------------------

def _vocabulary_options(name: str, values: list) -> list[dict]:
    terms = vocabulary.load(name)
    return [{"label": terms[value].label("nl"), "value": value} for value in values]


def municipality_options() -> list[dict]:
    """Every Belgian municipality by its name as records write it (Dutch where it has one), and the
    former names the check still accepts, each saying what it became. Sorted as a reader looks."""
    places = gazetteer()
    options = [{"label": m.name("nl"), "value": m.name("nl")} for m in places.municipalities.values()]
    options += [{"label": f"{former.name} (sinds {former.year}: {former.current.name('nl')})", "value": former.name}
                for former in places.former.values()]
    return sorted(options, key=lambda option: (alphabetical(option["label"]), option["label"]))


def province_options() -> list[dict]:
    return [{"label": term.label("nl"), "value": term.label("nl")} for term in vocabulary.load("provincies")]


def region_options() -> list[dict]:
    return [{"label": term.label("nl"), "value": term.label("nl")} for term in vocabulary.load("regios")]


def _place_options(path: str) -> list[dict]:
    return {"werkgebied.gemeente": municipality_options, "werkgebied.provincie": province_options,
            "werkgebied.regio": region_options}[path]()


def _enum_options(name: str, values: list, top: dict) -> list[dict]:
    # A vocabulary of the same name that holds every value (thema, doelgroepen); soort.yaml is the
    # site's page kinds, not the contact's kind, and holds none of its values.
    if (VOCABULARY_DIR / f"{name}.yaml").exists() and all(value in vocabulary.load(name) for value in values):
        return _vocabulary_options(name, values)
    if name in UI_WORD_PREFIX:
        return [{"label": t(f"{UI_WORD_PREFIX[name]}{value}", "nl"), "value": value} for value in values]
    if name == "niet_in_bron":  # field names: labelled with those fields' titles
        return [{"label": top[value]["title"], "value": value} for value in values]
    return [{"label": value, "value": value} for value in values]


# --- Fields ------------------------------------------------------------------------------------------

def _base(name: str, prop: dict, siblings: dict, required: bool) -> dict:
    field = {"name": name, "label": label(name, prop, siblings), "required": required}
    hint = dutch(prop) or dutch(resolve(prop))
    if hint:
        field["hint"] = hint
    return field


def _sentence(parts: list[str]) -> str:
    text = "; ".join(part for part in parts if part)
    return text[:1].upper() + text[1:]


def _string(field: dict, name: str, node: dict) -> dict:
    field["widget"] = "text" if name in MULTILINE else "string"
    regex = url_pattern() if name in ("url", "website") else node.get("pattern")
    example = _example(node)
    parts = [PATTERN_MESSAGE + (f", {EXAMPLE_MESSAGE} {example}" if example else "")] if regex else []
    regex, length = _with_length(regex, node)
    if regex:
        field["pattern"] = [regex, _sentence([*parts, length])]
    return field


def _list_item(name: str, node: dict, path: str, label_text: str) -> dict:
    """The one field of a list of plain values (trekker, partners, an e-mail…), labelled as its list."""
    item = {"name": "item", "label": label_text, "widget": "string"}
    if name == "email":
        item["pattern"] = [email_pattern(), _sentence([Text("email_form").render("nl")])]
    elif name == "telefoon":
        item["pattern"] = [phone_pattern(), _sentence([Text("phone_form").render("nl")])]
    return item


def _record(field: dict, **options) -> dict:
    field.setdefault("record", {}).update(options)
    return field


# Said under a field that the schema requires inside an optional block (budget.tekst): Decap checks
# the fields of an optional block even when it is left empty, so the form cannot require them.
REQUIRED_IN_BLOCK = "Verplicht als je dit blok invult."


def fields_of(node: dict, path: str = "", top: dict | None = None, optional_block: bool = False) -> list[dict]:
    """The form fields of an object schema, in the schema's order (the order the record is written in).

    In an optional block (`optional_block`) the schema's required fields are optional in the form
    and say so in their help; the record format still writes them, and the check still requires them."""
    node = resolve(node)
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    top = top if top is not None else properties
    fields = []
    for name, prop in properties.items():
        field = field_for(name, prop, name in required, properties, f"{path}.{name}" if path else name, top,
                          optional_block)
        fields.append(field)
    return fields


def field_for(name: str, prop: dict, required: bool, siblings: dict, path: str, top: dict,
              optional_block: bool = False) -> dict:
    node = resolve(prop)
    # A list the schema requires but allows empty (partners: []) is optional in the form; the
    # record format still writes it.
    may_be_empty = node.get("type") == "array" and not node.get("minItems")
    field = _base(name, prop, siblings, required and not may_be_empty and not optional_block)
    if required:
        _record(field, required=True)
        if optional_block:
            field["hint"] = f"{field.get('hint', '')} {REQUIRED_IN_BLOCK}".strip()
    leaf = name.split("_")[0] if prop.get("x-vertaling-van") else name
    if path in PLACE_FIELDS:
        return {**field, "widget": "select", "options": _place_options(path)}
    if "enum" in node:
        return {**field, "widget": "select", "options": _enum_options(name, node["enum"], top)}
    if "oneOf" in node and all(resolve(b).get("type") == "object" for b in node["oneOf"]):
        # bron: one block of one of several kinds: a list of one typed block in the form.
        field.update(widget="list", typeKey=TYPE_KEY, min=1 if required else 0, max=1,
                     types=_types(node["oneOf"], path, top))
        return _record(field, shape="single")
    if "oneOf" in node:  # an e-mail or a phone number: one value, or a list of them
        return _record({**field, "widget": "list", "field": _list_item(name, node, path, field["label"]),
                        "min": 1 if required else 0},
                       shape="one_or_list")
    kind = node.get("type")
    if kind == "string":
        return _string(field, leaf, node)
    if kind == "boolean":
        return {**field, "widget": "boolean"}
    if kind in ("integer", "number"):
        field.update(widget="number", value_type="int" if kind == "integer" else "float")
        for keyword, option in (("minimum", "min"), ("maximum", "max")):
            if keyword in node:
                field[option] = node[keyword]
        return field
    if kind == "array":
        return _array(field, name, node, path, top)
    if kind == "object" and "properties" in node:
        return {**field, "widget": "object",
                "fields": fields_of(node, path, top, optional_block=optional_block or not required)}
    if kind == "object":  # herkomst: field → lines, a free mapping: a list of pairs in the form
        key_pattern = node["propertyNames"]["pattern"]
        value = node["additionalProperties"]
        field.update(widget="list", fields=[
            {"name": "veld", "label": "Veld", "widget": "string", "hint": "Bv. trekker, budget.tekst of contact[0].",
             "pattern": _pattern(key_pattern, {"examples": ["budget.tekst"]})},
            {"name": "regels", "label": "Regel(s)", "widget": "string", "hint": "Bv. 1172 of 1172-1175.",
             "pattern": _pattern(value["pattern"], {"examples": ["1172-1175"]})},
        ], summary="{{fields.veld}}: {{fields.regels}}")
        return _record(field, shape="map", map_fields=["veld", "regels"])
    raise ValueError(f"{path}: no form field for this schema node (type {kind!r}); add it to kennisbank/contrib/cms_config.py")


def _array(field: dict, name: str, node: dict, path: str, top: dict) -> dict:
    items = resolve(node.get("items", {}))
    limits = {option: node[keyword] for keyword, option in (("minItems", "min"), ("maxItems", "max")) if keyword in node}
    if "enum" in items:
        return {**field, "widget": "select", "multiple": True, "options": _enum_options(name, items["enum"], top), **limits}
    if "oneOf" in items:  # werkgebied: blocks of several kinds
        field.update(widget="list", typeKey=TYPE_KEY, types=_types(items["oneOf"], path, top), **limits)
        return _record(field, shape="typed")
    if items.get("type") == "object":
        field.update(widget="list", fields=fields_of(items, path, top), **limits)
        first = next(iter(items.get("properties", {})), None)
        if first:
            field["summary"] = "{{fields." + ("organisatie" if "organisatie" in items["properties"] else first) + "}}"
        return field
    return {**field, "widget": "list", "field": _list_item(name, items, path, field["label"]), **limits}


def _types(branches: list, path: str, top: dict) -> list[dict]:
    """One Decap type per oneOf branch, named after its title or its first required field."""
    types = []
    for branch in map(resolve, branches):
        first = branch["required"][0]
        name = branch.get("title") or first
        title = branch.get("title", "").capitalize() or branch["properties"][first].get("title") or first
        entry = {"name": name, "label": title, "widget": "object", "fields": fields_of(branch, path, top),
                 "record": {"required_keys": branch["required"]}}
        hint = dutch(branch)
        if hint:
            entry["hint"] = hint
        types.append(entry)
    return types


# --- The configuration ---------------------------------------------------------------------------------

def repository(root: Path = ROOT) -> str:
    """owner/name of the repository setting (extra.repository in mkdocs.yml)."""
    address = identity(root)["repository"]
    found = re.match(r"^https://github\.com/([^/]+/[^/]+?)(?:\.git)?/?$", address)
    if not found:
        raise ValueError(f"mkdocs.yml: extra.repository must be a repository's address on GitHub (owner and name "
                         f"after github.com/), not {address!r}")
    return found.group(1)


def _settings(root: Path) -> dict:
    import yaml

    extra = (yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}).get("extra") or {}
    return {"branch": extra.get("branch", "main"), "oauth": extra.get("editor_oauth") or {}}


def config(root: Path = ROOT) -> dict:
    """The whole Decap CMS configuration, as /beheer/config.json serves it."""
    settings = _settings(root)
    backend = {"name": "github", "repo": repository(root), "branch": settings["branch"], "open_authoring": True,
               "commit_messages": {
                   "create": "Nieuwe praktijk {{slug}} (webeditor)",
                   "update": "Praktijk {{slug}} bijgewerkt (webeditor)",
                   "delete": "Praktijk {{slug}} verwijderd (webeditor)",
                   "uploadMedia": "Bestand {{path}} (webeditor)",
                   "deleteMedia": "Bestand {{path}} verwijderd (webeditor)",
                   "openAuthoring": "{{message}}",
               }}
    # The OAuth client Decap's GitHub login goes through (CONTRIBUTING.md: "De webeditor").
    for key in ("base_url", "auth_endpoint"):
        if settings["oauth"].get(key):
            backend[key] = settings["oauth"][key]
    properties = schema()["properties"]
    return {
        "load_config_file": False,
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": f"http://localhost:{PROXY_PORT}/api/v1"},
        "locale": vocabulary.DEFAULT_LANGUAGE,
        "site_url": identity(root)["url"],
        "display_url": identity(root)["url"],
        "media_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [{
            "name": COLLECTION,
            "label": "Praktijken",
            "label_singular": "Praktijk",
            "description": "Eén praktijk is één bestand data/praktijken/<slug>.yaml. Opslaan maakt een voorstel "
                           "(pull request); de controle en de beheerders kijken het na.",
            "folder": "data/praktijken",
            "extension": "yaml",
            "format": RECORD_FORMAT,
            "create": True,
            "delete": False,
            "identifier_field": "titel",
            "slug": "{{fields.slug}}",
            "summary": "{{titel}}",
            "sortable_fields": ["titel", "slug", "laatst_gecontroleerd"],
            "editor": {"preview": False},
            # Read by beheer.js and record_format.js, not by Decap: the format to register and the
            # first line every record starts with.
            "record": {"format": RECORD_FORMAT, "modeline": record_writer.MODELINE},
            "fields": fields_of(schema(), top=properties),
        }],
    }


@cache
def config_json(root: Path = ROOT) -> str:
    """The configuration as the site serves it: sorted nowhere (order is the schema's), UTF-8."""
    return json.dumps(config(root), ensure_ascii=False, indent=1) + "\n"
