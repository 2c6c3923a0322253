"""Score the advisor on labeled cases (format: ``shared/eval/README.md``).

Pure functions over plain data: :func:`load_cases` reads a JSONL file, :func:`observe`
runs one case through an advisor, :func:`score_case` compares what it saw with what the
case expects, and :func:`summarize` adds the results up. Printing is the CLI's job.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import AdvisorError
from bot.facts import FACT_NAMES
from bot.interface import AdvisorLike

NUMBER_TOLERANCE = 0.10
"""Numbers match within 10%; a range [lo, hi] matches within [lo*0.9, hi*1.1]."""
UNSCORED = frozenset({"domain"})
"""The domain's name is words for the reply, not a fact the decision reads: not scored."""
ROUNDING = 0.005
"""Or within this much: cases give small figures to two decimals (once a month: 0.03)."""


class CasesFileError(AdvisorError):
    """The cases file is missing or a line of it is malformed."""


class EvalCase(BaseModel):
    """One labeled use case."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    turns: list[str] = Field(min_length=1)
    expect: dict[str, Any] = Field(default_factory=dict)
    strategy: str
    technique: str | None = None
    must_ask: list[str] = Field(default_factory=list)
    must_not_ask: list[str] = Field(default_factory=list)
    evidence: dict[str, Any] = Field(
        default_factory=dict, description="fact -> the words that state it (corpus cases)"
    )

    def stated_first(self) -> set[str]:
        """The facts the description itself states: its must-not-ask, and those whose
        evidence lies in the first turn."""
        quoted = {
            fact
            for fact, quotes in self.evidence.items()
            if any(isinstance(q, str) and q and q in self.turns[0]
                   for q in (quotes if isinstance(quotes, list) else [quotes]))
        }  # fmt: skip
        return quoted | set(self.must_not_ask)


class Observed(BaseModel):
    """What the advisor said for one case."""

    facts: dict[str, Any] = Field(default_factory=dict)
    strategy: str | None = None
    technique: str | None = None
    asked: list[str] = Field(default_factory=list, description="facts asked after turn 0")
    error: str | None = None


class CaseResult(BaseModel):
    """Where one case went wrong (nothing listed: it went right)."""

    case_id: str
    wrong_facts: dict[str, tuple[Any, Any]] = Field(
        default_factory=dict, description="fact -> (expected, got)"
    )
    fact_checks: dict[str, bool] = Field(default_factory=dict)
    strategy: tuple[str, str | None]
    technique: tuple[str, str | None] | None = None
    missed_asks: list[str] = Field(default_factory=list)
    bad_asks: list[str] = Field(default_factory=list)
    must_ask: int = 0
    must_not_ask: int = 0
    stated: int = Field(default=0, description="facts the case states (not null)")
    misread: int = Field(default=0, description="facts read with a value that is wrong")
    error: str | None = None

    @property
    def strategy_ok(self) -> bool:
        return self.strategy[0] == self.strategy[1]

    @property
    def technique_ok(self) -> bool | None:
        return None if self.technique is None else self.technique[0] == self.technique[1]

    @property
    def wrong(self) -> bool:
        return bool(
            self.wrong_facts
            or not self.strategy_ok
            or self.technique_ok is False
            or self.missed_asks
            or self.bad_asks
            or self.error
        )


class Tally(BaseModel):
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


class Summary(BaseModel):
    cases: int
    wrong: int
    errors: int
    strategy: Tally
    technique: Tally
    facts: Tally
    per_fact: dict[str, Tally]
    must_ask: Tally
    must_not_ask_violations: int
    must_not_ask_checked: int
    misread: int = 0
    stated: int = 0


def load_cases(path: Path) -> list[EvalCase]:
    """The cases of a JSONL file; a bad line is reported with its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CasesFileError(f"{path}: cannot read cases file ({exc.strerror})") from exc
    cases: list[EvalCase] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            case = EvalCase.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise CasesFileError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise CasesFileError(f"{path}:{number}: '{where}': {first['msg']}") from exc
        named = [*case.expect, *case.must_ask, *case.must_not_ask]
        unknown = sorted({name for name in named if name not in FACT_NAMES})
        if unknown:
            raise CasesFileError(f"{path}:{number} case '{case.id}': unknown fact {unknown[0]!r}")
        cases.append(case)
    return cases


