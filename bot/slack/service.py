"""One worker's Slack service: the store, the Bolt app, and the gateway in front of it."""

from __future__ import annotations

from collections.abc import Callable

from bot.gateway.asgi import Gateway
from bot.settings import Settings
from bot.slack.app import create_app
from bot.slack.conversation import AdvisorLike
from bot.store import Store
from bot.store.engine import REQUEST_TIMEOUT_SECONDS
from bot.store.seen import SeenRequests


class SlackService:
    """Everything a worker serves with, built after gunicorn forked it."""

    def __init__(self, settings: Settings, make_advisor: Callable[[], AdvisorLike]) -> None:
        self.settings = settings
        self.store = Store.open(settings.database_url, timeout=REQUEST_TIMEOUT_SECONDS)
        self.seen = SeenRequests(self.store.engine)
        self.app = create_app(settings, self.store, make_advisor())

    def gateway(self) -> Gateway:
        return Gateway(
            signing_secret=self.settings.slack_signing_secret,
            dispatch=self.app.dispatch,
            health=self.store.ping,
            first_sighting=self.seen.first_sighting,
            on_stop=self.store.close,
        )
