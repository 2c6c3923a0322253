"""The server's log format: one record, one line, whatever a request carried.

Messages are formatted by the code that logs them and never include request bodies or
user text; as a second guard, control characters in a message (a raw newline from a
header or an id) are escaped, so nobody can forge a log line, and a message is clipped.
"""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
MAX_MESSAGE_CHARS = 2000
_CONTROL = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F]} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
    0x85: "\\x85",
}


def one_line(text: str) -> str:
    """``text`` with control characters escaped and clipped to :data:`MAX_MESSAGE_CHARS`."""
    clean = text.translate(_CONTROL)
    return clean if len(clean) <= MAX_MESSAGE_CHARS else clean[:MAX_MESSAGE_CHARS] + "…"


class OneLineFormatter(logging.Formatter):
    """A formatter whose message part is always one line (tracebacks follow as usual)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = one_line(record.message)
        return super().formatMessage(record)


def configure(level: int = logging.INFO) -> None:
    """Log to stderr in :data:`FORMAT`, one line per message; quiet the libraries that
    would log payloads (Bolt logs a request it cannot route with its body)."""
    handler = logging.StreamHandler()
    handler.setFormatter(OneLineFormatter(FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("slack_bolt", "slack_sdk", "sqlalchemy", "uvicorn.access", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error", "gunicorn.error"):
        logger = logging.getLogger(name)
        for existing in logger.handlers:
            existing.setFormatter(OneLineFormatter(FORMAT))
