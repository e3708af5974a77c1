"""The build pipeline's own guards: the search-index count check and refusing bad data."""
from __future__ import annotations

import shutil

import pytest

from kennisbank import build
from kennisbank.paths import ROOT
from kennisbank.site import search


def test_index_count_guard_accepts_the_expected_counts():
    search.check_counts({"nl": 52, "fr": 52, "en": 52}, 52)


@pytest.mark.parametrize("counts, message", [
    ({"nl": 52, "fr": 51, "en": 52}, "taal 'fr': 51 pagina's geïndexeerd, 52 verwacht"),
    ({"nl": 52, "fr": 52}, "taal 'en': 0 pagina's geïndexeerd, 52 verwacht"),
    ({"nl": 52, "fr": 52, "en": 52, "de": 3}, "onverwachte taal in de index: de"),
])
def test_index_count_guard_fails_with_a_fix(counts, message):
    with pytest.raises(search.SearchIndexError) as failure:
        search.check_counts(counts, 52)
    assert message in str(failure.value)
    assert "data-pagefind-body" in str(failure.value), "says where to look"


def test_missing_translation_of_a_hand_written_page_stops_the_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gids.md").write_text("# Gids\n", encoding="utf-8")
    (docs / "gids.fr.md").write_text("# Guide\n", encoding="utf-8")
    assert build.missing_translations(docs) == ["docs/gids.en.md"]


def test_build_command_refuses_a_broken_record_and_builds_nothing(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for relative in ("mkdocs.yml", "overrides", "hooks", "docs", "data"):
        source = ROOT / relative
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / relative,
                                                                **({"ignore": shutil.ignore_patterns("praktijken")} if relative == "docs" else {}))
    record = project / "data" / "praktijken" / "genk-geloofsgemeenschappen.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("email: jessie.vandenheuvel@genk.be", "email: jessie.vandenheuvel"),
                      encoding="utf-8")
    with pytest.raises(build.DataError) as failure:
        build.build_site(project, project / "site")
    assert "data/praktijken/genk-geloofsgemeenschappen.yaml" in str(failure.value)
    assert "contact[0].email: 'jessie.vandenheuvel' is geen geldig e-mailadres" in str(failure.value)
    assert not (project / "site").exists()
    assert not (project / "docs" / "praktijken").exists()


def test_translation_report_lists_untranslated_record_fields():
    """A record without some translations: the report names exactly those fields, in the record's paths."""
    from kennisbank.model import load_practices
    from kennisbank.records import translations
    practices = load_practices()
    practice = next(p for p in practices if len(p.results) > 1)
    data = {key: value for key, value in practice.raw.items() if key not in ("beschrijving_en", "resultaten_fr")}
    data["resultaten_en"] = data["resultaten_en"][:-1]
    missing = translations.missing_in_record(data)
    assert "beschrijving" in missing["en"] and "beschrijving" not in missing["fr"]
    assert "resultaten" in missing["fr"] and "resultaten" in missing["en"], "a shorter list is incomplete too"
    assert not any(path.startswith("herkomst") for paths in missing.values() for path in paths)
    with_subprojects = next(p for p in practices if p.subprojects)
    data = dict(with_subprojects.raw, deelprojecten=[{k: v for k, v in sub.items() if k != "titel_fr"}
                                                     for sub in with_subprojects.raw["deelprojecten"]])
    assert {f"deelprojecten[{i}].titel" for i in range(len(data["deelprojecten"]))} <= set(translations.missing_in_record(data)["fr"])
    assert translations.missing_in_record(practice.raw) == {"fr": [], "en": []}


def test_raw_regions_render_the_same_with_and_without_the_extension():
    import markdown

    from kennisbank.paths import DOCS_DIR
    base = ["attr_list", "admonition", "tables", "toc"]
    page = (DOCS_DIR / "praktijken" / "gent-ankerkracht.fr.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "<!-- kb:raw -->" in page
    plain = markdown.Markdown(extensions=base).convert(page)
    fast = markdown.Markdown(extensions=base + ["kennisbank.site.markdown_raw"]).convert(page)
    strip = lambda html: " ".join(html.replace("<!-- kb:raw -->", "").replace("<!-- /kb:raw -->", "").split())
    assert strip(fast) == strip(plain)
    assert "kb:raw" not in fast
