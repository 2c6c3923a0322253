"""Save as decision record, over HTTP against the fake Slack: a click uploads the advice as
a Markdown record into the thread, and a record of an updated recommendation supersedes
the earlier one."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.advisor import Advisor
from bot.records import Superseded, decision_record
from bot.store import Store
from harness import Call, FakeSlack, ServerProcess, SharedFile, SlackRequests
from harness.reading import as_message, event_type, in_thread, start

FULL = (
    "Support bot answering questions from our internal docs, which change weekly; "
    "20k requests a day; we tried few-shot prompting and it falls short; "
    "no labeled examples; everyday language; no ratings; just tell me"
)
CORRECTION = "we actually have 3k reviewed examples"
SAVE = "save_record"
IGNORED = "ignored a Save as decision record click"


def today() -> date:
    """The day a recommendation given now is dated by (ADVISOR_TIMEZONE is UTC here)."""
    return datetime.now(UTC).date()


def save_button(call: Call) -> tuple[str, dict[str, str]]:
    """The block id and the Save as decision record button of a posted message."""
    for block in call.args.get("blocks") or []:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if element.get("action_id") == SAVE:
                return block["block_id"], element
    raise AssertionError(f"no {SAVE} button on {call.args.get('text')!r}")


@pytest.fixture(scope="module")
def server_store(server: ServerProcess, workdir: Path) -> Iterator[Store]:
    """The server's own database, read from the test."""
    store = Store.open(f"sqlite:///{workdir / 'advisor.db'}")
    yield store
    store.close()


def recorded(store: Store, call: Call) -> None:
    """Wait until the server has stored ``call`` as its recommendation's message (a person
    reads before clicking; a test would otherwise click in between)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = store.find_by_thread(call.args["channel"], call.args["thread_ts"])
        if found and call.ts in [r.message_ts for r in store.recommendations(found.id)]:
            return
        time.sleep(0.02)
    raise AssertionError(f"the server never stored {call.ts} as a recommendation")


@pytest.fixture
def click_save(slack: SlackRequests, server_store: Store, channel: str) -> Callable[..., None]:
    """Click Save as decision record on a posted recommendation; ``value`` or ``channel``
    to forge the click."""

    def click(call: Call, **forged: str) -> None:
        recorded(server_store, call)
        block_id, button = save_button(call)
        answer = slack.click(
            action_id=SAVE,
            value=forged.get("value", button["value"]),
            block_id=block_id,
            message=as_message(call),
            channel=forged.get("channel", channel),
        )
        assert answer.status == 200 and answer.seconds < 3

    return click


def ignored_clicks(server: ServerProcess) -> int:
    """How many Save clicks the server has ignored (each is a line in its log)."""
    return server.log_path.read_text(errors="replace").count(IGNORED)


def shared(fake: FakeSlack, channel: str, count: int) -> list[SharedFile]:
    fake.wait_for(
        "files.completeUploadExternal", count, where=lambda c: c.args.get("channel_id") == channel
    )
    return fake.files(channel)


def test_saving_a_recommendation_uploads_its_decision_record_into_the_thread(
    fake: FakeSlack, slack: SlackRequests, channel: str, click_save: Callable[..., None]
) -> None:
    thread_ts, first = start(fake, slack, channel, FULL)
    assert event_type(first) == "advisor_recommendation"

    click_save(first)

    [record] = shared(fake, channel, 1)
    advice = Advisor().run([FULL])
    assert record.text == decision_record(advice, decided=today(), number=1)
    assert record.thread_ts == thread_ts
    assert record.filename == "decision-record-1.md"
    assert record.title.startswith("Decision record 1: ")
    assert record.length == len(record.content)


def test_a_click_that_comes_before_the_bot_has_recorded_its_message_still_saves(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    """Slack shows the recommendation a moment before the bot has its ts (CI once clicked
    in between, and the click was ignored)."""
    fake.slow_next("chat.postMessage", 0.6, times=2)  # the thread's root, its first message
    thread_ts, first = start(fake, slack, channel, FULL)
    block_id, button = save_button(first)
    slack.click(action_id=SAVE, value=button["value"], block_id=block_id,
                message=as_message(first), channel=channel)  # fmt: skip

    [record] = shared(fake, channel, 1)
    assert record.thread_ts == thread_ts and record.filename == "decision-record-1.md"


def test_a_record_of_the_updated_recommendation_supersedes_the_first(
    fake: FakeSlack, slack: SlackRequests, channel: str, click_save: Callable[..., None]
) -> None:
    thread_ts, first = start(fake, slack, channel, FULL)
    click_save(first)
    shared(fake, channel, 1)

    slack.message(CORRECTION, channel=channel, thread_ts=thread_ts)
    updated = in_thread(fake, channel, thread_ts, 2)[-1]
    assert event_type(updated) == "advisor_recommendation"
    click_save(updated)

    one, two = shared(fake, channel, 2)
    before, after = Advisor().run([FULL]), Advisor().run([FULL, CORRECTION])
    earlier = Superseded(1, today(), before.recommendation.strategy.value)
    assert two.text == decision_record(after, decided=today(), number=2, supersedes=earlier)
    assert "- **Supersedes:** decision record 1 of this thread" in two.text
    assert two.filename == "decision-record-2.md" and two.thread_ts == thread_ts
    assert two.initial_comment is not None and "supersedes record 1" in two.initial_comment
    assert one.text == decision_record(before, decided=today(), number=1)


def test_the_first_record_saved_after_an_update_says_it_was_superseded(
    fake: FakeSlack, slack: SlackRequests, channel: str, click_save: Callable[..., None]
) -> None:
    thread_ts, first = start(fake, slack, channel, FULL)
    slack.message(CORRECTION, channel=channel, thread_ts=thread_ts)
    in_thread(fake, channel, thread_ts, 2)

    click_save(first)

    [record] = shared(fake, channel, 1)
    before = Advisor().run([FULL])
    assert record.text == decision_record(before, decided=today(), number=1, superseded_by=2)
    assert "- **Status:** Superseded by decision record 2 of this thread" in record.text


def test_a_click_from_another_channel_or_for_another_consultation_uploads_nothing(
    fake: FakeSlack,
    slack: SlackRequests,
    channel: str,
    server: ServerProcess,
    click_save: Callable[..., None],
) -> None:
    _, first = start(fake, slack, channel, FULL)
    ignored = ignored_clicks(server)
    click_save(first, channel="COTHER")
    click_save(first, value='{"c": "not-a-consultation"}')
    click_save(first, value="not json")

    deadline = time.monotonic() + 15
    while ignored_clicks(server) < ignored + 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ignored_clicks(server) == ignored + 3
    assert fake.files() == []


def test_when_slack_refuses_the_upload_the_user_is_told_privately(
    fake: FakeSlack, slack: SlackRequests, channel: str, click_save: Callable[..., None]
) -> None:
    _, first = start(fake, slack, channel, FULL)
    fake.fail_next("files.getUploadURLExternal", error="not_in_channel")

    click_save(first)

    told = fake.wait_for("chat.postEphemeral", where=lambda c: c.args.get("channel") == channel)
    assert "couldn't save the decision record" in told[0].args["text"]
    assert told[0].args["user"] == "U1"
    assert fake.files(channel) == []
