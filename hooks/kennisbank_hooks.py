"""MkDocs hooks: the thin seam between MkDocs and the `kennisbank` package.

The pages are prepared before MkDocs reads them and finished as it writes them, by the page stages
(kennisbank/site/stages.py), which any generator can call; these hooks only connect MkDocs to them.

- on_config (before mkdocs-static-i18n's): pin the language of this process and the folder of
  prepared pages it reads (kennisbank.site.site_context).
- on_pre_build: a plain `mkdocs build` or `mkdocs serve` prepares the pages itself;
  `python -m kennisbank build` has prepared them already.
- on_files: name each page's translations, which a folder of one language lacks.
- on_env: compiled templates from the cache the per-language processes share, and the navigation
  rendered once per folder for the pages outside it (kennisbank.site.nav_cache).
- on_post_page: the HTML pass (glossary, links, French typography, and in a build without PDFs the
  notes for its PDF links) on each page as it is written.
- on_serve: watch the sources, not the prepared copy.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kennisbank.records.problems import DataError
from kennisbank.site import site_context


@event_priority(100)
def on_config(config):
    site_context.pin_language(config)
    return config


def on_pre_build(config, **kwargs) -> None:
    try:
        site_context.prepare_all(config)
    except DataError as error:
        raise PluginError(str(error)) from None


def on_files(files, config):
    return site_context.add_translation_stand_ins(files, config)


def on_env(env, config, files):
    site_context.set_up_templates(env, config)
    return env


def on_post_page(output, page, config):
    return site_context.finish_page(output, config)


def on_serve(server, config, builder):
    site_context.watch_sources(server, config)
    return server
