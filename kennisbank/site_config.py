"""What the site is called, where it lives, where its sources are edited and who runs it: read from mkdocs.yml.

Why here: mkdocs.yml is the one place these are configured, and the generated pages and the PDFs
need them outside of an MkDocs run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kennisbank.records import vocabulary


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
            "publisher": extra.get("publisher") or {},  # read and checked by kennisbank.site.publisher
            # a file of the repository is edited at <edit_base><path>: docs/… for pages, data/… for records
            "edit_base": f"{repository}/edit/{extra.get('branch', 'main')}/" if repository.startswith("https://") else ""}


def practice_url(site_url: str, lang: str, slug: str) -> str:
    """The public address of a practice page in `lang`."""
    return f"{site_url}{vocabulary.url_prefix(lang)}praktijken/{slug}/"


# --- Who runs the site (extra.publisher): the pages, the DCAT-AP catalogue and the feeds say it ---

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


class PublisherMissing(ValueError):
    """mkdocs.yml names no publisher, or only part of one."""


@dataclass(frozen=True)
class Publisher:
    names: dict[str, str]  # per language
    email: str
    response_days: int
    repository: str  # where issues can be opened, as a second way in

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names[vocabulary.DEFAULT_LANGUAGE]

    @property
    def mailto(self) -> str:
        return f"mailto:{self.email}"


def publisher(root: Path) -> Publisher:
    """The publisher as mkdocs.yml sets it; a clear error saying what to add when it is incomplete."""
    site = identity(root)
    setting = site.get("publisher") or {}
    names = setting.get("name") or {}
    if isinstance(names, str):
        names = {vocabulary.DEFAULT_LANGUAGE: names}
    missing = [f"name.{lang}" for lang in vocabulary.LANGUAGES if not names.get(lang)]
    email = str(setting.get("email") or "")
    if not EMAIL.match(email):
        missing.append("email (an address such as redactie@example.be)")
    if not isinstance(setting.get("response_days"), int):
        missing.append("response_days (working days, a whole number)")
    if missing:
        raise PublisherMissing(f"{root / 'mkdocs.yml'}: extra.publisher needs {', '.join(missing)}: who runs the "
                               "site and how readers reach them (see the comment above the setting)")
    return Publisher(names=dict(names), email=email, response_days=setting["response_days"],
                     repository=site["repository"])
