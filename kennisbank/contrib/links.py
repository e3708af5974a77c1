"""Check that every internal link of a built site leads somewhere: the file exists, and the anchor too.

Why in the package: the same check runs in the tests, in `make links` and in the contributors'
pull-request workflow, on the site as it will be served (directory URLs, relative links, #anchors).
"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Links that are not files: checked by no one here. Links that leave the site have a scheme
# (https:); a protocol-relative one (`//host/…`) is a broken root path ("/" ~ "/pagefind/") or a
# CDN, which the site never uses: both are reported.
NOT_INTERNAL = ("mailto:", "tel:", "data:", "javascript:")


class _LinksAndIds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img", "source"):
                self.links.append(attrs[name])


def _parse(path: Path, cache: dict[Path, _LinksAndIds]) -> _LinksAndIds:
    if path not in cache:
        parser = _LinksAndIds()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = parser
    return cache[path]


def broken_links(site_dir: Path) -> list[str]:
    """'page → link' for every internal link whose file or anchor does not exist."""
    site_dir = site_dir.resolve()
    cache: dict[Path, _LinksAndIds] = {}
    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        for link in _parse(page, cache).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(NOT_INTERNAL) or link == "#":
                continue
            if link.startswith("//"):
                broken.append(f"{page.relative_to(site_dir).as_posix()} → {link} (begint met //: een ander domein)")
                continue
            if link.startswith("#"):  # an anchor on the same page
                if unquote(parts.fragment) not in _parse(page, cache).ids:
                    broken.append(f"{page.relative_to(site_dir).as_posix()} → {link} (anker ontbreekt)")
                continue
            base = site_dir if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            shown = f"{page.relative_to(site_dir).as_posix()} → {link}"
            if not target.exists():
                broken.append(shown)
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _parse(target, cache).ids:
                broken.append(f"{shown} (anker ontbreekt)")
    return broken


def external_links(site_dir: Path) -> dict[str, list[str]]:
    """Every link that leaves the site (http, https), with the pages that carry it. Never fetched:
    there is no network at build time; the list is for a person (or a scheduled job) to check."""
    site_dir = site_dir.resolve()
    cache: dict[Path, _LinksAndIds] = {}
    found: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        for link in _parse(page, cache).links:
            if urlsplit(link).scheme in ("http", "https"):
                found.setdefault(link, []).append(page.relative_to(site_dir).as_posix())
    return dict(sorted(found.items()))
