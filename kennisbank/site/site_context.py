"""What MkDocs needs from the package, and nothing else does: the language and the folder of pages
of a build, and the page names of the other languages. The MkDocs hook calls these; the pages'
own content comes from the page stages (kennisbank.site.stages), the same for every generator.

Why here and not in the hook: the hook stays a list of one-line calls, and the rules sit beside
the stages they serve.
"""
from __future__ import annotations

import os
from pathlib import Path

from kennisbank.records import vocabulary
from kennisbank.records.ui import t

# Set by `build.run_mkdocs` to build one language per process (see there for why).
BUILD_LANGUAGE_ENV = "KENNISBANK_BUILD_LANGUAGE"
# Set by `build.run_mkdocs`: the folder with the pages prepared by stages.prepare for that language.
PREPARED_DOCS_ENV = "KENNISBANK_PREPARED_DOCS"
# Set by `build.run_mkdocs` when the build makes no PDFs (`make site PDF=0`): the HTML pass turns
# the pages' PDF links into notes as they are written (kennisbank.site.pdf_links).
NO_PDFS_ENV = "KENNISBANK_NO_PDFS"
# Where a plain `mkdocs build` or `mkdocs serve` (without `python -m kennisbank build`) prepares
# the pages of every language, relative to the project root (git-ignored).
PLAIN_PREPARED_DIR = ".cache/pages/mkdocs"


def set_up_templates(env, config) -> None:
    """MkDocs' Jinja environment for this build: compiled templates from the cache the per-language
    processes share (template_cache), and Material's navigation rendered once per folder for the
    pages outside it (nav_cache)."""
    from kennisbank.site import nav_cache, template_cache

    template_cache.use(env, config)
    nav_cache.install(env)


def pin_language(config) -> None:
    """Make mkdocs-static-i18n build only the language named in the environment, if any, from the
    pages prepared for it; a plain `mkdocs build` reads the pages that `prepare_all` writes.

    The plugin keeps every language configured (so language switcher links cover all three) but
    starts at the pinned language, and `building = True` stops it from building the others after.
    Must run before the plugin's own on_config, which derives site_dir and theme language from it.
    """
    config.extra["kb_docs_dir"] = config["docs_dir"]  # the hand-written pages, for prepare_all and on_serve
    prepared = os.environ.get(PREPARED_DOCS_ENV)
    config["docs_dir"] = prepared or str(Path(config["config_file_path"]).parent / PLAIN_PREPARED_DIR)
    language = os.environ.get(BUILD_LANGUAGE_ENV)
    # The heading links' tooltip in the page's language (Python-Markdown's toc says "Permanent
    # link"); a plain `mkdocs build` renders every language in one process, with the Dutch one.
    config["mdx_configs"].setdefault("toc", {})["permalink_title"] = t("heading_link", language or vocabulary.DEFAULT_LANGUAGE)
    if not language:
        return
    plugin = config.plugins.get("i18n")
    if plugin is None or language not in plugin.all_languages:
        raise ValueError(f"{BUILD_LANGUAGE_ENV}={language!r}: unknown language for mkdocs-static-i18n")
    plugin.current_language = language
    plugin.building = True


def finish_page(output: str, config) -> str:
    """The HTML pass on a page MkDocs writes (stages.finish_page) in the build's language; in a build
    without PDFs (NO_PDFS_ENV) with its PDF links as notes. A plain `mkdocs build` keeps the links."""
    from kennisbank.site import stages

    return stages.finish_page(output, config.theme["language"], pdfs_absent=os.environ.get(NO_PDFS_ENV) == "1")


def prepare_all(config) -> None:
    """For a plain `mkdocs build` or `mkdocs serve`: prepare every language's pages into one folder.

    mkdocs-static-i18n builds the other languages inside the first one's build, and each of those
    builds fires on_pre_build again: only the first prepares. `python -m kennisbank build` prepares
    the pages itself (PREPARED_DOCS_ENV), so then nothing happens here.
    """
    if os.environ.get(PREPARED_DOCS_ENV):
        return
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.current_language != plugin.default_language:
        return
    from kennisbank.model import load_published
    from kennisbank.site import pages, stages

    docs_dir = Path(config.extra["kb_docs_dir"])
    practices = load_published(docs_dir.parent / "data" / "praktijken")
    context = pages.plan_context(practices)
    for lang in vocabulary.LANGUAGES:
        stages.prepare(docs_dir, Path(config["docs_dir"]), lang, practices=practices, context=context)


def add_translation_stand_ins(files, config):
    """Name the other languages' versions of every page among the files, where the folder holds one language.

    mkdocs-static-i18n links the language switcher (and `<link rel=alternate>`) of a page to its
    translation only when it finds the translation's file; otherwise it links to the translation's
    home page. A folder prepared for one language (stages.prepare) holds only that language's
    pages, but every page exists in every language (the build checks the hand-written ones,
    pages.plan makes each generated page in each), so the names are known. They are added as
    files that are never read: the plugin builds only the pinned language's pages.
    """
    from mkdocs.structure.files import File

    language = os.environ.get(BUILD_LANGUAGE_ENV)
    if not language:
        return files
    sfx = "" if language == vocabulary.DEFAULT_LANGUAGE else f".{language}"
    known = set(files.src_uris)
    for page in list(files.documentation_pages()):
        if not page.src_uri.endswith(sfx + ".md"):
            continue
        stem = page.src_uri[:-3 - len(sfx)]
        for other in vocabulary.LANGUAGES:
            name = stem + ("" if other == vocabulary.DEFAULT_LANGUAGE else f".{other}") + ".md"
            if name not in known:
                files.append(File(name, config["docs_dir"], config["site_dir"], config["use_directory_urls"]))
                known.add(name)
    return files


def watch_sources(server, config) -> None:
    """`mkdocs serve` watches the folder it reads, the prepared pages; the sources are elsewhere."""
    docs_dir = Path(config.extra["kb_docs_dir"])
    server.watch(str(docs_dir))
    server.watch(str(docs_dir.parent / "data"))
