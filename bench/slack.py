"""Slack latency at 1, 10 and 50 concurrent users: the advisor against a bare Bolt app on
the same server stack, in the same run, alternating, against the same fake Slack.

    .venv/bin/python -m bench.slack [--users 1 10 50] [--per-user 4] [--rounds 2] [--workers N]

Each user plays three-turn consultations (``/advise``, two thread replies) one after
another. Measured on the client side of loopback:

- ack: ``/advise`` sent -> its HTTP response;
- first post: ``/advise`` sent -> the first message in the new thread (advisor: questions
  or recommendation, after the root message; bare: the echo, after its root message);
- reply -> recommendation: a thread reply sent -> the bot's recommendation in the thread
  (bare: the echo of any reply).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.harness import Target, ms, running
from harness.load import SCRIPTS, IndexedFakeSlack, Outcome, check, play_many

APPS = ("advisor", "bare")
METRICS = ("ack", "first post", "reply -> recommendation")
MIN_PER_ROUND = 10
"""Consultations per app and round at least, so one user still gives a few samples."""


@dataclass
class Samples:
    """Seconds per metric for one app at one concurrency, and problems seen."""

    values: dict[str, list[float]] = field(default_factory=lambda: {m: [] for m in METRICS})
    consultations: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, app: str, outcomes: Sequence[Outcome]) -> None:
        for o in outcomes:
            self.values["ack"].append(o.ack)
            self.values["first post"].append(o.first_post)
            for seconds, kind in zip(o.reply_answers, o.answer_kinds, strict=True):
                if app == "bare" or kind == "advisor_recommendation":
                    self.values["reply -> recommendation"].append(seconds)
        self.consultations += len(outcomes)


def one_round(
    fake: IndexedFakeSlack, target: Target, users: int, count: int, prefix: str
) -> list[Outcome]:
    return play_many(
        fake,
        target.sender(),
        count,
        channels=max(users, 1),
        workers=users,
        scripts=SCRIPTS,
        timeout=60,
        prefix=prefix,
    )


def measure(
    users_levels: Sequence[int],
    per_user: int,
    rounds: int,
    warmup: int = 5,
    server_args: Sequence[str] = (),
    database_url: str | None = None,
) -> dict[int, dict[str, Samples]]:
    """{users: {app: samples}}; the apps take turns within each level."""
    results: dict[int, dict[str, Samples]] = {}
    with IndexedFakeSlack() as fake, running(fake, APPS, server_args, database_url) as targets:
        for app in APPS:
            one_round(fake, targets[app], 1, warmup, f"CW{app[:3].upper()}")
        for users in users_levels:
            level = results[users] = {app: Samples() for app in APPS}
            count = max(MIN_PER_ROUND, users * per_user // rounds)
            for r in range(rounds):
                for app in APPS if r % 2 == 0 else APPS[::-1]:
                    prefix = f"C{app[:3].upper()}{users}R{r}X"
                    outcomes = one_round(fake, targets[app], users, count, prefix)
                    level[app].problems += check(fake, outcomes)
                    level[app].add(app, outcomes)
    return results


def rows(results: dict[int, dict[str, Samples]]) -> list[list[str]]:
    """Table rows: metric, users, advisor p50/p99, bare p50/p99, ratio of p50 and p99."""
    table = []
    for users, level in results.items():
        for metric in METRICS:
            a50, a99 = ms(level["advisor"].values[metric])
            b50, b99 = ms(level["bare"].values[metric])
            table.append(
                [
                    metric,
                    str(users),
                    f"{a50:.0f} / {a99:.0f}",
                    f"{b50:.0f} / {b99:.0f}",
                    f"{a50 / b50:.2f}x / {a99 / b99:.2f}x",
                ]
            )
    return table


def problems(results: dict[int, dict[str, Samples]]) -> list[str]:
    return [
        f"{users} users, {app}: {p}"
        for users, level in results.items()
        for app, samples in level.items()
        for p in samples.problems
    ]


def print_table(table: list[list[str]]) -> None:
    head = ["metric", "users", "advisor p50/p99 ms", "bare p50/p99 ms", "ratio p50 / p99"]
    widths = [max(len(r[i]) for r in [head, *table]) for i in range(len(head))]
    for r in [head, *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--per-user", type=int, default=4, help="consultations per user")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per app")
    parser.add_argument(
        "--workers", type=int, default=None, help="workers per server (default: one per CPU)"
    )
    parser.add_argument(
        "--database", help="the advisor's DATABASE_URL (default: a new SQLite file)"
    )
    args = parser.parse_args(argv)
    server_args = [] if args.workers is None else ["--workers", str(args.workers)]
    results = measure(
        args.users, args.per_user, args.rounds, server_args=server_args,
        database_url=args.database,
    )  # fmt: skip
    print_table(rows(results))
    for line in problems(results)[:20]:
        print("problem:", line)


if __name__ == "__main__":
    main()
