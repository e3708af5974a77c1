"""Which generator renders the Markdown with the theme: MkDocs 1.6.1 or ProperDocs, its maintained fork.

Why a choice: MkDocs has had no release since 2024 and Material for MkDocs reaches end of life on
5 May 2027. ProperDocs continues MkDocs 1.x under a new name and runs this site unchanged (Material,
mkdocs-static-i18n, our hooks): `GENERATOR=properdocs` (`--generator`, or the environment variable
below) builds with it, and tests/test_generator_parity.py builds with both and compares the pages
(kennisbank/parity.py). The exit plan for after Material is docs/uitstapplan.md.

Why one virtualenv: the properdocs wheel installs only the `properdocs` package, never `mkdocs`.
A ProperDocs process imports `properdocs.replacement`, which sends every `mkdocs.*` import
(Material's, static-i18n's, our hook's) to `properdocs.*`; a MkDocs process never imports it, so
each process gets the generator it was started with. Both are pinned in requirements.txt.
"""
from __future__ import annotations

import os
import sys

from kennisbank.records.problems import DataError

GENERATORS = ("mkdocs", "properdocs")
DEFAULT_GENERATOR = "mkdocs"
# `make site GENERATOR=properdocs` exports it, so every build step (and a test run) uses the same one.
GENERATOR_ENV = "KENNISBANK_GENERATOR"


def chosen(name: str | None = None) -> str:
    """The generator asked for (argument, else the environment, else MkDocs); a clear error for another name."""
    name = name or os.environ.get(GENERATOR_ENV) or DEFAULT_GENERATOR
    if name not in GENERATORS:
        raise DataError(f"Onbekende generator {name!r} (uit --generator of {GENERATOR_ENV}): "
                        f"kies {' of '.join(GENERATORS)}.")
    return name


def command(name: str) -> list[str]:
    """The module to run as `python -m …` for a build with this generator."""
    return ["-m", chosen(name)]


def use_in_this_process(name: str) -> None:
    """Make this process's `mkdocs` imports the generator's (for ProperDocs, its replacement shim).

    The build runs the generator in a process forked from the caller (kennisbank.build), and the
    caller may have imported `mkdocs` already (a test module does): such modules would stay the
    other generator's. So the modules loaded under the name mkdocs, and the theme and plugins loaded
    on top of them, are forgotten first and load again against the generator asked for.
    """
    generator = chosen(name)
    redirected = sys.modules.get("mkdocs") is not None and sys.modules["mkdocs"] is sys.modules.get("properdocs")
    if redirected == (generator == "properdocs"):
        return
    for module in [module for module in sys.modules if module.split(".")[0] in LOADED_ON_MKDOCS]:
        del sys.modules[module]
    if generator == "properdocs":
        import properdocs.replacement

        if not any(isinstance(finder, properdocs.replacement._AliasFinder) for finder in sys.meta_path):
            sys.meta_path.insert(0, properdocs.replacement._AliasFinder())
        sys.modules["mkdocs"] = sys.modules["properdocs"]
    else:
        replacement = sys.modules.get("properdocs.replacement")
        if replacement is not None:
            sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, replacement._AliasFinder)]


# Packages whose modules hold the generator they were imported with: MkDocs itself, the theme, the
# plugin. (ProperDocs' own modules are the same under either choice and stay loaded.)
LOADED_ON_MKDOCS = ("mkdocs", "material", "mkdocs_static_i18n")
