"""Reasons never outrun the facts: whatever the facts, no reason claims a target, a volume,
a count or a quality that the user did not give (issue 13.1). Checked over generated fact
sets that make every reason, warning, step and assumption of decision_rules.yaml appear."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rules_support import RULES

from bot.advice import Recommendation
from bot.amount import Amount
from bot.case import CaseState, Motive
from bot.facts import DataQuality, Facts
from bot.rules import RuleBook, decide, load_rulebook
from bot.rules.templates import PLACEHOLDER

BOOK = load_rulebook(RULES)

CLAIMS: dict[str, re.Pattern[str]] = {
    "target_quality": re.compile(r"\btarget\b|\byou need [\d.]+%"),
    "baseline_quality": re.compile(r"\bmeasures\b|\bscores\b"),
    "requests_per_day": re.compile(r"requests a day|\bvolume\b"),
    "labeled_examples": re.compile(
        r"(enough|too few|[\d,]+|or more) (reviewed |labeled )?examples|examples are (too|below)"
    ),
    "data_quality": re.compile(r"you have [\w\s,+-]* reviewed|of \w+ quality|\bnoisy\b"),
}
"""The words by which a reason would claim each fact."""

COUNTS = (0, 40, 99, 100, 101, 300, 499, 500, 501, 800, 5_000, 9_999, 10_000, 20_000)
SHARES = (0.5, 0.8, 0.85, 0.87, 0.9, 0.95)
BOOLS = (None, True, False)


def figure(rng: random.Random, points: tuple[float, ...]) -> Amount | None:
    """Unknown, exact, a range, or a bound, at the values the rules care about."""
    kind = rng.choice(("unknown", "exact", "exact", "range", "at_least", "below"))
    point = rng.choice(points)
    if kind == "unknown":
        return None
    if kind == "exact":
        return Amount.exactly(point)
    if kind == "range":
        low, high = sorted(rng.sample(points, 2))
        return Amount(low=low, high=high)
    if kind == "at_least":
        return Amount(low=point, low_strict=rng.random() < 0.5)
    return Amount(high=point or 1, high_strict=True)


def generated(rng: random.Random) -> CaseState:
    facts = Facts(
        requests_per_day=figure(rng, COUNTS),
        labeled_examples=figure(rng, COUNTS),
        baseline_quality=figure(rng, SHARES),
        target_quality=figure(rng, SHARES),
        data_quality=rng.choice([None, *DataQuality]),
        **{
            name: rng.choice(BOOLS)
            for name in (
                "preference_data",
                "specialized_domain",
                "needs_knowledge",
                "style_consistency",
                "latency_sensitive",
                "prompting_exhausted",
                "self_hosted",
            )
        },
    )
    motives = {m for m in Motive if rng.random() < 0.15}
    return CaseState(facts=facts, motives=motives)


def unknown_claims(state: CaseState, rec: Recommendation) -> list[str]:
    return [
        f"{reason.rule}: {reason.text!r} claims {fact}"
        for reason in rec.reasons
        for fact, words in CLAIMS.items()
        if getattr(state.facts, fact) is None and words.search(reason.text)
    ]


def pattern(template: str) -> re.Pattern[str]:
    """A rendered text of ``template``, whatever its placeholders became."""
    parts = PLACEHOLDER.split(template)
    literal = [re.escape(p) for p in parts[::3]]
    return re.compile(".*?".join(literal).replace(r"\ \(.*?\)", r".*?"), re.DOTALL)


def every_text(book: RuleBook) -> dict[str, re.Pattern[str]]:
    """Every sentence the rules file can say, by where it is."""
    spec = book.spec
    texts: dict[str, str] = {}
    for section in (spec.strategy, spec.later_steps, spec.technique):
        for rule in section:
            for i, reason in enumerate(rule.reasons):
                texts[f"{rule.id} reason {i + 1}"] = reason.text
    for warning in spec.warnings:
        texts[f"warning {warning.id}"] = warning.text
    for step in spec.next_steps:
        texts[f"step {step.id}"] = f"{step.text} Done when {step.done}"
    for a in spec.assumptions:
        texts[f"assumption {a.fact}"] = a.text
        if a.undecided:
            texts[f"assumption {a.fact} (undecided)"] = a.undecided
    return {where: pattern(text) for where, text in texts.items()}


def sayings(rec: Recommendation) -> list[str]:
    return [
        *(r.text for r in rec.reasons),
        *(w.text for w in rec.warnings),
        *rec.next_steps,
        *rec.assumptions,
    ]


def test_no_reason_claims_an_unknown_fact_and_every_rule_is_said_somewhere(
    book: RuleBook,
) -> None:
    rng = random.Random(13)
    unsaid = every_text(book)
    for _ in range(2500):
        state = generated(rng)
        rec = decide(state, book)
        assert unknown_claims(state, rec) == []
        for text in sayings(rec):
            assert "{" not in text and "None" not in text, text
            for where in [w for w, p in unsaid.items() if p.fullmatch(text)]:
                del unsaid[where]
    assert sorted(unsaid) == []


def ranges(points: tuple[float, ...]) -> st.SearchStrategy[Amount | None]:
    """Unknown, exact, a range, 'N or more' or 'fewer than N', at values the rules use."""
    point = st.sampled_from(points)
    pair = st.tuples(point, point).map(sorted)
    return st.one_of(
        st.none(),
        point.map(Amount.exactly),
        pair.map(lambda p: Amount(low=p[0], high=p[1])),
        point.map(lambda p: Amount(low=p)),
        point.map(lambda p: Amount(high=p, high_strict=True)),
    )


maybe = st.none() | st.booleans()
states = st.builds(
    CaseState,
    facts=st.builds(
        Facts,
        requests_per_day=ranges(COUNTS),
        labeled_examples=ranges(COUNTS),
        baseline_quality=ranges(SHARES),
        target_quality=ranges(SHARES),
        data_quality=st.none() | st.sampled_from(DataQuality),
        preference_data=maybe,
        prompting_exhausted=maybe,
        specialized_domain=maybe,
        style_consistency=maybe,
        latency_sensitive=maybe,
        needs_knowledge=maybe,
        self_hosted=maybe,
    ),
    motives=st.sets(st.sampled_from(Motive)),
)


@settings(max_examples=150, deadline=None)
@given(state=states)
def test_no_reason_mentions_a_target_volume_count_or_quality_that_is_unknown(
    state: CaseState,
) -> None:
    assert unknown_claims(state, decide(state, BOOK)) == []
