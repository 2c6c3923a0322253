"""The gateway in front of Bolt, driven as an ASGI app: /healthz tells a load balancer whether
it can serve, and a request is checked before anything reads what it says."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.gateway import forms
from bot.gateway.asgi import Gateway
from bot.gateway.signature import expected_signature

SECRET = "s"


def _gateway(health: bool = True, seen: set[str] | None = None) -> tuple[Gateway, list[Any]]:
    dispatched: list[Any] = []

    def dispatch(request: BoltRequest) -> BoltResponse:
        dispatched.append(request.body)
        return BoltResponse(status=200, body="")

    def first_sighting(signature: str) -> bool:
        if seen is None:
            return True
        new = signature not in seen
        seen.add(signature)
        return new

    gateway = Gateway(
        signing_secret=SECRET,
        dispatch=dispatch,
        health=lambda: health,
        first_sighting=first_sighting,
    )
    return gateway, dispatched


def _call(
    app: Gateway, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    sent: list[dict[str, Any]] = []
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": b"",
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def _signed(body: bytes, content_type: str, stamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if stamp is None else stamp)
    return {
        "Content-Type": content_type,
        "Content-Length": str(len(body)),
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": expected_signature(SECRET, body, ts),
    }


def test_healthz_is_200_when_the_app_can_write() -> None:
    gateway, _ = _gateway(health=True)
    status, body = _call(gateway, "GET", "/healthz")
    assert (status, json.loads(body)) == (200, {"ok": True, "database": "ok"})


def test_healthz_is_503_when_it_cannot() -> None:
    gateway, _ = _gateway(health=False)
    status, body = _call(gateway, "GET", "/healthz")
    assert status == 503 and json.loads(body)["database"] == "unavailable"


def test_a_signed_command_reaches_bolt_as_its_fields() -> None:
    gateway, dispatched = _gateway()
    body = b"command=%2Fadvise&text=a+JSON+payload&user_id=U1&channel_id=C1"
    status, _ = _call(gateway, "POST", "/slack/events", body, _signed(body, forms.FORM))
    assert status == 200
    assert dispatched == [
        {"command": "/advise", "text": "a JSON payload", "user_id": "U1", "channel_id": "C1"}
    ]


def test_a_signed_click_reaches_bolt_as_its_payload() -> None:
    gateway, dispatched = _gateway()
    body = b"payload=%7B%22type%22%3A%22block_actions%22%7D"
    status, _ = _call(gateway, "POST", "/slack/events", body, _signed(body, forms.FORM))
    assert status == 200 and dispatched == [{"type": "block_actions"}]


def test_the_same_signed_request_twice_is_a_replay() -> None:
    gateway, dispatched = _gateway(seen=set())
    body = b'{"type":"event_callback"}'
    headers = _signed(body, "application/json")
    assert _call(gateway, "POST", "/slack/events", body, headers)[0] == 200
    assert _call(gateway, "POST", "/slack/events", body, headers)[0] == 401
    assert len(dispatched) == 1


def test_a_signed_body_that_is_not_json_is_a_400_and_reaches_nobody() -> None:
    gateway, dispatched = _gateway()
    body = b"[1, 2]"
    status, _ = _call(gateway, "POST", "/slack/events", body, _signed(body, "application/json"))
    assert status == 400 and dispatched == []


def test_unknown_paths_are_404() -> None:
    gateway, _ = _gateway()
    assert _call(gateway, "GET", "/admin")[0] == 404
    assert _call(gateway, "GET", "/slack/events")[0] == 405
