"""PDF links that match what the build made: no reader link to a PDF that is not there.

Why after the build, on the written pages: `make site PDF=0` (the README's quick build) makes no
PDFs, and `make pdf` may add them later to that same site. The pages are the same in both cases, so
the pages keep their download links (class `kb-pdf-link`) and this step settles each one against
the files in the site: a link whose PDF is missing becomes a marked note, "not in this version of
the site"; a note whose PDF has since been made becomes a link again. Every build ends with it
(kennisbank.build), so the link check (kennisbank.contrib.links) passes in every build mode. A
build that makes no PDFs at all writes the notes straight away, in the HTML pass (absent_everywhere).
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import unquote

from kennisbank.records import vocabulary

LINK = re.compile(r'<a class="kb-pdf-link" href="(?P<href>[^"]+)" type="application/pdf">(?P<text>.*?)</a>', re.S)
# The note is left out of the search index (data-pagefind-ignore): a page indexes the same words with
# or without its PDFs. Notes written before it had the attribute are read too.
ABSENT = re.compile(r'<span class="kb-pdf-link kb-pdf-absent" data-kb-pdf="(?P<href>[^"]+)">(?P<text>.*?)'
                    r'<span class="kb-pdf-absent__note"(?: data-pagefind-ignore)?>[^<]*</span></span>', re.S)
PAGE_LANGUAGE = re.compile(r'<html[^>]*\blang="([a-z]{2})')


def _exists(page: Path, href: str, known: dict[str, bool] | None = None) -> bool:
    """Whether the PDF that `href` on `page` leads to is there; `known` remembers the answers (every
    page links to its language's book, so thousands of pages ask about the same few files)."""
    target = os.path.normpath(os.path.join(page.parent, unquote(html.unescape(href))))
    if known is None:
        return Path(target).resolve().is_file()
    if target not in known:
        known[target] = Path(target).resolve().is_file()
    return known[target]


def _absent(href: str, text: str, lang: str) -> str:
    from kennisbank.records.ui import t

    return (f'<span class="kb-pdf-link kb-pdf-absent" data-kb-pdf="{href}">{text}'
            f'<span class="kb-pdf-absent__note" data-pagefind-ignore> ({html.escape(t("pdf_not_built", lang))})</span></span>')


def absent_everywhere(page_html: str, lang: str) -> str:
    """Every PDF link of a page as its note, for a build that makes no PDFs (`make site PDF=0`): done
    by the HTML pass as the page is written (kennisbank.site.stages.finish_page), which saves reading
    and writing every page again after the build (0.5 s of CPU per language at 1,000 records)."""
    if "kb-pdf-link" not in page_html:
        return page_html
    return LINK.sub(lambda match: _absent(match["href"], match["text"], lang), page_html)


def sync(site_dir: Path) -> tuple[int, int]:
    """Settle every PDF link of the site's pages against site_dir/pdf/; returns (links, notes) after it."""
    linked = marked = 0
    known: dict[str, bool] = {}
    for page in sorted(site_dir.rglob("*.html")):
        links, notes = settle(page, known)
        linked, marked = linked + links, marked + notes
    return linked, marked


def settle(page: Path, known: dict[str, bool] | None = None) -> tuple[int, int]:
    """Settle the PDF links of one written page (the live preview settles each page it renders again);
    `known`: see _exists."""
    text = page.read_text(encoding="utf-8")
    if "kb-pdf-link" not in text:
        return 0, 0
    found = PAGE_LANGUAGE.search(text)
    lang = found.group(1) if found and found.group(1) in vocabulary.LANGUAGES else vocabulary.DEFAULT_LANGUAGE

    def settle_link(match: re.Match) -> str:
        return match.group(0) if _exists(page, match["href"], known) else _absent(match["href"], match["text"], lang)

    def settle_note(match: re.Match) -> str:
        if not _exists(page, match["href"], known):
            return match.group(0)
        return f'<a class="kb-pdf-link" href="{match["href"]}" type="application/pdf">{match["text"]}</a>'

    settled = ABSENT.sub(settle_note, LINK.sub(settle_link, text))
    if settled != text:
        page.write_text(settled, encoding="utf-8")
    return len(LINK.findall(settled)), len(ABSENT.findall(settled))
