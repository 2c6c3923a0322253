"""How well the reader reads writers it was not trained on, case by case.

    .venv/bin/python -m training.crossval [--folds 6] [--show-wrong N] [--converse]

The corpus is folded by writer: each writer's cases are read by models trained on the
other writers only, so every figure is a first read of an unseen writer. Reports, over
all cases: each fact's accuracy, how many facts were read *wrongly* (a value the text does
not state; missing ones are counted apart), and the strategy and technique that
ADVICE_POLICY.md gives for the facts read (data/check_cases.py's reference decision).
This is the figure to improve; the frozen holdouts are scored once, by `advisor eval`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sklearn.model_selection import GroupKFold

from bot.advisor import Advisor
from bot.evaluation import EvalCase, fact_matches
from bot.facts import FACT_NAMES
from bot.reading.lexicon import load_lexicon
from bot.reading.model import load_models_from
from bot.reading.reader import Reader
from bot.reading.thresholds import Thresholds
from bot.rules import load_rulebook
from bot.simulation import Conversed, converse, summarize_conversations
from data.check_cases import decide
from training.dataset import Case, build, load_cases
from training.train import CORPUS, LEXICON, train

SCORED = tuple(f for f in FACT_NAMES if f != "domain")


def read_case(advisor: Advisor, case: Case) -> dict[str, Any]:
    """The facts after the case's turns, read as ``advisor eval`` reads them."""
    state = advisor.follow(case.turns)
    facts = state.facts.model_dump(mode="json")
    facts["_confidence"] = {k: e.confidence for k, e in state.evidence.items()}
    facts["_quote"] = {k: e.quote for k, e in state.evidence.items()}
    return facts


def evaluate(
    cases: Sequence[Case], folds: int, thresholds: Thresholds | None = None
) -> list[tuple[Case, dict[str, Any]]]:
    out: list[tuple[Case, dict[str, Any]]] = []
    for advisor, unseen in fold_advisors(cases, folds, thresholds):
        out += [(cases[i], read_case(advisor, cases[i])) for i in unseen]
    return out


def fold_advisors(
    cases: Sequence[Case], folds: int, thresholds: Thresholds | None = None
) -> Iterator[tuple[Advisor, Sequence[int]]]:
    """Per writer fold: an advisor whose reader is trained on the other writers' cases,
    and the indexes of the cases it never saw."""
    lexicon = load_lexicon(LEXICON)
    thresholds = thresholds or lexicon.thresholds
    book = load_rulebook()
    groups = [c.writer for c in cases]
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(cases, groups=groups):
        weights = train(build([cases[i] for i in train_idx], lexicon))
        yield Advisor(book, Reader(lexicon, load_models_from(weights), thresholds)), test_idx


def converse_folds(corpus: Path, folds: int, thresholds: Thresholds) -> list[Conversed]:
    """The conversation eval (``advisor eval --converse``) by writer fold: each writer's
    threads played against an advisor whose reader never saw that writer."""
    paths = sorted(corpus.glob("*.jsonl"))
    cases = load_cases(paths)
    raw = {
        (c := EvalCase.model_validate_json(line)).id: c
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    out: list[Conversed] = []
    for advisor, unseen in fold_advisors(cases, folds, thresholds):
        out += [converse(advisor, raw[cases[i].id]) for i in unseen]
    return out


def report_conversations(results: Sequence[Conversed], show_wrong: int) -> None:
    s = summarize_conversations(results)
    print(
        f"cases {s.cases}; final strategy {s.strategy.percent:.1f}%; "
        f"technique {s.technique.percent:.1f}%; questions per case {s.questions_per_case:.2f}; "
        f"about stated facts {s.about_stated}; confirmations {s.confirmations}; "
        f"facts wrong at the end {s.wrong_at_end}"
    )
    stated = Counter(fact for r in results for fact in r.about_stated)
    wrong = Counter(fact for r in results for fact in r.wrong_at_end)
    print("asked though stated: " + ", ".join(f"{k} {v}" for k, v in stated.most_common()))
    print("wrong at the end: " + ", ".join(f"{k} {v}" for k, v in wrong.most_common()))
    shown = [r for r in results if r.strategy[0] != r.strategy[1]][:show_wrong]
    for r in shown:
        print(
            f"  {r.case_id}: expected {r.strategy[0]}, advised {r.strategy[1]}; "
            f"wrong {r.wrong_at_end}"
        )


def report(results: Sequence[tuple[Case, dict[str, Any]]], show_wrong: int) -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong_reads: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    stated = 0
    strategy = technique = technique_total = 0
    by_writer: dict[str, list[bool]] = defaultdict(list)
    examples: list[str] = []
    for case, facts in results:
        for name in SCORED:
            expected, got = case.expect.get(name), facts.get(name)
            ok = fact_matches(expected, got)
            total[name] += 1
            right[name] += ok
            stated += expected is not None
            if not ok and got is not None:
                wrong_reads[name] += 1
                if len(examples) < show_wrong:
                    examples.append(f"{case.id} {name}: expected {expected!r}, read {got!r}")
            elif not ok:
                missed[name] += 1
        want = decide(case.expect)
        got_decision = decide(facts)
        strategy += want[0] == got_decision[0]
        by_writer[case.writer].append(want[0] == got_decision[0])
        if want[1] is not None:
            technique_total += 1
            technique += want[1] == got_decision[1]
    n = len(results)
    print(
        f"cases {n}; strategy {strategy / n:.1%}; "
        f"technique {technique / max(1, technique_total):.1%}"
    )
    print(
        f"facts read wrongly {sum(wrong_reads.values())} of {stated} stated "
        f"({sum(wrong_reads.values()) / max(1, stated):.1%}); missed {sum(missed.values())}"
    )
    for name in SCORED:
        print(
            f"  {name:20s} {right[name] / total[name]:6.1%}  wrong {wrong_reads[name]:3d}"
            f"  missed {missed[name]:3d}"
        )
    print(
        "strategy by writer: "
        + ", ".join(f"{w} {sum(v) / len(v):.0%}" for w, v in sorted(by_writer.items()))
    )
    for line in examples:
        print("  " + line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.crossval")
    parser.add_argument("--folds", type=int, default=6)
    parser.add_argument("--show-wrong", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--accept", type=float, help="one threshold for every fact (default: vocabulary.yaml's)"
    )
    parser.add_argument(
        "--converse", action="store_true", help="play each thread (advisor eval --converse)"
    )
    parser.add_argument("--dump", type=Path, help="write what was read of each case (JSON)")
    args = parser.parse_args(argv)
    cases = load_cases(sorted(args.corpus.glob("*.jsonl")))
    chosen = (
        load_lexicon(LEXICON).thresholds
        if args.accept is None
        else Thresholds(accept=args.accept, confirm=min(args.accept, Thresholds.confirm))
    )
    if args.converse:
        report_conversations(converse_folds(args.corpus, args.folds, chosen), args.show_wrong)
        return 0
    results = evaluate(cases, args.folds, chosen)
    if args.dump:
        args.dump.write_text(json.dumps([{"id": c.id, "read": f} for c, f in results]))
    report(results, args.show_wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())
