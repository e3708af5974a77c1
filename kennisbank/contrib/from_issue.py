"""`python -m kennisbank van-issue`: turn the answers of an issue made with the form into a record.

Why: a civil servant who proposes a practice through the form "Nieuwe praktijk voorstellen" should
not wait for someone to retype her answers as YAML, nor hear nothing back. When a maintainer gives
the issue the label `omzetten` (issue_form.CONVERT_LABEL), .github/workflows/van-issue.yml runs
this command on the issue body, opens a pull request with the record, and comments the summary
this module writes: the file it made and, in plain Dutch, what the check found.

The input is the issue body as GitHub renders a form: each question's label as a `### <label>`
heading with the answer below it, `_No response_` for an empty answer, checkboxes as `- [X] …`,
a multi-select dropdown as its labels joined by ', '. Only headings that are labels of the form
(issue_form.questions, the same definition the form is generated from) start a new answer, so a
description with its own `###` stays whole.

The record is written even when answers are missing or wrong, so a maintainer can finish it in the
pull request; the same check as `make check` then runs on the written file. Exit status: 0 the
record passes, 1 it has problems (named in the summary), 2 the body is not a form body (nothing
written).
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kennisbank.contrib import record_writer
from kennisbank.records import amounts, vocabulary
from kennisbank.contrib.issue_form import (NO_RESPONSE, Question, declared_absent_fields, question, question_for_field,
                                   questions)
from kennisbank.contrib.scaffold import record_slug
from kennisbank.model import load_files
from kennisbank.paths import RECORDS_DIR, ROOT
from kennisbank.records.places import gazetteer
from kennisbank.records.problems import Problem, ValidationFailed, display_path
from kennisbank.records.validation import schema

EXIT_OK, EXIT_PROBLEMS, EXIT_NOT_A_FORM = 0, 1, 2
HEADING = re.compile(r"^###\s+(.+?)\s*$")
CHECKBOX = re.compile(r"^\s*[-*]\s*\[([ xX])\]\s*(.*?)\s*$")
ABROAD = re.compile(r"^(?P<place>.+?)\s*\((?P<country>[A-Za-z]{2})\)$")
PROVINCE_WORD = re.compile(r"(?i)^provincie\s+")
URL = re.compile(r"(?:https?://|www\.)\S+")
BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s+")
# What people type around a number: units, and spaces (also non-breaking, from a word processor)
# or apostrophes between the thousands.
AMOUNT_NOISE = re.compile(r"(?i)€|\beur(?:o)?\b|\bvte\b|\bfte\b|[\s\u00a0\u202f\u2009']")
DUTCH_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 25.000 or 25.000,50
NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
# An '@' that GitHub would turn into a mention in the comment (not the one inside an e-mail address).
MENTION = re.compile(r"(?<![\w.+-])@")
# A dropdown left empty: GitHub writes _No response_; some clients write None.
EMPTY_CHOICE = {"none", NO_RESPONSE.casefold()}


class NotAFormBody(ValueError):
    """The text has none of the form's questions: a blank issue, or one made with an older form."""


@dataclass(frozen=True)
class Note:
    """What the answer to one question needs before the record can be published."""

    question: Question
    text: str


