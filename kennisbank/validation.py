"""Check every practice record and report all problems at once, each with file:line:column.

Two layers, in this order:
1. The JSON Schema in data/schema/ (the same file editors use for completion) checks shape:
   required fields, types, vocabularies, unknown fields. Its English messages are rewritten here
   into plain Dutch with a hint, because contributors are civil servants, not programmers.
2. Checks a schema cannot express: municipalities against Statbel, e-mail and phone formats,
   URL schemes, end before start, slug versus file name, duplicate slugs, HTML in text.

Nothing is dropped: a record with any problem stops the build, and the report lists them all.
"""
from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema

from kennisbank import vocabulary
from kennisbank.paths import ROOT, SCHEMA_PATH
from kennisbank.places import gazetteer
from kennisbank.problems import Problem, display_path
from kennisbank.yamlsource import SourceDocument, read_record

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

TYPE_NAMES = {"string": "tekst", "array": "een lijst (regels die met '- ' beginnen)", "object": "een blok met velden",
              "integer": "een geheel getal", "number": "een getal", "boolean": "true of false", "null": "leeg"}


def python_type_name(value: Any) -> str:
    return {str: "tekst", list: "een lijst", dict: "een blok met velden", bool: "true/false", int: "een getal",
            float: "een getal", type(None): "niets (leeg)"}.get(type(value), type(value).__name__)


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


def validate_directory(directory: Path, root: Path = ROOT) -> tuple[list[SourceDocument], list[Problem]]:
    """Read and check every `*.yaml` in `directory`. Returns the documents and all problems."""
    paths = sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))
    return validate_files(paths, root)


def validate_files(paths: list[Path], root: Path = ROOT) -> tuple[list[SourceDocument], list[Problem]]:
    documents = [read_record(path, display_path(path, root)) for path in paths]
    problems: list[Problem] = []
    for document in documents:
        problems.extend(document.problems)
        if document.data is None or document.problems:
            continue
        problems.extend(check_document(document))
    problems.extend(_duplicate_slugs(documents))
    return documents, problems


def check_document(doc: SourceDocument) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(doc.data, dict):
        return [doc.problem((), f"een praktijk is een blok met velden, maar dit bestand bevat {python_type_name(doc.data)}",
                            "begin met 'slug:', 'titel:' … zoals in de andere bestanden in data/praktijken/")]
    for error in _validator().iter_errors(doc.data):
        problems.extend(_schema_problems(doc, error))
    problems.extend(_slug_problems(doc))
    problems.extend(_area_problems(doc))
    problems.extend(_contact_problems(doc))
    problems.extend(_url_problems(doc))
    problems.extend(_period_problems(doc))
    problems.extend(_html_problems(doc))
    return sorted(set(problems))


# --- 1. Schema errors in plain words --------------------------------------------------------------

def _schema_problems(doc: SourceDocument, error: jsonschema.ValidationError) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    sub_schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        for name in missing:
            description = schema_description(sub_schema.get("properties", {}).get(name, {}))
            yield doc.problem(path + (name,), f"verplicht veld '{name}' ontbreekt",
                              f"voeg '{name}:' toe; {description}" if description else f"voeg '{name}:' toe")
    elif kind == "additionalProperties":
        allowed = list(sub_schema.get("properties", {}))
        for name in [key for key in error.instance if key not in allowed]:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"bedoel je '{close[0]}'?" if close else f"toegestane velden hier: {', '.join(allowed)}"
            yield doc.problem(path + (name,), f"onbekend veld '{name}'", hint)
    elif kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " of ".join(TYPE_NAMES.get(t, t) for t in expected)
        hint = "zet tekst met een dubbele punt of # tussen aanhalingstekens" if "string" in expected else ""
        if "array" in expected and isinstance(error.instance, str):
            hint = f"schrijf het als lijst: een nieuwe regel met '- {error.instance}'"
        yield doc.problem(path, f"verwacht {wanted}, maar hier staat {python_type_name(error.instance)}", hint)
    elif kind == "enum":
        options = [str(option) for option in error.validator_value]
        close = difflib.get_close_matches(str(error.instance), options, n=1, cutoff=0.5)
        hint = f"bedoel je '{close[0]}'?" if close else f"kies uit: {', '.join(options)}"
        source = _vocabulary_file(path)
        if source:
            hint += f" (lijst: {source})"
        yield doc.problem(path, f"onbekende waarde '{error.instance}'", hint)
    elif kind == "pattern":
        yield doc.problem(path, *_pattern_message(path, error.instance))
    elif kind in ("minItems", "minLength", "minProperties"):
        yield doc.problem(path, "mag niet leeg zijn", schema_description(sub_schema))
    elif kind == "maxLength":
        yield doc.problem(path, f"is {len(error.instance)} tekens lang; de grens is {error.validator_value}",
                          "houd het korter; details horen in 'beschrijving'")
    elif kind == "uniqueItems":
        yield doc.problem(path, "bevat dezelfde waarde twee keer", "schrap de dubbele regel")
    elif kind in ("minimum", "maximum"):
        yield doc.problem(path, f"waarde {error.instance} ligt buiten het toegestane bereik", schema_description(sub_schema))
    elif kind == "oneOf":
        yield from _one_of_problems(doc, path, error)
    else:
        yield doc.problem(path, error.message, schema_description(sub_schema))


