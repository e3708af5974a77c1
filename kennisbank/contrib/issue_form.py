"""The issue form "Nieuwe praktijk voorstellen": real questions, and where each answer goes in a record.

Why one definition: GitHub shows the form from .github/ISSUE_TEMPLATE/nieuwe-praktijk.yml and
renders the answers as Markdown, each under its question's label. The form file (`issue_form()`,
written by `make template`, compared by a test) and the converter that reads the answers back
(kennisbank/contrib/from_issue.py) both take the questions from `questions()`, so rewording a question
cannot break the conversion.

Generated from the schema and the vocabularies, not typed twice: which answers are required (the
field and the blocks above it are required, and an empty answer would not do), the placeholders
(the schema's examples), the length limits, and the choices: themes and target groups by their
Dutch label (data/vocabularies/), budget units and periods by the words the pages print
(kennisbank/records/ui_strings.yaml). A new theme appears in the form on `make template`.

The questions are written for a civil servant who has never seen YAML: no field names, no list
syntax, one item per line where there may be several.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kennisbank.paths import ROOT
from kennisbank.records import vocabulary
from kennisbank.records.ui import format_date, t
from kennisbank.records.validation import resolve
from kennisbank.records.validation import schema

ISSUE_FORM_PATH = ROOT / ".github" / "ISSUE_TEMPLATE" / "nieuwe-praktijk.yml"
# The label a maintainer gives a complete proposal: it starts .github/workflows/van-issue.yml,
# which turns the answers into a record and opens a pull request (a test checks the workflow).
CONVERT_LABEL = "omzetten"
# The label every issue made with the form gets, so maintainers find new proposals.
FORM_LABEL = "nieuwe praktijk"
# How soon the maintainers promise a first answer: the form's intro says it to every contributor.
RESPONSE_WORKING_DAYS = 10
# What GitHub writes under a question that was left empty.
NO_RESPONSE = "_No response_"
# Where a question's answer goes: the record field, dotted, without list positions. Answers that do
# not go into the record (the consent) have none.
NOT_IN_RECORD = ""

INTRO = """\
Met dit formulier stel je een goede praktijk van lokaal integratiebeleid voor, zonder zelf een \
gegevensbestand te schrijven. Beantwoord de vragen in gewone woorden; vragen met een rood sterretje \
zijn verplicht.

**Wat gebeurt er daarna?**

1. De beheerders van de kennisbank lezen je voorstel binnen {days} werkdagen.
2. Is het volledig, dan geven ze het issue het label `{label}`. Een automatische stap maakt dan van \
je antwoorden een gegevensbestand en opent een pull request: een voorstel om het aan de kennisbank \
toe te voegen.
3. Je krijgt een reactie onder dit issue, met een link naar die pull request en het resultaat van \
de controle: in orde, of wat er nog ontbreekt. Ontbreekt er iets, antwoord dan gewoon onder dit issue.
4. Zodra de beheerders de pull request goedkeuren, staat de praktijk op de site en wordt dit issue \
vanzelf gesloten.

**Persoonsgegevens.** Geef een functiemailbox en het algemene nummer van een dienst. Zet geen naam, \
persoonlijk e-mailadres of gsm-nummer van iemand in het formulier zonder diens toestemming.

