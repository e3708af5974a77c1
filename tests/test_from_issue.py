"""From an issue made with the form to a checked record: `python -m kennisbank van-issue`.

The bodies are rendered here the way GitHub renders an issue form (`### <label>`, the answer,
`_No response_`, `- [X] …`, chosen dropdown labels joined by ', '), from the form's own definition
(kennisbank/contrib/issue_form.py): the labels and the option labels come from there, so when a question
is reworded the tests follow it. Expected values come from the Lier fixture, the schema and the
vocabularies.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kennisbank.contrib import from_issue
from kennisbank.contrib.issue_form import NO_RESPONSE, declared_absent_fields, question, questions
from kennisbank.model import load_files
from kennisbank.paths import ROOT
from kennisbank.records import vocabulary
from kennisbank.records.places import gazetteer
from kennisbank.records.yamlsource import read_record

FIXTURE = Path(__file__).parent / "fixtures" / "lier-buddyproject-nieuwkomers.yaml"
ISSUE_DATE = dt.date(2026, 11, 23)


def label_of(qid: str, value) -> str:
    """The option label the contributor sees for a value (a vocabulary id, a unit…)."""
    return next(label for label, option in question(qid).options if option == value)


def render(answers: dict) -> str:
    """An issue body as GitHub writes it for these answers (question id → text, a list of chosen
    option labels, or True for a ticked checkbox); unanswered questions get _No response_."""
    parts = []
    for asked in questions():
        answer = answers.get(asked.id)
        if asked.kind == "checkboxes":
            text = "\n".join(f"- [{'X' if answer else ' '}] {label}" for label, _ in asked.options)
        elif answer is None or answer == "" or answer == []:
            text = NO_RESPONSE
        elif isinstance(answer, list):
            text = ", ".join(answer)
        else:
            text = answer
        parts.append(f"### {asked.label}\n\n{text}")
    return "\n\n".join(parts) + "\n"


def lier_answers() -> dict:
    """What the policy officer in Lier types into the form for the fixture's practice."""
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    amount = data["budget"]["bedragen"][0]
    contact = data["contact"][0]
    return {
        "titel": data["titel"],
        "samenvatting": data["samenvatting"],
        "beschrijving": data["beschrijving"].rstrip("\n"),
        "werkgebied": "\n".join(area["gemeente"] for area in data["werkgebied"]),
        "trekker": "\n".join(data["trekker"]),
        "partners": "\n".join(data["partners"]),
        "budget_tekst": data["budget"]["tekst"],
        "budget_bedrag": "25 000",  # as a person types it; the fixture has 25000
        "budget_eenheid": [label_of("budget_eenheid", amount["eenheid"])],
        "budget_per": [label_of("budget_per", amount["per"])],
        "periode_start": data["periode"]["start"],
        "periode_lopend": [label_of("periode_lopend", True)],
        "thema": [label_of("thema", value) for value in data["thema"]],
        "doelgroepen": [label_of("doelgroepen", value) for value in data["doelgroepen"]],
        "aangeleverd_door": data["bron"]["aangeleverd_door"],
        "contact_email": contact["email"],
        "contact_telefoon": contact["telefoon"],
        "toestemming": True,
    }


def convert(tmp_path: Path, answers: dict, **options) -> from_issue.Conversion:
    records = tmp_path / "data" / "praktijken"
    records.mkdir(parents=True, exist_ok=True)
    return from_issue.convert(render(answers), issue_number=12, date=ISSUE_DATE, records_dir=records, **options)


# --- A complete body -------------------------------------------------------------------------------

def test_the_lier_answers_become_the_lier_record_and_pass_the_check(tmp_path):
    conversion = convert(tmp_path, lier_answers())
    assert conversion.ok, conversion.summary()
    expected = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    expected["slug"] = "lier-buddyproject-voor-nieuwkomers"  # from municipality and title, as `make nieuw` names it
    assert conversion.path.name == f"{expected['slug']}.yaml"
    written = read_record(conversion.path, conversion.path.name)
    assert written.problems == [] and written.data == expected
    assert load_files([conversion.path], tmp_path)[0].source.supplied_by == expected["bron"]["aangeleverd_door"]
    summary = conversion.summary(tmp_path)
    assert "`data/praktijken/lier-buddyproject-voor-nieuwkomers.yaml`" in summary and "issue #12" in summary
    assert "in orde" in summary


