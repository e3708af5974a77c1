"""Which texts still lack a French or English translation: hand-written pages and record fields.

Why a report and not a build failure for records: practice descriptions may be translated later (the
pages then show the Dutch original with a notice), while a hand-written page without a translation
fails the build (see build.missing_translations). The report tells translators where to start.
"""
from __future__ import annotations

from pathlib import Path

from kennisbank import build, vocabulary

TRANSLATED_FIELDS = ("titel", "samenvatting", "beschrijving")


def missing_record_fields(practices) -> dict[str, list[str]]:
    """Per language: `slug: field` for every translatable field without a translation."""
    report: dict[str, list[str]] = {lang: [] for lang in vocabulary.LANGUAGES[1:]}
    for practice in practices:
        for lang in report:
            translated = practice.texts.get(lang, {})
            for field in TRANSLATED_FIELDS:
                if practice.texts["nl"].get(field) and not translated.get(field):
                    report[lang].append(f"{practice.slug}: {field}")
    return report


def report(docs_dir: Path, records_dir: Path) -> tuple[str, int]:
    """The report as text, and the number of missing translations."""
    pages = build.missing_translations(docs_dir)
    fields = missing_record_fields(build.load(records_dir))
    lines = ["Handgeschreven pagina's zonder vertaling:"]
    lines += [f"  {page}" for page in pages] or ["  (geen)"]
    for lang, missing in fields.items():
        lines.append(f"Praktijkvelden zonder vertaling ({lang}): {len(missing)}")
        lines += [f"  {item}" for item in missing]
    return "\n".join(lines), len(pages) + sum(len(m) for m in fields.values())
