"""How site Markdown becomes print HTML: document-wide ids, links into the PDF or to the web, mailto."""
from __future__ import annotations

import codecs
import re

from kennisbank.paths import ROOT
from kennisbank.print import print_html

SITE = "https://example.org/"


def linker(lang="nl"):
    in_document = {"taalbeleid/stap-1.md": "p-taalbeleid-stap-1", "praktijken/gent-x.md": "p-praktijken-gent-x",
                   **print_html.index_stand_ins(["welzijn"], ["antwerpen"], "part-praktijken")}
    return print_html.Linker(in_document, {"index.md"}, SITE, lang)


def test_links_to_pages_in_the_document_become_anchors_with_their_fragment():
    link = linker()
    assert link.target("taalbeleid/index.md", "stap-1.md") == "#p-taalbeleid-stap-1"
    assert link.target("taalbeleid/index.md", "stap-1.md#checklist") == "#p-taalbeleid-stap-1--checklist"
    assert link.target("praktijken/gent-y.md", "../gent-x/") == "#p-praktijken-gent-x"
    assert link.target("taalbeleid/stap-1.md", "#doel") == "#p-taalbeleid-stap-1--doel"


def test_overview_pages_point_at_the_books_own_indexes():
    link = linker()
    assert link.target("praktijken/gent-x.md", "../thema/welzijn/") == "#index-thema-welzijn"
    assert link.target("praktijken/gent-x.md", "../regio/antwerpen/#gemeente-11002") == "#index-regio-antwerpen--gemeente-11002"
    assert link.target("index.md", "praktijken/index.md") == "#part-praktijken"


def test_pages_not_in_the_document_open_the_website_in_the_same_language():
    assert linker().target("taalbeleid/index.md", "../index.md") == SITE
    assert linker("fr").target("taalbeleid/index.md", "../over.md#licentie") == SITE + "fr/over/#licentie"
    assert linker().target("praktijken/gent-x.md", "../../pdf/kennisbank-nl.pdf") == SITE + "pdf/kennisbank-nl.pdf"
    assert linker().target("over.md", "https://statbel.fgov.be/") == "https://statbel.fgov.be/"
    assert linker().target("over.md", "mailto:a@b.be") == "mailto:a@b.be"


def test_rendered_page_has_prefixed_ids_demoted_headings_and_plain_mailto():
    encoded = codecs.encode("info@gent.be", "rot13")
    markdown = ("---\ntitle: Proef\n---\n\n# Proef\n\n## Doel\n\n"
                f'<!-- kb:raw -->\n<p><span class="kb-email" data-kb-mail="{encoded}" title="x">info'
                '<span class="kb-at"> [at] </span>gent.be</span></p>\n<!-- /kb:raw -->\n')
    page = print_html.render_page("praktijken/proef.md", markdown, "nl", ROOT, heading_shift=1)
    assert page.title == "Proef" and page.anchor == "p-praktijken-proef"
    assert '<h2 id="p-praktijken-proef--proef">Proef</h2>' in page.html
    assert '<h3 id="p-praktijken-proef--doel">Doel</h3>' in page.html
    assert '<a href="mailto:info@gent.be">info@gent.be</a>' in page.html
    assert "[at]" not in page.html and "headerlink" not in page.html


def test_markdown_table_headers_say_they_head_their_column():
    """The site's Markdown extensions (mkdocs.yml) give <th> the scope that the PDF's TH tags are made from."""
    markdown = "---\ntitle: Tabel\n---\n\n| Jaar | Aantal |\n| --- | ---: |\n| 2023 | 12 |\n"
    html = print_html.render_page("tabel.md", markdown, "nl", ROOT).html
    assert len(re.findall(r"<th[ >]", html)) == html.count('<th scope="col"') == 2
    assert '<th scope="col" style="text-align: right;">Aantal</th>' in html
