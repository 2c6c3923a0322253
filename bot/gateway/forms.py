"""Reading a verified request body as Slack means it.

Slack sends slash commands as a form of fields (``command``, ``text``, ...) and button
clicks as a form with a single ``payload`` field holding JSON; events come as JSON. Bolt
1.30 decides between the two forms by looking for the *substring* ``payload`` anywhere in
the body, so ``/advise ... returns a JSON payload`` was read as a click and dropped. Here
the decision is made on the parsed fields.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

FORM = "application/x-www-form-urlencoded"
MAX_FIELDS = 100


class Malformed(Exception):
    """The body is not what its content type says; the message is safe to log."""


def parse(body: bytes, content_type: str) -> dict[str, Any]:
    """The request as a dict: the JSON object, the click's payload, or the form's fields."""
    media = content_type.split(";", 1)[0].strip().lower()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("body is not UTF-8") from None
    if media == FORM:
        return _form(text)
    if media == "application/json" or text.lstrip().startswith("{"):
        return _json_object(text)
    raise Malformed("unsupported content type")


def _form(text: str) -> dict[str, Any]:
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        raise Malformed("too many form fields") from None
    fields = dict(pairs)
    if "payload" in fields and "command" not in fields:
        return _json_object(fields["payload"])
    return fields


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        raise Malformed("body is not JSON") from None
    if not isinstance(value, dict):
        raise Malformed("body is not a JSON object")
    return value