def _one_of_problems(doc: SourceDocument, path, error: jsonschema.ValidationError) -> Iterator[Problem]:
    instance = error.instance
    branches = error.validator_value
    if isinstance(instance, dict):
        # A werkgebied entry: pick the branch whose key the contributor wrote, report its errors.
        for index, branch in enumerate(branches):
            if set(branch.get("required", [])) & set(instance):
                for sub_error in error.context:
                    if sub_error.relative_schema_path and sub_error.relative_schema_path[0] == index:
                        yield from _schema_problems(doc, sub_error)
                return
        keys = [key for branch in branches for key in branch.get("required", [])]
        yield doc.problem(path, "onbekend soort gebied", f"gebruik één van: {', '.join(dict.fromkeys(keys))} (buitenland samen met land)")
    else:
        yield doc.problem(path, f"verwacht tekst of een lijst van teksten, maar hier staat {python_type_name(instance)}",
                          "schrijf één waarde, of meerdere als lijst met '- ' per regel")


def _pattern_message(path, value) -> tuple[str, str]:
    name = path[-1] if path else ""
    if name == "slug":
        return f"slug '{value}' is niet URL-veilig", f"gebruik alleen kleine letters, cijfers en koppeltekens, bv. '{slugify(str(value))}'"
    if name in ("start", "einde"):
        return f"datum '{value}' heeft niet de vorm JJJJ, JJJJ-MM of JJJJ-MM-DD", "bv. 2016, 2016-09 of 2016-09-01"
    if name == "land":
        return f"landcode '{value}' is geen ISO-code van twee hoofdletters", "bv. NL, FR, DE"
    return f"waarde '{value}' heeft niet de verwachte vorm", ""


def schema_description(sub_schema: dict) -> str:
    """The Dutch half of a schema description: the first paragraph."""
    return str(sub_schema.get("description", "")).split("\n\n")[0]


def _vocabulary_file(path) -> str:
    for part in path:
        if part in ("thema", "doelgroepen"):
            return f"data/vocabularies/{part}.yaml"
    return ""


# --- 2. Checks a schema cannot express ------------------------------------------------------------

def slugify(text: str) -> str:
    import unicodedata
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "praktijk"


def _slug_problems(doc: SourceDocument) -> Iterator[Problem]:
    slug = doc.data.get("slug")
    stem = doc.path.stem
    if not SLUG_PATTERN.match(stem):
        yield doc.problem((), f"bestandsnaam '{doc.path.name}' is niet URL-veilig",
                          f"hernoem naar '{slugify(stem)}.yaml' (kleine letters, cijfers, koppeltekens)")
    if isinstance(slug, str) and SLUG_PATTERN.match(slug):
        if slug != stem:
            yield doc.problem(("slug",), f"slug '{slug}' past niet bij de bestandsnaam '{doc.path.name}'",
                              f"hernoem het bestand naar '{slug}.yaml' of zet slug op '{stem}'")
        if slug in RESERVED_SLUGS:
            yield doc.problem(("slug",), f"slug '{slug}' is voorbehouden voor overzichtspagina's",
                              "kies een slug met de gemeente en het onderwerp, bv. 'gent-woonbegeleiding'")


