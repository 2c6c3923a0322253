"""A training-data file shared in a consultation's thread, measured: its figures become the
consultation's facts, and the thread gets a short report and an updated recommendation.

This is a ``file`` job (bot/slack/jobs.py), run off the request path. It starts from a
file id, never a URL: from a ``file_share`` message in the thread (the consultation is
known), or a ``file_shared`` event (``files.info`` says in which thread it was shared;
a file shared anywhere else is ignored). Each share is handled once, whichever of the two
arrives first or how often Slack re-delivers them.

The file is fetched from Slack and checked as it streams (bot/slack/shared_files.py);
nothing of it is kept but the data check's report, stored as a turn of the consultation
(bot/slack/measured.py) and answered like a reply, under the consultation's lease. A file
that is refused (too large, another type, not in Slack, unreadable) or that could not be
fetched gets a short notice in the thread instead, posted under the lease too. The log
says which file, and the report's counts: never its name or content.
"""

from __future__ import annotations

import logging
import time

from bot.datacheck import DataReport
from bot.errors import DataFileError
from bot.slack import blocks, wording
from bot.slack.conversation import Conversations
from bot.slack.measured import DATA_FILE_TURN
from bot.slack.metadata import notice_metadata
from bot.slack.shared_files import DownloadFailed, FileRefused, SlackFile, SlackFiles
from bot.slackkit.mrkdwn import escape, one_line
from bot.store import Consultation, lease
from bot.store.lease import LEASE_SECONDS

log = logging.getLogger(__name__)

LEASE_WAIT_SECONDS = 2 * LEASE_SECONDS
"""How long a notice waits for an answer in progress to release the consultation."""


def measure_shared(
    conversations: Conversations,
    *,
    channel_id: str,
    file_id: str,
    user_id: str,
    consultation_id: str = "",
    ts: str = "",
) -> None:
    """Measure a file shared in ``channel_id``: in the thread of ``consultation_id`` by the
    message ``ts`` (a ``file_share`` message), or wherever ``files.info`` says it was
    shared in that channel (a ``file_shared`` event)."""
    store = conversations.store
    files = SlackFiles(conversations.poster.client)
    if consultation_id:
        found = store.get(consultation_id)
        if found is not None and found.channel_id == channel_id and not found.ended:
            _measure_once(conversations, files, found, ts, file_id, user_id)
        return
    try:
        file = files.info(file_id)
    except DownloadFailed as err:
        log.warning("file %s shared in %s: %s; ignored", file_id, channel_id, err)
        return
    for share in file.shares:
        if share.channel != channel_id or not share.thread_ts or share.thread_ts == share.ts:
            continue
        found = store.find_by_thread(channel_id, share.thread_ts)
        if found is not None and found.root_ts != share.ts and not found.ended:
            _measure_once(conversations, files, found, share.ts, file_id, user_id, file)


def share_key(channel_id: str, share_ts: str) -> str:
    """The start of the turn key of each file a message shares (the file id follows): a
    deleted message takes its files' reports with it (bot/slack/listeners/edits.py)."""
    return f"file:{channel_id}:{share_ts}:"


def _measure_once(
    conversations: Conversations,
    files: SlackFiles,
    c: Consultation,
    share_ts: str,
    file_id: str,
    user_id: str,
    file: SlackFile | None = None,
) -> None:
    """Measure one share of a file (once: the first job to claim it) and answer."""
    key = share_key(c.channel_id, share_ts) + file_id
    if not conversations.store.mark_event(key):
        conversations.answer(c.id)  # the words shared with it, if the other job was first
        return
    name = file.name if file else None
    try:
        file = file or files.info(file_id)
        name = file.name
        with files.download(file) as stream:
            report = conversations.advisor.check_data(stream, name=file.name)
    except (FileRefused, DataFileError) as refused:
        log.info("consultation %s: file %s not checked (refused)", c.id, file_id)
        problem = escape(one_line(str(refused), 600))
        _tell(conversations, c, wording.DATA_REFUSED.format(problem=problem), "data_refused")
        return
    except DownloadFailed as err:
        log.warning("consultation %s: file %s not downloaded: %s", c.id, file_id, err)
        shown = escape(one_line(name, 200)) if name else "that file"
        text = wording.DATA_NOT_DOWNLOADED.format(name=shown)
        _tell(conversations, c, text, "data_not_downloaded")
        return
    log.info("consultation %s: file %s measured: %s", c.id, file_id, _counts(report))
    turn = conversations.store.add_turn(
        c.id, user_id=user_id, text=report.model_dump_json(), source_id=key, about=DATA_FILE_TURN
    )
    if turn is None:
        return  # the consultation ended (forgotten, deleted) while the file was checked
    try:
        conversations.answer(c.id, turn)
    except Exception:  # (a file_shared job names no consultation: the apology is said here)
        log.exception("consultation %s: answering after file %s failed", c.id, file_id)
        _tell(conversations, c, wording.ERROR, "error")


def _counts(report: DataReport) -> str:
    """What the log may say of a report: its shape and counts."""
    return (
        f"{report.file_type.value} {report.format.value}, {report.rows} rows, "
        f"{report.valid} valid, {report.unique_valid} unique valid, "
        f"{len(report.warnings)} warnings"
    )


def _tell(conversations: Conversations, c: Consultation, text: str, kind: str) -> None:
    """A notice in the consultation's thread, posted under its lease (waiting a little for
    an answer in progress); then the turns that arrived meanwhile are answered."""
    store = conversations.store
    deadline = time.monotonic() + LEASE_WAIT_SECONDS
    while (owner := lease.try_acquire(store, c.id, LEASE_SECONDS)) is None:
        if time.monotonic() > deadline:
            log.warning("consultation %s: busy; the file notice is posted without the lease", c.id)
            break
        time.sleep(0.2)
    held = lease.Holding(store, c.id, owner) if owner else None
    try:
        if held is not None:
            held.keep()
        conversations.poster.post(
            blocks.plain(text),
            channel=c.channel_id,
            thread_ts=c.thread_ts,
            kind="notice",
            metadata=notice_metadata(c.id, kind),
            consultation_id=c.id,
        )
    finally:
        if held is not None:
            held.release()
    conversations.answer(c.id)
