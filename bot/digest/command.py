"""``/advise digest [daily|weekly|off|empty on|empty off]``: a channel's digest subscription.

Answers are short and only shown to the user who typed the command. ``/advise digest``
followed by more than two words is a use case that happens to start with "digest" (e.g.
"digest our weekly sales calls into notes") and is not handled here.
"""

from __future__ import annotations

from datetime import datetime

from bot.clock import utc_now
from bot.digest import wording
from bot.digest.schedule import Frequency
from bot.digest.store import DigestStore
from bot.store import Store

WORD = "digest"
MAX_ARGUMENTS = 2


class DigestCommand:
    """Subscribes, unsubscribes and reports, by the words after ``digest``."""

    def __init__(self, store: Store, zone: str | None = None) -> None:
        self.digests = DigestStore(store.engine)
        self._zone = zone

    @staticmethod
    def handles(text: str) -> bool:
        words = text.split()
        return bool(words) and words[0].lower() == WORD and len(words) <= 1 + MAX_ARGUMENTS

    @property
    def zone(self) -> str:
        """The digest time zone (``ADVISOR_TIMEZONE``), read once from the settings."""
        if self._zone is None:
            from bot.settings import load_settings

            self._zone = load_settings().advisor_timezone
        return self._zone

    def answer(self, team_id: str, channel_id: str, text: str, now: datetime | None = None) -> str:
        """Do what the command says; the sentence to show its user."""
        now = now or utc_now()
        args = [word.lower() for word in text.split()[1:]]
        if not args:
            sub = self.digests.subscription(team_id, channel_id)
            if sub is None or not sub.active:
                return wording.NOT_SUBSCRIBED
            return wording.status(sub.frequency.value, sub.include_empty, self.zone)
        if len(args) == 1 and args[0] in Frequency.__members__.values():
            sub = self.digests.subscribe(team_id, channel_id, Frequency(args[0]), now)
            return wording.subscribed(sub.frequency.value, self.zone)
        if args == ["off"]:
            stopped = self.digests.unsubscribe(team_id, channel_id, now)
            return wording.UNSUBSCRIBED if stopped else wording.WAS_NOT_SUBSCRIBED
        if len(args) == 2 and args[0] == "empty" and args[1] in ("on", "off"):
            on = args[1] == "on"
            if not self.digests.set_include_empty(team_id, channel_id, on, now):
                return wording.NEEDS_SUBSCRIPTION
            return wording.EMPTY_ON if on else wording.EMPTY_OFF
        return wording.USAGE
