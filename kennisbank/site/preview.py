"""A copy of the built site that works when opened from disk: the preview of a pull request.

Why: the site links to folders (`praktijken/gent-ankerkracht/`), which a web server answers with
the folder's index.html. A contributor who downloads the preview from GitHub and double-clicks
index.html opens it from disk (file://), where the browser shows a folder listing instead, and
`/fr/` and `/en/` break. The preview rewrites every relative link to a folder so that it names its
index.html, and puts a notice on every page: search needs a web server, because Pagefind fetches
its index and browsers refuse that from disk (`make serve` has search). Browsers also refuse an
SVG `<use>` of another file from disk, so the map's shared outlines are copied into each page
that draws them.

Only the copy is changed; site/ stays exactly what is published.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from markupsafe import escape

from kennisbank.records import vocabulary
from kennisbank.records.ui import t

# href="…" and src="…" values in the HTML that MkDocs, Material and our templates write (always double quotes).
LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
# A value with a scheme (https:, mailto:, data:, tel:…), protocol-relative or root-absolute: not a file on disk.
NOT_RELATIVE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|/)")
BODY_TAG = re.compile(r"<body[^>]*>")
HTML_LANG = re.compile(r'<html[^>]*\blang="([a-z]{2})')
INDEX = "index.html"
# <use href="../assets/kaart-provincies.svg#p-10000"/>: a shape from a shared SVG file (kennisbank/site/belgium_map.py).
SVG_USE = re.compile(r'(<use\s[^>]*?href=")([^"#]+\.svg)#([^"]+)(")')


def file_link(value: str) -> str:
    """`../regio/antwerpen/#x` → `../regio/antwerpen/index.html#x`; other values unchanged."""
    if not value or value.startswith(("#", "?")) or NOT_RELATIVE.match(value):
        return value
    cut = min((i for i in (value.find("#"), value.find("?")) if i >= 0), default=len(value))
    path, tail = value[:cut], value[cut:]
    if path in (".", ".."):
        path += "/"
    return (path + INDEX if path.endswith("/") else path) + tail


def inline_svg_uses(html: str, page: Path) -> str:
    """Point every <use> of a shared SVG file at a hidden copy of that file inside the page."""
    files = {}

    def local(match: re.Match) -> str:
        source = (page.parent / match.group(2)).resolve()
        files.setdefault(source, source.read_text(encoding="utf-8"))
        return f"{match.group(1)}#{match.group(3)}{match.group(4)}"

    html = SVG_USE.sub(local, html)
    hidden = "".join(f'<div hidden aria-hidden="true">{svg}</div>' for svg in files.values())
    return html.replace("</body>", hidden + "</body>", 1) if hidden else html


def rewrite_page(html: str, page: Path) -> str:
    html = inline_svg_uses(html, page)
    html = LINK_ATTRIBUTE.sub(lambda m: m.group(1) + file_link(m.group(2)) + m.group(3), html)
    lang_match = HTML_LANG.search(html)
    lang = lang_match.group(1) if lang_match and lang_match.group(1) in vocabulary.LANGUAGES else vocabulary.DEFAULT_LANGUAGE
    notice = f'<p class="kb-preview-notice" role="note" data-pagefind-ignore>{escape(t("preview_notice", lang))}</p>'
    return BODY_TAG.sub(lambda m: m.group(0) + notice, html, count=1)


def make_preview(site_dir: Path, target: Path) -> int:
    """Copy `site_dir` to `target` with links that work from disk; returns the number of pages rewritten."""
    if not (site_dir / INDEX).is_file():
        raise FileNotFoundError(f"Geen gebouwde site in {site_dir}: voer eerst `make site` uit.")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(site_dir, target)
    pages = 0
    for page in target.rglob("*.html"):
        page.write_text(rewrite_page(page.read_text(encoding="utf-8"), page), encoding="utf-8")
        pages += 1
    return pages
