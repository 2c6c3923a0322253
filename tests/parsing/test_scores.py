"""Measured quality, the quality needed, and whether prompting has been exhausted."""

import pytest


@pytest.mark.parametrize(
    ("text", "baseline", "target"),
    [
        ("We're at 87% accuracy; we need 95%.", 0.87, 0.95),
        ("Current F1 of 0.71, target 0.8.", 0.71, 0.8),
        ("our prompt gets 70% but we'd need at least 90%", 0.7, 0.9),
        ("we'd like 99% accuracy, currently at about 93", 0.93, 0.99),
        ("It passes validation 93% of the time, we need 99.5%.", 0.93, 0.995),
        ("Few-shot gets ~65% field accuracy, need 95", 0.65, 0.95),
    ],
)
def test_baseline_and_target_are_read_as_fractions(read, text, baseline, target) -> None:
    facts = read(text).facts
    assert facts.baseline_quality.value == pytest.approx(baseline)
    assert facts.target_quality.value == pytest.approx(target)


@pytest.mark.parametrize(
    "text",
    [
        "We use gpt-4.1 + a prompt, it's ok-ish.",
        "It runs on Llama 3 8B.",
        "30% of our tickets are about billing.",
        "It should take under 300 ms.",
    ],
)
def test_other_numbers_are_not_quality_figures(read, text) -> None:
    facts = read(text).facts
    assert facts.baseline_quality is None and facts.target_quality is None


@pytest.mark.parametrize(
    ("text", "exhausted"),
    [
        ("We tried few-shot prompting for two weeks and it's still inconsistent.", True),
        ("Our prompt gets 80%, we need 90%.", True),
        ("haven't tried prompting yet", False),
        ("Nobody here has experimented with prompts.", False),
        ("We only use a simple prompt like 'summarize this'.", False),
        ("The prompt works great honestly.", False),
        ("We're at 92% and 92% is the bar.", False),
        ("We prototyped with a long system prompt and it's way too slow.", True),
    ],
)
def test_prompting_exhausted_needs_a_try_that_falls_short(read, text, exhausted) -> None:
    assert read(text).facts.prompting_exhausted is exhausted
