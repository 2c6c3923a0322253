"""How a consultation's turns become its state: continue from the saved state, or replay.

Each answer saves the ``CaseState`` as JSON with :data:`STATE_VERSION` beside the turns it
covers, so the next answer reads only the turns stored since. Whenever the saved state
cannot be used (none yet, another version, JSON this version cannot read, or turns it does
not cover), the state is rebuilt by replaying the description and every turn: the state's
model may change in later versions, the turns never do.

A consultation reads at most :data:`MAX_TURNS` replies and :data:`MAX_CHARACTERS`
characters in all; a reply past either limit is stored but not read. The rule depends only
on the turns in order, so continuing and replaying read the same turns. A training-data
file shared in the thread is a turn too (bot/slack/measured.py): its report is applied in
its place, and counts as a reply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import ValidationError

from bot.case import CaseState
from bot.datacheck import DataReport
from bot.slack.measured import DATA_FILE_TURN, Measured, changed_facts, stored_report
from bot.slack.steering import Steer, corrected_fact, steers
from bot.store import Consultation, Store, Turn

STATE_VERSION = 1
"""Bump when ``CaseState`` changes shape: saved states of another version are replayed."""
MAX_TURNS = 30
MAX_CHARACTERS = 50_000
"""The description and every reply together (the parser reads 8,000 of each at most)."""


class Reader(Protocol):
    def start(self, description: str) -> CaseState: ...
    def reply(self, state: CaseState, text: str, *, about: str | None = None) -> CaseState: ...
    def correct(self, state: CaseState, fact: str, words: str) -> CaseState: ...
    def measure(self, state: CaseState, report: DataReport) -> CaseState: ...
    def measured_changes(self, before: CaseState, after: CaseState) -> list[str]: ...


@dataclass
class Folded:
    """The state after every stored turn, and what an answer needs to know of them."""

    state: CaseState
    turns: int
    """Replies covered (read or past the limit): saved as ``state_turns``."""
    through: int
    """The last turn id covered (0: none): saved as ``answered_through``."""
    continued: bool
    """True when it continued from the saved state, False when it replayed every turn."""
    new: list[Turn] = field(default_factory=list)
    """Turns no earlier answer covered."""
    unread: list[Turn] = field(default_factory=list)
    """New turns past the limits, stored but not read."""
    measured: list[Measured] = field(default_factory=list)
    """Files measured in new turns, in order."""
    steered: list[Steer] = field(default_factory=list)
    """Facts new replies, clicks and corrections changed, by whom, in order."""
    skips_refused: list[Turn] = field(default_factory=list)
    """New replies asking for the advice now ("skip") from someone other than the asker:
    read as replies, but skipping is the asker's."""

    @property
    def new_replies(self) -> list[Turn]:
        """New turns that are replies (typed or clicked), not measured files."""
        return [t for t in self.new if t.about != DATA_FILE_TURN]


def saved_state(consultation: Consultation) -> CaseState | None:
    """The saved state, if this version can use it: its version, and exactly the fields of
    this version's ``CaseState`` (a model that gained or lost a field, version bumped or
    not, is replayed rather than read with defaults)."""
    if consultation.state_json is None or consultation.state_version != STATE_VERSION:
        return None
    try:
        fields = json.loads(consultation.state_json)
        if not isinstance(fields, dict) or set(fields) != set(CaseState.model_fields):
            return None
        return CaseState.model_validate(fields)
    except (ValueError, ValidationError):
        return None


def fold(store: Store, reader: Reader, consultation: Consultation) -> Folded:
    """The consultation's state after all its stored turns."""
    c = consultation
    covered = c.answered_through
    saved = saved_state(c)
    if saved is not None:
        count, characters = store.turn_totals(c.id, covered)
        if count == c.state_turns:
            new = store.turns_after(c.id, covered)
            base = Folded(saved, count, covered, continued=True)
            return _read(reader, base, new, characters + len(c.description), covered, c.user_id)
    base = Folded(reader.start(c.description), 0, 0, continued=False)
    return _read(reader, base, store.turns(c.id), len(c.description), covered, c.user_id)


def _read(
    reader: Reader,
    folded: Folded,
    turns: list[Turn],
    characters: int,
    covered: int,
    asker: str,
) -> Folded:
    for turn in turns:
        within = folded.turns < MAX_TURNS and characters + len(turn.text) <= MAX_CHARACTERS
        if within:
            before = folded.state
            folded.state = _read_turn(reader, folded, turn, new=turn.id > covered)
            if folded.state.skipped and not before.skipped and turn.user_id != asker:
                folded.state.skipped = False  # skipping the questions is the asker's
                if turn.id > covered:
                    folded.skips_refused.append(turn)
        folded.turns += 1
        characters += len(turn.text)
        folded.through = turn.id
        if turn.id > covered:
            folded.new.append(turn)
            if not within:
                folded.unread.append(turn)
    return folded


def _read_turn(reader: Reader, folded: Folded, turn: Turn, *, new: bool) -> CaseState:
    """The state after one turn: a reply read, a correction applied, or a measured file's
    figures applied."""
    if turn.about != DATA_FILE_TURN:
        before, fact = folded.state, corrected_fact(turn.about)
        if fact is not None:
            after = reader.correct(before, fact, turn.text)
        else:
            after = reader.reply(before, turn.text, about=turn.about)
        if new:
            folded.steered += steers(turn.user_id, before, after, corrected=fact is not None)
        return after
    report = stored_report(turn)
    if report is None:
        return folded.state
    before = folded.state
    after = reader.measure(before, report)
    if new:
        changes = reader.measured_changes(before, after)
        folded.measured.append(Measured(report, changed_facts(before, after), changes))
    return after
