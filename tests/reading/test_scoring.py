"""The reader scores a message and its sentences in one pass (TurnModels.turn_scores); it
must agree with what training reads: a sentence's features as they come, the message's as
document_features gives them."""

from __future__ import annotations

import math

import pytest

from bot.reading import Reader
from bot.reading.features import Marked, document_features, opening_features, sentence_features
from bot.reading.tokens import split_sentences

MESSAGES = (
    "We classify ~2k support tickets a day into 12 categories. We have 800 labeled "
    "examples; quality is mixed. Latency matters: agents wait. Data must stay on-prem.",
    "Our assistant answers questions from our HR handbook, ~150 questions a day.",
    "support tickets. support tickets again! and again support tickets",
)


@pytest.mark.parametrize("text", MESSAGES)
def test_one_pass_scores_as_the_message_and_each_sentence_alone(reader: Reader, text: str) -> None:
    features = [sentence_features(Marked.of(s, reader.lexicon)) for s in split_sentences(text)]
    turn = reader.models.turn
    message, by_sentence = turn.turn_scores(
        [[name for name, _, _ in group] for group in features], opening_features(features[0])
    )
    for group, scores in zip(features, by_sentence, strict=True):
        assert scores == turn.linear.scores(name for name, _, _ in group)  # summed alike
    expected = turn.linear.scores(document_features(features))  # a set: any order
    assert all(math.isclose(a, b, abs_tol=1e-12) for a, b in zip(message, expected, strict=True))
