"""``python -m bench`` (``make bench``): every benchmark, then one table.

    .venv/bin/python -m bench [--quick]

Runs, in order: the advisor core (bench.core), start-up (bench.startup), Slack latency
against a bare Bolt app at 1, 10 and 50 users (bench.slack), peak memory after 1,000
consultations (bench.memory) and the full-size load (bench.load). ``--quick`` shrinks
every size for a smoke run. Not part of the test run; numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench import core, load, memory, slack, startup
from bot.advisor import Advisor

TARGET_RATIO = 1.3


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return [
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {os.cpu_count()} CPUs ({cpu}), {mem_kib / 1024 / 1024:.1f} GiB RAM, "
        f"Linux {platform.release()}",
        f"python: {platform.python_version()} ({sys.executable})",
        "load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
    ]


def print_table(head: list[str], table: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [head, *table]) for i in range(len(head))]
    line = "| " + " | ".join(cell.ljust(w) for cell, w in zip(head, widths, strict=True)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in table:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
    args = parser.parse_args(argv)
    q = args.quick
    for line in machine():
        print(line)
    began = time.monotonic()
    rows: list[list[str]] = []

    print("core ...", flush=True)
    turns = core.default_turns()
    samples = core.measure(Advisor(), turns, 3 if q else 20)
    total = samples["total"]
    per_second = 1e6 / statistics.fmean(total)
    for stage in (*core.STAGES, "total"):
        values = samples[stage]
        rows.append(
            [
                "core",
                f"{stage} per description, mean / p99 us",
                f"{statistics.fmean(values):.0f} / {core.percentile(values, 0.99):.0f}",
                "",
                "",
                "total well under 1,000 us" if stage == "total" else "",
            ]
        )
    rows.append(["core", "descriptions per second", f"{per_second:,.0f}", "", "", ""])

    print("startup ...", flush=True)
    times = startup.measure(3 if q else 10)
    adv, bare = times["advisor advise"], times["python -c pass"]
    rows.append(
        [
            "startup",
            "advisor advise vs python -c pass, mean / min ms",
            f"{statistics.fmean(adv) * 1000:.0f} / {min(adv) * 1000:.0f}",
            f"{statistics.fmean(bare) * 1000:.0f} / {min(bare) * 1000:.0f}",
            f"{statistics.fmean(adv) / statistics.fmean(bare):.0f}x",
            "",
        ]
    )

    print("slack ...", flush=True)
    levels = [1, 10] if q else [1, 10, 50]
    results = slack.measure(levels, 1 if q else 4, 2)
    for metric, users, a, b, ratio in slack.rows(results):
        target = f"<= {TARGET_RATIO}x" if users == "50" and metric != slack.METRICS[2] else ""
        rows.append([f"slack {users} users", f"{metric}, p50 / p99 ms", a, b, ratio, target])
    slack_problems = slack.problems(results)

    print("memory ...", flush=True)
    count = 100 if q else 1000
    mem = memory.measure(count, 32)
    rows.append(
        [
            "memory",
            f"peak RSS of the worker after {count} consultations, MiB",
            f"{mem['advisor']['worker_after'] / 1024:.0f}",
            f"{mem['bare']['worker_after'] / 1024:.0f}",
            f"{mem['advisor']['worker_after'] / mem['bare']['worker_after']:.2f}x",
            "",
        ]
    )

    print("load ...", flush=True)
    size = 100 if q else 500
    result = load.measure(size, 50, 32)
    rows.append(
        [
            "load",
            f"{size} x 3 turns over 50 channels, 32 at a time",
            f"{result.seconds:.1f} s, {result.answers}/{3 * size} answers",
            "",
            "",
            f"{len(result.problems)} problems (target 0)",
        ]
    )

    print()
    head = ["benchmark", "measure", "advisor", "baseline (bare Bolt / python)", "ratio", "target"]
    print_table(head, rows)
    problems = slack_problems + [f"load: {p}" for p in result.problems]
    problems += [
        f"memory {k}: {v['problems']:.0f} problems" for k, v in mem.items() if v["problems"]
    ]
    for line in problems[:20]:
        print("problem:", line)
    print(f"\n{time.monotonic() - began:.0f} s in all; command: .venv/bin/python -m bench")


if __name__ == "__main__":
    main()
