"""Charts for the "Cijfers" page, as accessible SVG made at build time, each with its data table.

Why SVG at build time: no chart library, no JavaScript, no CDN; the chart prints and works offline.
Each chart is a <figure> holding an <svg role="img"> with <title> and <desc> and, below it, the
same numbers as a real <table> for screen readers and for copying.

Numbers come from data files, never from templates: the practices (themes, provinces, start
years) from the build's practice summary, and the guide's and policy letter's figures from
data/cijfers/*.yaml, where each value names the line of its source document.
Markers on docs/cijfers*.md place them: <!-- kb:grafiek thema|provincie|startjaar|<id> -->.
"""
from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

from markupsafe import escape

from kennisbank.paths import DATA_DIR
from kennisbank.records import vocabulary
from kennisbank.records.yamlsource import load_data_file

FIGURES_DIR = DATA_DIR / "cijfers"
MARKER = re.compile(r"<!-- kb:grafiek ([a-z0-9-]+) -->")
# Layout in SVG user units: one bar row per value, labels left, numbers after the bar.
ROW, GAP, LABEL_WIDTH, BAR_WIDTH, NUMBER_WIDTH = 22, 6, 260, 300, 80
# A label longer than this many characters wraps onto another line (about 7 units per character at
# the stylesheet's label size, within the 252 units left of the bars), so none runs off the left edge.
LABEL_CHARS, LINE_HEIGHT = 34, 16
SERIES_CLASSES = 4  # kb-chart__series-0 … -3 in kennisbank.css


def figure_files() -> dict[str, dict]:
    """Every chart from data/cijfers/, by id, with its source.

    Read once while the files stay as they are (their names, sizes and change times): each chart
    marker asks for it, and reading all the files for each of them cost about 0.2 s per language."""
    paths = sorted(FIGURES_DIR.glob("*.yaml"))
    stats = [(path.name, path.stat()) for path in paths]
    key = tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)
    if _READ[0] != key:
        _READ[:] = [key, _read_figure_files(paths)]
    return _READ[1]


# The files' key (see figure_files) and the charts read from them; read-only for callers.
_READ: list = [None, {}]


def _read_figure_files(paths: list[Path]) -> dict[str, dict]:
    charts = {}
    for path in paths:
        data = load_data_file(path)
        for chart in data["grafieken"]:
            charts[chart["id"]] = {**chart, "bron": data["bron"]}
    return charts


def _number(value: float, lang: str) -> str:
    from kennisbank.records.ui import format_number

    return format_number(value, lang)


def _svg(chart_id: str, title: str, description: str, rows: list[tuple[str, list[float]]], series: list[str], lang: str) -> str:
    biggest = max((v for _, values in rows for v in values), default=1) or 1
    per_row = len(series) or 1
    wrapped = [textwrap.wrap(label, LABEL_CHARS, break_on_hyphens=False) or [""] for label, _ in rows]
    heights = [max(per_row * ROW, len(lines) * LINE_HEIGHT + 6) for lines in wrapped]
    height = sum(heights) + GAP * len(rows) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + NUMBER_WIDTH
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-title">{escape(title)}</title>'
             f'<desc id="{chart_id}-desc">{escape(description)}</desc>']
    y = GAP
    for (label, values), lines, row_height in zip(rows, wrapped, heights):
        first = y + row_height / 2 - (len(lines) - 1) * LINE_HEIGHT / 2 + 5
        spans = "".join(f'<tspan x="{LABEL_WIDTH - 8}" y="{first + i * LINE_HEIGHT:.1f}">{escape(line)}</tspan>' for i, line in enumerate(lines))
        parts.append(f'<text text-anchor="end" class="kb-chart__label">{spans}</text>')
        bars_top = y + (row_height - per_row * ROW) / 2
        y = bars_top
        for index, value in enumerate(values):
            bar = max(1.0, value / biggest * BAR_WIDTH)
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{bar:.1f}" height="{ROW - 4}" '
                         f'class="kb-chart__series-{index % SERIES_CLASSES}"/>')
            parts.append(f'<text x="{LABEL_WIDTH + bar + 6:.1f}" y="{y + ROW - 6}" class="kb-chart__value">{escape(_number(value, lang))}</text>')
            y += ROW
        y = bars_top - (row_height - per_row * ROW) / 2 + row_height + GAP
    parts.append("</svg>")
    return "".join(parts)


