"""Comparing practices side by side: the page praktijken/vergelijk/ and the facts it shows.

Why the facts are separate files: the comparison shows two to four practices, but any practice can
be chosen, so the page would have to hold every practice's facts. At 1,000 records that is about
2.5 MB of HTML per language (measured with the benchmark's synthetic records: 2.5 KB per practice
in Dutch, 3 KB in French), against 31 KB for a practice page. The page
itself holds only the list of practices (the choice, and what a reader without JavaScript gets);
each practice's facts are a small JSON file, `praktijken/vergelijk/feiten/<slug>.json` in each
language's folder, written after MkDocs (`write_facts`), and docs/assets/compare.js loads the ones
chosen in the address (`?p=slug1,slug2`).

The facts are the fact card's own rows, cut from the built practice page, so the comparison can never
disagree with the card (rendering the card a second time cost 2–3 ms per page, a quarter of the
build's whole budget per page; reading it back costs a tenth of that). The comparison page sits at
the same depth as a practice page (praktijken/vergelijk/ beside praktijken/<slug>/), so the card's
relative links (organisations, regions) work unchanged.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import escape

from kennisbank.paths import GENERATED_DIR_NAME
from kennisbank.records import vocabulary
from kennisbank.records.ui import t
from kennisbank.site import typography

# The rows of the comparison, in order: the key facts the issue names (lead, partners, budget,
# period, target groups, contact), with the status and the area that make them readable. Each is the
# interface-string key of the fact card's own row label.
FACTS = ("leads", "partners", "budget", "period", "status", "area", "target_groups", "contact")
COMPARE_DIR = "vergelijk"
FACTS_DIR = "feiten"
FACT_CARD = re.compile(r'<section class="kb-factcard".*?</section>', re.S)
ROW = re.compile(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", re.S)
TAG = re.compile(r"<[^>]+>")
# The search filters hidden in the card's rows mean nothing outside a practice page.
# (The page's glossary may have explained a term inside one, so they can hold an <abbr>.)
HIDDEN_FILTER = re.compile(r'<span hidden data-pagefind-filter="[^"]*">.*?</span>', re.S)


def page_path(lang: str) -> str:
    """The comparison page's Markdown file, relative to docs/."""
    from kennisbank.site import pages

    return f"{GENERATED_DIR_NAME}/{COMPARE_DIR}/index{pages.suffix(lang)}.md"


def page(cards: list[dict], lang: str):
    """The comparison page of one language, listing every practice (`cards`: pages.card_view, sorted)."""
    from kennisbank.site import pages

    text = pages.environment().get_template("compare.md.j2").render(lang=lang, cards=cards, facts=FACTS)
    return pages.GeneratedFile(page_path(lang), text)


def fact_rows(page_html: str, lang: str) -> dict[str, str]:
    """A built practice page's fact card cut into its rows: FACTS key → the row's HTML, as the page shows it."""
    card = FACT_CARD.search(page_html)
    if card is None:
        raise ValueError("no fact card on the practice page")
    labels = {typography.apply(str(escape(t(key, lang))), lang): key for key in FACTS}
    rows = {}
    for label, body in ROW.findall(card.group(0)):
        key = labels.get(TAG.sub("", label).strip())
        if key:
            rows[key] = HIDDEN_FILTER.sub("", body).strip()
    return rows


def facts_document(practice, lang: str, page_html: str) -> dict:
    title, fallback = practice.text("titel", lang)
    if lang == "fr" and not fallback:
        title = typography.french_text(title)
    return {"slug": practice.slug, "title": title, "lang": vocabulary.DEFAULT_LANGUAGE if fallback else None,
            "href": f"../{practice.slug}/", "facts": fact_rows(page_html, lang)}


def write_facts(practices: list, site_dir: Path, languages: tuple[str, ...] = vocabulary.LANGUAGES) -> int:
    """Write every practice's facts for the comparison, in `languages`, from its built page (so after
    MkDocs): the rows exactly as the page shows them, glossary and typography included, at a fraction of
    the cost of rendering them again. Returns the number of files."""
    written = 0
    for lang in languages:
        pages_dir = site_dir / vocabulary.url_prefix(lang) / GENERATED_DIR_NAME
        folder = pages_dir / COMPARE_DIR / FACTS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for practice in practices:
            page_html = (pages_dir / practice.slug / "index.html").read_text(encoding="utf-8")
            document = facts_document(practice, lang, page_html)
            (folder / f"{practice.slug}.json").write_text(
                json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
            written += 1
    return written
