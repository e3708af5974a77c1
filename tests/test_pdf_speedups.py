"""The speed-ups of kennisbank.print.pdf_speedups give what the libraries they replace would give."""
import pydyf

from kennisbank.print import pdf_speedups


def _references_by_hand(document: pydyf.PDF) -> tuple:
    return tuple(f"{number} 0 R".encode("ascii") for number in document.pages["Kids"][::3])


def test_page_references_follow_the_pages_added():
    pdf_speedups.apply()
    pdf_speedups.apply()  # applying twice keeps one wrapper
    document = pydyf.PDF()
    assert document.page_references == ()
    seen = []
    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
        seen.append(document.page_references)
        assert document.page_references == _references_by_hand(document)
    assert [len(references) for references in seen] == [1, 2, 3]


def test_each_pdf_has_its_own_references():
    pdf_speedups.apply()
    first, second = pydyf.PDF(), pydyf.PDF()
    first.add_object(pydyf.Dictionary())  # shifts the object numbers of first's pages
    for document in (first, second):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert first.page_references == _references_by_hand(first)
    assert second.page_references == _references_by_hand(second)
    assert first.page_references != second.page_references


def test_streams_deflate_at_the_chosen_level_and_inflate_to_their_content():
    import zlib

    pdf_speedups.apply()
    content = b"\n".join(b"BT /F1 9 Tf 72 %d Td (Kennisbank lokaal integratiebeleid) Tj ET" % y for y in range(400))
    data = pydyf.Stream([content], compress=True).data
    deflated = data.split(b"\nstream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert zlib.decompress(deflated) == content
    at_level = zlib.compressobj(pdf_speedups.STREAM_LEVEL)
    assert deflated == at_level.compress(content) + at_level.flush()


def _described(style_values: dict) -> str:
    """What WeasyPrint's line breaker gets as font description for a style with these values."""
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi, pango

    base = {"font_family": ("Kennisbank Sans",), "font_style": "normal", "font_stretch": "normal",
            "font_weight": 400, "font_size": 12.0, "font_variant_caps": "normal",
            "font_variation_settings": "normal"}
    description = line_break.get_font_description({**base, **style_values})
    return ffi.string(pango.pango_font_description_to_string(description)).decode()


def test_font_descriptions_kept_per_style_that_differs():
    pdf_speedups.apply()
    assert _described({}) == _described({}) == "Kennisbank Sans 12px"
    assert "Bold" in _described({"font_weight": 700})
    assert "Italic" in _described({"font_style": "italic"})
    assert _described({"font_size": 16.0}).endswith(" 16px")
    assert _described({"font_family": ("Kennisbank Serif",)}).startswith("Kennisbank Serif")
    assert "Small-Caps" in _described({"font_variant_caps": "small-caps"})
    assert "Condensed" in _described({"font_stretch": "condensed"})


def test_font_features_as_weasyprint_computes_them():
    from weasyprint.text import fonts, line_break

    pdf_speedups.apply()
    for values in ({}, {"font_kerning": "none"}, {"font_variant_ligatures": ("no-common-ligatures",)}, {}):
        assert line_break.font_features(**values) == fonts.font_features(**values)