def _table(caption: str, rows: list[tuple[str, list[float]]], series: list[str], unit: str, lang: str) -> str:
    head = "".join(f'<th scope="col">{escape(s)}</th>' for s in series) or f'<th scope="col">{escape(unit)}</th>'
    body = "".join(f'<tr><th scope="row">{escape(label)}</th>' + "".join(f"<td>{escape(_number(v, lang))}</td>" for v in values) + "</tr>"
                   for label, values in rows)
    return (f'<table class="kb-chart__table"><caption>{escape(caption)}</caption><thead><tr><td></td>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _figure(chart_id: str, title: str, rows, series: list[str], unit: str, source: str, lang: str,
            source_lang: str = "nl") -> str:
    """A chart as an SVG with its table and caption; `source` is the title of a Dutch document unless
    `source_lang` says otherwise (the practices of this site, named in the page's language)."""
    from kennisbank.records.ui import t

    legend = ""
    if len(series) > 1:
        legend = '<p class="kb-chart__legend">' + " ".join(
            f'<span class="kb-chart__key kb-chart__series-{i % SERIES_CLASSES}"></span>{escape(s)}' for i, s in enumerate(series)) + "</p>"
    description = t("chart_desc_one" if len(rows) == 1 else "chart_desc", lang, n=len(rows), unit=unit)
    return (f'<!-- kb:raw -->\n<figure class="kb-chart" id="grafiek-{chart_id}">\n'
            f"{_svg(chart_id, title, description, rows, series, lang)}\n{legend}\n"
            f'<details><summary>{escape(t("chart_table", lang))}</summary>{_table(title, rows, series, unit, lang)}</details>\n'
            f'<figcaption><strong>{escape(title)}</strong>. {escape(t("source", lang))}: {_in_language(escape(source), source_lang, lang)}</figcaption>\n'
            f"</figure>\n<!-- /kb:raw -->\n")


def _in_language(html: str, text_lang: str, page_lang: str) -> str:
    """`html` marked with its language where it is not the page's (a screen reader switches voice)."""
    return html if text_lang == page_lang else f'<span lang="{text_lang}">{html}</span>'


def _practice_rows(kind: str, summary: list[dict], lang: str) -> list[tuple[str, list[float]]]:
    from kennisbank.records.places import gazetteer

    if kind == "thema":
        themes = vocabulary.load("thema")
        counts = Counter(theme for p in summary for theme in p["themes"])
        return [(themes[t].label(lang), [counts[t]]) for t in sorted(counts, key=lambda t: (-counts[t], themes[t].label(lang)))]
    if kind == "provincie":
        places = gazetteer()
        counts = Counter(province for p in summary for province in p["provinces"])
        return [(places.provinces[p].label(lang), [counts[p]]) for p in sorted(counts, key=lambda p: (-counts[p], p))]
    counts = Counter(p["start"][:4] for p in summary if p["start"])
    return [(year, [counts[year]]) for year in sorted(counts)]


def chart_html(chart_id: str, lang: str, project_root: Path) -> str:
    from kennisbank.records.ui import t
    from kennisbank.site import guide

    if chart_id in ("thema", "provincie", "startjaar"):
        summary = guide.load_summary(project_root)
        rows = _practice_rows(chart_id, summary, lang)
        source = t("chart_source_practices", lang, n=len(summary))
        return _figure(chart_id, t(f"chart_{chart_id}", lang), rows, [], t("chart_unit_practices", lang), source, lang,
                       source_lang=lang)
    chart = figure_files()[chart_id]
    if "reeksen" in chart:
        rows = [(v["label"][lang], list(v["waarden"])) for v in chart["waarden"]]
        series = list(chart["reeksen"])
    else:
        rows = [(v["label"][lang], [v["waarde"]]) for v in chart["waarden"]]
        series = []
    return _figure(chart_id, chart["titel"][lang], rows, series, chart["eenheid"][lang], chart["bron"]["publicatie"], lang)


def expand(markdown: str, lang: str, project_root: Path) -> str:
    if "kb:grafiek" not in markdown:
        return markdown
    return MARKER.sub(lambda m: chart_html(m.group(1), lang, project_root), markdown)
