"""What the PDFs' tag tree needs and WeasyPrint 70 does not write: the Scope of table header cells.

Why: PDF/UA-1 (ISO 14289-1, 7.5) asks every TH to carry a Scope attribute unless the table's
structure is given by Headers and IDs. WeasyPrint 70 reads the HTML `scope` only to link data cells
to their headers (TD /Headers, TH /ID) and writes no Scope; its IDs are not registered in an IDTree
either (ISO 32000-1, 14.7.2 requires that tree for looking elements up by ID). So every TH gets
`/A << /O /Table /Scope /Column >>` (or `/Row`), from the `scope` of its `<th>` as WeasyPrint
interpreted it: "row" heads a row, anything else a column (weasyprint/pdf/tags.py). Markdown
tables get `scope="col"` from kennisbank.site.markdown_tables.

How: `finish` is WeasyPrint's `finisher` hook, called with the document and the PDF objects after
the tag tree is built and before the file is written, so no PDF is parsed again and no PDF library
is needed at build time. It walks the laid-out boxes: WeasyPrint keeps each table cell's structure
element on the cell's box (`box.mark`, weasyprint/pdf/tags.py). That is WeasyPrint's internal, but
WeasyPrint is pinned, and tests/test_pdf_ua.py fails if it ever stops giving every TH a Scope.
Cost: about 25 ms for a book of 100 pages, a fraction of a millisecond per fiche.
"""
from __future__ import annotations

# The HTML scope that makes a row header when WeasyPrint 70 links the cells; any other (or none)
# makes a column header. PDF Scope values: ISO 32000-1, 14.8.5.7, Table 349.
ROW_SCOPE = "row"


def finish(document, pdf) -> None:
    """Add Scope to every TH structure element of `pdf` (a pydyf.PDF) written from `document`."""
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if element is not None and box.element_tag == "th":
                element["A"]["Scope"] = "/Row" if box.element.get("scope") == ROW_SCOPE else "/Column"
