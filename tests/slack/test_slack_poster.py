"""Posting through the real WebClient to the fake Slack: metadata, snippets, retries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk.errors import SlackApiError

from bot.settings import load_settings
from bot.slack.blocks import Message, section
from bot.slack.metadata import notice_metadata
from bot.slack.poster import Poster
from bot.slackkit.client import make_client
from bot.slackkit.errors import slack_error
from harness import FakeSlack
from harness.database import open_store


@pytest.fixture
def poster(tmp_path: Path) -> Iterator[tuple[Poster, FakeSlack]]:
    with FakeSlack() as fake:
        settings = load_settings(
            slack_bot_token="xoxb-test",
            slack_signing_secret="s",
            slack_api_url=fake.base_url,
            slack_retry_count=1,
            slack_retry_backoff=0.01,
        )
        store = open_store(f"sqlite:///{tmp_path / 'advisor.db'}")
        yield Poster(make_client(settings), store), fake
        store.close()


def test_a_long_prompt_is_uploaded_as_a_snippet_in_the_thread(
    poster: tuple[Poster, FakeSlack],
) -> None:
    posting, fake = poster
    message = Message(text="advice", blocks=[section("advice")], snippet="You are ...\n" * 500)
    posting.post(message, channel="C1", thread_ts="1.1", kind="recommendation")
    complete = fake.wait_for("files.completeUploadExternal")[0]
    assert complete.args["channel_id"] == "C1" and complete.args["thread_ts"] == "1.1"
    assert fake.wait_for("upload")[0].args["content"] == "You are ...\n" * 500


def test_a_posted_message_is_recorded_with_its_metadata(poster: tuple[Poster, FakeSlack]) -> None:
    posting, fake = poster
    ts = posting.post(
        Message(text="hi", blocks=[section("hi")]),
        channel="C1",
        thread_ts=None,
        kind="root",
        metadata=notice_metadata("c-1", "root"),
        consultation_id=None,
    )
    assert fake.calls_to("chat.postMessage")[0].args["metadata"]["event_type"] == "advisor_notice"
    assert ts


def test_an_error_beyond_the_retries_is_raised_with_its_code(
    poster: tuple[Poster, FakeSlack],
) -> None:
    posting, fake = poster
    fake.fail_next("chat.postMessage", error="channel_not_found")
    with pytest.raises(SlackApiError) as err:
        posting.post(Message(text="x"), channel="C9", thread_ts=None, kind="root")
    assert slack_error(err.value) == "channel_not_found"
    fake.fail_next("chat.postMessage", times=2, status=500)
    with pytest.raises(SlackApiError):
        posting.post(Message(text="x"), channel="C9", thread_ts=None, kind="root")
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [200, 500, 500]
