"""Do two built sites say the same thing? A page-by-page comparison of what readers and search get.

Why: the site has to survive its generator (MkDocs 1.6.1 is unmaintained, Material for MkDocs ends
in May 2027). Before the build switches to ProperDocs, or later to Zensical, it must be shown that
the other generator gives readers the same site. A byte comparison says too little (the generator's
name is in every page's `<meta name="generator">`, and another theme renders other markup) and a
screenshot too much. This compares, per page, what the knowledge base itself is responsible for:

- pages: the same set of HTML pages at the same paths;
- title: the page's `<title>`;
- text: the article's text (Material's `<article>`), whitespace collapsed;
- headings: level, anchor id and text of every heading in the article (links point at the ids);
- glossary: every explained term (`<abbr>`: the term, its glossary id and its explanation);
- pagefind: every element carrying a `data-pagefind-*` attribute, with those attributes;
- filters: the search filters a page gets (`name:value`, or the name with the element's text);
- links: every link and image in the article, resolved against the site to the file it reaches
  (a directory URL counts as its index.html, a target missing from that site is marked);
- navigation: the same for the links outside the article (navigation, header, footer);
- assets: the stylesheets, scripts and images outside the article (our own scripts run the
  overview's filters, the comparison and the search box), resolved the same way;
- languages: `<html lang>` and every `lang` attribute in the article, in order;
- alternates: every `hreflang` link (the head's alternates and the language selector), resolved;
- search index: the pages per language in Pagefind's index, when both sites have one.

`python -m kennisbank parity SITE_A SITE_B` prints every difference and exits 1 when there is any;
tests/test_generator_parity.py runs it on a MkDocs and a ProperDocs build, `make exit-check` on a
MkDocs and a Zensical build (kennisbank/exit_check.py).
"""
from __future__ import annotations

import difflib
import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kennisbank.records.problems import DataError