def test_every_question_lands_in_its_field(tmp_path):
    """Every question answered, optional ones too, each with a value that differs from the Lier default."""
    themes = vocabulary.load("thema").ids()[-2:]
    groups = vocabulary.load("doelgroepen").ids()[:3]
    per = question("budget_per").options[-1][1]
    answers = {
        "titel": "Taalcafé",
        "samenvatting": "Twee zinnen.\nOp twee regels.",
        "beschrijving": "Eerste alinea.\n\n### Een kop in de beschrijving\n\n- een punt",
        "werkgebied": "Mechelen\nprovincie Antwerpen\nVlaamse Rand\nEindhoven (NL)\nBorsbeek",
        "trekker": "- Stad Mechelen\n- OCMW Mechelen",
        "partners": "Bib Mechelen\n\nCVO Mechelen",
        "budget_tekst": "1,5 VTE",
        "budget_bedrag": "1,5",
        "budget_eenheid": [label_of("budget_eenheid", "vte")],
        "budget_per": [label_of("budget_per", per)],
        "periode_start": "maart 2019",
        "periode_lopend": [label_of("periode_lopend", False)],
        "periode_einde": "06/2024",
        "thema": [label_of("thema", value) for value in themes],
        "doelgroepen": [label_of("doelgroepen", value) for value in groups],
        "aangeleverd_door": "dienst Samenleven, stad Mechelen",
        "contact_organisatie": "Taalpunt Mechelen",
        "contact_email": "taalpunt@mechelen.example",
        "contact_telefoon": "015 00 00 00",
        "links": "Taalcafé op de website https://www.mechelen.example/taalcafe\nhttps://www.mechelen.example/plan",
        "toestemming": True,
    }
    assert set(answers) == {asked.id for asked in questions()}, "a new question needs a line here"
    conversion = convert(tmp_path, answers)
    assert conversion.ok, conversion.summary()
    record = read_record(conversion.path, conversion.path.name).data
    assert record["slug"] == "mechelen-taalcafe"
    assert record["titel"] == "Taalcafé"
    assert record["samenvatting"] == "Twee zinnen.\nOp twee regels.\n"
    assert record["beschrijving"] == answers["beschrijving"] + "\n"  # its own ### heading stays in the text
    antwerp = gazetteer().province("Antwerpen").label("nl")
    assert record["werkgebied"] == [{"gemeente": "Mechelen"}, {"provincie": antwerp},
                                    {"regio": vocabulary.load("regios").find("Vlaamse Rand").label("nl")},
                                    {"buitenland": "Eindhoven", "land": "NL"}, {"gemeente": "Borsbeek"}]
    assert record["trekker"] == ["Stad Mechelen", "OCMW Mechelen"]
    assert record["partners"] == ["Bib Mechelen", "CVO Mechelen"]
    assert record["budget"] == {"tekst": "1,5 VTE", "bedragen": [{"waarde": 1.5, "eenheid": "vte", "per": per}]}
    assert record["periode"] == {"start": "2019-03", "einde": "2024-06"}
    assert record["thema"] == themes and record["doelgroepen"] == groups
    assert record["bron"] == {"aangeleverd_door": answers["aangeleverd_door"], "datum": ISSUE_DATE.isoformat()}
    assert record["laatst_gecontroleerd"] == ISSUE_DATE.isoformat()
    assert record["gecontroleerd_door"] == answers["aangeleverd_door"]
    assert record["contact"] == [{"soort": "functie", "organisatie": "Taalpunt Mechelen",
                                  "email": "taalpunt@mechelen.example", "telefoon": "015 00 00 00"}]
    assert record["links"] == [{"titel": "Taalcafé op de website", "url": "https://www.mechelen.example/taalcafe"},
                               {"titel": "https://www.mechelen.example/plan", "url": "https://www.mechelen.example/plan"}]


