"""The one model of a practice that every output (pages, overviews, search filters) reads.

Why: pages, search filters, exports and PDFs must agree on what a practice says. They all start
from `Practice`, built only from records that passed validation, so no output re-reads YAML or
re-derives a status on its own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kennisbank import vocabulary
from kennisbank.paths import RECORDS_DIR, ROOT
from kennisbank.places import BRUSSELS_REGION, gazetteer
from kennisbank.problems import ValidationFailed
from kennisbank.validation import as_list, validate_directory, validate_files

ABROAD = "buitenland"


@dataclass(frozen=True)
class Area:
    """One entry of `werkgebied`, resolved against the gazetteer and the region list."""

    kind: str  # gemeente | provincie | regio | buitenland
    written: str  # the name as the record writes it
    key: str  # municipality NIS, province NIS, region id, or "buitenland"
    provinces: tuple[str, ...]  # province (or Brussels region) NIS codes this area lies in
    country: str = "BE"
    former_year: int | None = None  # set when `written` is a municipality name that no longer exists

    def label(self, lang: str) -> str:
        places = gazetteer()
        if self.kind == "gemeente":
            return places.municipalities[self.key].name(lang)
        if self.kind == "provincie":
            return places.provinces[self.key].label(lang)
        if self.kind == "regio":
            return vocabulary.load("regios")[self.key].label(lang)
        return f"{self.written} ({self.country})"


@dataclass(frozen=True)
class Amount:
    value: float
    unit: str
    upper: float | None = None
    per: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Budget:
    text: str
    amounts: tuple[Amount, ...] = ()


def last_day_of(value: str) -> dt.date:
    """The last day a partial date covers: '2018' ends on 31 December, '2016-10' on 31 October."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], (parts[1] if len(parts) == 2 else 12)
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: str | None = None
    end: str | None = None
    ongoing: bool = False
    text: str | None = None

    def last_day(self) -> dt.date | None:
        return last_day_of(self.end) if self.end else None

    def status(self, today: dt.date) -> str:
        last_day = self.last_day()
        if last_day and not self.ongoing and last_day < today:
            return "afgelopen"
        return "lopend"


@dataclass(frozen=True)
class Basis:
    """Why a person's contact details may be published: printed in a source, or given with consent."""
    kind: str  # "gepubliceerd-in-bron" | "toestemming"
    source: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Contact:
    kind: str = "functie"  # "functie": department or role mailbox; "persoon": a named person
    basis: Basis | None = None
    # True when privacy mode 'strikt' withheld this person's details: show "contact via <organisation>".
    withheld: bool = False
    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    website: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class SubProject:
    title: str
    description: str | None
    leads: tuple[str, ...]
    partners: tuple[str, ...]
    budget: Budget | None
    period: Period | None
    contacts: tuple[Contact, ...]


# The two kinds of `bron`: a publication, or the organisation itself supplied the facts.
PUBLICATION, SUPPLIED = "publicatie", "aangeleverd"


@dataclass(frozen=True)
class Source:
    kind: str  # PUBLICATION | SUPPLIED
    year: int  # of the publication, or of the date the facts were supplied
    publication: str | None = None
    section: str | None = None
    publisher: str | None = None
    page: int | None = None
    document: str | None = None  # the source text kept with the knowledge base (seeds), for fact checks
    supplied_by: str | None = None
    date: str | None = None  # when the facts were supplied: YYYY-MM-DD or YYYY-MM
    links: tuple[tuple[str, str], ...] = ()


@dataclass
class Practice:
    slug: str
    source_path: Path
    texts: dict[str, dict[str, str]]  # lang → {titel, samenvatting, beschrijving}
    areas: tuple[Area, ...]
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    leads: tuple[str, ...]
    partners: tuple[str, ...]
    budget: Budget
    period: Period
    contacts: tuple[Contact, ...]
    source: Source
    subprojects: tuple[SubProject, ...] = ()
    results: tuple[str, ...] = ()
    success_factors: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    keywords: tuple[str, ...] = ()
    checked: str = ""  # laatst_gecontroleerd: JJJJ, JJJJ-MM or JJJJ-MM-DD
    checked_by: str = ""  # gecontroleerd_door: an organisation
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def text(self, name: str, lang: str) -> tuple[str | None, bool]:
        """The field in `lang`, or the Dutch original. The flag says whether it is a fallback."""
        translated = self.texts.get(lang, {}).get(name)
        if translated:
            return translated, False
        original = self.texts[vocabulary.DEFAULT_LANGUAGE].get(name)
        return original, lang != vocabulary.DEFAULT_LANGUAGE and original is not None

    @property
    def project_root(self) -> Path | None:
        """The repository that holds the record (<root>/data/praktijken/<slug>.yaml), if it is in one."""
        parents = self.source_path.resolve().parents
        return parents[2] if len(parents) > 2 and parents[0].name == "praktijken" else None

    def title(self, lang: str) -> str:
        return self.text("titel", lang)[0] or self.slug

    def status(self, today: dt.date) -> str:
        return self.period.status(today)

    @property
    def provinces(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for area in self.areas for p in area.provinces))

    @property
    def abroad(self) -> bool:
        return any(area.kind == ABROAD for area in self.areas)

    @property
    def municipalities(self) -> tuple[str, ...]:
        return tuple(area.key for area in self.areas if area.kind == "gemeente")


