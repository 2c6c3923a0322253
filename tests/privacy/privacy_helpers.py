"""What the privacy tests share: words a user would not want kept, waiting for the bot,
and reading what it said privately and what is left of its thread."""

from __future__ import annotations

import time
from collections.abc import Callable

from harness import Call, FakeSlack

SECRET = "Project Nightingale"
"""Words a user typed that must leave the store: never in the bot's own wording."""


def wait_until(condition: Callable[[], object], timeout: float = 20.0) -> None:
    """Wait until ``condition()`` holds (the bot works off the request path)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {condition}")
        time.sleep(0.05)


def told(fake: FakeSlack, user: str, text: str, timeout: float = 15.0) -> Call:
    """The private message ``user`` was shown that reads ``text``."""
    return fake.wait_for(
        "chat.postEphemeral",
        where=lambda c: c.args.get("user") == user and c.args.get("text") == text,
        timeout=timeout,
    )[0]
