"""A file shared in Slack, fetched from Slack itself: never from a URL someone typed.

The bot takes a file id from an event, asks ``files.info`` what the file is, and downloads
its ``url_private`` with the bot token, only from Slack's file host: ``files.slack.com``
for Slack's own API, or the API URL's own host when ``SLACK_API_URL`` points elsewhere (the
fake Slack in tests, a staging proxy). A redirect is not followed (the token would go
with it). What Slack declares is checked before anything is downloaded (its size, its
type); the download is refused on a ``Content-Length`` over the limit, stops as soon as
more than the limit has arrived, and has a timeout per read and a deadline in all.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.datacheck import MAX_FILE_BYTES, bounded
from bot.datacheck import wording as data_wording
from bot.slack import wording
from bot.slackkit.errors import slack_error

SLACK_API_HOST = "slack.com"
SLACK_FILE_HOST = "files.slack.com"
READ_TIMEOUT_SECONDS = 15.0
"""Connecting, and each read: a server that stops sending is given up after this."""
DOWNLOAD_SECONDS = 180.0
"""The whole download and check (50 MB checks in 4-20 s): a trickle is given up after this."""
DATA_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv", ".txt"})
TEXT_FILETYPES = frozenset({"text", "json", "csv", "jsonl"})
"""Slack's ``filetype`` of a file without a data suffix that may still hold rows."""


class FileRefused(Exception):
    """The file is not one the bot checks (too large, another type, not stored in Slack);
    the message says so, for the thread."""


class DownloadFailed(Exception):
    """Slack did not hand the file over (an API error, an HTTP error, a timeout); the
    message is for the log, the user reads :data:`bot.slack.wording.DATA_NOT_DOWNLOADED`."""


@dataclass(frozen=True)
class Share:
    """Where a file was shared: the message (``ts``) and the thread it replied in."""

    channel: str
    ts: str
    thread_ts: str | None


@dataclass(frozen=True)
class SlackFile:
    """What ``files.info`` says of a file."""

    id: str
    name: str
    size: int
    filetype: str
    url: str
    external: bool
    shares: tuple[Share, ...]

    @classmethod
    def from_info(cls, found: dict[str, Any]) -> SlackFile:
        shares = []
        for scope in ("public", "private"):
            for channel, entries in (found.get("shares") or {}).get(scope, {}).items():
                for entry in entries or []:
                    thread = entry.get("thread_ts")
                    shares.append(Share(channel, str(entry.get("ts", "")), thread and str(thread)))
        return cls(
            id=str(found.get("id", "")),
            name=PurePath(str(found.get("name") or found.get("title") or "upload")).name,
            size=int(found.get("size") or 0),
            filetype=str(found.get("filetype") or ""),
            url=str(found.get("url_private") or ""),
            external=bool(found.get("is_external")),
            shares=tuple(shares),
        )


def file_origin(api_url: str) -> tuple[str, str, int]:
    """The (scheme, host, port) files may be downloaded from, for an API base URL."""
    parts = urlsplit(api_url)
    scheme, host = parts.scheme, (parts.hostname or "").lower()
    if host == SLACK_API_HOST:
        return "https", SLACK_FILE_HOST, 443
    return scheme, host, parts.port or (443 if scheme == "https" else 80)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None  # urllib then raises the 3xx as an HTTPError


def _network_reads(response: Any, until: float) -> Callable[[int], bytes]:
    """Reads of the response, one network read each (``read1``: a trickle cannot hold a
    read past the deadline), given up past ``until``."""

    def read(size: int) -> bytes:
        if time.monotonic() > until:
            raise DownloadFailed("the download took too long")
        try:
            data: bytes = response.read1(size)
        except (OSError, http.client.HTTPException) as err:
            raise DownloadFailed(type(err).__name__) from None
        return data

    return read


class SlackFiles:
    """``files.info`` and downloads through the bot's client (its token and API URL)."""

    def __init__(
        self,
        client: WebClient,
        *,
        max_bytes: int = MAX_FILE_BYTES,
        timeout: float = READ_TIMEOUT_SECONDS,
        deadline: float = DOWNLOAD_SECONDS,
    ) -> None:
        self.client = client
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.deadline = deadline
        self.origin = file_origin(client.base_url)
        self._opener = urllib.request.build_opener(_NoRedirects)

    def info(self, file_id: str) -> SlackFile:
        """What Slack says of the file; :class:`DownloadFailed` if it will not say."""
        try:
            found = self.client.files_info(file=file_id)
        except SlackApiError as err:
            raise DownloadFailed(f"files.info: {slack_error(err)}") from err
        return SlackFile.from_info(dict(found.get("file") or {}))

    def refusal(self, file: SlackFile) -> str | None:
        """Why the file is not checked, from what Slack declares (None: it may be)."""
        if file.size > self.max_bytes:
            return _too_large(file.name, self.max_bytes)
        suffix = PurePath(file.name).suffix.lower()
        if suffix not in DATA_SUFFIXES and (suffix or file.filetype not in TEXT_FILETYPES):
            return data_wording.UNSUPPORTED_TYPE.format(name=file.name)
        if file.external or not self.allowed(file.url):
            return wording.DATA_NOT_IN_SLACK.format(name=file.name)
        return None

    def allowed(self, url: str) -> bool:
        """Whether ``url`` is on Slack's file host (see :func:`file_origin`)."""
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return False
        found = (parts.scheme, (parts.hostname or "").lower(), port)
        return found == self.origin and not parts.username and not parts.password

    @contextmanager
    def download(self, file: SlackFile) -> Iterator[BinaryIO]:
        """The file's bytes as a stream, refused (:class:`FileRefused`) or failed
        (:class:`DownloadFailed`) before a byte is read when it cannot be had. A read
        past the limit raises :class:`DataFileError`, as the data check's own limit does
        (the same reader: :func:`bot.datacheck.bounded`); one past the deadline, or one
        the network fails, :class:`DownloadFailed`."""
        refused = self.refusal(file)
        if refused is not None:
            raise FileRefused(refused)
        request = urllib.request.Request(
            file.url, headers={"Authorization": f"Bearer {self.client.token}"}
        )
        try:
            response = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as err:
            err.close()
            raise DownloadFailed(f"HTTP {err.code}") from None
        except (OSError, ValueError) as err:
            raise DownloadFailed(type(err).__name__) from None
        with response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FileRefused(_too_large(file.name, self.max_bytes))
            reads = _network_reads(response, time.monotonic() + self.deadline)
            yield bounded(reads, file.name, self.max_bytes)


def _too_large(name: str, limit: int) -> str:
    return data_wording.TOO_LARGE.format(name=name, limit_mb=limit / 2**20)
