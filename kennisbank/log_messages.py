"""A logging handler that keeps the messages of warnings and worse, for a step to report them itself.

Why: WeasyPrint (a PDF it cannot render as written) and MkDocs (each warning fails a strict build)
say what went wrong only through logging; the PDF tasks and the live preview's MkDocs processes
collect those messages to fail or report with them.
"""
from __future__ import annotations

import logging


class WarningMessages(logging.Handler):
    """The messages of every record at WARNING or above it handles, in order, in `messages`."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())
