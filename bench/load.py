"""The resilience suite's load test at the issue's full size: 500 consultations of three
turns each across 50 channels, 32 at a time, against the real server.

    .venv/bin/python -m bench.load [--consultations 500] [--channels 50] [--workers 32]

Prints the elapsed time, the answers counted, and every problem (an error, a non-200
acknowledgement, a missing or extra post, a message posted twice); exits 1 on a problem.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bench.harness import ms, running
from harness.load import IndexedFakeSlack, Outcome, check, play_many


@dataclass
class LoadResult:
    consultations: int
    seconds: float
    answers: int
    problems: list[str]
    outcomes: list[Outcome]


def measure(consultations: int, channels: int, workers: int) -> LoadResult:
    with IndexedFakeSlack() as fake, running(fake, ["advisor"]) as targets:
        slack = targets["advisor"].slack
        start = time.monotonic()
        outcomes = play_many(
            fake, lambda: slack, consultations, channels=channels, workers=workers, timeout=120
        )
        seconds = time.monotonic() - start
        problems = check(fake, outcomes)
    answers = sum(1 + len(o.reply_answers) for o in outcomes if not o.error)
    return LoadResult(consultations, seconds, answers, problems, outcomes)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--consultations", type=int, default=500)
    parser.add_argument("--channels", type=int, default=50)
    parser.add_argument("--workers", type=int, default=32)
    args = parser.parse_args(argv)
    result = measure(args.consultations, args.channels, args.workers)
    acks = ms([o.ack for o in result.outcomes])
    print(
        f"{result.consultations} consultations x 3 turns over {args.channels} channels, "
        f"{args.workers} at a time: {result.seconds:.1f} s, "
        f"{result.answers}/{3 * result.consultations} answers, "
        f"{len(result.problems)} problems; ack p50/p99 {acks[0]:.0f}/{acks[1]:.0f} ms"
    )
    for line in result.problems[:20]:
        print("problem:", line)
    sys.exit(1 if result.problems else 0)


if __name__ == "__main__":
    main()