*Français :* vous pouvez répondre en français ; les responsables répondent dans les {days} jours \
ouvrables. *English:* you may answer in English; the maintainers reply within {days} working days.
"""


@dataclass(frozen=True)
class Question:
    """One question of the form. `id` is the form field's id (stable); `label` is what GitHub shows
    and writes above the answer; `field` is where the answer goes in the record."""

    id: str
    kind: str  # input | textarea | dropdown | checkboxes
    label: str
    help: str
    field: str
    required: bool
    options: tuple[tuple[str, object], ...] = ()  # (label shown, value written), for dropdowns and checkboxes
    multiple: bool = False
    placeholder: str = ""
    also: tuple[str, ...] = ()  # record fields the converter also fills from this answer
    may_stay_empty: bool = False  # left empty, the field is declared absent (niet_in_bron)

    def value_of(self, label: str):
        """The value an option label stands for (case and surrounding spaces ignored), or None."""
        wanted = label.strip().casefold()
        return next((value for shown, value in self.options if shown.casefold() == wanted), None)


def _steps(field: str):
    """For each part of a dotted record field ('budget.bedragen.waarde'): the object schema that
    holds it (through lists and oneOf branches), the part, and the part's own schema."""
    node = schema()
    for part in field.split("."):
        node = resolve(node)
        while "items" in node and "properties" not in node:
            node = resolve(node["items"])
        candidates = [node] + [resolve(branch) for branch in node.get("oneOf", [])]
        owner = next((c for c in candidates if part in c.get("properties", {})), None)
        if owner is None:
            raise KeyError(f"{field}: the schema has no field '{part}' here (data/schema/praktijk.schema.json)")
        node = resolve(owner["properties"][part])
        yield owner, part, node


def schema_node(field: str) -> dict:
    """The schema of a dotted record field."""
    return list(_steps(field))[-1][2]


def schema_requires(field: str) -> bool:
    """True when a record must have a non-empty value here: the field and every block above it are
    required, and an empty value would not pass (a list without minItems may stay empty)."""
    steps = list(_steps(field))
    for index, (owner, part, node) in enumerate(steps):
        if part not in owner.get("required", []):
            return False
        if node.get("type") == "array" and index < len(steps) - 1 and not node.get("minItems"):
            return False  # a block inside a list that may be empty
    last = steps[-1][2]
    return last.get("type") != "array" or bool(last.get("minItems"))


def declared_absent_fields() -> tuple[str, ...]:
    """Fields a record must have unless it names them in `niet_in_bron` (the source does not give
    them): the schema's `if not niet_in_bron contains X then required X` rules. In the form they
    may stay empty; the converter then names them in niet_in_bron, and the page says 'niet vermeld'."""
    fields = []
    for rule in schema().get("allOf", []):
        condition = rule.get("if", {}).get("not", {}).get("properties", {}).get("niet_in_bron", {})
        if "contains" in condition:
            fields += rule.get("then", {}).get("required", [])
    return tuple(fields)


def _example(field: str, index: int = 0) -> str:
    examples = schema_node(field).get("examples", [])
    return str(examples[index]) if len(examples) > index else ""


def _vocabulary_options(field: str) -> tuple[tuple[str, str], ...]:
    """A vocabulary's Dutch labels, in the schema's order, each standing for its id."""
    terms = vocabulary.load(field)
    return tuple((terms[term_id].label("nl"), term_id) for term_id in schema_node(field)["items"]["enum"])


def _ui_options(field: str, prefix: str) -> tuple[tuple[str, str], ...]:
    """An enum's values by the words the pages print for them (ui_strings.yaml: unit_euro, per_jaar…)."""
    return tuple((t(f"{prefix}{value}", "nl"), value) for value in schema_node(field)["enum"])


# Said under a question whose field may be declared absent (declared_absent_fields).
MAY_STAY_EMPTY = "Weet je het niet, laat dan leeg: bij de praktijk staat dan 'niet vermeld'."


def _question(qid: str, kind: str, label: str, help_text: str, field: str = NOT_IN_RECORD, **extra) -> Question:
    required = extra.pop("required", None)
    if required is None:
        required = bool(field) and schema_requires(field)
    if extra.get("may_stay_empty"):
        if field.split(".")[0] not in declared_absent_fields():
            raise ValueError(f"{qid}: the schema does not let {field} be declared absent (niet_in_bron)")
        help_text = f"{help_text} {MAY_STAY_EMPTY}".strip()
    return Question(qid, kind, label, help_text, field, required, **extra)


