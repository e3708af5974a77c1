"""Valid HTML: the W3C Nu Html Checker (npm `vnu-jar`, run on Debian's Java) on every kind of page.

Zero errors in the markup our templates and hooks produce. Errors that come from Material for
MkDocs itself, which we cannot change without forking the theme, are listed in UPSTREAM with the
reason; anything else fails the test.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from kennisbank.paths import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGS = ("", "fr/", "en/")
# One page of every kind the build produces, in every language.
PAGES = ["index.html", "404.html", "praktijken/index.html", "praktijken/thema/index.html",
         "praktijken/thema/welzijn/index.html", "praktijken/regio/index.html", "praktijken/regio/antwerpen/index.html",
         "praktijken/gent-ankerkracht/index.html", "praktijken/aalst-taalstimuleringsprojecten/index.html",
         "taalbeleid/index.html", "taalbeleid/stap-3-taalscan/index.html", "superdiversiteit/index.html",
         "welzijn/index.html", "beleidskader/index.html", "woordenlijst/index.html", "over/index.html",
         "privacy/index.html", "toegankelijkheid/index.html", "cijfers/index.html", "open-data/index.html",
         # The web editor's own page around Decap CMS (kennisbank/contrib/editor_site.py).
         "beheer/index.html"]
# Known findings in Material for MkDocs' own markup (message pattern → why it is accepted).
UPSTREAM: dict[str, str] = {
    r"Attribute “autocomplete” is only allowed when the input type is":
        "Material's base.html sets autocomplete=off on the drawer and search toggle checkboxes, so Firefox "
        "does not restore their state; browsers ignore the attribute there.",
    r"Bad value “” for attribute “tabindex” on element “label”":
        "Material's nav-item.html writes tabindex=\"\" on section labels (navigation.sections); browsers treat "
        "an empty tabindex as absent.",
    r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control":
        "Material's toc.html labels the table-of-contents toggle, a checkbox Material hides by design.",
}


def validate(paths):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("The Nu Html Checker needs Java and node_modules/vnu-jar: run `make test` "
                    "(it installs default-jre-headless as root and runs npm ci)")
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or "{}").get("messages", [])


def test_every_kind_of_page_is_valid_html(built_site):
    paths = [built_site / lang / page for lang in LANGS for page in PAGES if not (lang and page == "404.html")]
    missing = [p for p in paths if not p.exists()]
    assert not missing, missing
    messages = validate(paths)
    ours, upstream = [], []
    for message in messages:
        where = message.get("url", "").replace(built_site.as_uri(), "")
        reason = next((why for pattern, why in UPSTREAM.items() if re.search(pattern, message["message"])), None)
        (upstream if reason else ours).append(f"{where}:{message.get('lastLine')}: {message['message']}")
    assert not ours, "\n".join(ours[:30])
    # Each accepted upstream finding still occurs: when Material fixes one, it leaves this list.
    for pattern in UPSTREAM:
        assert any(re.search(pattern, line) for line in upstream), f"no longer seen, remove from UPSTREAM: {pattern}"
