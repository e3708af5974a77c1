"""Budget as data: every amount a budget text states has a structured twin (or a recorded reason),
the twins agree with the text and its translations, and the open data carries them as numbers.

The rule is checked on whatever records data/ holds (a contributor's new record included), and each
way of breaking it is shown to fail on a copy, with the error a contributor would read.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from kennisbank.model import load_practices
from kennisbank.opendata import exports
from kennisbank.paths import RECORDS_DIR
from kennisbank.records import amounts, vocabulary
from kennisbank.records.validation import record_paths, schema, resolve
from kennisbank.records.yamlsource import read_record

from test_validation import line_of, problems_for, records_dir, write_variant


def budgets(data: dict):
    yield "budget", data.get("budget")
    for index, sub in enumerate(data.get("deelprojecten") or []):
        yield f"deelprojecten[{index}].budget", sub.get("budget")


def test_every_amount_in_a_budget_text_has_a_structured_twin_or_a_recorded_reason():
    checked = 0
    for path in record_paths(RECORDS_DIR):
        data = read_record(path, path.name).data
        inferred = {item["veld"] for item in data.get("afgeleid", [])}
        for where, budget in budgets(data):
            if not budget:
                continue
            structured = budget.get("bedragen") or []
            stated = amounts.stated_amounts(budget["tekst"])
            if not structured:
                # A budget without amounts says why, when its text states one.
                assert not stated or budget.get("zonder_bedragen"), (path.name, where, [s.written for s in stated])
                continue
            checked += 1
            assert "zonder_bedragen" not in budget, (path.name, where)
            assert amounts.untwinned(budget["tekst"], structured) == [], (path.name, where)
            for index, field, value in amounts.unstated(budget["tekst"], structured):
                assert f"{where}.bedragen[{index}].{field}" in inferred, (path.name, where, value)
            for lang in vocabulary.TRANSLATION_LANGUAGES:
                if f"tekst_{lang}" in budget:
                    assert amounts.translation_differences(budget["tekst"], budget[f"tekst_{lang}"], lang) == (set(), set()), \
                        (path.name, where, lang)
    assert checked, "no record has structured amounts: the rule was not exercised"


@pytest.mark.parametrize("text, expected", [
    # As the sources write amounts: a space or a dot between thousands, a decimal comma, ranges, € before.
    ("500 000 EUR voor 18 maanden", [(500000, None, "euro")]),
    ("70 trajecten per jaar, 6.600 euro per traject", [(6600, None, "euro")]),
    ("600 tot 1200 euro per reeks van 6 sessies", [(600, 1200, "euro")]),
    ("€ 25.000 per jaar", [(25000, None, "euro")]),
    ("De OCMW's dragen 0,5 euro per inwoner bij, het CAW brengt 2 VTE in.", [(0.5, None, "euro"), (2, None, "vte")]),
    ("1 tot 1,5 VTE", [(1, 1.5, "vte")]),
    ("0.5 VTE coaching en 0,5 VTE ondersteuning", [(0.5, None, "vte"), (0.5, None, "vte")]),
    ("1 voltijdse projectmedewerker", [(1, None, "vte")]),
    ("250.000, voor 20 VTE", [(250000, None, "euro?"), (20, None, "vte")]),
    ("1 HTE onderhoudsmedewerker", [(1, None, "hte")]),
    ("een coördinator die 10% van haar tijd besteedt", [(10, None, "tijd")]),
    # Years, durations, hours and head counts are not amounts.
    ("100.000 EUR in 2016", [(100000, None, "euro")]),
    ("Partners voorzien 7 u week/groep; 4 maatschappelijk werkers; sinds 2007", []),
])
def test_the_amounts_a_text_states(text, expected):
    assert [(s.value, s.upper, s.unit) for s in amounts.stated_amounts(text)] == expected


def test_half_time_and_a_share_of_time_have_their_full_time_twins():
    half, = amounts.stated_amounts("1 HTE projectbegeleiding")
    assert (0.5, None, "vte") in half.twins() and (1, None, "vte") in half.twins()
    share, = amounts.stated_amounts("10% van haar tijd")
    assert share.twins() == [(0.1, None, "vte")]


@pytest.mark.parametrize("lang, text, numbers", [
    ("fr", "600 à 1 200 euros par série, 0,5 ETP", {600, 1200, 0.5}),
    ("fr", "500\u202f000 EUR pour 18 mois", {500000, 18}),
    ("en", "EUR 51,750 and 1.5 FTE; 600 to 1,200 euros", {51750, 1.5, 600, 1200}),
])
def test_numbers_are_read_in_each_language_s_own_notation(lang, text, numbers):
    assert amounts.numbers_in(text, lang) == numbers


def _messages(problems):
    return [f"{p.line}: {p.field}: {p.message} ({p.hint})" for p in problems]


def test_an_amount_in_the_text_without_a_twin_fails_with_the_line_to_add(project_copy):
    # The base record states "2 VTE … 0.5 VTE coaching en 0,5 VTE …"; a contributor adds an amount to the
    # text and forgets the structured twin.
    path = write_variant(project_copy, "2 VTE voor de toeleiders zelf", "2 VTE en 12.500 euro voor de toeleiders zelf",
                         name="vergeten")
    problems = [p for p in problems_for(project_copy, path) if p.field == "budget.tekst"]
    assert len(problems) == 1, _messages(problems)
    problem, = problems
    assert problem.line == line_of(path, "12.500 euro")
    assert "12.500 euro" in problem.message and "12500" in problem.message
    assert "waarde: 12500, eenheid: euro" in problem.hint and "zonder_bedragen" in problem.hint


def test_a_structured_amount_the_text_does_not_state_fails_and_names_afgeleid(project_copy):
    text = (records_dir(project_copy) / "kortrijk-toeleiders-in-diversiteit.yaml").read_text(encoding="utf-8")
    first = re.search(r"(?m)^  bedragen:\n    - (\{ ?)?waarde: 2\b", text)
    assert first, "test setup: the base record's first amount is 2 (VTE)"
    path = write_variant(project_copy, first.group(0), first.group(0)[:-1] + "3", name="getypt")
    messages = _messages(problems_for(project_copy, path))
    # Both directions report, at once: 3 is not in the text, and the text's 2 VTE has lost its twin.
    assert any("budget.bedragen[0].waarde: het bedrag 3 staat niet in de tekst" in m and "afgeleid" in m for m in messages), messages
    assert any(m.startswith(f"{line_of(path, '2 VTE voor')}: budget.tekst: de tekst noemt 2 VTE") for m in messages), messages


def test_a_translation_with_another_number_fails(project_copy):
    # Gent's "500 000 EUR voor 18 maanden. 5 VTE …": the translator types 6 for 5.
    path = write_variant(project_copy, "5 ETP de collaborateurs", "6 ETP de collaborateurs", name="vertaald",
                         source=records_dir(project_copy) / "gent-ankerkracht.yaml")
    messages = [m for m in _messages(problems_for(project_copy, path)) if "budget.tekst_fr" in m]
    assert len(messages) == 2, messages  # 5 is missing and 6 is new
    assert any("noemt het getal 5 niet" in m for m in messages) and any("noemt het getal 6," in m for m in messages)


def test_a_budget_without_amounts_must_say_why_when_its_text_states_one(project_copy):
    source = records_dir(project_copy) / "mechelen-cultuurparticipatie-talentontwikkeling.yaml"
    text = source.read_text(encoding="utf-8")
    reason = re.search(r"(?ms)^  zonder_bedragen: >-\n(?:    .*\n)+", text)
    assert reason, "test setup: the record's reason"
    broken = text.replace("  tekst: reguliere werking\n", "  tekst: reguliere werking, 8.000 euro per jaar\n")
    with_reason = records_dir(project_copy) / "met-reden.yaml"
    with_reason.write_text(broken, encoding="utf-8")
    without = records_dir(project_copy) / "zonder-reden.yaml"
    without.write_text(broken.replace(reason.group(0), ""), encoding="utf-8")
    assert not [p for p in problems_for(project_copy, with_reason) if p.field.startswith("budget")]
    messages = [m for m in _messages(problems_for(project_copy, without)) if "budget.tekst:" in m]
    assert len(messages) == 1 and "8.000 euro" in messages[0], messages


def test_amounts_and_a_reason_for_none_contradict(project_copy):
    path = write_variant(project_copy, "  bedragen:\n", "  zonder_bedragen: geen\n  bedragen:\n", name="beide")
    assert any(p.field == "budget.zonder_bedragen" for p in problems_for(project_copy, path))


def test_the_schema_knows_the_units_the_pages_and_the_form_name():
    from kennisbank.records.ui import t

    amount = resolve(schema()["properties"]["budget"])["properties"]["bedragen"]["items"]["properties"]
    for unit in amount["eenheid"]["enum"]:
        for lang in vocabulary.LANGUAGES:
            assert t(f"unit_{unit}", lang) and t(f"unit_{unit}_one", lang)
    assert schema()["properties"]["deelprojecten"]["items"]["properties"]["budget"]["$ref"] == schema()["properties"]["budget"]["$ref"]


# --- The open data --------------------------------------------------------------------------------

TODAY = dt.date(2026, 12, 1)


def _rows(lang: str) -> dict[str, dict]:
    text = exports.csv_text(load_practices(), lang, TODAY, "https://example.org/")
    return {row["slug"]: row for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_the_csv_carries_the_budget_as_numbers_with_its_unit_in_the_column(lang):
    bands = vocabulary.load("budgetklasse")
    rows = _rows(lang)
    for practice in load_practices():
        row, budget = rows[practice.slug], practice.overall_budget()
        for column in ("budget_euro", "budget_euro_per_eenheid", "budget_vte"):
            assert re.fullmatch(r"(\d+(\.\d+)?)?", row[column]), (practice.slug, column, row[column])
        euro_values = [a.upper or a.value for a in budget.amounts if a.unit == "euro" and not a.is_unit_cost()]
        assert (float(row["budget_euro"]) if row["budget_euro"] else None) == (max(euro_values) if euro_values else None)
        fte = [a.upper or a.value for a in budget.amounts if a.unit == "vte"]
        assert (float(row["budget_vte"]) if row["budget_vte"] else None) == (pytest.approx(sum(fte)) if fte else None)
        assert bool(row["budget_euro_per_eenheid"]) == bool(row["budget_per_eenheid"]) == any(a.is_unit_cost() for a in budget.amounts if a.unit == "euro")
        assert row["budgetklasse"] == bands[budget.band()].label(lang)


def test_the_json_carries_every_amount_as_a_number_with_its_unit_and_the_band():
    document = exports.json_document(load_practices(), TODAY, "https://example.org/")
    units = set(resolve(schema()["properties"]["budget"])["properties"]["bedragen"]["items"]["properties"]["eenheid"]["enum"])
    bands = set(vocabulary.load("budgetklasse").ids())
    seen = 0
    for record in json.loads(json.dumps(document))["praktijken"]:
        assert record["budgetklasse"] in bands
        for block in [record["budget"]] + [sub["budget"] for sub in record["deelprojecten"] if "budget" in sub]:
            for amount in block["bedragen"]:
                seen += 1
                assert isinstance(amount["waarde"], (int, float)) and amount["eenheid"] in units
                assert isinstance(amount.get("tot", 0), (int, float))
    assert seen


def test_a_budget_without_amounts_shows_its_reason_on_the_page_in_each_language(built_site):
    for practice in load_practices():
        reason = practice.budget.why_no_amounts
        if reason is None:
            continue
        for lang in vocabulary.LANGUAGES:
            html = (built_site / vocabulary.url_prefix(lang) / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
            block = re.search(r'<p class="kb-muted kb-no-amounts">(.*?)</p>', html, re.S)
            assert block, (practice.slug, lang)
            shown = re.sub(r"<[^>]+>", "", block.group(1))
            assert shown.replace("\u202f", " ").replace("\u00a0", " ").split()[:3] == reason.in_lang(lang)[0].split()[:3]
