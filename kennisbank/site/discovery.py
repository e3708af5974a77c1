"""How search engines and feed readers find the practices: JSON-LD, a complete multilingual sitemap, Atom feeds.

Why these choices:
- JSON-LD describes the page as a schema.org `WebPage` whose `mainEntity` is a `Project` (an
  Organization subtype for an undertaking with a goal, funding and a lifetime; it fits a local
  practice better than `Event` or `GovernmentService`). Why two nodes: the page's language
  (`inLanguage`), its source publication (`isBasedOn`, a `Book`) and the date its facts were last
  checked (`lastReviewed`, from `laatst_gecontroleerd`; not `dateModified`, since a check need not
  change anything) are properties of a CreativeWork, which a Project is not. The Project has one
  `@id` in every language (on the Dutch page), so the three pages describe the same practice.
  The lead is `founder`; partners are `member`s; euro amounts are a `MonetaryGrant`; the period
  gives `foundingDate` and `dissolutionDate`. The tests check every type and property against the
  vocabulary file of the schema.org release (tests/validators/).
  A `ContactPoint` appears only for departments and role mailboxes (`soort: functie`), with name,
  phone and website but no e-mail address: the site hides every address from harvesters, and
  JSON-LD is plain text. A person's details never appear in JSON-LD.
- MkDocs writes the sitemap only for the default language, with the alternates of each page. Here
  every language version becomes its own `<url>` with all three alternates, as search engines ask.
- The feeds are dated by each record's `laatst_gecontroleerd`, never by the build time, so two
  builds of the same data give the same feed.
- A sitemap's `lastmod` is the page's last change, not the build date (which MkDocs writes): git's
  date of the record or of the hand-written page, the newest record for the generated overviews,
  and no `lastmod` at all where neither is known.
"""
from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from dataclasses import dataclass

from markupsafe import Markup

from typing import TYPE_CHECKING

from kennisbank import site_config
from kennisbank.model import freshness
from kennisbank.opendata import exports
from kennisbank.paths import GENERATED_DIR_NAME
from kennisbank.records import organisations, vocabulary

if TYPE_CHECKING:
    from kennisbank.model import Practice

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"


def _project(practice: Practice, lang: str, site_url: str) -> dict:
    """The practice itself: who leads it, with whom, where, with what money and for how long."""
    data: dict = {
        "@type": "Project", "@id": site_config.practice_url(site_url, vocabulary.DEFAULT_LANGUAGE, practice.slug) + "#praktijk",
        "name": practice.title(lang), "description": practice.text("samenvatting", lang)[0],
        "areaServed": [{"@type": "Place" if a.kind == "buitenland" else "AdministrativeArea", "name": a.label(lang),
                        **({"identifier": a.key} if a.kind in ("gemeente", "provincie") else {})} for a in practice.areas],
    }
    if practice.leads:
        data["founder"] = [{"@type": "Organization", "name": organisations.name_in(lead, lang)[0]} for lead in practice.leads]
    if practice.partners:
        data["member"] = [{"@type": "Organization", "name": organisations.name_in(partner, lang)[0]} for partner in practice.partners]
    euros = [a for a in practice.budget.amounts if a.unit == "euro"]
    if euros:
        data["funding"] = [{"@type": "MonetaryGrant", "description": practice.budget.text.in_lang(lang)[0],
                            "amount": {"@type": "MonetaryAmount", "currency": "EUR", "value": a.value,
                                       **({"maxValue": a.upper} if a.upper else {})}} for a in euros]
    if practice.period.start:
        data["foundingDate"] = practice.period.start
    if practice.period.end:
        data["dissolutionDate"] = practice.period.end
    points = [{"@type": "ContactPoint", **({"name": c.organisation} if c.organisation else {}),
               **({"telephone": c.phones[0]} if c.phones else {}),
               **({"url": c.website} if c.website else {})}
              for c in practice.contacts if c.kind == "functie" and not c.withheld]
    if points:
        data["contactPoint"] = points
    return data


