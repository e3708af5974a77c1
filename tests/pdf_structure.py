"""The structure rules of veraPDF's PDF/UA-1 profile that can be read with pypdf, for the tests.

Why our own checker: veraPDF, the reference validator, runs on Java and cannot be installed on the
build machines. So this module walks a PDF's tag tree (the structure tree under the catalog's
/StructTreeRoot) and checks the rules of veraPDF's PDF/UA-1 profile (PDF_UA/PDFUA-1.xml in
veraPDF/veraPDF-validation-profiles) that concern the structure and the metadata, not the content
streams. Each check returns `Problem`s that name the file, the page, the element's place in the
tree and the text it holds, so a failure says where to look; the rule numbers are veraPDF's.

    tree = TagTree.read(path)
    problems = check_lists(tree) + check_figures(tree)

One check is stricter than veraPDF, following ISO 32000-1, which PDF/UA-1 builds on: a table may do
without Scope on its TH only if its TD reach their headers through Headers/IDs that are registered
in the structure tree's IDTree, which ISO 32000-1 (14.7.2, Table 322) requires as soon as elements
have IDs and through which a reader finds an element by its ID. veraPDF matches the IDs without it.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, IndirectObject, NumberObject

# ISO 32000-1, 14.8.4: the standard structure types. Anything else must be role-mapped to one of them.
STANDARD_TYPES = frozenset("""
    Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
    P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
    Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
    Figure Formula Form
