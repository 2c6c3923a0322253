"""What a confirmation quotes: the clause around the words a reading came from, so the
user can tell what is being confirmed ("You wrote “90”" could be anything)."""

from __future__ import annotations

from bot.reading.quoting import in_context


def around(text: str, words: str, limit: int = 120) -> str:
    start = text.index(words)
    return in_context(text, start, start + len(words), limit)


def test_a_number_is_quoted_with_its_clause() -> None:
    text = "We have about 90 examples from the pilot. Our best prompt gets 80%."
    assert around(text, "90") == "We have about 90 examples from the pilot"


def test_a_decimal_point_or_a_clock_time_does_not_end_the_clause() -> None:
    text = "Latency went from 3.5 s to 9:30 min, so agents wait. Fine otherwise."
    assert around(text, "agents") == "Latency went from 3.5 s to 9:30 min, so agents wait"


def test_a_speakers_name_and_a_bullet_are_left_out() -> None:
    assert around("- maria.k: we keep 600 reviewed tickets", "600") == (
        "we keep 600 reviewed tickets"
    )


def test_a_long_sentence_is_taken_between_commas() -> None:
    text = (
        "We run the support desk for three countries, the agents answer from the wiki "
        "that changes every week, and the tickets come in by email and chat all day long"
    )
    assert around(text, "changes every week", 60) == (
        "the agents answer from the wiki that changes every week"
    )


def test_a_clause_still_too_long_is_cut_at_spaces_with_an_ellipsis() -> None:
    text = "word " * 30 + "the answers come from the wiki " + "word " * 30
    quoted = around(text, "from the wiki", 50)
    assert quoted.startswith("…") and quoted.endswith("…") and "from the wiki" in quoted
    assert len(quoted) <= 52 and " wor…" not in quoted


def test_chinese_is_taken_between_its_own_commas() -> None:
    text = "我们有大量的法律文书，质量不高，但是希望模型能学会我们的写法。"
    assert around(text, "质量", 20) == "质量不高"


def test_words_longer_than_the_limit_are_quoted_as_they_are() -> None:
    text = "x" * 200
    assert in_context(text, 10, 150, 120) == "x" * 140
