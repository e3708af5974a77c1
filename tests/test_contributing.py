"""Contributing by pull request: the scaffold and template, check messages in three languages,
the staleness report, contact privacy, and the GitHub files. Everything runs on real data or on
copies of real records, and the strict-privacy test builds a whole site with its search index and PDFs."""
from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markupsafe import escape
from pypdf import PdfReader

from kennisbank import build
from kennisbank.contrib import scaffold
from kennisbank.model import freshness
from kennisbank.model import load_files, load_practices
from kennisbank.paths import RECORDS_DIR, ROOT, SCHEMA_PATH
from kennisbank.records import organisations
from kennisbank.records.problems import ValidationFailed
from kennisbank.records.ui import t
from kennisbank.records.validation import resolve, schema
from shown import as_shown

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kennisbank", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env)


# --- Scaffold and template -------------------------------------------------------------------------

def test_scaffold_fails_check_until_the_required_fields_are_filled(tmp_path):
    records = tmp_path / "data" / "praktijken"
    path = scaffold.new_record("Buddyproject voor nieuwkomers", "Lier", today=dt.date(2026, 11, 23), records_dir=records)
    assert path.name == "lier-buddyproject-voor-nieuwkomers.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/praktijk.schema.json\n")
    assert 'laatst_gecontroleerd: "2026-11-23"' in text
    with pytest.raises(ValidationFailed) as failure:
        load_files([path], tmp_path)
    unfilled = {p.field for p in failure.value.problems}
    assert {"samenvatting", "beschrijving", "thema", "doelgroepen", "trekker", "gecontroleerd_door"} <= unfilled
    assert "titel" not in unfilled and "slug" not in unfilled and "werkgebied[0].gemeente" not in unfilled

    data = yaml.safe_load(text)
    data.update(samenvatting="Vrijwilligers begeleiden nieuwkomers een jaar lang.", beschrijving="Een buddy helpt.",
                thema=["lokaal-onthaalbeleid"], doelgroepen=["nieuwkomers"], trekker=["Dienst Samenleven, stad Lier"],
                budget={"tekst": "1 VTE", "bedragen": [{"waarde": 1, "eenheid": "vte"}]}, contact=[{"soort": "functie", "organisatie": "Dienst Samenleven", "email": "samenleven@lier.be"}],
                bron={"publicatie": "Eigen inzending", "jaar": 2026, "sectie": "Dienst Samenleven"},
                gecontroleerd_door="Stad Lier", titel_fr="Parrainage", samenvatting_fr="Des bénévoles.",
                titel_en="Buddies", samenvatting_en="Volunteers.")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_files([path], tmp_path)[0].title("nl") == "Buddyproject voor nieuwkomers"


def test_committed_template_and_issue_form_are_generated_from_the_schema():
    assert scaffold.TEMPLATE_PATH.read_text(encoding="utf-8") == scaffold.record_text(), "run `make template`"
    assert scaffold.ISSUE_FORM_PATH.read_text(encoding="utf-8") == scaffold.issue_form(), "run `make template`"


def test_template_marks_every_field_and_lists_every_vocabulary_value():
    text = scaffold.TEMPLATE_PATH.read_text(encoding="utf-8")
    lines = text.splitlines()
    for name in schema()["properties"]:
        index = next(i for i, line in enumerate(lines) if re.match(rf"^(# )?{name}:", line))
        comment = " ".join(line for line in lines[max(0, index - 6):index] if line.startswith("#"))
        marker = "verplicht" if name in schema()["required"] else "optioneel"
        assert f"# {marker}:" in comment, name
        assert lines[index].startswith("# ") == (marker == "optioneel"), name
    flat = " ".join(line.lstrip("# ") for line in lines)
    for value in schema()["properties"]["thema"]["items"]["enum"] + schema()["properties"]["doelgroepen"]["items"]["enum"]:
        assert value in flat


def test_the_template_and_a_new_record_each_find_the_schema_from_where_they_are(tmp_path):
    """The template lives in data/, a record in data/praktijken/: each first line points at the schema from there."""
    def schema_of(path: Path) -> Path:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        return (path.parent / re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first).group(1)).resolve()

    assert schema_of(scaffold.TEMPLATE_PATH) == SCHEMA_PATH
    record = scaffold.new_record("Proef", "Lier", records_dir=tmp_path / "data" / "praktijken")
    written = re.search(r"\$schema=(\S+)", record.read_text(encoding="utf-8").splitlines()[0]).group(1)
    assert (RECORDS_DIR / written).resolve() == SCHEMA_PATH  # where the record will live
    # The template says where its copy goes and what to change in that first line.
    assert "data/praktijken/<slug>.yaml" in scaffold.TEMPLATE_NOTE and "'../schema/'" in scaffold.TEMPLATE_NOTE


