"""Which texts still lack a French or English translation: hand-written pages and record fields.

Why a report and not a build failure for a contribution: a new record may be Dutch only (its pages
then show the Dutch original with a notice, and `check` warns), while a hand-written page without
a translation fails the build (see missing_translations). The report tells translators where
to start; the published records on main must have nothing in it (a test says so).

Which record fields are translatable is read from the schema: every property marked
`x-vertaling-van: <field>` is the translation of that field beside it (`tekst_fr` of `tekst`).
Organisation names need no translation when the organisation vocabulary knows them.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from kennisbank.paths import SCHEMA_PATH
from kennisbank.records import organisations, vocabulary

TRANSLATION_LANGUAGES = vocabulary.TRANSLATION_LANGUAGES
# Fields that name organisations: a name the vocabulary knows is translated there.
NAME_FIELDS = {"trekker", "partners", "financiers", "organisatie"}
# Blocks whose keys are field paths, not fields (`herkomst: {trekker: "1172"}`): nothing in them is text.
NOT_TEXT = {"herkomst"}


@cache
def translatable_fields() -> frozenset[str]:
    """The field names that have `_fr`/`_en` siblings somewhere in the record schema."""
    import json

    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if "x-vertaling-van" in node:
                found.add(node["x-vertaling-van"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    return frozenset(found)


def _needs_translation(key: str, value) -> bool:
    if not value:
        return False
    if key in NAME_FIELDS:
        names = value if isinstance(value, list) else [value]
        return any(organisations.resolve(name) is None for name in names)
    return True


def missing_in_record(data, path: str = "") -> dict[str, list[str]]:
    """Per language, the paths of the record's texts that have no translation (e.g. 'budget.tekst')."""
    missing: dict[str, list[str]] = {lang: [] for lang in TRANSLATION_LANGUAGES}
    if isinstance(data, dict):
        for key, value in data.items():
            if key in NOT_TEXT:
                continue
            here = f"{path}.{key}" if path else key
            if key in translatable_fields() and _needs_translation(key, value):
                for lang in TRANSLATION_LANGUAGES:
                    translated = data.get(f"{key}_{lang}")
                    if not translated or (isinstance(value, list) and len(translated) != len(value)):
                        missing[lang].append(here)
            if isinstance(value, (dict, list)):
                for lang, paths in missing_in_record(value, here).items():
                    missing[lang].extend(paths)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            for lang, paths in missing_in_record(item, f"{path}[{index}]").items():
                missing[lang].extend(paths)
    return missing


def missing_record_fields(practices) -> dict[str, list[str]]:
    """Per language: `slug: field` for every translatable field without a translation."""
    report: dict[str, list[str]] = {lang: [] for lang in TRANSLATION_LANGUAGES}
    for practice in practices:
        for lang, paths in missing_in_record(practice.raw).items():
            report[lang].extend(f"{practice.slug}: {path}" for path in paths)
    return report


# Hand-written pages: every Markdown file under docs/ outside the generated docs/praktijken/.
HAND_WRITTEN_GLOB = "*.md"


def hand_written_pages(docs_dir: Path) -> list[Path]:
    """Default-language hand-written pages (docs/**.md outside docs/praktijken/, no .fr/.en suffix)."""
    generated = docs_dir / "praktijken"
    return [p for p in docs_dir.rglob(HAND_WRITTEN_GLOB)
            if generated not in p.parents and not any(p.name.endswith(f".{lang}.md") for lang in vocabulary.LANGUAGES)]


def missing_translations(docs_dir: Path) -> list[str]:
    """The French and English versions of hand-written pages that do not exist, as paths from the project root."""
    missing = []
    for page in hand_written_pages(docs_dir):
        for lang in TRANSLATION_LANGUAGES:
            translated = page.with_name(page.name[:-3] + f".{lang}.md")
            if not translated.exists():
                missing.append(translated.relative_to(docs_dir.parent).as_posix())
    return missing


def report(docs_dir: Path, practices) -> tuple[str, int]:
    """The report as text, and the number of missing translations."""
    pages = missing_translations(docs_dir)
    fields = missing_record_fields(practices)
    lines = ["Handgeschreven pagina's zonder vertaling:"]
    lines += [f"  {page}" for page in pages] or ["  (geen)"]
    for lang, missing in fields.items():
        lines.append(f"Praktijkvelden zonder vertaling ({lang}): {len(missing)}")
        lines += [f"  {item}" for item in missing]
    return "\n".join(lines), len(pages) + sum(len(m) for m in fields.values())
