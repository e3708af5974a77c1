"""The knowledge base holds every practice of the inspiration guide, with its facts carried over.

The expected list is typed from the guide's table of contents ("Goede praktijken en situering",
"Prioritaire beleidsdomeinen") and its list of seven subsidised inter-municipal projects, so a
missing record fails here. Records that cite the guide as their source document are held to it
strictly: contact facts word for word, budgets as published. Records from other sources (a
municipality's own submission, another publication) are not: the contribution gate for them is
`make check`, and the rule-based tests of the site, which every valid record passes.
"""
from __future__ import annotations

import re

import pytest

from kennisbank.model import load_practices
from kennisbank.paths import ROOT
from source_documents import source_text

# The inspiration guide "Van opvang naar samenleven" (2016), as text.
GUIDE_DOCUMENT = "001_6866716a76426abb.txt"

# (table-of-contents title in the guide, record slug). 25 described practices + 6 projects.
GUIDE_PRACTICES = [
    ("Mechelen: een horizontaal integratiebeleid in de praktijk", "mechelen-horizontaal-integratiebeleid"),
    ("Kortrijk: toeleiders tonen de weg via de 1-loketdienst", "kortrijk-toeleiders-in-diversiteit"),
    ("Mechelen: een frisse aanpak voor cultuurparticipatie en talentontwikkeling", "mechelen-cultuurparticipatie-talentontwikkeling"),
    ("Sint-Pieters-Leeuw: onthaalbeleid op maat van een superdiverse samenleving", "sint-pieters-leeuw-onthaalbeleid"),
    ("Regio Halle-Vilvoorde: lokale onthaalgesprekken door ervaringsdeskundigen", "halle-vilvoorde-lokale-onthaalgesprekken"),
    ("Dilbeek: welzijns-campus stemt zorg- en welzijnsvragen beter op elkaar af", "dilbeek-welzijnscampus"),
    ("Maldegem: als landelijke gemeente werk maken van integratie", "maldegem-integratie-landelijke-gemeente"),
    ("Antwerpen: een laagdrempelige plek om Nederlands te oefenen", "antwerpen-open-inloop-taal"),
    ("Gent: taalkansen op de werkvloer", "gent-taalkansen-op-de-werkvloer"),
    ("Regio Middenkempen", "middenkempen-wegwijzer"),
    ("Zuid-West-Vlaanderen", "zuid-west-vlaanderen-w13"),
    ("Sint-Niklaas: een snelle reactie op de komst van een noodopvangcentrum", "sint-niklaas-noodopvangcentrum"),
    ("Turnhout: gecoördineerde aanpak voor onthaal, opvang en integratie van vluchtelingen", "turnhout-vluchtelingen-gecoordineerde-aanpak"),
    ("Gent: werken met vrijwilligers", "gent-werken-met-vrijwilligers"),
    ("Gent: iedereen onder dak", "gent-iedereen-onder-dak"),
    ("Eindhoven: meer en betere huisvesting voor een vlottere integratie", "eindhoven-huisvesting-statushouders"),
    ("Antwerpen: begeleiding voor hooggeschoolde anderstaligen", "antwerpen-connect2work"),
    ("Leuven: doelgericht traject naar een reguliere job", "leuven-sectorspecifieke-opleidingen"),
    ("Antwerpen: analfabetisme en laaggeletterdheid aanpakken", "antwerpen-laaggeletterde-werkzoekenden"),
    ("Oost-Vlaanderen: Mind-Spring als antwoord op psychosociale noden", "oost-vlaanderen-mind-spring"),
    ("Anderlecht, Brussel, Aalst en Dilbeek: integrale aanpak voor een lokale integratie van jonge vluchtelingen", "minor-ndako-jonge-vluchtelingen"),
    ("Gent: multidisciplinaire aanpak op maat van jonge vluchtelingen", "gent-ankerkracht"),
    ("Kortrijk: schakelklas vult leemte in voor anderstalige nieuwkomers", "kortrijk-schakelklas"),
    ("Aalst: netoverschrijdende taalstimuleringsprojecten", "aalst-taalstimuleringsprojecten"),
    ("Genk: werken aan een goede relatie met verschillende geloofsgemeenschappen", "genk-geloofsgemeenschappen"),
    ("Ninove, Zottegem, Herzele, Erpe-Mere, Brakel", "igs-ninove-zottegem-herzele-erpe-mere-brakel"),
    ("Affligem, Liedekerke, Denderleeuw", "igs-affligem-liedekerke-denderleeuw"),
    ("Borsbeek, Aartselaar, Mortsel", "igs-borsbeek-aartselaar-mortsel"),
    ("De Panne, Nieuwpoort, Middelkerke, Koksijde", "igs-westkust"),
    ("Lebbeke, Dendermonde, Buggenhout", "igs-lebbeke-dendermonde-buggenhout"),
    ("Wemmel, Wezembeek-Oppem, Drogenbos, Linkebeek, Sint-Genesius-Rode", "igs-faciliteitengemeenten-participatie"),
]


