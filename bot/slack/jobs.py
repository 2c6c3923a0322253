"""The work a request leaves for later: small records of ids, run off the request path.

A listener stores what arrived (the description, the reply, the click) and acknowledges;
the answer is a :class:`Job` that names what to do and where, and :func:`run` does it with
a :class:`~bot.slack.conversation.Conversations`. Jobs carry ids only: everything else is
read from the store when the job runs, so a job can run in another process
(bot/slack/answer_process.py) or on a thread pool here (:class:`ThreadJobs`, Socket Mode).
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.slack import data_files, forgetting, wording
from bot.slack.conversation import Conversations
from bot.slack.metadata import notice_metadata

log = logging.getLogger(__name__)

Kind = Literal["open", "answer", "clicked", "tell", "file", "reread", "forget", "purge_workspace"]
Notice = Literal[
    "",
    "REPLY_NOT_SAVED",
    "USAGE",
    "LIMIT_REACHED",
    "FORGET_NOT_YOURS",
    "FORGET_WHERE",
    "ALREADY_FORGOTTEN",
    "CONSULTATION_ENDED",
    "CORRECT_NOT_YOURS",
]
"""The sentences of :mod:`bot.slack.wording` a ``tell`` job may send, by name."""


@dataclass(frozen=True)
class Job:
    """``open`` a /advise consultation; ``answer`` it up to ``turn_id``; after a click,
    show the question at (``channel_id``, ``ts``) answered, then answer; ``tell`` a user
    (``user_id``) privately one of the fixed sentences of :mod:`bot.slack.wording`;
    measure the ``file`` ``file_id`` shared in ``channel_id`` (bot/slack/data_files.py);
    ``reread`` a consultation whose words were edited or deleted (the store forgot the old
    ones); ``forget`` a withdrawn one in Slack (its asker ``user_id``, if any, is told);
    ``purge_workspace`` the data of ``team_id``, which removed the app."""

    kind: Kind
    consultation_id: str = ""
    turn_id: int = 0
    channel_id: str = ""
    ts: str = ""
    user_id: str = ""
    notice: Notice = ""
    """The name of a sentence in :mod:`bot.slack.wording` (``tell``)."""
    file_id: str = ""
    """The Slack file shared (``file``): its id, never a URL."""
    team_id: str = ""


class Jobs(Protocol):
    """Where listeners hand jobs; ``submit`` never blocks on the job itself."""

    def submit(self, job: Job) -> None: ...


def run(conversations: Conversations, job: Job) -> None:
    """Do ``job``; an error is logged and its user told (never raised, never a traceback)."""
    try:
        if job.kind == "open":
            conversations.open(job.consultation_id)
        elif job.kind == "answer":
            conversations.answer(job.consultation_id, job.turn_id)
        elif job.kind == "clicked":
            conversations.show_answered(job.channel_id, job.ts)
            conversations.answer(job.consultation_id, job.turn_id)
        elif job.kind == "file":
            data_files.measure_shared(
                conversations,
                channel_id=job.channel_id,
                file_id=job.file_id,
                user_id=job.user_id,
                consultation_id=job.consultation_id,
                ts=job.ts,
            )
        elif job.kind == "tell":
            text = str(getattr(wording, job.notice))
            conversations.poster.ephemeral(
                text, channel=job.channel_id, user=job.user_id, thread_ts=job.ts or None
            )
        elif job.kind == "reread":
            conversations.store.checkpoint()  # the old words leave SQLite's log too
            conversations.answer(job.consultation_id)
        elif job.kind == "forget":
            forgetting.forget(conversations, job.consultation_id, asker=job.user_id)
        elif job.kind == "purge_workspace":
            forgetting.purge_workspace(conversations.store, job.team_id)
    except Exception:
        log.exception("job %s for consultation %s failed", job.kind, job.consultation_id)
        _apologise(conversations, job)


def _apologise(conversations: Conversations, job: Job) -> None:
    """The short apology, where the consultation lives (its input is stored: it says so)."""
    try:
        found = conversations.store.get(job.consultation_id) if job.consultation_id else None
        if found is not None and found.ended:
            return  # nothing of it is kept to apologise for (a failed forget is resumed)
        if found is not None and found.thread_ts:
            conversations.poster.client.chat_postMessage(
                channel=found.channel_id,
                thread_ts=found.thread_ts,
                text=wording.ERROR,
                metadata=notice_metadata(found.id, "error"),
            )
        elif found is not None:
            conversations.poster.ephemeral(
                wording.ERROR, channel=found.channel_id, user=found.user_id
            )
    except Exception:
        log.exception("could not tell the user about the failed job")


class ThreadJobs:
    """Jobs on a thread pool of this process."""

    def __init__(self, conversations: Conversations, threads: int = 16) -> None:
        self.conversations = conversations
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="jobs")

    def submit(self, job: Job) -> None:
        self.pool.submit(run, self.conversations, job)

    def stop(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=False)