def test_template_and_new_records_say_make_check_not_python_m():
    """`python -m kennisbank` fails outside .venv (ModuleNotFoundError); `make check` works anywhere."""
    text = scaffold.TEMPLATE_PATH.read_text(encoding="utf-8")
    assert "make check BESTAND=data/praktijken/<slug>.yaml" in text and "python -m kennisbank" not in text
    cli = (ROOT / "kennisbank" / "cli.py").read_text(encoding="utf-8")
    start = cli.index("def cmd_new")
    new_message = cli[start:cli.index("\ndef ", start)]
    assert "make check BESTAND=" in new_message and "python -m kennisbank check" not in new_message
    dry_run = subprocess.run(["make", "-n", "check", "BESTAND=data/praktijken/x.yaml"], capture_output=True, text=True, cwd=ROOT)
    assert re.search(r"-m kennisbank check data/praktijken/x\.yaml$", dry_run.stdout, re.M), dry_run.stdout + dry_run.stderr


def test_the_templates_example_of_supplied_facts_is_a_real_records():
    """The example above `bron` in the template, uncommented, is what the Lier fixture (which passes the check) says."""
    lines = scaffold.TEMPLATE_PATH.read_text(encoding="utf-8").splitlines()
    start = lines.index("#   bron:")
    end = next(index for index in range(start, len(lines)) if not lines[index].startswith("#   "))
    example = yaml.safe_load("\n".join(line.removeprefix("#   ") for line in lines[start:end]))
    assert lines[end].startswith("# verplicht:") and lines[end + 2] == "bron:", "the example stands right above bron"
    fixture = yaml.safe_load((ROOT / "tests" / "fixtures" / "lier-buddyproject-nieuwkomers.yaml").read_text(encoding="utf-8"))
    assert example == {key: fixture[key] for key in ("bron", "laatst_gecontroleerd", "gecontroleerd_door")}
    assert example == scaffold.supplied_example()


@pytest.mark.skipif(not CHECK_JSONSCHEMA.exists(), reason="check-jsonschema comes with requirements-dev.txt")
def test_schema_works_with_the_validator_editors_use():
    metaschema = subprocess.run([CHECK_JSONSCHEMA, "--check-metaschema", SCHEMA_PATH], capture_output=True, text=True)
    assert metaschema.returncode == 0, metaschema.stdout + metaschema.stderr
    records = sorted(RECORDS_DIR.glob("*.yaml"))
    agree = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", SCHEMA_PATH, *records], capture_output=True, text=True)
    assert agree.returncode == 0, agree.stdout
    unfilled = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", SCHEMA_PATH, scaffold.TEMPLATE_PATH], capture_output=True, text=True)
    assert unfilled.returncode == 1 and "samenvatting" in unfilled.stdout


# --- The issue form ----------------------------------------------------------------------------------

def committed_form() -> dict:
    return yaml.safe_load(scaffold.ISSUE_FORM_PATH.read_text(encoding="utf-8"))


def test_issue_form_is_a_valid_github_form():
    for path, name in ((scaffold.ISSUE_FORM_PATH, "vendor.github-issue-forms"),
                       (scaffold.ISSUE_FORM_PATH.with_name("config.yml"), "vendor.github-issue-config")):
        result = subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", name, path], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_issue_form_asks_questions_not_field_names():
    from kennisbank.contrib.issue_form import questions

    fields = [field for field in committed_form()["body"] if "id" in field]
    assert [field["id"] for field in fields] == [q.id for q in questions()]
    labels = [field["attributes"]["label"] for field in fields]
    assert len(set(labels)) == len(labels), "GitHub writes the answers under the labels: they must differ"
    def property_names(node) -> set[str]:
        if isinstance(node, dict):
            return set(node.get("properties", {})) | {n for value in node.values() for n in property_names(value)}
        return {n for value in node for n in property_names(value)} if isinstance(node, list) else set()

    names = property_names(schema())
    key = re.compile(rf"(?m)^\s*({'|'.join(sorted(names))}):")  # a YAML key to fill in, as the old placeholders had
    for field in fields:
        attributes = field["attributes"]
        assert attributes["label"][0].isupper() and "_" not in attributes["label"], attributes["label"]
        assert attributes["label"] not in names, attributes["label"]
        for text in (attributes.get("description", ""), attributes.get("placeholder", "")):
            assert not key.search(text) and not re.search(r"\b[a-z]+_[a-z_]+\b", text), (field["id"], text)
            assert "[]" not in text and "seeds" not in text and ".yaml" not in text, (field["id"], text)


