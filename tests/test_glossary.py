"""The glossary: every term in three languages, a page per language, and explanations where terms appear."""
from __future__ import annotations

import html as html_module
import re
import unicodedata

import pytest

from kennisbank.records import organisations
from kennisbank.site import glossary

LANGS = {"nl": "", "fr": "fr/", "en": "en/"}
LEXICON_003 = {"kansengroepen", "actief-burgerschap", "cultuursensitief-werken", "diversiteitsbeleid", "doelgroepafbakening",
               "brusselaars-met-migratieachtergrond", "herkomstkloof", "inburgering", "inburgeraar", "integratie",
               "interculturalisering", "nieuwkomers", "oudkomers", "specifiek-beleid", "sociale-cohesie", "toegankelijkheid"}
SITE_TERMS = {"nt2", "okan", "loi", "nbmv", "ocmw", "caw", "vdab", "vte", "hvn", "brugfiguur", "sociaal-tolk"}


def test_glossary_holds_the_lexicon_and_the_sites_terms_in_three_languages():
    ids = {term.id for term in glossary.terms()}
    assert LEXICON_003 | SITE_TERMS <= ids
    for term in glossary.terms():
        assert set(term.names) >= {"nl", "fr", "en"} and set(term.explanations) >= {"nl", "fr", "en"}, term.id
    [accessibility] = [term for term in glossary.terms() if term.id == "toegankelijkheid"]
    assert accessibility.source == "eigen", "seed 003 has no definition: ours, and marked as ours"


def test_only_the_first_occurrence_is_marked_and_never_inside_links_or_headings():
    html = ('<h2>OCMW</h2><p>Het OCMW en het <a href="x">CAW</a> werken samen; het OCMW betaalt.</p>'
            '<p>Het CAW helpt.</p>')
    marked = glossary.annotate(html, "nl")
    assert marked.count('data-kb-term="ocmw"') == 1
    assert "<h2>OCMW</h2>" in marked
    assert '<a href="x">CAW</a>' in marked
    assert 'Het <abbr class="kb-term" data-kb-term="caw"' in marked, "the first CAW outside the link"


def test_a_self_closing_or_void_tag_opens_no_region():
    # A skipped element written self-closing (`<a …/>`) or a void one with a language (`<br lang="fr">`)
    # holds nothing: the text after it is prose again, so the term there is explained.
    for html in ('<p><a href="x"/>Het OCMW helpt.</p>', '<p><a id="top" />Het OCMW helpt.</p>',
                 '<p lang="nl"><br lang="fr">Het OCMW helpt.</p>'):
        assert 'data-kb-term="ocmw"' in glossary.annotate(html, "nl"), html
    # An opened one does hold the text until it closes.
    assert 'data-kb-term' not in glossary.annotate('<p><a href="x">Het OCMW</a></p>', "nl")
    assert 'data-kb-term="ocmw"' in glossary.annotate('<p><a href="x">Het CAW</a> en het OCMW</p>', "nl")


def test_explanations_are_escaped_in_the_title():
    html = glossary.annotate("<p>De herkomstkloof groeit.</p>", "nl")
    title = re.search(r'title="([^"]*)"', html).group(1)
    assert "<" not in title and "artikel 23" in title


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_glossary_page_lists_every_term(built_site, lang, prefix):
    html = (built_site / prefix / "woordenlijst" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert set(re.findall(r'<dt id="term-([a-z0-9-]+)"', html)) == {term.id for term in glossary.terms()}
    # In alphabetical order as the page's readers expect it: accents and capitals do not count ("Écart" among the E's).
    shown = [html_module.unescape(re.sub(r"<[^>]+>", "", name)) for name in re.findall(r'<dt id="term-[^"]+">(.*?)</dt>', html)]
    folded = ["".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c)) for name in shown]
    assert folded == sorted(folded), shown


@pytest.mark.parametrize("lang, prefix", LANGS.items())
def test_every_term_is_explained_on_every_page_that_uses_it(built_site, lang, prefix):
    pattern, by_form = glossary._matcher(lang)
    checked = 0
    root = built_site / prefix if prefix else built_site
    for page in root.rglob("index.html"):
        relative = page.relative_to(built_site).as_posix()
        if lang == "nl" and relative.startswith(("fr/", "en/")) or "woordenlijst" in relative:
            continue
        html = page.read_text(encoding="utf-8")
        article = html.split('<article', 1)[-1].split("</article>", 1)[0]
        # A name (class kb-name or kb-org: the publisher's, an organisation's) uses no term.
        names = re.compile(r'<(\w+)[^>]*\bclass="[^"]*\bkb-(?:name|org)\b[^"]*"[^>]*>.*?</\1>', re.S)
        # Paragraphs in the page's language: a Dutch original on a French page is not explained in French.
        paragraphs = [re.sub(r"<a\b.*?</a>|<span[^>]*lang=\"(?!%s)[a-z]+\"[^>]*>.*?</span>|<[^>]+>" % lang, "", p, flags=re.S)
                      for p in re.findall(r"<p\b(?![^>]*\blang=\"(?!%s))[^>]*>(.*?)</p>" % lang, names.sub(" ", article), re.S)]
        # An organisation's name is a name: "Agentschap Integratie en Inburgering" uses no term.
        paragraphs = [organisations.names_pattern(lang).sub(" ", text) for text in paragraphs]
        used = {by_form[m.group(0).casefold()].id for text in paragraphs for m in pattern.finditer(text)}
        for term_id in used:
            assert f'data-kb-term="{term_id}"' in article, f"{relative}: '{term_id}' is used but not explained"
            checked += 1
    assert checked > 50, "terms occur across the site"


@pytest.mark.browser
def test_a_term_explains_itself_on_keyboard_focus(page, site_url):
    page.goto(f"{site_url}/taalbeleid/")
    term = page.locator("abbr.kb-term").first
    page.keyboard.press("Tab")
    term.focus()
    shown = page.evaluate("""() => getComputedStyle(document.activeElement, '::after').content""")
    assert term.get_attribute("title") in shown
