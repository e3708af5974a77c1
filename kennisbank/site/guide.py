"""The taalbeleid step guide: steps, checklists and illustrating practices, from data/taalbeleid.yaml.

Why data and markers: the prose of each step is hand-written per language in docs/taalbeleid/,
but the checklists (whose items the reader ticks and the browser remembers), the guide-wide
progress and the lists of practices come from one model, so pages, progress and the PDF agree, and
a new practice record shows up under every step it matches without anyone editing the guide.

A hand-written page places them with HTML comments, expanded when MkDocs reads the page:

    <!-- kb:checklist stap-3 -->    the step's checklist (a plain list without JavaScript)
    <!-- kb:praktijken stap-3 -->   the practices chosen by the step's themes and keywords
    <!-- kb:praktijken thema=welzijn -->  the practices of one theme, for other guidance pages
    <!-- kb:voortgang -->           every step with the reader's progress, plus reset and print
    <!-- kb:recent -->              the most recently started practices, for the home page
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import escape

from kennisbank.paths import DATA_DIR
from kennisbank.records.ui import md_inline, t
from kennisbank.records.yamlsource import load_data_file

GUIDE_FILE = DATA_DIR / "taalbeleid.yaml"
# Written by the page generator next to the project (see pages.write): what the guide needs to
# know about every practice, so MkDocs processes do not re-read and re-validate all records.
PRACTICE_SUMMARY = Path(".cache") / "praktijken.json"
MARKER = re.compile(r"<!--\s*kb:(checklist|praktijken|voortgang|recent)\s*([a-z0-9=-]*)\s*-->")
# How many practices the home page shows as the most recent ones.
RECENT_COUNT = 5


@dataclass(frozen=True)
class ChecklistGroup:
    titles: dict[str, str]
    items: tuple[tuple[str, dict[str, str]], ...]  # (id, texts per language)


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    page: str
    titles: dict[str, str]
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    checklist: tuple[ChecklistGroup, ...]

    @property
    def item_ids(self) -> list[str]:
        return [item_id for group in self.checklist for item_id, _ in group.items]


@cache
def steps(path: Path = GUIDE_FILE) -> tuple[Step, ...]:
    raw = load_data_file(path)["stappen"]
    result = []
    for number, entry in enumerate(raw, start=1):
        groups = tuple(ChecklistGroup(titles=group.get("titel", {}),
                                      items=tuple((item["id"], {k: v for k, v in item.items() if k != "id"})
                                                  for item in group["items"]))
                       for group in entry["checklist"])
        result.append(Step(id=entry["id"], number=number, page=entry["pagina"], titles=entry["titel"],
                           themes=tuple(entry["praktijken"].get("thema", [])),
                           keywords=tuple(entry["praktijken"].get("trefwoorden", [])), checklist=groups))
    ids = [item for step in result for item in step.item_ids]
    duplicates = sorted({item for item in ids if ids.count(item) > 1})
    if duplicates:
        raise ValueError(f"{path}: checklist ids must be unique, repeated: {', '.join(duplicates)}")
    return tuple(result)


def step(step_id: str) -> Step:
    for candidate in steps():
        if candidate.id == step_id:
            return candidate
    raise KeyError(f"onbekende stap '{step_id}' in een kb:-markering; bekend: {', '.join(s.id for s in steps())}")


# --- What the guide needs to know about practices -----------------------------------------------

def practice_summary(practices, today) -> list[dict]:
    return [{"slug": p.slug, "titles": {lang: p.title(lang) for lang in ("nl", "fr", "en")},
             "themes": list(p.themes), "keywords": [k.casefold() for k in p.keywords],
             "start": p.period.start or "", "provinces": list(p.provinces), "status": p.status(today)}
            for p in sorted(practices, key=lambda p: p.slug)]


def write_practice_summary(practices, project_root: Path, today) -> None:
    target = project_root / PRACTICE_SUMMARY
    content = json.dumps(practice_summary(practices, today), ensure_ascii=False, indent=0)
    if target.exists() and target.read_text(encoding="utf-8") == content:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")


# The last summary parsed: (path, its text, the parsed list). Every step page and every theme marker
# reads the summary; at 1,000 records parsing it again for each (17 times per language) cost 0.5 s
# of CPU per language. Keyed by the text, so a rewritten summary (the live preview) is parsed again.
_PARSED: list[tuple[Path, str, list[dict]]] = []


def load_summary(project_root: Path) -> list[dict]:
    """The practice summary (write_practice_summary); the callers only read it."""
    path = project_root / PRACTICE_SUMMARY
    if not path.exists():
        raise FileNotFoundError(f"{path} ontbreekt: de pagina's zijn nog niet gegenereerd (python -m kennisbank generate)")
    text = path.read_text(encoding="utf-8")
    if _PARSED and _PARSED[0][:2] == (path, text):
        return _PARSED[0][2]
    _PARSED[:] = [(path, text, json.loads(text))]
    return _PARSED[0][2]


def practices_for(guide_step: Step, summary: list[dict]) -> list[dict]:
    """Practices with one of the step's themes or keywords; a new record appears by its data alone."""
    keywords = {k.casefold() for k in guide_step.keywords}
    return [p for p in summary if set(p["themes"]) & set(guide_step.themes) or keywords & set(p["keywords"])]


