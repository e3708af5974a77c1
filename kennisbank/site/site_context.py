"""Per-page values the Material templates need: the `soort` search filter and the edit link.

Why in the package: the hook stays a one-line call, and the rules (which kind a page is, which
file a contributor should edit) sit next to the data model they describe.
"""
from __future__ import annotations

import os
from pathlib import Path

from kennisbank import site_config
from kennisbank.model import freshness
from kennisbank.paths import GENERATED_DIR_NAME, book_pdf
from kennisbank.records import vocabulary
from kennisbank.records.ui import format_date, t

# Hand-written pages are background reading unless their front matter says `kb_soort: gids`.
DEFAULT_KIND = "achtergrond"


def decorate_page(page, config) -> None:
    lang = config.theme["language"] or vocabulary.DEFAULT_LANGUAGE
    kinds = vocabulary.load("soort")
    kind = page.meta.get("kb_soort", DEFAULT_KIND)
    if kind not in kinds:
        kind = DEFAULT_KIND
    page.meta["kb_soort_label"] = kinds[kind].label(lang)
    page.meta["kb_soort_filter"] = t("filter_soort", lang)
    page.meta["kb_pdf_book"] = book_pdf(lang)
    page.meta["kb_pdf_book_label"] = t("pdf_book_link", lang)
    page.meta["kb_a11y_href"] = vocabulary.url_prefix(lang) + "toegankelijkheid/"
    page.meta["kb_a11y_label"] = t("accessibility_statement", lang)
    # Material's pencil says only "Edit this page"; readers should see it is for contributors.
    page.meta["kb_edit_label"] = t("edit_record" if page.meta.get("kb_source") else "edit_page", lang)
    if not page.file.src_uri.startswith(f"{GENERATED_DIR_NAME}/") and page.file.abs_src_path:
        # Hand-written pages show git's last change; practice pages carry their record's date themselves.
        root = Path(config["config_file_path"]).parent
        source = Path(page.file.abs_src_path).resolve().relative_to(root.resolve()).as_posix()
        changed = freshness.git_dates(root.resolve(), "docs").get(source)
        if changed:
            page.meta["kb_changed"] = t("page_changed", lang, date=format_date(changed, lang))
    source = page.meta.get("kb_source")
    edit_base = site_config.identity(Path(config["config_file_path"]).parent)["edit_base"]
    if source and edit_base:
        # Record pages are generated: contributors fix the YAML record, not the Markdown.
        page.edit_url = edit_base + source
    elif page.file.src_uri.startswith(f"{GENERATED_DIR_NAME}/"):
        # Overview, theme and region pages are generated from all records: nothing to edit by hand.
        page.edit_url = None


# Set by `build.run_mkdocs` to build one language per process (see there for why).
BUILD_LANGUAGE_ENV = "KENNISBANK_BUILD_LANGUAGE"


def set_edit_uri(config) -> None:
    """MkDocs' edit links to hand-written pages, from the one repository setting (site_config.identity)."""
    edit_base = site_config.identity(Path(config["config_file_path"]).parent)["edit_base"]
    if edit_base:
        config["edit_uri"] = edit_base + "docs/"


def pin_language(config) -> None:
    """Make mkdocs-static-i18n build only the language named in the environment, if any.

    The plugin keeps every language configured (so language switcher links cover all three) but
    starts at the pinned language, and `building = True` stops it from building the others after.
    Must run before the plugin's own on_config, which derives site_dir and theme language from it.
    """
    language = os.environ.get(BUILD_LANGUAGE_ENV)
    if not language:
        return
    plugin = config.plugins.get("i18n")
    if plugin is None or language not in plugin.all_languages:
        raise ValueError(f"{BUILD_LANGUAGE_ENV}={language!r}: unknown language for mkdocs-static-i18n")
    plugin.current_language = language
    plugin.building = True
