"""Rows, one at a time, from JSONL, a JSON list or CSV, each with the line it starts on.

Every reader streams: it holds one row (at most :data:`MAX_ROW_BYTES`) and a read buffer,
never the file. A row that cannot be parsed comes out as a :class:`RawRow` with an error;
a JSON list that breaks in the middle cannot be resynchronised, so its reader ends with a
``fatal`` row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.datacheck.sources import BOM, FileType
from bot.datacheck.wording import wording

MAX_ROW_BYTES = 1024 * 1024
"""A longer row is reported as invalid (and skipped) rather than read."""

CHUNK_CHARS = 64 * 1024


@dataclass(frozen=True, slots=True)
class RawRow:
    """A parsed row (``value``) or a problem (``error``), and the line it starts on."""

    line: int
    value: Any = None
    error: str | None = None
    fatal: bool = False


def read_rows(stream: io.BufferedReader, file_type: FileType) -> Iterator[RawRow]:
    if file_type is FileType.JSONL:
        return read_jsonl(stream)
    if file_type is FileType.JSON:
        return read_json_list(stream)
    return read_csv(stream)


def read_jsonl(stream: io.BufferedReader) -> Iterator[RawRow]:
    """One JSON value a line; blank lines are skipped."""
    line = 0
    while True:
        raw = stream.readline(MAX_ROW_BYTES + 1)
        if not raw:
            return
        line += 1
        if len(raw) > MAX_ROW_BYTES:
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(MAX_ROW_BYTES)
            yield RawRow(line, error=wording.ROW_TOO_LONG.format(limit=MAX_ROW_BYTES))
            continue
        if line == 1:
            raw = raw.removeprefix(BOM)
        raw = raw.strip()
        if not raw:
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield RawRow(line, error=wording.ROW_NOT_UTF8)
            continue
        try:
            yield RawRow(line, value=json.loads(text))
        except json.JSONDecodeError:
            yield RawRow(line, error=wording.ROW_NOT_JSON)


def read_json_list(stream: io.BufferedReader) -> Iterator[RawRow]:
    """The elements of a top-level JSON list, decoded one at a time from a sliding buffer."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig")
    scanner = _ListScanner(text)
    try:
        yield from scanner.rows()
    except UnicodeDecodeError:
        yield RawRow(scanner.line, error=wording.ROW_NOT_UTF8, fatal=True)
    finally:
        text.detach()


class _ListScanner:
    def __init__(self, text: io.TextIOWrapper) -> None:
        self.text = text
        self.decoder = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.line = 1
        self.eof = False

    def _fill(self) -> bool:
        """Read one more chunk; False at the end of the file."""
        if self.eof:
            return False
        chunk = self.text.read(CHUNK_CHARS)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def _advance(self, to: int) -> None:
        self.line += self.buf.count("\n", self.pos, to)
        self.pos = to

    def _next_char(self) -> str:
        """The next non-blank character (not consumed), or '' at the end."""
        while True:
            end = len(self.buf)
            i = self.pos
            while i < end and self.buf[i] in " \t\r\n":
                i += 1
            self._advance(i)
            if i < end:
                return self.buf[i]
            if not self._fill():
                return ""

    def _decode(self) -> tuple[Any, str | None]:
        """The next JSON value, reading more until it is complete; (None, error) if it
        is not valid JSON or is longer than a row may be."""
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if len(self.buf) - self.pos > MAX_ROW_BYTES or not self._fill():
                    too_long = len(self.buf) - self.pos > MAX_ROW_BYTES
                    error = wording.ROW_TOO_LONG if too_long else wording.ROW_NOT_JSON
                    return None, error.format(limit=MAX_ROW_BYTES)
                continue
            if end == len(self.buf) and self._fill():
                continue  # a number or literal may go on in the next chunk
            self._advance(end)
            return value, None

    def rows(self) -> Iterator[RawRow]:
        if self._next_char() != "[":
            yield RawRow(self.line, error=wording.JSON_NOT_LIST, fatal=True)
            return
        self._advance(self.pos + 1)
        if self._next_char() == "]":
            return
        while True:
            self._next_char()
            line = self.line
            value, error = self._decode()
            if error is not None:
                yield RawRow(line, error=error, fatal=True)
                return
            yield RawRow(line, value=value)
            after = self._next_char()
            if after == "]":
                return
            if after != ",":
                yield RawRow(self.line, error=wording.JSON_SEPARATOR, fatal=True)
                return
            self._advance(self.pos + 1)


def read_csv(stream: io.BufferedReader) -> Iterator[RawRow]:
    """Rows of a comma-separated file with a header row, as {column: cell}."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    try:
        reader = csv.reader(text)
        header: list[str] | None = None
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield RawRow(start, error=wording.ROW_NOT_CSV.format(reason=_csv_reason(exc)))
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                continue
            if any("\ufffd" in cell for cell in cells):
                yield RawRow(start, error=wording.ROW_NOT_UTF8)
            elif len(cells) != len(header):
                yield RawRow(
                    start, error=wording.ROW_COLUMNS.format(got=len(cells), want=len(header))
                )
            else:
                yield RawRow(start, value=dict(zip(header, cells, strict=True)))
    finally:
        text.detach()


def _csv_reason(exc: csv.Error) -> str:
    """The csv module's message without the row's text (it never quotes it, but be sure)."""
    message = str(exc)
    return "a field is too long" if "field larger" in message else "malformed quoting"