def test_issue_form_asks_or_derives_every_required_field():
    from kennisbank.contrib.issue_form import questions

    root = schema()
    asked = {f.split(".")[0]: q for q in questions() for f in (q.field, *q.also) if f}
    derived = {"slug", "bron", "laatst_gecontroleerd", "gecontroleerd_door", "contact"}  # by the converter
    assert set(root["required"]) <= set(asked) | derived
    for name in root["required"]:
        node = root["properties"][name]
        if name in asked and asked[name].field == name:
            # Required and never empty: a required question. Required but may be empty ([]): optional.
            assert asked[name].required == bool(node.get("minLength") or node.get("minItems")), name
    for q in questions():
        if q.field and q.field.split(".")[0] not in root["required"]:
            assert not q.required, q.id


def test_issue_form_dropdowns_show_labels_from_the_vocabularies_and_the_pages():
    from kennisbank.contrib.issue_form import question
    from kennisbank.records import vocabulary
    from kennisbank.records.ui import t

    dropdowns = {f["id"]: f["attributes"] for f in committed_form()["body"] if f["type"] == "dropdown"}
    for field in ("thema", "doelgroepen"):
        terms = vocabulary.load(field)
        enum = schema()["properties"][field]["items"]["enum"]
        assert dropdowns[field]["options"] == [terms[term_id].label("nl") for term_id in enum]
        assert dropdowns[field]["multiple"] is True
        assert [value for _, value in question(field).options] == enum
    amount = resolve(schema()["properties"]["budget"])["properties"]["bedragen"]["items"]["properties"]
    assert dropdowns["budget_eenheid"]["options"] == [t(f"unit_{unit}", "nl") for unit in amount["eenheid"]["enum"]]
    assert dropdowns["budget_per"]["options"] == [t(f"per_{per}", "nl") for per in amount["per"]["enum"]]
    assert [value for _, value in question("periode_lopend").options] == [True, False]


def test_issue_form_says_what_happens_next_and_asks_consent():
    from kennisbank.contrib.issue_form import CONVERT_LABEL, RESPONSE_WORKING_DAYS

    form = committed_form()
    intro = form["body"][0]["attributes"]["value"]
    assert f"binnen {RESPONSE_WORKING_DAYS} werkdagen" in intro and f"`{CONVERT_LABEL}`" in intro
    assert "pull request" in intro and "reactie onder dit issue" in intro and "toestemming" in intro
    assert "français" in intro and "English" in intro
    consent = next(f for f in form["body"] if f["type"] == "checkboxes")
    assert all(option["required"] for option in consent["attributes"]["options"])
    assert "CC BY 4.0" in consent["attributes"]["options"][0]["label"]
    supplier = next(f for f in form["body"] if f.get("id") == "aangeleverd_door")["attributes"]
    assert scaffold.supplied_example()["bron"]["aangeleverd_door"] in supplier["description"]


# --- Check messages in the contributor's language --------------------------------------------------

BROKEN = """\
slug: gent-proef
titel: Proef
samenvatting: Kort.
beschrijving: Lang.
werkgebied: [{gemeente: Gentt}]
thema: [welzijnn]
doelgroepen: [nieuwkomers]
trekker: [Stad Gent]
partners: []
budget: {tekst: onbekend}
contact: [{soort: persoon, naam: X, telefoon: 92663540}]
bron: {publicatie: P, jaar: 2016, sectie: S}
laatst_gecontroleerd: "23-11-2026"
gecontroleerd_door: Stad Gent
titel_fr: T
samenvatting_fr: S
titel_en: T
samenvatting_en: S
"""


