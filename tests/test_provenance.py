"""Every literal fact stands on the source lines its record cites, and our prose is our own.

The rules are kennisbank.contrib.provenance (literal facts) and kennisbank.contrib.originality (no run of 12
words shared with a source); both read the source documents themselves, not our copy of them.
"""
from __future__ import annotations

import copy

import pytest
import yaml

from kennisbank.contrib import originality, provenance
from kennisbank.paths import DOCS_DIR, RECORDS_DIR, SOURCES_DIR
from source_documents import source_text


def records() -> list[tuple[str, dict]]:
    return [(path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(RECORDS_DIR.glob("[!_]*.yaml"))]


def test_every_literal_fact_stands_on_the_lines_its_record_cites():
    checked, problems = 0, []
    for slug, data in records():
        document = (data.get("bron") or {}).get("document")
        if not document:
            continue  # facts supplied by the organisation itself: their source is the organisation
        checked += 1
        problems += [f"{slug}: {p.path}: {p.message}" for p in provenance.check_record(data, source_text(document))]
    assert checked, "the guide's records cite their source document"
    assert not problems, "\n".join(problems)


def test_the_provenance_check_catches_a_changed_value_and_a_missing_citation():
    slug, data = next((s, d) for s, d in records() if (d.get("herkomst") or {}).get("budget.tekst"))
    document = source_text(data["bron"]["document"])
    changed = copy.deepcopy(data)
    changed["budget"]["tekst"] = changed["budget"]["tekst"].replace("0", "1", 1) + " per jaar"
    assert any(p.path == "budget.tekst" and "niet letterlijk" in p.message for p in provenance.check_record(changed, document))
    untraced = copy.deepcopy(data)
    del untraced["herkomst"]["budget.tekst"]
    assert any(p.path == "budget.tekst" and "geen herkomst" in p.message for p in provenance.check_record(untraced, document))
    elsewhere = copy.deepcopy(data)
    elsewhere["herkomst"]["budget.tekst"] = "1-3"
    assert any(p.path == "budget.tekst" for p in provenance.check_record(elsewhere, document)), slug


def test_normalisation_joins_words_broken_across_lines_and_nothing_more():
    passage = "De stad voor-\nzag 51.750 euro\nvoor het “project”."
    assert "voorzag 51.750 euro" in " ".join(provenance._variants(passage))
    assert '"project"' in provenance.normalise(passage)
    assert "51 750 euro" not in " ".join(provenance._variants(passage)), "a figure written differently is not the same text"


@pytest.fixture(scope="module")
def source_runs():
    documents = sorted(SOURCES_DIR.glob("*.txt"))
    if not documents:
        source_text("001_6866716a76426abb.txt")  # fails, or skips where their absence is declared
    return originality.source_runs([path.read_text(encoding="utf-8") for path in documents])


def test_no_record_repeats_twelve_words_of_a_source(source_runs):
    copied = [(slug, c.where, c.words) for slug, data in records() for c in originality.copied_in_record(data, source_runs)]
    assert not copied, copied


def test_no_hand_written_page_repeats_twelve_words_of_a_source(source_runs):
    pages = [p for p in sorted(DOCS_DIR.rglob("*.md")) if "praktijken" not in p.relative_to(DOCS_DIR).parts]
    copied = [(p.relative_to(DOCS_DIR).as_posix(), c.words) for p in pages for c in originality.copied_in_page(p, source_runs)]
    assert not copied, copied


def test_the_originality_check_catches_a_copied_sentence(source_runs):
    guide = source_text("001_6866716a76426abb.txt").split()
    sentence = " ".join(guide[5000:5000 + originality.RUN + 2])
    assert originality.copied_in_record({"beschrijving": f"Eigen woorden. {sentence} Meer eigen woorden."}, source_runs)
    assert not originality.copied_in_record({"beschrijving": " ".join(guide[5000:5000 + originality.RUN - 2])}, source_runs)
