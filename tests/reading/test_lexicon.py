"""The lexicon (vocabulary.yaml): every list and scope is found in its example sentences;
a malformed file is reported with what is wrong."""

from __future__ import annotations

import pytest

from bot.paths import vocabulary_path
from bot.reading.features import scopes
from bot.reading.lexicon import LexiconError, build_lexicon, load_lexicon
from bot.reading.tokens import split_sentences

LEXICON = load_lexicon(vocabulary_path())


@pytest.mark.parametrize("name", sorted(LEXICON.examples))
def test_every_list_and_scope_is_found_in_its_examples(name: str) -> None:
    examples = LEXICON.examples[name]
    assert examples, f"{name} has no example sentence"
    for example in examples:
        sentence = split_sentences(example)[0]
        found = {n for n, _, _ in LEXICON.matches(sentence.tokens)}
        found |= set().union(*scopes(sentence.tokens, LEXICON))
        assert name in found, f"{name!r} not found in {example!r}"


def test_an_unknown_scope_is_named() -> None:
    with pytest.raises(LexiconError, match="unknown scope 'maybe'"):
        build_lexicon({"scopes": {"maybe": {"words": ["if"]}}})


def test_an_unquoted_yes_or_no_is_explained() -> None:
    with pytest.raises(LexiconError, match="quote yes, no"):
        build_lexicon({"lists": {"answers": {"words": [False]}}})


def test_a_motive_must_name_lists_that_exist() -> None:
    with pytest.raises(LexiconError, match="unknown list 'nope'"):
        build_lexicon({"lists": {"a": {"words": ["x"]}}, "motives": {"cost": ["nope"]}})


def test_the_audience_words_come_from_the_vocabulary() -> None:
    from bot.case import TaskDetails
    from bot.reading import details

    def audience(text: str, lexicon: object) -> str | None:
        found = details.read(split_sentences(text), TaskDetails(), lexicon)  # type: ignore[arg-type]
        return found.audience

    assert audience("Draft replies for our customers.", LEXICON) == "customers"
    assert audience("A patient-facing summary.", LEXICON) == "patients"
    own = build_lexicon({"audiences": {"readers": ["farmers"], "facing": ["grower"]}})
    assert audience("Draft replies for our farmers.", own) == "farmers"
    assert audience("A grower-facing summary.", own) == "growers"
    assert audience("Customer facing bots.", LEXICON) == "customers"
    assert audience("Draft replies for our customers.", own) is None


def test_an_audience_must_be_single_lowercase_words() -> None:
    with pytest.raises(LexiconError, match="audiences: readers: a list of single lowercase"):
        build_lexicon({"audiences": {"readers": ["our customers"]}})


def test_a_reply_to_the_question_asked_is_taken_from_the_answer_threshold() -> None:
    by_fact = {"style_consistency": 0.3}
    confidence = {"accept": 0.55, "confirm": 0.25, "answer": 0.4, "accept_by_fact": by_fact}
    t = build_lexicon({"confidence": confidence}).thresholds
    assert t.accepts("needs_knowledge") == 0.55
    assert t.accepts("needs_knowledge", asked=True) == 0.4
    assert t.accepts("style_consistency", asked=True) == 0.3, "never stricter than unasked"
    assert build_lexicon({}).thresholds.accepts("x", asked=True) == 0.25, "confirm by default"
    with pytest.raises(LexiconError, match="answer must be between 0 and 1"):
        build_lexicon({"confidence": {"answer": 1.5}})
