"""The data check's entry points: a local file, or a byte stream (an upload being read).

    report = check_file(Path("train.jsonl"), pricing=book.pricing)
    report = check_stream(body, "train.jsonl", pricing=book.pricing)   # at most 50 MB

Both read the rows once, streaming, and return a :class:`DataReport`. A file that cannot be
checked at all (not JSONL / JSON / CSV, binary, too large, missing) raises
:class:`bot.errors.DataFileError`; problems inside the file go into the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, BinaryIO

from bot.datacheck.build import build_report
from bot.datacheck.readers import RawRow, read_rows
from bot.datacheck.report import DataReport
from bot.datacheck.shapes import Layout, choose_layout
from bot.datacheck.sources import MAX_FILE_BYTES, FileType, bounded, detect_type, sniff
from bot.datacheck.split import DEFAULT_SEED
from bot.datacheck.tally import Tally
from bot.datacheck.wording import wording
from bot.errors import DataFileError

if TYPE_CHECKING:
    from bot.rules.pricing import Pricing

DETECT_ROWS = 50
"""The shape of a file is the most common known shape among its first rows."""


@dataclass(frozen=True)
class Scan:
    """One finished pass: what the file is and everything counted in it."""

    name: str
    file_type: FileType
    tally: Tally

    @property
    def layout(self) -> Layout:
        return self.tally.layout


def check_stream(
    stream: BinaryIO,
    name: str,
    *,
    pricing: Pricing | None = None,
    max_bytes: int | None = MAX_FILE_BYTES,
    seed: int = DEFAULT_SEED,
) -> DataReport:
    """The report of the rows in ``stream`` (``name``: the file's name, for its type and
    the report). Reading stops with :class:`DataFileError` past ``max_bytes``."""
    found = scan_stream(stream, name, max_bytes=max_bytes)
    return build_report(found.tally, found.name, found.file_type, pricing, seed)


def check_file(
    path: Path,
    *,
    pricing: Pricing | None = None,
    max_bytes: int | None = None,
    seed: int = DEFAULT_SEED,
) -> DataReport:
    """The report of a local file (no size limit unless ``max_bytes``)."""
    with open_data(path) as stream:
        return check_stream(stream, path.name, pricing=pricing, max_bytes=max_bytes, seed=seed)


def scan_stream(stream: BinaryIO, name: str, *, max_bytes: int | None) -> Scan:
    reader = bounded(stream.read, name, max_bytes)
    file_type = detect_type(name, sniff(reader))
    rows = read_rows(reader, file_type)
    head = list(islice(rows, DETECT_ROWS))
    layout = choose_layout(r.value for r in head if r.error is None)
    tally = Tally(layout)
    for row in chain(head, rows):
        tally.add(row)
    return Scan(PurePath(name).name, file_type, tally)


def rows_of(stream: BinaryIO, name: str, file_type: FileType) -> Iterator[RawRow]:
    """The rows again, for a second pass (the split's writing)."""
    return read_rows(bounded(stream.read, name, None), file_type)


@contextmanager
def open_data(path: Path) -> Iterator[BinaryIO]:
    """The file opened for reading, with its problems as :class:`DataFileError`."""
    if not path.exists():
        raise DataFileError(wording.NOT_FOUND.format(name=path))
    if not path.is_file():
        raise DataFileError(wording.NOT_A_FILE.format(name=path))
    try:
        stream: BinaryIO = path.open("rb")
    except OSError as exc:
        raise DataFileError(wording.UNREADABLE.format(name=path, reason=exc.strerror)) from exc
    with stream:
        yield stream