""".split())
HEADING = re.compile(r"H([1-6])")
# ISO 32000-1, 14.8.5.7, Table 349: the values of a table header's Scope attribute.
SCOPES = ("/Row", "/Column", "/Both")
# PDF/UA-1 7.2 (veraPDF 7.2-29): a language identifier as in BCP 47 (ISO 32000-1, 14.9.2.1).
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
# Annotation flag bit 2 (ISO 32000-1, 12.5.3): hidden annotations are exempt from the annotation rules.
HIDDEN = 2
# Characters of an element's text quoted in a problem: enough to find it on the page.
QUOTE_LENGTH = 60
XMP = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
       "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}


@dataclass(frozen=True)
class Problem:
    """One rule broken at one place: printed as `file p. 12 [7.2-17] Document/LI[3] «text»: what is wrong`."""
    rule: str  # veraPDF's clause and test number, e.g. "7.2-17"
    file: str
    page: int | None  # 1-based; None for document-wide rules
    where: str  # the element's path in the tag tree, or the PDF object
    message: str

    def __str__(self) -> str:
        page = f" p. {self.page}" if self.page else ""
        return f"{self.file}{page} [{self.rule}] {self.where}: {self.message}"


@dataclass(eq=False)
class Element:
    """A structure element with what the checks need: its standard type, parent, page and content."""
    type: str  # after the RoleMap, e.g. "LI"
    obj: DictionaryObject
    parent: Element | None
    path: str  # e.g. "Document/Sect[2]/L[1]/LI[3]"
    page: int | None  # 1-based, from /Pg (inherited)
    kids: list[Element] = field(default_factory=list)
    mcids: list[tuple[int | None, int]] = field(default_factory=list)  # (page, MCID) of its own content
    annotations: list[int] = field(default_factory=list)  # object numbers of the annotations it holds (OBJR)


class TagTree:
    """A PDF's structure tree, read once with pypdf, in reading order (pre-order, kids in /K order)."""

    def __init__(self, reader: PdfReader, name: str):
        self.reader = reader
        self.name = name
        self.catalog = reader.trailer["/Root"]
        self.pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, 1)}
        self.root = entry(self.catalog, "/StructTreeRoot")
        self.role_map = entry(self.root, "/RoleMap", {})
        self.elements: list[Element] = []
        self.by_object: dict[int, Element] = {}
        if self.root is not None:
            counts: dict[str, int] = {}
            for kid in _as_list(self.root.get("/K")):
                if isinstance(kid.get_object(), DictionaryObject):
                    self._walk(kid, None, "", None, counts)

    @classmethod
    def read(cls, path: Path) -> TagTree:
        return cls(PdfReader(path), path.name)

    def _walk(self, reference, parent: Element | None, prefix: str, page: int | None, counts: dict[str, int]):
        obj = reference.get_object()
        kind = self.standard_type(str(obj.get("/S", "")))
        counts[kind] = counts.get(kind, 0) + 1
        page = self._page(obj, page)
        element = Element(kind, obj, parent, f"{prefix}{kind}[{counts[kind]}]", page)
        self.elements.append(element)
        if isinstance(reference, IndirectObject):
            self.by_object[reference.idnum] = element
        if parent is not None:
            parent.kids.append(element)
        kid_counts: dict[str, int] = {}
        for kid in _as_list(obj.get("/K")):
            if isinstance(kid, NumberObject):
                element.mcids.append((page, int(kid)))
                continue
            kid_obj = kid.get_object()
            if not isinstance(kid_obj, DictionaryObject):
                continue
            if kid_obj.get("/Type") == "/MCR":
                element.mcids.append((self._page(kid_obj, page), int(kid_obj["/MCID"])))
            elif kid_obj.get("/Type") == "/OBJR":
                element.annotations.append(kid_obj.raw_get("/Obj").idnum)
            elif "/S" in kid_obj:
                self._walk(kid, element, element.path + "/", page, kid_counts)

    def _page(self, obj: DictionaryObject, inherited: int | None) -> int | None:
        page = obj.get("/Pg")
        return self.pages.get(page.idnum, inherited) if isinstance(page, IndirectObject) else inherited

    def standard_type(self, name: str) -> str:
        """The structure type after the RoleMap (ISO 32000-1, 14.7.3), without the slash."""
        seen = set()
        while name not in seen and name.lstrip("/") not in STANDARD_TYPES and name in self.role_map:
            seen.add(name)
            name = str(self.role_map[name])
        return name.lstrip("/")

    def of_type(self, *types: str) -> list[Element]:
        return [element for element in self.elements if element.type in types]

    @cached_property
    def parent_tree(self) -> dict[int, object]:
        """The ParentTree (ISO 32000-1, 14.7.4.4) as a dict: StructParent(s) key → element reference."""
        return {int(key): value for key, value in _leaves(entry(self.root, "/ParentTree"), "/Nums")}

    @cached_property
    def ids(self) -> set[bytes]:
        """The element identifiers registered in the IDTree (ISO 32000-1, 14.7.2)."""
        return {_bytes(key) for key, _ in _leaves(entry(self.root, "/IDTree"), "/Names")}

    def text(self, element: Element) -> str:
        """The text of an element and its descendants, from the pages' marked content."""
        parts = [self._page_text(page).get(mcid, "") for page, mcid in element.mcids if page]
        parts += [self.text(kid) for kid in element.kids]
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def _page_text(self, page: int) -> dict[int, str]:
        cache = self.__dict__.setdefault("_texts", {})
        if page not in cache:
            cache[page] = _marked_text(self.reader.pages[page - 1])
        return cache[page]

    def problem(self, rule: str, element: Element, message: str) -> Problem:
        """A problem at an element, quoting its text and the heading it comes under."""
        where = element.path + self._quote(element)
        index = self.elements.index(element)
        heading = next((e for e in reversed(self.elements[:index]) if HEADING.fullmatch(e.type)), None)
        if heading is not None:
            where += f" under {heading.type}{self._quote(heading)}"
        return Problem(rule, self.name, element.page, where, message)

    def _quote(self, element: Element) -> str:
        text = self.text(element)[:QUOTE_LENGTH]
        return f" «{text}»" if text else ""


def entry(obj, key: str, default=None):
    """A dictionary entry with indirect references resolved (pypdf's `get` returns them as they are)."""
    value = obj.get(key) if isinstance(obj, DictionaryObject) else None
    return default if value is None else value.get_object()


def is_true(value) -> bool:
    """A PDF boolean that is true (`bool()` of pypdf's BooleanObject(False) is True)."""
    return isinstance(value, BooleanObject) and value.value


def _as_list(value) -> list:
    """An entry that may be one object or an array of them (/K, /A, /C) as a list; a reference to a
    dictionary stays a reference, so the element keeps its object number."""
    if value is None:
        return []
    if isinstance(value, IndirectObject) and not isinstance(value.get_object(), DictionaryObject):
        value = value.get_object()
    return list(value) if isinstance(value, ArrayObject) else [value]


def _leaves(tree, key: str):
    """The (key, value) pairs of a number tree (`/Nums`) or a name tree (`/Names`), ISO 32000-1, 7.9.6–7.9.7."""
    pending = [tree] if tree is not None else []
    while pending:
        node = pending.pop().get_object()
        flat = entry(node, key, [])
        yield from zip(flat[0::2], flat[1::2])
        pending.extend(entry(node, "/Kids", []))


def _bytes(value) -> bytes:
    return value.original_bytes if hasattr(value, "original_bytes") else str(value).encode()


