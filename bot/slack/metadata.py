"""Slack message metadata on every message the bot posts, so workflows can act on advice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.metadata import Metadata

from bot.advice import Advice, Question

QUESTIONS = "advisor_questions"
RECOMMENDATION = "advisor_recommendation"
NOTICE = "advisor_notice"


def questions_metadata(consultation_id: str, questions: Sequence[Question]) -> Metadata:
    payload = {"consultation_id": consultation_id, "facts": [q.fact for q in questions]}
    return Metadata(event_type=QUESTIONS, event_payload=payload)


def recommendation_metadata(consultation_id: str, advice: Advice) -> Metadata:
    rec = advice.recommendation
    payload: dict[str, Any] = {
        "consultation_id": consultation_id,
        "strategy": rec.strategy.value,
        "path": list(rec.path),
        "technique": rec.technique.value if rec.technique else "",
        "confidence": rec.confidence.value,
        "facts": advice.facts.model_dump(mode="json", exclude_none=True),
        "rules_version": advice.rules_version,
    }
    return Metadata(event_type=RECOMMENDATION, event_payload=payload)


def notice_metadata(consultation_id: str, kind: str) -> Metadata:
    return Metadata(
        event_type=NOTICE, event_payload={"consultation_id": consultation_id, "kind": kind}
    )
