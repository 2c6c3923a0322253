"""Signatures of verified requests, remembered for as long as Slack's signatures are valid,
so a captured request sent again (a replay) is refused, whichever instance it reaches."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from sqlalchemy import Engine, delete, insert
from sqlalchemy.exc import IntegrityError

from bot.gateway.signature import MAX_AGE_SECONDS
from bot.store import schema

REMEMBER_SECONDS = 2 * MAX_AGE_SECONDS
"""A signature older than this has a timestamp Slack's five-minute rule already refuses."""
PRUNE_EVERY = 200


class SeenRequests:
    """``first_sighting(signature)``: True the first time, False for a replay."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.clock = clock
        self._count = itertools.count(1)

    def first_sighting(self, signature: str) -> bool:
        now = self.clock()
        if next(self._count) % PRUNE_EVERY == 0:
            self.forget(before=now - REMEMBER_SECONDS)
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(schema.seen_requests).values(signature=signature, seen_at=now))
        except IntegrityError:
            return False
        return True

    def forget(self, *, before: float) -> int:
        """Forget signatures seen before ``before``; how many."""
        table = schema.seen_requests
        with self.engine.begin() as conn:
            result = conn.execute(delete(table).where(table.c.seen_at < before))
        return int(result.rowcount or 0)
