"""The log format: one line per message, whatever a request carried."""

from __future__ import annotations

import io
import logging

from bot.logs import FORMAT, MAX_MESSAGE_CHARS, OneLineFormatter


def _logged(message: str, *args: object) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter(FORMAT))
    logger = logging.getLogger("test-one-line")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.warning(message, *args)
    return stream.getvalue()


def test_a_newline_in_a_logged_value_cannot_forge_a_second_line() -> None:
    forged = "U1\n2026-01-01 00:00:00,000 ERROR bot forged\r\x1b[2J"
    written = _logged("could not store a reply from %s", forged)
    assert written.count("\n") == 1 and written.endswith("\n")
    assert "\\n2026-01-01" in written and "\\x1b" in written


def test_a_long_message_is_clipped() -> None:
    written = _logged("%s", "x" * (MAX_MESSAGE_CHARS * 3))
    assert len(written) < MAX_MESSAGE_CHARS + 200


def test_a_traceback_still_follows_its_message() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter(FORMAT))
    logger = logging.getLogger("test-one-line-exc")
    logger.handlers[:] = [handler]
    logger.propagate = False
    try:
        raise ValueError("boom")
    except ValueError:
        logger.exception("failed")
    assert "Traceback" in stream.getvalue() and "ValueError: boom" in stream.getvalue()
