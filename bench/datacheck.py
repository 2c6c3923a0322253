"""The data check on large generated files: time and peak memory.

    .venv/bin/python -m bench.datacheck [--mb 50] [--keep DIR]

Writes three files to a temporary folder: a chat JSONL of ``--mb`` MB (rows of about 1 KB,
5% repeats, 2% conflicting answers, 1% with an email and a card), a classification CSV of
``--mb`` MB with short rows (the worst case for memory: the most distinct inputs per MB),
and a chat JSONL of a tenth of the size (to show that memory follows distinct rows, not
bytes). Each check runs in a fresh interpreter, twice: once for the wall time and the peak
resident set (``VmHWM``, against the same interpreter after its imports), once under
``tracemalloc`` for the peak of Python allocations during the check alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

from harness.datafiles import QUEUES, write_big_chat

MIB = 2**20


def write_big_csv(path: Path, size_bytes: int) -> int:
    """A classification CSV of short distinct rows (about 60 bytes); the rows written."""
    rows = written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        while written < size_bytes:
            text = f"ticket {rows}: where is order {rows * 7919 % 1_000_003}?"
            writer.writerow([text, QUEUES[rows % len(QUEUES)]])
            written += len(text) + 12
            rows += 1
    return rows


def vm_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def child(path: Path, trace: bool) -> dict[str, float]:
    """Run in a fresh interpreter: one check, its time and memory."""
    from bot.datacheck import check_file
    from bot.rules import load_rulebook

    pricing = load_rulebook().pricing
    baseline = vm_kib("VmHWM")
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    report = check_file(path, pricing=pricing)
    seconds = time.perf_counter() - start
    peak_traced = tracemalloc.get_traced_memory()[1] if trace else 0
    return {
        "seconds": seconds,
        "baseline_kib": baseline,
        "peak_kib": vm_kib("VmHWM"),
        "traced_peak_bytes": peak_traced,
        "rows": report.rows,
        "unique": report.unique_valid,
        "duplicates": report.duplicates.rows,
        "conflicts": report.conflicts.rows,
        "pii_rows": report.pii.rows_with_any,
    }


def measure(path: Path) -> dict[str, float]:
    def run(*flags: str) -> dict[str, float]:
        command = [sys.executable, "-m", "bench.datacheck", "--child", str(path), *flags]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        result: dict[str, float] = json.loads(out)
        return result

    plain = run()
    plain["traced_peak_bytes"] = run("--trace")["traced_peak_bytes"]
    return plain


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.trace)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        size = int(args.mb * MIB)
        files = {
            f"chat JSONL, {args.mb:g} MB": folder / "chat.jsonl",
            f"classification CSV, {args.mb:g} MB": folder / "tickets.csv",
            f"chat JSONL, {args.mb / 10:g} MB": folder / "chat-small.jsonl",
        }
        paths = list(files.values())
        write_big_chat(paths[0], size)
        write_big_csv(paths[1], size)
        write_big_chat(paths[2], size // 10)
        head = (
            f"{'file':<28} {'rows':>8} {'unique':>8} {'seconds':>8} {'MB/s':>6} "
            f"{'RSS after import MiB':>20} {'peak RSS MiB':>13} {'check heap peak MiB':>20}"
        )
        print(head)
        for label, path in files.items():
            r = measure(path)
            mb = path.stat().st_size / MIB
            print(
                f"{label:<28} {r['rows']:>8,.0f} {r['unique']:>8,.0f} {r['seconds']:>8.1f} "
                f"{mb / r['seconds']:>6.1f} {r['baseline_kib'] / 1024:>20.1f} "
                f"{r['peak_kib'] / 1024:>13.1f} {r['traced_peak_bytes'] / MIB:>20.1f}"
            )


if __name__ == "__main__":
    main()
