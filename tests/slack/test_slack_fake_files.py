"""The fake Slack takes files the way slack_sdk's files_upload_v2 sends them (an upload URL
per file, the bytes, then completeUploadExternal) and records what was shared where."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from harness import FakeSlack


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as running:
        yield running


def test_an_uploaded_file_is_recorded_with_its_bytes_name_and_thread(fake: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=fake.base_url)
    content = "# Décision\n\n- one\n"
    client.files_upload_v2(
        channel="C1",
        thread_ts="1700000000.000001",
        content=content,
        filename="decision-record.md",
        title="Decision record",
        initial_comment="Saved.",
    )
    [shared] = fake.files()
    assert shared.text == content and shared.length == len(content.encode())
    assert (shared.filename, shared.title) == ("decision-record.md", "Decision record")
    assert (shared.channel, shared.thread_ts) == ("C1", "1700000000.000001")
    assert shared.initial_comment == "Saved."


def test_each_upload_is_a_new_file_in_its_own_channel(fake: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=fake.base_url)
    client.files_upload_v2(channel="C1", content="first", filename="a.md")
    client.files_upload_v2(channel="C2", content="second", filename="b.md")
    assert [(f.id, f.text) for f in fake.files()] == [("F1", "first"), ("F2", "second")]
    assert [f.text for f in fake.files("C2")] == ["second"]
    fake.reset()
    assert fake.files() == []


def test_completing_an_upload_whose_bytes_never_arrived_is_refused(fake: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=fake.base_url)
    started = client.files_getUploadURLExternal(filename="a.md", length=3)
    with pytest.raises(SlackApiError, match="file_not_found"):
        client.files_completeUploadExternal(files=[{"id": started["file_id"]}], channel_id="C1")
    assert fake.files() == []
