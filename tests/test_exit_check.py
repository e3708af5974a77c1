"""The Zensical shadow build's own logic, without Zensical (kennisbank/exit_check.py; `make exit-check` is not in CI).

What can be checked here: which version it installs when newer ones cannot be installed, and the
configuration each language's run gets (no hooks, no plugins but a switched-off search, the
language's settings from static-i18n, the way up to the site root).
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from kennisbank import exit_check
from kennisbank.paths import ROOT
from kennisbank.records import vocabulary
from kennisbank.records.problems import DataError


def fake_pip(listed: str, installable: set[str]):
    """A pip that lists `listed` and installs only the versions in `installable`."""
    calls = []

    def pip(*args, venv=None):
        calls.append(args)
        if args[:2] == ("index", "versions"):
            return subprocess.CompletedProcess(args, 0, f"zensical ({listed.split(', ')[0]})\nAvailable versions: {listed}\n", "")
        version = args[-1].split("==")[-1] if "==" in args[-1] else ""
        if not version or version in installable:
            return subprocess.CompletedProcess(args, 0, "", "")
        return subprocess.CompletedProcess(args, 1, "", f"ERROR: Could not find a version\nERROR: No matching distribution found for zensical-ui==0.0.4{version[-1]}\n")
    pip.calls = calls
    return pip


def test_the_newest_installable_version_is_installed_and_the_refused_ones_named(monkeypatch, tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").touch()
    pip = fake_pip("0.1.3, 0.1.2, 0.0.74, 0.0.73, 0.0.72", {"0.0.73", "0.0.72"})
    monkeypatch.setattr(exit_check, "_pip", pip)
    check = exit_check.ExitCheck()
    assert exit_check.install_newest(tmp_path, check) == "0.0.73"
    assert [version for version, _ in check.refused] == ["0.1.3", "0.1.2", "0.0.74"]
    assert all("zensical-ui" in reason for _, reason in check.refused)
    installs = [args[-1] for args in pip.calls if args[0] == "install"]
    assert installs == ["zensical==0.1.3", "zensical==0.1.2", "zensical==0.0.74", "zensical==0.0.73"]


def test_no_installable_version_is_a_clear_error(monkeypatch, tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").touch()
    monkeypatch.setattr(exit_check, "_pip", fake_pip("0.1.3, 0.1.2", set()))
    with pytest.raises(DataError, match="0.1.3: No matching distribution found for zensical-ui"):
        exit_check.install_newest(tmp_path)


@pytest.mark.parametrize("lang", vocabulary.LANGUAGES)
def test_each_language_run_gets_its_own_configuration_without_hooks_or_plugins(lang, tmp_path):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(item["i18n"] for item in config["plugins"] if isinstance(item, dict) and "i18n" in item)
    language = next(entry for entry in i18n["languages"] if entry["locale"] == lang)
    project = tmp_path / lang
    result = exit_check.language_config(config, lang, project, ROOT)
    assert "hooks" not in result
    assert result["plugins"] == [{"search": {"enabled": False}}]
    assert result["theme"]["language"] == lang
    assert (project / result["theme"]["custom_dir"]).resolve() == (ROOT / config["theme"]["custom_dir"]).resolve()
    assert result["site_name"] == language.get("site_name", config["site_name"])
    assert result["site_url"].endswith("/" + vocabulary.url_prefix(lang))
    # Every navigation title the language translates is translated.
    titles = set(yaml.safe_dump(result["nav"], allow_unicode=True).split("\n"))
    for dutch, translated in (language.get("nav_translations") or {}).items():
        if dutch != translated:
            assert not any(line.strip(" -").startswith(f"{dutch}:") for line in titles), dutch
    # Pagefind and the PDFs live at the site root, one level above a translation's own root.
    assert result["extra"]["kb_site_root"] == ("" if lang == vocabulary.DEFAULT_LANGUAGE else "/..")
    assert {alt["lang"] for alt in result["extra"]["alternate"]} == set(vocabulary.LANGUAGES)
    # The project's own configuration is left as it was.
    assert "i18n" in str(config["plugins"]) and "hooks" in config


def test_the_summary_names_the_version_and_the_verdict(tmp_path):
    from kennisbank import parity

    check = exit_check.ExitCheck(version="0.0.73", refused=[("0.1.3", "No matching distribution found for zensical-ui")])
    check.comparison = parity.Comparison(Path("a"), Path("b"), differences=[parity.Difference("x.html", "alternates", ("- A: …",))])
    text = exit_check.summary(check)
    assert "zensical 0.0.73" in text and "nog niet overstappen" in text and '"alternates": 1' in text
    check.comparison = parity.Comparison(Path("a"), Path("b"))
    assert "geen verschillen" in exit_check.summary(check)
