"""MkDocs hooks: the thin seam between MkDocs and the `kennisbank` package.

0. on_config (before mkdocs-static-i18n's): when `python -m kennisbank build` runs one MkDocs
   process per language, pin this process to its language; edit links come from the one
   repository setting (extra.repository).
1. on_pre_build: validate every record and write the generated Markdown under docs/praktijken/
   (only changed files are written, so `mkdocs serve` does not loop). A broken record stops the
   build with the full report: file, line, column, field, message and hint for every problem.
2. on_page_markdown: expand the markers of hand-written pages (step guide, glossary list, open data, charts,
   the VGC plan's objectives).
   on_page_content: explain glossary terms where they first appear on a page.
3. on_env: keep compiled templates in a bytecode cache shared by the per-language processes.
4. on_page_context: give each page its search-filter label (`soort`) and, for a practice page,
   an edit link to its YAML record instead of the generated Markdown.
5. on_post_page: French typography (non-breaking spaces before : ; ? ! and inside « ») on the
   whole French page, templates and interface text included.

Search indexing is not a hook: mkdocs-static-i18n builds the languages one after another and
on_post_build fires before the later ones exist, so `python -m kennisbank build` indexes with
Pagefind after the whole build.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kennisbank import build
from kennisbank.site import glossary, markers, site_context, template_cache, typography


@event_priority(100)
def on_config(config):
    site_context.pin_language(config)
    site_context.set_edit_uri(config)
    return config


def on_pre_build(config, **kwargs) -> None:
    root = Path(config["config_file_path"]).parent
    try:
        build.generate_pages(docs_dir=Path(config["docs_dir"]), records_dir=root / "data" / "praktijken")
    except build.DataError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]
    root = Path(config["config_file_path"]).parent
    return markers.expand(markdown, lang, page.file.src_uri, root)


def on_page_content(html, page, config, files):
    return glossary.annotate(html, config.theme["language"])


def on_env(env, config, files):
    template_cache.use(env, config)
    return env


def on_page_context(context, page, config, nav):
    site_context.decorate_page(page, config)
    return context


def on_post_page(output, page, config):
    return typography.apply(output, config.theme["language"])
