"""The amounts a budget text states, read from the text, so that `budget.bedragen` can be checked against it.

Why: the overview filters and sorts on the structured amounts (`bedragen`) and the open data carries
them as numbers, while the page quotes the published text. If the two drift apart, a reader filtering
on "less than 25,000 euro" is misled by a number nobody checked. So the build reads the amounts the
text states and holds them against the structured ones, both ways:

- every amount the text states (in euro, or in full-time equivalents) has a structured twin, unless
  the budget says why its amounts are not structured (`zonder_bedragen`);
- every structured amount is a number the text states, unless the record explains how it was derived
  (`afgeleid`: "1 HTE is read as 0.5 VTE").

What counts as a stated amount, in the Dutch of the sources:
- a number with euro, EUR or € ("500 000 EUR", "6.600 euro", "€ 25.000", "600 tot 1200 euro");
- a number with VTE or FTE, or "N voltijdse …" ("1,5 VTE", "1 tot 1,5 VTE", "1 voltijdse projectmedewerker");
- a number with HTE, a half-time equivalent: its twin is the number itself or half of it in VTE;
- a share of someone's time ("10% van haar tijd"): its twin is that share of one VTE;
- a number with thousands separators and no unit ("250.000, voor 20 VTE"): money by its size; its
  twin is a euro amount.
Head counts ("4 maatschappelijk werkers") and hours ("7 u per week") are not read: the words for
them are open-ended. A contributor may still structure head counts (eenheid: personen).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A number as the sources write it: "500 000", "250.000" and "6.600" (a dot or space before exactly
# three digits separates thousands), "1,5" (a decimal comma), "0.5" (a decimal point), "70".
_SPACE = " \u00a0\u202f"
_NUMBER = rf"\d{{1,3}}(?:[{_SPACE}.]\d{{3}})+(?!\d)(?:,\d+)?|\d+[.,]\d+|\d+"
# In English the comma separates thousands ("1,200") and the point is decimal ("1.5").
_NUMBER_EN = rf"\d{{1,3}}(?:[{_SPACE},]\d{{3}})+(?!\d)(?:\.\d+)?|\d+\.\d+|\d+"
_RANGE = rf"(?P<value>{_NUMBER})(?:\s*(?:tot|à|to|-|–)\s*(?P<upper>{_NUMBER}))?"
STATED = (
    ("euro", re.compile(rf"(?<![\d.,]){_RANGE}\s*(?:euro|eur|€)(?!\w)", re.IGNORECASE)),
    ("euro", re.compile(rf"€\s*{_RANGE}")),
    ("vte", re.compile(rf"(?<![\d.,]){_RANGE}\s*(?:vte|fte|voltijdse?\b)", re.IGNORECASE)),
    ("hte", re.compile(rf"(?<![\d.,]){_RANGE}\s*hte\b", re.IGNORECASE)),
    ("tijd", re.compile(r"(?<![\d.,])(?P<value>\d+(?:,\d+)?)\s*(?:%|procent)\s+van\s+(?:zijn|haar|de|een)\s+(?:werk)?tijd", re.IGNORECASE)),
    ("euro?", re.compile(r"(?<![\d.,])(?P<value>\d{1,3}(?:\.\d{3})+)(?!\d|[.,]\d)")),
)
# Every number in a text, for the other direction (is a structured amount one the text states?) and
# for translations (does the French or English budget text state the same numbers as the Dutch?).
ANY_NUMBER = {"nl": re.compile(rf"(?<![\d.,])(?:{_NUMBER})"), "fr": re.compile(rf"(?<![\d.,])(?:{_NUMBER})"),
              "en": re.compile(rf"(?<![\d.,])(?:{_NUMBER_EN})")}
# Half-time equivalents: 1 HTE is half of one full-time equivalent.
HALF_TIME = 0.5


def number(written: str, lang: str = "nl") -> float:
    """The value of a number as written in `lang`: '250.000' → 250000, '1,5' → 1.5, '0.5' → 0.5;
    in English '1,200' → 1200."""
    compact = re.sub(rf"[{_SPACE}]", "", written)
    if lang == "en":
        return float(compact.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", compact):
        compact = compact.replace(".", "")
    return float(compact.replace(",", "."))


def staff_number(written: str) -> float:
    """A number of full-time equivalents: there a dot is always decimal ('1.500 VTE' is one and a
    half; no local practice counts 1,500 FTE)."""
    compact = re.sub(rf"[{_SPACE}]", "", written)
    return float(compact.replace(",", ".")) if compact.count(".") <= 1 else number(written)


def readings(written: str, lang: str = "nl") -> set[float]:
    """Every value a written number may stand for: '1.500' is 1500, or 1.5 among full-time equivalents."""
    values = {number(written, lang)}
    if lang != "en" and re.fullmatch(r"\d{1,3}\.\d{3}", written):
        values.add(float(written))
    return values


@dataclass(frozen=True)
class Stated:
    """An amount a text states: value (and upper bound of a range) in `unit`, as written at `offset`."""
    value: float
    upper: float | None
    unit: str  # "euro", "vte", "hte" (half-time), "tijd" (a percentage of one person's time), "euro?" (a large number without unit)
    written: str
    offset: int

    def twins(self) -> list[tuple[float, float | None, str]]:
        """The structured amounts (waarde, tot, eenheid) that would stand for this one."""
        if self.unit == "hte":
            halved = None if self.upper is None else self.upper * HALF_TIME
            return [(self.value, self.upper, "vte"), (self.value * HALF_TIME, halved, "vte")]
        if self.unit == "tijd":
            return [(self.value / 100, None, "vte")]
        return [(self.value, self.upper, "euro" if self.unit == "euro?" else self.unit)]


def stated_amounts(text: str) -> list[Stated]:
    """The amounts `text` states, in the order they appear; a number is read once, by the first
    pattern (with a unit before without) that takes it."""
    found: list[Stated] = []
    taken: list[range] = []
    for unit, pattern in STATED:
        for match in pattern.finditer(text):
            span = range(match.start("value"), match.end())
            if any(match.start("value") in other or other.start in span for other in taken):
                continue
            upper = match.groupdict().get("upper")
            read = staff_number if unit in ("vte", "hte") else number
            found.append(Stated(read(match["value"]), read(upper) if upper else None, unit,
                                match.group(0).strip(), match.start("value")))
            taken.append(span)
    return sorted(found, key=lambda stated: stated.offset)


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same(a, b) -> bool:
    """Two values agree: both absent, or both numbers and equal (a value the schema refuses never agrees)."""
    return (a is None and b is None) or (is_number(a) and is_number(b) and abs(a - b) < 1e-9)


def untwinned(text: str, amounts: list[dict]) -> list[Stated]:
    """The amounts `text` states that no structured amount (`bedragen` entries) stands for."""
    structured = [(a.get("waarde"), a.get("tot"), a.get("eenheid")) for a in amounts if isinstance(a, dict)]
    return [stated for stated in stated_amounts(text)
            if not any(_same(value, s_value) and _same(upper, s_upper) and unit == s_unit
                       for value, upper, unit in stated.twins() for s_value, s_upper, s_unit in structured)]


def numbers_in(text: str, lang: str = "nl") -> set[float]:
    """Every number `text` writes in `lang`, as a value."""
    return {number(match.group(0), lang) for match in ANY_NUMBER[lang].finditer(text)}


def possible_numbers(text: str) -> set[float]:
    """Every value the numbers of a Dutch `text` may stand for ('1.500' as 1500 and as 1.5)."""
    return {value for match in ANY_NUMBER["nl"].finditer(text) for value in readings(match.group(0))}


def translation_differences(dutch: str, translation: str, lang: str) -> tuple[set[float], set[float]]:
    """(numbers the Dutch writes and the translation not, numbers the translation writes and the Dutch
    not): a translated budget must state the same amounts."""
    source, translated = numbers_in(dutch), numbers_in(translation, lang)
    return source - translated, translated - source


def unstated(text: str, amounts: list[dict]) -> list[tuple[int, str, float]]:
    """(index, field, value) of each structured number (waarde or tot) that `text` does not write."""
    written = possible_numbers(text)
    missing = []
    for index, amount in enumerate(amounts):
        if not isinstance(amount, dict):
            continue
        for field in ("waarde", "tot"):
            value = amount.get(field)
            if is_number(value) and not any(_same(value, w) for w in written):
                missing.append((index, field, value))
    return missing


def plain(value: float | None) -> str:
    """A number as a record, a CSV cell or a data attribute writes it, and as every program reads it:
    no thousands separator, a decimal point (250000, 0.5); "" for none."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
