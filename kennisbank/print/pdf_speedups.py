"""Fixes for work that WeasyPrint 70 and pydyf 0.13 repeat while writing a PDF; the bytes stay the same.

Why: pydyf's `PDF.page_references` builds the tuple of every page's reference anew on each read,
and WeasyPrint's tag tree (weasyprint/pdf/tags.py) reads it once per structure element to name
the element's page. That is pages × elements: for a book of the real data (128 pages, 16,000
structure elements) 2 million small strings, about 0.3 s of CPU of the book's 7 s (BENCHMARKS.md,
"What made the PDFs faster"). The tuple only changes when a page is added, so it is kept until the
page list grows.

Both libraries are pinned (requirements.txt); `apply` checks that the property it replaces is
still the one it knows, and tests/test_pdf_speedups.py that the references stay right.
"""
from __future__ import annotations

# Where the cached tuple is kept on a pydyf.PDF: (number of entries in Kids when built, the tuple).
_CACHE_ATTR = "_kennisbank_page_references"


def apply() -> None:
    """Replace pydyf.PDF.page_references by a version that builds the tuple once per page count."""
    import pydyf

    current = pydyf.PDF.__dict__.get("page_references")
    if getattr(current, "fget", None) is _page_references:
        return
    if not isinstance(current, property):
        raise RuntimeError("pydyf.PDF.page_references is no longer a property; "
                           "see kennisbank/print/pdf_speedups.py for what it replaced")
    _ORIGINAL[0] = current.fget
    pydyf.PDF.page_references = property(_page_references)


# pydyf's own getter, which builds the tuple.
_ORIGINAL: list = [None]


def _page_references(pdf) -> tuple:
    kids = len(pdf.pages["Kids"])
    held = pdf.__dict__.get(_CACHE_ATTR)
    if held is None or held[0] != kids:
        held = (kids, _ORIGINAL[0](pdf))
        pdf.__dict__[_CACHE_ATTR] = held
    return held[1]