# --- Rendering --------------------------------------------------------------------------------

def _relative(page_dir: str, target: str) -> str:
    """A Markdown link from a page in `page_dir` (relative to docs/) to `target` (relative to docs/)."""
    return posixpath.relpath(target, page_dir or ".")


def _practice_list(summary: list[dict], lang: str, page_dir: str) -> str:
    """A Markdown list linking each practice by its title in `lang`."""
    return "\n".join(f"- [{md_inline(p['titles'][lang])}]({_relative(page_dir, 'praktijken/' + p['slug'] + '.md')})"
                     for p in summary) + "\n"


def checklist_html(guide_step: Step, lang: str) -> str:
    """Markdown headings for the groups, each followed by an HTML list the browser script enhances."""
    parts = []
    for group in guide_step.checklist:
        if group.titles:
            parts.append(f"### {md_inline(group.titles[lang])}\n")
        # One span around the text: the browser script puts the checkbox beside it in a flex label, and the
        # text (with any glossary term inside) must stay one flex item, or it falls apart into columns.
        items = "\n".join(f'<li data-kb-item="{escape(item_id)}"><span class="kb-checklist__text">{escape(texts[lang])}</span></li>'
                          for item_id, texts in group.items)
        parts.append(f'<ul class="kb-checklist" data-kb-checklist="{escape(guide_step.id)}">\n{items}\n</ul>\n')
    parts.append(_buttons(lang))
    return "\n".join(parts)


def _buttons(lang: str) -> str:
    return (f'<p class="kb-guide-actions" data-kb-guide-actions hidden>'
            f'<button type="button" class="md-button" data-kb-print>{escape(t("guide_print", lang))}</button> '
            f'<button type="button" class="md-button" data-kb-reset>{escape(t("guide_reset", lang))}</button></p>\n')


def practices_markdown(guide_step: Step, lang: str, project_root: Path, page_dir: str) -> str:
    chosen = practices_for(guide_step, load_summary(project_root))
    if not chosen:
        return f"*{md_inline(t('guide_no_practices', lang))}*\n"
    return _practice_list(chosen, lang, page_dir)


def recent_markdown(lang: str, project_root: Path, page_dir: str) -> str:
    """The running practices that started most recently (by `periode.start`), newest first: an ended
    practice is not "recent", however late it began."""
    dated = [p for p in load_summary(project_root) if p["start"] and p.get("status") == "lopend"]
    newest = sorted(dated, key=lambda p: (p["start"], p["slug"]), reverse=True)[:RECENT_COUNT]
    return _practice_list(newest, lang, page_dir)


def progress_markdown(lang: str, page_dir: str) -> str:
    lines = []
    for guide_step in steps():
        ids = " ".join(guide_step.item_ids)
        link = _relative(page_dir, f"taalbeleid/{guide_step.page}.md")
        lines.append(f"{guide_step.number}. [{md_inline(guide_step.titles[lang])}]({link}) "
                     f'<span class="kb-progress" data-kb-progress="{guide_step.id}" data-kb-items="{escape(ids)}" '
                     f'data-kb-label="{escape(t("guide_progress", lang))}" hidden></span>')
    return "\n".join(lines) + "\n\n" + _buttons(lang)


def expand(markdown: str, lang: str, src_uri: str, project_root: Path) -> str:
    """Replace the kb: markers of a hand-written page by its data-driven parts."""
    if "kb:" not in markdown:
        return markdown
    page_dir = src_uri.rsplit("/", 1)[0] if "/" in src_uri else ""

    def replace(match: re.Match) -> str:
        kind, step_id = match.group(1), match.group(2)
        if kind == "voortgang":
            return progress_markdown(lang, page_dir)
        if kind == "recent":
            return recent_markdown(lang, project_root, page_dir)
        if kind == "praktijken" and step_id.startswith("thema="):
            theme = step_id.removeprefix("thema=")
            return practices_markdown(Step(id=step_id, number=0, page="", titles={}, themes=(theme,), keywords=(),
                                           checklist=()), lang, project_root, page_dir)
        guide_step = step(step_id)
        if kind == "checklist":
            return checklist_html(guide_step, lang)
        return practices_markdown(guide_step, lang, project_root, page_dir)

    return MARKER.sub(replace, markdown)
