"""A named publisher: who runs the site and how to reach them, from one setting, everywhere it is said.

The setting is `extra.publisher` in mkdocs.yml. The tests read it, not a copy of its values, and
check that the about, privacy and accessibility pages in three languages, the DCAT-AP catalogue and
the Atom feeds all say it; that a changed setting reaches them; that reader pages carry no
instructions meant for developers; and that the feeds pass the W3C feed validator.
"""
from __future__ import annotations

import codecs
import html as html_module
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from kennisbank import site_config
from kennisbank.model import load_practices
from kennisbank.opendata import exports
from kennisbank.paths import ROOT
from kennisbank.records import vocabulary
from kennisbank.records.ui import t
from kennisbank.site import discovery, publisher

PAGES = ("over", "privacy", "toegankelijkheid")


def page(site: Path, lang: str, name: str) -> str:
    return (site / vocabulary.url_prefix(lang) / name / "index.html").read_text(encoding="utf-8")


def visible(html: str) -> str:
    """The text a reader sees: no scripts, styles or tags; e-mail addresses decoded as the page's script does."""
    html = re.sub(r'<span class="kb-email" data-kb-mail="([^"]+)"[^>]*>.*?</span>\s*</span>|<span class="kb-email" data-kb-mail="([^"]+)"[^>]*>[^<]*<span class="kb-at">[^<]*</span>[^<]*</span>',
                  lambda m: codecs.decode(m.group(1) or m.group(2), "rot13"), html, flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture(scope="module")
def setting():
    return site_config.publisher(ROOT)


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_about_privacy_and_accessibility_name_the_publisher_and_how_to_reach_them(built_site, setting, lang, name):
    html = page(built_site, lang, name)
    block = re.search(r'<p class="kb-publisher" id="uitgever">(.*?)</p>', html, re.S)
    assert block, (lang, name)
    text = visible(block.group(1))
    assert setting.name(lang) in text
    assert setting.email in text
    assert str(setting.response_days) in text
    assert f'href="{setting.repository}/issues"' in block.group(1)
    # The address is harvester-resistant like every other one: no '@' and no mailto: in the page source.
    assert setting.email not in html and f"mailto:{setting.email}" not in html


def test_the_catalogue_names_the_publisher_and_its_mailbox(built_site, setting):
    catalog = json.loads((built_site / "data" / "catalog.jsonld").read_text(encoding="utf-8"))
    agent = catalog["dct:publisher"]
    assert {(text["@language"], text["@value"]) for text in agent["foaf:name"]} == set(setting.names.items())
    assert agent["foaf:mbox"] == {"@id": setting.mailto}
    assert agent["@id"].endswith("over/#uitgever")
    contact = catalog["dcat:dataset"]["dcat:contactPoint"]
    assert contact["vcard:fn"] == setting.name("nl") and contact["vcard:hasEmail"] == {"@id": setting.mailto}
    assert catalog["dcat:dataset"]["dct:publisher"] == {"@id": agent["@id"]}


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_each_feed_names_the_publisher_as_its_author(built_site, setting, lang):
    ns = {"a": discovery.ATOM_NS}
    author = ET.parse(built_site / vocabulary.url_prefix(lang) / discovery.FEED_FILE).getroot().find("a:author", ns)
    assert author.findtext("a:name", namespaces=ns) == setting.name(lang)
    assert author.findtext("a:email", namespaces=ns) == setting.email


def test_a_changed_setting_reaches_the_catalogue_and_the_feeds(tmp_path):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/name:", "python-name:"))
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    current = config["extra"]["publisher"]
    other = tmp_path / "project"
    (other / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "schema" / "praktijk.schema.json", tmp_path / "schema.json")
    (other / "data" / "schema").mkdir()
    shutil.copy(ROOT / "data" / "schema" / "praktijk.schema.json", other / "data" / "schema" / "praktijk.schema.json")
    changed = text.replace(current["email"], "integratie@gemeente.example").replace(current["name"]["fr"], "Service Intégration de la commune")
    assert changed != text
    (other / "mkdocs.yml").write_text(changed, encoding="utf-8")
    practices = load_practices()
    catalog = exports.catalog(practices, other)
    assert catalog["dct:publisher"]["foaf:mbox"] == {"@id": "mailto:integratie@gemeente.example"}
    assert {"@language": "fr", "@value": "Service Intégration de la commune"} in catalog["dct:publisher"]["foaf:name"]
    feeds = discovery.write_feeds(practices, tmp_path / "site", other)
    assert all("integratie@gemeente.example" in feed.read_text(encoding="utf-8") for feed in feeds)
    assert "Service Intégration de la commune" in block(other, "fr")


def block(root: Path, lang: str) -> str:
    return publisher.expand("<!-- kb:uitgever -->", lang, root)


def test_an_incomplete_setting_says_what_to_add(tmp_path):
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    current = site_config.publisher(ROOT)
    (tmp_path / "mkdocs.yml").write_text(text.replace(f"email: {current.email}", "email: nog in te vullen"), encoding="utf-8")
    with pytest.raises(site_config.PublisherMissing) as failure:
        site_config.publisher(tmp_path)
    assert "extra.publisher" in str(failure.value) and "email" in str(failure.value)


# Instructions meant for whoever builds or maintains the site, not for readers: settings, commands,
# tools, source file names. They belong in README.md and CONTRIBUTING.md.
DEVELOPER_TEXT = re.compile(r"KENNISBANK_\w+|\bmake (site|test|check|serve|pdf)\b|git filter-repo|package-lock|"
                            r"\bseeds/|\b\d{3}_[0-9a-f]{16}\.txt\b|\.venv\b|mkdocs\.yml|PRIVACY=")


def test_reader_pages_carry_no_developer_instructions(built_site):
    found = []
    for path in sorted(built_site.rglob("*.html")):
        if "assets" in path.relative_to(built_site).parts:
            continue
        for match in DEVELOPER_TEXT.finditer(visible(path.read_text(encoding="utf-8"))):
            found.append((str(path.relative_to(built_site)), match.group(0)))
    assert not found, found[:20]


def test_edit_pencils_are_labelled_for_contributors(built_site):
    from kennisbank.model import load_practices as practices

    slug = practices()[0].slug
    for lang in vocabulary.LANGUAGES:
        for name, key in (("privacy", "edit_page"), (f"praktijken/{slug}", "edit_record")):
            pencils = re.findall(r'<a[^>]+class="md-content__button md-icon"[^>]*>', page(built_site, lang, name))
            assert pencils, (lang, name)
            for pencil in pencils:
                assert f'title="{t(key, lang)}"' in pencil and f'aria-label="{t(key, lang)}"' in pencil, pencil


# --- The feeds, by the W3C feed validator ---------------------------------------------------------

# The warning the validator may give, and why it stands: the records were checked on the same day
# (most in the 2016 guide), and each entry's atom:updated says so truthfully.
ALLOWED_WARNINGS = {"DuplicateUpdated"}


def validate_feed(feed: Path, address: str) -> list[dict]:
    result = subprocess.run([sys.executable, str(Path(__file__).parent / "feed_check.py"), str(feed), address],
                            capture_output=True, text=True, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_the_feeds_pass_the_w3c_feed_validator(built_site, lang):
    address = f"{site_config.identity(ROOT)['url']}{vocabulary.url_prefix(lang)}{discovery.FEED_FILE}"
    events = validate_feed(built_site / vocabulary.url_prefix(lang) / discovery.FEED_FILE, address)
    assert [e for e in events if e["level"] == "error"] == []
    assert {e["type"] for e in events if e["level"] == "warning"} <= ALLOWED_WARNINGS, events


def test_the_feed_validator_finds_a_broken_feed(built_site, tmp_path):
    feed = (built_site / discovery.FEED_FILE).read_text(encoding="utf-8")
    broken = tmp_path / "feed.xml"
    broken.write_text(re.sub(r"<id>[^<]*</id>", "", feed, count=2), encoding="utf-8")  # the feed's id and the first entry's
    events = validate_feed(broken, "https://example.org/feed.xml")
    assert any(e["level"] == "error" and e["type"] == "MissingElement" for e in events), events
