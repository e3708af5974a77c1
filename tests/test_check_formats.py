"""The check's three outputs: the text report, GitHub Actions annotations and the Markdown report.

The formatters are tested on hand-made problems whose messages hold every character that needs
escaping; the command is tested on real records copied and broken the way a contributor would.
"""
from __future__ import annotations

import subprocess
import sys

from kennisbank.paths import ROOT
from kennisbank.records.problems import WARNING, Problem, Text, github_annotations, markdown_report, text_report

RECORD = "data/praktijken/lier-buddy.yaml"
ERROR = Problem(RECORD, 14, 3, "werkgebied[0].gemeente", Text("unknown_municipality", name="Lierre"),
                Text("did_you_mean", value="Lier"))
# A value a contributor typed, with what GitHub's commands and Markdown treat as syntax.
TRICKY = Problem("data/praktijken/a,b: c.yaml", 2, 1, "titel", Text("bad_pattern", value="100% <b>vet</b>\r\n@lier #12 *x* [y](z) `k`"))
WARN = Problem(RECORD, 3, 1, "vertalingen", Text("unknown_value", value="x"), severity=WARNING)


def run_check(*args):
    return subprocess.run([sys.executable, "-m", "kennisbank", "check", *args], capture_output=True, text=True, cwd=ROOT)


def test_github_annotation_has_file_line_column_title_message_and_hint():
    assert github_annotations([ERROR], []) == (
        f"::error file={RECORD},line=14,col=3,title=werkgebied[0].gemeente::onbekende gemeente 'Lierre' (bedoel je 'Lier'?)")
    assert github_annotations([ERROR], [], "fr").endswith("::commune inconnue « Lierre » (vouliez-vous dire « Lier » ?)")


def test_github_annotation_escapes_data_and_properties_as_github_does():
    [line] = github_annotations([TRICKY], []).splitlines()
    assert line == ("::error file=data/praktijken/a%2Cb%3A c.yaml,line=2,col=1,title=titel::"
                    "waarde '100%25 <b>vet</b>%0D%0A@lier #12 *x* [y](z) `k`' heeft niet de verwachte vorm")


def test_github_warnings_are_warning_commands_and_a_file_problem_has_a_title():
    whole_file = Problem(RECORD, 1, 1, "", Text("empty_file"), Text("empty_file_hint"))
    lines = github_annotations([whole_file], [WARN]).splitlines()
    assert lines[0].startswith(f"::error file={RECORD},line=1,col=1,title=(bestand)::bestand is leeg")
    assert lines[1].startswith(f"::warning file={RECORD},line=3,col=1,title=vertalingen::")


def test_text_report_lists_errors_then_warnings_marked_as_such():
    report = text_report([ERROR], [WARN]).splitlines()
    assert report == ["1 probleem in 1 bestand; niets is gebouwd:",
                      f"{RECORD}:14:3: werkgebied[0].gemeente: onbekende gemeente 'Lierre' (bedoel je 'Lier'?)",
                      "1 waarschuwing (die houdt de bouw niet tegen):",
                      f"{RECORD}:3:1: waarschuwing: vertalingen: onbekende waarde 'x'"]
    assert text_report([], [WARN], "en").splitlines()[1] == f"{RECORD}:3:1: warning: vertalingen: unknown value 'x'"


def test_markdown_report_groups_problems_per_file_in_plain_words():
    other = Problem("data/praktijken/gent.yaml", 5, 1, "thema[0]", Text("unknown_value", value="welzijnn"))
    report = markdown_report([ERROR, other], [WARN], checked=2)
    lines = report.splitlines()
    assert lines[0] == "### Bedankt voor je bijdrage! De controle vond nog 2 problemen in 2 bestanden"
    item = lines.index(f"**{RECORD}**") + 2
    assert lines[item] == "- regel 14, werkgebied\\[0\\].gemeente: onbekende gemeente 'Lierre' — tip: bedoel je 'Lier'?"
    assert "- regel 5, thema\\[0\\]: onbekende waarde 'welzijnn'" in lines
    warnings = lines.index("#### 1 waarschuwing (die houdt de bouw niet tegen)")
    assert warnings > item and lines[warnings + 2] == f"**{RECORD}**"
    assert lines[warnings + 4] == "- regel 3, vertalingen: onbekende waarde 'x'"
    assert "python" not in report.lower() and "Traceback" not in report


def test_markdown_report_escapes_what_markdown_and_github_would_interpret():
    report = markdown_report([TRICKY], [], checked=1)
    item = next(line for line in report.splitlines() if line.startswith("- regel 2"))
    assert item == ("- regel 2, titel: waarde '100% \\<b\\>vet\\</b\\> @\u200blier #\u200b12 \\*x\\* \\[y\\](z) \\`k\\`' "
                    "heeft niet de verwachte vorm")
    plain_address = markdown_report([Problem(RECORD, 1, 1, "x", Text("bad_email", value="dienst@lier.be"))], [], 1)
    assert "dienst@lier.be" in plain_address, "an @ inside an address is no mention"


def test_markdown_report_when_all_is_well_in_three_languages():
    assert markdown_report([], [], checked=31) == "### Bedankt voor je bijdrage! Alle 31 praktijken zijn in orde\n"
    assert markdown_report([], [], checked=1, lang="fr") == "### Merci pour votre contribution ! La pratique est en ordre\n"
    assert markdown_report([], [WARN], checked=2, lang="en").startswith(
        "### Thank you for your contribution! All 2 practices are fine\n\n#### 1 warning (it does not stop the build)\n")


def test_check_command_in_github_format_annotates_the_broken_line(tmp_path):
    record = tmp_path / "kapot.yaml"
    text = (ROOT / "data" / "praktijken" / "gent-ankerkracht.yaml").read_text(encoding="utf-8")
    record.write_text(text.replace("slug: gent-ankerkracht", "slug: kapot").replace("thema: [welzijn]", "thema: [welzijnn]"),
                      encoding="utf-8")
    line = next(n for n, content in enumerate(record.read_text(encoding="utf-8").splitlines(), 1) if "welzijnn" in content)
    result = run_check("--formaat", "github", str(record))
    assert result.returncode == 1
    assert f"::error file={record.as_posix()},line={line},col=" in result.stdout
    assert "title=thema[0]::onbekende waarde 'welzijnn' (bedoel je 'welzijn'?" in result.stdout
    markdown = run_check("--formaat", "markdown", "--taal", "en", str(record))
    assert markdown.returncode == 1 and markdown.stdout.startswith("### Thank you for your contribution! The check still found 1 problem")
    assert f"- line {line}, thema\\[0\\]: unknown value 'welzijnn'" in markdown.stdout
