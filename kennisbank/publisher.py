"""Who runs the knowledge base and how to reach them: one setting (`extra.publisher` in mkdocs.yml), many places.

Why one setting: a reader who wants a contact removed, reports an accessibility problem or asks who
stands behind the site must find the same name and mailbox on the about, privacy and accessibility
pages, and a portal harvesting the open data must find them as the DCAT-AP publisher and contact
point, and a feed reader as the feed's author. Written by hand in each place, they drift apart the
first time an organisation takes the site over.

The pages carry the marker `<!-- kb:uitgever -->`; `expand` replaces it with the publisher's name,
mailbox (harvester-resistant, as every address on the site), the repository's issues as a second way
in, and the longest a reader waits for an answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kennisbank import site_config, vocabulary

MARKER = re.compile(r"<!--\s*kb:uitgever\s*-->")
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


def load(root: Path) -> Publisher:
    """The publisher as mkdocs.yml sets it; a clear error saying what to add when it is incomplete."""
    identity = site_config.identity(root)
    setting = identity.get("publisher") or {}
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
                     repository=identity["repository"])


def block_html(publisher: Publisher, lang: str) -> str:
    """Who runs the site and how to reach them, as one paragraph in `lang`."""
    from markupsafe import escape

    from kennisbank.pages import email_html
    from kennisbank.ui import t

    issues = f'<a href="{escape(publisher.repository)}/issues">{escape(t("publisher_issues", lang))}</a>' \
        if publisher.repository else ""
    text = t("publisher_block", lang, name=f"<strong>{escape(publisher.name(lang))}</strong>",
             email=email_html(publisher.email, lang), days=publisher.response_days)
    if issues:
        text += " " + t("publisher_block_issues", lang, issues=issues)
    return f'<p class="kb-publisher" id="uitgever">{text}</p>'


def expand(markdown: str, lang: str, root: Path) -> str:
    if not MARKER.search(markdown):
        return markdown
    block = f"<!-- kb:raw -->\n{block_html(load(root), lang)}\n<!-- /kb:raw -->"
    return MARKER.sub(lambda _: block, markdown)