@dataclass
class Conversion:
    path: Path
    record: dict
    issue_number: int | None
    notes: list[Note] = field(default_factory=list)  # from reading the answers
    problems: list[Problem] = field(default_factory=list)  # from the check, those no note explains already
    remarks: list[str] = field(default_factory=list)  # good to know; nothing to fix

    @property
    def ok(self) -> bool:
        return not self.notes and not self.problems

    def summary(self, root: Path = ROOT) -> str:
        """The comment for the issue (Markdown, Dutch)."""
        made = f"`{display_path(self.path, root)}`"
        if self.issue_number is not None:
            made += f", gemaakt uit de antwoorden van issue #{self.issue_number}"
        lines = [f"**Gegevensbestand:** {made}.", ""]
        order = {asked.id: index for index, asked in enumerate(questions())}
        ranked = [(order[note.question.id], f"- **{note.question.label}**: {note.text}") for note in self.notes]
        for problem in self.problems:
            asked = question_for_field(problem.field)
            ranked.append((order[asked.id] if asked else len(order), _problem_item(problem)))
        items = [text for _, text in sorted(ranked, key=lambda item: item[0])]
        if not items:
            lines.append("**Controle: in orde.** De controle van `make check` vond geen problemen.")
        else:
            count = f"{len(items)} {'punt' if len(items) == 1 else 'punten'}"
            lines += [f"**Controle: {count} om aan te vullen of te verbeteren.** Het bestand is toch gemaakt: een "
                      "beheerder werkt het af in de pull request, of vraagt het je hier.", "", *items]
        if self.remarks:
            lines += ["", "**Goed om te weten**", "", *(f"- {remark}" for remark in self.remarks)]
        return MENTION.sub("@\u2060", "\n".join(lines)) + "\n"


NOT_A_FORM = ("Dit issue is niet gemaakt met het formulier \"Nieuwe praktijk voorstellen\" (of met een oudere "
              "versie ervan): geen van de vragen van het formulier staat erin. Er is geen gegevensbestand gemaakt. "
              "Open een nieuw issue met het formulier, of vraag een beheerder het bestand met de hand te maken.")


def _problem_item(problem: Problem) -> str:
    asked = question_for_field(problem.field)
    where = asked.label if asked else problem.field or "het hele bestand"
    text = f"{problem.message} ({problem.hint})" if problem.hint else str(problem.message)
    return f"- **{where}**: {text} _(veld `{problem.field or '-'}`, regel {problem.line})_"


# --- Reading the body -------------------------------------------------------------------------------

def parse_answers(body: str) -> dict[str, str | None]:
    """Each answered question's id with its text (None when left empty), from a rendered form body."""
    by_label = {q.label.casefold(): q.id for q in questions()}
    collected: dict[str, list[str]] = {}
    current = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = HEADING.match(line)
        if heading and heading.group(1).casefold() in by_label:
            current = by_label[heading.group(1).casefold()]
            collected[current] = []
        elif current is not None:
            collected[current].append(line)
    if not collected:
        raise NotAFormBody(NOT_A_FORM)
    answers = {}
    for qid, lines in collected.items():
        text = "\n".join(line.rstrip() for line in lines).strip()
        answers[qid] = None if text in ("", NO_RESPONSE) else text
    return answers


class _Answers:
    """The answers, read question by question; what cannot be used becomes a Note."""

    def __init__(self, answers: dict[str, str | None]):
        self.answers = answers
        self.notes: list[Note] = []
        self.remarks: list[str] = []

    def note(self, qid: str, text: str) -> None:
        self.notes.append(Note(question(qid), text))

    def text(self, qid: str) -> str:
        """The answer as written; text of several lines ends with a newline, as a literal block does."""
        value = self.answers.get(qid) or ""
        return value + "\n" if "\n" in value else value

    def lines(self, qid: str) -> list[str]:
        """One item per line, without list bullets or empty lines."""
        items = (BULLET.sub("", line.strip()).strip() for line in self.text(qid).split("\n"))
        return [item for item in items if item]

    def choice(self, qid: str):
        """The value of the one option chosen in a dropdown, or None."""
        asked, answer = question(qid), self.answers.get(qid)
        if answer is None or answer.strip().casefold() in EMPTY_CHOICE:
            return None
        value = asked.value_of(answer)
        if value is None:
            self.note(qid, f"'{answer}' is geen keuze bij deze vraag; kies uit: {_options(asked)}.")
        return value

    def choices(self, qid: str) -> list[str]:
        """The vocabulary ids of the labels chosen in a multi-select dropdown (an id, or a French or
        English label, is understood too, for a body a maintainer edited)."""
        asked, answer = question(qid), self.answers.get(qid)
        if answer is None:
            return []
        terms = vocabulary.load(asked.field)
        ids: list[str] = []
        for item in _split_choices(answer, asked):
            value = asked.value_of(item)
            if value is None and terms.find(item):
                value = terms.find(item).id
            if value is None:
                close = difflib.get_close_matches(item, [label for label, _ in asked.options], n=1, cutoff=0.6)
                hint = f"bedoel je '{close[0]}'?" if close else f"kies uit: {_options(asked)}."
                self.note(qid, f"'{item}' staat niet in de lijst; {hint}")
            elif value not in ids:
                ids.append(value)
        return ids

    def checked(self, qid: str) -> list:
        """The values of the ticked options of a checkboxes question ('- [X] <option label>')."""
        asked = question(qid)
        boxes = (CHECKBOX.match(line) for line in (self.answers.get(qid) or "").split("\n"))
        values = (asked.value_of(box.group(2)) for box in boxes if box and box.group(1) in "xX")
        return [value for value in values if value is not None]


