"""The page stages: what the package does to every page before and after a generator renders it.

Why stages and not MkDocs events: Material for MkDocs reaches end of life in May 2027 and the
generators that may follow it (ProperDocs, Zensical) run no MkDocs hooks. So the work that used to
live in `on_page_markdown`, `on_page_content`, `on_page_context` and `on_post_page` is done here,
on files, and the generator only renders Markdown with the theme. Any generator runs:

    prepare(docs_dir, out_dir, language, practices=…, today=…, suffixed=…)   # before the build
    <the generator builds out_dir into the site, one language per run>
    finish(site_dir, language)                                              # after the build

prepare(docs_dir, out_dir, language, *, practices=None, today=None, suffixed=True, context=None,
        write_summary=True) -> Prepared
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
    are read from the project when not given; `context` (pages.plan_context) and
    `write_summary=False` let a build of several languages do once what they share. Several
    languages may share one `out_dir`: each writes and cleans up only its own files.
    Returns Prepared: the language, out_dir, the number of pages (what the search index must hold
    for the language) and the generated files.

finish(site_dir, language, *, index=True, pdfs_absent=False) -> Finished
    After the build, on every HTML page of `language` under `site_dir` (the whole site; the
    language's pages are those under its URL prefix): the one HTML pass, finish_page, then Pagefind
    for that language (kennisbank.site.search.index_language), merged into site_dir/pagefind/.
    Returns Finished: the language, pages passed, pages indexed.

finish_page(html, language, pdfs_absent=False) -> str
    The HTML pass on one page: the glossary explains terms in the page body (the element marked
    `data-pagefind-body`: what the search indexes is what the glossary explains), `kb-rel:` links
    are written back, and French pages get French typography (kennisbank.site.typography) on the
    whole page, templates and interface text included. In a build without PDFs (`pdfs_absent`),
    the PDF links become notes (kennisbank.site.pdf_links). finish() runs it on files; the MkDocs hook
    runs it on each page as MkDocs writes it (on_post_page), which saves reading the pages back.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kennisbank import build_date, site_config
from kennisbank.model import freshness, load_published
from kennisbank.paths import GENERATED_DIR_NAME, book_pdf
from kennisbank.records import vocabulary
from kennisbank.records.problems import DataError
from kennisbank.records.translations import hand_written_pages
from kennisbank.records.ui import format_date, t
from kennisbank.site import glossary, guide, markers, pages, pdf_links, typography

# Front matter as MkDocs reads it (mkdocs.utils.meta): between two `---` lines at the very top.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
# Hand-written pages are background reading unless their front matter says `kb_soort: gids`.
DEFAULT_KIND = "achtergrond"
# A link that a generator would resolve against the source file: relative, so not `#…`, `/…`, `//…`
# or `scheme:…`. Written as `kb-rel:<link>` until finish_page. Code (fenced blocks and `spans`) is
# matched first and left alone: there `href="…"` is text for the reader, not a link.
PROTECTED = "kb-rel:"
RAW_LINK = re.compile(r"(?P<code>^(?P<fence>```|~~~).*?^(?P=fence)|`[^`\n]+`)"
                      r"|(?P<attribute>(?:href|src)=)(?P<quote>[\"'])(?P<url>(?![#/]|[a-zA-Z][a-zA-Z0-9+.-]*:)[^\"'<>]+)(?P=quote)",
                      re.S | re.M)
# The same links where the page holds no code, up to the opening quote, after which `kb-rel:` goes
# (a literal start, not a look-behind: five times faster over a thousand pages).
RELATIVE_LINK = re.compile(r"""((?:href|src)=["'])(?![#/]|[a-zA-Z][a-zA-Z0-9+.-]*:)(?=[^"'<>]+["'])""")
# Where the page body starts in the HTML: overrides/main.html wraps the article in this element.
BODY_ATTRIBUTE = "data-pagefind-body"


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


# --- Before the build ------------------------------------------------------------------------------

def prepare(docs_dir: Path, out_dir: Path, language: str, *, practices: list | None = None,
            today: dt.date | None = None, suffixed: bool = True, context: pages.PlanContext | None = None,
            write_summary: bool = True) -> Prepared:
    """Every page of `language` as its final Markdown in `out_dir` (see the module docstring).

    `context` (pages.plan_context) lets per-language runs share what every language's pages need;
    `write_summary=False` says the caller has written the step guide's practice summary
    (guide.write_practice_summary) for this model already, as a build of several languages does once.
    """
    docs_dir, out_dir = docs_dir.resolve(), out_dir.resolve()
    root = docs_dir.parent
    if practices is None:
        practices = load_published(root / "data" / "praktijken")
    if today is None:
        try:
            today = build_date.build_date(root)
        except build_date.BuildDateError as error:
            raise DataError(str(error)) from None
    if write_summary:
        guide.write_practice_summary(practices, root, today)  # the step guide's markers read it
    generated = pages.plan(practices, today, (language,), context)
    pages.write(generated, docs_dir, (language,))
    sfx = pages.suffix(language)
    written = {}
    for page in hand_written_pages(docs_dir):
        src = page.relative_to(docs_dir).as_posix()[:-3] + sfx + ".md"
        written[src] = page_markdown((docs_dir / src).read_text(encoding="utf-8"), src, language, root)
    for file in generated:
        written[file.relative_path] = page_markdown(file.content, file.relative_path, language, root, generated=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {src: src if suffixed else unsuffixed(src, language) for src in written}
    for src, text in written.items():
        _write_if_changed(out_dir / names[src], text)
    planned = {out_dir / name for name in names.values()}
    for stale in out_dir.rglob("*.md"):
        if stale not in planned and (not suffixed or pages.language_of(stale.name) == language):
            stale.unlink()
    link_files(docs_dir, out_dir)
    return Prepared(language, out_dir, len(written), generated)


def unsuffixed(src: str, language: str) -> str:
    """`over.fr.md` → `over.md`: the page's name for a generator that builds one language per run."""
    sfx = pages.suffix(language)
    return src[:-3 - len(sfx)] + ".md" if sfx and src.endswith(sfx + ".md") else src