ASPECTS = ("title", "text", "headings", "glossary", "pagefind", "filters", "links", "navigation", "assets",
           "languages", "alternates")
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose content is not text a reader reads.
NOT_TEXT = {"script", "style", "template"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Attributes that carry a link, on any element.
LINK_ATTRIBUTES = ("href", "src")
# Links that are no file of the site; kept as they are written.
NOT_A_FILE = ("mailto:", "tel:", "data:", "javascript:")
WHITESPACE = re.compile(r"\s+")
# Words of context printed on each side of a text difference.
TEXT_CONTEXT_WORDS = 6


@dataclass
class PageFacts:
    """What a reader and the search index get from one page (see the module docstring)."""
    title: str = ""
    text: str = ""
    headings: list[str] = field(default_factory=list)
    glossary: list[str] = field(default_factory=list)
    pagefind: list[str] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    navigation: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    alternates: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Difference:
    page: str  # the page's path in the site, or "" for the site as a whole
    aspect: str
    lines: tuple[str, ...]  # what differs, "- A: …" / "+ B: …"


@dataclass
class Comparison:
    site_a: Path
    site_b: Path
    pages_a: int = 0
    pages_b: int = 0
    compared: int = 0
    differences: list[Difference] = field(default_factory=list)

    def pages_differing(self, aspect: str) -> int:
        """Pages on which `aspect` differs; for "pages", the pages that only one site has."""
        if aspect == "pages":
            return sum(len(d.lines) for d in self.differences if d.aspect == "pages")
        return len({d.page for d in self.differences if d.aspect == aspect})


class _Resolver:
    """Turns a link written on a page into the site file it reaches, for one site."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self._exists: dict[str, bool] = {}

    def resolve(self, page: str, link: str) -> str:
        link = link.strip()
        parts = urlsplit(link)
        if parts.scheme or link.startswith("//") or link.startswith(NOT_A_FILE):
            return link
        fragment = f"#{unquote(parts.fragment)}" if parts.fragment else ""
        if not parts.path:  # "#anchor" or "?query": this page
            return page + fragment
        path = unquote(parts.path)
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
        target = posixpath.normpath(joined)
        if target == ".":
            target = ""
        if path.endswith("/") or self._is_dir(target):
            target = posixpath.join(target, "index.html") if target else "index.html"
        missing = "" if self._is_file(target) else " (ontbreekt)"
        return target + fragment + missing

    def _is_dir(self, target: str) -> bool:
        return (self.site_dir / target).is_dir() if target and not target.startswith("..") else False

    def _is_file(self, target: str) -> bool:
        if target not in self._exists:
            self._exists[target] = not target.startswith("..") and (self.site_dir / target).is_file()
        return self._exists[target]


class _PageParser(HTMLParser):
    """One pass over a page, collecting its PageFacts."""

    def __init__(self, page: str, resolver: _Resolver):
        super().__init__(convert_charrefs=True)
        self.page, self.resolver, self.facts = page, resolver, PageFacts()
        self.stack: list[str] = []
        self.article = "before"  # before, inside, after: only the first <article> is the article
        self.article_depth = 0  # len(stack) with the article open
        self.text: list[str] = []
        # Open captures of an element's text: [stack depth with it open, kind, prefix, collected text]
        self.captures: list[tuple[int, str, str, list[str]]] = []
        self.skip_depth: int | None = None  # inside a script or style: no text

    def handle_starttag(self, tag, attrs):
        attributes = {name: (value or "") for name, value in attrs}
        if tag == "article" and self.article == "before":
            self.article, self.article_depth = "inside", len(self.stack) + 1
        self._element(tag, attributes)
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)
            self._open_captures(tag, attributes)

    def handle_startendtag(self, tag, attrs):
        self._element(tag, {name: (value or "") for name, value in attrs})

    def _element(self, tag: str, attributes: dict[str, str]) -> None:
        facts, inside = self.facts, self.article == "inside"
        if tag == "html" and "lang" in attributes:
            facts.languages.append(f"html lang={attributes['lang']}")
        elif inside and "lang" in attributes:
            facts.languages.append(f"{tag} lang={attributes['lang']}")
        pagefind = sorted((name, value) for name, value in attributes.items() if name.startswith("data-pagefind-"))
        if pagefind:
            facts.pagefind.append(f"<{tag} " + " ".join(f'{n}="{v}"' if v else n for n, v in pagefind) + ">")
        if "hreflang" in attributes:
            rel = f" rel={attributes['rel']}" if "rel" in attributes else ""
            facts.alternates.append(f"<{tag}{rel} hreflang={attributes['hreflang']}> "
                                    f"{self.resolver.resolve(self.page, attributes.get('href', ''))}")
            return
        for name in LINK_ATTRIBUTES:
            if name not in attributes:
                continue
            entry = f"<{tag} {name}> {self.resolver.resolve(self.page, attributes[name])}"
            if inside:
                facts.links.append(entry)
            elif tag == "a":
                facts.navigation.append(entry)
            else:
                facts.assets.append(entry)

    def _open_captures(self, tag: str, attributes: dict[str, str]) -> None:
        depth = len(self.stack)
        if tag in NOT_TEXT and self.skip_depth is None:
            self.skip_depth = depth
        if tag == "title" and not self.facts.title:
            self.captures.append((depth, "title", "", []))
        value = attributes.get("data-pagefind-filter")
        if value is not None:
            # Pagefind's two forms: "name:value" on any element, or "name" with the element's text as the value.
            if ":" in value:
                name, _, fixed = value.partition(":")
                self.facts.filters.append(f"{name.strip()}: {fixed.strip()}")
            else:
                self.captures.append((depth, "filter", value.strip(), []))
        if self.article != "inside":
            return
        if tag in HEADINGS:
            self.captures.append((depth, "heading", f"{tag}#{attributes.get('id', '')}", []))
        if tag == "abbr":
            self.captures.append((depth, "glossary", f"[{attributes.get('data-kb-term', '')}] "
                                                     f"title={_collapse(attributes.get('title', ''))!r}", []))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or tag not in self.stack:
            return
        while self.stack:  # an element left open inside this one ends here too
            depth = len(self.stack)
            name = self.stack.pop()
            self._close(depth)
            if name == tag:
                break

    def _close(self, depth: int) -> None:
        if self.skip_depth == depth:
            self.skip_depth = None
        while self.captures and self.captures[-1][0] >= depth:
            _, kind, prefix, collected = self.captures.pop()
            text = _collapse("".join(collected))
            if kind == "title":
                self.facts.title = text
            elif kind == "heading":
                self.facts.headings.append(f"{prefix} {text.removesuffix('¶').rstrip()}")
            elif kind == "glossary":
                self.facts.glossary.append(f"{text!r} {prefix}")
            elif kind == "filter":
                self.facts.filters.append(f"{prefix}: {text}")
        if self.article == "inside" and depth == self.article_depth:
            self.article = "after"

    def handle_data(self, data):
        if self.skip_depth is not None:
            return
        for capture in self.captures:
            capture[3].append(data)
        if self.article == "inside":
            self.text.append(data)

    def close(self) -> PageFacts:
        super().close()
        self.facts.text = _collapse("".join(self.text))
        return self.facts


def _collapse(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def page_facts(site_dir: Path, page: str, resolver: _Resolver | None = None) -> PageFacts:
    """The facts of one page (its path relative to site_dir, e.g. 'fr/praktijken/index.html')."""
    parser = _PageParser(page, resolver or _Resolver(site_dir))
    parser.feed((site_dir / page).read_text(encoding="utf-8", errors="replace"))
    return parser.close()


def pages_of(site_dir: Path) -> list[str]:
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))


def search_index_pages(site_dir: Path) -> dict[str, int] | None:
    """Pages per language in the site's Pagefind index, or None when it has none."""
    entry = site_dir / "pagefind" / "pagefind-entry.json"
    if not entry.is_file():
        return None
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    return {lang: info["page_count"] for lang, info in sorted(languages.items())}


def compare_sites(site_a: Path, site_b: Path) -> Comparison:
    """Compare two built sites page by page; every difference is in the result's `differences`."""
    for site in (site_a, site_b):
        if not (site / "index.html").is_file():
            raise DataError(f"Geen gebouwde site in {site} (index.html ontbreekt): bouw eerst, bv. "
                            f"python -m kennisbank build --no-pdf --site-dir {site}")
    comparison = Comparison(site_a, site_b)
    pages_a, pages_b = pages_of(site_a), pages_of(site_b)
    comparison.pages_a, comparison.pages_b = len(pages_a), len(pages_b)
    only_a, only_b = sorted(set(pages_a) - set(pages_b)), sorted(set(pages_b) - set(pages_a))
    if only_a or only_b:
        comparison.differences.append(Difference("", "pages", tuple(
            [f"- alleen in A: {page}" for page in only_a] + [f"+ alleen in B: {page}" for page in only_b])))
    resolver_a, resolver_b = _Resolver(site_a), _Resolver(site_b)
    for page in sorted(set(pages_a) & set(pages_b)):
        comparison.compared += 1
        facts_a, facts_b = page_facts(site_a, page, resolver_a), page_facts(site_b, page, resolver_b)
        for aspect in ASPECTS:
            a, b = getattr(facts_a, aspect), getattr(facts_b, aspect)
            if a == b:
                continue
            lines = _text_difference(a, b) if isinstance(a, str) else _list_difference(a, b)
            comparison.differences.append(Difference(page, aspect, tuple(lines)))
    index_a, index_b = search_index_pages(site_a), search_index_pages(site_b)
    if index_a is not None and index_b is not None and index_a != index_b:
        comparison.differences.append(Difference("pagefind/pagefind-entry.json", "search index", (
            f"- A: {index_a}", f"+ B: {index_b}")))
    elif (index_a is None) != (index_b is None):
        comparison.differences.append(Difference("pagefind/pagefind-entry.json", "search index", (
            f"- A: {index_a or 'geen zoekindex'}", f"+ B: {index_b or 'geen zoekindex'}")))
    return comparison


def _list_difference(a: list[str], b: list[str]) -> list[str]:
    lines = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lines += [f"- A: {item}" for item in a[a1:a2]] + [f"+ B: {item}" for item in b[b1:b2]]
    return lines


def _text_difference(a: str, b: str) -> list[str]:
    """Each changed run of words, with a few words of context on either side."""
    words_a, words_b = a.split(" "), b.split(" ")
    lines = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        before = " ".join(words_a[max(0, a1 - TEXT_CONTEXT_WORDS):a1])
        after = " ".join(words_a[a2:a2 + TEXT_CONTEXT_WORDS])
        lines.append(f"… {before} [- A: {' '.join(words_a[a1:a2])!r} + B: {' '.join(words_b[b1:b2])!r}] {after} …")
    return lines


def report(comparison: Comparison) -> str:
    """Every difference, then a summary per aspect."""
    out = [f"Pariteit: A = {comparison.site_a}, B = {comparison.site_b}",
           f"Pagina's: {comparison.pages_a} in A, {comparison.pages_b} in B, {comparison.compared} vergeleken."]
    for difference in comparison.differences:
        out.append(f"{difference.page or '(site)'}: {difference.aspect}")
        out += [f"    {line}" for line in difference.lines]
    if not comparison.differences:
        out.append("Geen verschillen.")
        return "\n".join(out)
    summary = [f"{aspect} {comparison.pages_differing(aspect)}" for aspect in ("pages", *ASPECTS, "search index")
               if comparison.pages_differing(aspect)]
    pages = len({d.page for d in comparison.differences if d.page})
    out.append(f"{len(comparison.differences)} verschillen op {pages} pagina's (pagina's per aspect: {', '.join(summary)}).")
    return "\n".join(out)
