"""Less work for WeasyPrint 70 and pydyf 0.13 while they write a PDF.

Page references. pydyf's `PDF.page_references` builds the tuple of every page's reference anew on each read,
and WeasyPrint's tag tree (weasyprint/pdf/tags.py) reads it once per structure element to name
the element's page. That is pages × elements: for a book of the real data (128 pages, 16,000
structure elements) 2 million small strings, about 0.3 s of CPU of the book's 7 s (BENCHMARKS.md,
"What made the PDFs faster"). The tuple only changes when a page is added, so it is kept until the
page list grows. The bytes stay the same.

Compression. pydyf deflates every content and font stream at zlib's slowest level, 9. Level 6,
zlib's default, costs about 0.35 s less per book of the real data (of 7 s) for files about 5 %
larger (book nl: 856 KB at level 9, 898 KB at 6); the PDFs look and read the same.

Both libraries are pinned (requirements.txt); `apply` checks that the property it replaces is
still the one it knows, and tests/test_pdf_speedups.py that the references stay right.
"""
from __future__ import annotations

import zlib

# zlib's default level: about as fast as level 1 on our streams, a fifth smaller (book nl: 1,100 KB at 1).
STREAM_LEVEL = 6
# Where the cached tuple is kept on a pydyf.PDF: (number of entries in Kids when built, the tuple).
_CACHE_ATTR = "_kennisbank_page_references"


def apply() -> None:
    """Page references built once per page count; streams deflated at STREAM_LEVEL."""
    import pydyf

    if pydyf.zlib is zlib:
        pydyf.zlib = _StreamZlib()
    elif not isinstance(pydyf.zlib, _StreamZlib):
        raise RuntimeError("pydyf no longer compresses with the zlib module; see kennisbank/print/pdf_speedups.py")

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


class _StreamZlib:
    """The zlib module as pydyf sees it: `compressobj` at STREAM_LEVEL whatever level pydyf asks for."""
    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = -1, *args, **kwargs):
        return zlib.compressobj(STREAM_LEVEL, *args, **kwargs)
