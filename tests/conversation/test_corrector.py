"""The corrector a Slack form checks its fields with: the vocabulary and the grammar only,
so a web worker never loads the reader's models to check "20k"."""

from __future__ import annotations

import pytest

import bot.reading.model
from bot.amount import Amount
from bot.conversation import Corrector, load_corrector


@pytest.fixture
def corrector(monkeypatch: pytest.MonkeyPatch) -> Corrector:
    def no_models(*_: object, **__: object) -> None:
        raise AssertionError("the corrector loaded the reader's models")

    monkeypatch.setattr(bot.reading.model, "load_models", no_models)
    return load_corrector()


@pytest.mark.parametrize(
    ("fact", "words", "value"),
    [
        ("requests_per_day", "20k", Amount.exactly(20000)),
        ("requests_per_day", "700 a week", Amount.exactly(100)),
        ("labeled_examples", "3,000", Amount.exactly(3000)),
        ("labeled_examples", "0", Amount.exactly(0)),
        ("baseline_quality", "87%", Amount.exactly(0.87)),
        ("data_quality", "mixed", "mixed"),
        ("needs_knowledge", "no", False),
        ("specialized_domain", "yes", True),
    ],
)
def test_a_correction_reads_as_the_form_gives_it(
    corrector: Corrector, fact: str, words: str, value: object
) -> None:
    assert corrector.corrected_value(fact, words) == value


@pytest.mark.parametrize(
    ("fact", "words"),
    [
        ("requests_per_day", "-5"),
        ("requests_per_day", "lots"),
        ("labeled_examples", "a few"),
        ("data_quality", "superb"),
    ],
)
def test_a_correction_that_gives_no_such_value_is_refused(
    corrector: Corrector, fact: str, words: str
) -> None:
    assert corrector.corrected_value(fact, words) is None
