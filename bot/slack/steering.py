"""Who steered a consultation: each fact a new turn changed, and by whom, so an updated
recommendation says "Updated after <@U2> gave the requests per day as 20,000".

A correction from the Correct the facts form (bot/slack/correction_modal.py) is a turn like
any other answer; its ``about`` is :func:`correction_about` of the fact, so replaying the
turns reads it again as a correction (``Advisor.correct``), not as a reply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.case import CaseState
from bot.facts import FACT_NAMES
from bot.report import FACT_LABELS
from bot.rules import format_fact
from bot.slack import wording
from bot.slackkit.mrkdwn import escape, one_line

CORRECTION_PREFIX = "correct:"
"""The ``about`` of a turn that corrects a fact: ``correct:requests_per_day``."""


def correction_about(fact: str) -> str:
    return f"{CORRECTION_PREFIX}{fact}"


def corrected_fact(about: str | None) -> str | None:
    """The fact a correction turn corrects; None for any other turn."""
    if about is None or not about.startswith(CORRECTION_PREFIX):
        return None
    fact = about.removeprefix(CORRECTION_PREFIX)
    return fact if fact in FACT_NAMES else None


@dataclass(frozen=True)
class Steer:
    """One fact a new turn changed: who, which fact, its new value, and whether they
    corrected it (the form) or said it (a reply or a click)."""

    user_id: str
    fact: str
    value: Any
    corrected: bool


def steers(user_id: str, before: CaseState, after: CaseState, *, corrected: bool) -> list[Steer]:
    """The facts one turn changed, as :class:`Steer`."""
    return [
        Steer(user_id, name, getattr(after.facts, name), corrected)
        for name in FACT_NAMES
        if getattr(before.facts, name) != getattr(after.facts, name)
    ]


def updated_after(found: Sequence[Steer]) -> str | None:
    """ "Updated after <@U1> corrected the requests per day to 20,000; <@U2> gave ..." (escaped
    mrkdwn; a user id is Slack's, never typed), or None when no turn changed a fact."""
    if not found:
        return None
    parts = []
    for steer in found:
        label = FACT_LABELS.get(steer.fact, steer.fact)
        shown = "" if steer.value is None else format_fact(steer.fact, steer.value)
        value = escape(one_line(shown, 200)) if shown else wording.UNKNOWN_VALUE
        user = "".join(ch for ch in steer.user_id if ch.isalnum())
        parts.append(wording.steered(user, label, value, corrected=steer.corrected))
    return wording.UPDATED_AFTER.format(changes="; ".join(parts))
