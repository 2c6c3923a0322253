"""Measured, not claimed: what a team's training-data file holds.

The core of ``advisor data check`` / ``data split`` and of ``advise --data``; it knows
nothing of Slack. A front end calls :func:`check_file` (a local path) or
:func:`check_stream` (a bounded byte stream, e.g. an upload), and hands the report to
:meth:`bot.advisor.Advisor.measure` to turn it into facts. Reports hold counts and line
numbers, never the file's text.
"""

from bot.datacheck.check import check_file, check_stream
from bot.datacheck.measured import apply_report, describe_measurement, short_report
from bot.datacheck.report import DataReport
from bot.datacheck.shapes import DataFormat
from bot.datacheck.sources import MAX_FILE_BYTES, FileType, bounded
from bot.datacheck.split import DEFAULT_SEED
from bot.datacheck.writer import SplitResult, split_file

__all__ = [
    "DEFAULT_SEED",
    "MAX_FILE_BYTES",
    "DataFormat",
    "DataReport",
    "FileType",
    "SplitResult",
    "apply_report",
    "bounded",
    "check_file",
    "check_stream",
    "describe_measurement",
    "short_report",
    "split_file",
]
