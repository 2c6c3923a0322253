"""Odd input never breaks the parser."""

import pytest

from bot.errors import RulesError
from bot.parsing import load_vocabulary


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        ":wave: :tada:",
        "<!channel> <@U123> <https://example.com|link> we do 2k a day",
        "{{ 7*7 }} {% include 'x' %}",
        "\x00\x07 control \u202e characters",
        "word " * 5000,
        "🙂" * 1000,
    ],
)
def test_odd_input_is_read_without_error(read, text) -> None:
    state = read(text)
    assert state.turns == [text[:8_000]]


def test_slack_markup_is_not_read_as_numbers(read) -> None:
    assert (
        read("<@U12345> <#C999|general> we route 2k tickets a day").facts.requests_per_day.value
        == 2000
    )


def test_vocabulary_with_a_bad_pattern_names_the_file_and_the_field(tmp_path) -> None:
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text("negators: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"vocabulary\.yaml: negators: .*bad pattern '\(unclosed'"):
        load_vocabulary(bad)


def test_vocabulary_with_an_unknown_term_says_which(tmp_path) -> None:
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text("terms: {people: [staff]}\nnegators: ['{{peeple}}']\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"unknown term \{\{peeple\}\} \(known: people\)"):
        load_vocabulary(bad)


def test_vocabulary_that_is_not_yaml_gives_the_line(tmp_path) -> None:
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text("negators:\n  - 'a'\n  bad: [\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"vocabulary\.yaml:\d+: not valid YAML"):
        load_vocabulary(bad)


@pytest.mark.parametrize(
    "text",
    [
        "It is about 2 thousand claims in one week.",
        "1.5 million a year, two-and-a-half thousand labelled, 7 out of 10 right",
        "we need 9 out of 10, currently 1 in 4 is wrong",
    ],
)
def test_number_words_and_shares_are_read_without_error(read, text) -> None:
    read(text)  # regression: a renamed table once raised NameError on "2 thousand"


def test_hostile_text_without_sentence_breaks_is_read_in_bounded_pieces() -> None:
    from bot.parsing.text import MAX_SENTENCE, sentences

    text = "<!channel> {{ 7*7 }} " * 500
    pieces = sentences(text, 0)
    assert len(pieces) > 1
    assert all(len(s.original) <= MAX_SENTENCE for s in pieces)


def test_a_very_long_description_is_answered_and_says_what_was_read() -> None:
    from bot.advisor import LONG_TEXT_NOTE, Advisor

    advisor = Advisor()
    long_text = "We classify about 2k support tickets a day. " + "More context here. " * 2000
    advice = advisor.run([long_text])
    assert advice.facts.requests_per_day.value == 2000
    assert LONG_TEXT_NOTE in advice.recommendation.assumptions
    assert LONG_TEXT_NOTE not in Advisor().run(["We classify tickets."]).recommendation.assumptions


def test_vocabulary_rejects_a_pattern_that_ends_with_a_space(tmp_path) -> None:
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text("negators: ['no ']\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"negators: .*'no ' starts or ends with a space"):
        load_vocabulary(bad)