def _marked_text(page) -> dict[int, str]:
    """Text per marked-content identifier (MCID) on one page."""
    texts: dict[int, list[str]] = {}
    stack: list[int | None] = []

    def before(operator, operands, *_):
        if operator in (b"BDC", b"BMC"):
            properties = operands[1] if operator == b"BDC" and len(operands) > 1 else None
            properties = properties.get_object() if properties is not None else None
            mcid = properties.get("/MCID") if isinstance(properties, DictionaryObject) else None
            stack.append(int(mcid) if mcid is not None else (stack[-1] if stack else None))
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value, *_):
        if stack and stack[-1] is not None:
            texts.setdefault(stack[-1], []).append(value)

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return {mcid: "".join(parts) for mcid, parts in texts.items()}


def _attributes(tree: TagTree, element: Element, owner: str) -> list[DictionaryObject]:
    """The attribute objects of `owner` (e.g. "/Table") on an element: its /A (one or an array, with
    revision numbers) and its classes (/C) through the ClassMap (ISO 32000-1, 14.7.5)."""
    found = [a.get_object() for a in _as_list(element.obj.get("/A"))]
    class_map = entry(tree.root, "/ClassMap", {})
    for name in _as_list(element.obj.get("/C")):
        if isinstance(name, NumberObject):
            continue
        found += [a.get_object() for a in _as_list(class_map.get(name))]
    return [a for a in found if isinstance(a, DictionaryObject) and entry(a, "/O") == owner]


def attribute(tree: TagTree, element: Element, owner: str, key: str):
    return next((a[key] for a in _attributes(tree, element, owner) if key in a), None)


# --- The rules -------------------------------------------------------------------------------------

def check_lists(tree: TagTree) -> list[Problem]:
    """7.2-17 LI inside L; 7.2-18 LBody inside LI; 7.2-19 L holds only L, LI, Caption; 7.2-20 LI holds only Lbl, LBody;
    7.2-40 a Caption only as the list's first kid."""
    problems = []
    for element in tree.elements:
        parent = element.parent.type if element.parent else "StructTreeRoot"
        kids = [kid.type for kid in element.kids]
        if element.type == "LI" and parent != "L":
            problems.append(tree.problem("7.2-17", element, f"list item under {parent}, not inside a list (L)"))
        elif element.type == "LBody" and parent != "LI":
            problems.append(tree.problem("7.2-18", element, f"list body under {parent}, not inside a list item (LI)"))
        if element.type == "L":
            wrong = sorted(set(kids) - {"L", "LI", "Caption"})
            if wrong:
                problems.append(tree.problem("7.2-19", element, f"list holds {', '.join(wrong)}; only L, LI and Caption may"))
            if "Caption" in kids[1:]:
                problems.append(tree.problem("7.2-40", element, "list caption is not the list's first kid"))
        elif element.type == "LI":
            wrong = sorted(set(kids) - {"Lbl", "LBody"})
            if wrong:
                problems.append(tree.problem("7.2-20", element, f"list item holds {', '.join(wrong)}; only Lbl and LBody may"))
    return problems


def table_rows(table: Element) -> list[Element]:
    """The rows of a table: its TR, directly or inside THead, TBody and TFoot."""
    rows = []
    for kid in table.kids:
        if kid.type == "TR":
            rows.append(kid)
        elif kid.type in ("THead", "TBody", "TFoot"):
            rows += [row for row in kid.kids if row.type == "TR"]
    return rows


def check_table_headers(tree: TagTree) -> list[Problem]:
    """7.5-1/7.5-2: every TH has a Scope (Row, Column or Both), unless every TD names its headers by
    Headers/IDs; the IDs then must belong to the table's TH and be registered in the IDTree."""
    problems = []
    for table in tree.of_type("Table"):
        cells = [cell for row in table_rows(table) for cell in row.kids if cell.type in ("TH", "TD")]
        headers = [cell for cell in cells if cell.type == "TH"]
        unscoped = [th for th in headers if str(attribute(tree, th, "/Table", "/Scope")) not in SCOPES]
        if not unscoped:
            continue
        header_ids = {_bytes(th.obj["/ID"]) for th in headers if "/ID" in th.obj}
        reasons = []
        for td in (cell for cell in cells if cell.type == "TD"):
            named = [_bytes(h) for h in _as_list(attribute(tree, td, "/Table", "/Headers"))]
            if not named:
                reasons.append(f"{td.path} has no Headers")
            elif set(named) - header_ids:
                reasons.append(f"{td.path} names headers that are not this table's TH")
            elif set(named) - tree.ids:
                reasons.append(f"the header IDs of {td.path} are not in the IDTree of the StructTreeRoot")
        if not reasons:
            continue
        for th in unscoped:
            problems.append(tree.problem("7.5-1", th, "table header without Scope (/A << /O /Table /Scope /Column|/Row >>), "
                                         f"and Headers/IDs do not replace it: {reasons[0]}"))
    return problems