def test_labels_in_french_or_english_and_ids_are_understood_too(tmp_path):
    """A maintainer may correct the body by hand; any label of the vocabulary, or its id, is accepted."""
    answers = lier_answers()
    welzijn = vocabulary.load("thema")["welzijn"]
    answers["thema"] = [welzijn.label("fr"), "huisvesting"]
    conversion = convert(tmp_path, answers)
    assert conversion.record["thema"] == ["welzijn", "huisvesting"] and conversion.ok


def test_areas_on_one_line_separated_by_commas_are_read_too(tmp_path):
    conversion = convert(tmp_path, lier_answers() | {"werkgebied": "Lier, Nijlen"})
    assert conversion.record["werkgebied"] == [{"gemeente": "Lier"}, {"gemeente": "Nijlen"}] and conversion.ok


def test_github_line_endings_and_an_unlabelled_heading_do_not_matter(tmp_path):
    body = render(lier_answers()).replace("\n", "\r\n")
    answers = from_issue.parse_answers("Wat tekst vooraf.\n### Geen vraag van het formulier\n\n" + body)
    assert answers["titel"] == lier_answers()["titel"]
    assert answers["partners"] == lier_answers()["partners"]


# --- An incomplete body ----------------------------------------------------------------------------

def test_missing_required_answers_are_named_and_the_file_is_still_written(tmp_path):
    answers = {"titel": "Buddyproject", "werkgebied": "Lier"}
    conversion = convert(tmp_path, answers)
    assert not conversion.ok and conversion.path.exists()
    summary = conversion.summary(tmp_path)
    missing = [asked for asked in questions() if asked.required and asked.id not in answers]
    assert missing, "the form has required questions"
    for asked in missing:
        assert f"- **{asked.label}**:" in summary, asked.label
    noted = {note.question.id for note in conversion.notes}
    assert noted == {asked.id for asked in missing}
    # The check's own words for the same fields are not repeated, and nothing is left unexplained.
    assert "verplicht veld" not in summary and "mag niet leeg" not in summary
    assert not conversion.problems, [p.format() for p in conversion.problems]
    assert f"**Controle: {len(missing)} punten om aan te vullen" in summary
    # What the schema lets a source leave out, left empty, is declared absent and said so.
    absent = [name for name in declared_absent_fields()]
    assert absent and conversion.record["niet_in_bron"] == absent
    remark = next(line for line in summary.splitlines() if line.startswith("- Niet ingevuld:"))
    for asked in questions():
        if asked.may_stay_empty:
            assert asked.label in remark and asked.field.split(".")[0] in absent
    positions = [summary.index(f"- **{asked.label}**:") for asked in missing]
    assert positions == sorted(positions), "named in the order of the form"


def test_the_exit_status_says_problems_and_the_summary_goes_to_a_file(tmp_path):
    body = tmp_path / "body.md"
    body.write_text(render({"titel": "Buddyproject", "werkgebied": "Lier"}), encoding="utf-8")
    summary = tmp_path / "summary.md"
    records = tmp_path / "praktijken"
    result = run_cli("van-issue", "--body", body, "--issue-number", "7", "--date", "2026-11-23T08:00:00Z",
                     "--summary", summary, "--map", records)
    assert result.returncode == 1, result.stderr
    assert (records / "lier-buddyproject.yaml").exists()
    assert summary.read_text(encoding="utf-8") == result.stdout and "issue #7" in result.stdout


