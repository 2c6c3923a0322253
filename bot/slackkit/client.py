"""The Slack Web API client: pointed at ``SLACK_API_URL``, retrying rate limits (429, with
Retry-After), server errors (500, 503) and dropped connections."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator

from bot.settings import Settings

TIMEOUT_SECONDS = 15


def make_client(settings: Settings) -> WebClient:
    """A WebClient with slack_sdk's retry handlers, ``SLACK_RETRY_COUNT`` retries each."""
    backoff = BackoffRetryIntervalCalculator(backoff_factor=settings.slack_retry_backoff)
    count = settings.slack_retry_count
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=count),
            ServerErrorRetryHandler(max_retry_count=count, interval_calculator=backoff),
            ConnectionErrorRetryHandler(max_retry_count=count, interval_calculator=backoff),
        ],
    )
