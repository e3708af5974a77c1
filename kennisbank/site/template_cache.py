"""Compiled Material templates, shared by the per-language MkDocs processes and warmed early.

Why: each of the three per-language MkDocs processes compiled the same ~40 Material templates
(about 0.25 s of CPU each). With Jinja's bytecode cache in `.cache/jinja`, a process loads them
compiled instead. On a cold build the cache is empty, so `build.build_site` starts `warm()` in a
separate process while it validates and generates pages on the other core, and the MkDocs
processes start with a warm cache. The cache is only an optimisation: if warming fails, MkDocs
compiles the templates itself and reports any real template error.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kennisbank.site import generators

CACHE_DIR = ".cache/jinja"
# Templates MkDocs renders directly; the ones they extend, include or import are found from these.
ENTRY_TEMPLATES = ("main.html", "404.html", "sitemap.xml")


def cache_dir(config) -> Path:
    return Path(config["config_file_path"]).parent / CACHE_DIR


def use(env, config) -> None:
    """Give MkDocs' Jinja environment the shared bytecode cache (called from the on_env hook)."""
    import jinja2

    cache = cache_dir(config)
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))


def warm(config_file: Path, generator: str = generators.DEFAULT_GENERATOR) -> int:
    """Compile every template reachable from ENTRY_TEMPLATES into the cache; returns how many.

    The environment must be the one the generator builds (same loader, filters and extensions),
    because Jinja's cache key is only the template's name, file and source: under ProperDocs the
    configuration is loaded through its `mkdocs` replacement (kennisbank.site.generators).
    """
    generators.use_in_this_process(generator)
    import jinja2
    import jinja2.meta
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    env = config.theme.get_env()
    use(env, config)
    seen: set[str] = set()
    pending = list(ENTRY_TEMPLATES)
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0]
        except jinja2.TemplateNotFound:
            continue
        env.get_template(name)
        # Dynamic includes ({% include "partials/languages/" ~ lang ~ ".html" %}) come back as None.
        pending.extend(ref for ref in jinja2.meta.find_referenced_templates(env.parse(source)) if ref)
    return len(seen)


def start_warming(config_file: Path, generator: str = generators.DEFAULT_GENERATOR) -> subprocess.Popen:
    """Run `warm` in its own process, so it uses the core the caller is not using."""
    return subprocess.Popen([sys.executable, "-m", "kennisbank.site.template_cache", str(config_file), generator],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=config_file.parent)


if __name__ == "__main__":
    warm(Path(sys.argv[1]), *sys.argv[2:3])