def load_practices(directory: Path = RECORDS_DIR, root: Path = ROOT) -> list[Practice]:
    """Validate every record and build the model. Raises ValidationFailed listing every problem."""
    documents, problems = validate_directory(directory, root)
    if problems:
        raise ValidationFailed(problems)
    return sorted((build_practice(doc.data, doc.path) for doc in documents), key=lambda p: p.slug)


def load_files(paths: list[Path], root: Path = ROOT) -> list[Practice]:
    documents, problems = validate_files(paths, root)
    if problems:
        raise ValidationFailed(problems)
    return [build_practice(doc.data, doc.path) for doc in documents]


def build_practice(data: dict, path: Path) -> Practice:
    texts = {vocabulary.DEFAULT_LANGUAGE: {k: data[k] for k in ("titel", "samenvatting", "beschrijving")}}
    for lang, translation in data.get("vertalingen", {}).items():
        texts[lang] = dict(translation)
    return Practice(
        slug=data["slug"],
        source_path=path,
        texts=texts,
        areas=tuple(_area(entry) for entry in data["werkgebied"]),
        themes=tuple(data["thema"]),
        target_groups=tuple(data["doelgroepen"]),
        leads=tuple(data["trekker"]),
        partners=tuple(data["partners"]),
        budget=_budget(data["budget"]),
        period=_period(data.get("periode")) or Period(),
        contacts=tuple(_contact(c) for c in data["contact"]),
        source=_source(data["bron"]),
        subprojects=tuple(_subproject(s) for s in data.get("deelprojecten", [])),
        results=tuple(data.get("resultaten", [])),
        success_factors=tuple(data.get("succesfactoren", [])),
        links=tuple((link["titel"], link["url"]) for link in data.get("links", [])),
        keywords=tuple(data.get("trefwoorden", [])),
        checked=str(data["laatst_gecontroleerd"]),
        checked_by=data["gecontroleerd_door"],
        raw=data,
    )


def _area(entry: dict) -> Area:
    places = gazetteer()
    if "gemeente" in entry:
        name = entry["gemeente"]
        municipality = places.municipality(name)
        former = None
        if municipality is None:
            former = places.former_name(name)
            municipality = former.current
        return Area("gemeente", name, municipality.nis, (municipality.province,), former_year=former.year if former else None)
    if "provincie" in entry:
        term = places.province(entry["provincie"])
        return Area("provincie", entry["provincie"], term.id, (term.id,))
    if "regio" in entry:
        term = vocabulary.load("regios").find(entry["regio"])
        province_ids = tuple(places.province(name).id for name in term.extra.get("provincies", []))
        return Area("regio", entry["regio"], term.id, province_ids, country=term.extra.get("land", "BE"))
    return Area(ABROAD, entry["buitenland"], ABROAD, (), country=entry["land"])


def _source(data: dict) -> Source:
    links = tuple((link["titel"], link["url"]) for link in data.get("links", []))
    if "aangeleverd_door" in data:
        return Source(SUPPLIED, year=int(data["datum"][:4]), supplied_by=data["aangeleverd_door"], date=data["datum"],
                      links=links)
    return Source(PUBLICATION, year=data["jaar"], publication=data["publicatie"], section=data["sectie"],
                  publisher=data.get("uitgever"), page=data.get("pagina"), document=data.get("document"))


def _budget(data: dict | None) -> Budget | None:
    if not data:
        return None
    amounts = tuple(Amount(value=a["waarde"], unit=a["eenheid"], upper=a.get("tot"), per=a.get("per"),
                           note=a.get("omschrijving")) for a in data.get("bedragen", []))
    return Budget(text=data["tekst"], amounts=amounts)


def _period(data: dict | None) -> Period | None:
    if not data:
        return None
    return Period(start=data.get("start"), end=data.get("einde"), ongoing=bool(data.get("lopend")), text=data.get("tekst"))


def _contact(data: dict) -> Contact:
    basis = data.get("grondslag")
    return Contact(kind=data.get("soort", "functie"),
                   basis=Basis(kind=basis["soort"], source=basis.get("bron"), date=basis.get("datum")) if basis else None,
                   name=data.get("naam"), role=data.get("functie"), organisation=data.get("organisatie"),
                   emails=tuple(e.strip() for e in as_list(data.get("email"))),
                   phones=tuple(as_list(data.get("telefoon"))), website=data.get("website"), address=data.get("adres"))


def _subproject(data: dict) -> SubProject:
    return SubProject(title=data["titel"], description=data.get("beschrijving"), leads=tuple(data["trekker"]),
                      partners=tuple(data.get("partners", [])), budget=_budget(data.get("budget")),
                      period=_period(data.get("periode")), contacts=tuple(_contact(c) for c in data.get("contact", [])))


def is_brussels(province_id: str) -> bool:
    return province_id == BRUSSELS_REGION
