"""What a digest says about a week of consultations, and how it shows it in Slack."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from digest_helpers import TEAM, consultation

from bot.digest.blocks import EVENT_TYPE, digest_message, digest_metadata, list_sections
from bot.digest.content import Digest, build_digest
from bot.digest.schedule import Frequency, Period
from bot.slackkit.blocks import MAX_BLOCKS, MAX_SECTION_TEXT
from bot.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
WEEK = Period(datetime(2026, 11, 16, 9, tzinfo=BERLIN), datetime(2026, 11, 23, 9, tzinfo=BERLIN))
FACTS = "ft-does-not-teach-facts"
NAMES = {"UANA": "Ana", "UBEN": "Ben <!channel>", "UCAT": "Cat"}


def on(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def a_week(store: Store) -> Digest:
    """Five consultations in the week (one still waiting), three outside it."""
    consultation(store, on(16, 8, 59), "before the week started")
    consultation(store, on(16), "Teach the model our product catalogue", warnings=(FACTS,))
    consultation(
        store, on(17), "Fine-tune on our wiki so it knows it", user="UBEN",
        warnings=(FACTS, "no-baseline"),
    )  # fmt: skip
    consultation(
        store, on(18), "Classify 5k tickets a day", strategy="prompt_engineering",
        user="UCAT", warnings=("no-baseline",),
    )  # fmt: skip
    consultation(
        store, on(19), "Answer HR questions <!channel> <@U999> & friends",
        warnings=(FACTS, "cost-motive"),
    )  # fmt: skip
    consultation(store, on(20), "Summarise sales calls", strategy=None, user="UBEN")
    consultation(store, on(23, 9), "the next week")
    consultation(store, on(18), "another channel", channel="C2")
    found = store.consultations_in(TEAM, "C1", WEEK.start, WEEK.end)
    return build_digest(
        team_id=TEAM,
        channel_id="C1",
        frequency=Frequency.WEEKLY,
        period=WEEK,
        consultations=found,
        recommendations={c.id: store.recommendations(c.id) for c in found},
    )


def shown(digest: Digest) -> str:
    message = digest_message(digest, BERLIN, names=NAMES)
    return json.dumps({"text": message.text, "blocks": message.block_dicts()}, ensure_ascii=False)


def test_a_week_counts_consultations_by_strategy_and_lists_the_waiting_ones(
    store: Store,
) -> None:
    digest = a_week(store)
    assert digest.consultations == 5
    assert digest.by_strategy == {"rag": 3, "prompt_engineering": 1}
    assert [line.description for line in digest.waiting] == ["Summarise sales calls"]
    assert digest.advised[0].description == ("Teach the model our product catalogue")


def test_the_most_frequent_warnings_come_first(store: Store) -> None:
    digest = a_week(store)
    assert [(w.rule, w.count) for w in digest.top_warnings] == [
        (FACTS, 3),
        ("no-baseline", 2),
        ("cost-motive", 1),
    ]
    assert "3 consultations wanted fine-tuning to teach facts" in shown(digest)


def test_the_message_shows_each_consultation_with_its_strategy_and_thread_link(
    store: Store,
) -> None:
    digest = a_week(store)
    links = {
        line.consultation_id: f"https://x.slack.com/{i}" for i, line in enumerate(digest.lines)
    }
    message = digest_message(digest, BERLIN, names=NAMES, links=links)
    text = json.dumps(message.block_dicts(), ensure_ascii=False)
    assert (
        "<https://x.slack.com/0|Teach the model our product catalogue> → *RAG (retrieval)*" in text
    )
    assert "Classify 5k tickets a day> → *Better prompting* (asked by Cat)" in text
    assert "*5 consultations* in this channel from Mon 16 Nov 09:00 to Mon 23 Nov 09:00" in text
    assert "RAG (retrieval) 3 · Better prompting 1 · still waiting 1" in text
    assert "Still waiting for answers" in text and "Summarise sales calls" in text
    assert "5 consultations" in message.text


def test_people_are_named_without_being_pinged(store: Store) -> None:
    text = shown(a_week(store))
    assert "asked by Ana" in text
    assert "<@" not in text
    assert "asked by Ben &lt;!channel&gt;" in text


def test_a_mention_in_a_description_is_escaped(store: Store) -> None:
    text = shown(a_week(store))
    assert "Answer HR questions &lt;!channel&gt; &lt;@U999&gt; &amp; friends" in text
    assert "<!channel>" not in text and "<@U999>" not in text


def test_a_warning_without_a_gist_shows_its_text_escaped(store: Store) -> None:
    digest = a_week(store)
    unknown = digest.top_warnings[2].__class__("new-rule", "Mind <b>this</b>", 1)
    text = json.dumps(
        digest_message(
            Digest(**{**digest.__dict__, "top_warnings": (unknown,)}), BERLIN
        ).block_dicts()
    )
    assert "1 consultation was warned: Mind &lt;b&gt;this&lt;/b&gt;" in text


def test_the_metadata_carries_channel_period_and_counts(store: Store) -> None:
    metadata = digest_metadata(a_week(store))
    assert metadata.event_type == EVENT_TYPE == "advisor_digest"
    assert metadata.event_payload == {
        "channel": "C1",
        "period_start": "2026-11-16T09:00:00+01:00",
        "period_end": "2026-11-23T09:00:00+01:00",
        "consultations": 5,
        "by_strategy": {"rag": 3, "prompt_engineering": 1},
    }


def test_an_empty_period_says_nobody_asked() -> None:
    digest = build_digest(
        team_id=TEAM, channel_id="C1", frequency=Frequency.DAILY,
        period=WEEK, consultations=[], recommendations={},
    )  # fmt: skip
    assert digest.is_empty and digest.by_strategy == {}
    assert "Nobody asked the advisor anything" in shown(digest)


def test_a_busy_week_stays_within_slack_limits_and_counts_the_rest(store: Store) -> None:
    for i in range(120):
        consultation(store, on(17, 10, i % 60), f"use case {i} " + "long words " * 40)
    found = store.consultations_in(TEAM, "C1", WEEK.start, WEEK.end)
    digest = build_digest(
        team_id=TEAM, channel_id="C1", frequency=Frequency.WEEKLY, period=WEEK,
        consultations=found, recommendations={c.id: store.recommendations(c.id) for c in found},
    )  # fmt: skip
    blocks = json.loads(json.dumps(digest_message(digest, BERLIN).block_dicts()))
    assert len(blocks) <= MAX_BLOCKS
    texts = [str((b.get("text") or {}).get("text", "")) for b in blocks]
    assert all(len(t) <= MAX_SECTION_TEXT for t in texts)
    assert any("… and 80 more" in t for t in texts)


def test_list_sections_split_long_lists_at_3000_characters() -> None:
    sections = list_sections("*Title*", ["x" * 1000] * 5)
    assert len(sections) == 3
    assert all(len(s.to_dict()["text"]["text"]) <= MAX_SECTION_TEXT for s in sections)
