"""Render Material's site navigation once per folder for the pages that are not in it.

Why: Material renders the whole navigation tree (partials/nav.html) into every page. At 1,000
records that was 4.4 of the 9.1 s of CPU a language spent in the theme's templates (issue 18),
and nearly all of it went to practice pages, which are kept out of the navigation tree so that a
build grows linearly. For such a page the navigation marks nothing as active, and its links are
relative to the page's folder: every page of one folder (`praktijken/…/`) gets the same HTML, so
it is rendered for the first and reused for the others.

A page is served from the cache only when that is certain to give the same HTML:
- it is not in the navigation (no item of it is active, no table of contents in it);
- no navigation link lies under the page's own address (a link to `praktijken/x/sub/` is `sub/`
  from `praktijken/x/` but `../x/sub/` from `praktijken/y/`).
Any other page is rendered as Material renders it. The cache lives in one MkDocs build: the hook
installs it on each build's template environment (on_env).
"""
from __future__ import annotations

import os

NAV_TEMPLATE = "partials/nav.html"
# Set to 0 to render the navigation anew on every page, as Material does (the reproducibility test
# builds the site a second time that way and compares every byte).
ENABLED_ENV = "KENNISBANK_NAV_CACHE"


def install(env) -> None:
    """Wrap the navigation template of MkDocs' Jinja environment `env` with the folder cache."""
    if os.environ.get(ENABLED_ENV) == "0":
        return
    template = env.get_template(NAV_TEMPLATE)
    if getattr(template.root_render_func, "kb_nav_cache", False):
        return
    render = template.root_render_func
    # One build's navigation: the HTML per folder, and every address it links to. A new navigation
    # (the next build of `mkdocs serve`) starts both again.
    state = {"nav": None, "links": (), "rendered": {}}

    def cached_render(context):
        nav = context.get("nav")
        if nav is not state["nav"]:
            state.update(nav=nav, links=tuple(_links(nav.items)) if nav is not None else (), rendered={})
        folder = _folder(context.get("page"), nav, state["links"])
        if folder is None:
            yield from render(context)
            return
        rendered = state["rendered"]
        if folder not in rendered:
            rendered[folder] = "".join(render(context))
        yield rendered[folder]

    cached_render.kb_nav_cache = True
    template.root_render_func = cached_render


def _folder(page, nav, links: tuple[str, ...]) -> str | None:
    """The page's folder, if the navigation renders the same for every page not in it there; else None.

    `links`: the addresses of every page and link in the navigation (`_links`)."""
    url = getattr(page, "url", None)
    if not url or nav is None or page in nav.pages:  # (MkDocs marks the page it renders as active)
        return None
    if any(link.startswith(url) for link in links):
        return None
    return url.rstrip("/").rpartition("/")[0]


def _links(items) -> list[str]:
    """The addresses of every page and link of a navigation tree."""
    links = []
    for item in items:
        if getattr(item, "url", None) is not None:
            links.append(item.url)
        links.extend(_links(getattr(item, "children", None) or []))
    return links
