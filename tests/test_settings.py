"""Settings that are set once: the repository's address appears nowhere else in another form."""
from __future__ import annotations

import re
import subprocess

from kennisbank import site_config
from kennisbank.paths import ROOT

GITHUB_REPOSITORY = re.compile(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)")
# GitHub's own actions and public projects we cite are not our repository.
NOT_OURS = {"actions", "squidfunk", "ultrabug", "CloudCannon", "Pagefind", "Kozea", "SEMICeu", "schemaorg", "rhysd"}


def test_every_mention_of_our_repository_uses_the_one_setting():
    ours = site_config.identity(ROOT)["repository"]
    assert ours.startswith("https://github.com/"), "extra.repository in mkdocs.yml"
    tracked = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(ROOT), "ls-files"], capture_output=True,
                             text=True, check=True).stdout.split()
    wrong = []
    for name in tracked:
        if name.startswith("tests/validators/") or name.endswith("package-lock.json") or not name.endswith((".md", ".yml", ".yaml", ".py", ".j2", ".html", ".json")):
            continue
        for match in GITHUB_REPOSITORY.finditer((ROOT / name).read_text(encoding="utf-8", errors="replace")):
            if match.group(1) not in NOT_OURS and match.group(0).removesuffix(".git") != ours:
                wrong.append((name, match.group(0)))
    assert not wrong, f"use {ours} (mkdocs.yml, extra.repository): {wrong}"


def test_edit_links_are_made_from_the_repository_setting():
    identity = site_config.identity(ROOT)
    assert identity["edit_base"] == f"{identity['repository']}/edit/main/"
