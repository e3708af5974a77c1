"""Which contact details a build publishes, chosen with KENNISBANK_PRIVACY (`make site PRIVACY=strikt`).

Why: the inspiration guide printed civil servants' names, direct phone numbers and e-mail
addresses in 2016. Every contact in a record says what it is: `soort: functie` (a department or
role mailbox, always published) or `soort: persoon` with a `grondslag` (printed in a source, or
consent with a date).

- `standaard` (default): the source's contacts, each person marked with the basis and its date.
- `strikt`: only departments and role mailboxes; a person becomes "contact via <organisation>".
  Applied to the model right after validation, so no output (pages, search index, PDFs) can
  show what it withheld.
"""
from __future__ import annotations

import dataclasses
import os

PRIVACY_ENV = "KENNISBANK_PRIVACY"
DEFAULT_MODE = "standaard"
STRICT_MODE = "strikt"
MODES = (DEFAULT_MODE, STRICT_MODE)


class PrivacySettingError(ValueError):
    pass


def mode() -> str:
    value = os.environ.get(PRIVACY_ENV, "").strip() or DEFAULT_MODE
    if value not in MODES:
        raise PrivacySettingError(f"{PRIVACY_ENV}={value!r} is onbekend: kies {' of '.join(MODES)}.")
    return value


def withhold(contact):
    """A person's contact reduced to the organisation it can be reached through."""
    if contact.kind != "persoon":
        return contact
    return type(contact)(kind="persoon", withheld=True, organisation=contact.organisation)


def apply(practices: list, privacy_mode: str | None = None) -> list:
    if (privacy_mode or mode()) != STRICT_MODE:
        return practices
    result = []
    for practice in practices:
        subprojects = tuple(dataclasses.replace(sub, contacts=tuple(withhold(c) for c in sub.contacts))
                            for sub in practice.subprojects)
        result.append(dataclasses.replace(practice, contacts=tuple(withhold(c) for c in practice.contacts),
                                          subprojects=subprojects, raw={}))
    return result
