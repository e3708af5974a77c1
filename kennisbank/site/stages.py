"""The page stages: what the package does to every page before and after a generator renders it.

Why stages and not MkDocs events: Material for MkDocs reaches end of life in May 2027 and the
generators that may follow it (ProperDocs, Zensical) run no MkDocs hooks. So the work that used to
live in `on_page_markdown`, `on_page_content`, `on_page_context` and `on_post_page` is done here,
on files, and the generator only renders Markdown with the theme. Any generator runs:

    prepare(docs_dir, out_dir, language, practices=…, today=…, suffixed=…)   # before the build
    <the generator builds out_dir into the site, one language per run>
    finish(site_dir, language)                                              # after the build

prepare(docs_dir, out_dir, language, *, practices=None, today=None, suffixed=True) -> Prepared
    Writes every page of `language` as its final Markdown into `out_dir`:
    - the hand-written pages of `docs_dir` with their `<!-- kb:… -->` markers expanded
      (kennisbank.site.markers), and the generated pages (kennisbank.site.pages), which are also
      written under docs_dir/praktijken/ as `make generate` writes them (the PDF reads them there);
    - front matter that the templates (overrides/) read, so no generator has to compute it:
      kb_soort_label and kb_soort_filter (the search filter), kb_edit_url and kb_edit_label (the
      contributor's pencil: a practice's YAML record, a hand-written page's Markdown, nothing for
      the other generated pages), kb_pdf_book and kb_pdf_book_label (the footer's PDF book),
      kb_a11y_href and kb_a11y_label (the accessibility statement), kb_changed (git's last change
      of a hand-written page);
    - relative links in raw HTML (`href="…"`, `src="…"`) written as `kb-rel:…`, a URL scheme that
      no generator rewrites (Zensical rewrites relative links in raw HTML against the source file,
      MkDocs does not); finish_page writes them back exactly as they were, relative to the page;
    - the other files of docs_dir (assets) linked into out_dir.
    `suffixed=True` keeps the language in the file name (`over.fr.md`), the layout
    mkdocs-static-i18n reads; `suffixed=False` writes `over.md`, for a generator that builds one
    language per run without an i18n plugin. `practices` is the validated model
    (kennisbank.model.load_published) and `today` the build date (kennisbank.build_date); both
    are read from the project when not given. Several languages may share one `out_dir`: each
    writes and cleans up only its own files.
    Returns Prepared: the language, out_dir, the number of pages (what the search index must hold
    for the language) and the generated files.

finish(site_dir, language, *, index=True) -> Finished
    After the build, on every HTML page of `language` under `site_dir` (the whole site; the
    language's pages are those under its URL prefix): the one HTML pass, finish_page, then Pagefind
    for that language (kennisbank.site.search.index_language), merged into site_dir/pagefind/.
    Returns Finished: the language, pages passed, pages indexed.

finish_page(html, language) -> str
    The HTML pass on one page: the glossary explains terms in the page body (the element marked
    `data-pagefind-body`: what the search indexes is what the glossary explains), `kb-rel:` links
    are written back, and French pages get French typography (kennisbank.site.typography) on the
    whole page, templates and interface text included. finish() runs it on files; the MkDocs hook
    runs it on each page as MkDocs writes it (on_post_page), which saves reading the pages back.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Prepared:
    language: str
    out_dir: Path
    pages: int = 0
    generated: list = field(default_factory=list)


@dataclass
class Finished:
    language: str
    pages: int = 0
    indexed: int | None = None


def prepare(docs_dir: Path, out_dir: Path, language: str, *, practices: list | None = None,
            today: dt.date | None = None, suffixed: bool = True) -> Prepared:
    raise NotImplementedError


def finish(site_dir: Path, language: str, *, index: bool = True) -> Finished:
    raise NotImplementedError


def finish_page(html: str, language: str) -> str:
    raise NotImplementedError
