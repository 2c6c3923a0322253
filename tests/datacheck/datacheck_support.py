"""Types shared by the data check's tests (imported by name: each test folder's conftest
is a module called ``conftest``, so helpers live here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from bot.datacheck import DataReport
from harness.datafiles import Row

WriteRows = Callable[[str, Iterable[Row]], Path]
"""Write rows to a file in the test's folder (JSONL, JSON or CSV by the name's suffix)."""
Check = Callable[[str, Iterable[Row]], DataReport]
"""Write rows to a file and return its report."""
