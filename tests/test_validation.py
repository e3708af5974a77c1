"""Every class of contributor mistake gets a clear error with file, line, field and a hint.

Each test starts from a real, valid record, breaks it the way a contributor might, and checks
the report a contributor would read. Nothing is built from a broken record.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from kennisbank import build
from kennisbank.model import load_practices
from kennisbank.paths import ROOT
from kennisbank.records import vocabulary
from kennisbank.records.problems import Problem
from kennisbank.records.validation import Validation, record_paths, schema, validate, validate_directory
from kennisbank.records.yamlsource import MAX_RECORD_BYTES

BASE = "kortrijk-toeleiders-in-diversiteit"
# The new contributor's record (issue 12): a policy officer in Lier, facts supplied by her department.
LIER_RECORD = Path(__file__).parent / "fixtures" / "lier-buddyproject-nieuwkomers.yaml"
LIER = LIER_RECORD.stem


def records_dir(project: Path) -> Path:
    return project / "data" / "praktijken"


def write_variant(project: Path, old: str, new: str, name: str = BASE, source: Path | None = None) -> Path:
    """Copy the base record (or `source`) under `name`, replacing `old` by `new` (which must occur)."""
    text = (source or records_dir(project) / f"{BASE}.yaml").read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in the base record"
    target = records_dir(project) / f"{name}.yaml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def write_lier(project: Path, old: str, new: str) -> Path:
    """The Lier contribution with one mistake in it, as she would have made it."""
    return write_variant(project, old, new, name=LIER, source=LIER_RECORD)


def validation_of(project: Path, path: Path) -> Validation:
    result = validate(record_paths(records_dir(project)), project)
    mine = [doc for doc in result.documents if doc.path == path]
    return Validation(mine, [p for p in result.problems if p.path.endswith(path.name)],
                      [p for p in result.warnings if p.path.endswith(path.name)])


def problems_for(project: Path, path: Path) -> list[Problem]:
    _, problems = validate_directory(records_dir(project), project)
    return [p for p in problems if p.path.endswith(path.name)]


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def only(problems: list[Problem], field: str) -> Problem:
    matching = [p for p in problems if p.field == field]
    assert len(matching) == 1, f"expected one problem on {field}, got {problems}"
    return matching[0]


def test_real_data_is_valid():
    _, problems = validate_directory(ROOT / "data" / "praktijken")
    assert problems == []


def test_yaml_syntax_error_names_the_line(project_copy):
    path = write_variant(project_copy, "thema: [lokaal-horizontaal-integratiebeleid, lokaal-onthaalbeleid]",
                         "thema: [lokaal-horizontaal-integratiebeleid, lokaal-onthaalbeleid")
    [problem] = problems_for(project_copy, path)
    assert (problem.line, problem.column, problem.field) == (line_of(path, "thema: [lokaal"), 8, "thema")
    assert problem.message == "de lijst die met [ begint, wordt op deze regel niet gesloten met ]"
    assert problem.hint == "zet ] aan het einde van de lijst, of schrijf elk item op een eigen regel met '- '"


def test_missing_required_field(project_copy):
    path = write_variant(project_copy, "trekker:\n  - Effect vzw\n", "")
    problem = only(problems_for(project_copy, path), "trekker")
    assert problem.message == "verplicht veld 'trekker' ontbreekt"
    assert "voeg 'trekker:' toe" in problem.hint


def test_wrong_type(project_copy):
    path = write_variant(project_copy, "partners:\n  - Stad Kortrijk\n  - Agentschap Integratie en Inburgering\n",
                         "partners: Stad Kortrijk\n")
    problem = only(problems_for(project_copy, path), "partners")
    assert "verwacht een lijst" in problem.message and "tekst" in problem.message
    assert problem.line == line_of(path, "partners: Stad Kortrijk")
    assert "- Stad Kortrijk" in problem.hint


def test_unknown_field_suggests_the_closest_name(project_copy):
    path = write_variant(project_copy, "partners:\n", "partner:\n")
    problems = problems_for(project_copy, path)
    unknown = only(problems, "partner")
    assert unknown.message == "onbekend veld 'partner'"
    assert unknown.hint == "bedoel je 'partners'?"
    assert unknown.line == line_of(path, "partner:")
    assert only(problems, "partners").message == "verplicht veld 'partners' ontbreekt"


def test_unknown_vocabulary_value(project_copy):
    path = write_variant(project_copy, "lokaal-onthaalbeleid]", "lokaal-onthaalbelied]")
    problem = only(problems_for(project_copy, path), "thema[1]")
    assert problem.message == "onbekende waarde 'lokaal-onthaalbelied'"
    assert "bedoel je 'lokaal-onthaalbeleid'?" in problem.hint
    assert "data/vocabularies/thema.yaml" in problem.hint


@pytest.mark.parametrize("field", ["thema", "doelgroepen"])
def test_a_vocabulary_value_written_as_a_label_in_any_language_suggests_its_id(project_copy, field):
    """A contributor writes what the site shows ('Huisvesting', 'logement', 'Housing'), not the id."""
    terms = list(vocabulary.load(field))
    written = [(term.id, label) for term in terms for label in term.labels.values() if label != term.id]
    listing = "".join(f"\n  - {json.dumps(label, ensure_ascii=False)}" for _, label in written)
    line = next(line for line in (records_dir(project_copy) / f"{BASE}.yaml").read_text(encoding="utf-8").splitlines()
                if line.startswith(f"{field}: "))
    path = write_variant(project_copy, line, f"{field}:{listing}")
    problems = problems_for(project_copy, path)
    for index, (term_id, label) in enumerate(written):
        problem = only(problems, f"{field}[{index}]")
        assert problem.hint.render("en").startswith(f"did you mean '{term_id}'?"), (label, problem.hint.render("en"))


def test_a_word_of_one_vocabulary_id_suggests_that_id(project_copy):
    path = write_variant(project_copy, "lokaal-onthaalbeleid]", "onthaalbeleid]")
    problem = only(problems_for(project_copy, path), "thema[1]")
    assert problem.hint.render("fr").startswith("vouliez-vous dire « lokaal-onthaalbeleid » ?")


def test_unknown_municipality_suggests_the_real_one(project_copy):
    path = write_variant(project_copy, "gemeente: Kortrijk", "gemeente: Kortrijkk")
    problem = only(problems_for(project_copy, path), "werkgebied[0].gemeente")
    assert problem.message == "onbekende gemeente 'Kortrijkk'"
    assert "'Kortrijk'" in problem.hint
    assert problem.line == line_of(path, "gemeente: Kortrijkk")


def test_former_municipality_is_accepted_and_mapped(project_copy):
    write_variant(project_copy, "gemeente: Kortrijk", "gemeente: Meeuwen-Gruitrode")
    [practice] = [p for p in load_practices(records_dir(project_copy), project_copy) if p.slug == BASE]
    area = practice.areas[0]
    assert area.written == "Meeuwen-Gruitrode" and area.former_year == 2019
    assert area.label("nl") == "Oudsbergen"


def test_malformed_email(project_copy):
    path = write_variant(project_copy, "email: Fie.Velghe@integratie-inburgering.be", "email: Fie.Velghe(at)integratie-inburgering.be")
    problem = only(problems_for(project_copy, path), "contact[0].email")
    assert "geen geldig e-mailadres" in problem.message
    assert problem.line == line_of(path, "Fie.Velghe(at)")


def test_malformed_phone_numbers(project_copy):
    path = write_variant(project_copy, 'telefoon: ["056 74 21 50", "0491 52 97 34"]', 'telefoon: ["056 74 21 5O", 491529734]')
    problems = problems_for(project_copy, path)
    assert "geen geldig telefoonnummer" in only(problems, "contact[0].telefoon[0]").message
    as_number = only(problems, "contact[0].telefoon[1]")
    assert "voorloopnul" in as_number.message and "aanhalingstekens" in as_number.hint


@pytest.mark.parametrize("field_text, field", [
    ('links:\n  - titel: klik\n    url: "javascript:alert(1)"\n', "links[0].url"),
    ('links:\n  - titel: klik\n    url: "data:text/html,hallo"\n', "links[0].url"),
])
def test_url_scheme_must_be_http_https_mailto_or_tel(project_copy, field_text, field):
    path = write_variant(project_copy, "trefwoorden:", field_text + "trefwoorden:")
    problem = only(problems_for(project_copy, path), field)
    assert "is niet toegestaan" in problem.message
    assert problem.hint == "alleen http, https, mailto of tel"


def test_markdown_link_with_javascript_is_refused(project_copy):
    path = write_lier(project_copy, "  - De dienst zorgt", "  - De [dienst](javascript:alert(1)) zorgt")
    problem = only(problems_for(project_copy, path), "beschrijving")
    assert "javascript:" in problem.message
    assert problem.line == line_of(path, "[dienst](javascript:"), "the line inside the description"


def test_end_before_start(project_copy):
    path = write_lier(project_copy, '  start: "2023-03"\n  lopend: true\n', '  start: "2023-03"\n  einde: "2022"\n')
    problem = only(problems_for(project_copy, path), "periode.einde")
    assert problem.message == "einde 2022 ligt vóór start 2023-03"
    assert problem.line == line_of(path, 'einde: "2022"')


def test_duplicate_slug_is_reported_in_both_files(project_copy):
    copy = write_variant(project_copy, "Effect vzw", "Effect vzw", name="kortrijk-kopie")
    _, problems = validate_directory(records_dir(project_copy), project_copy)
    duplicates = [p for p in problems if "wordt ook gebruikt in" in p.message]
    assert {Path(p.path).name for p in duplicates} == {"kortrijk-kopie.yaml", f"{BASE}.yaml"}
    mismatch = [p for p in problems if p.path.endswith(copy.name) and "past niet bij de bestandsnaam" in p.message]
    assert mismatch and "kortrijk-toeleiders-in-diversiteit.yaml" in mismatch[0].hint


def test_slug_that_is_not_url_safe(project_copy):
    path = write_variant(project_copy, f"slug: {BASE}", "slug: Kortrijk Toeleiders!")
    problem = only(problems_for(project_copy, path), "slug")
    assert "niet URL-veilig" in problem.message and "'kortrijk-toeleiders'" in problem.hint


def test_file_name_that_is_not_url_safe(project_copy):
    path = write_variant(project_copy, "Effect vzw", "Effect vzw", name="Kortrijk Toeleiders")
    (records_dir(project_copy) / f"{BASE}.yaml").unlink()
    problems = problems_for(project_copy, path)
    assert any("bestandsnaam 'Kortrijk Toeleiders.yaml' is niet URL-veilig" in p.message for p in problems)


def test_file_that_is_not_utf8(project_copy):
    path = records_dir(project_copy) / "latin1.yaml"
    text = (records_dir(project_copy) / f"{BASE}.yaml").read_text(encoding="utf-8").replace(f"slug: {BASE}", "slug: latin1")
    text = text.replace("Effect vzw", "Effect vzw – café")
    path.write_bytes(text.encode("cp1252", errors="replace"))
    [problem] = problems_for(project_copy, path)
    assert problem.message == "bestand is geen geldige UTF-8-tekst"
    bad_line = next(n for n, line in enumerate(text.splitlines(), start=1) if not line.isascii())  # the first byte UTF-8 refuses
    assert problem.line == bad_line
    assert "UTF-8" in problem.hint


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- verborgen -->"])
def test_raw_html_in_text_is_refused(project_copy, payload):
    path = write_variant(project_copy, "  Twee toeleiders in diversiteit helpen", f"  {payload} Twee toeleiders in diversiteit helpen")
    problem = only(problems_for(project_copy, path), "samenvatting")
    assert "HTML is niet toegestaan" in problem.message
    assert "Markdown" in problem.hint


def test_plain_less_than_sign_is_fine(project_copy):
    path = write_variant(project_copy, "  Twee toeleiders in diversiteit helpen", "  Jongeren < 18 jaar en twee toeleiders helpen")
    assert problems_for(project_copy, path) == []


def test_yaml_alias_bomb_is_refused_before_expansion(project_copy):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    path = records_dir(project_copy) / "bom.yaml"
    path.write_text(bomb, encoding="utf-8")
    [problem] = problems_for(project_copy, path)
    assert "anker of -alias" in problem.message and problem.line == 1


def test_file_over_the_size_limit(project_copy):
    path = write_variant(project_copy, "trefwoorden:", "trefwoorden:", name="groot")
    path.write_text(path.read_text(encoding="utf-8") + "#" + "x" * MAX_RECORD_BYTES + "\n", encoding="utf-8")
    [problem] = problems_for(project_copy, path)
    assert "meer dan de grens van 256 KB" in problem.message


def test_duplicate_key_in_one_block(project_copy):
    path = write_variant(project_copy, "thema: [lokaal-horizontaal-integratiebeleid, lokaal-onthaalbeleid]\n",
                         "thema: [lokaal-horizontaal-integratiebeleid, lokaal-onthaalbeleid]\nthema: [welzijn]\n")
    problem = only(problems_for(project_copy, path), "thema")
    assert "twee keer" in problem.message
    assert problem.line == line_of(path, "thema: [welzijn]")


def test_every_error_is_reported_at_once(project_copy):
    first = write_variant(project_copy, "partners:\n", "partner:\n")
    text = first.read_text(encoding="utf-8").replace("gemeente: Kortrijk", "gemeente: Kortrijkk").replace(
        'start: "2015-12-01"', 'start: "1 december 2015"')
    first.write_text(text, encoding="utf-8")
    second = records_dir(project_copy) / "gent-ankerkracht.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace("thema: [welzijn]", "thema: [wellbeing]"), encoding="utf-8")
    with pytest.raises(build.DataError) as failure:
        build.load(records_dir(project_copy))
    report = str(failure.value)
    assert report.startswith("5 problemen in 2 bestanden; niets is gebouwd:")
    for expected in ["partner: onbekend veld 'partner' (bedoel je 'partners'?)", "werkgebied[0].gemeente: onbekende gemeente",
                     "periode.start: datum '1 december 2015'", "thema[0]: onbekende waarde 'wellbeing'"]:
        assert expected in report
    # Every line has the form file:line:column: field: message.
    for line in report.splitlines()[1:]:
        location, _, rest = line.partition(": ")
        file_name, line_number, column = location.rsplit(":", 2)
        assert file_name.startswith("data/praktijken/") and file_name.endswith(".yaml") and int(line_number) > 0 and int(column) > 0 and rest


def test_check_command_prints_file_line_column_field_message_hint(project_copy, tmp_path):
    path = write_variant(project_copy, "partners:\n", "partner:\n", name="kapot")
    result = subprocess.run([sys.executable, "-m", "kennisbank", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    expected_line = line_of(path, "partner:")
    assert f"kapot.yaml:{expected_line}:1: partner: onbekend veld 'partner' (bedoel je 'partners'?)" in result.stderr


def test_check_command_passes_real_data():
    result = subprocess.run([sys.executable, "-m", "kennisbank", "check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    records = [path for path in (ROOT / "data" / "praktijken").glob("*.yaml") if not path.name.startswith("_")]
    assert result.stdout.startswith(f"{len(records)} praktijken in orde")


def test_mkdocs_hook_refuses_invalid_data(project_copy):
    write_variant(project_copy, "gemeente: Kortrijk", "gemeente: Kortrijkk")
    spec = importlib.util.spec_from_file_location("kennisbank_hooks", ROOT / "hooks" / "kennisbank_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    from mkdocs.config import load_config

    (project_copy / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project_copy / "mkdocs.yml")
    for folder in ("overrides", "hooks"):
        (project_copy / folder).symlink_to(ROOT / folder)
    config = load_config(str(project_copy / "mkdocs.yml"))  # MkDocs' own config, as a plain `mkdocs build` has it
    config = config.plugins.on_config(config)  # static-i18n and our hook, as `mkdocs build` runs them
    with pytest.raises(PluginError) as failure:
        hooks.on_pre_build(config)
    assert "onbekende gemeente 'Kortrijkk'" in str(failure.value)
    assert not (Path(config["docs_dir"]) / "praktijken").exists(), "nothing may be half-rendered"


# --- werkgebied: the shorthand, and every form named with an example (issue 12) ---------------------

AREA_FORMS = ("schrijf '- gemeente: Lier' voor een Belgische gemeente, '- provincie: Antwerpen' voor een provincie, "
              "'- regio: Vlaamse Rand' voor een regio uit data/vocabularies/regios.yaml of '- buitenland: Eindhoven' met "
              "op de regel eronder 'land: NL', recht onder 'buitenland', voor een plaats in het buitenland")
LIER_AREA = "werkgebied:\n  - gemeente: Lier\n"


@pytest.mark.parametrize("written", ["werkgebied: Lier\n", "werkgebied:\n  - Lier\n", "werkgebied: [Lier, Meeuwen-Gruitrode]\n"])
def test_a_plain_municipality_name_is_a_gemeente_everywhere(project_copy, written):
    path = write_lier(project_copy, LIER_AREA, written)
    result = validation_of(project_copy, path)
    assert result.problems == []
    assert result.documents[0].data["werkgebied"][0] == {"gemeente": "Lier"}
    [practice] = [p for p in load_practices(records_dir(project_copy), project_copy) if p.slug == LIER]
    assert (practice.areas[0].kind, practice.areas[0].key) == ("gemeente", "12021")  # what pages, exports and PDFs read


def test_a_name_that_is_no_municipality_lists_the_four_forms_and_the_closest_municipality(project_copy):
    path = write_lier(project_copy, LIER_AREA, "werkgebied: Stad Lierr\n")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.field) == (line_of(path, "werkgebied: Stad Lierr"), "werkgebied")
    assert problem.message == "'Stad Lierr' is geen Belgische gemeente, dus het is niet duidelijk welk gebied bedoeld is"
    assert problem.hint == f"bedoel je '- gemeente: Lier'? Een gebied kan ook anders: {AREA_FORMS}"
    assert problem.hint.render("fr").startswith("vouliez-vous dire « - gemeente: Lier » ? Un territoire peut aussi s'écrire "
                                                "autrement : écrivez « - gemeente: Lier » pour une commune belge, « - provincie: Antwerpen »")
    assert problem.message.render("en") == "'Stad Lierr' is not a Belgian municipality, so it is not clear which area is meant"


def test_a_list_entry_that_is_no_municipality_points_at_its_line(project_copy):
    path = write_lier(project_copy, LIER_AREA, "werkgebied:\n  - Lier\n  - Vlaamse Rnd\n")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.column, problem.field) == (line_of(path, "- Vlaamse Rnd"), 5, "werkgebied[1]")
    assert problem.message == "'Vlaamse Rnd' is geen Belgische gemeente, dus het is niet duidelijk welk gebied bedoeld is"
    assert problem.hint == AREA_FORMS


@pytest.mark.parametrize("name, message, hint", [
    ("Antwerpen", "'Antwerpen' is zowel een gemeente als een provincie", "schrijf '- gemeente: Antwerpen' of '- provincie: Antwerpen'"),
    ("Oost-Vlaanderen", "'Oost-Vlaanderen' is een provincie, geen gemeente", "schrijf '- provincie: Oost-Vlaanderen'"),
    ("Westkust", "'Westkust' is een regio, geen gemeente", "schrijf '- regio: Westkust'"),
    ("Lier, Mechelen", "'Lier, Mechelen' zijn meerdere gemeenten op één regel",
     "zet elke gemeente op een eigen regel: '- gemeente: Lier', '- gemeente: Mechelen'"),
])
def test_a_plain_name_that_could_be_misread_is_refused_with_the_form_to_write(project_copy, name, message, hint):
    path = write_lier(project_copy, LIER_AREA, f"werkgebied:\n  - {name}\n")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.field, problem.message, problem.hint) == (line_of(path, f"- {name}"), "werkgebied[0]", message, hint)


def test_an_unknown_kind_of_area_names_the_form(project_copy):
    path = write_lier(project_copy, LIER_AREA, "werkgebied:\n  - stad: Lier\n")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.message, problem.hint) == (line_of(path, "- stad: Lier"), "onbekend soort gebied: stad",
                                                             "schrijf '- gemeente: Lier'")
    path = write_lier(project_copy, LIER_AREA, "werkgebied:\n  - plaats: Eindhoven\n")
    [problem] = validation_of(project_copy, path).problems
    assert problem.hint == AREA_FORMS
    assert problem.hint.render("en").startswith("write '- gemeente: Lier' for a Belgian municipality, '- provincie: Antwerpen' for")


def test_a_bron_in_neither_form_names_both_with_examples(project_copy):
    path = write_lier(project_copy, 'bron:\n  aangeleverd_door: dienst Samenleving, stad Lier\n  datum: "2026-11-23"\n',
                      "bron: dienst Samenleving, stad Lier\n")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.field) == (line_of(path, "bron: dienst"), "bron")
    assert problem.message == "verwacht een blok met velden, maar hier staat tekst"
    assert problem.hint == ("schrijf 'aangeleverd_door: dienst Samenleving, stad Lier' met eronder 'datum: \"2026-11-23\"' als jullie "
                            "de feiten zelf aanleveren of 'publicatie: Van opvang naar samenleven' met eronder 'jaar: 2016' en "
                            "'sectie: Welzijn' voor een publicatie")
    mixed = write_lier(project_copy, '  datum: "2026-11-23"\n', '  datum: "2026-11-23"\n  publicatie: Eigen nota\n')
    [problem] = validation_of(project_copy, mixed).problems
    assert problem.message == "de velden aangeleverd_door, publicatie horen bij verschillende vormen en kunnen niet samen in één blok"
    assert problem.hint.startswith("schrijf 'aangeleverd_door: dienst Samenleving, stad Lier' met eronder")


def test_a_bron_form_that_is_incomplete_names_the_missing_field(project_copy):
    path = write_lier(project_copy, '  datum: "2026-11-23"\n', "")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.field, problem.message) == ("bron.datum", "verplicht veld 'datum' ontbreekt")
    assert problem.hint.startswith("voeg 'datum:' toe; Wanneer de feiten aangeleverd zijn: JJJJ-MM-DD of JJJJ-MM.")


def test_an_email_that_is_neither_text_nor_list_says_both_with_an_example(project_copy):
    path = write_lier(project_copy, "    email: samenleving@lier.example\n", "    email:\n      adres: samenleving@lier.example\n")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.field) == (line_of(path, "    email:"), "contact[0].email")
    assert problem.message == "verwacht tekst of een lijst (regels die met '- ' beginnen), maar hier staat een blok met velden"
    assert problem.hint == ("schrijf één waarde op dezelfde regel, bv. 'email: naam@gemeente.be' of meerdere als lijst: 'email:' "
                            "met eronder een regel '- naam@gemeente.be' per waarde")
    assert problem.hint.render("fr") == ("écrivez une seule valeur sur la même ligne, p. ex. « email: naam@gemeente.be » ou "
                                         "plusieurs sous forme de liste : « email: » avec en dessous une ligne « - naam@gemeente.be » par valeur")


def _schema_nodes(node, path=()):
    """Every block of the schema with its path, depth first."""
    if isinstance(node, dict):
        yield path, node
        for key, child in node.items():
            yield from _schema_nodes(child, path + (key,))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _schema_nodes(child, path + (index,))


def test_every_alternative_in_the_schema_is_named_with_what_to_write_and_an_example():
    from kennisbank.records.validation import alternative_forms

    found = [(path, node) for path, node in _schema_nodes(schema()) if "oneOf" in node or "anyOf" in node]
    assert found, "the schema has alternatives (werkgebied, bron, email, telefoon)"
    for path, node in found:
        field = next((part for part in reversed(path) if isinstance(part, str) and part not in ("properties", "items")), "")
        branches = node.get("oneOf") or node.get("anyOf")
        forms = alternative_forms(node, field)
        assert len(forms.items) == len(branches), path
        for branch, form in zip(branches, forms.items):
            for lang in ("nl", "fr", "en"):
                text = form.render(lang)
                # What to write: every required field of the block, each with a value after its colon.
                for key in branch.get("required", []):
                    assert re.search(rf"{key}: [^ '»]", text), (path, key, lang, text)
                if not branch.get("required"):
                    assert str(node["examples"][0]) in text, (path, lang, text)


# --- YAML syntax: the mistake in words, at its own line (issue 12) ----------------------------------

def syntax_problems(project: Path, old: str, new: str) -> tuple[Path, list[Problem]]:
    path = write_lier(project, old, new)
    problems = validation_of(project, path).problems
    assert problems and all(p.field != "slug" for p in problems), problems
    return path, problems


@pytest.mark.parametrize("old, new, needle, column, message, hint", [
    ("  - gemeente: Lier", "\t- gemeente: Lier", "- gemeente: Lier", 1, "deze regel springt in met een tab",
     "spring in met spaties, niet met de Tab-toets: hier 2 spaties, zoals de regels erboven in hetzelfde blok"),
    ("      eenheid: euro", "\teenheid: euro", "eenheid: euro", 1, "deze regel springt in met een tab",
     "spring in met spaties, niet met de Tab-toets: hier 6 spaties, zoals de regels erboven in hetzelfde blok"),
])
def test_a_tab_used_for_indentation(project_copy, old, new, needle, column, message, hint):
    path, [problem] = syntax_problems(project_copy, old, new)
    assert (problem.line, problem.column, problem.message, problem.hint) == (line_of(path, needle), column, message, hint)
    assert problem.message.render("fr") == "cette ligne est indentée avec une tabulation"
    assert problem.hint.render("en").startswith("indent with spaces, not with the Tab key: here ")


@pytest.mark.parametrize("new, needle, message, hint", [
    ("   lopend: true", "lopend: true", "deze regel springt verder in (3 spaties) dan de velden ernaast (2)",
     "zet 'lopend' recht onder 'start' erboven: 2 spaties ervoor"),
    (" lopend: true", "lopend: true", "deze regel springt minder ver in (1 spatie) dan de velden ernaast (2)",
     "zet 'lopend' recht onder 'start' erboven: 2 spaties ervoor"),
])
def test_a_field_indented_more_or_less_than_its_siblings(project_copy, new, needle, message, hint):
    path, [problem] = syntax_problems(project_copy, "  lopend: true", new)
    assert (problem.line, problem.field, problem.message, problem.hint) == (line_of(path, needle), "lopend", message, hint)


def test_a_field_in_a_list_item_indented_more_than_the_field_above(project_copy):
    path, [problem] = syntax_problems(project_copy, "    email: samenleving@lier.example", "      email: samenleving@lier.example")
    assert (problem.line, problem.column) == (line_of(path, "email: samenleving"), 7)
    assert problem.message == "deze regel springt verder in (6 spaties) dan de velden ernaast (4)"
    assert problem.hint == "zet 'email' recht onder 'organisatie' erboven: 4 spaties ervoor"
    assert problem.hint.render("fr") == "alignez « email » sous « organisatie » au-dessus : 4 espaces devant"


def test_a_top_level_field_that_is_indented(project_copy):
    path, [problem] = syntax_problems(project_copy, "titel: Buddyproject", " titel: Buddyproject")
    assert (problem.line, problem.message) == (line_of(path, " titel: Buddy"), "deze regel springt verder in (1 spatie) dan de velden ernaast (0)")
    assert problem.hint == "zet 'titel' helemaal vooraan op de regel, zonder spaties ervoor, zoals de velden erboven"


@pytest.mark.parametrize("old, new, needle", [
    ("  contact met een inwoner", "contact met een inwoner", "contact met een inwoner"),  # the parser blames line 15
    ("  - Een buddy en", "- Een buddy en", "- Een buddy en"),
])
def test_text_under_a_block_field_that_does_not_indent(project_copy, old, new, needle):
    path, [problem] = syntax_problems(project_copy, old, new)
    assert (problem.line, problem.column, problem.field) == (line_of(path, needle), 1, "beschrijving")
    assert problem.message == "deze regel hoort bij de tekst onder 'beschrijving: |' maar springt niet in, dus de tekst stopt erboven"
    assert problem.hint == "spring in: zet 2 spaties voor elke regel tekst onder 'beschrijving:', tot het volgende veld"
    assert problem.hint.render("en") == "indent it: put 2 spaces before every line of text under 'beschrijving:', up to the next field"


def test_a_quote_that_is_never_closed_is_found_where_it_opens(project_copy):
    path, [problem] = syntax_problems(project_copy, 'telefoon: "03 000 00 00"', 'telefoon: "03 000 00 00')
    assert (problem.line, problem.column, problem.field) == (line_of(path, 'telefoon: "03'), 15, "telefoon")
    assert problem.message == 'het aanhalingsteken " aan het begin van de waarde wordt nergens gesloten'
    assert problem.hint == 'zet ook aan het einde een ": telefoon: "03 000 00 00"'
    assert problem.hint.render("fr") == 'mettez aussi un " à la fin : telefoon: "03 000 00 00"'


def test_a_value_that_starts_with_an_apostrophe(project_copy):
    path, [problem] = syntax_problems(project_copy, "titel: Buddyproject voor nieuwkomers", "titel: 't Buddyproject voor nieuwkomers")
    assert (problem.line, problem.field) == (line_of(path, "titel: 't"), "titel")
    assert problem.message == "een waarde die met een apostrof begint ('t, 's) leest YAML als het begin van een citaat"
    assert problem.hint == "zet de hele waarde tussen dubbele aanhalingstekens: titel: \"'t Buddyproject voor nieuwkomers\""


@pytest.mark.parametrize("old, new, needle, hint", [
    ("gecontroleerd_door: dienst", "gecontroleerd_door dienst", "gecontroleerd_door dienst",
     "schrijf 'gecontroleerd_door: dienst Samenleving, stad Lier'"),
    ("partners:\n", "partners\n", "partners", "schrijf 'partners:'"),
    # The parser names the comment below; the mistake is on the line above it.
    ("titel: Buddyproject voor nieuwkomers\n", "titel Buddyproject voor nieuwkomers\n# uitleg: dit is de titel\n",
     "titel Buddyproject", "schrijf 'titel: Buddyproject voor nieuwkomers'"),
])
def test_a_field_name_without_its_colon(project_copy, old, new, needle, hint):
    path, [problem] = syntax_problems(project_copy, old, new)
    key = needle.split()[0]
    assert (problem.line, problem.column, problem.field) == (line_of(path, needle), len(key) + 1, key)
    assert (problem.message, problem.hint) == (f"na de veldnaam '{key}' ontbreekt de dubbele punt", hint)


def test_a_colon_inside_an_unquoted_value(project_copy):
    path, [problem] = syntax_problems(project_copy, "titel: Buddyproject voor nieuwkomers", "titel: Lier: buddy's voor nieuwkomers")
    assert (problem.line, problem.column, problem.field) == (line_of(path, "titel: Lier:"), 12, "titel")
    assert problem.message == "de waarde bevat een dubbele punt met een spatie erna (': '), die YAML leest als een nieuw veld"
    assert problem.hint == 'zet de hele waarde tussen aanhalingstekens: titel: "Lier: buddy\'s voor nieuwkomers"'
    assert problem.message.render("fr") == ("la valeur contient un deux-points suivi d'une espace (« : »), que YAML lit comme un "
                                            "nouveau champ")
    assert problem.hint.render("en") == 'put the whole value in quotes: titel: "Lier: buddy\'s voor nieuwkomers"'


@pytest.mark.parametrize("old, new, char, hint", [
    ("    email: samenleving@lier.example", "    email: @samenleving", "@", 'email: "@samenleving"'),
    ("titel: Buddyproject voor nieuwkomers", "titel: `Buddyproject` voor nieuwkomers", "`", 'titel: "`Buddyproject` voor nieuwkomers"'),
    ("  tekst: 25 000 euro per jaar", "  tekst: %25 van het stadsbudget", "%", 'tekst: "%25 van het stadsbudget"'),
    ("  - Huis van het Nederlands Antwerpen", "  - **Huis** van het Nederlands", "*", '- "**Huis** van het Nederlands"'),
    ("titel: Buddyproject voor nieuwkomers", "titel: !Buddyproject", "!", 'titel: "!Buddyproject"'),
])
def test_a_value_that_starts_with_a_character_yaml_reserves(project_copy, old, new, char, hint):
    path, [problem] = syntax_problems(project_copy, old, new)
    assert (problem.line, problem.column) == (line_of(path, new.strip()), new.index(char) + 1)
    assert problem.message == f"een waarde mag in YAML niet beginnen met '{char}'"
    assert problem.hint == f"zet de hele waarde tussen aanhalingstekens: {hint}"


def test_every_syntax_mistake_in_a_file_is_reported_at_once(project_copy):
    path = write_lier(project_copy, "titel: Buddyproject voor nieuwkomers", "titel: Lier: buddy's voor nieuwkomers")
    path.write_text(path.read_text(encoding="utf-8").replace("  lopend: true", "\tlopend: true")
                    .replace('telefoon: "03 000 00 00"', 'telefoon: "03 000 00 00'), encoding="utf-8")
    problems = validation_of(project_copy, path).problems
    assert [(p.line, p.message) for p in problems] == [
        (line_of(path, "titel: Lier"), "de waarde bevat een dubbele punt met een spatie erna (': '), die YAML leest als een nieuw veld"),
        (line_of(path, "lopend: true"), "deze regel springt in met een tab"),
        (line_of(path, 'telefoon: "03'), 'het aanhalingsteken " aan het begin van de waarde wordt nergens gesloten')]


def test_a_syntax_error_nothing_explains_keeps_the_parsers_words_last(project_copy):
    path, [problem] = syntax_problems(project_copy, "thema: [lokaal-onthaalbeleid]", "thema: [lokaal-onthaalbeleid]]")
    assert (problem.line, problem.field) == (line_of(path, "thema: [lokaal"), "thema")
    assert problem.message == "deze regel kan niet gelezen worden"
    plain, _, detail = problem.hint.partition("; de YAML-lezer zegt: ")
    assert plain == ("kijk op deze regel en de regel erboven naar de inspringing (spaties, geen tabs), de dubbele punt na elke "
                     "veldnaam en de aanhalingstekens")
    assert detail, "the parser's own words come last, as a detail"


def test_a_value_that_starts_with_brackets_is_no_list(project_copy):
    path, [problem] = syntax_problems(project_copy, "titel: Buddyproject voor nieuwkomers", "titel: [Pilot] Buddyproject")
    assert (problem.line, problem.column, problem.field) == (line_of(path, "titel: [Pilot]"), 8, "titel")
    assert problem.message == "een waarde die met [ begint, leest YAML als een lijst of een blok"
    assert problem.hint == 'zet de hele waarde tussen aanhalingstekens: titel: "[Pilot] Buddyproject"'


def test_a_second_record_pasted_into_the_same_file(project_copy):
    path, [problem] = syntax_problems(project_copy, "titel: Buddyproject voor nieuwkomers\n",
                                      "titel: Buddyproject voor nieuwkomers\n---\n")
    assert (problem.line, problem.message) == (line_of(path, "---"), "de regel '---' begint een tweede document in hetzelfde bestand")
    assert problem.hint == "één praktijk per bestand: verwijder '---' en zet een tweede praktijk in een eigen bestand"


@pytest.mark.parametrize("old, new, needle, message, hint", [
    ('  datum: "2026-11-23"', '  datum: "2026-11-23""', 'datum: "2026-11-23""', 'aan het einde van de waarde staat een " te veel',
     'haal het weg: datum: "2026-11-23"'),
    ("  aangeleverd_door: dienst", "  aangeleverd_door:dienst", "aangeleverd_door:dienst",
     "na de dubbele punt van 'aangeleverd_door' ontbreekt een spatie", "schrijf 'aangeleverd_door: dienst Samenleving, stad Lier'"),
    ("\n\n  - Een buddy", "\n\t\n  - Een buddy", "\t", "deze lege regel bevat een tab",
     "maak de regel helemaal leeg (een tab mag in YAML niet als inspringing dienen)"),
])
def test_small_slips_a_newcomer_makes(project_copy, old, new, needle, message, hint):
    path, [problem] = syntax_problems(project_copy, old, new)
    assert (problem.line, problem.message, problem.hint) == (line_of(path, needle), message, hint)


def test_a_control_character_pasted_from_word(project_copy):
    path = write_lier(project_copy, "titel: Buddyproject voor nieuwkomers", "titel: Buddyproject\u000bvoor nieuwkomers")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.column) == (line_of(path, "titel: Buddyproject"), len("titel: Buddyproject") + 1)
    assert problem.message == "hier staat een onzichtbaar stuurteken (U+000B), meestal mee geplakt uit een tekstverwerker"
    assert problem.hint == "wis het teken op deze plaats (of typ het woord opnieuw); een nieuwe regel maak je met Enter"


def test_no_slip_on_any_line_crashes_the_check_or_points_outside_the_file(tmp_path):
    """Every line of the Lier record broken in the usual ways: the check explains, it never fails."""
    from kennisbank.records.yamlsource import read_record

    lines = LIER_RECORD.read_text(encoding="utf-8").split("\n")
    target = tmp_path / f"{LIER}.yaml"
    for number, line in enumerate(lines):
        for broken in ("\t" + line.lstrip(" "), " " + line, line[1:], line + '"', line.replace(": ", " ", 1), line.replace(": ", ":", 1)):
            target.write_text("\n".join(lines[:number] + [broken] + lines[number + 1:]), encoding="utf-8")
            for problem in read_record(target, target.name).problems:
                assert 1 <= problem.line <= len(lines) and problem.column >= 1, (number + 1, broken, problem)
                assert problem.message and problem.hint, (number + 1, broken, problem)


# --- Warnings: reported like errors, never stopping anything (issue 12) ----------------------------

TRANSLATION_HINT = ("dat mag: tot dan tonen de Franse en Engelse pagina de Nederlandse tekst, gemarkeerd; een vertaling komt "
                    "later naast het veld, bv. 'titel_fr:' en 'titel_en:'. 'make i18n-report' toont alles wat nog vertaald moet worden")
# What her record leaves to translate: every field with _fr/_en siblings in the schema, except names
# the organisation vocabulary already translates (kennisbank.records.translations, the i18n report).
LIER_UNTRANSLATED = "titel, samenvatting, beschrijving, trekker, partners, budget.tekst, contact[0].organisatie"


def test_a_dutch_only_record_is_valid_and_warned_about_what_is_not_translated(project_copy):
    path = write_lier(project_copy, "slug: ", "slug: ")  # her record as it is
    result = validation_of(project_copy, path)
    assert result.problems == []
    [warning] = result.warnings
    assert warning.is_warning and (warning.field, warning.line) == ("titel", line_of(path, "titel:"))
    assert warning.message == f"nog geen vertaling (fr + en) van: {LIER_UNTRANSLATED}"
    assert warning.hint == TRANSLATION_HINT
    assert warning.message.render("en") == f"not translated yet (fr + en): {LIER_UNTRANSLATED}"
    assert warning.hint.render("fr").endswith("« make i18n-report » liste tout ce qui reste à traduire")
    assert [p.slug for p in load_practices(records_dir(project_copy), project_copy) if p.slug == LIER] == [LIER]


def test_a_partial_translation_names_the_fields_still_missing_per_language(project_copy):
    path = write_lier(project_copy, "titel: Buddyproject voor nieuwkomers\n",
                      "titel: Buddyproject voor nieuwkomers\ntitel_fr: Parrainage de nouveaux arrivants\n")
    [warning] = validation_of(project_copy, path).warnings
    assert (warning.field, warning.line) == ("samenvatting", line_of(path, "samenvatting:"))
    assert warning.message == (f"nog geen vertaling: fr ({LIER_UNTRANSLATED.removeprefix('titel, ')}), "
                               f"en ({LIER_UNTRANSLATED})")


LIER_LEAD = "trekker:\n  - dienst Samenleving, stad Lier\n"


def test_a_department_and_its_city_split_by_the_comma_of_a_flow_list(project_copy):
    path = write_lier(project_copy, LIER_LEAD, "trekker: [dienst Samenleving, stad Lier]\n")
    result = validation_of(project_copy, path)
    assert result.problems == []
    [warning] = [w for w in result.warnings if w.field.startswith("trekker")]
    assert (warning.line, warning.column, warning.field) == (line_of(path, "trekker: ["), 11, "trekker[0]")
    assert warning.message == "'dienst Samenleving' en 'stad Lier' worden twee aparte trekkers: in een lijst tussen [ ] scheidt elke komma"
    assert warning.hint == ("is het één naam, 'dienst Samenleving, stad Lier'? Schrijf de lijst dan met één regel '- ' per naam "
                            "('trekker:' met eronder '  - dienst Samenleving, stad Lier'), of zet de naam tussen aanhalingstekens: "
                            "[\"dienst Samenleving, stad Lier\"]")
    assert warning.message.render("fr") == ("« dienst Samenleving » et « stad Lier » deviennent deux responsables distincts : "
                                            "dans une liste entre [ ], chaque virgule sépare")
    assert warning.message.render("en") == ("'dienst Samenleving' and 'stad Lier' become two separate leads: in a list between [ ] "
                                            "every comma separates")


def test_any_flow_list_of_names_says_how_a_comma_stays_inside_a_name(project_copy):
    path = write_lier(project_copy, "partners:\n  - Huis van het Nederlands Antwerpen\n",
                      "partners: [Huis van het Nederlands Antwerpen, Atlas, integratie en inburgering Antwerpen]\n")
    [warning] = [w for w in validation_of(project_copy, path).warnings if w.field == "partners"]
    assert warning.line == line_of(path, "partners: [")
    assert warning.message == ("de komma's in [ ] maken hier 3 aparte partners: 'Huis van het Nederlands Antwerpen', 'Atlas', "
                               "'integratie en inburgering Antwerpen'")
    assert warning.hint == ("hoort een komma bij een naam, schrijf dan elke naam op een eigen regel met '- ' ('partners:' met "
                            "eronder '  - Huis van het Nederlands Antwerpen'), of zet de namen tussen aanhalingstekens; dan "
                            "verdwijnt deze waarschuwing")


@pytest.mark.parametrize("written", ['trekker: ["dienst Samenleving, stad Lier"]\n', "trekker: [dienst Samenleving]\n",
                                     'trekker: ["dienst Samenleving", "stad Lier"]\n'])
def test_a_flow_list_whose_names_are_quoted_or_single_gets_no_comma_warning(project_copy, written):
    path = write_lier(project_copy, LIER_LEAD, written)
    result = validation_of(project_copy, path)
    assert result.problems == [] and not [w for w in result.warnings if w.message.key.startswith("comma_")]


def test_a_sub_project_lead_split_by_a_comma_is_warned_about_too(project_copy):
    path = write_lier(project_copy, "contact:\n", "deelprojecten:\n  - titel: Onthaal\n    trekker: [team Onthaal, OCMW Lier]\ncontact:\n")
    [warning] = [w for w in validation_of(project_copy, path).warnings if w.field.startswith("deelprojecten[0].trekker")]
    assert (warning.field, warning.line) == ("deelprojecten[0].trekker[0]", line_of(path, "trekker: [team Onthaal"))
    assert warning.message == "'team Onthaal' en 'OCMW Lier' worden twee aparte trekkers: in een lijst tussen [ ] scheidt elke komma"


def test_check_exits_0_on_warnings_and_prints_them_after_the_problems(project_copy):
    path = write_lier(project_copy, LIER_LEAD, "trekker: [dienst Samenleving, stad Lier]\n")
    only_warnings = subprocess.run([sys.executable, "-m", "kennisbank", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert only_warnings.returncode == 0, only_warnings.stderr
    assert only_warnings.stdout.startswith("1 praktijken in orde, met 2 waarschuwingen")
    assert f"{path.name}:{line_of(path, 'trekker: [')}:11: waarschuwing: trekker[0]: 'dienst Samenleving' en 'stad Lier'" in only_warnings.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("doelgroepen: [nieuwkomers", "doelgroepen: [nieuwkomer"), encoding="utf-8")
    both = subprocess.run([sys.executable, "-m", "kennisbank", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert both.returncode == 1
    report = both.stderr.splitlines()
    assert report[0] == "1 probleem in 1 bestand; niets is gebouwd:" and "onbekende waarde 'nieuwkomer'" in report[1]
    # The comma warning stays beside the error; what is left to translate waits until the record is valid.
    assert report[2] == "1 waarschuwing (die houdt de bouw niet tegen):"
    assert ": waarschuwing: trekker[0]: " in report[3] and len(report) == 4
    github = subprocess.run([sys.executable, "-m", "kennisbank", "check", "--formaat", "github", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert [line.split(" ")[0] for line in github.stdout.splitlines()] == ["::error", "::warning"]


# --- Values YAML reads otherwise than the contributor meant (issue 12) -----------------------------

@pytest.mark.parametrize("written, opening, closing", [("“Buddyproject voor nieuwkomers”", "“", "”"),
                                                      ("„Buddyproject voor nieuwkomers”", "„", "”"),
                                                      ("‘Buddyproject voor nieuwkomers’", "‘", "’"),
                                                      ("« Buddyproject voor nieuwkomers »", "«", "»")])
def test_typographic_quotes_around_a_value_are_refused(project_copy, written, opening, closing):
    path = write_lier(project_copy, "titel: Buddyproject voor nieuwkomers", f"titel: {written}")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.field) == (line_of(path, "titel: "), "titel")
    assert problem.message == (f"de waarde staat tussen gekrulde aanhalingstekens ({opening}…{closing}): YAML houdt die als tekst, "
                               "dus ze zouden mee op de site komen")
    assert problem.hint == "gebruik rechte aanhalingstekens (\") of geen: titel: Buddyproject voor nieuwkomers"
    assert problem.hint.render("fr") == "utilisez des guillemets droits (\") ou aucun : titel: Buddyproject voor nieuwkomers"


def test_typographic_quotes_show_the_straight_form_the_value_needs(project_copy):
    path = write_lier(project_copy, "  - Huis van het Nederlands Antwerpen", "  - “#Huis van het Nederlands”")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.field, problem.hint) == ("partners[0]", "gebruik rechte aanhalingstekens (\") of geen: - \"#Huis van het Nederlands\"")


def test_typographic_quotes_around_a_name_in_a_flow_list_do_not_hold_its_comma(project_copy):
    path = write_lier(project_copy, LIER_LEAD, "trekker: [“dienst Samenleving, stad Lier”]\n")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.field) == (line_of(path, "trekker: ["), "trekker[0]")
    assert problem.message == ("de gekrulde aanhalingstekens rond 'dienst Samenleving, stad Lier' houden de komma niet samen: "
                               "YAML maakte er 2 waarden van")
    assert problem.hint == ("gebruik rechte aanhalingstekens: [\"dienst Samenleving, stad Lier\"], of schrijf een regel "
                            "'- dienst Samenleving, stad Lier' per naam")


def test_typographic_quotes_around_a_value_with_a_colon(project_copy):
    path, [problem] = syntax_problems(project_copy, "titel: Buddyproject voor nieuwkomers", "titel: “Lier: buddy's”")
    assert (problem.line, problem.field) == (line_of(path, "titel: “Lier"), "titel")
    assert problem.message == ("de gekrulde aanhalingstekens (“…”) zijn voor YAML gewone tekst, dus de ': ' in de waarde leest "
                               "YAML als een nieuw veld")
    assert problem.hint == "zet de hele waarde tussen aanhalingstekens: titel: \"Lier: buddy's\""


@pytest.mark.parametrize("written, message, hint", [
    ("25 000", "verwacht een getal, maar hier staat tekst", "schrijf 25000, zonder spatie of punt"),
    ("25\u202f000", "verwacht een getal, maar hier staat tekst", "schrijf 25000, zonder spatie of punt"),
    ("1.250.000", "verwacht een getal, maar hier staat tekst", "schrijf 1250000, zonder spatie of punt"),
    ("25.000", "YAML leest 25.000 als het getal 25: de punt is daar een decimaalteken", "schrijf 25000, zonder spatie of punt"),
    ("2,5", "verwacht een getal, maar hier staat tekst", "schrijf 2.5: een punt voor de decimalen, geen komma"),
    ("25000 euro", "verwacht een getal, maar hier staat tekst",
     "schrijf alleen het getal: waarde: 25000; de eenheid staat in 'eenheid'"),
    ('"25000"', "verwacht een getal, maar hier staat tekst", "schrijf het getal zonder aanhalingstekens: waarde: 25000"),
])
def test_an_amount_written_as_people_write_numbers(project_copy, written, message, hint):
    path = write_lier(project_copy, "    - waarde: 25000", f"    - waarde: {written}")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.field) == (line_of(path, "- waarde: "), "budget.bedragen[0].waarde")
    assert (problem.message, problem.hint) == (message, hint)
    if written == "25 000":
        assert problem.hint.render("fr") == "écrivez 25000, sans espace ni point"
        assert problem.hint.render("en") == "write 25000, without a space or dot"


def test_an_fte_amount_with_three_decimals_is_left_alone(project_copy):
    path = write_lier(project_copy, "  tekst: 25 000 euro per jaar\n  bedragen:\n    - waarde: 25000\n      eenheid: euro",
                      "  tekst: 1.500 VTE per jaar\n  bedragen:\n    - waarde: 1.500\n      eenheid: vte")
    assert validation_of(project_copy, path).problems == []


@pytest.mark.parametrize("written, hint", [
    ("ja", "schrijf true of false, zonder aanhalingstekens: hier 'lopend: true'"),
    ("nee", "schrijf true of false, zonder aanhalingstekens: hier 'lopend: false'"),
    ("oui", "schrijf true of false, zonder aanhalingstekens: hier 'lopend: true'"),
    ('"true"', "schrijf true of false, zonder aanhalingstekens: hier 'lopend: true'"),
    ("sinds 2023", "schrijf true of false, zonder aanhalingstekens"),
])
def test_lopend_in_words(project_copy, written, hint):
    path = write_lier(project_copy, "  lopend: true", f"  lopend: {written}")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.line, problem.field, problem.message, problem.hint) == (
        line_of(path, "lopend:"), "periode.lopend", "verwacht true of false, maar hier staat tekst", hint)


@pytest.mark.parametrize("written", ["yes", "Yes", "no", "on", "off"])
def test_yes_and_no_in_english_are_booleans_for_our_reader(project_copy, written):
    """PyYAML reads YAML 1.1: yes/no/on/off are true or false, so `lopend: yes` needs no message."""
    path = write_lier(project_copy, "  lopend: true", f"  lopend: {written}")
    assert validation_of(project_copy, path).problems == []


def test_a_text_field_that_yaml_reads_as_false_or_a_number(project_copy):
    path = write_lier(project_copy, "titel: Buddyproject voor nieuwkomers", "titel: no")
    [problem] = validation_of(project_copy, path).problems
    assert problem.message == "verwacht tekst, maar hier staat true/false"
    assert problem.hint == "YAML leest no als false; bedoel je tekst, zet het dan tussen aanhalingstekens: titel: \"no\""
    path = write_lier(project_copy, "  - Huis van het Nederlands Antwerpen", "  - Huis van het Nederlands: Antwerpen")
    [problem] = validation_of(project_copy, path).problems
    assert (problem.field, problem.message) == ("partners[0]", "verwacht tekst, maar hier staat een blok met velden")
    assert problem.hint == "zet de hele waarde tussen aanhalingstekens: - \"Huis van het Nederlands: Antwerpen\""


# --- The hints themselves ----------------------------------------------------------------------------

def test_every_command_and_file_a_hint_names_works_as_written():
    """A hint is followed to the letter: `make check` works from a fresh clone, `python -m kennisbank`
    only inside the virtualenv (ModuleNotFoundError elsewhere), so hints name make targets."""
    from kennisbank.records.problems import messages

    targets = set(re.findall(r"^([A-Za-z0-9_-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    named_targets = named_files = 0
    # The schema's descriptions become hints too ("voeg 'trekker:' toe; Trekker(s): …").
    descriptions = {path: {"nl+en": node["description"]} for path, node in _schema_nodes(schema())
                    if isinstance(node.get("description"), str)}
    for key, entry in [*messages().items(), *descriptions.items()]:
        for lang, text in entry.items():
            assert "python" not in text.lower() and ".venv" not in text, (key, lang, text)
            for target in re.findall(r"(?:['`]|« )make ([a-z0-9-]+)", text):  # a command is quoted in the text
                assert target in targets, (key, lang, target)
                named_targets += 1
            for name in re.findall(r"\bdata/[\w/.-]+\.ya?ml\b", text):
                assert (ROOT / name).is_file(), (key, lang, name)
                named_files += 1
    assert named_targets and named_files, "the check finds the commands and files hints name"


def test_a_description_may_link_a_page_of_the_knowledge_base_that_exists(project_copy):
    import shutil

    shutil.copytree(ROOT / "docs", project_copy / "docs", ignore=shutil.ignore_patterns("praktijken"))
    (project_copy / "docs" / "praktijken").mkdir()
    fine = write_lier(project_copy, "  - De dienst zorgt", "  - De dienst ([zie welzijn](../welzijn.md)) zorgt")
    assert not [p for p in problems_for(project_copy, fine) if p.field == "beschrijving"]
    broken = write_lier(project_copy, "  - De dienst zorgt", "  - De dienst ([zie welzijn](../welzijnn.md)) zorgt")
    problem = only(problems_for(project_copy, broken), "beschrijving")
    assert "'../welzijnn.md' leidt naar geen pagina" in problem.message and "docs/praktijken/" in problem.hint
    assert problem.line == line_of(broken, "welzijnn.md")


def test_records_checked_in_two_processes_give_the_same_report(project_copy, monkeypatch):
    """A large set is checked in two halves side by side (validation.PARALLEL_FROM): the same documents,
    errors and warnings in the same order as one after another, from records in either half."""
    from kennisbank.records import validation

    write_variant(project_copy, "Effect vzw", "Effect vzw", name="aaa-kopie")  # duplicate slug, first half
    write_variant(project_copy, "thema: [", "thema: [onbekend-thema, ", name="zzz-fout")  # last record
    paths = record_paths(records_dir(project_copy))

    def report(result):
        return ([(d.path, d.data, d.positions) for d in result.documents],
                [(p, p.message.render("fr") if hasattr(p.message, "render") else p.message) for p in result.problems],
                result.warnings)

    monkeypatch.setattr(validation, "PARALLEL_FROM", len(paths) + 1)
    serial = validate(paths, project_copy)
    monkeypatch.setattr(validation, "PARALLEL_FROM", 2)
    children = []
    real_checked = validation._checked_in_parallel
    monkeypatch.setattr(validation, "_checked_in_parallel", lambda *a: children.append(1) or real_checked(*a))
    parallel = validate(paths, project_copy)
    assert children, "the parallel path did not run"
    assert any(p.path.endswith("zzz-fout.yaml") for p in serial.problems)
    assert any(p.path.endswith("aaa-kopie.yaml") for p in serial.problems)
    assert report(parallel) == report(serial)
