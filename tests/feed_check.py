"""Runs the vendored W3C feed validator on one feed file and prints its findings as JSON lines.

Run as a separate process (see tests/validators/feedvalidator-43dabeb2/README.md):
    python tests/feed_check.py <feed file> <public address of the feed>
Each line: {"type": <event class>, "level": "error"|"warning"|"info", "line": n, "column": n, "message": …}.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

VALIDATOR = Path(__file__).parent / "validators" / "feedvalidator-43dabeb2"


def main(feed: Path, address: str) -> None:
    sys.path.insert(0, str(VALIDATOR))
    import feedvalidator
    from feedvalidator import compatibility, logging
    from feedvalidator.formatter.text_plain import Formatter

    with feed.open("rb") as stream:
        events = feedvalidator.validateStream(stream, firstOccurrenceOnly=1, base=address)["loggedEvents"]
    for event in compatibility.AA(events):
        level = "error" if isinstance(event, logging.Error) else "warning" if isinstance(event, logging.Warning) else "info"
        print(json.dumps({"type": type(event).__name__, "level": level, "line": event.params.get("line"),
                          "column": event.params.get("column"), "message": Formatter([event])[0]}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