def _options(asked: Question) -> str:
    return ", ".join(label for label, _ in asked.options)


def _split_choices(answer: str, asked: Question) -> list[str]:
    """'Welzijn, Huisvesting' → the labels; a label that itself holds a comma stays whole."""
    pieces = [piece.strip() for piece in re.split(r"[,\n]", answer) if piece.strip()]
    chosen, start = [], 0
    while start < len(pieces):
        end = next(end for end in range(len(pieces), start, -1)
                   if end == start + 1 or asked.value_of(", ".join(pieces[start:end])) is not None)
        chosen.append(", ".join(pieces[start:end]))
        start = end
    return chosen


def parse_number(text: str) -> int | float | None:
    """'25 000' → 25000, '25.000' → 25000, '1,5' → 1.5, '€ 1.200,50' → 1200.5; None when it is no number."""
    cleaned = AMOUNT_NOISE.sub("", text)
    if DUTCH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    if not NUMBER.match(cleaned):
        return None
    value = float(cleaned)
    return int(value) if value.is_integer() else value


def parse_month(text: str) -> str:
    """'2023-03' as it is; '03/2023' and 'maart 2023' → '2023-03'. Anything else as written (the check names it)."""
    text = text.strip()
    numeric = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{4})", text)
    if numeric and 1 <= int(numeric.group(1)) <= 12:
        return f"{numeric.group(2)}-{int(numeric.group(1)):02d}"
    named = re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", text)
    if named and named.group(1).lower() in MONTHS:
        return f"{named.group(2)}-{MONTHS.index(named.group(1).lower()) + 1:02d}"
    return text


# --- Building the record ---------------------------------------------------------------------------

def _area(name: str, answers: _Answers) -> dict:
    """A werkgebied entry: a municipality (Statbel), a province, a region, or a place abroad 'Eindhoven (NL)'."""
    places = gazetteer()
    municipality = places.municipality(name)
    if municipality:
        written = municipality.names.get("nl") or municipality.names["fr"]
        province = places.province(name)
        if province:
            answers.remarks.append(
                f"'{name}' is een gemeente en een provincie; het bestand noemt de gemeente {written}. Bedoel je "
                f"de provincie, schrijf dan 'provincie {province.label('nl')}'.")
        return {"gemeente": written}
    former = places.former_name(name)
    if former:
        return {"gemeente": former.name}
    province = places.province(PROVINCE_WORD.sub("", name))
    if province:
        return {"provincie": province.label("nl")}
    region = vocabulary.load("regios").find(name)
    if region:
        return {"regio": region.label("nl")}
    abroad = ABROAD.match(name)
    if abroad:
        return {"buitenland": abroad.group("place"), "land": abroad.group("country").upper()}
    return {"gemeente": name}  # unknown: the check names it and suggests the closest municipality


