"""The site's Markdown as HTML for print: one document per language, with ids and links made document-wide.

Why from the Markdown and not from the built site: the PDF must not copy Material's screen layout
(and must outlive Material, which reaches end of life in 2027). So the print documents start from
the same Markdown the site renders: the generated practice pages from `pages.plan` and the
hand-written pages with their `kb:` markers expanded, converted with the Python-Markdown extensions
that mkdocs.yml lists. Three things change for print:

- every id gets a prefix per page, so many pages can share one HTML document;
- a link to a page that is in the PDF jumps to it; any other link goes to the website;
- e-mail addresses, which the site hides from harvesters until JavaScript runs, become plain
  mailto links, because a PDF runs no JavaScript.
"""
from __future__ import annotations

import codecs
import html
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown
import yaml

from kennisbank.paths import GENERATED_DIR_NAME
from kennisbank.records import vocabulary
from kennisbank.site import markers

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# Attributes are matched only after whitespace, so `data-id="…"` or `data-href` stay untouched.
ID_ATTR = re.compile(r'(?<=\s)id="([^"]*)"')
HREF_ATTR = re.compile(r'(?<=\s)href="([^"]*)"')
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
EMAIL_SPAN = re.compile(r'<span class="kb-email" data-kb-mail="([^"]+)"[^>]*>[^<]*<span class="kb-at">[^<]*</span>[^<]*</span>')
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@cache
def markdown_extensions(config_file: Path) -> tuple[list, dict]:
    """The extensions and their settings from mkdocs.yml, without the ¶ permalinks (useless on paper)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    names, settings = [], {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings[name] = dict(options or {})
    if "toc" in settings:
        settings["toc"]["permalink"] = False
    return names, settings


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    return yaml.safe_load(match.group(1)) or {}, text[match.end():]


def page_url(src: str) -> str:
    """The site URL of a page, relative to its language root: `praktijken/x.md` → `praktijken/x/`."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def anchor_of(src: str) -> str:
    """The id of a page inside the print document: `taalbeleid/stap-1.md` → `p-taalbeleid-stap-1`."""
    return "p-" + src[:-3].replace("/", "-")


@dataclass
class PrintPage:
    src: str  # the page's path under docs/ without language suffix, e.g. "taalbeleid/index.md"
    title: str
    html: str  # body HTML, ids prefixed; links still as written (see `Linker`)

    @property
    def anchor(self) -> str:
        return anchor_of(self.src)


def render_page(src: str, text: str, lang: str, root: Path, heading_shift: int = 0) -> PrintPage:
    """Markdown of one page (front matter and markers included) → PrintPage."""
    meta, body = split_front_matter(text)
    body = markers.expand(body, lang, src, root)
    names, settings = markdown_extensions(root / "mkdocs.yml")
    converted = markdown.Markdown(extensions=names, extension_configs=settings, output_format="html").convert(body)
    prefix = anchor_of(src) + "--"
    converted = plain_emails(ID_ATTR.sub(lambda m: f'id="{prefix}{m.group(1)}"', converted))
    if heading_shift:
        converted = HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + heading_shift)}", converted)
    return PrintPage(src=src, title=str(meta.get("title", "")), html=converted)


def plain_emails(html_text: str) -> str:
    """The site's harvester-safe e-mail spans → ordinary mailto links (a PDF has no JavaScript to decode them)."""
    return EMAIL_SPAN.sub(_mailto, html_text)


def _mailto(match: re.Match) -> str:
    address = html.escape(codecs.decode(html.unescape(match.group(1)), "rot13"))
    return f'<a href="mailto:{address}">{address}</a>'


class Linker:
    """Rewrites the links of rendered pages: into the document where the target is in it, else to the web.

    `in_document` maps page paths (`praktijken/x.md`) to anchors in the document; overview pages that
    the book replaces by its own index (theme and region pages) are mapped there too by the caller.
    """

    def __init__(self, in_document: dict[str, str], known_pages: set[str], site_url: str, lang: str):
        self.in_document = in_document
        self.by_url = {page_url(src): src for src in known_pages | set(in_document)}
        self.web_root = site_url.rstrip("/") + "/" + vocabulary.url_prefix(lang)

    def rewrite(self, src: str, html_text: str) -> str:
        """The links of `html_text`, written in the page `src`, pointed into the document or to the web."""
        return HREF_ATTR.sub(lambda m: f'href="{html.escape(self.target(src, html.unescape(m.group(1))))}"', html_text)

    def target(self, src: str, href: str) -> str:
        if EXTERNAL.match(href):
            return href
        path, _, fragment = href.partition("#")
        if not path:
            return f"#{anchor_of(src)}--{fragment}" if fragment else f"#{anchor_of(src)}"
        if path.endswith(".md"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
        else:
            url = posixpath.normpath(posixpath.join(page_url(src), path))
            url = "" if url == "." else url.strip("/")
            if url and "." not in url.rsplit("/", 1)[-1]:
                url += "/"  # a page URL; a file (a PDF, an image) keeps its name
            target = self.by_url.get(url, url)
        if target in self.in_document:
            anchor = self.in_document[target]
            return f"#{anchor}--{fragment}" if fragment else f"#{anchor}"
        web = page_url(target) if target.endswith(".md") else target
        return self.web_root + web + (f"#{fragment}" if fragment else "")


def index_stand_ins(theme_ids: list[str], region_slugs: list[str], practices_anchor: str) -> dict[str, str]:
    """Overview pages of the site that the book replaces by its practices part and its two indexes."""
    stand_ins = {f"{GENERATED_DIR_NAME}/index.md": practices_anchor,
                 f"{GENERATED_DIR_NAME}/thema/index.md": "index-thema",
                 f"{GENERATED_DIR_NAME}/regio/index.md": "index-regio"}
    stand_ins.update({f"{GENERATED_DIR_NAME}/thema/{theme}.md": f"index-thema-{theme}" for theme in theme_ids})
    stand_ins.update({f"{GENERATED_DIR_NAME}/regio/{slug}.md": f"index-regio-{slug}" for slug in region_slugs})
    return stand_ins
