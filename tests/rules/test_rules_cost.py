"""The cost comparison: the policy's formula, checked against numbers worked by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rules_support import RULES

from bot.facts import Facts
from bot.rules import RuleBook, estimate_cost, load_rulebook

TODAY = date(2025, 9, 1)
SHIPPED_TEXTS = (RULES.parent / "pricing.yaml").read_text(encoding="utf-8").split("texts:\n")[1]

PRICING = """\
models:
  - {name: m, read: 2025-08-21, source: test, training: 10, input: 1.0, cached_input: 0.5,
     output: 2.0, fine_tuned_input: 1.0, fine_tuned_output: 2.0, hosting_per_hour: HOSTING}
assumptions:
  static_prompt_tokens: 10000
  short_prompt_tokens: 0
  request_tokens: 100
  output_tokens: 100
  cache_hit_rate: CACHE
  epochs: 3
  tokens_per_example: 1000
  default_examples: 1000
  days_per_month: 30
texts:
  pays: "{model} saves ${saving:money} a month, paying back in {payback_months} months"
  never_pays: "never pays at {requests_per_day} a day ({model})"
"""


def pricing_text(hosting: float, cache: float) -> str:
    """The small pricing file above, with the shipped file's other sentences."""
    text = PRICING.replace("HOSTING", str(hosting)).replace("CACHE", str(cache))
    kept = [
        line
        for line in SHIPPED_TEXTS.splitlines()
        if not line.lstrip().startswith(("pays:", "never_pays:"))
    ]
    return text + "\n".join(kept) + "\n"


@pytest.fixture
def priced(write_rules: Callable[..., Path]) -> Callable[..., RuleBook]:
    def make(hosting: float = 0, cache: float = 0) -> RuleBook:
        write_rules(pricing_text(hosting, cache), name="pricing.yaml")
        rules = RULES.read_text(encoding="utf-8")
        return load_rulebook(write_rules(rules))

    return make


def test_no_estimate_without_a_volume(book: RuleBook) -> None:
    assert estimate_cost(Facts(), book, TODAY) is None


def test_formula_with_hand_computed_numbers(priced: Callable[..., RuleBook]) -> None:
    # 1,000 a day x 30 = 30,000 requests a month
    # prompt route: 10,000x1.0 + 100x1.0 + 100x2.0 = 10,300 per request -> $309.00
    # fine-tuned:   (0 + 100)x1.0 + 100x2.0 = 300 per request           -> $9.00
    # training:     1,000 examples x 1,000 tokens x 3 epochs x $10 / 1e6 = $30.00
    estimate = estimate_cost(Facts(requests_per_day=1000), priced(), TODAY)
    assert estimate is not None
    (model,) = estimate.models
    assert model.prompt_route_monthly == pytest.approx(309.0)
    assert model.fine_tuned_monthly == pytest.approx(9.0)
    assert model.training_one_time == pytest.approx(30.0)
    assert model.monthly_saving == pytest.approx(300.0)
    assert model.payback_months == pytest.approx(0.1)
    assert not estimate.never_pays
    assert estimate.summary == "m saves $300 a month, paying back in 0.1 months"
    assert estimate.assumptions["examples_assumed"] is True


def test_prompt_caching_lowers_the_prompt_route(priced: Callable[..., RuleBook]) -> None:
    # half the static prompt cached at 0.5: 10,000x(0.5x0.5 + 0.5x1.0) = 7,500 + 300 = 7,800
    estimate = estimate_cost(
        Facts(requests_per_day=1000, labeled_examples=2000), priced(cache=0.5), TODAY
    )
    assert estimate is not None
    assert estimate.models[0].prompt_route_monthly == pytest.approx(234.0)
    assert estimate.models[0].training_one_time == pytest.approx(60.0)  # N = labeled_examples


def test_hosting_can_make_fine_tuning_never_pay(priced: Callable[..., RuleBook]) -> None:
    # $1.70 an hour x 24 x 30 = $1,224 a month on top of $9.00
    estimate = estimate_cost(Facts(requests_per_day=1000), priced(hosting=1.7), TODAY)
    assert estimate is not None
    model = estimate.models[0]
    assert model.fine_tuned_monthly == pytest.approx(1233.0)
    assert model.monthly_saving == pytest.approx(-924.0)
    assert model.payback_months is None
    assert estimate.never_pays
    assert estimate.summary == "never pays at 1,000 a day (m)"


def test_shipped_prices_carry_their_date_and_source(book: RuleBook) -> None:
    # gpt-4.1-mini at 2,000 a day, 60,000 requests a month, h = 0.75:
    # prompt: 2,000x(0.75x0.10 + 0.25x0.40) + 500x0.40 + 200x1.60 = 870 -> $52.20
    # fine-tuned: 700x0.80 + 200x3.20 = 1,200 -> $72.00; training 3,200x1,000x3x5 -> $48.00
    estimate = estimate_cost(Facts(requests_per_day=2000, labeled_examples=3200), book, TODAY)
    assert estimate is not None
    mini = next(m for m in estimate.models if m.model == "gpt-4.1-mini")
    assert (mini.prompt_route_monthly, mini.fine_tuned_monthly) == (52.2, 72.0)
    assert mini.training_one_time == 48.0
    assert [m.model for m in estimate.models] == ["gpt-4.1-mini", "gpt-4.1"]
    assert estimate.prices_read == date(2025, 8, 21)
    assert "openai.com" in estimate.prices_source
    assert any("Azure" in note for note in estimate.notes)
    assert estimate.never_pays
    assert "never pays back on cost" in estimate.summary
