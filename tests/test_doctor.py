"""`python -m kennisbank doctor` finds what this machine lacks, by what the code loads, and names the fix."""
from __future__ import annotations

from pathlib import Path

from kennisbank import cli, doctor


def test_this_machine_has_everything_the_tests_need(capsys):
    # make test runs the same check before pytest; here it must pass too, or tests would skip.
    assert cli.main(["doctor", "test"]) == 0, capsys.readouterr().out
    assert "Alles aanwezig" in capsys.readouterr().out


def test_missing_harfbuzz_subset_names_its_package(monkeypatch):
    from weasyprint.text import ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    [subset] = [f for f in doctor.check_weasyprint() if "HarfBuzz" in f.what]
    assert not subset.ok and subset.packages == ("libharfbuzz-subset0",)
    assert "sudo apt-get install libharfbuzz-subset0" in subset.line()


def test_missing_fonts_name_the_package_that_holds_them(monkeypatch, tmp_path):
    from kennisbank.print import pdf

    monkeypatch.setattr(pdf, "FONT_DIRS", (tmp_path,))
    [fonts] = doctor.check_fonts()
    assert not fonts.ok and set(fonts.packages) == {"fonts-noto-core", "fonts-noto-mono"}
    assert "NotoSerif-Regular.ttf" in fonts.detail


def test_a_chromium_that_does_not_start_is_reported_with_the_one_line_that_fixes_it(monkeypatch, tmp_path, capsys):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(doctor, "CHROMIUM", broken)
    [chromium] = doctor.check_chromium()
    assert not chromium.ok and "cannot open display" in chromium.detail
    monkeypatch.setattr(doctor, "CHROMIUM", Path("/nowhere/chromium"))
    assert cli.main(["doctor", "test"]) == 1
    out = capsys.readouterr().out
    assert "[FOUT] Chromium" in out and "sudo apt-get install chromium" in out
    assert cli.main(["doctor", "test", "--packages"]) == 0
    assert capsys.readouterr().out.split() == ["chromium"]
