"""One worker's Slack service: the store, the Bolt app, the answering process beside it,
and the gateway in front of them all."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.gateway.asgi import Gateway
from bot.settings import Settings
from bot.slack import wording
from bot.slack.answer_process import AnswerProcess
from bot.slack.app import create_app
from bot.slack.listeners.commands import Subcommand
from bot.store import Store
from bot.store.engine import REQUEST_TIMEOUT_SECONDS
from bot.store.seen import SeenRequests


class SlackService:
    """Everything a worker serves with, built after gunicorn forked it; the answering
    process starts and stops with the ASGI lifespan. ``subcommands(settings, store)``: the
    other ``/advise <word>`` commands (bot/server.py passes ``/advise digest``'s)."""

    def __init__(
        self,
        settings: Settings,
        *,
        subcommands: Callable[[Settings, Store], Sequence[Subcommand]],
    ) -> None:
        self.settings = settings
        self.store = Store.open(settings.database_url, timeout=REQUEST_TIMEOUT_SECONDS)
        self.seen = SeenRequests(self.store.engine)
        self.answers = AnswerProcess(settings)
        self.app = create_app(
            settings, self.store, self.answers, subcommands=subcommands(settings, self.store)
        )

    def gateway(self) -> Gateway:
        return Gateway(
            signing_secret=self.settings.slack_signing_secret,
            dispatch=self.app.dispatch,
            health=self.store.prove_write,
            first_sighting=self.seen.first_sighting,
            busy_answer=wording.NOT_SAVED,
            on_start=self.answers.start,
            on_stop=self.stop,
        )

    def stop(self) -> None:
        self.answers.stop()
        self.store.close()
