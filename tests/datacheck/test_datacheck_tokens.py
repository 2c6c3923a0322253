"""Token estimates per example and the training cost at pricing.yaml's prices."""

from __future__ import annotations

from datacheck_support import Check, WriteRows

from bot.datacheck import check_file
from harness.datafiles import prompt_completion


def rows_of_tokens(*tokens: int) -> list[dict[str, str]]:
    """Rows of exactly these token estimates (4 characters a token), each distinct."""
    rows = []
    for i, n in enumerate(tokens):
        prompt = f"{i:06d}".ljust(n * 2, "p")
        rows.append(prompt_completion(prompt, "c" * (n * 4 - len(prompt))))
    return rows


def test_tokens_give_the_mean_p95_and_total_per_unique_valid_example(check: Check) -> None:
    report = check("pc.jsonl", rows_of_tokens(*[1000] * 18, 5000, 5000))
    tokens = report.tokens
    assert (tokens.mean, tokens.p95, tokens.total) == (1400.0, 5000, 28000)
    assert tokens.approximation.startswith("characters / 4")


def test_training_cost_is_total_tokens_times_epochs_times_the_training_price(
    check: Check,
) -> None:
    tokens = check("pc.jsonl", rows_of_tokens(*[1000] * 18, 5000, 5000)).tokens
    costs = {c.model: (c.price_per_million, c.epochs, c.cost) for c in tokens.training_cost}
    assert costs == {"gpt-4.1-mini": (5.0, 3, 0.42), "gpt-4.1": (25.0, 3, 2.1)}
    assert tokens.currency == "USD" and str(tokens.prices_read) == "2025-08-21"


def test_duplicates_do_not_count_towards_the_tokens(check: Check) -> None:
    rows = rows_of_tokens(100, 100)
    assert check("pc.jsonl", [*rows, rows[0], rows[0]]).tokens.total == 200


def test_without_prices_the_tokens_are_still_estimated(write_rows: WriteRows) -> None:
    report = check_file(write_rows("pc.jsonl", rows_of_tokens(10)))
    assert report.tokens.total == 10 and report.tokens.training_cost == []
