"""One wording for each strategy and technique, whatever front end shows it."""

from bot.advice import Strategy, Technique
from bot.cli import wording as cli_wording
from bot.labels import STRATEGY_LABELS, TECHNIQUE_LABELS
from bot.slack import wording as slack_wording


def test_every_strategy_and_technique_has_a_label() -> None:
    assert set(STRATEGY_LABELS) == set(Strategy)
    assert set(TECHNIQUE_LABELS) == set(Technique)
    assert STRATEGY_LABELS["rag"] == STRATEGY_LABELS[Strategy.RAG]


def test_the_cli_and_slack_say_a_strategy_the_same_way() -> None:
    assert cli_wording.STRATEGY_LABELS is slack_wording.STRATEGY_LABELS is STRATEGY_LABELS
    assert cli_wording.TECHNIQUE_LABELS is slack_wording.TECHNIQUE_LABELS is TECHNIQUE_LABELS
