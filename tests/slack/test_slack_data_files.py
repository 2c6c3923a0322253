"""A training-data file shared in a consultation's thread, end to end: the real server, the
fake Slack serving files.info and the download on loopback. The thread gets a short report
and an updated recommendation; a file too big, of another type, off Slack's host or whose
download fails gets a notice; nothing of the file is kept but its report."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from harness import FakeSlack, ServerProcess, SlackRequests
from harness.datafiles import chat, generate
from harness.fake_files import HostedFile
from harness.fake_slack import BOT_USER_ID, Call
from harness.reading import as_message, event_type, in_thread, payload, shown, start

TRIAGE = (
    "We classify about 20k support tickets a day into 12 queues. Our best prompt gets 80% "
    "and we need 95%. We have 3,000 reviewed examples."
)
SETTLE_SECONDS = 1.5
"""How long to wait for a post that must not come."""


def jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def tickets(unique: int, repeated: int = 0) -> bytes:
    rows = generate("chat", unique)
    return jsonl(rows + rows[:repeated])


def advised(fake: FakeSlack, slack: SlackRequests, channel: str) -> tuple[str, int]:
    """A consultation given its first recommendation: the thread, and its messages so far."""
    thread_ts, _ = start(fake, slack, channel, TRIAGE)
    slack.message("skip", channel=channel, thread_ts=thread_ts)
    posted = in_thread(fake, channel, thread_ts, 2)
    assert event_type(posted[-1]) == "advisor_recommendation"
    assert payload(posted[-1])["facts"]["labeled_examples"] == 3000
    time.sleep(0.5)  # its answer saves the state just after posting; a reply now is a new turn
    return thread_ts, len(posted)


def share(
    fake: FakeSlack,
    slack: SlackRequests,
    channel: str,
    thread_ts: str | None,
    name: str,
    content: bytes,
    *,
    text: str = "",
    via: tuple[str, ...] = ("message",),
    **declared: Any,
) -> HostedFile:
    """Share a file as Slack tells the bot: a ``file_share`` message, a ``file_shared``
    event, or both (each names the file's id; the URL is only in files.info)."""
    ts = slack.next_ts()
    hosted = fake.hosted.host(
        name, content, channel=channel, ts=ts, thread_ts=thread_ts, **declared
    )
    if "message" in via:
        slack.message(
            text,
            channel=channel,
            thread_ts=thread_ts,
            ts=ts,
            subtype="file_share",
            files=[{"id": hosted.id, "name": name, "mode": "hosted"}],
        )
    if "event" in via:
        slack.event(
            {
                "type": "file_shared",
                "channel_id": channel,
                "file_id": hosted.id,
                "user_id": "U1",
                "file": {"id": hosted.id},
                "event_ts": ts,
            }
        )
    return hosted


def downloads(fake: FakeSlack, hosted: HostedFile) -> list[Call]:
    return [c for c in fake.calls_to("download") if hosted.id in c.args["path"]]


def test_a_file_shared_in_the_thread_gets_a_report_and_an_updated_recommendation(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    hosted = share(fake, slack, channel, thread_ts, "tickets.jsonl", tickets(1140, 60))

    report, update = in_thread(fake, channel, thread_ts, before + 2)[before:]
    assert payload(report) == {
        "consultation_id": payload(update)["consultation_id"],
        "kind": "data_report",
    }
    text = shown(report)
    assert "Checked tickets.jsonl" in text
    assert "tickets.jsonl: chat, 1,200 rows, 1,200 valid, 1,140 unique valid" in text
    assert "60 duplicates, 0 conflicts (5% of the valid rows)" in text
    assert "suggested split: 912 train / 114 validation / 114 test" in text
    assert "Fix before training" in text and "deduplicate before training" in text

    assert event_type(update) == "advisor_recommendation"
    assert payload(update)["facts"]["labeled_examples"] == 1140
    assert payload(update)["strategy"] == "fine_tuning"
    assert "Updated recommendation: Fine-tuning" in shown(update)
    assert "you said 3,000 examples; the file holds 1,140 unique valid ones" in shown(update)
    assert "labeled examples 3,000" not in shown(update), "said once, as measured"

    [download] = downloads(fake, hosted)
    assert download.args["authorization"] == "Bearer xoxb-test"
    assert [c.args["file"] for c in fake.calls_to("files.info")] == [hosted.id]


def test_a_file_that_changes_the_strategy_says_so_in_the_update(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    share(fake, slack, channel, thread_ts, "tickets.jsonl", tickets(40))
    update = in_thread(fake, channel, thread_ts, before + 2)[-1]
    assert payload(update)["strategy"] == "prompt_engineering"
    assert payload(update)["facts"]["labeled_examples"] == 40
    assert "you said 3,000 examples; the file holds 40 unique valid ones" in shown(update)
    assert "strategy Fine-tuning → Better prompting" in shown(update)


def test_a_file_slack_announces_twice_is_measured_once(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    hosted = share(
        fake, slack, channel, thread_ts, "tickets.jsonl", tickets(200), via=("event", "message")
    )
    in_thread(fake, channel, thread_ts, before + 2)
    time.sleep(SETTLE_SECONDS)
    assert len(in_thread(fake, channel, thread_ts, before + 2)) == before + 2
    assert len(downloads(fake, hosted)) == 1


def test_a_file_announced_only_by_its_file_shared_event_is_measured(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    share(fake, slack, channel, thread_ts, "tickets.jsonl", tickets(200), via=("event",))
    update = in_thread(fake, channel, thread_ts, before + 2)[-1]
    assert payload(update)["facts"]["labeled_examples"] == 200


def test_words_shared_with_a_file_are_answered_with_it_in_one_update(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    words = "here is our data; we must run it on our own servers"
    share(fake, slack, channel, thread_ts, "tickets.jsonl", tickets(300), text=words)
    report, update = in_thread(fake, channel, thread_ts, before + 2)[before:]
    assert payload(report)["kind"] == "data_report"
    assert payload(update)["facts"]["labeled_examples"] == 300
    assert payload(update)["facts"]["self_hosted"] is True
    time.sleep(SETTLE_SECONDS)
    assert len(in_thread(fake, channel, thread_ts, before + 2)) == before + 2


def test_a_file_shared_while_questions_are_open_says_what_it_changed_under_its_report(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, questions = start(fake, slack, channel, TRIAGE)
    assert event_type(questions) == "advisor_questions"
    share(fake, slack, channel, thread_ts, "tickets.jsonl", tickets(1140, 60))
    report, following = in_thread(fake, channel, thread_ts, 3)[1:]
    assert "What it changes:* you said 3,000 examples; the file holds 1,140" in shown(report)
    assert event_type(following) == "advisor_questions"
    assert "preference_data" not in payload(following)["facts"], "measured: no longer asked"


def test_a_file_over_50_mb_is_refused_before_anything_is_downloaded(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    hosted = share(
        fake, slack, channel, thread_ts, "huge.jsonl", tickets(10), size=60 * 1024 * 1024
    )
    notice = in_thread(fake, channel, thread_ts, before + 1)[-1]
    assert payload(notice)["kind"] == "data_refused"
    assert "huge.jsonl: larger than 50 MB; check a sample of it, or split it" in shown(notice)
    time.sleep(SETTLE_SECONDS)
    assert downloads(fake, hosted) == []
    assert len(in_thread(fake, channel, thread_ts, before + 1)) == before + 1, "no update"


def test_a_file_of_another_type_is_refused_with_the_types_it_takes(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    hosted = share(fake, slack, channel, thread_ts, "diagram.png", b"\x89PNG\r\n\x1a\n")
    notice = in_thread(fake, channel, thread_ts, before + 1)[-1]
    assert "diagram.png: not a JSONL, JSON or CSV file" in shown(notice)
    assert downloads(fake, hosted) == []


def test_a_file_whose_download_fails_gets_a_notice_and_changes_nothing(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    fake.fail_next("download", status=500)
    share(fake, slack, channel, thread_ts, "tickets.jsonl", tickets(40))
    notice = in_thread(fake, channel, thread_ts, before + 1)[-1]
    assert payload(notice)["kind"] == "data_not_downloaded"
    assert "couldn't get tickets.jsonl from Slack just now" in shown(notice)
    assert "upload it again" in shown(notice)
    time.sleep(SETTLE_SECONDS)
    assert len(in_thread(fake, channel, thread_ts, before + 1)) == before + 1, "no update"

    slack.message("and it must run on our own servers", channel=channel, thread_ts=thread_ts)
    update = in_thread(fake, channel, thread_ts, before + 2)[-1]
    assert payload(update)["facts"]["labeled_examples"] == 3000, "the claim stands"


def test_a_file_whose_url_is_off_slacks_file_host_is_never_requested(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    with FakeSlack() as elsewhere:
        url = elsewhere.base_url.replace("/api/", "/files-pri/T1-F9/tickets.jsonl")
        share(fake, slack, channel, thread_ts, "tickets.jsonl", tickets(40), url=url)
        notice = in_thread(fake, channel, thread_ts, before + 1)[-1]
        assert "tickets.jsonl: not a file stored in Slack" in shown(notice)
        assert elsewhere.calls == []


def test_a_file_shared_outside_a_consultations_thread_is_ignored(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    _, before = advised(fake, slack, channel)
    share(fake, slack, channel, None, "top.jsonl", tickets(40), via=("message", "event"))
    other = slack.next_ts()
    share(fake, slack, channel, other, "other.jsonl", tickets(40), via=("message", "event"))
    time.sleep(SETTLE_SECONDS)
    assert fake.calls_to("download") == []
    posted = [c for c in fake.calls_to("chat.postMessage") if c.args.get("channel") == channel]
    assert len(posted) == 1 + before, "the root message and the thread so far, nothing more"


def test_the_bots_own_uploads_are_not_measured(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, _ = advised(fake, slack, channel)
    hosted = fake.hosted.host(
        "decision-record-1.md",
        b"# record",
        channel=channel,
        ts=slack.next_ts(),
        thread_ts=thread_ts,
    )
    slack.event(
        {
            "type": "file_shared",
            "channel_id": channel,
            "file_id": hosted.id,
            "user_id": BOT_USER_ID,
            "event_ts": hosted.ts,
        }
    )
    time.sleep(SETTLE_SECONDS)
    assert fake.calls_to("files.info") == []


def test_the_file_is_kept_as_its_report_never_its_content(
    fake: FakeSlack, slack: SlackRequests, channel: str, server: ServerProcess, workdir: Path
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    canary = "zanzibar-quokka-4471"
    rows = [chat(f"{canary} question {i}", f"answer {i} for {canary}") for i in range(50)]
    share(fake, slack, channel, thread_ts, "secret.jsonl", jsonl(rows))
    update = in_thread(fake, channel, thread_ts, before + 2)[-1]
    assert payload(update)["facts"]["labeled_examples"] == 50

    stored = b"".join(p.read_bytes() for p in workdir.iterdir() if p.name.startswith("advisor.db"))
    assert b"secret.jsonl" in stored, "the report (with the file's name) is kept"
    assert canary.encode() not in stored
    log = server.log_path.read_text(errors="replace")
    assert canary not in log and "secret.jsonl" not in log
    assert "unique valid" in log, "the log says what was measured, in counts"


def test_the_decision_record_shows_the_measured_figure_and_where_it_came_from(
    fake: FakeSlack, slack: SlackRequests, channel: str
) -> None:
    thread_ts, before = advised(fake, slack, channel)
    share(fake, slack, channel, thread_ts, "tickets.jsonl", tickets(40))
    update = in_thread(fake, channel, thread_ts, before + 2)[-1]
    button = next(
        e
        for b in update.args["blocks"]
        if b.get("type") == "actions"
        for e in b["elements"]
        if e["action_id"].startswith("save_record")
    )
    time.sleep(0.5)  # a person reads before clicking: the post's ts is stored by then
    slack.click(
        action_id=button["action_id"],
        value=button["value"],
        block_id="decision_record",
        message=as_message(update),
        channel=channel,
    )
    fake.wait_for(
        "files.completeUploadExternal", where=lambda c: c.args.get("channel_id") == channel
    )
    [record] = fake.files(channel)
    assert "measured from tickets.jsonl" in record.text
