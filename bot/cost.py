"""The policy's monthly cost comparison: a cached few-shot prompt vs a fine-tuned model.

Per month, for each priced model (ADVICE_POLICY.md, "Cost estimate")::

    prompt route = V*days * (P_static*(h*c_cached + (1-h)*c_in) + P_req*c_in + O*c_out) / 1e6
    fine-tuned   = V*days * ((P_short + P_req)*c_in_ft + O*c_out_ft) / 1e6 + hosting
    training     = N * tokens_per_example * epochs * c_train / 1e6          (one time)
    payback      = training / (prompt route - fine-tuned), only where that is > 0

Prices, their date and source, and every assumption come from the pricing file.
"""

from __future__ import annotations

from bot.advice import CostEstimate, ModelCost
from bot.facts import Facts
from bot.rules.pricing import CostAssumptions, ModelPrice, Pricing
from bot.rules.schema import RuleBook
from bot.rules.templates import format_value, render

HOURS_PER_DAY = 24


def estimate_cost(facts: Facts, book: RuleBook) -> CostEstimate | None:
    """The comparison when the volume is known and the rules have a pricing table."""
    if facts.requests_per_day is None or book.pricing is None:
        return None
    pricing = book.pricing
    a = pricing.assumptions
    examples = facts.labeled_examples
    n = round(examples.nominal) if examples is not None else a.default_examples
    per_day = facts.requests_per_day.nominal
    models = [model_cost(p, a, per_day, n) for p in pricing.models]
    never_pays = all(m.payback_months is None for m in models)
    return CostEstimate(
        requests_per_day=per_day,
        models=models,
        assumptions={
            **a.model_dump(),
            "examples": n,
            "examples_assumed": examples is None,
            "hosting_per_month": {p.name: _hosting(p, a) for p in pricing.models},
            "currency": pricing.currency,
            "unit": pricing.unit,
            "notes": [f"{note.text} (read {note.read}, {note.source})" for note in pricing.notes],
        },
        prices_read=min(p.read for p in pricing.models),
        prices_source="; ".join(dict.fromkeys(p.source for p in pricing.models)),
        never_pays=never_pays,
        summary=_summary(pricing, per_day, models, never_pays),
    )


def model_cost(price: ModelPrice, a: CostAssumptions, per_day: float, examples: int) -> ModelCost:
    """The formula for one model, per month, in the pricing file's currency."""
    requests = per_day * a.days_per_month
    h = a.cache_hit_rate
    static = a.static_prompt_tokens * (h * price.cached_input + (1 - h) * price.input)
    per_prompt = static + a.request_tokens * price.input + a.output_tokens * price.output
    prompt_route = requests * per_prompt / 1e6
    per_ft = (a.short_prompt_tokens + a.request_tokens) * price.fine_tuned_input
    per_ft += a.output_tokens * price.fine_tuned_output
    fine_tuned = requests * per_ft / 1e6 + _hosting(price, a)
    training = examples * a.tokens_per_example * a.epochs * price.training / 1e6
    saving = prompt_route - fine_tuned
    return ModelCost(
        model=price.name,
        prompt_route_monthly=round(prompt_route, 2),
        fine_tuned_monthly=round(fine_tuned, 2),
        training_one_time=round(training, 2),
        monthly_saving=round(saving, 2),
        payback_months=round(training / saving, 2) if saving > 0 else None,
    )


def _hosting(price: ModelPrice, a: CostAssumptions) -> float:
    return price.hosting_per_hour * HOURS_PER_DAY * a.days_per_month


def _summary(pricing: Pricing, per_day: float, models: list[ModelCost], never_pays: bool) -> str:
    values: dict[str, object] = {
        "requests_per_day": per_day,
        "read": min(p.read for p in pricing.models).isoformat(),
    }
    if never_pays:
        values["model"] = ", ".join(m.model for m in models)
        template = pricing.texts.never_pays
    else:
        best = min(
            (m for m in models if m.payback_months is not None),
            key=lambda m: m.payback_months or 0.0,
        )
        values.update(
            model=best.model,
            saving=best.monthly_saving,
            training=best.training_one_time,
            payback_months=best.payback_months,
        )
        template = pricing.texts.pays
    return render(template, values) or format_value(template)
