"""The pull-request preview, opened from disk as a contributor does after downloading it: links work.

Chromium opens site-preview/index.html with a file:// address, as a double-click would, then
follows links the way a reader does: to a practice, to the overview, to French and English.
"""
from __future__ import annotations

import re

import pytest

from kennisbank.records.ui import t
from kennisbank.site import preview

from conftest import guarded_context

@pytest.fixture(scope="module")
def preview_dir(built_site, tmp_path_factory):
    target = tmp_path_factory.mktemp("preview") / "site-preview"
    preview.make_preview(built_site, target)
    return target


@pytest.fixture
def disk_tab(browser):
    context, outside = guarded_context(browser, ("file://", "data:"))  # nothing but the files of the preview may load
    tab = context.new_page()
    yield tab
    context.close()
    assert not outside, outside


def test_no_relative_link_in_the_preview_points_at_a_folder(preview_dir):
    folder_links = []
    for page in preview_dir.rglob("*.html"):
        for value in re.findall(r'\shref="([^"]*)"', page.read_text(encoding="utf-8")):
            if not preview.NOT_RELATIVE.match(value) and not value.startswith("#") and value.split("#")[0].endswith("/"):
                folder_links.append((page.relative_to(preview_dir).as_posix(), value))
    assert not folder_links, folder_links[:10]


def test_a_contributor_clicks_through_the_preview_from_disk(preview_dir, disk_tab):
    disk_tab.goto((preview_dir / preview.INDEX).as_uri())
    assert t("preview_notice", "nl") in disk_tab.inner_text(".kb-preview-notice")
    disk_tab.locator("a[href$='praktijken/index.html']").first.click()
    disk_tab.wait_for_load_state()
    assert disk_tab.url.endswith("/praktijken/index.html")
    card = disk_tab.locator(".kb-card__title a").first
    title = card.inner_text()
    card.click()
    disk_tab.wait_for_load_state()
    slug = re.search(r"/praktijken/([a-z0-9-]+)/index\.html$", disk_tab.url).group(1)
    assert title in disk_tab.inner_text("h1")
    # The language switch of a practice page leads to the same practice in the other language.
    href = disk_tab.locator("a.md-select__link[hreflang='fr']").first.get_attribute("href")
    assert href.endswith(f"fr/praktijken/{slug}/index.html"), href
    for lang in ("fr", "en"):
        disk_tab.goto((preview_dir / lang / preview.INDEX).as_uri())
        assert disk_tab.locator("html").get_attribute("lang") == lang
        assert t("preview_notice", lang) in disk_tab.inner_text(".kb-preview-notice")
        assert "Index of" not in disk_tab.content()
