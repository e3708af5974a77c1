"""Less work for WeasyPrint 70 and pydyf 0.13 while they lay out and write a PDF.

Page references. pydyf's `PDF.page_references` builds the tuple of every page's reference anew on each read,
and WeasyPrint's tag tree (weasyprint/pdf/tags.py) reads it once per structure element to name
the element's page. That is pages × elements: for a book of the real data (128 pages, 16,000
structure elements) 2 million small strings, about 0.3 s of CPU of the book's 7 s (BENCHMARKS.md,
"What made the PDFs faster"). The tuple only changes when a page is added, so it is kept until the
page list grows. The bytes stay the same.

Compression. pydyf deflates every content and font stream at zlib's slowest level, 9. Level 6,
zlib's default, costs about 0.35 s less per book of the real data (of 7 s) for files about 5 %
larger (book nl: 856 KB at level 9, 898 KB at 6); the PDFs look and read the same.

Font descriptions and features. WeasyPrint makes a Pango layout for every try at breaking a
line (47,000 for a book of the real data), and for each builds the Pango font description and
the OpenType feature list from the style again, with a dozen foreign calls. A book has 29
distinct descriptions and 2 feature lists: kept per process, they save 0.2 to 0.5 s of CPU per
book. Pango copies a description into the layout that is given it, so one can serve them all;
the bytes stay the same.

Both libraries are pinned (requirements.txt); `apply` checks that the property it replaces is
still the one it knows, and tests/test_pdf_speedups.py that the references stay right.
"""
from __future__ import annotations

import functools
import zlib

# zlib's default level: about as fast as level 1 on our streams, a fifth smaller (book nl: 1,100 KB at 1).
STREAM_LEVEL = 6
# Where the cached tuple is kept on a pydyf.PDF: (number of entries in Kids when built, the tuple).
_CACHE_ATTR = "_kennisbank_page_references"


def apply() -> None:
    """Page references built once per page count; streams deflated at STREAM_LEVEL; font
    descriptions and feature lists of the line breaker kept."""
    import pydyf
    from weasyprint.text import line_break

    if line_break.get_font_description is not _font_description:
        _ORIGINAL_FONTS[:] = [line_break.get_font_description, line_break.font_features]
        line_break.get_font_description, line_break.font_features = _font_description, _font_features

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


# WeasyPrint's get_font_description and font_features, as line_break imported them.
_ORIGINAL_FONTS: list = []
# Font descriptions by the style values that get_font_description reads.
_DESCRIPTIONS: dict = {}


def _font_description(style):
    settings = style["font_variation_settings"]
    key = (tuple(style["font_family"]), style["font_style"], style["font_stretch"], style["font_weight"],
           style["font_size"], style["font_variant_caps"], settings if settings == "normal" else tuple(settings))
    description = _DESCRIPTIONS.get(key)
    if description is None:
        description = _DESCRIPTIONS[key] = _ORIGINAL_FONTS[0](style)
    return description


@functools.lru_cache(maxsize=None)
def _cached_features(*args, **kwargs) -> dict:
    return _ORIGINAL_FONTS[1](*args, **kwargs)


def _font_features(*args, **kwargs) -> dict:
    """font_features of the same values, read-only (line_break only joins it into a string)."""
    try:
        return _cached_features(*args, **kwargs)
    except TypeError:  # a value that cannot be a key (a list): computed as WeasyPrint would
        return _ORIGINAL_FONTS[1](*args, **kwargs)
