"""The source documents that fact checks read, and what happens when a checkout lacks them.

They are not in the repository (kennisbank.paths.SOURCES_DIR says why). Where they are missing, a
fact check fails, locally and in .ci/run, so it can never pass unnoticed. Only a run that declares
their absence (KENNISBANK_SOURCES_ABSENT=1, set by the GitHub workflow, which has no shared/) skips
those checks, and says so in the test report.
"""
from __future__ import annotations

import os

import pytest

from kennisbank.paths import SOURCES_DIR, SOURCES_ENV

ABSENT_ENV = "KENNISBANK_SOURCES_ABSENT"


def source_text(name: str) -> str:
    """The text of source document `name` (e.g. '001_6866716a76426abb.txt')."""
    path = SOURCES_DIR / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    if os.environ.get(ABSENT_ENV) == "1":
        pytest.skip(f"source document {name} is not in this checkout ({ABSENT_ENV}=1): the checks against the "
                    "sources run locally and in .ci/run, where shared/seeds/ sits beside the checkout")
    pytest.fail(f"source document missing: {path}. Put shared/seeds/ beside the checkout or set {SOURCES_ENV} to "
                f"the folder that holds it ({ABSENT_ENV}=1 skips these checks, for a CI without the sources).")
