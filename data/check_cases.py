"""Check a cases file written to data/LABELING.md: structure, evidence, and the decision.

    python data/check_cases.py data/corpus/T01.jsonl [more files ...]

Prints one line per problem (file:line id: what is wrong) and a summary; exits 1 when a
problem was found. Standard library only: writers run it without installing anything.
The decision is ADVICE_POLICY.md's pseudo-code, computed from `expect`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

FACTS = (
    "task_type",
    "requests_per_day",
    "labeled_examples",
    "data_quality",
    "preference_data",
    "specialized_domain",
    "domain",
    "needs_knowledge",
    "style_consistency",
    "latency_sensitive",
    "prompting_exhausted",
    "baseline_quality",
    "target_quality",
    "self_hosted",
)
TASKS = {
    "classification",
    "extraction",
    "generation",
    "summarization",
    "question_answering",
    "conversation",
    "code",
    "translation",
    "other",
}
BOOLS = {
    "preference_data",
    "specialized_domain",
    "needs_knowledge",
    "style_consistency",
    "latency_sensitive",
    "prompting_exhausted",
    "self_hosted",
}
NUMBERS = {"requests_per_day", "labeled_examples", "baseline_quality", "target_quality"}
TRAP_KINDS = {
    "negated",
    "hypothetical",
    "past",
    "opinion",
    "irrelevant_number",
    "denied",
    "quoted_request",
}
STRATEGIES = {"prompt_engineering", "rag", "fine_tuning", "rag+fine_tuning"}
TECHNIQUES = {"dpo", "lora", "hosted_sft", None}
MIN_EXAMPLES, TOO_FEW, HIGH_VOLUME = 500, 100, 10_000


def low(value: Any) -> float | None:
    """The low end of a number or a [low, high] range (an open low end is 0)."""
    if isinstance(value, dict):  # the advisor's JSON: {"low": L, "high": H}
        value = [value.get("low"), value.get("high")]
    if isinstance(value, list):
        return 0.0 if value[0] is None else float(value[0])
    return None if value is None else float(value)


def decide(f: dict[str, Any]) -> tuple[str, str | None]:
    """ADVICE_POLICY.md's strategy and technique for the facts ``f`` (unknown = not true)."""
    examples, volume = low(f.get("labeled_examples")), low(f.get("requests_per_day"))
    baseline, target = f.get("baseline_quality"), f.get("target_quality")
    low_quality = f.get("data_quality") == "low"
    data_ok = examples is not None and examples >= MIN_EXAMPLES and not low_quality
    drivers = sum(
        [
            volume is not None and volume >= HIGH_VOLUME,
            f.get("specialized_domain") is True,
            f.get("style_consistency") is True,
            f.get("latency_sensitive") is True,
        ]
    )
    exhausted = f.get("prompting_exhausted") is True or (
        f.get("prompting_exhausted") is None
        and baseline is not None
        and target is not None
        and low(baseline) < low(target)
    )
    ft_case = data_ok and exhausted and drivers >= 1
    knowledge = f.get("needs_knowledge") is True
    if knowledge and ft_case:
        strategy = "rag+fine_tuning"
    elif knowledge:
        strategy = "rag"
    elif ft_case:
        strategy = "fine_tuning"
    else:
        strategy = "prompt_engineering"
    not_ruled_out = (examples is None or examples >= TOO_FEW) and not low_quality
    on_path = ft_case or (drivers >= 1 and not_ruled_out)
    if not on_path:
        return strategy, None
    if f.get("preference_data") is True:
        return strategy, "dpo"
    if f.get("self_hosted") is True:
        return strategy, "lora"
    return strategy, "hosted_sft"


