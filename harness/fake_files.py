"""Files a user shared, as the fake Slack holds them: ``files.info`` and the download of
``url_private`` on the fake's own loopback host (the bot's token required, as Slack does).

A test hosts a file with :meth:`HostedFiles.host` (its bytes, the thread it was shared in,
and what Slack would declare: size, type), then sends the bot the ``file_share`` message
or ``file_shared`` event that names its id.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

FILETYPES = {".jsonl": "text", ".json": "json", ".csv": "csv", ".txt": "text", ".png": "png"}
MIMETYPES = {"json": "application/json", "csv": "text/csv", "png": "image/png"}


@dataclass(frozen=True)
class HostedFile:
    id: str
    name: str
    content: bytes
    channel: str
    ts: str
    """The ts of the message that shared it."""
    thread_ts: str | None
    user: str
    size: int
    """What files.info declares (the real length unless a test says otherwise)."""
    filetype: str
    url: str
    """``url_private``: on the fake's host unless a test names another."""
    chunked: bool
    """Sent without a Content-Length, in chunks (the length is known only by reading)."""

    def info(self) -> dict[str, Any]:
        """The ``file`` object of files.info."""
        share: dict[str, Any] = {"ts": self.ts, "channel_name": "general", "team_id": "T1"}
        if self.thread_ts:
            share["thread_ts"] = self.thread_ts
        return {
            "id": self.id,
            "name": self.name,
            "title": self.name,
            "user": self.user,
            "size": self.size,
            "filetype": self.filetype,
            "mimetype": MIMETYPES.get(self.filetype, "text/plain"),
            "mode": "hosted",
            "is_external": False,
            "url_private": self.url,
            "url_private_download": self.url + "?download=1",
            "shares": {"public": {self.channel: [share]}},
        }

    def chunks(self, size: int = 64 * 1024) -> Iterator[bytes]:
        for start in range(0, len(self.content), size):
            yield self.content[start : start + size]


class HostedFiles:
    """The files a fake Slack serves; thread-safe."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self._lock = threading.Lock()
        self._files: dict[str, HostedFile] = {}
        self._ids = itertools.count(1)

    def host(
        self,
        name: str,
        content: bytes,
        *,
        channel: str,
        ts: str,
        thread_ts: str | None,
        user: str = "U1",
        size: int | None = None,
        filetype: str | None = None,
        url: str | None = None,
        chunked: bool = False,
    ) -> HostedFile:
        file_id = f"FSHARED{next(self._ids)}"
        hosted = HostedFile(
            id=file_id,
            name=name,
            content=content,
            channel=channel,
            ts=ts,
            thread_ts=thread_ts,
            user=user,
            size=len(content) if size is None else size,
            filetype=filetype or FILETYPES.get(PurePath(name).suffix.lower(), "binary"),
            url=url or f"{self.base}/files-pri/T1-{file_id}/{name}",
            chunked=chunked,
        )
        with self._lock:
            self._files[file_id] = hosted
        return hosted

    def info(self, args: dict[str, Any]) -> dict[str, Any]:
        """The answer to files.info."""
        with self._lock:
            found = self._files.get(str(args.get("file", "")))
        if found is None:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": found.info()}

    def at(self, path: str) -> HostedFile | None:
        """The file whose ``url_private`` (or its download form) is ``path`` on the fake."""
        path = path.partition("?")[0]
        with self._lock:
            return next(
                (f for f in self._files.values() if f.url.removeprefix(self.base) == path), None
            )
