"""An /advise in a channel the bot is not in waits for the bot to be invited. The invite
can come while the job that found the channel closed still holds the consultation's
lease (it is telling the asker to invite the bot): the join's own job then finds the lease
taken and leaves, so the first job must open the consultation itself before it lets go."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.advisor import Advisor
from bot.slack.conversation import Conversations
from bot.slack.poster import Poster
from bot.store import Store
from harness.database import open_store
from harness.load import IndexedFakeSlack
from harness.reading import event_type


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'advisor.db'}")
    yield opened
    opened.close()


class InvitedWhileTelling(Poster):
    """A poster during whose invite hint the asker invites the bot: the join claims the
    waiting consultation and its job tries to open it, at that very moment."""

    conversations: Conversations
    consultation_id: str

    def ephemeral(
        self, text: str, *, channel: str, user: str, thread_ts: str | None = None
    ) -> None:
        super().ephemeral(text, channel=channel, user=user, thread_ts=thread_ts)
        assert self.store.claim_pending(self.consultation_id)
        self.conversations.open(self.consultation_id)  # finds the lease held: leaves


def test_an_invite_that_comes_while_the_asker_is_told_still_opens_the_consultation(
    fake: IndexedFakeSlack, store: Store
) -> None:
    found = store.create_consultation(
        team_id="T1",
        channel_id="C1",
        user_id="U1",
        description="We want to classify support tickets into 12 categories",
        origin="command",
        opening=True,
    )
    assert found is not None
    poster = InvitedWhileTelling(fake.client(), store)
    conversations = Conversations(store, Advisor(), poster)
    poster.conversations, poster.consultation_id = conversations, found.id
    fake.fail_next("chat.postMessage", error="not_in_channel")

    conversations.open(found.id)

    posted = [c for c in fake.calls_to("chat.postMessage") if c.response.get("ok")]
    assert [c.args.get("thread_ts") is None for c in posted][:1] == [True], "the root message"
    assert [event_type(c) for c in posted[1:]] == ["advisor_questions"]
    opened = store.get(found.id)
    assert opened is not None and opened.thread_ts == posted[0].ts
