"""The ASGI app served by ``advisor serve``: ``GET /healthz`` and ``POST /slack/events``.

Reading a request happens on the event loop, so a client that trickles its body holds a
coroutine and a socket, never a thread: ``/healthz`` and other requests keep being
answered. Blocking work (the database, Bolt's dispatch) runs on a thread pool, only for
requests that passed every check below, in this order:

1. a ``Content-Length`` is required (411) and at most :data:`MAX_BODY_BYTES` (413),
   refused before a byte of the body is read;
2. the body must arrive within :data:`BODY_SECONDS` (408);
3. the Slack signature is checked on the raw bytes (401; a malformed timestamp too);
4. the body is parsed (400 if it is not what it claims);
5. a command or click whose signature was already seen is a replay (401); an event is
   exempt, as Slack re-delivers events and the app handles each ``event_id`` once;
6. Bolt gets the parsed body, as JSON.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse

from bot.gateway import forms
from bot.gateway.signature import Unverified, verify

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1024 * 1024
BODY_SECONDS = 10.0
HEALTH_SECONDS = 5.0
DISPATCH_THREADS = 32

log = logging.getLogger(__name__)


class Refusal(Exception):
    """A request answered with ``status`` and a short reason (logged, never its body)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class Busy(Exception):
    """The database did not take the signature: answer at once, do nothing."""


class Gateway:
    """The ASGI app: checks a request, then hands it to ``dispatch`` (Bolt) on a thread.

    ``health`` proves the app can serve (a database write); ``first_sighting(signature)``
    records a signature and says whether it is new (when it cannot, the database is not
    taking writes: the request is answered 200 with ``busy_answer``, which Slack shows the
    user of a slash command, rather than left to miss Slack's 3 seconds);
    ``on_start``/``on_stop`` run at the ASGI lifespan's start and end (in the worker,
    after gunicorn forked it)."""

    def __init__(
        self,
        *,
        signing_secret: str,
        dispatch: Callable[[BoltRequest], BoltResponse],
        health: Callable[[], bool],
        first_sighting: Callable[[str], bool] | None = None,
        busy_answer: str = "",
        on_start: Callable[[], object] | None = None,
        on_stop: Callable[[], object] | None = None,
        threads: int = DISPATCH_THREADS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.secret = signing_secret
        self.dispatch = dispatch
        self.health = health
        self.first_sighting = first_sighting
        self.busy_answer = busy_answer
        self.on_start = on_start
        self.on_stop = on_stop
        self.clock = clock
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="dispatch")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path, method = scope.get("path", ""), scope.get("method", "")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            await self._health(send)
        elif path == EVENTS_PATH and method == "POST":
            await self._events(scope, receive, send)
        elif path in (HEALTH_PATH, EVENTS_PATH):
            await _answer(send, 405, b"method not allowed")
        else:
            await _answer(send, 404, b"not found")

    # --- the routes ---------------------------------------------------------------------

    async def _health(self, send: Send) -> None:
        loop = asyncio.get_running_loop()
        try:
            ready = await asyncio.wait_for(
                loop.run_in_executor(self.pool, self.health), HEALTH_SECONDS
            )
        except Exception as err:
            log.warning("health check failed: %s", type(err).__name__)
            ready = False
        body = json.dumps({"ok": ready, "database": "ok" if ready else "unavailable"}).encode()
        await _answer(send, 200 if ready else 503, body, "application/json")

    async def _events(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = _headers(scope)
        try:
            body = await _read_bounded(headers, receive)
            verify(
                self.secret,
                body,
                headers.get("x-slack-request-timestamp"),
                headers.get("x-slack-signature"),
                self.clock(),
            )
            parsed = forms.parse(body, headers.get("content-type", ""))
        except Unverified as err:
            log.warning("refused a request: %s", err.reason)
            await _answer(send, 401, b"invalid request signature")
            return
        except Refusal as err:
            log.warning("refused a request: %s", err.reason)
            await _answer(send, err.status, err.reason.encode())
            return
        except forms.Malformed as err:
            log.warning("refused a signed request: %s", err)
            await _answer(send, 400, b"malformed body")
            return
        request = BoltRequest(
            body=json.dumps(parsed),
            query=scope.get("query_string", b"").decode("latin-1"),
            headers={**headers, "content-type": "application/json"},
        )
        # Events are exempt from the replay check: Slack re-delivers them, and each
        # event_id is handled once by the app.
        signature = None if "event_id" in parsed else headers["x-slack-signature"]
        loop = asyncio.get_running_loop()
        try:
            response = await loop.run_in_executor(self.pool, self._handle, signature, request)
        except Refusal as err:
            log.warning("refused a request: %s", err.reason)
            await _answer(send, err.status, err.reason.encode())
            return
        except Busy as err:
            log.warning("could not check a request for replay: %s", err)
            await _answer(send, 200, self.busy_answer.encode())
            return
        except Exception:
            log.exception("dispatch failed")
            await _answer(send, 500, b"")
            return
        await _answer(
            send,
            response.status,
            response.body.encode() if isinstance(response.body, str) else bytes(response.body),
            response.headers.get("content-type", ["text/plain;charset=utf-8"])[0],
        )

    def _handle(self, signature: str | None, request: BoltRequest) -> BoltResponse:
        """On a pool thread: refuse a replay of ``signature`` (None: no check), then Bolt."""
        if signature is not None and self.first_sighting is not None:
            try:
                new = self.first_sighting(signature)
            except Exception as err:
                raise Busy(type(err).__name__) from None
            if not new:
                raise Refusal(401, "replayed request")
        return self.dispatch(request)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        loop = asyncio.get_running_loop()
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    if self.on_start is not None:
                        await loop.run_in_executor(self.pool, self.on_start)
                except Exception:
                    log.exception("start-up failed")
                    await send({"type": "lifespan.startup.failed", "message": "see the log"})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.on_stop is not None:
                    await loop.run_in_executor(self.pool, self.on_stop)
                self.pool.shutdown(wait=False)
                await send({"type": "lifespan.shutdown.complete"})
                return


def _headers(scope: Scope) -> dict[str, str]:
    """Lower-cased header names; the last value of a repeated header."""
    return {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in scope.get("headers", [])
    }


async def _read_bounded(headers: dict[str, str], receive: Receive) -> bytes:
    """The body, or a :class:`Refusal` before reading it if its length is missing or too big."""
    if "transfer-encoding" in headers or "content-length" not in headers:
        raise Refusal(411, "length required")
    declared = headers["content-length"].strip()
    if not declared.isdigit() or not declared.isascii():
        raise Refusal(400, "malformed content-length")
    length = int(declared)
    if length > MAX_BODY_BYTES:
        raise Refusal(413, "body too large")
    try:
        return await asyncio.wait_for(_read(receive, length), BODY_SECONDS)
    except TimeoutError:
        raise Refusal(408, "body too slow") from None


async def _read(receive: Receive, length: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise Refusal(400, "client went away")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > length:
            raise Refusal(400, "body longer than its content-length")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _answer(
    send: Send, status: int, body: bytes, content_type: str = "text/plain;charset=utf-8"
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type.encode("latin-1")),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
