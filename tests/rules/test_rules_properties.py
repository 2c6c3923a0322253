"""Properties that hold for any facts at all."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.case import CaseState, Motive
from bot.facts import DataQuality, Facts
from bot.questions import select_questions
from bot.rules import RuleBook, decide

maybe_bool = st.none() | st.booleans()
quality = st.none() | st.floats(min_value=0, max_value=1)
facts = st.builds(
    Facts,
    requests_per_day=st.none() | st.floats(min_value=0, max_value=1e7),
    labeled_examples=st.none() | st.integers(min_value=0, max_value=10**6),
    data_quality=st.none() | st.sampled_from(DataQuality),
    preference_data=maybe_bool,
    specialized_domain=maybe_bool,
    needs_knowledge=maybe_bool,
    style_consistency=maybe_bool,
    latency_sensitive=maybe_bool,
    prompting_exhausted=maybe_bool,
    baseline_quality=quality,
    target_quality=quality,
    self_hosted=maybe_bool,
)
states = st.builds(CaseState, facts=facts, motives=st.sets(st.sampled_from(Motive)))


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(state=states)
def test_any_facts_give_a_coherent_recommendation(book: RuleBook, state: CaseState) -> None:
    advice = decide(state, book)
    assert advice.path[0] == "prompt_engineering"
    assert (advice.technique is not None) == ("fine_tuning" in advice.path)
    assert advice.strategy.value.split("+")[-1] in advice.path
    assert all("{" not in r.text and "None" not in r.text for r in advice.reasons)
    assert all(w.facts for w in advice.warnings)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(state=states)
def test_questions_never_ask_a_known_fact(book: RuleBook, state: CaseState) -> None:
    known = state.facts.known()
    assert not {q.fact for q in select_questions(state, book)} & set(known)
