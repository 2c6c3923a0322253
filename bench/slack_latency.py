"""Time ``/advise`` on the loopback harness: the HTTP acknowledgement and the first message
in the thread, for N slash commands sent one after another to the real server.

    .venv/bin/python -m bench.slack_latency [--n 50] [--warmup 5]

The server is ``advisor serve`` (gunicorn with uvicorn workers) on a SQLite file in a temp
folder; Slack's Web API is the fake on loopback, answering at once.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from harness import SLACK_ONLY, Loopback, loopback

DESCRIPTION = "We want to classify support tickets into 12 categories"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def one_command(harness: Loopback, channel: str) -> tuple[float, float]:
    """Seconds from sending ``/advise`` to its HTTP ack, and to the first thread message."""
    start = time.monotonic()
    answer = harness.slack.command(DESCRIPTION, channel=channel)
    ack = time.monotonic() - start
    assert answer.status == 200, answer
    root = harness.fake.wait_for(
        "chat.postMessage",
        where=lambda c: c.args.get("channel") == channel and not c.args.get("thread_ts"),
    )[0]
    first = harness.fake.wait_for(
        "chat.postMessage", where=lambda c: c.args.get("thread_ts") == root.ts
    )[0]
    return ack, first.at - start


def run(n: int, warmup: int) -> dict[str, list[float]]:
    with (
        tempfile.TemporaryDirectory() as tmp,
        loopback(Path(tmp), extra_args=SLACK_ONLY) as harness,
    ):
        for i in range(warmup):
            one_command(harness, f"CWARM{i}")
        acks, firsts = [], []
        for i in range(n):
            ack, first = one_command(harness, f"CBENCH{i}")
            acks.append(ack)
            firsts.append(first)
    return {"ack": acks, "first thread message": firsts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    results = run(args.n, args.warmup)
    print(f"/advise on loopback, n={args.n} (ms)")
    print(f"{'':<22}{'p50':>8}{'p99':>8}{'mean':>8}{'max':>8}")
    for name, values in results.items():
        ms = [v * 1000 for v in values]
        print(
            f"{name:<22}{percentile(ms, 0.5):8.1f}{percentile(ms, 0.99):8.1f}"
            f"{statistics.fmean(ms):8.1f}{max(ms):8.1f}"
        )


if __name__ == "__main__":
    main()
