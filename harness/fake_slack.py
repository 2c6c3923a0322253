"""A fake Slack Web API on loopback that records every call and can be told to fail.

Modelled on bolt-python's ``tests/mock_web_api_server``: a threaded ``http.server`` that
answers the methods the app uses, with ``ok: true`` for any other method. Point the app at
``fake.base_url`` (``SLACK_API_URL``). It keeps the bot's threads as the bot left them:
``conversations.replies`` shows its posts and file shares there, less those it deleted
(``chat.delete``, ``files.delete``).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from slack_sdk import WebClient

from bot.settings import load_settings
from bot.slackkit.client import make_client
from harness.fake_files import HostedFile, HostedFiles

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T1"


_T = TypeVar("_T")


@dataclass(frozen=True)
class Call:
    """One request the app made: the API method and its arguments (form or JSON)."""

    method: str
    args: dict[str, Any]
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)

    @property
    def ts(self) -> str:
        """The ts of the message this call posted (chat.postMessage)."""
        return str(self.response.get("ts", ""))

    def text(self) -> str:
        """Everything a user would read: the text and the blocks, as JSON."""
        return json.dumps(
            {"text": self.args.get("text"), "blocks": self.args.get("blocks")}, ensure_ascii=False
        )


@dataclass(frozen=True)
class SharedFile:
    """A file shared through files upload v2 (getUploadURLExternal, the upload URL,
    completeUploadExternal): what was uploaded and where it was shared."""

    id: str
    filename: str
    title: str
    length: int
    """The length announced to files.getUploadURLExternal."""
    content: bytes
    channel: str | None
    thread_ts: str | None
    initial_comment: str | None
    ts: str = ""
    """The ts of the message that shares it."""

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")


@dataclass
class _Upload:
    filename: str
    length: int
    content: bytes | None = None


@dataclass
class _Failure:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


class FakeSlack:
    """Start with ``with FakeSlack() as fake:``; read ``fake.calls``; ``fail_next`` to fail."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._calls: list[Call] = []
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, list[float]] = {}
        self._ts = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._uploads: dict[str, _Upload] = {}
        self._shared: list[SharedFile] = []
        self._deleted: set[str] = set()
        """The ts of the bot's messages deleted (chat.delete) and ids of files (files.delete)."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        host, port = self._server.server_address[:2]
        self.hosted = HostedFiles(f"http://{host!s}:{port}")
        """Files users shared: files.info and their download (see harness/fake_files.py)."""

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/api/"

    def client(self) -> WebClient:
        """The bot's Web API client, built as the app builds it, pointed at this fake."""
        settings = load_settings(
            slack_bot_token="xoxb-test", slack_signing_secret="s", slack_api_url=self.base_url
        )
        return make_client(settings)

    def __enter__(self) -> FakeSlack:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- what the app did ---------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        where: Callable[[Call], bool] = lambda _c: True,
        timeout: float = 15.0,
    ) -> list[Call]:
        """Wait until ``count`` calls of ``method`` matching ``where`` were made; return them."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self._calls if c.method == method and where(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.args.get("text")) for c in self._calls]
                    raise AssertionError(f"waited for {count} x {method}; calls: {seen}")
                self._lock.wait(left)

    def files(self, channel: str | None = None) -> list[SharedFile]:
        """The files shared (upload completed), in order; ``channel`` to pick one channel."""
        with self._lock:
            return [f for f in self._shared if channel is None or f.channel == channel]

    def reset(self) -> None:
        """Forget the calls, the files and any failures still queued."""
        with self._lock:
            self._calls.clear()
            self._failures.clear()
            self._uploads.clear()
            self._shared.clear()
            self._deleted.clear()

    def in_thread(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        """The bot's messages still in a thread (its root included, if the bot's), oldest
        first, as conversations.replies shows them: posts, and messages sharing files."""
        with self._lock:
            posts: list[dict[str, Any]] = [
                {"ts": c.ts, "text": c.args.get("text"), "metadata": c.args.get("metadata")}
                for c in self._calls
                if c.method == "chat.postMessage"
                and c.response.get("ok")
                and c.args.get("channel") == channel
                and thread_ts in (c.ts, c.args.get("thread_ts"))
            ]
            shares: list[dict[str, Any]] = [
                {"ts": f.ts, "files": [{"id": f.id, "name": f.filename}]}
                for f in self._shared
                if f.channel == channel and f.thread_ts == thread_ts
            ]
            found = [
                {**m, "user": BOT_USER_ID, "bot_id": BOT_ID}
                for m in posts + shares
                if m["ts"] not in self._deleted
                and not any(f["id"] in self._deleted for f in m.get("files", []))
            ]
        return sorted(found, key=lambda m: float(m["ts"]))

    # --- telling it to fail -------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        times: int = 1,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with HTTP ``status`` (429, 500) or
        ``{"ok": false, "error": error}`` (``not_in_channel``)."""
        headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
        body: dict[str, Any] = {"ok": False, "error": error or f"http_{status}"}
        with self._lock:
            queue = self._failures.setdefault(method, [])
            queue.extend(_Failure(status, body, headers) for _ in range(times))

    def slow_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Record the next ``times`` calls of ``method`` at once but answer each ``seconds``
        later, as a busy Slack does: the message is in the channel before the bot knows
        its ts."""
        with self._lock:
            self._delays.setdefault(method, []).extend([seconds] * times)

    # --- the server ---------------------------------------------------------------------

    def _take_delay(self, method: str) -> float:
        return self._take(self._delays, method) or 0.0

    def _take_failure(self, method: str) -> _Failure | None:
        return self._take(self._failures, method)

    def _take(self, queues: dict[str, list[_T]], method: str) -> _T | None:
        """The next of what was queued for ``method`` (a failure, a delay), if any."""
        with self._lock:
            queue = queues.get(method)
            return queue.pop(0) if queue else None

    def _record(self, call: Call) -> None:
        with self._lock:
            self._calls.append(call)
            self._lock.notify_all()

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        channel = args.get("channel", "C1")
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team_id": TEAM_ID,
                "user": "advisor",
                "team": "Test",
                "url": "https://test.slack.com/",
            }
        if method == "chat.postMessage":
            message = {"text": args.get("text"), "ts": ts, "user": BOT_USER_ID, "bot_id": BOT_ID}
            return {"ok": True, "channel": channel, "ts": ts, "message": message}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.update":
            return {"ok": True, "channel": channel, "ts": args.get("ts"), "text": args.get("text")}
        if method == "files.getUploadURLExternal":
            return self._start_upload(args)
        if method == "files.completeUploadExternal":
            return self._complete_upload(args)
        if method == "chat.delete":
            return self._delete(str(args.get("ts")), {"ok": True, "channel": channel})
        if method == "files.delete":
            return self._delete(str(args.get("file")), {"ok": True}, missing="file_not_found")
        if method == "conversations.replies":
            return {"ok": True, "messages": self.in_thread(channel, str(args.get("ts")))}
        if method == "files.info":
            return self.hosted.info(args)
        if method == "views.open":
            return self._open_view(args)
        return {"ok": True}

    def _open_view(self, args: dict[str, Any]) -> dict[str, Any]:
        """A modal opened: its id, as Slack gives it; a missing trigger id is refused."""
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = args.get("view")
        view = json.loads(view) if isinstance(view, str) else dict(view or {})
        return {"ok": True, "view": {**view, "id": f"V{next(self._ts):08d}"}}

    def _delete(
        self, key: str, answer: dict[str, Any], missing: str = "message_not_found"
    ) -> dict[str, Any]:
        """Delete one of the bot's messages (by ts) or files (by id), once."""
        with self._lock:
            known = {c.ts for c in self._calls if c.method == "chat.postMessage"}
            known |= {f.ts for f in self._shared} | {f.id for f in self._shared}
            if key not in known or key in self._deleted:
                return {"ok": False, "error": missing}
            self._deleted.add(key)
        return {**answer, "ts": key} if missing == "message_not_found" else answer

    def _start_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._file_ids)}"
        upload = _Upload(str(args.get("filename", "")), int(args.get("length", 0)))
        with self._lock:
            self._uploads[file_id] = upload
        host, port = self._server.server_address[:2]
        return {
            "ok": True,
            "file_id": file_id,
            "upload_url": f"http://{host!s}:{port}/upload/{file_id}",
        }

    def _receive_upload(self, file_id: str, content: bytes) -> bool:
        """The bytes sent to a file's upload URL; False for a URL never handed out."""
        with self._lock:
            upload = self._uploads.get(file_id)
            if upload is None:
                return False
            upload.content = content
            return True

    def _complete_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        """Share every file listed whose bytes arrived; refused if one has not."""
        listed = args.get("files")
        files = json.loads(listed) if isinstance(listed, str) else listed
        done = []
        with self._lock:
            for item in files or []:
                upload = self._uploads.get(str(item.get("id")))
                if upload is None or upload.content is None:
                    return {"ok": False, "error": "file_not_found"}
                done.append((str(item["id"]), str(item.get("title") or upload.filename), upload))
            for file_id, title, upload in done:
                del self._uploads[file_id]
                assert upload.content is not None
                self._shared.append(
                    SharedFile(
                        id=file_id,
                        filename=upload.filename,
                        title=title,
                        length=upload.length,
                        content=upload.content,
                        channel=args.get("channel_id"),
                        thread_ts=args.get("thread_ts"),
                        initial_comment=args.get("initial_comment"),
                        ts=f"1700000000.{next(self._ts):06d}",
                    )
                )
        shared = [{"id": i, "title": t, "name": u.filename} for i, t, u in done]
        return {"ok": True, "files": shared}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if self.path.startswith("/upload/"):
                    known = fake._receive_upload(self.path.removeprefix("/upload/"), raw)
                    content = raw.decode("utf-8", errors="replace")
                    fake._record(Call("upload", {"path": self.path, "content": content}))
                    status, body = (200, f"OK - {len(raw)}") if known else (404, "Not Found")
                    self._send(status, body.encode(), "text/plain", {})
                    return
                method = self.path.split("?")[0].removeprefix("/api/")
                self._call(method, _parse(raw, self.headers.get("Content-Type", "")))

            def do_GET(self) -> None:
                """Web API reads sent as GET (users.info, conversations.history, ...), and
                downloads of shared files."""
                if self.path.startswith("/files-pri/"):
                    self._download()
                    return
                path, _, query = self.path.partition("?")
                self._call(path.removeprefix("/api/"), dict(parse_qsl(query)))

            def _call(self, method: str, args: dict[str, Any]) -> None:
                """Answer a Web API call (or fail it, as told), and record it."""
                failure = fake._take_failure(method)
                if failure is not None:
                    fake._record(Call(method, args, failure.status, failure.body))
                    body = json.dumps(failure.body).encode()
                    self._send(failure.status, body, "application/json", failure.headers)
                    return
                answer = fake._answer(method, args)
                fake._record(Call(method, args, 200, answer))
                time.sleep(fake._take_delay(method))
                self._send(200, json.dumps(answer).encode(), "application/json", {})

            def _download(self) -> None:
                """A shared file's bytes, for the bot's token only (Slack serves a login page
                otherwise); ``fail_next("download")`` fails it."""
                auth = self.headers.get("Authorization", "")
                fake._record(Call("download", {"path": self.path, "authorization": auth}))
                failure = fake._take_failure("download")
                found = fake.hosted.at(self.path)
                if failure is not None or found is None or not auth.startswith("Bearer xoxb-"):
                    status = failure.status if failure else 404 if found is None else 302
                    self._send(status, b"no", "text/plain", {"Location": "/login"})
                    return
                if found.chunked:
                    self._send_chunked(found)
                    return
                self._send(200, found.content, "application/octet-stream", {})

            def _send_chunked(self, found: HostedFile) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for chunk in found.chunks():
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                except OSError:
                    self.close_connection = True  # the bot stopped reading: as it should

            def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str]) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    text = raw.decode("utf-8")
    if "json" in content_type:
        parsed = json.loads(text or "{}")
        return parsed if isinstance(parsed, dict) else {}
    args: dict[str, Any] = dict(parse_qsl(text))
    for key in ("blocks", "metadata", "attachments", "view"):
        if isinstance(args.get(key), str):
            with contextlib.suppress(ValueError):
                args[key] = json.loads(args[key])
    return args
