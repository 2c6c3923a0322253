"""Time the advisor core per description: parse, decide, render.

    .venv/bin/python -m bench.core [--cases CASES.jsonl] [--repeat N]

parse  = Advisor.start + Advisor.reply for each later turn
decide = bot.rules.analyse, then decide and the questions over that one analysis
         (what Advisor.advise does)
render = the suggested prompt

Each stage is timed per case (all its turns), over every case repeated N times after one
warm-up pass; the table shows mean, p50 and p99 in microseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from bot.advisor import Advisor
from bot.evaluation import load_cases
from bot.paths import PROJECT_ROOT
from bot.questions import select_questions
from bot.rules import analyse, decide

STAGES = ("parse", "decide", "render")
CASE_FILES = (
    PROJECT_ROOT / "eval" / "cases.jsonl",
    PROJECT_ROOT.parent / "shared" / "eval" / "cases.jsonl",
)
SAMPLES: tuple[tuple[str, ...], ...] = (
    ("We classify ~2k support tickets a day into 12 categories.", "about 600, reviewed"),
    ("Our assistant answers questions from our HR handbook, ~150 questions a day.",),
    ("We want to fine-tune so the model learns our product catalogue; it changes daily.",),
    ("Extract invoice fields to JSON, 40k invoices a month, data must stay on-prem.",),
    ("hey, we want to use AI for customer support somehow. where do we start?", "just tell me"),
)


def default_turns() -> list[tuple[str, ...]]:
    """The eval cases' turns when a cases file is at hand, else a few built-in samples."""
    for path in CASE_FILES:
        if path.is_file():
            return [tuple(case.turns) for case in load_cases(path)]
    return list(SAMPLES)


def time_case(advisor: Advisor, turns: Sequence[str]) -> tuple[int, int, int]:
    """Nanoseconds spent parsing, deciding and rendering one case."""
    t0 = time.perf_counter_ns()
    state = advisor.start(turns[0])
    for text in turns[1:]:
        state = advisor.reply(state, text)
    t1 = time.perf_counter_ns()
    analysis = analyse(state, advisor.rulebook)
    rec = decide(state, advisor.rulebook, analysis)
    select_questions(state, advisor.rulebook, analysis)
    t2 = time.perf_counter_ns()
    advisor.prompts.render(state, rec)
    t3 = time.perf_counter_ns()
    return t1 - t0, t2 - t1, t3 - t2


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(
    advisor: Advisor, cases: Sequence[Sequence[str]], repeat: int
) -> dict[str, list[float]]:
    """Microseconds per case for each stage, over ``repeat`` passes (after one warm-up)."""
    for turns in cases:
        time_case(advisor, turns)
    samples: dict[str, list[float]] = {stage: [] for stage in (*STAGES, "total")}
    for _ in range(repeat):
        for turns in cases:
            times = time_case(advisor, turns)
            for stage, ns in zip(STAGES, times, strict=True):
                samples[stage].append(ns / 1000)
            samples["total"].append(sum(times) / 1000)
    return samples


def report(samples: dict[str, list[float]], cases: int, repeat: int) -> list[str]:
    lines = [
        f"{cases} cases x {repeat} passes ({len(samples['total'])} consultations)",
        f"{'stage':<8} {'mean us':>10} {'p50 us':>10} {'p99 us':>10}",
    ]
    for stage, values in samples.items():
        lines.append(
            f"{stage:<8} {statistics.fmean(values):>10.0f} "
            f"{percentile(values, 0.5):>10.0f} {percentile(values, 0.99):>10.0f}"
        )
    per_second = 1e6 / statistics.fmean(samples["total"])
    lines.append(f"descriptions per second: {per_second:,.0f}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, help="a cases JSONL file (shared/eval format)")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the cases")
    args = parser.parse_args(argv)
    turns = [tuple(c.turns) for c in load_cases(args.cases)] if args.cases else default_turns()
    advisor = Advisor()
    for line in report(measure(advisor, turns, args.repeat), len(turns), args.repeat):
        print(line)


if __name__ == "__main__":
    main()
