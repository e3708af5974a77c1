"""Per-page values the Material templates need: the `soort` search filter and the edit link.

Why in the package: the hook stays a one-line call, and the rules (which kind a page is, which
file a contributor should edit) sit next to the data model they describe.
"""
from __future__ import annotations

from kennisbank import vocabulary
from kennisbank.paths import GENERATED_DIR_NAME

# Hand-written pages are background reading unless their front matter says `kb_soort: gids`.
DEFAULT_KIND = "achtergrond"


def decorate_page(page, config) -> None:
    lang = config.theme["language"] or vocabulary.DEFAULT_LANGUAGE
    kinds = vocabulary.load("soort")
    kind = page.meta.get("kb_soort", DEFAULT_KIND)
    if kind not in kinds:
        kind = DEFAULT_KIND
    page.meta["kb_soort_label"] = kinds[kind].label(lang)
    source = page.meta.get("kb_source")
    edit_base = (config.get("edit_uri") or "").removesuffix("docs/")
    if source and edit_base.startswith("http"):
        # Record pages are generated: contributors fix the YAML record, not the Markdown.
        page.edit_url = edit_base + source
    elif page.file.src_uri.startswith(f"{GENERATED_DIR_NAME}/"):
        # Overview, theme and region pages are generated from all records: nothing to edit by hand.
        page.edit_url = None