def _budget(answers: _Answers) -> dict:
    budget = {"tekst": answers.text("budget_tekst")}
    written = answers.answers.get("budget_bedrag")
    unit, per = answers.choice("budget_eenheid"), answers.choice("budget_per")
    if written is None:
        derived = _amounts_from_text(budget["tekst"])
        if derived:
            budget["bedragen"] = derived
        return budget
    value = parse_number(written)
    if value is None:
        answers.note("budget_bedrag", f"'{written}' is geen getal. Schrijf alleen het getal, zonder punt of spatie "
                                      "tussen de duizendtallen: 25000, of 1,5. Een vork (600 tot 1200) hoort in "
                                      "het budget in woorden.")
    elif unit is None:
        answers.note("budget_eenheid", f"bij het bedrag {written} ontbreekt de eenheid ({_options(question('budget_eenheid'))}).")
    else:
        budget["bedragen"] = [{"waarde": value, "eenheid": unit, **({"per": per} if per else {})}]
    return budget


def _amounts_from_text(text: str) -> list[dict]:
    """The amounts a budget text states plainly (in euro or VTE), as structured amounts, for a form
    whose amount question stayed empty; the check holds them against the text like any other.
    A half-time equivalent, a share of someone's time or a number without unit is left for a
    maintainer: the check then names it in the pull request."""
    derived = []
    for stated in amounts.stated_amounts(text):
        if stated.unit in ("euro", "vte"):
            derived.append({"waarde": stated.value, "eenheid": stated.unit, **({"tot": stated.upper} if stated.upper else {})})
    return [{k: (int(v) if isinstance(v, float) and v.is_integer() else v) for k, v in amount.items()} for amount in derived]


def _period(answers: _Answers) -> dict:
    period: dict = {}
    if answers.text("periode_start"):
        period["start"] = parse_month(answers.text("periode_start"))
    if answers.text("periode_einde"):
        period["einde"] = parse_month(answers.text("periode_einde"))
    if answers.choice("periode_lopend") is True:
        period["lopend"] = True
    return period


def _contacts(answers: _Answers, supplier: str) -> list[dict]:
    email = answers.text("contact_email").removeprefix("mailto:").strip()
    phone = answers.text("contact_telefoon")
    if not (email or phone):
        return []
    contact = {"soort": "functie", "organisatie": answers.text("contact_organisatie") or supplier}
    if not contact["organisatie"]:
        del contact["organisatie"]
    if email:
        contact["email"] = email
    if phone:
        contact["telefoon"] = phone
    return [contact]


def _links(answers: _Answers) -> list[dict]:
    links = []
    for line in answers.lines("links"):
        found = URL.search(line)
        if not found:
            answers.note("links", f"in '{line}' staat geen webadres (https://…).")
            continue
        url = found.group(0).rstrip(".,;)]")
        title = (line[:found.start()] + line[found.end():]).strip(" -–—:|()[]")
        links.append({"titel": title or url, "url": url})
    return links


def _empty(value) -> bool:
    if isinstance(value, dict):
        return all(_empty(item) for item in value.values())
    return value in ("", None) or value == []


def build_record(answers: _Answers, date: dt.date) -> dict:
    """The record from the answers; missing answers stay empty, so the file shows what to fill in."""
    for asked in questions():
        if not asked.required:
            continue
        if asked.kind == "checkboxes":
            if not answers.checked(asked.id):
                answers.note(asked.id, "niet aangevinkt: zonder die toestemming kan de praktijk niet op de site.")
        elif answers.answers.get(asked.id) is None:
            answers.note(asked.id, "dit verplichte antwoord ontbreekt.")
    supplier = answers.text("aangeleverd_door")
    record = {
        "titel": answers.text("titel"),
        "samenvatting": answers.text("samenvatting"),
        "beschrijving": answers.text("beschrijving"),
        # One per line, as asked; a comma also separates (no municipality, province or region has one).
        "werkgebied": [_area(name.strip(), answers) for line in answers.lines("werkgebied")
                       for name in line.split(",") if name.strip()],
        "thema": answers.choices("thema"),
        "doelgroepen": answers.choices("doelgroepen"),
        "trekker": answers.lines("trekker"),
        "partners": answers.lines("partners"),
        "budget": _budget(answers),
        "periode": _period(answers),
        "contact": _contacts(answers, supplier),
        "bron": {"aangeleverd_door": supplier, "datum": date.isoformat()},
        "laatst_gecontroleerd": date.isoformat(),
        "gecontroleerd_door": supplier,
        "links": _links(answers),
    }
    # An optional field left empty is left out (the schema wants it filled or absent); a required one
    # stays, empty, so the file shows what is still to fill in.
    required = set(schema()["required"])
    for name in [name for name, value in record.items() if name not in required and _empty(value)]:
        del record[name]
    # What the schema wants unless the source does not give it: left empty, it is declared absent.
    absent = [name for name in declared_absent_fields() if name not in record]
    if absent:
        record["niet_in_bron"] = absent
        asked = [q.label for name in absent for q in questions() if q.may_stay_empty and q.field.split(".")[0] == name]
        answers.remarks.append(f"Niet ingevuld: {', '.join(asked)}. Het bestand zegt dat die gegevens niet "
                               "aangeleverd zijn (niet_in_bron); de pagina toont 'niet vermeld in de bron'. Weet je "
                               "ze toch, antwoord dan onder dit issue.")
    answers.remarks.append("De Franse en Engelse vertaling volgen later; tot dan tonen de Franse en Engelse "
                           "pagina de Nederlandse tekst, met een melding.")
    return record


