"""The built site, as a reader gets it: pages per language, links that resolve, safe output.

These tests read the HTML of a real build of the real data (see conftest.built_site).
"""
from __future__ import annotations

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from markupsafe import escape

from kennisbank.contrib import links
from kennisbank.model import build_practice, load_practices
from kennisbank.records.ui import t
from kennisbank.site import pages

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}


class PageParser(HTMLParser):
    """Collects links, ids, the html lang and elements carrying lang / data-pagefind-* attributes."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.html_lang = None
        self.alternates: dict[str, str] = {}
        self.stack: list[dict] = []
        self.text_by_lang: list[tuple[str, bool, str]] = []  # (lang, ignored by pagefind, text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[name])
        if tag == "a" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            return
        parent = self.stack[-1] if self.stack else {"lang": None, "ignored": False}
        self.stack.append({"tag": tag, "lang": attrs.get("lang", parent["lang"]),
                           "ignored": parent["ignored"] or "data-pagefind-ignore" in attrs})

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index]["tag"] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack and data.strip():
            self.text_by_lang.append((self.stack[-1]["lang"], self.stack[-1]["ignored"], data.strip()))


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def practices():
    return load_practices()


def test_every_record_has_a_page_in_every_language(built_site, practices):
    for practice in practices:
        for lang, prefix in LANGS.items():
            page = built_site / prefix / "praktijken" / practice.slug / "index.html"
            assert page.exists(), page
            parsed = parse(page)
            assert parsed.html_lang == lang
            html = page.read_text(encoding="utf-8")
            assert "<h1" in html and pages.md_inline(practice.title(lang)).replace("\\", "")[:20] in html.replace("&#39;", "'").replace("&amp;", "&")


def test_overview_theme_and_region_pages_exist_in_every_language(built_site):
    for prefix in LANGS.values():
        for relative in ("praktijken/index.html", "praktijken/thema/index.html", "praktijken/regio/index.html",
                         "praktijken/thema/welzijn/index.html", "praktijken/regio/oost-vlaanderen/index.html",
                         "index.html", "over/index.html"):
            assert (built_site / prefix / relative).exists(), prefix + relative


def test_every_internal_link_resolves(built_site):
    broken = links.broken_links(built_site)
    assert not broken, "\n".join(broken[:40])


def test_the_link_check_finds_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../b/">b</a><a href="#top">top</a>'
                                              '<a href="#gone">x</a><a href="https://example.org/">web</a>'
                                              '<script src="//pagefind/pagefind-ui.js"></script>', encoding="utf-8")
    assert links.broken_links(tmp_path) == ["a/index.html → ../b/", "a/index.html → #gone (anker ontbreekt)",
                                            "a/index.html → //pagefind/pagefind-ui.js (begint met //: een ander domein)"]


def test_no_external_resources_are_loaded(built_site):
    """Fonts, scripts and styles come from the site itself, never from a CDN."""
    for page in list(built_site.glob("**/index.html"))[:200]:
        html = page.read_text(encoding="utf-8")
        external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', html)
        external = [url for url in external if 'rel="canonical"' not in url]
        assert not [u for u in external if not u.startswith("https://kennisbank-integratiebeleid.be/")], (page, external)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_contact_addresses_are_not_published_as_mailto(built_site, practices):
    for practice in practices:
        for prefix in LANGS.values():
            html = (built_site / prefix / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
            assert "mailto:" not in html
            for contact in practice.contacts:
                for address in contact.emails:
                    assert address not in html, (practice.slug, address)
                    user, domain = address.split("@")
                    assert f"{user}<span class=\"kb-at\"> [at] </span>{domain}" in html, "readable without JavaScript"


def test_untranslated_dutch_text_is_marked_and_kept_out_of_the_search_index(practices):
    """A list without its translation (a contribution may be Dutch only) is the Dutch list, marked as Dutch,
    kept out of that language's search index, with a notice in the page's language."""
    practice = next(p for p in practices if p.success_factors)
    data = {key: value for key, value in practice.raw.items() if key not in ("succesfactoren_fr", "succesfactoren_en")}
    shown = build_practice(data, Path("x.yaml"))
    for lang in ("fr", "en"):
        [page] = [f.content for f in pages.plan([shown], today=dt.date(2026, 1, 1)) if f.relative_path.endswith(f"{shown.slug}.{lang}.md")]
        section = page.split(t("success_factors", lang), 1)[1]
        assert '<ul lang="nl" data-pagefind-ignore>' in section.split("</ul>", 1)[0] + "</ul>"
        assert f'<li class="kb-fallback-notice" lang="{lang}">{escape(t("fallback_notice", lang))}</li>' in section
        assert str(escape(practice.success_factors[0])) in section


def test_an_untranslated_description_falls_back_to_dutch_with_a_notice(practices):
    data = {key: value for key, value in practices[0].raw.items() if key not in ("beschrijving_fr", "beschrijving_en")}
    practice = build_practice(data, Path("x.yaml"))
    [french] = [f.content for f in pages.plan([practice], today=dt.date(2026, 1, 1)) if f.relative_path.endswith(f"{practice.slug}.fr.md")]
    fallback = french.split('<div class="kb-fallback" lang="nl" data-pagefind-ignore>', 1)[1].split("</div>", 1)[0]
    assert "pas encore traduit" in fallback
    assert str(pages.md_html(practice.texts["beschrijving"]))[:60] in fallback


def test_language_switcher_leads_to_the_same_practice(built_site):
    for from_lang, from_prefix in LANGS.items():
        page_url = f"https://example.org/{from_prefix}praktijken/oost-vlaanderen-mind-spring/"
        parsed = parse(built_site / from_prefix / "praktijken" / "oost-vlaanderen-mind-spring" / "index.html")
        assert set(parsed.alternates) == set(LANGS)
        for lang, prefix in LANGS.items():
            target = urljoin(page_url, parsed.alternates[lang])
            assert target == f"https://example.org/{prefix}praktijken/oost-vlaanderen-mind-spring/", (from_lang, lang, target)


def test_fact_card_shows_the_facts(built_site, practices):
    from kennisbank.records import organisations, vocabulary

    for practice in practices:
        for lang, prefix in LANGS.items():
            html = (built_site / prefix / "praktijken" / practice.slug / "index.html").read_text(encoding="utf-8")
            card = visible_text(unescape(html.split('class="kb-factcard"', 1)[1].split("</section>", 1)[0])).replace("\u202f", " ").replace("\u00a0", " ")
            facts = [organisations.name_in(n, lang)[0] for n in (*practice.leads, *practice.partners, *practice.funders)]
            facts += [pages.format_amount(a, lang) for a in practice.budget.amounts]
            facts += [phone for c in practice.contacts for phone in c.phones] + [a.label(lang) for a in practice.areas]
            facts += [vocabulary.load("thema")[t_id].label(lang) for t_id in practice.themes]
            if practice.budget.text and not pages.budget_restated(practice.budget):
                facts.append(practice.budget.text.in_lang(lang)[0])
            missing = [fact for fact in facts if fact.replace("\u202f", " ") not in card]
            assert not missing, (practice.slug, lang, missing)
    html = (built_site / "praktijken" / "halle-vilvoorde-lokale-onthaalgesprekken" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+3223044845"' in html


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_former_municipality_note_on_the_page(built_site):
    html = (built_site / "praktijken" / "igs-borsbeek-aartselaar-mortsel" / "index.html").read_text(encoding="utf-8")
    assert "vroeger Borsbeek; sinds 2025 deel van Antwerpen" in html


def test_related_practices_and_theme_links(built_site):
    html = (built_site / "praktijken" / "gent-iedereen-onder-dak" / "index.html").read_text(encoding="utf-8")
    related_list = re.search(r'<ul class="kb-related" data-pagefind-ignore>(.*?)</ul>', html, re.S).group(1)
    related = re.findall(r'href="\.\./([a-z0-9-]+)/"', related_list)
    assert 3 <= len(related) <= 5 and "gent-iedereen-onder-dak" not in related
    assert "gent-werken-met-vrijwilligers" in related, "shares theme, target group and province"
    assert 'href="../thema/huisvesting/"' in html


def test_overview_lists_every_practice_with_facet_counts(built_site, practices):
    html = (built_site / "praktijken" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="kb-card"') == len(practices)
    welzijn = sum("welzijn" in p.themes for p in practices)
    assert re.search(rf'value="welzijn"> Welzijn <span class="kb-count">\({welzijn}\)</span>', html)
    assert f"{len(practices)} praktijken" in html


def test_region_index_goes_from_province_to_municipality(built_site):
    html = (built_site / "praktijken" / "regio" / "index.html").read_text(encoding="utf-8")
    assert 'href="oost-vlaanderen/#gemeente-44021"' in html  # Gent under Oost-Vlaanderen
    assert 'id="buitenland"' in html and "Eindhoven" in html


def test_record_pages_are_not_in_the_navigation(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    navigation = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split('md-sidebar--secondary', 1)[0]
    assert "taalbeleid/" in navigation, "the navigation itself was found"
    assert "oost-vlaanderen-mind-spring" not in navigation


def test_text_from_records_is_escaped_even_if_validation_were_bypassed(practices):
    """Defence in depth: the templates escape every value, so markup never reaches a page."""
    data = dict(practices[0].raw)
    data.update(slug="xss", titel="<script>alert('titel')</script>", samenvatting="<img src=x onerror=alert(1)>",
                beschrijving="Tekst <script>alert(2)</script> en [link](https://example.org)",
                trekker=["<b>vet</b>"], partners=["<iframe src=x>"])
    data["contact"] = [{"naam": "<svg onload=alert(3)>", "email": "a@b.be"}]
    practice = build_practice(data, Path("xss.yaml"))
    rendered = "".join(f.content for f in pages.plan([practice], today=dt.date(2026, 1, 1)))
    for payload in ("<script>", "<img src=x", "<b>vet", "<iframe", "<svg onload"):
        assert payload not in rendered, payload
    assert "&lt;script&gt;" in rendered


def test_external_links_are_listed_for_people_not_fetched(built_site):
    external = links.external_links(built_site)
    assert "http://integratiebeleid.be" in external  # a contact website in several records
    assert all(url.startswith(("http://", "https://")) for url in external)
    assert not [url for url in external if "127.0.0.1" in url or "localhost" in url]


def _site_pages(built_site: Path) -> list[Path]:
    return [page for page in built_site.rglob("*.html") if "pagefind" not in page.relative_to(built_site).parts]


def test_the_not_found_page_speaks_every_language_and_leads_back_into_each(built_site):
    """Hosts serve the one 404.html for every missing address, /fr/… and /en/… too."""
    html = (built_site / "404.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    for lang, prefix in LANGS.items():
        marked = "" if lang == "nl" else f' lang="{lang}"'  # the page is Dutch; the others say their language
        section = re.search(rf'<section class="kb-not-found"{marked}>(.*?)</section>', article, re.S)
        assert section, lang
        hrefs = re.findall(r'href="([^"]+)"', section.group(1))
        assert hrefs == [f"/{prefix}", f"/{prefix}praktijken/"], (lang, hrefs)
        assert (built_site / prefix / "index.html").exists() and (built_site / prefix / "praktijken" / "index.html").exists()
    assert "404 - Not found" not in html


def test_no_page_shows_an_escaped_character_reference(built_site):
    """Text escaped twice shows its code to the reader ("d&#39;accueil"), in the text or a label."""
    shown = re.compile(r"&amp;(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
    wrong = [(page.relative_to(built_site).as_posix(), match.group(0))
             for page in _site_pages(built_site) for match in shown.finditer(page.read_text(encoding="utf-8"))]
    assert not wrong, wrong[:20]


def test_a_home_page_is_titled_with_the_sites_name_once(built_site):
    for prefix in LANGS.values():
        title = unescape(re.search(r"<title>([^<]*)</title>", (built_site / prefix / "index.html").read_text(encoding="utf-8")).group(1))
        halves = title.split(" - ")
        assert len(halves) == 1 or len(set(halves)) == len(halves), title


def test_a_pages_links_stay_in_its_language_where_the_page_exists_in_it(built_site):
    """A French page links to French pages; only the language switcher (hreflang) leads to another."""
    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hrefs = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "a" and attrs.get("href") and "hreflang" not in attrs:
                self.hrefs.append(attrs["href"])

    wrong = []
    for lang, prefix in LANGS.items():
        if not prefix:
            continue
        for page in (built_site / prefix).rglob("*.html"):
            parser = Links()
            parser.feed(page.read_text(encoding="utf-8"))
            for href in parser.hrefs:
                if re.match(r"[a-z]+:|#|//", href):
                    continue
                path = href.split("#")[0].split("?")[0]
                target = (built_site / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if target.suffix != ".html" or not target.is_relative_to(built_site.resolve()):
                    continue
                relative = target.relative_to(built_site.resolve()).as_posix()
                if relative.split("/")[0] not in LANGS and (built_site / prefix / relative).exists():
                    wrong.append((page.relative_to(built_site).as_posix(), href))
    assert not wrong, wrong[:20]


@pytest.mark.parametrize("lang", LANGS)
def test_heading_links_are_labelled_in_the_pages_language(built_site, lang):
    html = (built_site / LANGS[lang] / "index.html").read_text(encoding="utf-8")
    titles = set(re.findall(r'class="headerlink" href="#[^"]*" title="([^"]*)"', html))
    assert titles == {t("heading_link", lang)}, titles


def test_a_region_pages_regional_section_counts_the_practices_it_lists(built_site):
    for prefix in LANGS.values():
        for page in (built_site / prefix / "praktijken" / "regio").glob("*/index.html"):
            html = page.read_text(encoding="utf-8")
            heading = re.search(r'<h2 id="regiobreed">.*?\((\d+)\)', html, re.S)
            if not heading:
                continue
            section = html[heading.end():html.index("</details>", heading.end())]
            listed = {href for href in re.findall(r'href="\.\./\.\./([a-z0-9-]+)/"', section)}
            assert int(heading.group(1)) == len(listed) > 0, (page, heading.group(1), listed)
