"""What the request path holds: the store to keep what arrived, a poster for the few
private answers given at once (usage), and the jobs that answer later."""

from __future__ import annotations

from dataclasses import dataclass

from bot.slack.jobs import Job, Jobs, Notice
from bot.slack.poster import Poster
from bot.store import Store


@dataclass(frozen=True)
class Intake:
    store: Store
    poster: Poster
    jobs: Jobs

    def answer(self, consultation_id: str, turn_id: int = 0) -> None:
        self.jobs.submit(Job("answer", consultation_id, turn_id))

    def open(self, consultation_id: str) -> None:
        self.jobs.submit(Job("open", consultation_id))

    def tell(self, notice: Notice, *, channel: str, user: str, thread_ts: str | None) -> None:
        """Privately, one of the fixed sentences of :mod:`bot.slack.wording` (by name)."""
        self.jobs.submit(
            Job("tell", channel_id=channel, user_id=user, ts=thread_ts or "", notice=notice)
        )
