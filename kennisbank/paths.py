"""Where things live in the repository, in one place so no module guesses a path."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
RECORDS_DIR = DATA_DIR / "praktijken"
VOCABULARY_DIR = DATA_DIR / "vocabularies"
SCHEMA_PATH = DATA_DIR / "schema" / "praktijk.schema.json"
DOCS_DIR = ROOT / "docs"
# Everything below this folder is generated from data/ and git-ignored.
GENERATED_DIR_NAME = "praktijken"
SITE_DIR = ROOT / "site"
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
# The source documents the records cite (`bron.document`), as text. They are not part of the
# repository: their reuse terms are not stated (see README, "Sources and licences"). They sit
# beside the checkout, in shared/seeds/, unless KENNISBANK_SOURCES names another folder.
SOURCES_ENV = "KENNISBANK_SOURCES"
SOURCES_DIR = Path(os.environ.get(SOURCES_ENV) or ROOT.parent / "shared" / "seeds")


# The PDFs, relative to the site root (site/): written by kennisbank.print.pdf, linked from every page.
PDF_DIR_NAME = "pdf"


def book_pdf(lang: str) -> str:
    return f"{PDF_DIR_NAME}/kennisbank-{lang}.pdf"


def fiche_pdf(slug: str, lang: str) -> str:
    return f"{PDF_DIR_NAME}/praktijken/{slug}-{lang}.pdf"
