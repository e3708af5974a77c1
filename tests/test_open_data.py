"""Open data and discovery on the real build: exports, DCAT-AP, JSON-LD, sitemap, feeds, Open Graph."""
from __future__ import annotations

import csv
import html as html_module
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from field_validators import schema_org, shacl_results
from kennisbank import build
from kennisbank.opendata import exports
from kennisbank.paths import ROOT
from kennisbank.records import organisations, vocabulary
from kennisbank.site import discovery
from source_documents import source_text

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}


@pytest.fixture(scope="module")
def practices():
    return sorted(build.load(), key=lambda p: p.slug)


def test_json_export_holds_every_record_and_round_trips_against_the_model(built_site, practices):
    data = json.loads((built_site / "data" / "praktijken.json").read_text(encoding="utf-8"))
    assert data["versie"] == exports.FORMAT_VERSION and data["schema"].endswith("/data/praktijk.schema.json")
    assert (built_site / "data" / "praktijk.schema.json").exists()
    assert [r["slug"] for r in data["praktijken"]] == [p.slug for p in practices]
    for record, practice in zip(data["praktijken"], practices, strict=True):
        for lang in vocabulary.LANGUAGES:
            assert record["teksten"][lang]["titel"] == practice.title(lang)
        assert record["trekker"] == list(practice.leads) and record["partners"] == list(practice.partners)
        assert record["budget"]["tekst"] == practice.budget.text
        assert [a["waarde"] for a in record["budget"]["bedragen"]] == [a.value for a in practice.budget.amounts]
        assert [a["code"] for a in record["werkgebied"]] == [a.key for a in practice.areas]
        assert record["thema"] == list(practice.themes) and record["laatst_gecontroleerd"] == practice.checked
        emails = [e for c in practice.contacts for e in c.emails]
        assert [e for c in record["contact"] for e in c.get("email", [])] == emails


@pytest.mark.parametrize("lang", LANGS)
def test_csv_has_a_bom_one_row_per_practice_and_joined_lists(built_site, practices, lang):
    raw = (built_site / "data" / f"praktijken-{lang}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark to show accents"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["slug"] for r in rows] == [p.slug for p in practices]
    for row, practice in zip(rows, practices, strict=True):
        assert row["titel"] == practice.title(lang)
        assert row["trekker"].split(exports.LIST_SEPARATOR) == [organisations.name_in(n, lang)[0] for n in practice.leads] or not practice.leads
        assert row["nis_codes"].split(exports.LIST_SEPARATOR) == [a.key for a in practice.areas]
    # Accents survive the encoding: the exported texts hold the same non-ASCII characters as the model.
    expected = {c for p in practices for c in p.title(lang) + (p.text("samenvatting", lang)[0] or "") if not c.isascii()}
    found = {c for row in rows for c in row["titel"] + row["samenvatting"] if not c.isascii()}
    assert expected and found == expected


def _catalog(built_site) -> dict:
    return json.loads((built_site / "data" / "catalog.jsonld").read_text(encoding="utf-8"))


@pytest.mark.parametrize("shapes", ["shapes.ttl", "range.ttl"])
def test_dcat_catalogue_has_no_violation_of_the_official_dcat_ap_shapes(built_site, shapes):
    violations = [r for r in shacl_results(_catalog(built_site), shapes) if r.severity == "Violation"]
    assert not violations, "\n".join(map(str, violations))


def test_dcat_catalogue_meets_the_recommendations_except_those_it_explains(built_site):
    # Explained in exports.catalog: the publisher has no ADMS publisher type that fits; the country is the EU
    # authority's concept, whose geometry the catalogue does not restate.
    explained = {("http://purl.org/dc/terms/type", "https://kennisbank-integratiebeleid.be/over/#uitgever"),
                 ("http://www.w3.org/ns/dcat#bbox", "http://publications.europa.eu/resource/authority/country/BEL"),
                 ("http://www.w3.org/ns/dcat#centroid", "http://publications.europa.eu/resource/authority/country/BEL")}
    results = shacl_results(_catalog(built_site), "shapes_recommended.ttl")
    assert not [r for r in results if (r.path, r.focus) not in explained], "\n".join(map(str, results))


def _drop_catalogue_description(catalog):
    del catalog["dct:description"]