def _based_on(source) -> dict:
    """The publication the facts come from, or the information the organisation supplied itself."""
    if source.kind == "aangeleverd":
        return {"@type": "CreativeWork", "author": {"@type": "Organization", "name": source.supplied_by},
                "dateCreated": source.date}
    return {"@type": "Book", "name": source.publication, "datePublished": str(source.year),
            **({"publisher": {"@type": "Organization", "name": source.publisher}} if source.publisher else {})}


def json_ld(practice: Practice, lang: str, site_url: str) -> Markup:
    """The practice page as schema.org JSON-LD, safe to place inside <script> (no '<', '>' or '&' left)."""
    url = site_config.practice_url(site_url, lang, practice.slug)
    data = {
        "@context": "https://schema.org", "@type": "WebPage", "@id": url, "url": url,
        "name": practice.title(lang), "inLanguage": lang, "lastReviewed": practice.checked,
        "isBasedOn": _based_on(practice.source),
        "mainEntity": _project(practice, lang, site_url),
    }
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@dataclass
class PageDates:
    """When each page last changed (YYYY-MM-DD), by its address."""
    by_url: dict[str, str]
    listings: dict[str, str]  # the address of a language's practices folder → its newest record date

    def of(self, url: str) -> str | None:
        if url in self.by_url:
            return self.by_url[url]
        return next((date for folder, date in self.listings.items() if url.startswith(folder)), None)


def page_dates(practices: list[Practice], root: Path) -> PageDates:
    """Last changes from git (records, hand-written pages) and, for a record without history, its check date."""
    site_url = site_config.identity(root)["url"]
    changed = freshness.record_change_dates(practices)
    record_dates = {p.slug: changed.get(p.slug) or feed_date(p)[:10] for p in practices}
    by_url, listings = {}, {}
    for lang in vocabulary.LANGUAGES:
        for practice in practices:
            by_url[site_config.practice_url(site_url, lang, practice.slug)] = record_dates[practice.slug]
        if record_dates:
            listings[f"{site_url}{vocabulary.url_prefix(lang)}{GENERATED_DIR_NAME}/"] = max(record_dates.values())
    suffixes = {f".{lang}.md": lang for lang in vocabulary.LANGUAGES if lang != vocabulary.DEFAULT_LANGUAGE}
    for source, date in freshness.git_dates(root.resolve(), "docs").items():
        if not source.endswith(".md") or source.startswith(f"docs/{GENERATED_DIR_NAME}/"):
            continue
        lang = next((code for suffix, code in suffixes.items() if source.endswith(suffix)), vocabulary.DEFAULT_LANGUAGE)
        page = source.removeprefix("docs/").removesuffix(".md").removesuffix(f".{lang}")
        by_url[f"{site_url}{vocabulary.url_prefix(lang)}{_directory_url(page)}"] = date
    return PageDates(by_url, listings)


def _directory_url(page: str) -> str:
    """MkDocs' address of a source page (use_directory_urls): 'index' → '', 'a/index' → 'a/', 'a/b' → 'a/b/'."""
    if page == "index":
        return ""
    return page.removesuffix("/index") + "/" if page.endswith("/index") else page + "/"


def complete_sitemap(site_dir: Path, dates: PageDates) -> int:
    """Give every language version of every page its own <url> with all alternates, dated by `dates`;
    returns the count."""
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return 0
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    tree = ET.parse(path)
    urlset = tree.getroot()
    seen = {url.findtext(f"{{{SITEMAP_NS}}}loc") for url in urlset}
    for url in list(urlset):
        alternates = url.findall(f"{{{XHTML_NS}}}link")
        for alternate in alternates:
            href = alternate.get("href")
            if href in seen:
                continue
            copy = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(copy, f"{{{SITEMAP_NS}}}loc").text = href
            for child in url:
                if child.tag not in (f"{{{SITEMAP_NS}}}loc", f"{{{SITEMAP_NS}}}lastmod"):
                    copy.append(child)
            seen.add(href)
    for url in urlset:
        _set_lastmod(url, dates.of(url.findtext(f"{{{SITEMAP_NS}}}loc") or ""))
    ET.indent(tree)
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    # mtime 0: the same sitemap gives the same compressed file on every build
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(path.read_bytes(), mtime=0))
    _language_sitemaps(site_dir, urlset)
    return len(urlset)


