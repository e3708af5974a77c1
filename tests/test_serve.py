"""`make serve` a second time: a plain message at once, no traceback, no build first."""
from __future__ import annotations

import socket
import subprocess
import sys

from kennisbank.paths import ROOT


def test_a_second_serve_on_a_busy_port_says_what_to_do():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "kennisbank", "serve", "--port", str(port)],
                                capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert f"Poort {port} is al in gebruik" in result.stderr and f"make serve PORT={port + 1}" in result.stderr
    assert "Traceback" not in result.stderr and "praktijken," not in result.stdout  # nothing was built