def _media_type_as_text(catalog):
    catalog["dcat:dataset"]["dcat:distribution"][0]["dcat:mediaType"] = "text/csv"


def _modified_as_plain_text(catalog):
    # on the catalogue: for a dataset, shapes.ttl writes `sh:shape`, which is no SHACL term, so pyshacl (rightly)
    # ignores it; test_dcat_dates_come_from_the_data_not_from_the_build checks the dataset's datatypes
    catalog["dct:modified"] = "2016"


def _licence_without_its_class(catalog):
    del catalog["dct:license"]["@type"]


def _format_without_its_class(catalog):
    for distribution in catalog["dcat:dataset"]["dcat:distribution"]:  # one IRI per format: every mention holds it
        distribution["dct:format"].pop("@type")


@pytest.mark.parametrize("breakage, shapes, path", [
    (_drop_catalogue_description, "shapes.ttl", "http://purl.org/dc/terms/description"),
    (_media_type_as_text, "shapes.ttl", "http://www.w3.org/ns/dcat#mediaType"),
    (_modified_as_plain_text, "shapes.ttl", "http://purl.org/dc/terms/modified"),
    (_licence_without_its_class, "range.ttl", "http://purl.org/dc/terms/license"),
    (_format_without_its_class, "range.ttl", "http://purl.org/dc/terms/format"),
])
def test_the_dcat_ap_check_fails_on_a_broken_catalogue(built_site, breakage, shapes, path):
    catalog = _catalog(built_site)
    breakage(catalog)
    violations = [r for r in shacl_results(catalog, shapes) if r.severity == "Violation"]
    assert [r for r in violations if r.path == path], "\n".join(map(str, violations)) or "no violation"


def test_dcat_dates_come_from_the_data_not_from_the_build(built_site, practices):
    import rdflib

    graph = rdflib.Graph().parse(data=(built_site / "data" / "catalog.jsonld").read_text(encoding="utf-8"), format="json-ld")
    dataset = next(graph.subjects(rdflib.RDF.type, rdflib.Namespace("http://www.w3.org/ns/dcat#").Dataset))
    latest = max((p.checked for p in practices), key=exports.last_day)
    modified = graph.value(dataset, rdflib.namespace.DCTERMS.modified)
    assert str(modified) == latest
    assert modified.datatype == rdflib.XSD[{4: "gYear", 7: "gYearMonth", 10: "date"}[len(latest)]]
    assert str(graph.value(dataset, rdflib.namespace.DCTERMS.issued)) == exports.FIRST_ISSUED
    period = graph.value(dataset, rdflib.namespace.DCTERMS.temporal)
    starts = [p.period.start for p in practices if p.period.start]
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    assert str(graph.value(period, dcat.startDate)) == min(starts, key=exports.first_day)
    # The release's shapes.ttl does not check these (it writes sh:shape, see tests/validators/dcat-ap-3.0.1/README.md)
    dates = [graph.value(dataset, rdflib.namespace.DCTERMS.issued), modified, graph.value(period, dcat.startDate),
             graph.value(period, dcat.endDate)]
    assert all(d.datatype in {rdflib.XSD.date, rdflib.XSD.dateTime, rdflib.XSD.gYear, rdflib.XSD.gYearMonth} for d in dates), dates
    # The same records give the same catalogue, whatever the day: nothing in it is the build date.
    assert exports.catalog(practices, ROOT) == _catalog(built_site)


def test_dcat_catalogue_parses_and_names_every_distribution(built_site):
    import rdflib

    graph = rdflib.Graph().parse(data=(built_site / "data" / "catalog.jsonld").read_text(encoding="utf-8"), format="json-ld")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dct = rdflib.namespace.DCTERMS
    datasets = list(graph.subjects(rdflib.RDF.type, dcat.Dataset))
    assert len(datasets) == 1
    dataset = datasets[0]
    for prop in (dct.title, dct.description, dct.publisher, dct.license, dct.modified, dcat.contactPoint):
        assert graph.value(dataset, prop) is not None, prop
    downloads = {str(graph.value(d, dcat.downloadURL)).rsplit("/", 1)[-1] for d in graph.objects(dataset, dcat.distribution)}
    assert downloads == {name for name, _, _ in exports.distributions()}
    assert all((built_site / "data" / name).exists() for name in downloads)


