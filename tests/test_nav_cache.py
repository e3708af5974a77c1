"""When Material's navigation may be reused from another page of the same folder (kennisbank.site.nav_cache).

The built site's bytes with and without the cache are compared in test_reproducible; these tests check the
rule on navigations a contributor's page could meet: pages inside the navigation, links under a page's address.
"""
from __future__ import annotations

from types import SimpleNamespace

from kennisbank.site import nav_cache


def page(url: str):
    return SimpleNamespace(url=url)


def navigation(*items):
    return SimpleNamespace(items=list(items), pages=[item for item in items if not getattr(item, "children", None)])


def key(page_, nav):
    return nav_cache._folder(page_, nav, tuple(nav_cache._links(nav.items)) if nav else ())


def test_pages_of_one_folder_outside_the_navigation_share_it_and_other_folders_do_not():
    nav = navigation(page(""), page("thema/"), SimpleNamespace(url=None, children=[page("regio/limburg/")]))
    first, second, elsewhere = page("praktijken/a/"), page("praktijken/b/"), page("organisatie/x/")
    assert key(first, nav) is not None
    assert key(first, nav) == key(second, nav)
    assert key(elsewhere, nav) != key(first, nav)


def test_a_page_in_the_navigation_is_always_rendered_for_itself():
    listed = page("thema/")
    nav = navigation(page(""), listed)
    assert key(listed, nav) is None


def test_a_page_with_a_navigation_link_under_its_address_is_rendered_for_itself():
    # From praktijken/a/ the link is "sub/", from praktijken/b/ it is "../a/sub/": not the same HTML.
    nav = navigation(page(""), SimpleNamespace(url=None, children=[page("praktijken/a/sub/")]))
    assert key(page("praktijken/a/"), nav) is None
    assert key(page("praktijken/b/"), nav) is not None


def test_without_a_navigation_or_an_address_nothing_is_reused():
    assert key(page("praktijken/a/"), None) is None
    assert key(page(""), navigation(page("thema/"))) is None


def test_the_hook_installs_the_cache_on_materials_navigation():
    from mkdocs.config import load_config

    from kennisbank.paths import ROOT
    from kennisbank.site import site_context

    config = load_config(str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()
    site_context.set_up_templates(env, config)
    assert getattr(env.get_template(nav_cache.NAV_TEMPLATE).root_render_func, "kb_nav_cache", False)
