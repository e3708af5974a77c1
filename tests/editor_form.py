"""Filling in the web editor's form (Decap CMS on /beheer/) as a contributor would: by the labels she reads.

Used by tests/test_editor.py. Every field is found by its label, which is the schema's Dutch title
(kennisbank/contrib/cms_config.py); list items by the buttons Decap shows ("Voeg … toe", "Add …").
"""
from __future__ import annotations

import re
import time
from pathlib import Path

# Decap's buttons in its Dutch interface (locale nl): log in on the local backend, publish.
LOGIN = "Inloggen"
PUBLISH = "Publiceer"
PUBLISH_NOW = "Publiceer nu"
# How long Decap may take to load its 5 MB bundle and the records on a busy two-core machine.
LOAD_TIMEOUT_MS = 60_000


def log_in(tab, url: str) -> None:
    tab.goto(url)
    tab.get_by_role("button", name=LOGIN).click(timeout=LOAD_TIMEOUT_MS)
    tab.get_by_text("Praktijken", exact=True).first.wait_for(timeout=LOAD_TIMEOUT_MS)


def labelled(label: str) -> re.Pattern:
    """A field's label as Decap shows it: the schema's title, with " (optioneel)" when not required."""
    return re.compile(rf"^{re.escape(label)}( \(optioneel\))?$", re.IGNORECASE)


def field(tab, label: str, top: bool = False):
    """The control of the field labelled `label` (its <label for=…>): the last one, which is the new
    list item's; with `top`, the first (a top-level field, not one inside a list)."""
    found = tab.get_by_label(labelled(label))
    return found.first if top else found.last


def choose(tab, label: str, option: str) -> None:
    """Pick `option` in a select (Decap's react-select: type to search, Enter to take it)."""
    control = field(tab, label)
    control.click()
    control.fill(option)
    tab.get_by_role("option", name=option, exact=True).first.click()


def add_item(tab, list_label: str) -> None:
    tab.get_by_role("button", name=re.compile(rf"^Voeg {re.escape(list_label)} toe$", re.IGNORECASE)).last.click()


def add_typed_item(tab, list_label: str, type_label: str) -> None:
    tab.get_by_role("button", name=re.compile(rf"^Add {re.escape(list_label)}$", re.IGNORECASE)).last.click()
    tab.get_by_role("menuitem", name=type_label, exact=True).click()


def add_text_item(tab, list_label: str, text: str) -> None:
    """A new item in a list of texts (trekker, partners, an e-mail address): its box is the list's last input."""
    add_item(tab, list_label)
    container = tab.locator('[aria-label="list field"]').filter(has=tab.get_by_text(labelled(list_label))).last
    box = container.locator("input").last
    box.fill(text)


def publish(tab) -> None:
    tab.get_by_role("button", name=PUBLISH, exact=True).click()
    tab.get_by_text(PUBLISH_NOW, exact=True).click()


def fill_new_practice(tab, practice: dict) -> None:
    """The required fields of a new practice, from `practice` (keys as in a record)."""
    field(tab, "Korte naam (slug)").fill(practice["slug"])
    field(tab, "Titel").fill(practice["titel"])
    field(tab, "Samenvatting").fill(practice["samenvatting"])
    field(tab, "Beschrijving").fill(practice["beschrijving"])
    add_typed_item(tab, "werkgebied", "Gemeente")
    choose(tab, "Gemeente", practice["gemeente"])
    for theme in practice["thema"]:
        choose(tab, "Thema's", theme)
    for group in practice["doelgroepen"]:
        choose(tab, "Doelgroepen", group)
    for lead in practice["trekker"]:
        add_text_item(tab, "Trekker(s)", lead)
    add_typed_item(tab, "bron", "Aangeleverd")
    field(tab, "Aangeleverd door").fill(practice["aangeleverd_door"])
    field(tab, "Datum van aanlevering").fill(practice["datum"])
    for absent in practice["niet_in_bron"]:
        choose(tab, "Niet in de bron", absent)
    field(tab, "Laatst gecontroleerd").fill(practice["laatst_gecontroleerd"])
    field(tab, "Gecontroleerd door").fill(practice["gecontroleerd_door"])


def saved(tab, path: Path, before: str | None = None, timeout_s: float = 30) -> None:
    """Wait until decap-server has written `path` (and, for an edit, changed it)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.exists() and (before is None or path.read_text(encoding="utf-8") != before):
            return
        tab.wait_for_timeout(200)
    errors = tab.locator("[class*=ControlErrorsList]").all_inner_texts()
    raise AssertionError(f"{path.name} was not saved; the form says: {errors or tab.inner_text('#nc-root')[:500]}")


def error_for(tab, text: str) -> str:
    """The form's error messages, once one mentions `text`."""
    errors = tab.locator("[class*=ControlErrorsList]")
    errors.filter(has_text=re.compile(re.escape(text), re.IGNORECASE)).first.wait_for()
    return " | ".join(errors.all_inner_texts())