@pytest.mark.parametrize("value, first, last", [("2016", "2016-01-01", "2016-12-31"), ("2016-02", "2016-02-01", "2016-02-29"),
                                                ("2015-12-01", "2015-12-01", "2015-12-01")])
def test_a_date_of_lower_precision_spans_its_year_or_month(value, first, last):
    assert (exports.first_day(value).isoformat(), exports.last_day(value).isoformat()) == (first, last)


def _page_json_ld(built_site, prefix: str, slug: str) -> dict:
    html = (built_site / prefix / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, slug
    return json.loads(blocks[0])


def test_every_practice_page_carries_parseable_json_ld(built_site, practices):
    for lang, prefix in LANGS.items():
        for practice in practices:
            page = _page_json_ld(built_site, prefix, practice.slug)
            data = page["mainEntity"]
            assert page["inLanguage"] == lang and page["url"] == page["@id"] and page["name"] == practice.title(lang)
            assert page["url"].endswith(f"/{prefix}praktijken/{practice.slug}/")
            based_on = page["isBasedOn"]
            if practice.source.kind == "aangeleverd":
                assert based_on["author"]["name"] == practice.source.supplied_by
            else:
                assert based_on["name"] == practice.source.publication
            assert page["lastReviewed"] == practice.checked
            assert data["name"] == practice.title(lang)
            for key in ("description", "areaServed") + (("founder",) if practice.leads else ()):
                assert data.get(key), (practice.slug, key)
            assert [f["name"] for f in data.get("founder", [])] == [organisations.name_in(n, lang)[0] for n in practice.leads]
            assert [m["name"] for m in data.get("member", [])] == [organisations.name_in(n, lang)[0] for n in practice.partners]
            if practice.period.start:
                assert data["foundingDate"] == practice.period.start
            people = {e for c in practice.contacts if c.kind == "persoon" for e in c.emails}
            assert not people & {p.get("email") for p in data.get("contactPoint", [])}
            assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", json.dumps(page)), practice.slug  # no e-mail address at all


def test_the_project_is_one_entity_in_the_three_languages(built_site, practices):
    for practice in practices:
        ids = {_page_json_ld(built_site, prefix, practice.slug)["mainEntity"]["@id"] for prefix in LANGS.values()}
        assert len(ids) == 1, (practice.slug, ids)


def test_json_ld_uses_only_types_and_properties_of_the_schema_org_release(built_site, practices):
    vocabulary_check = schema_org()
    problems = []
    for prefix in LANGS.values():
        for practice in practices:
            page = _page_json_ld(built_site, prefix, practice.slug)
            assert page["@context"] == "https://schema.org"
            problems += [f"{prefix}{practice.slug}: {problem}" for problem in vocabulary_check.problems(page)]
    assert not problems, "\n".join(problems[:30])


def _language_on_the_project(page):
    page["mainEntity"]["inLanguage"] = page["inLanguage"]


def _project_typed_as_a_misspelled_class(page):
    page["mainEntity"]["@type"] = "Projekt"


def _founder_as_plain_text(page):
    page["mainEntity"]["founder"] = page["mainEntity"]["founder"][0]["name"]


def _page_url_without_scheme(page):
    page["url"] = page["url"].removeprefix("https://")


@pytest.mark.parametrize("breakage, expected", [
    (_language_on_the_project, "mainEntity > inLanguage: not a property of Project"),
    (_project_typed_as_a_misspelled_class, "mainEntity > @type 'Projekt' is not a class"),
    (_founder_as_plain_text, "mainEntity > founder: "),
    (_page_url_without_scheme, "url: "),
])
def test_the_schema_org_check_fails_on_broken_json_ld(built_site, practices, breakage, expected):
    page = _page_json_ld(built_site, "", practices[0].slug)
    assert not schema_org().problems(page)
    breakage(page)
    problems = schema_org().problems(page)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_sitemap_lists_every_page_with_three_alternates(built_site):
    ns = {"s": discovery.SITEMAP_NS, "x": discovery.XHTML_NS}
    urls = ET.parse(built_site / "sitemap.xml").getroot().findall("s:url", ns)
    locs = {u.findtext("s:loc", namespaces=ns) for u in urls}
    # Not the web editor's pages (/beheer/): a tool for contributors, kept out of the sitemap on purpose.
    pages = [p for p in built_site.rglob("index.html") if "pagefind" not in p.parts and p.parent != built_site / "data"
             and "beheer" not in p.relative_to(built_site).parts]
    assert len(locs) == len(urls) == len(pages)
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(alternates) == set(LANGS) and url.findtext("s:loc", namespaces=ns) in alternates.values()


def test_feeds_are_atom_newest_first_and_stable(built_site, practices, tmp_path):
    ns = {"a": discovery.ATOM_NS}
    for lang, prefix in LANGS.items():
        feed = ET.parse(built_site / prefix / discovery.FEED_FILE).getroot()
        assert feed.tag == f"{{{discovery.ATOM_NS}}}feed"
        entries = feed.findall("a:entry", ns)
        assert len(entries) == len(practices)
        dates = [e.findtext("a:updated", namespaces=ns) for e in entries]
        assert dates == sorted(dates, reverse=True)
        assert all(e.findtext("a:id", namespaces=ns).startswith("https://") for e in entries)
    first, second = tmp_path / "one", tmp_path / "two"
    discovery.write_feeds(practices, first, ROOT)
    discovery.write_feeds(practices, second, ROOT)
    # Dated by the records, not by the build: two writes and the site's own build give the same bytes.
    assert (first / "feed.xml").read_bytes() == (second / "feed.xml").read_bytes() == (built_site / "feed.xml").read_bytes()


def test_open_graph_metadata_in_the_page_language(built_site):
    for lang, prefix in LANGS.items():
        html = (built_site / prefix / "praktijken" / "gent-ankerkracht" / "index.html").read_text(encoding="utf-8")
        assert f'<meta property="og:locale" content="{ {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}[lang] }">' in html
        assert '<meta property="og:title"' in html and '<meta property="og:description"' in html
        assert "og:image" not in html


def test_open_data_page_lists_files_and_schema_fields(built_site):
    from kennisbank.records.validation import schema

    for lang, prefix in LANGS.items():
        html = (built_site / prefix / "open-data" / "index.html").read_text(encoding="utf-8")
        for name, _, _ in exports.distributions():
            assert f"data/{name}" in html
        for field in schema()["properties"]:
            assert f"<code>{field}</code>" in html


def test_map_has_one_link_per_province_with_practices_and_the_counts_match(built_site, practices):
    from kennisbank.records.places import gazetteer
    from kennisbank.site import belgium_map

    expected = {}
    for practice in practices:
        for province in set(practice.provinces):
            expected[province] = expected.get(province, 0) + 1
    places = gazetteer()
    for lang, prefix in LANGS.items():
        # The map of Belgium; a region page has its province's own map (tests/test_map_and_regions.py).
        for page, link_prefix in (("praktijken/index.html", "regio/"), ("praktijken/regio/index.html", "")):
            html = (built_site / prefix / page).read_text(encoding="utf-8")
            svg = html.split('<figure class="kb-map kb-map--country">', 1)[1].split("</svg>", 1)[0]
            links = re.findall(r'<a href="([^"]+)" class="kb-map__province[^"]*" aria-label="([^"]+?)[\s\u00a0]*: (\d+)"', svg)
            assert len(links) == len(expected), page
            for href, label, count in links:
                province = next(p for p in expected if places.provinces[p].label(lang) == label)
                assert int(count) == expected[province]
                assert (built_site / prefix / Path(page).parent / href / "index.html").resolve().exists(), href
            listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a> \((\d+)\)</li>',
                                html.split('<ul class="kb-map__list"', 1)[1].split("</ul>", 1)[0])
            assert sorted(listed) == sorted((label, count) for _, label, count in links)
    assert belgium_map.ATTRIBUTION in (built_site / "praktijken" / "index.html").read_text(encoding="utf-8")


