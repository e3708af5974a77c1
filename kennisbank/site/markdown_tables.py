"""A Python-Markdown extension: every header cell of a Markdown table says which cells it heads.

Why: Python-Markdown's `tables` extension writes `<th>` without `scope`. The PDF needs it: PDF/UA-1
(ISO 14289-1, 7.5) asks every TH to carry a Scope unless the table names its headers with
Headers/IDs, and pdf_tags copies the HTML scope into the PDF's tag tree. On the website the same
attribute tells screen readers the direction explicitly instead of leaving it to a guess.

Python-Markdown writes header cells only in the table head, so each heads its column
(`scope="col"`). Raw HTML tables (the charts' data tables) are not parsed by Markdown and write
their own scopes.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Any priority after the block parser works (the tables exist by then); before `prettify` (10) keeps
# the output formatted as before.
PRIORITY = 15


class TableScopeTreeprocessor(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for head in root.iter("thead"):
            for header in head.iter("th"):
                header.attrib.setdefault("scope", "col")


class TableScopeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TableScopeTreeprocessor(md), "kb_table_scope", PRIORITY)


def makeExtension(**kwargs) -> TableScopeExtension:
    return TableScopeExtension(**kwargs)