def test_a_complete_body_from_standard_input_exits_0(tmp_path):
    records = tmp_path / "praktijken"
    result = subprocess.run([sys.executable, "-m", "kennisbank", "van-issue", "--date", "2026-11-23", "--map",
                             str(records)], input=render(lier_answers()), capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    written = records / "lier-buddyproject-voor-nieuwkomers.yaml"
    check = run_cli("check", written)
    assert check.returncode == 0, check.stderr


# --- Wrong bodies ----------------------------------------------------------------------------------

def test_an_unknown_municipality_gets_a_suggestion(tmp_path):
    answers = lier_answers() | {"werkgebied": "Lierr"}
    conversion = convert(tmp_path, answers)
    assert not conversion.ok
    summary = conversion.summary(tmp_path)
    line = next(line for line in summary.splitlines() if "'Lierr'" in line)
    assert line.startswith(f"- **{question('werkgebied').label}**:") and "'Lier'" in line


def test_an_unknown_theme_label_is_named_with_the_closest_label(tmp_path):
    housing = label_of("thema", "huisvesting")
    answers = lier_answers() | {"thema": [label_of("thema", "welzijn"), housing + "x"]}
    conversion = convert(tmp_path, answers)
    assert conversion.record["thema"] == ["welzijn"] and not conversion.ok
    line = next(line for line in conversion.summary(tmp_path).splitlines() if f"'{housing}x'" in line)
    assert line.startswith(f"- **{question('thema').label}**:") and f"'{housing}'" in line


def test_an_amount_that_is_not_a_number_is_named_and_left_out(tmp_path):
    answers = lier_answers() | {"budget_bedrag": "ongeveer 25k"}
    conversion = convert(tmp_path, answers)
    assert "bedragen" not in conversion.record["budget"] and not conversion.ok
    assert f"- **{question('budget_bedrag').label}**: 'ongeveer 25k' is geen getal" in conversion.summary(tmp_path)


def test_an_amount_without_unit_is_named(tmp_path):
    answers = lier_answers() | {"budget_eenheid": []}
    conversion = convert(tmp_path, answers)
    assert [note.question.id for note in conversion.notes] == ["budget_eenheid"]


def test_consent_not_ticked_is_a_problem(tmp_path):
    conversion = convert(tmp_path, lier_answers() | {"toestemming": False})
    assert [note.question.id for note in conversion.notes] == ["toestemming"]


def test_a_body_that_is_not_a_form_exits_2_and_writes_nothing(tmp_path):
    body = tmp_path / "body.md"
    body.write_text("Hallo, wij hebben een mooi project in Lier. Kunnen jullie het opnemen?\n", encoding="utf-8")
    records = tmp_path / "praktijken"
    summary = tmp_path / "summary.md"
    result = run_cli("van-issue", "--body", body, "--map", records, "--summary", summary)
    assert result.returncode == 2
    assert not records.exists() or not list(records.iterdir())
    assert "formulier" in summary.read_text(encoding="utf-8")


def test_an_existing_record_is_not_overwritten(tmp_path):
    first = convert(tmp_path, lier_answers())
    second = convert(tmp_path, lier_answers())
    assert second.path != first.path and second.path.stem == f"{first.path.stem}-2"
    assert [note.question.id for note in second.notes] == ["titel"]


@pytest.mark.parametrize(("typed", "value"), [("25 000", 25000), ("25.000", 25000), ("25\u00a0000", 25000),
                                              ("€ 1.200,50", 1200.5), ("1,5", 1.5), ("2 VTE", 2), ("1.5", 1.5)])
def test_amounts_are_read_as_a_person_writes_them(typed, value):
    assert from_issue.parse_number(typed) == value


@pytest.mark.parametrize("typed", ["ongeveer 25k", "600 tot 1200", "", "1,2,3"])
def test_what_is_not_a_number_is_refused(typed):
    assert from_issue.parse_number(typed) is None


def test_a_mention_in_an_answer_does_not_notify_anyone(tmp_path):
    conversion = convert(tmp_path, lier_answers() | {"links": "zie @iemand"})
    summary = conversion.summary(tmp_path)
    assert "@iemand" not in summary and "iemand" in summary


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "kennisbank", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT)


def test_amounts_the_budget_text_states_are_structured_when_the_amount_question_stays_empty(tmp_path):
    answers = lier_answers() | {"budget_tekst": "12.500 euro per jaar en 0,5 VTE", "budget_bedrag": None,
                                "budget_eenheid": [], "budget_per": []}
    conversion = convert(tmp_path, answers)
    assert conversion.record["budget"]["bedragen"] == [{"waarde": 12500, "eenheid": "euro"}, {"waarde": 0.5, "eenheid": "vte"}]
    assert conversion.ok, conversion.summary(tmp_path)