def _table_rows(html: str, chart_id: str) -> list[list[str]]:
    figure = html.split(f'<figure class="kb-chart" id="grafiek-{chart_id}">', 1)[1].split("</figure>", 1)[0]
    assert "<title" in figure and "<desc" in figure and 'role="img"' in figure
    body = figure.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[html_module.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in body.split("</tr>") if "<t" in row]


def _stands_on(number: float, line: str) -> bool:
    """`number`, in Dutch notation, stands on `line` as a number of its own, not as part of a longer one.

    A whole value may be written with a zero decimal, as the guide writes its percentages: 6 stands
    on '6,0% uit Irak' and 35476 on '35.476 asielaanvragen', but 6 does not stand on '65,0%' or '16',
    nor 22,4 on '22,45'.
    """
    from kennisbank.records.ui import format_number

    written = re.escape(format_number(number, "nl")) + (r"(?:,0+)?" if int(number) == number else "")
    return re.search(rf"(?<!\d)(?<!\d[.,]){written}(?![.,]?\d)", line) is not None


def _plain(number: str) -> float:
    return float(number.replace(".", "").replace("\u202f", "").replace(",", "."))


def test_each_chart_table_matches_its_data_file_and_source_line(built_site):
    from kennisbank.site import charts

    for chart_id, chart in charts.figure_files().items():
        source = source_text(chart["bron"]["document"]).splitlines()
        for lang, prefix in LANGS.items():
            rows = _table_rows((built_site / prefix / "cijfers" / "index.html").read_text(encoding="utf-8"), chart_id)
            assert [r[0] for r in rows] == [v["label"][lang] for v in chart["waarden"]]
            for row, value in zip(rows, chart["waarden"], strict=True):
                numbers = value.get("waarden") or [value["waarde"]]
                assert [_plain(cell) if lang != "en" else float(cell.replace(",", "")) for cell in row[1:]] == numbers
        # every value stands on the line of the source document it cites (Dutch notation)
        for value in chart["waarden"]:
            for offset, number in enumerate(value.get("waarden") or [value["waarde"]]):
                line = source[value["regel"] - 1 + (offset if "waarden" in value and chart_id == "inburgering" else 0)]
                assert _stands_on(number, line), (chart_id, number, line)


