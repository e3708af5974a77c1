"""The page stages (kennisbank/site/stages.py): pages prepared before any generator, finished after it.

What a generator that runs no MkDocs hooks needs is checked without MkDocs: the prepared Markdown
carries everything the templates read and no link a generator could resolve wrongly, and the HTML
pass, run over pages that plain Python-Markdown rendered, marks the same glossary terms as the real
build. The MkDocs hook file is checked to hold only the seam.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import markdown
import pytest
import yaml

from kennisbank.paths import ROOT
from kennisbank.print.print_html import markdown_extensions
from kennisbank.records import vocabulary
from kennisbank.site import stages

HOOKS = ROOT / "hooks" / "kennisbank_hooks.py"
# What the templates (overrides/) read from a page's front matter; stages.prepare writes it.
TEMPLATE_KEYS = {"kb_soort_label", "kb_soort_filter", "kb_edit_url", "kb_edit_label", "kb_pdf_book",
                 "kb_pdf_book_label", "kb_a11y_href", "kb_a11y_label"}
ATTRIBUTE_LINK = re.compile(r"""(?:href|src)=(["'])([^"']*)\1""")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
PRACTICE = "gent-ankerkracht"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> dict[str, Path]:
    """The real project's pages prepared per language, as a generator without i18n plugin reads them."""
    from kennisbank.model import load_published

    practices = load_published(ROOT / "data" / "praktijken")
    folders = {}
    for lang in vocabulary.LANGUAGES:
        folders[lang] = tmp_path_factory.mktemp(f"prepared-{lang}")
        stages.prepare(ROOT / "docs", folders[lang], lang, practices=practices, suffixed=False)
    return folders


def front_matter(text: str) -> dict:
    found = stages.FRONT_MATTER.match(text)
    assert found, "every prepared page starts with front matter"
    return yaml.safe_load(found.group(1))


def test_every_prepared_page_carries_what_the_templates_read(prepared):
    for lang, folder in prepared.items():
        files = sorted(folder.rglob("*.md"))
        assert files and not any(re.search(r"\.(fr|en)\.md$", f.name) for f in files), "one language, plain names"
        for path in files:
            meta = front_matter(path.read_text(encoding="utf-8"))
            assert TEMPLATE_KEYS <= set(meta), f"{lang}/{path.relative_to(folder)} lacks {TEMPLATE_KEYS - set(meta)}"
            assert meta["kb_pdf_book"] == f"pdf/kennisbank-{lang}.pdf"


def test_prepared_pages_have_their_markers_expanded_and_their_edit_links(prepared):
    for lang, folder in prepared.items():
        for path in folder.rglob("*.md"):
            left = set(re.findall(r"<!--\s*kb:([a-z-]+)", path.read_text(encoding="utf-8"))) - {"raw"}
            assert not left, f"{lang}/{path.relative_to(folder)}: markers not expanded: {left}"
        practice = front_matter((folder / "praktijken" / f"{PRACTICE}.md").read_text(encoding="utf-8"))
        assert practice["kb_edit_url"].endswith(f"/data/praktijken/{PRACTICE}.yaml"), "a practice is edited in its record"
        overview = front_matter((folder / "praktijken" / "index.md").read_text(encoding="utf-8"))
        assert overview["kb_edit_url"] == "", "a page made from all records has nothing to edit by hand"
        about = front_matter((folder / "over.md").read_text(encoding="utf-8"))
        assert about["kb_edit_url"].endswith("/docs/over" + ("" if lang == "nl" else f".{lang}") + ".md")


def test_no_prepared_raw_html_link_is_one_a_generator_would_resolve(prepared):
    """Zensical rewrites every relative href/src in raw HTML against the source file; MkDocs leaves
    them. A link both treat alike is a fragment, absolute, or has a scheme: kb-rel: is one."""
    protected = 0
    for folder in prepared.values():
        for path in folder.rglob("*.md"):
            for _, url in ATTRIBUTE_LINK.findall(path.read_text(encoding="utf-8")):
                assert not url or url.startswith(("#", "/")) or SCHEME.match(url), f"{path.name}: relative link {url!r}"
                protected += url.startswith(stages.PROTECTED)
    assert protected > 100, "the practice pages' raw HTML links to organisations, regions and PDFs"


def test_the_built_site_has_every_protected_link_written_back(built_site):
    for page in built_site.rglob("*.html"):
        assert stages.PROTECTED not in page.read_text(encoding="utf-8"), page.relative_to(built_site)


def test_protecting_and_writing_back_a_link_changes_nothing_else():
    text = ('<a href="../regio/limburg/#gemeente-1">x</a> <use href="../../assets/k.svg#p"/> <a href="#top">t</a>\n'
            '<a href="https://example.org/">e</a> <img src="kaart.png" alt=""> `<a href="code">` <a href="/root">r</a>')
    protected = stages.protect_links(text)
    assert protected.count(stages.PROTECTED) == 3, "two hrefs and the image; not the fragment, URL, code or root link"
    assert stages.unprotect_links(protected) == text


def _plainly_rendered(prepared_page: Path, lang: str) -> str:
    """A page as a generator with Material-like templates makes it: Python-Markdown, the article
    marked for Pagefind, no MkDocs."""
    names, settings = markdown_extensions(ROOT / "mkdocs.yml")
    body = stages.FRONT_MATTER.sub("", prepared_page.read_text(encoding="utf-8"))
    content = markdown.Markdown(extensions=names, extension_configs=settings).convert(body)
    return (f'<!doctype html><html lang="{lang}"><head><title>t</title></head><body><article class="md-content__inner '
            f'md-typeset"><div data-pagefind-body>{content}</div></article></body></html>')


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_finish_on_any_generators_output_marks_the_glossary_as_the_build_does(prepared, built_site, tmp_path, lang):
    site = tmp_path / "site"
    source = prepared[lang] / "praktijken" / f"{PRACTICE}.md"
    target = site / vocabulary.url_prefix(lang) / "praktijken" / PRACTICE / "index.html"
    target.parent.mkdir(parents=True)
    target.write_text(_plainly_rendered(source, lang), encoding="utf-8")
    finished = stages.finish(site, lang, index=False)
    assert finished.pages == 1
    html = target.read_text(encoding="utf-8")
    built = (built_site / vocabulary.url_prefix(lang) / "praktijken" / PRACTICE / "index.html").read_text(encoding="utf-8")
    terms = re.findall(r'data-kb-term="([^"]+)"', html)
    assert terms and terms == re.findall(r'data-kb-term="([^"]+)"', built)
    assert stages.PROTECTED not in html
    protected = {url[len(stages.PROTECTED):] for _, url in ATTRIBUTE_LINK.findall(source.read_text(encoding="utf-8"))
                 if url.startswith(stages.PROTECTED)}
    links = {url for _, url in ATTRIBUTE_LINK.findall(html)}
    assert protected and protected <= links and protected <= {url for _, url in ATTRIBUTE_LINK.findall(built)}
    if lang == "fr":
        assert "\u202f" in html or "\u00a0" in html, "French typography"


def test_the_hook_file_holds_only_the_seam():
    """Each MkDocs event is one call into the package (with a PluginError for a data error at most);
    no page is changed by the hook itself."""
    tree = ast.parse(HOOKS.read_text(encoding="utf-8"))
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert functions
    for function in functions:
        body = [node for node in function.body if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
        if len(body) == 1 and isinstance(body[0], ast.Try):
            body = body[0].body
        calls = [node for node in ast.walk(ast.Module(body=body, type_ignores=[])) if isinstance(node, ast.Call)]
        assert len(calls) == 1, f"{function.name}: {len(calls)} calls; the hook should only call the package"
        assert len(body) <= 2 and all(isinstance(node, (ast.Expr, ast.Return)) for node in body), function.name
        call = calls[0].func
        assert isinstance(call, ast.Attribute) and isinstance(call.value, ast.Name), function.name
        assert call.value.id in {"site_context", "stages", "template_cache"}, f"{function.name} calls {call.value.id}"
