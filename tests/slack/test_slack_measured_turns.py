"""A measured file is a turn of the consultation: its report is applied in its place among
the replies, the same whether the saved state is continued or every turn replayed, and a
stored report this version cannot read is skipped, not fatal."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.advisor import Advisor
from bot.slack import folding
from bot.slack.measured import DATA_FILE_TURN, update_changes
from bot.store import Consultation, Store
from bot.store.engine import make_engine
from bot.store.migrate import upgrade
from harness.database import reset
from harness.datafiles import generate

POSTGRES_URL = os.environ.get("ADVISOR_TEST_DATABASE_URL")
TRIAGE = (
    "We classify about 20k support tickets a day into 12 queues. Our best prompt gets 80% "
    "and we need 95%. We have 3,000 reviewed examples."
)


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'advisor.db'}"
    elif POSTGRES_URL:
        url = POSTGRES_URL
    else:
        pytest.skip("set ADVISOR_TEST_DATABASE_URL=postgresql+psycopg://... to run on PostgreSQL")
    engine = make_engine(url)
    reset(engine)
    upgrade(engine)
    opened = Store(engine)
    yield opened
    opened.close()


def consultation(store: Store) -> Consultation:
    found = store.create_consultation(
        team_id="T1",
        channel_id="C1",
        user_id="U1",
        description=TRIAGE,
        origin="mention",
        thread_ts="1.0",
        root_ts="1.0",
    )
    assert found is not None
    return found


def share(store: Store, advisor: Advisor, c: Consultation, unique: int, key: str) -> int:
    rows = generate("chat", unique)
    body = "".join(json.dumps(r) + "\n" for r in rows).encode()
    report = advisor.check_data(io.BytesIO(body), name="tickets.jsonl")
    return store.add_turn(
        c.id, user_id="U1", text=report.model_dump_json(), source_id=key, about=DATA_FILE_TURN
    )


def save(store: Store, c: Consultation, folded: folding.Folded) -> Consultation:
    owner = "test-owner"
    assert store.acquire(c.id, owner, 20)
    assert store.save_state(
        c.id,
        owner=owner,
        state_json=folded.state.model_dump_json(),
        state_version=folding.STATE_VERSION,
        state_turns=folded.turns,
        status="advised",
        answered_through=folded.through,
        question_rounds=0,
        release=True,
    )
    found = store.get(c.id)
    assert found is not None
    return found


def test_a_file_is_applied_in_its_place_among_the_replies(store: Store, advisor: Advisor) -> None:
    c = consultation(store)
    store.add_turn(c.id, user_id="U1", text="it must run on our own servers", source_id="m1")
    share(store, advisor, c, 40, "file:1")
    store.add_turn(c.id, user_id="U1", text="we actually have 5,000 examples", source_id="m2")
    folded = folding.fold(store, advisor, c)
    assert folded.state.facts.self_hosted is True
    assert folded.state.facts.labeled_examples is not None
    assert folded.state.facts.labeled_examples.value == 5000, "the later reply counts"
    assert folded.state.data is not None and folded.state.data.unique_valid == 40
    [measured] = folded.measured
    assert measured.changes[0] == "you said 3,000 examples; the file holds 40 unique valid ones"
    assert "labeled_examples" in measured.facts
    assert [t.about for t in folded.new_replies] == [None, None]


def test_continuing_and_replaying_read_a_measured_file_alike(
    store: Store, advisor: Advisor
) -> None:
    c = consultation(store)
    share(store, advisor, c, 40, "file:1")
    c = save(store, c, folding.fold(store, advisor, c))
    store.add_turn(c.id, user_id="U1", text="it must run on our own servers", source_id="m1")
    continued = folding.fold(store, advisor, c)
    replayed = folding.fold(store, advisor, c.__class__(**{**c.__dict__, "state_json": None}))
    assert continued.continued and not replayed.continued
    assert continued.state == replayed.state
    assert continued.measured == [], "the file was answered before"
    assert continued.state.evidence["labeled_examples"].quote == "measured from tickets.jsonl"


def test_a_stored_report_this_version_cannot_read_is_skipped(
    store: Store, advisor: Advisor, caplog: pytest.LogCaptureFixture
) -> None:
    c = consultation(store)
    store.add_turn(
        c.id, user_id="U1", text='{"file": "old.jsonl"}', source_id="f", about=DATA_FILE_TURN
    )
    folded = folding.fold(store, advisor, c)
    assert folded.state.facts.labeled_examples is not None
    assert folded.state.facts.labeled_examples.value == 3000
    assert folded.measured == []
    assert "a stored data report this version cannot read" in caplog.text


def test_an_update_says_a_measured_figure_once_in_the_files_words(
    store: Store, advisor: Advisor
) -> None:
    c = consultation(store)
    before = advisor.advise(folding.fold(store, advisor, c).state)
    share(store, advisor, c, 40, "file:1")
    folded = folding.fold(store, advisor, c)
    after = advisor.advise(folded.state)
    assert update_changes(before, after, folded.measured) == [
        "you said 3,000 examples; the file holds 40 unique valid ones",
        "the file holds no preference pairs",
        "strategy Fine-tuning → Better prompting",
        "technique hosted_sft → none",
    ]


def test_a_file_that_changes_no_fact_changes_nothing(store: Store, advisor: Advisor) -> None:
    c = consultation(store)
    share(store, advisor, c, 40, "file:1")
    folded = folding.fold(store, advisor, c)
    before = advisor.advise(folded.state)
    share(store, advisor, c, 40, "file:2")
    again = folding.fold(store, advisor, c)
    assert update_changes(before, advisor.advise(again.state), again.measured[1:]) == []
