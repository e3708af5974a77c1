"""Stage 2, the model: the one model of a practice that every output (pages, overviews, search filters) reads.

Why: pages, search filters, exports and PDFs must agree on what a practice says. They all start
from `Practice`, built only from records that passed validation, so no output re-reads YAML or
re-derives a status on its own. Beside it in this package: how fresh a record's facts are
(freshness) and which practices are related (related). It imports only the records stage
(tests/test_layers.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kennisbank.paths import RECORDS_DIR, ROOT
from kennisbank.records import vocabulary
from kennisbank.records.places import BRUSSELS_REGION, gazetteer
from kennisbank.records.problems import ValidationFailed
from kennisbank.records.validation import as_list, validate_directory, validate_files

ABROAD = "buitenland"
TRANSLATION_LANGUAGES = vocabulary.TRANSLATION_LANGUAGES


class Localized(str):
    """A text as the record writes it in Dutch, with the French and English translations it has.

    As a string it is the Dutch text, so comparisons, exports and checks read it like before;
    `in_lang` gives what a reader in another language sees. The record keeps a translation beside
    its Dutch field: `tekst`, `tekst_fr`, `tekst_en` (the schema marks them with x-vertaling-van).
    """

    translations: dict[str, str]

    def __new__(cls, dutch: str, translations: dict[str, str] | None = None):
        text = super().__new__(cls, dutch)
        text.translations = {lang: value for lang, value in (translations or {}).items() if value}
        return text

    def in_lang(self, lang: str) -> tuple[str, bool]:
        """The text in `lang`, or the Dutch original; the flag says whether it is that fallback."""
        if lang == vocabulary.DEFAULT_LANGUAGE:
            return str(self), False
        translated = self.translations.get(lang)
        return (translated, False) if translated else (str(self), True)

    def translation(self, lang: str) -> str | None:
        return str(self) if lang == vocabulary.DEFAULT_LANGUAGE else self.translations.get(lang)


def localized(data: dict, key: str) -> Localized | None:
    """`data[key]` with its siblings `key_fr`, `key_en`."""
    if data.get(key) is None:
        return None
    return Localized(data[key], {lang: data.get(f"{key}_{lang}") for lang in TRANSLATION_LANGUAGES})


def localized_list(data: dict, key: str) -> tuple[Localized, ...]:
    """A list field and its translated lists, item by item (validation checks that their lengths agree)."""
    translated = {lang: data.get(f"{key}_{lang}") or [] for lang in TRANSLATION_LANGUAGES}
    return tuple(Localized(item, {lang: values[index] if index < len(values) else None for lang, values in translated.items()})
                 for index, item in enumerate(data.get(key) or []))


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
    unit: str  # "euro", "vte" (full-time equivalents) or "personen" (people counted, time not given)
    upper: float | None = None
    per: str | None = None
    note: Localized | None = None

    def is_unit_cost(self) -> bool:
        """A cost per trajectory, series, partner or resident: what one unit costs, not what the practice costs."""
        return self.per in UNIT_COSTS


# Budget bands, in euro, for the overview's filter: the upper bounds of "small" and "medium".
BUDGET_BANDS = ((25_000, "tot-25000"), (100_000, "25000-100000"))
# `per` values that make an amount a unit cost: 600 euro per series says little about a budget of 25,000.
UNIT_COSTS = frozenset({"traject", "reeks", "partner", "inwoner"})
STAFF_UNITS = frozenset({"vte", "personen"})


@dataclass(frozen=True)
class Budget:
    text: Localized
    amounts: tuple[Amount, ...] = ()
    why_no_amounts: Localized | None = None  # zonder_bedragen: why the amounts are not structured

    def euros(self) -> float | None:
        """The largest euro amount the practice costs (a range by its upper bound), unit costs left
        out; None when the budget names none."""
        values = [a.upper or a.value for a in self.amounts if a.unit == "euro" and not a.is_unit_cost()]
        return max(values) if values else None

    def unit_cost(self) -> Amount | None:
        """The first cost per unit (per trajectory, series…) the budget names, or None."""
        return next((a for a in self.amounts if a.unit == "euro" and a.is_unit_cost()), None)

    def staff(self) -> float | None:
        """The full-time equivalents the budget names, added up (ranges by their upper bound), or None."""
        values = [a.upper or a.value for a in self.amounts if a.unit == "vte"]
        return sum(values) if values else None

    def band(self) -> str:
        """tot-25000, 25000-100000 or meer-dan-100000 by the largest euro amount; per-eenheid when it
        names only costs per unit; personeel when it names staff only; onbekend when it names no
        amount (data/vocabularies/budgetklasse.yaml)."""
        euros = self.euros()
        if euros is not None:
            return next((band for limit, band in BUDGET_BANDS if euros < limit), "meer-dan-100000")
        if self.unit_cost():
            return "per-eenheid"
        return "personeel" if any(a.unit in STAFF_UNITS for a in self.amounts) else "onbekend"


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
    text: Localized | None = None

    def last_day(self) -> dt.date | None:
        return last_day_of(self.end) if self.end else None

    def status(self, today: dt.date) -> str:
        """Ended only when the end date has passed; running when the source says so or an end date is
        still ahead; otherwise unknown: a source that names no end does not say the practice runs on."""
        last_day = self.last_day()
        if last_day and last_day < today:
            return "afgelopen"
        if self.ongoing or last_day:
            return "lopend"
        return "onbekend"


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
    role: Localized | None = None
    organisation: Localized | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    website: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class SubProject:
    title: Localized
    description: Localized | None
    leads: tuple[Localized, ...]
    partners: tuple[Localized, ...]
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
    links: tuple[tuple[Localized, str], ...] = ()


@dataclass(frozen=True)
class Inference:
    """A value the editors inferred rather than read in the source (`afgeleid`), with why."""
    field: str  # the field's path, e.g. periode.einde
    reason: Localized


@dataclass
class Practice:
    slug: str
    source_path: Path
    texts: dict[str, Localized]  # titel, samenvatting, beschrijving
    areas: tuple[Area, ...]
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    leads: tuple[Localized, ...]
    partners: tuple[Localized, ...]
    budget: Budget
    period: Period
    contacts: tuple[Contact, ...]
    source: Source
    subprojects: tuple[SubProject, ...] = ()
    results: tuple[Localized, ...] = ()
    success_factors: tuple[Localized, ...] = ()
    links: tuple[tuple[Localized, str], ...] = ()
    keywords: tuple[str, ...] = ()
    funders: tuple[Localized, ...] = ()
    not_in_source: tuple[str, ...] = ()  # required fields the source does not give (`niet_in_bron`)
    provenance: dict[str, str] = field(default_factory=dict)  # field path → line or lines in source.document
    inferred: tuple[Inference, ...] = ()
    checked: str = ""  # laatst_gecontroleerd: JJJJ, JJJJ-MM or JJJJ-MM-DD
    checked_by: str = ""  # gecontroleerd_door: an organisation
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def text(self, name: str, lang: str) -> tuple[str | None, bool]:
        """The field in `lang`, or the Dutch original. The flag says whether it is a fallback."""
        value = self.texts.get(name)
        return value.in_lang(lang) if value is not None else (None, False)

    def inference(self, path: str) -> Inference | None:
        """Why the editors inferred the value at `path`, if they did."""
        return next((item for item in self.inferred if item.field == path), None)

    @property
    def project_root(self) -> Path | None:
        """The repository that holds the record (<root>/data/praktijken/<slug>.yaml), if it is in one."""
        parents = self.source_path.resolve().parents
        return parents[2] if len(parents) > 2 and parents[0].name == "praktijken" else None

    def title(self, lang: str) -> str:
        return self.text("titel", lang)[0] or self.slug

    def status(self, today: dt.date) -> str:
        return self.period.status(today)

    def overall_budget(self) -> Budget:
        """The budget to filter, sort and export by: the practice's own when it names amounts, else
        the amounts its sub-projects name together (Aalst's four projects); the largest of them sets
        the band, as for one budget. No sum is made: the source does not give one."""
        if self.budget.amounts or not any(sub.budget and sub.budget.amounts for sub in self.subprojects):
            return self.budget
        amounts = tuple(a for sub in self.subprojects if sub.budget for a in sub.budget.amounts)
        return Budget(text=self.budget.text, amounts=amounts, why_no_amounts=self.budget.why_no_amounts)

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
    texts = {key: localized(data, key) for key in ("titel", "samenvatting", "beschrijving")}
    return Practice(
        slug=data["slug"],
        source_path=path,
        texts=texts,
        areas=tuple(_area(entry) for entry in data["werkgebied"]),
        themes=tuple(data["thema"]),
        target_groups=tuple(data["doelgroepen"]),
        leads=localized_list(data, "trekker"),
        partners=localized_list(data, "partners"),
        budget=_budget(data.get("budget")) or Budget(Localized("")),
        period=_period(data.get("periode")) or Period(),
        contacts=tuple(_contact(c) for c in data.get("contact") or ()),
        source=_source(data["bron"]),
        subprojects=tuple(_subproject(s) for s in data.get("deelprojecten", [])),
        results=localized_list(data, "resultaten"),
        success_factors=localized_list(data, "succesfactoren"),
        links=tuple((localized(link, "titel"), link["url"]) for link in data.get("links", [])),
        keywords=tuple(data.get("trefwoorden", [])),
        funders=localized_list(data, "financiers"),
        not_in_source=tuple(data.get("niet_in_bron", [])),
        provenance=dict(data.get("herkomst", {})),
        inferred=tuple(Inference(item["veld"], localized(item, "reden")) for item in data.get("afgeleid", [])),
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
    links = tuple((localized(link, "titel"), link["url"]) for link in data.get("links", []))
    if "aangeleverd_door" in data:
        return Source(SUPPLIED, year=int(data["datum"][:4]), supplied_by=data["aangeleverd_door"], date=data["datum"],
                      links=links)
    return Source(PUBLICATION, year=data["jaar"], publication=data["publicatie"], section=data["sectie"],
                  publisher=data.get("uitgever"), page=data.get("pagina"), document=data.get("document"))


def _budget(data: dict | None) -> Budget | None:
    if not data:
        return None
    amounts = tuple(Amount(value=a["waarde"], unit=a["eenheid"], upper=a.get("tot"), per=a.get("per"),
                           note=localized(a, "omschrijving")) for a in data.get("bedragen", []))
    return Budget(text=localized(data, "tekst"), amounts=amounts, why_no_amounts=localized(data, "zonder_bedragen"))


def _period(data: dict | None) -> Period | None:
    if not data:
        return None
    return Period(start=data.get("start"), end=data.get("einde"), ongoing=bool(data.get("lopend")), text=localized(data, "tekst"))


def _contact(data: dict) -> Contact:
    basis = data.get("grondslag")
    return Contact(kind=data.get("soort", "functie"),
                   basis=Basis(kind=basis["soort"], source=basis.get("bron"), date=basis.get("datum")) if basis else None,
                   name=data.get("naam"), role=localized(data, "functie"), organisation=localized(data, "organisatie"),
                   emails=tuple(e.strip() for e in as_list(data.get("email"))),
                   phones=tuple(as_list(data.get("telefoon"))), website=data.get("website"), address=data.get("adres"))


def _subproject(data: dict) -> SubProject:
    return SubProject(title=localized(data, "titel"), description=localized(data, "beschrijving"), leads=localized_list(data, "trekker"),
                      partners=localized_list(data, "partners"), budget=_budget(data.get("budget")),
                      period=_period(data.get("periode")), contacts=tuple(_contact(c) for c in data.get("contact", [])))


def is_brussels(province_id: str) -> bool:
    return province_id == BRUSSELS_REGION


def load_published(records_dir: Path = RECORDS_DIR) -> list[Practice]:
    """The practices as the site, the PDFs and the open data publish them: validated, with the contact
    details the privacy setting allows (kennisbank.records.privacy). A problem raises DataError with the
    whole report, in the contributor's language."""
    from kennisbank.records import privacy
    from kennisbank.records.problems import DataError, report_language

    try:
        return privacy.apply(load_practices(records_dir, records_dir.parents[1]), privacy.mode())
    except ValidationFailed as failure:
        raise DataError(failure.report(report_language())) from None
    except privacy.PrivacySettingError as error:
        raise DataError(str(error)) from None