def _bounds(value: Any) -> tuple[float | None, float | None] | None:
    """A number, ``[low, high]`` or ``{"low": L, "high": H}`` as (low, high); None if none."""
    if _is_number(value):
        return float(value), float(value)
    if isinstance(value, list) and len(value) == 2:
        return value[0], value[1]
    if isinstance(value, dict) and set(value) == {"low", "high"}:
        return value["low"], value["high"]
    return None


def _near(expected: float | None, actual: float | None) -> bool:
    if expected is None or actual is None:
        return (expected or 0) == (actual or 0)  # an open low end is 0
    return abs(actual - expected) <= max(NUMBER_TOLERANCE * abs(expected), ROUNDING)


def fact_matches(expected: Any, actual: Any) -> bool:
    """Whether a fact came out as expected: null, equal, a number within 10%, an exact
    figure inside an expected range (widened by 10%), or the same range or bound."""
    if expected is None or actual is None:
        return expected is None and actual is None
    want, got = _bounds(expected), _bounds(actual)
    if want is not None and got is not None:
        (w_lo, w_hi), (g_lo, g_hi) = want, got
        if isinstance(expected, list) and g_lo == g_hi and g_lo is not None:
            low = (w_lo or 0) * (1 - NUMBER_TOLERANCE)
            return low <= g_lo and (w_hi is None or g_lo <= w_hi * (1 + NUMBER_TOLERANCE))
        if w_hi is None or g_hi is None:
            return w_hi is None and g_hi is None and _near(w_lo, g_lo)
        return _near(w_lo, g_lo) and _near(w_hi, g_hi)
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.strip().lower() == actual.strip().lower()
    return bool(expected == actual and type(expected) is type(actual))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def observe(advisor: AdvisorLike, case: EvalCase) -> Observed:
    """Run a case: all turns for the advice, the first turn alone for the questions.

    A configuration error (:class:`AdvisorError`) stops the run; any other failure is
    recorded on the case so one bad case does not hide the rest.
    """
    try:
        contract = advisor.run(case.turns).contract()
        asked = [q.fact for q in advisor.questions(advisor.start(case.turns[0]))]
    except AdvisorError:
        raise
    except Exception as exc:
        return Observed(error=f"{type(exc).__name__}: {exc}")
    rec = contract["recommendation"]
    return Observed(
        facts=contract["facts"], strategy=rec["strategy"], technique=rec["technique"], asked=asked
    )


def score_case(case: EvalCase, seen: Observed) -> CaseResult:
    """Compare what the advisor said with what the case expects."""
    checks = {
        name: fact_matches(exp, seen.facts.get(name))
        for name, exp in case.expect.items()
        if name not in UNSCORED
    }
    wrong = {
        name: (case.expect[name], seen.facts.get(name)) for name, ok in checks.items() if not ok
    }
    return CaseResult(
        case_id=case.id,
        wrong_facts=wrong,
        fact_checks=checks,
        strategy=(case.strategy, seen.strategy),
        technique=(case.technique, seen.technique) if case.technique else None,
        missed_asks=[name for name in case.must_ask if name not in seen.asked],
        bad_asks=[name for name in case.must_not_ask if name in seen.asked],
        must_ask=len(case.must_ask),
        must_not_ask=len(case.must_not_ask),
        stated=sum(case.expect[name] is not None for name in checks),
        misread=sum(not ok and seen.facts.get(name) is not None for name, ok in checks.items()),
        error=seen.error,
    )


def summarize(results: Sequence[CaseResult]) -> Summary:
    """Accuracy per fact, strategy and technique; must-ask recall; must-not-ask violations."""
    per_fact = {name: Tally() for name in FACT_NAMES}
    strategy, technique, facts = Tally(), Tally(), Tally()
    asks = Tally()
    for result in results:
        strategy.add(result.strategy_ok)
        if result.technique_ok is not None:
            technique.add(result.technique_ok)
        for name, ok in result.fact_checks.items():
            per_fact[name].add(ok)
            facts.add(ok)
        asks.right += result.must_ask - len(result.missed_asks)
        asks.total += result.must_ask
    return Summary(
        cases=len(results),
        wrong=sum(result.wrong for result in results),
        errors=sum(result.error is not None for result in results),
        strategy=strategy,
        technique=technique,
        facts=facts,
        per_fact={name: tally for name, tally in per_fact.items() if tally.total},
        must_ask=asks,
        must_not_ask_violations=sum(len(result.bad_asks) for result in results),
        must_not_ask_checked=sum(result.must_not_ask for result in results),
        misread=sum(result.misread for result in results),
        stated=sum(result.stated for result in results),
    )
