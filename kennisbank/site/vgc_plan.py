"""The VGC's Brussels integration policy plan 2017-2020: its objectives, from data/vgc-integratieplan.yaml.

Why data and a marker rather than prose: the plan's five strategic and 15 operational objectives
are facts with a structure (numbers as in the plan, the numbers of their expected results, the
source lines they were checked against, the themes and practices they concern). Kept in one data
file, a test can check them against the source document itself, the three language versions of
docs/vgc-integratieplan*.md and the PDF book show the same objectives, and a theme id or practice
slug that does not exist stops the build instead of leaving a dead link. The introduction stays
hand-written prose per language; the page places the objectives with

    <!-- kb:vgc-doelen -->

Every text from the data is escaped for Markdown (ui.md_inline); links to theme and practice pages
are relative Markdown links to their .md files, so MkDocs checks them in strict mode and the print
linker (print_html.Linker) points them into the book.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from kennisbank.paths import DATA_DIR, GENERATED_DIR_NAME
from kennisbank.records import vocabulary
from kennisbank.records.ui import md_inline as _md_inline
from kennisbank.records.yamlsource import load_data_file

PLAN_FILE = DATA_DIR / "vgc-integratieplan.yaml"
MARKER = re.compile(r"<!--\s*kb:vgc-doelen\s*-->")
# "98-108", "276-292, 312": the cited lines of the source document.
LINES = re.compile(r"^\s*\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*\s*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Goal:
    number: str  # as in the plan: "1" (strategic) or "1.1" (operational)
    lines: str  # the cited lines, as written in the data
    titles: dict[str, str]
    descriptions: dict[str, str]
    results: dict[str, str]  # operational objectives only
    result_numbers: tuple[str, ...]  # operational objectives only
    themes: tuple[str, ...]
    practices: tuple[str, ...]
    children: tuple["Goal", ...] = ()

    @property
    def anchor(self) -> str:
        return "doelstelling-" + self.number.replace(".", "-")


# The apostrophe as ui.md_inline writes it: HTML-escaped (&#39;), then its `#` escaped for Markdown.
# Left so in a heading, the table of contents escaped it again and showed "d&#39;accueil".
APOSTROPHE_ESCAPED = "&\\#39;"


def md_inline(text: str) -> Markup:
    """ui.md_inline, but with the apostrophe left as it is: it starts no Markdown or HTML in running text,
    and organisation names are recognised as written ("l'Agence flamande pour l'intégration et
    l'intégration civique"), so the glossary does not mark a term inside one."""
    return Markup(str(_md_inline(text)).replace(APOSTROPHE_ESCAPED, "'"))


def line_ranges(lines: str) -> list[tuple[int, int]]:
    """'276-292, 312' → [(276, 292), (312, 312)]."""
    if not LINES.match(lines):
        raise ValueError(f"{PLAN_FILE.name}: regel '{lines}' is geen regel of reeks regels (zoals \"98-108\" of \"276-292, 312\")")
    ranges = []
    for part in lines.split(","):
        first, _, last = part.strip().partition("-")
        ranges.append((int(first), int(last or first)))
    return ranges


def _goal(entry: dict, children: tuple[Goal, ...] = ()) -> Goal:
    line_ranges(str(entry["regel"]))
    return Goal(number=str(entry["nummer"]), lines=str(entry["regel"]), titles=entry["titel"],
                descriptions=entry["beschrijving"], results=entry.get("resultaten", {}),
                result_numbers=tuple(str(n) for n in entry.get("resultaatnummers", [])),
                themes=tuple(entry.get("themas", [])), practices=tuple(entry.get("praktijken", [])), children=children)


@cache
def plan(path: Path = PLAN_FILE) -> dict:
    """The plan's source, interface texts and strategic objectives (each with its operational ones)."""
    data = load_data_file(path)
    goals = tuple(_goal(entry, tuple(_goal(child) for child in entry.get("operationele_doelstellingen", [])))
                  for entry in data["strategische_doelstellingen"])
    themes = vocabulary.load("thema")
    for goal in all_goals(goals):
        unknown = [theme for theme in goal.themes if theme not in themes]
        if unknown or not goal.themes:
            raise ValueError(f"{path.name}: doelstelling {goal.number}: onbekende of geen thema's {unknown}; "
                             f"bekend: {', '.join(themes.ids())}")
        bad = [slug for slug in goal.practices if not SLUG.match(slug)]
        if bad:
            raise ValueError(f"{path.name}: doelstelling {goal.number}: {bad} is geen slug van een praktijk")
    return {"bron": data["bron"], "teksten": data["teksten"], "doelstellingen": goals}


def all_goals(goals: tuple[Goal, ...]) -> list[Goal]:
    """Strategic objectives with their operational ones after each, in the plan's order."""
    return [g for strategic in goals for g in (strategic, *strategic.children)]


def number_list(numbers: tuple[str, ...]) -> str:
    """Result numbers, three or more consecutive ones as a range: 5.4.1–5.4.6, 5.4.8; 2.2.1, 2.2.2."""
    groups: list[list[str]] = []
    for number in numbers:
        head, _, last = number.rpartition(".")
        previous = groups[-1][-1] if groups else ""
        p_head, _, p_last = previous.rpartition(".")
        if groups and p_head == head and p_last.isdigit() and last.isdigit() and int(last) == int(p_last) + 1:
            groups[-1].append(number)
        else:
            groups.append([number])
    return ", ".join(f"{g[0]}–{g[-1]}" if len(g) > 2 else ", ".join(g) for g in groups)


def _link(text: str, target: str, page_dir: str) -> str:
    return f"[{md_inline(text)}]({posixpath.relpath(target, page_dir or '.')})"


def _meta(goal: Goal, lang: str, texts: dict, titles: dict[str, dict[str, str]], page_dir: str) -> str:
    themes = vocabulary.load("thema")
    parts = [f"{md_inline(texts['themas'][lang])} " + ", ".join(
        _link(themes[theme].label(lang), f"{GENERATED_DIR_NAME}/thema/{theme}.md", page_dir) for theme in goal.themes) + "."]
    if goal.practices:
        parts.append(f"{md_inline(texts['praktijken'][lang])} " + ", ".join(
            _link(titles[slug][lang], f"{GENERATED_DIR_NAME}/{slug}.md", page_dir) for slug in goal.practices) + ".")
    first_last = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in line_ranges(goal.lines))
    parts.append(md_inline(texts["bron"][lang].format(regels=first_last)))
    # Two spaces before a newline: Markdown's line break, one line per kind of information.
    return "  \n".join(parts) + "\n{: .kb-muted }\n"


