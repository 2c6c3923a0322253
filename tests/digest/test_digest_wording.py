"""Every line of a digest that holds a count says it in agreement: "1 consultation was
told", "2 consultations were told", "0 consultations"."""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.digest import wording
from bot.digest.blocks import digest_message
from bot.digest.content import Digest, DigestLine, WarningCount
from bot.digest.schedule import Frequency, Period

UTC = ZoneInfo("UTC")
DAY = Period(datetime(2026, 11, 22, 9, tzinfo=UTC), datetime(2026, 11, 23, 9, tzinfo=UTC))
COUNTS = (0, 1, 2)
UNLISTED = "a-rule-without-a-gist"
COUNTED = re.compile(
    r"\b(?P<n>\d+) (?:other )?(?P<noun>consultation|digest|outcome)(?P<s>s|\(s\))?"
    r"(?![a-z])(?: (?P<verb>was|were)\b)?"
)


def agrees(text: str) -> list[str]:
    """Every "N consultation(s) [was|were]" (or digest, outcome) in ``text`` whose noun or
    verb does not agree with N; "digest(s)" never does."""
    wrong = []
    for match in COUNTED.finditer(text):
        one = int(match["n"]) == 1
        noun_ok = match["s"] != "(s)" and (match["s"] is None) == one
        verb_ok = match["verb"] is None or (match["verb"] == "was") == one
        if not (noun_ok and verb_ok):
            wrong.append(match.group(0))
    return wrong


def test_the_agreement_check_catches_what_the_digest_used_to_say() -> None:
    assert agrees("• 1 consultation were told how") == ["1 consultation were"]
    assert agrees("1 digest(s) posted, 1 other outcome(s).") == [
        "1 digest(s)",
        "1 other outcome(s)",
    ]
    assert agrees("*1 consultations*, 2 digest(s)") == ["1 consultations", "2 digest(s)"]


def every_warning(count: int) -> tuple[WarningCount, ...]:
    rules = [*wording.WARNING_GISTS, UNLISTED]
    return tuple(WarningCount(rule, "Mind the gap.", count) for rule in rules)


def digest_of(count: int) -> Digest:
    """``count`` advised consultations, ``count`` still waiting, every warning ``count`` times."""
    advised = [DigestLine(f"a{i}", "UANA", f"use case {i}", "rag", None) for i in range(count)]
    waiting = [DigestLine(f"w{i}", "UBEN", f"waiting {i}", None, None) for i in range(count)]
    return Digest(
        team_id="T1",
        channel_id="C1",
        frequency=Frequency.DAILY,
        period=DAY,
        lines=(*advised, *waiting),
        top_warnings=every_warning(count),
    )


def rendered(digest: Digest) -> str:
    message = digest_message(digest, UTC)
    return json.dumps({"text": message.text, "blocks": message.block_dicts()}, ensure_ascii=False)


@pytest.mark.parametrize("count", COUNTS)
def test_every_line_of_a_digest_agrees_with_its_count(count: int) -> None:
    lines = [
        wording.summary(count, "Sun 22 Nov 09:00", "Mon 23 Nov 09:00", "UTC"),
        wording.strategy_count("RAG (retrieval)", count),
        wording.strategy_count(wording.STILL_WAITING, count),
        wording.MORE.format(count=count),
        wording.run_summary(count, count),
        *(wording.warning_line(w.rule, w.text, w.count) for w in every_warning(count)),
    ]
    assert [line for line in lines if agrees(line)] == []
    assert all(str(count) in line for line in lines)


@pytest.mark.parametrize("count", COUNTS)
def test_a_whole_digest_agrees_with_its_counts(count: int) -> None:
    text = rendered(digest_of(count))
    assert agrees(text) == []
    assert f"{count * 2} consultation" in text


def test_one_consultation_was_told_and_two_were_told() -> None:
    one = rendered(digest_of(1))
    assert "*2 consultations* in this channel" in one
    assert "• 1 consultation was told how to fine-tune with discipline" in one
    assert "• 1 consultation was warned that hosted fine-tunes expire" in one
    assert "• 1 consultation wanted fine-tuning to teach facts" in one
    two = wording.warning_line("fine-tuning-discipline", "", 2)
    assert two == "• 2 consultations were told how to fine-tune with discipline"


def test_a_warning_without_a_gist_says_the_consultations_were_warned_of_its_text() -> None:
    assert wording.warning_line(UNLISTED, "Mind the gap.", 1) == (
        "• 1 consultation was warned: Mind the gap."
    )
    assert wording.warning_line(UNLISTED, "Mind the gap.", 0) == (
        "• 0 consultations were warned: Mind the gap."
    )


def test_the_summary_names_one_consultation_in_the_singular() -> None:
    assert (
        wording.summary(1, "a", "b", "UTC") == "*1 consultation* in this channel from a to b (UTC)."
    )
    assert wording.consultations(0) == "0 consultations"
    assert wording.consultations(2) == "2 consultations"