@cache
def questions() -> tuple[Question, ...]:
    """Every question of the form, in the order of the form."""
    area = "werkgebied"
    supplier, date = _example("bron.aangeleverd_door"), _example("bron.datum")
    summary_limit = schema_node("samenvatting").get("maxLength")
    return (
        _question("titel", "input", "Titel van de praktijk",
                  "Kort en in het Nederlands, zoals je de praktijk zelf noemt.", "titel",
                  placeholder="Buddyproject voor nieuwkomers"),
        _question("samenvatting", "textarea", "Samenvatting",
                  "Twee à drie zinnen in eigen woorden: wat doet de praktijk, voor wie en waarom?"
                  + (f" Hoogstens {summary_limit} tekens." if summary_limit else ""), "samenvatting"),
        _question("beschrijving", "textarea", "Beschrijving",
                  "Hoe werkt de praktijk, wie doet wat, wat levert ze op? Schrijf in eigen woorden en kopieer "
                  "geen zinnen uit een brochure. Een opsomming mag: begin de regel dan met '- '.", "beschrijving"),
        _question("werkgebied", "textarea", "Gemeente of gemeenten",
                  "Waar loopt de praktijk? Eén per regel, met de officiële naam: "
                  f"bv. {_example(area + '.gemeente')} of {_example(area + '.gemeente', 1)}. "
                  f"Een provincie (bv. {_example(area + '.provincie')}; schrijf 'provincie Antwerpen' voor de "
                  f"provincie) of een regio (bv. {_example(area + '.regio')}) mag ook, en een plaats in het "
                  f"buitenland met de landcode: {_example(area + '.buitenland')} ({_example(area + '.land')}).",
                  area, placeholder=_example(area + ".gemeente")),
        _question("trekker", "textarea", "Trekker",
                  f"Welke organisatie of dienst leidt de praktijk? Eén per regel, bv. {supplier}.", "trekker",
                  may_stay_empty=True),
        _question("partners", "textarea", "Partners",
                  "Met welke organisaties werkt de trekker samen? Eén per regel. Laat leeg als er geen zijn.",
                  "partners"),
        _question("budget_tekst", "input", "Budget in woorden",
                  "Het budget en de personeelsinzet zoals je ze zelf zou schrijven, bv. 25 000 euro per jaar.",
                  "budget.tekst", placeholder=_example("budget.tekst"), may_stay_empty=True),
        _question("budget_bedrag", "input", "Bedrag (alleen het getal)",
                  "Het belangrijkste bedrag uit je antwoord hierboven, als getal: 25000, of 1,5 voor anderhalve "
                  "VTE (voltijdse equivalenten). Laat leeg als er geen bedrag is.", "budget.bedragen.waarde"),
        _question("budget_eenheid", "dropdown", "Eenheid van het bedrag",
                  "Euro, of VTE (voltijdse equivalenten: 1 VTE is één voltijdse medewerker).",
                  "budget.bedragen.eenheid", options=_ui_options("budget.bedragen.eenheid", "unit_")),
        _question("budget_per", "dropdown", "Waarop slaat het bedrag?", "", "budget.bedragen.per",
                  options=_ui_options("budget.bedragen.per", "per_")),
        _question("periode_start", "input", "Startmaand",
                  "Wanneer begon de praktijk? Als JJJJ-MM, bv. 2023-03; alleen het jaar mag ook.", "periode.start",
                  placeholder="2023-03"),
        _question("periode_lopend", "dropdown", "Loopt de praktijk nog?", "", "periode.lopend",
                  options=(("Ja, ze loopt nog", True), ("Nee, ze is afgelopen", False))),
        _question("periode_einde", "input", "Eindmaand",
                  "Alleen als de praktijk afgelopen is: als JJJJ-MM, bv. 2025-06.", "periode.einde"),
        _question("thema", "dropdown", "Thema's", "Tot welke beleidsdomeinen hoort de praktijk? Kies er een of meer.",
                  "thema", options=_vocabulary_options("thema"), multiple=True),
        _question("doelgroepen", "dropdown", "Doelgroepen", "Voor wie is de praktijk? Kies er een of meer.",
                  "doelgroepen", options=_vocabulary_options("doelgroepen"), multiple=True),
        _question("aangeleverd_door", "input", "Welke organisatie levert deze gegevens aan?",
                  f"Organisatie en dienst, geen persoonsnaam. Voorbeeld: {supplier}. Bij de praktijk staat dan "
                  f"\"{t('source_supplied', 'nl', date=format_date(date, 'nl'))} {supplier}\" (met de datum van "
                  "dit issue), en die dienst staat vermeld als wie de feiten het laatst controleerde.",
                  "bron.aangeleverd_door", placeholder=supplier, also=("gecontroleerd_door",)),
        _question("contact_organisatie", "input", "Dienst voor vragen",
                  "Welke dienst beantwoordt vragen van collega's over de praktijk? Laat leeg als het de "
                  "organisatie hierboven is.", "contact.organisatie"),
        _question("contact_email", "input", "Functiemailbox",
                  "Het e-mailadres van die dienst, geen persoonlijk adres. Een adres van een persoon alleen "
                  "met diens toestemming.", "contact.email", placeholder="samenleving@gemeente.be",
                  may_stay_empty=True),
        _question("contact_telefoon", "input", "Telefoonnummer",
                  "Het algemene nummer van die dienst. Een gsm-nummer van een persoon alleen met diens toestemming.",
                  "contact.telefoon", placeholder=_example("contact.telefoon")),
        _question("links", "textarea", "Links",
                  "Webpagina's of documenten over de praktijk, één per regel: eerst de naam, dan het adres, bv. "
                  "Buddyproject op de website van de stad https://www.gemeente.be/buddy", "links"),
        _question("toestemming", "checkboxes", "Toestemming", "",
                  options=(("Ik geef toestemming om de teksten van dit voorstel te publiceren onder de licentie "
                            "CC BY 4.0, en de contactgegevens zoals ik ze hierboven gaf.", True),),
                  required=True),
    )


