"""`python -m kennisbank doctor`: does this machine have what the build and the tests load?

Why by what the code needs and not by package names: a package list in the Makefile said
nothing about libharfbuzz-subset0, which WeasyPrint looks for at run time, and the build failed
on a fresh Debian machine while every listed package was installed. Here each check asks the
program itself (WeasyPrint's own library loader, the font files the PDFs embed, Chromium
starting headless, `java` and `node` answering), and a failed check names the one
`apt-get install` line that fixes it. The Makefile installs exactly those packages when it runs
as root (`--packages`), then runs the checks again.

Three scopes: `node` (Node.js and npm, which install the web editor's files that every build copies),
`site` (what `make site` needs: that and the PDFs) and `test` (that, plus the browser tests'
Chromium and the HTML checker's Java).
"""
from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# WeasyPrint subsets fonts with HarfBuzz from this version on; older or missing means fontTools,
# a warning on every document (which fails our strict build) and a nine times slower fiche batch.
HARFBUZZ_SUBSET_MINIMUM = (4, 1, 0)
PANGO_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0")
HARFBUZZ_SUBSET_PACKAGE = "libharfbuzz-subset0"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Without the networking ones Chromium tries to reach Google's services at start-up, and this machine
# has no network. --no-sandbox: the tests run as root (CI, the fresh root). --disable-dev-shm-usage:
# a container's /dev/shm is 64 MB, too small for Chromium's shared memory.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage"]
# A cold Chromium start on a loaded two-core machine takes a few seconds; a minute means it hangs.
START_TIMEOUT_SECONDS = 60


@dataclass
class Finding:
    what: str
    ok: bool
    detail: str = ""
    packages: tuple[str, ...] = ()  # the Debian packages that fix it

    def line(self) -> str:
        mark = "ok  " if self.ok else "FOUT"
        text = f"[{mark}] {self.what}" + (f": {self.detail}" if self.detail else "")
        if not self.ok and self.packages:
            text += f"\n       oplossing: sudo apt-get install {' '.join(self.packages)}"
        return text


def check_weasyprint() -> list[Finding]:
    try:
        # WeasyPrint prints a banner to stdout when a library is missing; our report says it better,
        # and `--packages` must print package names only.
        with contextlib.redirect_stdout(io.StringIO()):
            from weasyprint.text import ffi
    except OSError as error:  # Pango (or a library it loads) is missing
        return [Finding("WeasyPrint vindt Pango", False, str(error).splitlines()[0], PANGO_PACKAGES),
                Finding("WeasyPrint vindt HarfBuzz subset", False, "niet te controleren zonder Pango",
                        (HARFBUZZ_SUBSET_PACKAGE,))]
    version = ffi.pango.pango_version()  # major * 10000 + minor * 100 + micro
    findings = [Finding("WeasyPrint vindt Pango", True, f"Pango {version // 10000}.{version // 100 % 100}.{version % 100}")]
    subset_ok = ffi.harfbuzz_subset is not None and ffi.harfbuzz.hb_version_atleast(*HARFBUZZ_SUBSET_MINIMUM)
    minimum = ".".join(map(str, HARFBUZZ_SUBSET_MINIMUM))
    findings.append(Finding("WeasyPrint vindt HarfBuzz subset", subset_ok,
                            f">= {minimum}" if subset_ok else f"ontbreekt of ouder dan {minimum}: lettertypen worden traag en met "
                            "waarschuwingen gesubset", (HARFBUZZ_SUBSET_PACKAGE,)))
    return findings


def font_package(filename: str) -> str:
    return "fonts-noto-mono" if "Mono" in filename else "fonts-noto-core"


def check_fonts() -> list[Finding]:
    from kennisbank.print.pdf import FONT_DIRS, FONT_FILES

    missing = [name for name in FONT_FILES.values() if not any((folder / name).is_file() for folder in FONT_DIRS)]
    return [Finding("Noto-lettertypen voor de PDF's", not missing,
                    f"ontbreken: {', '.join(missing)}" if missing else f"{len(FONT_FILES)} bestanden",
                    tuple(sorted({font_package(name) for name in missing})))]


def _runs(command: list[str]) -> tuple[bool, str]:
    if not shutil.which(command[0]) and not Path(command[0]).is_file():
        return False, "niet gevonden"
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, str(error)
    output = (result.stdout + result.stderr).strip().splitlines()
    return result.returncode == 0, output[0] if output else f"exit {result.returncode}"


def check_chromium() -> list[Finding]:
    ok, detail = _runs([str(CHROMIUM), "--headless", *CHROMIUM_ARGS, "--user-data-dir=/tmp/kennisbank-doctor-chromium",
                        "--dump-dom", "about:blank"])
    return [Finding(f"Chromium start headless ({CHROMIUM})", ok, "" if ok else detail, ("chromium",))]


def check_java() -> list[Finding]:
    ok, detail = _runs(["java", "-version"])
    return [Finding("Java (Nu Html Checker)", ok, detail, ("default-jre-headless",))]


def check_node() -> list[Finding]:
    """Node.js and npm: `npm ci` installs the web editor's files (copied into every build under
    /beheer/) and the test tools; decap-server and axe-core run on Node.js."""
    findings = []
    for what, command, package in (("Node.js (webeditor, axe-core)", ["node", "--version"], "nodejs"),
                                   ("npm (webeditor en testhulpmiddelen installeren)", ["npm", "--version"], "npm")):
        ok, detail = _runs(command)
        findings.append(Finding(what, ok, detail, (package,)))
    return findings


SCOPES: dict[str, tuple[Callable[[], list[Finding]], ...]] = {
    "node": (check_node,),
    "site": (check_weasyprint, check_fonts, check_node),
    "test": (check_weasyprint, check_fonts, check_chromium, check_java, check_node),
}


def findings(scope: str) -> list[Finding]:
    return [finding for check in SCOPES[scope] for finding in check()]


def missing_packages(results: list[Finding]) -> list[str]:
    return sorted({package for finding in results if not finding.ok for package in finding.packages})


def report(results: list[Finding]) -> str:
    lines = [finding.line() for finding in results]
    packages = missing_packages(results)
    if packages:
        lines.append(f"\nAlles in één keer: sudo apt-get install {' '.join(packages)}"
                     "\n(of voer make als root uit: dan installeert de Makefile ze zelf).")
    else:
        lines.append("Alles aanwezig.")
    return "\n".join(lines)
