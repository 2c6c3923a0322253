"""Start-up: ``advisor advise`` for one description, against ``python -c pass``.

    .venv/bin/python -m bench.startup [--runs 10]

Each command runs ``--runs`` times (after one warm-up run each, so the file cache is warm);
the table shows mean and min wall time in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

DESCRIPTION = "We classify ~2k support tickets a day into 12 categories, 600 reviewed examples"
ADVISOR = Path(sys.executable).with_name("advisor")


def commands() -> dict[str, list[str]]:
    return {
        "advisor advise": [str(ADVISOR), "advise", DESCRIPTION],
        "python -c pass": [sys.executable, "-c", "pass"],
    }


def time_runs(command: Sequence[str], runs: int) -> list[float]:
    """Seconds per run; each run must exit 0."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def measure(runs: int) -> dict[str, list[float]]:
    return {name: time_runs(command, runs) for name, command in commands().items()}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    results = measure(args.runs)
    print(f"{'command':<16} {'mean ms':>9} {'min ms':>9}   ({args.runs} runs)")
    for name, times in results.items():
        print(f"{name:<16} {statistics.fmean(times) * 1000:>9.0f} {min(times) * 1000:>9.0f}")


if __name__ == "__main__":
    main()