@pytest.mark.parametrize(("lang", "phrases"), [
    ("nl", ["onbekende gemeente 'Gentt'", "bedoel je 'Gent'?", "verplicht veld 'grondslag' ontbreekt",
            "zet het tussen aanhalingstekens", "heeft niet de vorm JJJJ", "6 problemen in 1 bestand"]),
    ("fr", ["commune inconnue « Gentt »", "vouliez-vous dire « Gent » ?", "le champ obligatoire « grondslag » manque",
            "mettez-le entre guillemets", "n'a pas la forme AAAA", "6 problèmes dans 1 fichier"]),
    ("en", ["unknown municipality 'Gentt'", "did you mean 'Gent'?", "required field 'grondslag' is missing",
            "put it in quotes", "is not in the form YYYY", "6 problems in 1 file"]),
])
def test_check_speaks_the_contributors_language_with_file_line_and_column(tmp_path, lang, phrases):
    record = tmp_path / "gent-proef.yaml"
    record.write_text(BROKEN, encoding="utf-8")
    result = run_cli("check", "--taal", lang, str(record))
    assert result.returncode == 1
    for phrase in phrases:
        assert phrase in result.stderr, (phrase, result.stderr)
    assert re.search(r"gent-proef\.yaml:5:\d+: werkgebied\[0\]\.gemeente: ", result.stderr)
    assert re.search(r"gent-proef\.yaml:6:\d+: thema\[0\]: ", result.stderr)


def test_check_language_follows_the_environment(tmp_path):
    record = tmp_path / "gent-proef.yaml"
    record.write_text(BROKEN, encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("KENNISBANK_TAAL", "LC_ALL", "LC_MESSAGES")}
    french = run_cli("check", str(record), env={**env, "LANG": "fr_BE.UTF-8"})
    assert "commune inconnue" in french.stderr
    explicit = run_cli("check", str(record), env={**env, "LANG": "fr_BE.UTF-8", "KENNISBANK_TAAL": "en"})
    assert "unknown municipality" in explicit.stderr


def test_every_check_message_exists_in_three_languages():
    from kennisbank.records.problems import messages

    for key, entry in messages().items():
        assert set(entry) == {"nl", "fr", "en"} and all(entry.values()), key
        fields = {name for lang in entry for name in re.findall(r"{(\w+)}", entry[lang])}
        assert fields == set(re.findall(r"{(\w+)}", entry["nl"])), key


# --- Freshness -------------------------------------------------------------------------------------

def _copy_records(tmp_path: Path, names: list[str]) -> Path:
    records = tmp_path / "data" / "praktijken"
    records.mkdir(parents=True)
    for name in names:
        shutil.copy(RECORDS_DIR / f"{name}.yaml", records)
    return records


def test_staleness_report_finds_seeded_stale_records(tmp_path):
    records = _copy_records(tmp_path, ["gent-ankerkracht", "kortrijk-schakelklas", "mechelen-horizontaal-integratiebeleid"])
    fresh = records / "kortrijk-schakelklas.yaml"
    fresh.write_text(fresh.read_text(encoding="utf-8").replace('laatst_gecontroleerd: "2016"', 'laatst_gecontroleerd: "2026-10-01"'), encoding="utf-8")
    contradictory = records / "mechelen-horizontaal-integratiebeleid.yaml"
    text = contradictory.read_text(encoding="utf-8").replace('laatst_gecontroleerd: "2016"', 'laatst_gecontroleerd: "2026-10-01"')
    contradictory.write_text(text.replace('  einde: "2018"', '  einde: "2018"\n  lopend: true'), encoding="utf-8")
    result = freshness.report(build.load(records), dt.date(2026, 11, 23))
    assert [p.slug for p in result.stale] == ["gent-ankerkracht"]
    claims = {p.slug: why for p, why in result.claims_ongoing}
    assert set(claims) == {"gent-ankerkracht", "mechelen-horizontaal-integratiebeleid"}
    assert "2018" in claims["mechelen-horizontaal-integratiebeleid"]
    cli = run_cli("rapport", "--map", str(records), "--datum", "2026-11-23", "--strikt")
    assert cli.returncode == 1 and "gent-ankerkracht.yaml" in cli.stdout and "kortrijk" not in cli.stdout