def check_table_layout(tree: TagTree) -> list[Problem]:
    """7.2-8/7.2-9 TH and TD inside TR; 7.2-10 TR holds only TH and TD; 7.2-4 TR inside a table or row group."""
    problems = []
    for element in tree.of_type("TH", "TD", "TR"):
        parent = element.parent.type if element.parent else "StructTreeRoot"
        if element.type in ("TH", "TD") and parent != "TR":
            rule = "7.2-8" if element.type == "TH" else "7.2-9"
            problems.append(tree.problem(rule, element, f"table cell under {parent}, not in a row (TR)"))
        elif element.type == "TR":
            if parent not in ("Table", "THead", "TBody", "TFoot"):
                problems.append(tree.problem("7.2-4", element, f"table row under {parent}, not in a table"))
            wrong = sorted({kid.type for kid in element.kids} - {"TH", "TD"})
            if wrong:
                problems.append(tree.problem("7.2-10", element, f"table row holds {', '.join(wrong)}; only TH and TD may"))
    return problems


def check_figures(tree: TagTree) -> list[Problem]:
    """7.3-1: every Figure has a non-empty Alt, or an ActualText."""
    return [tree.problem("7.3-1", figure, "figure without alternative text (Alt): give the image an alt, the SVG a <title>")
            for figure in tree.of_type("Figure")
            if not str(entry(figure.obj, "/Alt", "")).strip() and "/ActualText" not in figure.obj]


def check_links(tree: TagTree) -> list[Problem]:
    """7.18.5-1 every link annotation is tagged: its StructParent leads to a Link element holding an OBJR to it;
    7.18.5-2 it has Contents; 7.18.3-1 a page with annotations has /Tabs /S."""
    problems = []
    for number, page in enumerate(tree.reader.pages, 1):
        annotations = list(entry(page, "/Annots", []))
        if annotations and entry(page, "/Tabs") != "/S":
            problems.append(Problem("7.18.3-1", tree.name, number, "page", "page with annotations has no /Tabs /S"))
        for reference in annotations:
            annotation = reference.get_object()
            if entry(annotation, "/Subtype") != "/Link" or int(entry(annotation, "/F", 0)) & HIDDEN:
                continue
            target = entry(entry(annotation, "/A", {}), "/URI") or entry(annotation, "/Dest") or "?"
            where = f"Link annotation {reference.idnum} to {target}"
            if "/StructParent" not in annotation:
                problems.append(Problem("7.18.5-1", tree.name, number, where, "link annotation without /StructParent"))
            else:
                parent = tree.parent_tree.get(int(annotation["/StructParent"]))
                element = tree.by_object.get(parent.idnum) if isinstance(parent, IndirectObject) else None
                if element is None or element.type != "Link":
                    kind = element.type if element else "nothing in the ParentTree"
                    problems.append(Problem("7.18.5-1", tree.name, number, where,
                                            f"StructParent points to {kind}, not a Link element"))
                elif reference.idnum not in element.annotations:
                    message = f"Link element has no OBJR to its annotation ({where})"
                    problems.append(tree.problem("7.18.5-1", element, message))
            if not str(entry(annotation, "/Contents", "")).strip():
                problems.append(Problem("7.18.5-2", tree.name, number, where,
                                        "link annotation without /Contents (alternate description)"))
    return problems


def fonts_in(resources, seen: set[int]):
    """(name, font dictionary) of every font in a resource dictionary, its form XObjects, patterns and Type 3 fonts."""
    resources = resources.get_object() if resources is not None else None
    if not isinstance(resources, DictionaryObject):
        return
    for name, reference in entry(resources, "/Font", {}).items():
        if isinstance(reference, IndirectObject):
            if reference.idnum in seen:
                continue
            seen.add(reference.idnum)
        font = reference.get_object()
        yield name, font
        yield from fonts_in(font.get("/Resources"), seen)
    for group in ("/XObject", "/Pattern"):
        for reference in entry(resources, group, {}).values():
            if isinstance(reference, IndirectObject):
                if reference.idnum in seen:
                    continue
                seen.add(reference.idnum)
            yield from fonts_in(reference.get_object().get("/Resources"), seen)