@pytest.fixture(scope="module")
def all_practices():
    return {p.slug: p for p in load_practices()}


@pytest.fixture(scope="module")
def practices(all_practices):
    """The records whose source is the guide: the strict checks below apply to them."""
    return {slug: p for slug, p in all_practices.items() if p.source.document == GUIDE_DOCUMENT}


@pytest.fixture(scope="module")
def seed_text() -> str:
    # The seed is Markdown extracted from a PDF: drop bold markers and heading marks, fold spaces.
    text = source_text(GUIDE_DOCUMENT).replace("\\_", "_").replace("**", "")
    return re.sub(r"\s+", " ", re.sub(r"(?m)^#+ ", "", text))


def test_every_practice_of_the_guide_has_its_record_citing_the_guide(practices):
    assert len(GUIDE_PRACTICES) == 31  # 25 described practices and 6 subsidised projects, as typed above
    assert sorted(practices) == sorted(slug for _, slug in GUIDE_PRACTICES)


def test_every_guide_title_is_in_the_source(seed_text):
    for title, _ in GUIDE_PRACTICES:
        assert title.split(":")[0] in seed_text, title


def test_every_guide_record_is_translated_and_cites_its_chapter(practices):
    for practice in practices.values():
        for lang in ("fr", "en"):
            for field in ("titel", "samenvatting", "beschrijving"):
                assert practice.texts[field].translation(lang), (practice.slug, lang, field)
            assert practice.texts["titel"].translation(lang) != practice.texts["titel"] or lang == "en", practice.slug
        assert practice.source.publication == "Van opvang naar samenleven"
        assert practice.source.year == 2016 and practice.source.page and practice.source.section


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_email_and_phone_number_appears_verbatim_in_the_source(practices, seed_text):
    lowered = seed_text.lower()
    for practice in practices.values():
        contacts = list(practice.contacts) + [c for sub in practice.subprojects for c in sub.contacts]
        for contact in contacts:
            for address in contact.emails:
                assert address.lower() in lowered, (practice.slug, address)
            for phone in contact.phones:
                assert _normalise(phone) in seed_text, (practice.slug, phone)


def test_every_lead_of_the_described_practices_is_named_in_the_source(practices, seed_text):
    for _, slug in GUIDE_PRACTICES[:25]:
        for lead in practices[slug].leads:
            # A lead is quoted as published; at least its first name-bearing part must be in the source.
            head = _normalise(lead.split(",")[0]).replace(" – ", " – ")
            assert head in seed_text, (slug, lead)


def test_budget_texts_are_as_published(practices, seed_text):
    composed = {"aalst-taalstimuleringsprojecten"} | {slug for _, slug in GUIDE_PRACTICES[25:]}
    for slug, practice in practices.items():
        if slug in composed:
            continue
        assert _normalise(practice.budget.text) in seed_text, slug