def page_markdown(text: str, src: str, language: str, root: Path, generated: bool = False) -> str:
    """One page's final Markdown: front matter for the templates, markers expanded, raw-HTML links protected.

    `src` is the page's file under docs/ (`taalbeleid/index.fr.md`); `generated` says it comes from
    the records (kennisbank.site.pages) rather than from a hand-written file."""
    found = FRONT_MATTER.match(text)
    front, body = (found.group(1), text[found.end():]) if found else ("", text)
    meta = (yaml.load(front, Loader=_YAML_LOADER) or {}) if front else {}
    added = page_meta(meta, src, language, root, generated)
    front += "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in added.items())
    body = protect_links(markers.expand(body, language, src, root))
    return f"---\n{front}---\n{body}"


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def page_meta(meta: dict, src: str, language: str, root: Path, generated: bool) -> dict:
    """What the templates read from a page's front matter, besides its own keys (see the module docstring)."""
    kinds = vocabulary.load("soort")
    kind = meta.get("kb_soort", DEFAULT_KIND)
    kind = kind if kind in kinds else DEFAULT_KIND
    source = meta.get("kb_source")
    edit_base = site_config.identity(root)["edit_base"]
    if source:
        edit_url = edit_base + source if edit_base else ""  # a practice: its YAML record, not the Markdown
    elif generated:
        edit_url = ""  # overview, theme, region pages: made from all records, nothing to edit by hand
    else:
        edit_url = f"{edit_base}docs/{src}" if edit_base else ""
    added = {
        "kb_soort_label": kinds[kind].label(language),
        "kb_soort_filter": t("filter_soort", language),
        "kb_pdf_book": book_pdf(language),
        "kb_pdf_book_label": t("pdf_book_link", language),
        "kb_a11y_href": vocabulary.url_prefix(language) + "toegankelijkheid/",
        "kb_a11y_label": t("accessibility_statement", language),
        # Material's pencil says only "Edit this page"; readers should see it is for contributors.
        "kb_edit_label": t("edit_record" if source else "edit_page", language),
        "kb_edit_url": edit_url,
    }
    if not generated:
        # Hand-written pages show git's last change; practice pages carry their record's date themselves.
        changed = freshness.git_dates(root, "docs").get(f"docs/{src}")
        if changed:
            added["kb_changed"] = t("page_changed", language, date=format_date(changed, language))
    return added