def goals_markdown(lang: str, project_root: Path, page_dir: str, path: Path = PLAN_FILE) -> str:
    """Every objective: a heading with its number, its aim, its expected results, its themes and practices."""
    from kennisbank.site import guide

    data = plan(path)
    texts = data["teksten"]
    titles = {p["slug"]: p["titles"] for p in guide.load_summary(project_root)}
    for goal in all_goals(data["doelstellingen"]):
        missing = [slug for slug in goal.practices if slug not in titles]
        if missing:
            raise KeyError(f"{path.name}: doelstelling {goal.number} noemt praktijken die niet bestaan: {', '.join(missing)}")
    parts = []
    for strategic in data["doelstellingen"]:
        label = texts["strategisch"][lang].format(nummer=strategic.number)
        parts.append(f"## {md_inline(label)} {md_inline(strategic.titles[lang])} {{#{strategic.anchor}}}\n\n"
                     f"{md_inline(strategic.descriptions[lang])}\n\n{_meta(strategic, lang, texts, titles, page_dir)}")
        for goal in strategic.children:
            results = texts["resultaten"][lang].format(nummers=number_list(goal.result_numbers))
            parts.append(f"### {md_inline(goal.number)} {md_inline(goal.titles[lang])} {{#{goal.anchor}}}\n\n"
                         f"{md_inline(goal.descriptions[lang])}\n\n"
                         f"**{md_inline(results)}.** {md_inline(goal.results[lang])}\n\n"
                         f"{_meta(goal, lang, texts, titles, page_dir)}")
    return "\n".join(parts)


def expand(markdown: str, lang: str, src_uri: str, project_root: Path) -> str:
    """Replace the kb:vgc-doelen marker of a hand-written page by the plan's objectives."""
    if "kb:vgc-doelen" not in markdown:
        return markdown
    page_dir = src_uri.rsplit("/", 1)[0] if "/" in src_uri else ""
    return MARKER.sub(lambda _: goals_markdown(lang, project_root, page_dir), markdown)