def _set_lastmod(url: ET.Element, date: str | None) -> None:
    """Replace MkDocs' build date by the page's own date, placed right after <loc> as the protocol orders it."""
    for old in url.findall(f"{{{SITEMAP_NS}}}lastmod"):
        url.remove(old)
    if date:
        lastmod = ET.Element(f"{{{SITEMAP_NS}}}lastmod")
        lastmod.text = date
        url.insert(1, lastmod)


def _language_sitemaps(site_dir: Path, urlset: ET.Element) -> None:
    """`<lang>/sitemap.xml` with that language's pages: Material's language selector fetches it to find
    the same page in the other language (without it, every switch cost a 404)."""
    for lang in vocabulary.LANGUAGES:
        if lang == vocabulary.DEFAULT_LANGUAGE or not (site_dir / lang).is_dir():
            continue
        subset = ET.Element(urlset.tag)
        for url in urlset:
            loc = url.findtext(f"{{{SITEMAP_NS}}}loc") or ""
            if f"/{lang}/" in loc:
                subset.append(url)
        tree = ET.ElementTree(subset)
        ET.indent(tree)
        tree.write(site_dir / lang / "sitemap.xml", encoding="UTF-8", xml_declaration=True)


def feed_date(practice: Practice) -> str:
    """The entry's date: the first day the check date names ('2016' → 2016-01-01), as RFC 3339."""
    return exports.first_day(practice.checked).isoformat() + "T00:00:00Z"


def write_feeds(practices: list[Practice], site_dir: Path, root: Path) -> list[Path]:
    """An Atom feed of practices per language, newest check date first."""
    from kennisbank.records.ui import t
    from kennisbank.site import typography

    identity = site_config.identity(root)
    site_url = identity["url"]
    runs_it = site_config.publisher(root)
    ordered = sorted(practices, key=lambda p: (feed_date(p), p.slug), reverse=True)
    written = []
    ET.register_namespace("", ATOM_NS)
    for lang in vocabulary.LANGUAGES:
        prefix = vocabulary.url_prefix(lang)
        feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})

        def add(parent, tag, text=None, **attrs):
            element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
            if text is not None:  # feed readers show it as it is: French spacing here, as on the pages
                element.text = typography.french_text(text) if lang == "fr" else text
            return element

        add(feed, "id", f"{site_url}{prefix}{FEED_FILE}")
        add(feed, "title", f"{identity['names'][lang]}: {t('practices', lang)}")
        add(feed, "updated", feed_date(ordered[0]) if ordered else "2016-01-01T00:00:00Z")
        add(feed, "link", href=f"{site_url}{prefix}{FEED_FILE}", rel="self", type="application/atom+xml")
        add(feed, "link", href=f"{site_url}{prefix}praktijken/", rel="alternate", type="text/html")
        author = add(feed, "author")
        add(author, "name", runs_it.name(lang))
        add(author, "email", runs_it.email)
        add(author, "uri", f"{site_url}{prefix}over/")
        for practice in ordered:
            entry = add(feed, "entry")
            url = site_config.practice_url(site_url, lang, practice.slug)
            add(entry, "id", url)
            add(entry, "title", practice.title(lang))
            add(entry, "link", href=url, rel="alternate", type="text/html")
            add(entry, "updated", feed_date(practice))
            add(entry, "summary", practice.text("samenvatting", lang)[0])
        tree = ET.ElementTree(feed)
        ET.indent(tree)
        target = site_dir / prefix / FEED_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        tree.write(target, encoding="UTF-8", xml_declaration=True)
        written.append(target)
    return written
