"""A withdrawn consultation taken out of Slack: the bot's messages in its thread deleted.

The store forgets at once, while the request that asked is answered (bot/store/lifecycle.py
``withdraw``: forgotten by its asker, or its root message deleted). This job, off the
request path, deletes what the bot posted in the thread: every message it recorded there
(an ``/advise`` root message, questions, recommendations, notices) and, read from the
thread itself (``conversations.replies``), any other message of the bot's there: an
apology, a prompt snippet or a decision record, whose files are deleted too (files.delete).

It works under the consultation's lease, so no answer posts in the thread while it
deletes (an answer under way finishes first, and saves nothing: bot/slack/conversation.py).
A message deleted, or one Slack says is gone or is not the bot's to delete, is dropped
from the store; one that failed for now stays recorded, and the sweeper runs the job again.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import wording
from bot.slack.conversation import Conversations
from bot.slackkit.errors import NOT_IN_CHANNEL, slack_error
from bot.store import Consultation, Store, lease
from bot.store.lease import LEASE_SECONDS
from bot.store.records import WITHDRAWN

log = logging.getLogger(__name__)

LEASE_WAIT_SECONDS = LEASE_SECONDS + 5
"""How long the job waits for an answer under way (or an expired lease) to let go."""
THREAD_PAGES = 10
GONE = frozenset({"message_not_found", "cant_delete_message", "thread_not_found"}) | NOT_IN_CHANNEL
"""chat.delete errors after which there is nothing left to try."""
FILE_GONE = frozenset({"file_not_found", "file_deleted", "cant_delete_file"})


@dataclass(frozen=True)
class BotPost:
    """A message of the bot's in a thread, and the files it shares."""

    ts: str
    files: tuple[str, ...] = ()


def forget(conversations: Conversations, consultation_id: str, *, asker: str = "") -> int:
    """Delete the bot's messages in a withdrawn consultation's thread; how many could not
    be deleted for now (the sweeper tries again). ``asker``: told privately once done."""
    store, client = conversations.store, conversations.poster.client
    owner = _wait_for_lease(store, consultation_id)
    if owner is None:
        log.warning("consultation %s: still busy; its messages are deleted later", consultation_id)
        return -1
    held = lease.Holding(store, consultation_id, owner)
    try:
        found = store.get(consultation_id)
        if found is None or found.status not in WITHDRAWN:
            return 0
        left = _delete_posts(client, store, found, held)
    finally:
        held.release()
    store.checkpoint()
    log.info("consultation %s %s: %d message(s) left to delete", found.id, found.status, left)
    if asker:
        told = wording.FORGOTTEN if left == 0 else wording.FORGOTTEN_PARTLY
        conversations.poster.ephemeral(told, channel=found.channel_id, user=asker)
    return left


def purge_workspace(store: Store, team_id: str) -> None:
    """Delete every row of a workspace that removed the app (bot/store/workspaces.py)."""
    purged = store.purge_workspace(team_id)
    log.warning(
        "workspace %s removed the app: purged %d consultation(s), %d row(s) in all",
        team_id,
        purged.consultations,
        purged.rows,
    )


def _wait_for_lease(store: Store, consultation_id: str) -> str | None:
    deadline = time.monotonic() + LEASE_WAIT_SECONDS
    while True:
        owner = lease.try_acquire(store, consultation_id, LEASE_SECONDS)
        if owner is not None or time.monotonic() > deadline:
            return owner
        time.sleep(0.2)


def _delete_posts(
    client: WebClient, store: Store, consultation: Consultation, held: lease.Holding
) -> int:
    """Delete the bot's posts in the thread, newest first; how many failed for now."""
    channel = consultation.channel_id
    recorded = {m.ts for m in store.messages(consultation.id)}
    posts = {ts: BotPost(ts) for ts in recorded}
    if consultation.thread_ts:
        posts.update({p.ts: p for p in _read_thread(client, channel, consultation.thread_ts)})
    failed = 0
    for post in sorted(posts.values(), key=lambda p: float(p.ts), reverse=True):
        held.keep()
        for file_id in post.files:
            _delete_file(client, file_id)
        try:
            client.chat_delete(channel=channel, ts=post.ts)
        except SlackApiError as err:
            code = slack_error(err)
            if code not in GONE:
                log.warning("could not delete message %s in %s: %s", post.ts, channel, code)
                failed += 1
                continue
        if post.ts in recorded:
            store.drop_message(channel, post.ts)
    return failed


def _read_thread(client: WebClient, channel: str, thread_ts: str) -> list[BotPost]:
    """The bot's own messages in the thread (none if Slack will not say: then only the
    recorded ones are deleted)."""
    try:
        me = client.auth_test()
        user, bot = me.get("user_id"), me.get("bot_id")
        found: list[BotPost] = []
        cursor = None
        for _ in range(THREAD_PAGES):
            page = client.conversations_replies(
                channel=channel, ts=thread_ts, limit=200, cursor=cursor
            )
            for message in page.get("messages") or []:
                if (user and message.get("user") == user) or (bot and message.get("bot_id") == bot):
                    files = tuple(str(f["id"]) for f in message.get("files") or [] if f.get("id"))
                    found.append(BotPost(str(message["ts"]), files))
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        return found
    except SlackApiError as err:
        log.warning("could not read thread %s in %s: %s", thread_ts, channel, slack_error(err))
        return []


def _delete_file(client: WebClient, file_id: str) -> None:
    try:
        client.files_delete(file=file_id)
    except SlackApiError as err:
        if slack_error(err) not in FILE_GONE:
            log.warning("could not delete file %s: %s", file_id, slack_error(err))
