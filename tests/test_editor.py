"""The web editor (/beheer/, Decap CMS): its form is the schema's, its files are the record writer's,
and a practice made in it in a real Chromium lands, passes the check and gets its page.

1. The configuration (kennisbank/contrib/cms_config.py) against the schema: every field with its
   Dutch label and help text, the required set, the selects against the vocabularies and the
   gazetteer, the patterns against the check's own verdicts; the site serves exactly that.
2. The record format (kennisbank/contrib/editor_assets/record_format.js), run in Node: every real
   record is read as PyYAML reads it and written as kennisbank/contrib/record_writer.py writes it;
   awkward texts too; a record saved without a change is the same file.
3. In Chromium on the local backend: decap-server on a throw-away copy of the repository
   (GIT_REPO_DIRECTORY; the real data/ is never written), a practice made through the form lands
   as a YAML file that passes the check unchanged and shows in a build of that copy; an invalid
   e-mail address is refused before anything is saved; editing one field of a record written by
   hand changes only that field's lines.
4. The editor's pages: in nl, fr and en, out of search, sitemap and feeds, accessible around the CMS.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kennisbank import build
from kennisbank.bench import copy_project
from kennisbank.contrib import cms_config, editor_server, record_writer
from kennisbank.paths import ROOT
from kennisbank.records import vocabulary
from kennisbank.records.places import gazetteer
from kennisbank.records.validation import EMAIL_PATTERN, PHONE_DIGITS, PHONE_PATTERN, resolve, schema, validate

from conftest import guarded_context
import editor_form as ui

RUN_FORMAT = Path(__file__).parent / "editor" / "run_format.js"
RECORDS = sorted(p for p in (ROOT / "data" / "praktijken").glob("*.yaml") if not p.name.startswith("_"))
FIXTURE = Path(__file__).parent / "fixtures" / "lier-buddyproject-nieuwkomers.yaml"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


# --- 1. The configuration is the schema's ------------------------------------------------------------

def schema_fields(node: dict, path: str = ""):
    """(dotted path, property, required) of every field in the schema, through lists, oneOf and $refs."""
    node = resolve(node)
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        dotted = f"{path}.{name}" if path else name
        yield dotted, prop, name in required
        yield from _inner(resolve(prop), dotted)


def _inner(node: dict, path: str):
    if "items" in node:
        yield from _inner(resolve(node["items"]), path)
    for branch in node.get("oneOf", []):
        yield from schema_fields(branch, path)
    if "properties" in node:
        yield from schema_fields(node, path)


def form_fields(fields: list[dict], path: str = ""):
    """(dotted path, field) of every form field, through objects, lists and typed blocks."""
    for field in fields:
        dotted = f"{path}.{field['name']}" if path else field["name"]
        yield dotted, field
        yield from form_fields(field.get("fields", []), dotted)
        for kind in field.get("types", []):
            yield from form_fields(kind["fields"], dotted)


@pytest.fixture(scope="module")
def config() -> dict:
    return cms_config.config()


@pytest.fixture(scope="module")
def form(config) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path, field in form_fields(config["collections"][0]["fields"]):
        found.setdefault(path, field)
    return found


def dutch(prop: dict) -> str:
    return prop.get("description", "").split("\n\n(EN)")[0].strip()


def test_every_schema_field_is_in_the_form_with_its_dutch_label_and_help(form):
    in_schema = {path: prop for path, prop, _ in schema_fields(schema())}
    assert set(in_schema) <= set(form), sorted(set(in_schema) - set(form))
    for path, prop in in_schema.items():
        field = form[path]
        if "x-vertaling-van" in prop:
            original = path.rsplit(".", 1)[0] + "." + prop["x-vertaling-van"] if "." in path else prop["x-vertaling-van"]
            language = {"fr": "Frans", "en": "Engels"}[path.rsplit("_", 1)[1]]
            assert field["label"] == f"{in_schema[original]['title']} ({language})", path
        else:
            assert prop.get("title"), f"{path}: the schema gives this field no Dutch title"
            assert field["label"] == prop["title"], path
        assert field["hint"].startswith(dutch(prop) or dutch(resolve(prop))), path


def test_translations_stand_right_after_their_dutch_field(config):
    def check(fields):
        names = [f["name"] for f in fields]
        for index, name in enumerate(names):
            base = name.rsplit("_", 1)[0]
            if name.endswith(("_fr", "_en")) and base in names:
                between = names[names.index(base) + 1:index]
                assert between in ([], [f"{base}_fr"]), (name, between)
        for field in fields:
            check(field.get("fields", []))
            for kind in field.get("types", []):
                check(kind["fields"])
    check(config["collections"][0]["fields"])


def test_the_form_requires_what_the_schema_requires(form):
    """Required in the form = required by the schema, except a list that may stay empty (partners: [])
    and the fields of an optional block (Decap would demand them of an empty block); the record
    format still writes every required key."""
    for path, prop, required in schema_fields(schema()):
        field = form[path]
        node = resolve(prop)
        assert bool(field.get("record", {}).get("required")) == required, path
        parents = [form[".".join(path.split(".")[:i])] for i in range(path.count("."), 0, -1)]  # nearest first
        in_optional_block = False
        for parent in parents:  # up to the nearest list: a list item exists only when she adds one
            if parent["widget"] == "list":
                break
            in_optional_block = in_optional_block or not parent["required"]
        may_stay_empty = node.get("type") == "array" and not node.get("minItems")
        assert field["required"] == (required and not may_stay_empty and not in_optional_block), path
        if node.get("minItems"):
            assert field.get("min") == node["minItems"], path


def test_selects_offer_the_vocabularies_and_every_municipality(form):
    for name in ("thema", "doelgroepen"):
        terms = vocabulary.load(name)
        options = form[name]["options"]
        assert form[name]["widget"] == "select" and form[name]["multiple"]
        assert [o["value"] for o in options] == schema()["properties"][name]["items"]["enum"] == terms.ids()
        assert [o["label"] for o in options] == [terms[i].label("nl") for i in terms.ids()]
    municipalities = {o["value"] for o in form["werkgebied.gemeente"]["options"]}
    places = gazetteer()
    assert {m.name("nl") for m in places.municipalities.values()} <= municipalities
    assert {f.name for f in places.former.values()} <= municipalities, "former names the check accepts"
    assert all(places.municipality(name) or places.former_name(name) for name in municipalities)
    assert {o["value"] for o in form["werkgebied.provincie"]["options"]} == {t.label("nl") for t in vocabulary.load("provincies")}
    assert {o["value"] for o in form["werkgebied.regio"]["options"]} == {t.label("nl") for t in vocabulary.load("regios")}
    for path, prop, _ in schema_fields(schema()):
        enum = resolve(prop).get("enum") or resolve(resolve(prop).get("items", {})).get("enum")
        if enum:
            assert [o["value"] for o in form[path]["options"]] == enum, path


def _js_matches(pattern: str, samples: list[str]) -> list[bool]:
    script = "const [p, s] = JSON.parse(process.argv[1]); console.log(JSON.stringify(s.map(x => new RegExp(p).test(x))))"
    result = subprocess.run(["node", "-e", script, json.dumps([pattern, samples])], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_forms_formats_accept_and_refuse_what_the_check_does(form):
    emails = ["naam@gemeente.be", "a.b-c+d@stad.antwerpen.be", "naam@gemeente", "naam gemeente.be", "mailto:x@y.be",
              "x@y.b", "jessie.vandenheuvel"]
    email_field = form["contact.email"]["field"]
    assert _js_matches(email_field["pattern"][0], emails) == [bool(EMAIL_PATTERN.match(e)) for e in emails]
    phones = ["011 22 33 44", "+32 11 22 33 44", "0471 58 03 87", "02 304.48.45", "12345", "011-22-33-44-55-66-77-88",
              "tel 011 22 33 44", "+32 (0)3 212 28 89"]
    phone_check = [bool(PHONE_PATTERN.match(p)) and sum(c.isdigit() for c in p) in PHONE_DIGITS for p in phones]
    assert _js_matches(form["contact.telefoon"]["field"]["pattern"][0], phones) == phone_check
    dates = ["2016", "2015-12", "2015-12-01", "2015-13", "15-12-2015", "2015-12-32"]
    date_rule = re.compile(schema()["properties"]["laatst_gecontroleerd"]["pattern"])
    assert _js_matches(form["laatst_gecontroleerd"]["pattern"][0], dates) == [bool(date_rule.match(d)) for d in dates]
    long_title = "x" * (schema()["properties"]["titel"]["maxLength"] + 1)
    assert _js_matches(form["titel"]["pattern"][0], ["Kort", long_title]) == [True, False]
    slugs = ["lier-buddy", "Lier-buddy", "lier--buddy", "l" * 81]
    assert _js_matches(form["slug"]["pattern"][0], slugs) == [True, False, False, False]


def test_the_collection_saves_records_where_the_check_reads_them(config):
    collection = config["collections"][0]
    assert collection["folder"] == "data/praktijken" and collection["extension"] == "yaml"
    assert collection["format"] == collection["record"]["format"] == cms_config.RECORD_FORMAT
    assert collection["record"]["modeline"] == record_writer.MODELINE
    assert config["backend"]["repo"] == cms_config.repository() and config["backend"]["name"] == "github"
    assert config["publish_mode"] == "editorial_workflow" and config["backend"]["open_authoring"] is True


def test_the_site_serves_the_configuration_the_schema_generates_now(built_site):
    served = (built_site / cms_config.EDITOR_PATH / "config.json").read_text(encoding="utf-8")
    assert json.loads(served) == cms_config.config()
    assert served == cms_config.config_json()


def test_the_cli_prints_the_same_configuration():
    result = subprocess.run([sys.executable, "-m", "kennisbank", "beheer", "--config"], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert json.loads(result.stdout) == cms_config.config()


# --- 2. The record format writes what the Python writer writes -----------------------------------------

def run_format(records: dict[str, str] | None = None, data: dict | None = None) -> dict:
    payload = {"config": cms_config.config(), "modeline": record_writer.MODELINE, "records": records or {}, "data": data or {}}
    result = subprocess.run(["node", str(RUN_FORMAT)], input=json.dumps(payload), capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def formatted() -> dict:
    texts = {path.name: path.read_text(encoding="utf-8") for path in RECORDS + [FIXTURE]}
    canonical = {f"canonical-{name}": record_writer.dumps(yaml.safe_load(text)) for name, text in texts.items()}
    return {"texts": {**texts, **canonical}, "out": run_format({**texts, **canonical})["records"]}


def test_there_are_records_to_compare(formatted):
    assert len(RECORDS) > 1 and len(formatted["out"]) == 2 * (len(RECORDS) + 1)


def test_the_editor_reads_every_record_as_the_build_does(formatted):
    for name, text in formatted["texts"].items():
        assert formatted["out"][name]["parsed"] == yaml.safe_load(text), name


def test_the_editor_writes_every_record_as_the_python_writer_does(formatted):
    for name, text in formatted["texts"].items():
        assert formatted["out"][name]["fresh"] == record_writer.dumps(yaml.safe_load(text)), name


def test_a_record_saved_without_a_change_is_the_same_file(formatted):
    for name, text in formatted["texts"].items():
        assert formatted["out"][name]["saved"] == text, name


# Texts whose quoting or block form is easy to get wrong: YAML 1.1 and 1.2 look-alikes, indicators,
# numbers a person reads, line breaks, characters YAML does not allow bare.
AWKWARD = ["yes", "No", "on", "OFF", "y", "~", "null", "=", "<<", "1_000", "0o17", "0x1F", "1:30", "1.5", "-.inf", ".NaN",
           "2026-11-23", "2023-03", "03 000 00 00", "+32 3 000 00 00", "2001-12-14t21:59:43.10-05:00", "a: b", "a:b",
           "abc:", "a #b", "a#b", "#a", "-a", "- a", "?a", "? a", ":a", "[a]", "a]", "{a}", "a,b", "&a", "*a", "!a",
           "|a", ">a", "'a'", '"a"', "%a", "@a", "`a", " a", "a ", "a\tb", "é", "\u00a0a", "a\u2028b", "a\x85b",
           "\ufeffa", "emoji 😀", "\x00", "\x7f", "---", "...", "a\nb", "a\n", "a\n\n", "\na", "\n a", "  a\nb",
           "a\n  b\n", "a  \nb", " \n", "a\r\nb", "line\n\n\nx\n", "#x\ny", "- x\n- y", "100 %", "C++", "a\\b",
           "Null island", "0.5", "-1", "1e5", "0b101", "08", "09:30", "12:30:45"]
NUMBERS = [0, 7, 250000, 1.5, 0.25, 0.0001, 1.5e-7, 12345.678, 2.5e-5]


def test_awkward_texts_and_numbers_are_written_as_the_python_writer_does():
    record = {"slug": "x", "trefwoorden": AWKWARD,
              "deelprojecten": [{"titel": text, "trekker": [text]} for text in AWKWARD if "\n" in text],
              "budget": {"tekst": "x", "bedragen": [{"waarde": n, "eenheid": "euro"} for n in NUMBERS]}}
    written = run_format(data={"awkward": record})["data"]["awkward"]
    assert written == record_writer.dumps(record)
    assert yaml.safe_load(written) == record


# --- 3. In Chromium, on the local backend -------------------------------------------------------------

@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    """A throw-away copy of the repository under git, with every record: decap-server writes here."""
    project = copy_project(tmp_path_factory.mktemp("editor") / "project")
    for path in RECORDS:
        shutil.copy2(path, project / "data" / "praktijken" / path.name)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org", "-C", str(project)]
    subprocess.run(git[:1] + ["init", "-q", str(project)], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "copy"], check=True)
    return project


@pytest.fixture(scope="module")
def proxy(repository, tmp_path_factory):
    with socket_port() as port:
        pass
    log = (tmp_path_factory.mktemp("decap-server") / "decap-server.log").open("w")
    process = editor_server.start_proxy(repository, port, log=log)
    yield port
    process.terminate()
    process.wait(timeout=10)
    log.close()


class socket_port:
    """A free port on 127.0.0.1 (closed again before decap-server takes it)."""

    def __enter__(self) -> int:
        import socket
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        return self.socket.getsockname()[1]

    def __exit__(self, *exc):
        self.socket.close()


@pytest.fixture
def editor(browser, site_url, proxy):
    """A tab on /beheer/ that talks to decap-server; any request off this machine fails the test."""
    context, outside = guarded_context(browser, (site_url, f"http://127.0.0.1:{proxy}/", "data:"),
                                       viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.editor_url = f"{site_url}/{cms_config.EDITOR_PATH}/?poort={proxy}"
    ui.log_in(tab, tab.editor_url)
    yield tab
    context.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"


PRACTICE = {"slug": "lier-praktijk-uit-de-webeditor", "titel": "Lier: een praktijk uit de webeditor",
            "samenvatting": "Een buddy helpt een nieuwkomer een jaar lang de weg te vinden in de stad.",
            "beschrijving": "Een vrijwilliger en een nieuwkomer spreken elke week af.\n\n- samen naar de bib\n- samen naar de sportclub",
            "gemeente": "Lier", "thema": ["Welzijn"], "doelgroepen": ["Nieuwkomers"],
            "trekker": ["dienst Samenleving, stad Lier"], "aangeleverd_door": "dienst Samenleving, stad Lier",
            "datum": "2026-11-23", "niet_in_bron": ["Budget"], "laatst_gecontroleerd": "2026-11-23",
            "gecontroleerd_door": "dienst Samenleving, stad Lier"}


def new_practice(editor, practice: dict, email: str) -> None:
    editor.goto(f"{editor.editor_url}#/collections/{cms_config.COLLECTION}/new")
    ui.fill_new_practice(editor, practice)
    ui.add_item(editor, "contact")
    ui.choose(editor, "Soort contact", "functie")
    ui.field(editor, "Organisatie").fill(practice["aangeleverd_door"])
    ui.add_text_item(editor, "E-mail", email)


def test_a_practice_made_in_the_form_lands_passes_the_check_and_gets_its_page(editor, site_url, repository):
    new_practice(editor, PRACTICE, "samenleving@lier.be")
    ui.publish(editor)
    written = repository / "data" / "praktijken" / f"{PRACTICE['slug']}.yaml"
    ui.saved(editor, written)
    text = written.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert text.splitlines()[0] == record_writer.MODELINE
    assert text == record_writer.dumps(data), "the record writer's own form: key order, quoting, blocks"
    assert data["werkgebied"] == [{"gemeente": "Lier"}] and data["thema"] == ["welzijn"] and data["partners"] == []
    assert data["contact"] == [{"soort": "functie", "organisatie": PRACTICE["aangeleverd_door"], "email": "samenleving@lier.be"}]
    assert data["bron"] == {"aangeleverd_door": PRACTICE["aangeleverd_door"], "datum": PRACTICE["datum"]}
    result = validate([written], repository)
    assert not result.problems, [p.format() for p in result.problems]
    assert written.read_text(encoding="utf-8") == text, "the check changes nothing"
    # The preview: a build of that copy has the practice's page.
    build.build_site(repository, repository / "site", index=False, pdf=False)
    page = (repository / "site" / "praktijken" / PRACTICE["slug"] / "index.html").read_text(encoding="utf-8")
    assert "een praktijk uit de webeditor" in page and "samen naar de sportclub" in page
    assert not editor.errors, editor.errors


def test_an_invalid_email_is_refused_before_anything_is_saved(editor, site_url, repository):
    practice = dict(PRACTICE, slug="lier-ongeldig-adres", titel="Lier: een ongeldig adres")
    new_practice(editor, practice, "samenleving-at-lier.be")
    ui.publish(editor)
    message = ui.error_for(editor, "naam@domein.be")
    assert "e-mail" in message.lower() and "patroon" in message.lower(), message
    editor.wait_for_timeout(1500)  # what a save would have taken
    assert not (repository / "data" / "praktijken" / f"{practice['slug']}.yaml").exists()


def test_editing_one_field_of_a_hand_written_record_changes_only_that_field(editor, site_url, repository):
    record = next(p for p in RECORDS if record_writer.dumps(yaml.safe_load(p.read_text(encoding="utf-8")))
                  != p.read_text(encoding="utf-8"))
    slug = record.stem
    before = (repository / "data" / "praktijken" / record.name).read_text(encoding="utf-8")
    editor.goto(f"{editor.editor_url}#/collections/{cms_config.COLLECTION}/entries/{slug}")
    title = ui.field(editor, "Titel", top=True)
    title.wait_for()
    # Under load the form can show before the entry is loaded into it: edit only the loaded record.
    old_title = yaml.safe_load(before)["titel"]
    editor.wait_for_function("([el, value]) => el.value === value", arg=[title.element_handle(), old_title],
                             timeout=60_000)
    title.fill(old_title + " (bijgewerkt)")
    ui.publish(editor)
    path = repository / "data" / "praktijken" / record.name
    ui.saved(editor, path, before)
    after = path.read_text(encoding="utf-8")
    diff = subprocess.run(["git", "-C", str(repository), "diff", "--unified=0", "--", f"data/praktijken/{record.name}"],
                          capture_output=True, text=True, check=True).stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len([line for line in changed if line.startswith("-")]) == 1, diff
    assert all(line[1:].startswith("titel:") for line in changed), diff
    assert yaml.safe_load(after) == dict(yaml.safe_load(before), titel=yaml.safe_load(before)["titel"] + " (bijgewerkt)")
    assert not validate([path], repository).problems


# --- 4. The editor's pages -------------------------------------------------------------------------------

def test_the_editor_has_a_page_in_every_language(built_site):
    for lang in vocabulary.LANGUAGES:
        html = (built_site / vocabulary.url_prefix(lang) / cms_config.EDITOR_PATH / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html and '<meta name="robots" content="noindex, nofollow">' in html
        assert '<main id="nc-root"' in html and "<noscript>" in html
        for script in re.findall(r'<script src="([^"]+)"', html):
            assert (built_site / vocabulary.url_prefix(lang) / cms_config.EDITOR_PATH / script).resolve().is_file(), script
        assert "cdn" not in html.lower() and "https://unpkg" not in html


def test_the_editor_is_out_of_search_sitemap_and_feeds(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/beheer/" not in sitemap
    for feed in built_site.rglob("*.xml"):
        assert "/beheer/" not in feed.read_text(encoding="utf-8"), feed
    fragments = list((built_site / "pagefind").rglob("*"))
    assert fragments
    for lang in vocabulary.LANGUAGES:
        html = (built_site / vocabulary.url_prefix(lang) / cms_config.EDITOR_PATH / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in html


def test_the_page_around_the_editor_passes_axe_in_every_language(browser, site_url):
    """The CMS's own interface (#nc-root) is third-party React (Decap CMS) and is left out of the
    audit; the page around it (language, title, heading, links, the header) must have no violation."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (npm ci installs it from package-lock.json)")
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    tab = context.new_page()
    try:
        for lang in vocabulary.LANGUAGES:
            tab.goto(f"{site_url}/{vocabulary.url_prefix(lang)}{cms_config.EDITOR_PATH}/")
            tab.get_by_role("button", name=re.compile(r"^(Inloggen|Se connecter|Login|Log in)", re.I)).first.wait_for(
                timeout=ui.LOAD_TIMEOUT_MS)
            tab.add_script_tag(path=str(AXE))
            violations = tab.evaluate("""async () => {
                const result = await axe.run({ exclude: [["#nc-root"]] }, { runOnly: { type: "tag",
                    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
                return result.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target) }));
            }""")
            assert not violations, (lang, violations)
            assert tab.locator("html").get_attribute("lang") == lang
    finally:
        context.close()
