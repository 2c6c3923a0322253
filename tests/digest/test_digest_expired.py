"""A digest line of a consultation whose words expired (ADVISOR_RETENTION_DAYS) says so,
where the use case was; its strategy still counts."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.digest import wording
from bot.digest.blocks import digest_message
from bot.digest.content import Digest, DigestLine
from bot.digest.schedule import Frequency, Period

UTC = ZoneInfo("UTC")
DAY = Period(datetime(2026, 11, 22, 9, tzinfo=UTC), datetime(2026, 11, 23, 9, tzinfo=UTC))


def test_an_expired_consultation_is_counted_and_says_its_words_are_not_kept() -> None:
    lines = [
        DigestLine("c1", "UANA", "", "rag", "1.1"),
        DigestLine("c2", "UBEN", "Classify tickets", "rag", "1.2"),
    ]
    digest = Digest("T1", "C1", Frequency.DAILY, DAY, lines=tuple(lines))

    message = digest_message(digest, UTC, names={}, links={"c1": "https://t/1"})

    shown = str(message.blocks)
    assert digest.by_strategy == {"rag": 2}
    assert f"<https://t/1|{wording.WORDS_NOT_KEPT}>" in shown
    assert "Classify tickets" in shown
