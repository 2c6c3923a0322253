"""The policy's monthly cost comparison: a cached few-shot prompt vs a fine-tuned model.

Per month, for each priced model (ADVICE_POLICY.md, "Cost estimate")::

    prompt route = V*days * (P_static*(h*c_cached + (1-h)*c_in) + P_req*c_in + O*c_out) / 1e6
    fine-tuned   = V*days * ((P_short + P_req)*c_in_ft + O*c_out_ft) / 1e6 + hosting
    training     = N * tokens_per_example * epochs * c_train / 1e6          (one time)
    payback      = training / (prompt route - fine-tuned), only where that is > 0

V is the volume as the user gave it: a range is computed at both ends; a bound ("over
10k") at the bound, and the reply says so. Prices, their date and source, every
assumption and every sentence come from the pricing file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from bot.advice import CostEstimate, ModelCost
from bot.amount import Amount
from bot.facts import Facts
from bot.rules.pricing import CostAssumptions, ModelPrice, Pricing
from bot.rules.templates import compile_template

if TYPE_CHECKING:  # the book holds what fixed_parts() works out; this reads the book
    from bot.rules.book import RuleBook
from bot.rules.templates import format_value

HOURS_PER_DAY = 24


def _say(book: RuleBook, text: str, values: Mapping[str, object]) -> str | None:
    """A text of the pricing file filled in; ``None`` when a value it needs is missing."""
    return book.template(text).fill(values)


def estimate_cost(facts: Facts, book: RuleBook, today: date) -> CostEstimate | None:
    """The comparison when the volume is known and the rules have a pricing table."""
    volume = facts.requests_per_day
    if volume is None or book.pricing is None or book.cost_parts is None:
        return None
    pricing = book.pricing
    a = pricing.assumptions
    points, basis = _volumes(book, pricing, volume)
    examples, examples_why = _examples(book, pricing, facts.labeled_examples)
    models = [model_cost(p, a, v, examples) for v in points for p in pricing.models]
    never_pays = all(m.payback_months is None for m in models)
    read = min(p.read for p in pricing.models)
    source = "; ".join(dict.fromkeys(p.source for p in pricing.models))
    fixed = book.cost_parts
    training = {
        "examples": examples,
        "tokens_per_example": a.tokens_per_example,
        "epochs": a.epochs,
        "why": examples_why,
    }
    notes = [fixed.tokens_note, _say(book, pricing.texts.training, training) or ""]
    return CostEstimate(
        requests_per_day=volume,
        computed_at=points,
        basis=basis,
        models=models,
        assumptions={
            **fixed.assumptions,
            "examples": examples,
            "examples_assumed": facts.labeled_examples is None,
        },
        notes=[*notes, *fixed.notes],
        prices_read=read,
        prices_source=source,
        prices_stale=_stale(book, pricing, read, source, today),
        never_pays=never_pays,
        summary=_summary(book, pricing, volume, points, models, never_pays),
    )


def model_cost(price: ModelPrice, a: CostAssumptions, per_day: float, examples: int) -> ModelCost:
    """The formula for one model at one volume, per month, in the pricing file's currency."""
    requests = per_day * a.days_per_month
    h = a.cache_hit_rate
    static = a.static_prompt_tokens * (h * price.cached_input + (1 - h) * price.input)
    per_prompt = static + a.request_tokens * price.input + a.output_tokens * price.output
    prompt_route = requests * per_prompt / 1e6
    per_ft = (a.short_prompt_tokens + a.request_tokens) * price.fine_tuned_input
    per_ft += a.output_tokens * price.fine_tuned_output
    fine_tuned = requests * per_ft / 1e6 + hosting_per_month(price, a)
    training = examples * a.tokens_per_example * a.epochs * price.training / 1e6
    saving = prompt_route - fine_tuned
    return ModelCost(
        model=price.name,
        requests_per_day=per_day,
        prompt_route_monthly=round(prompt_route, 2),
        fine_tuned_monthly=round(fine_tuned, 2),
        training_one_time=round(training, 2),
        monthly_saving=round(saving, 2),
        payback_months=round(training / saving, 2) if saving > 0 else None,
    )


