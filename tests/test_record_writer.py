"""The one writer of records (kennisbank/contrib/record_writer.py): every real record survives a round trip.

Read a record as the check reads it, write it, read it back: the same data, no problem, and the
check accepts it. Write it again: the same text, so a tool that rewrites a record changes only
what it changed. The record list is read from data/praktijken/, never pinned.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from kennisbank.contrib import record_writer
from kennisbank.model import load_files
from kennisbank.paths import RECORDS_DIR, SCHEMA_PATH
from kennisbank.records.validation import schema
from kennisbank.records.yamlsource import read_record

FIXTURE = Path(__file__).parent / "fixtures" / "lier-buddyproject-nieuwkomers.yaml"
RECORDS = sorted(p for p in RECORDS_DIR.glob("*.yaml") if not p.name.startswith("_")) + [FIXTURE]


@pytest.fixture(scope="module")
def rewritten(tmp_path_factory) -> dict[Path, Path]:
    """Every record, written by the writer into a copy of data/praktijken/."""
    folder = tmp_path_factory.mktemp("project") / "data" / "praktijken"
    copies = {}
    for path in RECORDS:
        copies[path] = record_writer.write(read_record(path, path.name).data, folder / path.name)
    return copies


def test_there_are_records_to_round_trip():
    assert len(RECORDS) > 1 and RECORDS[0].parent == RECORDS_DIR


def test_every_record_reads_back_as_the_same_data(rewritten):
    for original, copy in rewritten.items():
        before, after = read_record(original, original.name), read_record(copy, copy.name)
        assert after.problems == [], (original.name, after.problems)
        assert after.data == before.data, original.name


def test_the_written_records_pass_the_check(rewritten):
    practices = load_files(list(rewritten.values()), next(iter(rewritten.values())).parents[2])
    assert sorted(p.slug for p in practices) == sorted(path.stem for path in rewritten)


def test_writing_is_canonical(rewritten):
    for copy in rewritten.values():
        text = copy.read_text(encoding="utf-8")
        assert record_writer.dumps(read_record(copy, copy.name).data) == text, copy.name


def test_the_form_modeline_keys_in_schema_order_blocks_and_lists(rewritten):
    order = list(schema()["properties"])
    for copy in rewritten.values():
        text = copy.read_text(encoding="utf-8")
        lines = text.splitlines()
        assert lines[0] == record_writer.MODELINE
        top = [line.split(":")[0] for line in lines[1:] if re.match(r"^[a-z_]+:", line)]
        assert top == sorted(top, key=order.index), copy.name
        events = list(yaml.parse(text))
        assert not any(isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) for e in events), copy.name
        assert not re.search(r"^\s*[a-z_]+: \[.+\]$", text, re.M), "non-empty lists in block style"
        assert text.endswith("\n") and not text.endswith("\n\n")
        data = read_record(copy, copy.name).data
        assert ("beschrijving: |" in text) == ("\n" in data["beschrijving"].rstrip("\n")), copy.name


def test_the_modeline_finds_the_schema_from_data_praktijken():
    target = re.search(r"\$schema=(\S+)", record_writer.MODELINE).group(1)
    assert (RECORDS_DIR / target).resolve() == SCHEMA_PATH


def test_the_lier_record_is_written_as_a_person_would_write_it(rewritten):
    text = rewritten[FIXTURE].read_text(encoding="utf-8")
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    assert f"titel: {data['titel']}\n" in text  # plain where YAML allows it
    assert f'start: "{data["periode"]["start"]}"' in text  # a month looks like a number: quoted
    assert f'telefoon: "{data["contact"][0]["telefoon"]}"' in text
    assert f'laatst_gecontroleerd: "{data["laatst_gecontroleerd"]}"' in text
    assert "werkgebied:\n  - gemeente: Lier\n" in text
    assert "  bedragen:\n    - waarde: 25000\n      eenheid: euro\n      per: jaar\n" in text


@pytest.mark.parametrize("value", [
    "yes", "no", "on", "null", "~", "true", "2016", "2026-11-23", "2023-03", "1e3", "0x1F", "12:30", ".inf",
    "- begint met een streepje", "-", "# geen commentaar", "a: b", "a #b", "@x", "`x`", "*alias", "&anker x",
    "!tag", "%", "'quote", '"dubbel', "[lijst]", "{blok}", "", " spatie vooraan", "spatie achteraan ", "tab\tin",
    "met\u00a0harde spatie", "x\u2028y", "\x07bel", "\ufeffbom", "émile", "Zoë's taalcafé", "ok: nee",
    "eerste regel\ntweede regel", "eerste\n\n\nna lege regels\n\n", "  ingesprongen\nregel", "\n", "a\r\nb",
    "eindigt zonder\nnieuwe regel", "regel met spatie achteraan \nvolgende",
])
def test_any_text_reads_back_as_itself(value, tmp_path):
    record = {"slug": "x", "titel": value, "resultaten": [value, value], "deelprojecten": [{"titel": value, "beschrijving": value}]}
    text = record_writer.dumps(record)
    for loader in (yaml.SafeLoader, yaml.BaseLoader):  # YAML 1.1 with implicit types, and without
        assert yaml.load(text, Loader=loader) == record, (loader, text)
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_record(path, "x.yaml").data == record


def test_numbers_booleans_and_empty_values(tmp_path):
    record = {"slug": "x", "budget": {"tekst": "t", "bedragen": [{"waarde": 1.5, "eenheid": "vte"},
                                                                  {"waarde": 25000, "tot": 1e16, "eenheid": "euro"}]},
              "periode": {"lopend": True}, "partners": [], "vertalingen": {}}
    text = record_writer.dumps(record)
    assert yaml.safe_load(text) == record
    assert "partners: []" in text and "vertalingen: {}" in text and "lopend: true" in text


def test_a_date_object_is_refused_with_a_hint():
    import datetime as dt

    with pytest.raises(TypeError, match="dates are text"):
        record_writer.dumps({"laatst_gecontroleerd": dt.date(2026, 11, 23)})


def test_keys_the_schema_does_not_know_come_last():
    """Keys the schema does not know are kept, after the known ones, so the check can name them."""
    text = record_writer.dumps({"onbekend": 1, "titel": "T", "slug": "s"})
    assert text.splitlines()[1:] == ["slug: s", "titel: T", "onbekend: 1"]
