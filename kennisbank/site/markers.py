"""Every `<!-- kb:… -->` marker of a hand-written page, expanded in one place for the site and the PDFs.

Why one function: the MkDocs hook (the website) and kennisbank.print.print_html (the PDF book) render the
same pages. When each called the marker modules itself, the book lost what the hook gained (the
charts were missing from the PDFs). A new marker module is added here and nowhere else.

The order matters: the step guide and the charts first, then the VGC plan, the glossary list, and
the publisher's contact block, the open-data lists and field table.
"""
from __future__ import annotations

from pathlib import Path

from kennisbank.opendata import exports
from kennisbank.site import charts, glossary, guide, publisher, vgc_plan


def expand(markdown: str, lang: str, src: str, root: Path) -> str:
    """`markdown` of the page `src` (relative to docs/) with its markers replaced, in `lang`."""
    markdown = charts.expand(guide.expand(markdown, lang, src, root), lang, root)
    markdown = vgc_plan.expand(markdown, lang, src, root)
    markdown = publisher.expand(markdown, lang, root)
    return exports.expand(glossary.expand(markdown, lang), lang)
