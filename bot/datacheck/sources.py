"""Where rows come from: the file's type (JSONL, a JSON list or CSV) and a byte stream that
refuses to read past a size limit."""

from __future__ import annotations

import io
from collections.abc import Callable
from enum import StrEnum
from pathlib import PurePath

from bot.datacheck.wording import wording
from bot.errors import DataFileError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest file a shared upload may be (the Slack side refuses larger ones)."""

SNIFF_BYTES = 4096
BOM = b"\xef\xbb\xbf"


class FileType(StrEnum):
    JSONL = "jsonl"
    JSON = "json"
    CSV = "csv"


SUFFIXES = {".jsonl": FileType.JSONL, ".ndjson": FileType.JSONL, ".csv": FileType.CSV}


def detect_type(name: str, head: bytes) -> FileType:
    """The file type from its name and first bytes; raises :class:`DataFileError` for a
    binary file or one that is none of the three.

    ``.json`` holding objects one a line (JSONL saved as .json) is read as JSONL; a file
    without a known suffix is read by its first character (``[`` or ``{``).
    """
    if b"\x00" in head:
        raise DataFileError(wording.NOT_TEXT.format(name=name))
    first = head.removeprefix(BOM).lstrip()[:1]
    suffix = PurePath(name).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if first == b"[":
        return FileType.JSON
    if first == b"{":
        return FileType.JSONL
    raise DataFileError(wording.UNSUPPORTED_TYPE.format(name=name))


class _Limited(io.RawIOBase):
    """A raw stream over ``read`` (a function that returns up to so many bytes, ``b""`` at
    the end) that raises :class:`DataFileError` once more than ``limit`` bytes have been
    read (``None``: no limit)."""

    def __init__(self, read: Callable[[int], bytes], name: str, limit: int | None) -> None:
        self.read_some = read
        self.name_shown = name
        self.limit = limit
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read_some(len(buffer))
        if not data:
            return 0
        self.read_so_far += len(data)
        if self.limit is not None and self.read_so_far > self.limit:
            raise DataFileError(
                wording.TOO_LARGE.format(name=self.name_shown, limit_mb=self.limit / 2**20)
            )
        buffer[: len(data)] = data
        return len(data)


def bounded(read: Callable[[int], bytes], name: str, limit: int | None) -> io.BufferedReader:
    """A buffered reader over ``read`` (``stream.read``, or a network read with a deadline)
    that stops with a clear error past ``limit`` bytes."""
    return io.BufferedReader(_Limited(read, name, limit), buffer_size=64 * 1024)


def sniff(reader: io.BufferedReader) -> bytes:
    """The first bytes of the stream, without consuming them."""
    return reader.peek(SNIFF_BYTES)[:SNIFF_BYTES]
