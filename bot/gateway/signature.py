"""Slack's request signature (v0: HMAC-SHA256 of ``v0:{timestamp}:{body}``), checked on the
raw bytes, with every malformed header refused rather than crashing the check."""

from __future__ import annotations

import hashlib
import hmac
import re

MAX_AGE_SECONDS = 300
"""Slack's own rule: a request older (or newer) than five minutes is refused."""

_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class Unverified(Exception):
    """The request is not from Slack; ``reason`` is a fixed phrase, safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def verify(
    secret: str, body: bytes, timestamp: str | None, signature: str | None, now: float
) -> None:
    """Return if Slack signed ``body`` at ``timestamp`` (within five minutes of ``now``);
    raise :class:`Unverified` otherwise, whatever the headers hold."""
    if timestamp is None or not _TIMESTAMP.fullmatch(timestamp):
        raise Unverified("malformed or missing timestamp")
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        raise Unverified("timestamp outside five minutes")
    if signature is None or not _SIGNATURE.fullmatch(signature):
        raise Unverified("malformed or missing signature")
    expected = expected_signature(secret, body, timestamp)
    if not hmac.compare_digest(expected, signature):
        raise Unverified("signature mismatch")


def expected_signature(secret: str, body: bytes, timestamp: str) -> str:
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