def test_practice_charts_count_what_the_data_says(built_site, practices):
    from kennisbank.records import vocabulary as vocab

    html = (built_site / "cijfers" / "index.html").read_text(encoding="utf-8")
    themes = {r[0]: int(r[1]) for r in _table_rows(html, "thema")}
    for theme in vocab.load("thema"):
        count = sum(theme.id in p.themes for p in practices)
        assert themes.get(theme.label("nl"), 0) == count
    years = {r[0]: int(r[1]) for r in _table_rows(html, "startjaar")}
    assert sum(years.values()) == sum(1 for p in practices if p.period.start)
    provinces = {r[0]: int(r[1]) for r in _table_rows(html, "provincie")}
    assert sum(provinces.values()) == sum(len(set(p.provinces)) for p in practices)


def test_practices_abroad_and_region_wide_are_listed_beside_the_map(built_site, practices):
    html = (built_site / "praktijken" / "index.html").read_text(encoding="utf-8")
    beside = html.split('<ul class="kb-map__beside"', 1)[1].split("</ul>", 1)[0]
    for practice in practices:
        kinds = {area.kind for area in practice.areas}
        listed = f'href="regio/../{practice.slug}/"' in beside
        assert listed == bool(kinds & {"buitenland", "regio", "provincie"}), practice.slug
    assert "eindhoven-huisvesting-statushouders" in beside


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", html_module.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.mark.parametrize("lang", LANGS)
def test_the_open_data_page_describes_every_field_in_its_own_language(built_site, lang):
    """The fields table of the open-data page: every field of the schema, with the schema's paragraph
    in the page's language (Dutch first, then '(EN) …' and '(FR) …')."""
    schema = json.loads((ROOT / "data" / "schema" / "praktijk.schema.json").read_text(encoding="utf-8"))
    page = (built_site / LANGS[lang] / "open-data" / "index.html").read_text(encoding="utf-8")
    rows = dict(re.findall(r"<tr>\s*<td><code>([a-z_]+)</code></td>\s*<td>[^<]*</td>\s*<td>(.*?)</td>\s*</tr>", page, re.S))
    assert set(rows) == set(schema["properties"])
    for name, spec in schema["properties"].items():
        paragraphs = spec["description"].split("\n\n")
        wanted = {"nl": paragraphs[0]} | {p[1:3].lower(): p[5:] for p in paragraphs[1:]}
        assert _words(rows[name]) == _words(wanted[lang]), (lang, name, rows[name])