def check_fonts(tree: TagTree) -> list[Problem]:
    """7.21.4.1-1 every font program is embedded (FontFile, FontFile2 or FontFile3);
    7.21.7-1 every font maps its codes to Unicode (a ToUnicode CMap: our fonts are Noto text fonts)."""
    problems, seen = [], set()
    for number, page in enumerate(tree.reader.pages, 1):
        for name, font in fonts_in(page.get("/Resources"), seen):
            where = f"font {name} {entry(font, '/BaseFont', '')}"
            if entry(font, "/Subtype") != "/Type3":
                program = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = entry(program, "/FontDescriptor", {})
                if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor):
                    problems.append(Problem("7.21.4.1-1", tree.name, number, where, "font program not embedded"))
            if "/ToUnicode" not in font:
                problems.append(Problem("7.21.7-1", tree.name, number, where, "font without ToUnicode CMap"))
    return problems


def check_headings(tree: TagTree) -> list[Problem]:
    """7.4.2-1, as veraPDF tests it (GFSEHn.hasCorrectNestingLevel): in reading order each heading H1–H6 is at
    most one level deeper than the heading before it, starting from level 0 (so the first is H1). Going back
    up any number of levels is allowed."""
    problems, previous = [], 0
    for element in tree.elements:
        match = HEADING.fullmatch(element.type)
        if not match:
            continue
        level = int(match.group(1))
        if level > previous + 1:
            before = f"follows H{previous}" if previous else "is the first heading"
            problems.append(tree.problem("7.4.2-1", element, f"H{level} {before}: heading level H{previous + 1} is skipped"))
        previous = level
    return problems


def check_document(tree: TagTree) -> list[Problem]:
    """5-2 XMP pdfuaid:part 1; 7.1-8 XMP metadata; 7.1-9 dc:title (and an Info /Title); 7.1-10 DisplayDocTitle
    true; 7.1-11 a StructTreeRoot, and /MarkInfo /Marked true; 7.2-34 a catalog /Lang, 7.2-29 a valid one."""
    problems = []

    def fail(rule: str, where: str, message: str):
        problems.append(Problem(rule, tree.name, None, where, message))

    catalog = tree.catalog
    lang = str(entry(catalog, "/Lang", ""))
    if not lang:
        fail("7.2-34", "catalog /Lang", "no document language: the text's language cannot be determined")
    elif not LANGUAGE_TAG.match(lang):
        fail("7.2-29", "catalog /Lang", f"document language {lang!r} is not a language tag")
    if not is_true(entry(entry(catalog, "/ViewerPreferences", {}), "/DisplayDocTitle")):
        fail("7.1-10", "catalog /ViewerPreferences", "DisplayDocTitle is not true")
    if tree.root is None:
        fail("7.1-11", "catalog", "no /StructTreeRoot: the PDF is not tagged")
    if not is_true(entry(entry(catalog, "/MarkInfo", {}), "/Marked")):
        fail("7.1-11", "catalog /MarkInfo", "Marked is not true")
    info = tree.reader.metadata
    if not (info and (info.title or "").strip()):
        fail("7.1-9", "Info dictionary", "no /Title")
    if "/Metadata" not in catalog:
        fail("7.1-8", "catalog", "no XMP /Metadata stream")
        return problems
    xmp = ET.fromstring(catalog["/Metadata"].get_object().get_data())
    parts = [node.text for node in xmp.iter(f"{{{XMP['pdfuaid']}}}part")]
    parts += [node.get(f"{{{XMP['pdfuaid']}}}part") for node in xmp.iter(f"{{{XMP['rdf']}}}Description")]
    if "1" not in [(part or "").strip() for part in parts]:
        fail("5-2", "XMP metadata", f"pdfuaid:part is {[p for p in parts if p]}, not 1")
    titles = [li.text for title in xmp.iter(f"{{{XMP['dc']}}}title") for li in title.iter(f"{{{XMP['rdf']}}}li")]
    if not any((title or "").strip() for title in titles):
        fail("7.1-9", "XMP metadata", "no dc:title")
    return problems


CHECKS = {"lists": check_lists, "table headers": check_table_headers, "table layout": check_table_layout,
          "figures": check_figures, "links": check_links, "fonts": check_fonts, "headings": check_headings,
          "document": check_document}
