"""A Python-Markdown extension: pass trusted HTML regions through without parsing them.

Why: Python-Markdown runs every raw HTML block through its pure-Python HTML parser, which cost
about 2 ms per practice page, most of the Markdown time. The generated pages' HTML (fact card,
lists, source) comes from our own autoescaped templates, so it needs no parsing. Regions between
`<!-- kb:raw -->` and `<!-- /kb:raw -->` go straight into Markdown's HTML stash, the mechanism it
uses for raw HTML anyway. Without this extension the same Markdown still renders the same: the
markers are ordinary HTML comments around ordinary HTML.
"""
from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# A region is whole lines: its content (group 1, with the newline before the closing marker) is
# read a line at a time. A lazy `(.*?)\n<!-- /kb:raw -->` would try the closing marker after every
# character of the fact card (0.13 ms a page against 0.03).
RAW_REGION = re.compile(r"^<!-- kb:raw -->\n((?:[^\n]*\n)+?)<!-- /kb:raw -->$", re.M)
# Before Python-Markdown's own HTML block preprocessor (priority 20), so it never sees the region.
PRIORITY = 25


class RawRegionPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!-- kb:raw -->" not in text:
            return lines
        stashed = RAW_REGION.sub(lambda match: "\n" + self.md.htmlStash.store(match.group(1)[:-1]) + "\n", text)
        return stashed.split("\n")


class RawRegionExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(RawRegionPreprocessor(md), "kb_raw_region", PRIORITY)


def makeExtension(**kwargs) -> RawRegionExtension:
    return RawRegionExtension(**kwargs)
