"""How a text from the interface strings or the data appears in a built page: HTML-escaped, with the
page language's typography (French non-breaking spaces), as kennisbank.site.typography writes it."""
from __future__ import annotations

from markupsafe import escape

from kennisbank.site import typography


def as_shown(text: str, lang: str) -> str:
    return typography.apply(str(escape(text)), lang)


def plain(text: str) -> str:
    """Text with the non-breaking spaces of typography read as ordinary spaces (for PDF text and titles)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")
