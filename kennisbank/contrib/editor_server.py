"""The web editor on a contributor's own computer: decap-server on this checkout, beside the built site.

Why: on the published site the editor saves through GitHub (a branch and a pull request). Locally
Decap CMS talks to decap-server (Decap's "local backend", npm package pinned in package-lock.json),
which reads and writes the records in this checkout's data/praktijken/ directly. Nothing is
committed or pushed: the contributor checks (`make check`), looks at the result, and commits as
usual. decap-server runs in its file mode (MODE=fs): its git mode would check out branches in the
working tree under the contributor's feet, and Decap's editorial workflow (drafts, review) is for
the GitHub side, where the pull request is the review.

`python -m kennisbank beheer` (`make beheer`) builds the site, starts decap-server and serves the
site; the tests start decap-server the same way on a throw-away copy (GIT_REPO_DIRECTORY).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from kennisbank.contrib import cms_config
from kennisbank.paths import ROOT
from kennisbank.records.problems import DataError

DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
# How long decap-server may take to listen: it starts in about a second on this machine.
START_TIMEOUT_S = 20


def decap_server_script(root: Path = ROOT) -> Path:
    script = root / DECAP_SERVER
    if not script.exists():
        raise DataError(f"decap-server ontbreekt ({script}): installeer de npm-pakketten met `npm ci` "
                        "(`make beheer` doet dat zelf).")
    if not shutil.which("node"):
        raise DataError("Node.js ontbreekt: decap-server draait op Node.js (Debian: apt-get install nodejs npm; "
                        "`make doctor` zegt wat er nog ontbreekt).")
    return script


def _listening(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex((host, port)) == 0


def start_proxy(repository: Path, port: int = cms_config.PROXY_PORT, host: str = "127.0.0.1",
                root: Path = ROOT, log=None) -> subprocess.Popen:
    """Start decap-server on `repository` (a checkout: it reads and writes its data/praktijken/),
    listening on host:port only; returns once it answers. Its messages go to `log` (an open file;
    default: this terminal). The caller stops it (terminate())."""
    script = decap_server_script(root)
    if _listening(host, port):
        raise DataError(f"Poort {port} is al in gebruik: draait decap-server al? Kies een andere: "
                        f"make beheer PROXY_PORT={port + 1}")
    env = dict(os.environ, GIT_REPO_DIRECTORY=str(repository.resolve()), PORT=str(port), BIND_HOST=host,
               MODE="fs", LOG_LEVEL=os.environ.get("LOG_LEVEL", "warn"))
    process = subprocess.Popen(["node", str(script)], env=env, cwd=str(repository),
                               stdout=log, stderr=subprocess.STDOUT if log else None)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _listening(host, port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise DataError(f"decap-server startte niet op {host}:{port} (zijn melding staat hierboven"
                            f"{' en in ' + log.name if log else ''}).")
        time.sleep(0.1)
    return process


def editor_url(host: str, port: int, proxy_port: int) -> str:
    """Where the contributor opens the editor; names the proxy's port when it is not the default."""
    query = "" if proxy_port == cms_config.PROXY_PORT else f"?poort={proxy_port}"
    return f"http://{host}:{port}/{cms_config.EDITOR_PATH}/{query}"
