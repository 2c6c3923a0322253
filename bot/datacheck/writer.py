"""``advisor data split``: the 80/10/10 files, written in a second streaming pass.

The first pass is the data check itself (the report and the plan); the second reads the
rows again and writes each unique valid one to its side, as it came: JSONL for JSONL and
JSON lists (one object a line, what providers accept), CSV with the same header for CSV.
Duplicates, conflicting answers after the first and invalid rows are left out. Files are
written under temporary names and renamed only when all three are complete.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from bot.datacheck.build import build_report
from bot.datacheck.check import Scan, open_data, rows_of, scan_stream
from bot.datacheck.dedupe import Deduper, Seen
from bot.datacheck.report import DataReport
from bot.datacheck.shapes import DataFormat
from bot.datacheck.sources import FileType
from bot.datacheck.split import SIDES, plan_split
from bot.errors import DataFileError

if TYPE_CHECKING:
    from bot.rules.pricing import Pricing

EXISTS = "{path} already exists; remove it or choose another --out folder"
NOTHING_TO_SPLIT = "{name}: no unique valid rows to split"


@dataclass(frozen=True)
class SplitResult:
    report: DataReport
    files: dict[str, Path]
    rows: dict[str, int]


def split_file(
    path: Path, out_dir: Path, *, seed: int, pricing: Pricing | None = None
) -> SplitResult:
    """Check ``path``, then write ``train``, ``validation`` and ``test`` files to ``out_dir``."""
    with open_data(path) as stream:
        scan = scan_stream(stream, path.name, max_bytes=None)
    report = build_report(scan.tally, scan.name, scan.file_type, pricing, seed)
    if report.format is DataFormat.UNKNOWN or report.unique_valid == 0:
        raise DataFileError(NOTHING_TO_SPLIT.format(name=path.name))
    suffix = "csv" if scan.file_type is FileType.CSV else "jsonl"
    files = {side: out_dir / f"{side}.{suffix}" for side in SIDES}
    for target in files.values():
        if target.exists():
            raise DataFileError(EXISTS.format(path=target))
    out_dir.mkdir(parents=True, exist_ok=True)
    with _staged(files) as handles, open_data(path) as stream:
        rows = _write(scan, stream, path.name, seed, handles)
    return SplitResult(report=report, files=files, rows=rows)


def _write(
    scan: Scan, stream: BinaryIO, name: str, seed: int, handles: dict[str, TextIO]
) -> dict[str, int]:
    tally = scan.tally
    plan = plan_split(tally.groups, tally.group_rows, seed)
    deduper = Deduper(tally.preference)
    sink = _Sink(handles, as_csv=scan.file_type is FileType.CSV)
    for raw in rows_of(stream, name, scan.file_type):
        if raw.error is not None:
            continue
        example = scan.layout.read(raw.value)
        if isinstance(example, str):
            continue
        seen, group = deduper.see(example)
        if seen in (Seen.DUPLICATE, Seen.CONFLICT):
            continue
        sink.write(plan.side(tally.stratum_of(example.label), group), raw.value)
    sink.finish()
    return sink.written


class _Sink:
    """Rows to the three files: JSON lines, or CSV rows under the file's header."""

    def __init__(self, handles: dict[str, TextIO], *, as_csv: bool) -> None:
        self.handles = handles
        self.as_csv = as_csv
        self.header: list[str] | None = None
        self.csv: dict[str, csv.DictWriter[str]] = {}
        self.written = dict.fromkeys(handles, 0)

    def write(self, side: str, value: Any) -> None:
        self.written[side] += 1
        if not self.as_csv:
            try:
                self.handles[side].write(json.dumps(value, ensure_ascii=False) + "\n")
            except UnicodeEncodeError:  # a lone surrogate: keep it as an escape
                self.handles[side].write(json.dumps(value) + "\n")
            return
        if self.header is None:
            self.header = list(value)
        self._csv_writer(side).writerow(value)

    def _csv_writer(self, side: str) -> csv.DictWriter[str]:
        if side not in self.csv:
            assert self.header is not None
            self.csv[side] = csv.DictWriter(self.handles[side], fieldnames=self.header)
            self.csv[side].writeheader()
        return self.csv[side]

    def finish(self) -> None:
        """An empty side still gets the CSV header."""
        if self.as_csv and self.header is not None:
            for side in self.handles:
                self._csv_writer(side)


@contextmanager
def _staged(files: dict[str, Path]) -> Iterator[dict[str, TextIO]]:
    """Handles on temporary files, renamed to ``files`` on success, removed on failure."""
    temps = {side: target.with_name(f".{target.name}.partial") for side, target in files.items()}
    try:
        with ExitStack() as stack:
            handles: dict[str, TextIO] = {
                side: stack.enter_context(temp.open("w", encoding="utf-8", newline=""))
                for side, temp in temps.items()
            }
            yield handles
    except BaseException:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        raise
    for side, temp in temps.items():
        os.replace(temp, files[side])