def question(qid: str) -> Question:
    return next(q for q in questions() if q.id == qid)


def question_for_field(field: str) -> Question | None:
    """The question whose answer fills a record field ('werkgebied[0].gemeente' → the areas question)."""
    bare = re.sub(r"\[\d+\]", "", field)
    matches = [(len(field), q) for q in questions() for field in (q.field, *q.also)
               if field and (bare == field or bare.startswith(field + "."))]
    return max(matches, key=lambda match: match[0], default=(0, None))[1]


def intro() -> str:
    return INTRO.format(days=RESPONSE_WORKING_DAYS, label=CONVERT_LABEL)


def _form_field(q: Question) -> dict:
    attributes: dict = {"label": q.label}
    if q.help:
        attributes["description"] = q.help
    if q.kind == "checkboxes":
        attributes["options"] = [{"label": label, "required": q.required} for label, _ in q.options]
        return {"type": q.kind, "id": q.id, "attributes": attributes}
    if q.kind == "dropdown":
        attributes["multiple"] = q.multiple
        attributes["options"] = [label for label, _ in q.options]
    elif q.placeholder:
        attributes["placeholder"] = q.placeholder
    return {"type": q.kind, "id": q.id, "attributes": attributes, "validations": {"required": q.required}}


def issue_form() -> str:
    """The text of .github/ISSUE_TEMPLATE/nieuwe-praktijk.yml."""
    import yaml

    class FormDumper(yaml.SafeDumper):
        pass

    def text(dumper, value: str):  # the intro as a readable block, not one quoted line
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    FormDumper.add_representer(str, text)
    form = {"name": "Nieuwe praktijk voorstellen",
            "description": "Stel een goede praktijk voor in gewone woorden, zonder YAML. "
                           "Proposer une pratique. Propose a practice.",
            "title": "Nieuwe praktijk: ", "labels": [FORM_LABEL],
            "body": [{"type": "markdown", "attributes": {"value": intro()}}, *map(_form_field, questions())]}
    header = ("# Generated by `make template` from kennisbank/contrib/issue_form.py, the schema and the vocabularies;\n"
              "# do not edit by hand. The answers are read back by `python -m kennisbank van-issue`.\n")
    return header + yaml.dump(form, Dumper=FormDumper, allow_unicode=True, sort_keys=False, width=100)