def convert(body: str, issue_number: int | None, date: dt.date, records_dir: Path = RECORDS_DIR,
            force: bool = False, root: Path = ROOT) -> Conversion:
    """Write the record for an issue body into `records_dir` and check it. Raises NotAFormBody.
    `date` is the issue's date: the record's bron.datum and laatst_gecontroleerd."""
    answers = _Answers(parse_answers(body))
    record = build_record(answers, date)
    first_area = next(iter(record["werkgebied"][0].values())) if record["werkgebied"] else ""
    fallback = f"voorstel uit issue {issue_number}" if issue_number is not None else "voorstel"
    slug = record_slug(record["titel"] or fallback, first_area)
    if (records_dir / f"{slug}.yaml").exists() and not force:
        taken = records_dir / f"{slug}.yaml"
        number = 2
        while (records_dir / f"{slug}-{number}.yaml").exists():
            number += 1
        answers.note("titel", f"er bestaat al een praktijk met deze naam (`{display_path(taken, root)}`). Is het "
                              f"dezelfde praktijk, vul dan dat bestand aan; zo niet, dan heet het nieuwe bestand "
                              f"{slug}-{number}.yaml.")
        slug = f"{slug}-{number}"
    record = {"slug": slug, **record}
    path = record_writer.write(record, records_dir / f"{slug}.yaml")
    conversion = Conversion(path, record, issue_number, answers.notes, remarks=answers.remarks)
    try:
        load_files([path], root)
    except ValidationFailed as failure:
        noted = {note.question.id for note in answers.notes}
        conversion.problems = [p for p in failure.problems
                               if (asked := question_for_field(p.field)) is None or asked.id not in noted]
    return conversion


def issue_date(text: str) -> dt.date:
    """--date: YYYY-MM-DD, or a GitHub timestamp (2026-11-23T09:12:00Z), whose day is taken."""
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise ValueError(f"'{text}' is geen datum; schrijf JJJJ-MM-DD, bv. 2026-11-23") from None


def run(body_file: Path | None, issue_number: int | None, date: dt.date, summary_file: Path | None,
        records_dir: Path = RECORDS_DIR, force: bool = False) -> int:
    """The command: read the body (a file, or standard input), convert, print and write the summary."""
    body = body_file.read_text(encoding="utf-8") if body_file and str(body_file) != "-" else sys.stdin.read()
    try:
        conversion = convert(body, issue_number, date, records_dir, force)
        text, status = conversion.summary(), EXIT_OK if conversion.ok else EXIT_PROBLEMS
    except NotAFormBody as error:
        text, status = f"{error}\n", EXIT_NOT_A_FORM
    if summary_file:
        summary_file.write_text(text, encoding="utf-8")
    print(text, end="", file=sys.stdout if status != EXIT_NOT_A_FORM else sys.stderr)
    return status
