"""Words that change while the bot works: an answer under way when a reply is edited posts
nothing computed from the old words; work lost with a process is found again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from privacy_helpers import SECRET

from bot.advice import Advice
from bot.advisor import Advisor
from bot.case import CaseState
from bot.slack.conversation import Conversations
from bot.slack.jobs import Job
from bot.slack.poster import Poster
from bot.slack.sweeper import Sweeper
from bot.store import PostedMessage, Store
from harness import FakeSlack
from harness.database import columns_holding, open_store
from harness.reading import event_type, payload


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'advisor.db'}")
    yield opened
    opened.close()


class EditedWhileAdvising(Advisor):
    """The advisor, during whose first advice the user edits their reply."""

    def __init__(self, store: Store, source_id: str, text: str) -> None:
        super().__init__()
        self.edit = (store, source_id, text)
        self.advised = 0

    def advise(self, state: CaseState) -> Advice:
        self.advised += 1
        if self.advised == 1:
            store, source_id, text = self.edit
            store.edit_turn(source_id, text)
        return super().advise(state)


def test_an_answer_under_way_when_its_reply_is_edited_posts_only_the_edited_advice(
    fake: FakeSlack, store: Store
) -> None:
    found = store.create_consultation(
        team_id="T1",
        channel_id="C1",
        user_id="U1",
        description="We want to classify support tickets into 12 categories",
        origin="mention",
        thread_ts="1.1",
        root_ts="1.1",
    )
    assert found is not None
    reply = f"about 5k a day, 800 reviewed examples from {SECRET}"
    store.add_turn(found.id, user_id="U1", text=reply, source_id="msg:C1:1.2")
    store.add_turn(found.id, user_id="U1", text="skip", source_id="msg:C1:1.3")
    advisor = EditedWhileAdvising(store, "msg:C1:1.2", "about 5k a day, 3k reviewed examples")
    conversations = Conversations(store, advisor, Poster(fake.client(), store))

    conversations.answer(found.id)

    posted = [c for c in fake.calls_to("chat.postMessage") if c.args.get("thread_ts") == "1.1"]
    assert [event_type(c) for c in posted] == ["advisor_recommendation"]
    assert payload(posted[0])["facts"]["labeled_examples"] == 3000
    (given,) = store.recommendations(found.id)
    assert json.loads(given.advice_json)["facts"]["labeled_examples"] == 3000
    assert advisor.advised == 2
    assert columns_holding(store.engine, SECRET) == []


def test_the_sweeper_resumes_a_forget_and_a_workspace_purge_that_were_lost(store: Store) -> None:
    found = store.create_consultation(
        team_id="T1",
        channel_id="C1",
        user_id="U1",
        description=SECRET,
        origin="mention",
        thread_ts="2.1",
        root_ts="2.1",
    )
    assert found is not None
    store.record_message(
        PostedMessage(
            channel_id="C1", ts="2.2", thread_ts="2.1", kind="questions", consultation_id=found.id
        )
    )
    store.withdraw(found.id, "forgotten")  # and the process that would delete it died
    store.mark_removed("T9", "app_uninstalled")
    jobs: list[Job] = []

    Sweeper(store, jobs.append).sweep()

    assert Job("forget", found.id) in jobs
    assert Job("purge_workspace", team_id="T9") in jobs
