"""Who runs the knowledge base and how to reach them, on the pages: one setting (`extra.publisher` in
mkdocs.yml, read by kennisbank.site_config.publisher), many places.

Why one setting: a reader who wants a contact removed, reports an accessibility problem or asks who
stands behind the site must find the same name and mailbox on the about, privacy and accessibility
pages, and a portal harvesting the open data must find them as the DCAT-AP publisher and contact
point, and a feed reader as the feed's author. Written by hand in each place, they drift apart the
first time an organisation takes the site over.

The pages carry the marker `<!-- kb:uitgever -->`; `expand` replaces it with the publisher's name,
mailbox (harvester-resistant, as every address on the site), the repository's issues as a second way
in, and the longest a reader waits for an answer.
"""
from __future__ import annotations

import re
from pathlib import Path

from kennisbank import site_config
from kennisbank.site_config import Publisher

MARKER = re.compile(r"<!--\s*kb:uitgever\s*-->")


def block_html(publisher: Publisher, lang: str) -> str:
    """Who runs the site and how to reach them, as one paragraph in `lang`."""
    from markupsafe import escape

    from kennisbank.records.ui import t
    from kennisbank.site.pages import email_html

    issues = f'<a href="{escape(publisher.repository)}/issues">{escape(t("publisher_issues", lang))}</a>' \
        if publisher.repository else ""
    # A name (class kb-name): the glossary explains no term inside it ("… politique d'intégration locale").
    text = t("publisher_block", lang, name=f'<strong class="kb-name">{escape(publisher.name(lang))}</strong>',
             email=email_html(publisher.email, lang), days=publisher.response_days)
    if issues:
        text += " " + t("publisher_block_issues", lang, issues=issues)
    return f'<p class="kb-publisher" id="uitgever">{text}</p>'


def expand(markdown: str, lang: str, root: Path) -> str:
    if not MARKER.search(markdown):
        return markdown
    block = f"<!-- kb:raw -->\n{block_html(site_config.publisher(root), lang)}\n<!-- /kb:raw -->"
    return MARKER.sub(lambda _: block, markdown)