def _duplicate_slugs(documents: list[SourceDocument]) -> Iterator[Problem]:
    seen: dict[str, list[SourceDocument]] = {}
    for doc in documents:
        if isinstance(doc.data, dict) and isinstance(doc.data.get("slug"), str):
            seen.setdefault(doc.data["slug"], []).append(doc)
    for slug, docs in seen.items():
        if len(docs) > 1:
            for doc in docs:
                others = ", ".join(other.shown_path for other in docs if other is not doc)
                yield doc.problem(("slug",), f"slug '{slug}' wordt ook gebruikt in {others}",
                                  "elke praktijk heeft een eigen slug; pas er één aan (en hernoem het bestand mee)")


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
            hint = f"bedoel je {' of '.join(repr(c) for c in close)}?" if close else "gebruik de officiële naam volgens Statbel"
            yield doc.problem(("werkgebied", index, "gemeente"), f"onbekende gemeente '{name}'", hint)
        name = area.get("provincie")
        if isinstance(name, str) and not places.province(name):
            yield doc.problem(("werkgebied", index, "provincie"), f"onbekende provincie '{name}'",
                              "kies uit: " + ", ".join(term.label("nl") for term in places.provinces))
        name = area.get("regio")
        if isinstance(name, str) and not regions.find(name):
            labels = [term.label("nl") for term in regions]
            close = difflib.get_close_matches(name, labels, n=1, cutoff=0.6)
            yield doc.problem(("werkgebied", index, "regio"), f"onbekende regio '{name}'",
                              f"bedoel je '{close[0]}'?" if close else
                              f"kies uit {', '.join(labels)}, of voeg de regio toe aan data/vocabularies/regios.yaml")


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
                yield doc.problem(where, f"'{email}' is geen geldig e-mailadres",
                                  "vorm naam@domein.be, zonder 'mailto:', spaties of leestekens eromheen")
        phones = contact.get("telefoon")
        for index, phone in enumerate(as_list(phones)):
            where = path + ("telefoon",) + ((index,) if isinstance(phones, list) else ())
            if not isinstance(phone, str):
                if isinstance(phone, (int, float)):
                    yield doc.problem(where, "telefoonnummer staat als getal, zodat de voorloopnul verdwijnt",
                                      f"zet het tussen aanhalingstekens, bv. \"0{phone}\"")
                continue
            digits = sum(ch.isdigit() for ch in phone)
            if not PHONE_PATTERN.match(phone.strip()) or digits not in PHONE_DIGITS:
                yield doc.problem(where, f"'{phone}' is geen geldig telefoonnummer",
                                  "alleen cijfers, spaties, punten, schuine strepen en een + vooraan; 9 tot 15 cijfers, bv. 02 371 63 28")


def _url_problems(doc: SourceDocument) -> Iterator[Problem]:
    for path, value in walk_strings(doc.data):
        name = next((part for part in reversed(path) if isinstance(part, str)), "")
        urls: list[tuple[str, int | None]] = []
        if name in ("url", "website"):
            urls = [(value.strip(), None)]
        elif name in MARKDOWN_FIELDS or "beschrijving" in path:
            urls = [(match.group(1), match.start()) for match in MARKDOWN_LINK_TARGET.finditer(value)]
        for url, offset in urls:
            scheme = URL_SCHEME.match(url)
            if not scheme:
                yield doc.problem(path, f"adres '{url}' mist 'https://' vooraan", f"schrijf 'https://{url.lstrip('/')}'", offset=offset)
            elif scheme.group(1).lower() not in ALLOWED_URL_SCHEMES:
                yield doc.problem(path, f"adres '{url}' gebruikt '{scheme.group(1)}:', dat is niet toegestaan",
                                  "alleen http, https, mailto of tel", offset=offset)


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
            yield doc.problem(path + ("einde",), f"einde {end} ligt vóór start {start}", "wissel ze om of verbeter het jaartal")


def _html_problems(doc: SourceDocument) -> Iterator[Problem]:
    for path, value in walk_strings(doc.data):
        match = HTML_TAG.search(value)
        if match:
            snippet = value[match.start(): match.start() + 20].split("\n")[0]
            yield doc.problem(path, f"HTML is niet toegestaan in tekstvelden ('{snippet}…')",
                              "schrijf gewone tekst of Markdown (**vet**, [link](https://…)); HTML en scripts komen nooit op de site",
                              offset=match.start())


def walk_strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_strings(item, path + (index,))
