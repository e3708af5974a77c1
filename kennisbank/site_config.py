"""What the site is called, where it lives and where its sources are edited: read from mkdocs.yml.

Why here: mkdocs.yml is the one place these are configured, and the generated pages and the PDFs
need them outside of an MkDocs run.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from kennisbank import vocabulary


@cache
def identity(root: Path) -> dict:
    """Site name per language, site URL, and the base URL for editing a file of the repository."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    names = {vocabulary.DEFAULT_LANGUAGE: config["site_name"]}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                names.setdefault(language["locale"], language.get("site_name", config["site_name"]))
    extra = config.get("extra") or {}
    repository = str(extra.get("repository") or "").rstrip("/")
    return {"names": names, "url": config["site_url"].rstrip("/") + "/", "repository": repository,
            "publisher": extra.get("publisher") or {},  # read and checked by kennisbank.publisher
            # a file of the repository is edited at <edit_base><path>: docs/… for pages, data/… for records
            "edit_base": f"{repository}/edit/{extra.get('branch', 'main')}/" if repository.startswith("https://") else ""}


def practice_url(site_url: str, lang: str, slug: str) -> str:
    """The public address of a practice page in `lang`."""
    return f"{site_url}{vocabulary.url_prefix(lang)}praktijken/{slug}/"