def hosting_per_month(price: ModelPrice, a: CostAssumptions) -> float:
    return price.hosting_per_hour * HOURS_PER_DAY * a.days_per_month


def _volumes(book: RuleBook, pricing: Pricing, volume: Amount) -> tuple[list[float], str]:
    """The volumes to compute at, and why, in words."""
    texts = pricing.texts
    lo, hi = volume.low, volume.high
    if lo == 0 and hi is not None and hi > 0:
        lo = None  # "fewer than 100" is kept as 0-100: computed at its bound
    if volume.exact and volume.low is not None:
        return [volume.low], ""
    given = format_value(volume)
    if lo is not None and hi is not None:
        values = {"low": lo, "high": hi}
        return [lo, hi], _say(book, texts.range_basis, values) or ""
    point = lo if lo is not None else hi
    assert point is not None
    template = texts.low_bound_basis if lo is not None else texts.high_bound_basis
    return [point], _say(book, template, {"point": point, "given": given}) or ""


def _examples(book: RuleBook, pricing: Pricing, examples: Amount | None) -> tuple[int, str]:
    """The number of training examples priced, and why that number."""
    texts = pricing.texts
    if examples is None:
        return pricing.assumptions.default_examples, texts.examples_default
    if examples.exact and examples.low is not None:
        return round(examples.low), texts.examples_given
    low, high = examples.low, examples.high
    point = low if low else high if high is not None else 0.0  # the figure's own bound
    why = _say(book, texts.examples_bound, {"given": format_value(examples)}) or ""
    return round(point), why


@dataclass(frozen=True, slots=True)
class FixedParts:
    """What the cost section says whatever the case: worked out once per rule book."""

    assumptions: Mapping[str, Any]
    tokens_note: str
    notes: tuple[str, ...]
    """Hosting, then the dated notes of the pricing file."""


def fixed_parts(pricing: Pricing) -> FixedParts:
    a = pricing.assumptions
    texts = pricing.texts
    notes = [
        compile_template(texts.hosting).fill({"model": p.name, "hosting": hosting}) or ""
        for p in pricing.models
        if (hosting := hosting_per_month(p, a)) > 0
    ]
    notes += [f"{note.text}. Read {note.read} from {note.source}." for note in pricing.notes]
    return FixedParts(
        assumptions=MappingProxyType(
            {**a.model_dump(), "currency": pricing.currency, "unit": pricing.unit}
        ),
        tokens_note=compile_template(texts.tokens).fill(a.model_dump()) or texts.tokens,
        notes=tuple(notes),
    )


def _stale(book: RuleBook, pricing: Pricing, read: date, source: str, today: date) -> str | None:
    days = (today - read).days
    if days <= pricing.max_age_days:
        return None
    values = {
        "read": read.isoformat(),
        "days": days,
        "max_age_days": pricing.max_age_days,
        "source": source,
    }
    return _say(book, pricing.texts.stale, values)


def _summary(
    book: RuleBook,
    pricing: Pricing,
    volume: Amount,
    points: list[float],
    models: list[ModelCost],
    never_pays: bool,
) -> str:
    read = min(p.read for p in pricing.models).isoformat()
    if never_pays:
        values: dict[str, object] = {
            "requests_per_day": volume if len(points) > 1 else points[0],
            "model": ", ".join(dict.fromkeys(m.model for m in models)),
            "read": read,
        }
        return _say(book, pricing.texts.never_pays, values) or ""
    sentences = []
    for point in points:
        at = [m for m in models if m.requests_per_day == point]
        paying = [m for m in at if m.payback_months is not None]
        if not paying:
            names = ", ".join(m.model for m in at)
            values = {"requests_per_day": point, "model": names, "read": read}
            sentences.append(_say(book, pricing.texts.never_pays, values) or "")
            continue
        best = min(paying, key=lambda m: m.payback_months or 0.0)
        values = {
            "requests_per_day": point,
            "model": best.model,
            "saving": best.monthly_saving,
            "training": best.training_one_time,
            "payback_months": best.payback_months,
            "read": read,
        }
        sentences.append(_say(book, pricing.texts.pays, values) or "")
    return " ".join(s for s in sentences if s)