def check_value(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if name == "task_type":
        return None if value in TASKS else f"task_type {value!r} is not one of {sorted(TASKS)}"
    if name == "data_quality":
        return None if value in {"high", "mixed", "low"} else f"data_quality {value!r}"
    if name == "domain":
        return None if isinstance(value, str) and value else "domain must be text or null"
    if name in BOOLS:
        return None if isinstance(value, bool) else f"{name} must be true/false/null"
    parts = value if isinstance(value, list) else [value]
    if isinstance(value, list) and len(value) != 2:
        return f"{name}: a range is [low, high]"
    for part in parts:
        if part is not None and (isinstance(part, bool) or not isinstance(part, int | float)):
            return f"{name} must be a number, [low, high] or null"
        if name.endswith("_quality") and part is not None and not 0 <= part <= 1:
            return f"{name} is a share between 0 and 1 (87% -> 0.87)"
    return None


def check_case(case: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    turns = case.get("turns")
    if (
        not isinstance(turns, list)
        or not turns
        or not all(isinstance(t, str) and t.strip() for t in turns)
    ):
        return ["turns must be a non-empty list of non-empty strings"]
    text = "\n".join(turns)
    expect = case.get("expect")
    if not isinstance(expect, dict):
        return ["expect must be an object"]
    missing = [f for f in FACTS if f not in expect]
    extra = [k for k in expect if k not in FACTS]
    if missing:
        problems.append(f"expect lacks {missing}")
    if extra:
        problems.append(f"expect has unknown keys {extra}")
    for name in FACTS:
        if (problem := check_value(name, expect.get(name))) is not None:
            problems.append(problem)
    evidence = case.get("evidence", {})
    if not isinstance(evidence, dict):
        problems.append("evidence must be an object")
        evidence = {}
    for name, value in expect.items():
        if value is not None and name != "domain" and name not in evidence:
            problems.append(f"no evidence for {name}")
    for name, quotes in evidence.items():
        if expect.get(name) is None:
            problems.append(f"evidence for {name}, which is null")
        for quote in quotes if isinstance(quotes, list) else [quotes]:
            if not isinstance(quote, str) or quote not in text:
                problems.append(f"evidence for {name} is not an exact substring: {quote!r}")
    for trap in case.get("traps", []):
        if not isinstance(trap, dict) or trap.get("span") not in text:
            problems.append(f"trap span is not an exact substring: {trap!r}")
        elif trap.get("kind") not in TRAP_KINDS:
            problems.append(f"trap kind {trap.get('kind')!r} is not one of {sorted(TRAP_KINDS)}")
        elif trap.get("fact") not in FACTS:
            problems.append(f"trap fact {trap.get('fact')!r} is not a fact")
    for name, value in (case.get("hidden") or {}).items():
        if name not in FACTS:
            problems.append(f"hidden has unknown fact {name!r}")
        elif expect.get(name) is not None:
            problems.append(f"hidden gives {name}, which the text already states")
        elif (problem := check_value(name, value)) is not None:
            problems.append(f"hidden: {problem}")
    strategy, technique = decide(expect)
    if case.get("strategy") not in STRATEGIES:
        problems.append(f"strategy {case.get('strategy')!r} is not one of {sorted(STRATEGIES)}")
    elif case.get("strategy") != strategy:
        problems.append(
            f"strategy: the policy gives {strategy} for these facts, "
            f"the case says {case.get('strategy')}"
        )
    if case.get("technique") not in TECHNIQUES:
        problems.append(f"technique {case.get('technique')!r}")
    elif case.get("technique") != technique:
        problems.append(
            f"technique: the policy gives {technique} for these facts, "
            f"the case says {case.get('technique')}"
        )
    return problems


USAGE = "usage: python3 data/check_cases.py FILE.jsonl [FILE.jsonl ...]"


def main(paths: list[str]) -> int:
    if not paths or any(path in ("-h", "--help") for path in paths):
        print(USAGE)
        return 0 if paths else 2
    bad = 0
    strategies: Counter[str] = Counter()
    ids: set[str] = set()
    total = 0
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"{path}: cannot read it ({error})")
            bad += 1
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            total += 1
            try:
                case = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"{path}:{number}: not JSON ({error})")
                bad += 1
                continue
            cid = case.get("id", "?")
            if cid in ids:
                print(f"{path}:{number} {cid}: duplicate id")
                bad += 1
            ids.add(cid)
            strategies[str(case.get("strategy"))] += 1
            for problem in check_case(case):
                print(f"{path}:{number} {cid}: {problem}")
                bad += 1
    print(f"{total} cases, {bad} problems; strategies: {dict(strategies)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