@pytest.mark.parametrize("slug, facts", [
    ("halle-vilvoorde-lokale-onthaalgesprekken", {"amounts": [250000, 20], "start": "2009"}),
    # 0.1: the coordinator's "10% van haar tijd", derived and explained under afgeleid.
    ("middenkempen-wegwijzer", {"amounts": [200000, 1, 0.1], "end": "2018-11-30"}),
    ("sint-niklaas-noodopvangcentrum", {"amounts": [100000], "start": "2015-09"}),
    ("gent-iedereen-onder-dak", {"amounts": [1, 140000], "start": "2015-07", "end": "2017-07"}),
    ("leuven-sectorspecifieke-opleidingen", {"amounts": [6600]}),
    ("gent-ankerkracht", {"amounts": [500000, 5]}),
    ("oost-vlaanderen-mind-spring", {"amounts": [600, 1.5]}),
])
def test_structured_amounts_and_dates(practices, slug, facts):
    practice = practices[slug]
    assert [a.value for a in practice.budget.amounts] == facts["amounts"]
    if "start" in facts:
        assert practice.period.start == facts["start"]
    if "end" in facts:
        assert practice.period.end == facts["end"]


def test_aalst_has_its_four_language_projects(practices):
    aalst = practices["aalst-taalstimuleringsprojecten"]
    assert [(s.title, s.budget.amounts[0].value, s.period.start) for s in aalst.subprojects] == [
        ("Taalcoach", 51750, "2006"), ("Alfaklassen", 40000, "2004"), ("TAALst", 30000, "2013"), ("Taalbubbels", 28000, "2008")]
    assert aalst.subprojects[3].contacts[0].emails == ("inburgering@aalst.be",)


def test_former_municipality_borsbeek_maps_to_antwerpen(practices):
    bam = practices["igs-borsbeek-aartselaar-mortsel"]
    borsbeek = bam.areas[0]
    assert (borsbeek.written, borsbeek.label("nl"), borsbeek.label("fr"), borsbeek.former_year) == ("Borsbeek", "Antwerpen", "Anvers", 2025)


def test_eindhoven_is_abroad(practices):
    eindhoven = practices["eindhoven-huisvesting-statushouders"]
    assert eindhoven.abroad and eindhoven.provinces == ()


def test_schema_vocabularies_match_the_vocabulary_files():
    import json

    import yaml
    schema = json.loads((ROOT / "data" / "schema" / "praktijk.schema.json").read_text(encoding="utf-8"))
    for field, vocabulary in (("thema", "thema"), ("doelgroepen", "doelgroepen")):
        terms = yaml.safe_load((ROOT / "data" / "vocabularies" / f"{vocabulary}.yaml").read_text(encoding="utf-8"))
        assert schema["properties"][field]["items"]["enum"] == list(terms), field
        for term in terms.values():
            assert set(term) >= {"nl", "fr", "en"}


def test_schema_describes_every_field_in_dutch_english_and_french():
    import json

    from kennisbank.records import schema_text

    schema = json.loads((ROOT / "data" / "schema" / "praktijk.schema.json").read_text(encoding="utf-8"))

    def descriptions(node, path="#"):
        if isinstance(node, dict):
            if "description" in node:
                yield path, node["description"]
            for key, child in node.items():
                yield from descriptions(child, f"{path}/{key}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                yield from descriptions(child, f"{path}/{index}")

    found = list(descriptions(schema))
    assert {path for path, _ in found} >= {f"#/properties/{name}" for name in schema["properties"]}
    for path, description in found:
        parts = schema_text.description_parts(description)
        assert set(parts) == {"nl", "en", "fr"} and all(parts.values()), (path, description)
        # A French contributor reads French: no English sentence left in the French paragraph.
        assert parts["fr"] != parts["en"], path


def test_every_record_starts_with_the_schema_modeline():
    for path in (ROOT / "data" / "praktijken").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/praktijk.schema.json", path.name