def test_git_dates_fall_back_cleanly_without_history(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    assert freshness.git_dates(tmp_path, "docs") == {}


def test_pages_show_check_date_staleness_and_git_change(built_site):
    for lang, prefix in (("nl", ""), ("fr", "fr/"), ("en", "en/")):
        html = (built_site / prefix / "praktijken" / "gent-ankerkracht" / "index.html").read_text(encoding="utf-8")
        assert as_shown(t("stale_badge", lang, date="2016"), lang) in html
        assert t("checked", lang) in html
        overview = (built_site / prefix / "praktijken" / "index.html").read_text(encoding="utf-8")
        assert 'name="actualiteit" value="verouderd"' in overview and 'data-actualiteit="verouderd"' in overview
    has_history = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--", "docs/over.md"], capture_output=True, text=True).stdout
    over = (built_site / "over" / "index.html").read_text(encoding="utf-8")
    assert ("kb-changed" in over) == bool(has_history)


# --- Contact privacy -------------------------------------------------------------------------------

def personal_contacts():
    practices = load_practices()  # the records as written, before any privacy setting
    contacts = [c for p in practices for c in (*p.contacts, *(c for s in p.subprojects for c in s.contacts))]
    return [c for c in contacts if c.kind == "persoon"]


def traces(contact) -> list[str]:
    """Every form in which a person's e-mail address or phone number could appear in the output."""
    found = []
    for address in contact.emails:
        user, _, domain = address.partition("@")
        found += [address, codecs.encode(address, "rot13"), f"{user}<span class=\"kb-at\">"]
    for phone in contact.phones:
        found += [phone, "tel:+32" + re.sub(r"\D", "", phone)[1:]]
    return found


def test_the_default_build_publishes_the_sources_contacts_with_their_basis(built_site):
    html = (built_site / "praktijken" / "gent-ankerkracht" / "index.html").read_text(encoding="utf-8")
    person = next(c for p in build.load() if p.slug == "gent-ankerkracht" for c in p.contacts)
    assert all(trace in html for trace in traces(person)[1:2] + [person.phones[0]])
    assert t("basis_source", "nl", date="2016") in html


@pytest.fixture(scope="module")
def strict_site(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("KENNISBANK_PRIVACY", "strikt")
    site = tmp_path_factory.mktemp("strict") / "site"
    build.build_site(ROOT, site)
    yield site
    monkeypatch_module.delenv("KENNISBANK_PRIVACY")
    build.generate_pages(force=True)  # leave docs/praktijken/ as the default build wrote it


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_strict_privacy_removes_personal_contacts_from_html_search_index_pdfs_and_exports(strict_site):
    people = personal_contacts()
    assert people and any(c.emails for c in people) and any(c.phones for c in people)
    forbidden = [trace for person in people for trace in traces(person)]
    leaks = []
    for path in strict_site.rglob("*"):
        if path.is_dir():
            continue
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            text = "\n".join(page.extract_text() for page in reader.pages)
            text += " ".join(str(a.get_object().get("/A", {}).get("/URI", "")) for page in reader.pages
                             for a in page.get("/Annots") or [])
        elif "pagefind" in path.parts and path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
            text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        elif path.suffix in (".html", ".xml", ".json", ".jsonld", ".csv", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
        else:
            continue
        leaks += [(path.relative_to(strict_site).as_posix(), trace) for trace in forbidden if trace in text]
    assert not leaks, leaks[:10]
    assert (strict_site / "data" / "praktijken-nl.csv").exists() and (strict_site / "data" / "praktijken.json").exists()
    html = (strict_site / "praktijken" / "gent-ankerkracht" / "index.html").read_text(encoding="utf-8")
    assert t("contact_via", "nl") in html and escape(organisations.name_in("welzijnsbureau Gent Zuid", "nl")[0]) in html
    fiche = PdfReader(strict_site / "pdf" / "praktijken" / "gent-ankerkracht-en.pdf")
    assert t("contact_via", "en") in " ".join(page.extract_text() for page in fiche.pages).replace("\n", " ")


def test_an_unknown_privacy_setting_is_refused(monkeypatch):
    monkeypatch.setenv("KENNISBANK_PRIVACY", "streng")
    with pytest.raises(build.DataError, match="strikt"):
        build.load()


# --- GitHub files ----------------------------------------------------------------------------------

def makefile_targets() -> set[str]:
    return set(re.findall(r"^([A-Za-z0-9_-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def test_workflow_is_valid_yaml_and_runs_only_existing_make_targets():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "kennisbank.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = [step["run"] for step in steps if "run" in step]
    assert commands, "the workflow runs the Makefile"
    for command in commands:
        match = re.fullmatch(r"make ([a-z-]+)", command.strip())
        assert match and match.group(1) in makefile_targets(), command
    ran = [c.split()[1] for c in commands]
    assert {"check-github", "site", "test", "links", "preview"} <= set(ran)
    uses = [step["uses"] for step in steps if "uses" in step]
    assert any(u.startswith("actions/upload-artifact") for u in uses) and any(u.startswith("actions/deploy-pages") for u in uses)
    triggers = workflow[True]  # PyYAML reads the key `on:` as the boolean True (YAML 1.1)
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]


ACTIONLINT = Path(sys.executable).with_name("actionlint")


def test_every_workflow_passes_actionlint():
    assert ACTIONLINT.exists(), "actionlint comes with requirements-dev.txt (make install)"
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {path.name for path in workflows} >= {"kennisbank.yml", "van-issue.yml"}
    # -shellcheck= and -pyflakes=: the same result on every machine, whatever it has on PATH.
    result = subprocess.run([ACTIONLINT, "-format", "{{json .}}", "-shellcheck=", "-pyflakes=", *workflows],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in (0, 1) and result.stdout.strip(), result.stdout + result.stderr
    findings = json.loads(result.stdout)
    assert not findings, "\n".join(f"{e['filepath']}:{e['line']}:{e['column']}: {e['message']}" for e in findings)


def test_actionlint_catches_a_script_injection(tmp_path):
    """The check above can fail: the mistake this workflow avoids is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: {issues: {types: [labeled]}}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.issue.body }}\"\n", encoding="utf-8")
    result = subprocess.run([ACTIONLINT, "-shellcheck=", "-pyflakes=", bad], capture_output=True, text=True)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


def van_issue_workflow() -> tuple[dict, str]:
    text = (ROOT / ".github" / "workflows" / "van-issue.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text), text


def test_the_issue_workflow_runs_on_the_label_and_never_puts_issue_text_in_a_script():
    from kennisbank.contrib.issue_form import CONVERT_LABEL

    workflow, text = van_issue_workflow()
    assert workflow[True] == {"issues": {"types": ["labeled"]}}  # PyYAML reads `on:` as True
    (job,) = workflow["jobs"].values()
    assert job["if"] == f"github.event.label.name == '{CONVERT_LABEL}'"
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write", "actions": "write"}
    steps = job["steps"]
    for step in steps:
        assert "${{" not in step.get("run", ""), step.get("name")  # data reaches scripts only as env
    def strings(node):
        if isinstance(node, dict):
            return [s for value in node.values() for s in strings(value)]
        return [s for value in node for s in strings(value)] if isinstance(node, list) else [str(node)]

    assert not [s for s in strings(workflow) if re.search(r"\$\{\{[^}]*issue\.body", s)], "the body is read from the event file"
    assert '"$GITHUB_EVENT_PATH"' in text and ".issue.body" in text
    uses = [step["uses"] for step in steps if "uses" in step]
    assert all(re.fullmatch(r"actions/[a-z-]+@v\d+", u) for u in uses), uses
    assert {u.split("@")[0] for u in uses} == {"actions/checkout", "actions/setup-python"}
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "make install" in runs and "install" in makefile_targets()
    assert re.search(r"-m kennisbank van-issue --body ", runs) and "--summary" in runs and "--issue-number" in runs
    assert job["env"]["BRANCH"] == "praktijk/issue-${{ github.event.issue.number }}"
    assert 'echo "Closes #$ISSUE_NUMBER"' in runs and "gh pr create" in runs and "gh issue comment" in runs
    # The pull request is opened with GITHUB_TOKEN, which starts no pull_request workflow: the full
    # check is started by hand, so kennisbank.yml must keep accepting workflow_dispatch.
    assert "gh workflow run kennisbank.yml" in runs
    checks = yaml.safe_load((ROOT / ".github" / "workflows" / "kennisbank.yml").read_text(encoding="utf-8"))
    assert "workflow_dispatch" in checks[True]


def test_the_issue_workflows_converter_options_exist():
    """Every option the workflow passes to `van-issue` is one the command accepts."""
    _, text = van_issue_workflow()
    help_text = run_cli("van-issue", "--help").stdout
    for option in set(re.findall(r"(--[a-z-]+)", text[text.index("van-issue --body"):].split("echo")[0])):
        assert option in help_text, option


def test_pull_request_template_and_contributing_guide_exist_in_three_languages():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "make check" in template and "Français" in template and "English" in template
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needle in ("make nieuw", "data/sjabloon-praktijk.yaml", "redhat.vscode-yaml", "--taal fr", "grondslag",
                   "Contribuer en français", "Contributing in English"):
        assert needle in guide, needle
    assert json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"] == ["redhat.vscode-yaml"]


def test_every_practice_page_links_its_record_for_editing(built_site):
    for practice in build.load():
        html = (built_site / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
        assert f"/edit/main/data/praktijken/{practice.slug}.yaml" in html
    over = (built_site / "over" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/docs/over.md" in over