def protect_links(markdown: str) -> str:
    """Relative `href`/`src` links in raw HTML as `kb-rel:…`, which no generator resolves (see RAW_LINK)."""
    if "href=" not in markdown and "src=" not in markdown:
        return markdown
    if "`" not in markdown and "~~~" not in markdown:
        return RELATIVE_LINK.sub(rf"\1{PROTECTED}", markdown)  # no code to keep apart: one quick pass
    return RAW_LINK.sub(lambda m: m.group(0) if m.group("code") else
                        f"{m['attribute']}{m['quote']}{PROTECTED}{m['url']}{m['quote']}", markdown)


def unprotect_links(html: str) -> str:
    return html.replace(f'="{PROTECTED}', '="').replace(f"='{PROTECTED}", "='") if PROTECTED in html else html


def link_files(docs_dir: Path, out_dir: Path) -> None:
    """The files of docs_dir that are not pages (stylesheets, scripts, images), linked into out_dir."""
    for source in docs_dir.rglob("*"):
        if source.suffix == ".md" or source.is_dir():
            continue
        relative = source.relative_to(docs_dir)
        if relative.parts[0] == GENERATED_DIR_NAME:
            continue
        target = out_dir / relative
        if target.is_symlink() and os.readlink(target) == str(source):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.exists():
            target.unlink()
        target.symlink_to(source)


def _write_if_changed(target: Path, text: str) -> None:
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


# --- After the build -------------------------------------------------------------------------------

def finish_page(html: str, language: str, pdfs_absent: bool = False) -> str:
    """The HTML pass on one page (see the module docstring); `pdfs_absent`: the build makes no PDFs,
    so its PDF links become notes (pdf_links.absent_everywhere; last, as pdf_links.sync after a build
    would write them)."""
    html = unprotect_links(html)
    start = html.find(BODY_ATTRIBUTE)
    if start >= 0:
        # The body is the element that carries the attribute: from its tag's end to its closing tag,
        # the last `</div>` before the article ends (overrides/main.html; after it comes only the date).
        start = html.index(">", start) + 1
        end = html.rfind("</div>", start, html.find("</article>", start))
        if end > start:
            html = html[:start] + glossary.annotate(html[start:end], language) + html[end:]
    html = typography.apply(html, language)
    return pdf_links.absent_everywhere(html, language) if pdfs_absent else html


def language_pages(site_dir: Path, language: str) -> list[Path]:
    """The HTML pages of `language` in a built site: under its URL prefix; the default language's
    are everywhere else, outside the other languages' folders and the search index."""
    if language != vocabulary.DEFAULT_LANGUAGE:
        return sorted((site_dir / language).rglob("*.html"))
    others = {lang for lang in vocabulary.LANGUAGES if lang != language} | {"pagefind"}
    return sorted(path for path in site_dir.rglob("*.html") if path.relative_to(site_dir).parts[0] not in others)


def finish(site_dir: Path, language: str, *, index: bool = True, pdfs_absent: bool = False) -> Finished:
    """The HTML pass on every page of `language` in site_dir, then its search index (see the module
    docstring); `pdfs_absent`: see finish_page."""
    from kennisbank.site import search

    paths = language_pages(site_dir, language)
    for path in paths:
        html = path.read_text(encoding="utf-8")
        finished = finish_page(html, language, pdfs_absent)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
    indexed = search.index_language(site_dir, language) if index else None
    return Finished(language, len(paths), indexed)
