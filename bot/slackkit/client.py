"""The Slack Web API client: pointed at ``SLACK_API_URL``, retrying rate limits (429, with
Retry-After), server errors (500, 503) and dropped connections.

Every post is made under a consultation's lease (bot/store/lease.py), renewed just before
it; so the sleeps one post may spend between retries (Retry-After, back-off) are capped to
add up to half a lease at most: a post never outlives the lease it was started under.
Slack may then refuse a retry made early, which counts as a failed post (the user gets the
apology), not a stale one.
"""

from __future__ import annotations

import random
import time

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.settings import Settings
from bot.store.lease import LEASE_SECONDS

TIMEOUT_SECONDS = 15


class CappedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Waits what Retry-After asks, but at most ``max_sleep`` seconds per retry."""

    def __init__(self, max_retry_count: int, max_sleep: float) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_sleep = max_sleep

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("no response to retry")
        asked = next(
            (values for name, values in response.headers.items() if name.lower() == "retry-after"),
            ["1"],
        )
        try:
            seconds = float(asked[0])
        except (TypeError, ValueError, IndexError):
            seconds = 1.0
        state.next_attempt_requested = True
        time.sleep(min(seconds + random.random(), self.max_sleep))
        state.increment_current_attempt()


class CappedBackoff(BackoffRetryIntervalCalculator):
    """Exponential back-off (with jitter) whose every sleep is at most ``max_sleep``."""

    def __init__(self, backoff_factor: float, max_sleep: float) -> None:
        super().__init__(backoff_factor=backoff_factor)
        self.max_sleep = max_sleep

    def calculate_sleep_duration(self, current_attempt: int) -> float:
        return min(super().calculate_sleep_duration(current_attempt), self.max_sleep)


def max_retry_sleep(retry_count: int) -> float:
    """Per retry, so that all of one post's Retry-After sleeps fit in half a lease."""
    return LEASE_SECONDS / (2 * max(1, retry_count))


def make_client(settings: Settings) -> WebClient:
    """A WebClient with retry handlers, ``SLACK_RETRY_COUNT`` retries each."""
    count = settings.slack_retry_count
    backoff = CappedBackoff(settings.slack_retry_backoff, max_retry_sleep(count))
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=[
            CappedRateLimitRetryHandler(count, max_retry_sleep(count)),
            ServerErrorRetryHandler(max_retry_count=count, interval_calculator=backoff),
            ConnectionErrorRetryHandler(max_retry_count=count, interval_calculator=backoff),
        ],
    )
