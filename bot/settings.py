"""Settings of the Slack app and its store, read from the environment and a ``.env`` file.

A missing or malformed setting raises :class:`ConfigurationError`, whose message names the
environment variable; the CLI turns it into a message and exit code 2.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import AdvisorError

SLACK_API_URL = "https://slack.com/api/"
DATABASE_URL = "sqlite:///advisor.db"
_DB_SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg")


class ConfigurationError(AdvisorError):
    """A setting is missing or malformed; the message names each one."""


class DatabaseSettings(BaseSettings):
    """What the database commands need (``advisor db``): only ``DATABASE_URL``."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_ignore_empty=True)

    database_url: str = Field(default=DATABASE_URL)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in _DB_SCHEMES:
            raise ValueError(
                "expected sqlite:///path.db or postgresql+psycopg://user@host/db, "
                f"got {mask_password(value)!r}"
            )
        if scheme == "postgresql":
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        from sqlalchemy.engine import make_url  # only where a database is configured
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(value)
        except (ArgumentError, ValueError):
            raise ValueError(f"not a valid database URL: {mask_password(value)!r}") from None
        return value


class RetentionSettings(DatabaseSettings):
    """What the retention job needs (``advisor purge``): the database and how long the
    words of a consultation are kept."""

    advisor_retention_days: int = Field(
        default=90, ge=1, le=36500, description="days the words of a consultation are kept"
    )


class Settings(RetentionSettings):
    """Every setting, by its environment variable (upper-case field name)."""

    slack_bot_token: str = Field(description="the bot token, xoxb-...")
    slack_signing_secret: str = Field(description="Basic Information > Signing Secret")
    slack_app_token: str | None = Field(default=None, description="xapp-..., Socket Mode")
    slack_api_url: str = Field(default=SLACK_API_URL, description="the Web API base URL")
    slack_retry_count: int = Field(default=3, ge=0, le=10, description="retries per call")
    slack_retry_backoff: float = Field(default=0.5, ge=0, description="seconds, doubled")
    advisor_timezone: str = Field(
        default="UTC", description="IANA zone of digest times and record dates"
    )

    @field_validator("slack_bot_token", "slack_signing_secret")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    @field_validator("slack_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"expected an http(s) URL such as {SLACK_API_URL}, got {value!r}")
        return value if value.endswith("/") else value + "/"

    @field_validator("advisor_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}: expected an IANA name such as Europe/Berlin or UTC"
            ) from None
        return value.strip()

    @property
    def timezone(self) -> ZoneInfo:
        """``ADVISOR_TIMEZONE`` as a zone: digests go out at 09:00 there."""
        return ZoneInfo(self.advisor_timezone)

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("xapp-"):
            raise ValueError("an app-level token starts with 'xapp-'")
        return value


def load_settings(**overrides: Any) -> Settings:
    """The settings from the environment (and ``.env``), or a :class:`ConfigurationError`."""
    try:
        return Settings(**overrides)
    except ValidationError as err:
        raise ConfigurationError(_describe(err)) from None


def load_retention_settings(**overrides: Any) -> RetentionSettings:
    """``DATABASE_URL`` and ``ADVISOR_RETENTION_DAYS`` (no Slack setting is needed to purge)."""
    try:
        return RetentionSettings(**overrides)
    except ValidationError as err:
        raise ConfigurationError(_describe(err)) from None


def load_database_settings(**overrides: Any) -> DatabaseSettings:
    """``DATABASE_URL`` alone (the Slack settings may be absent where migrations run)."""
    try:
        return DatabaseSettings(**overrides)
    except ValidationError as err:
        raise ConfigurationError(_describe(err)) from None


def mask_password(url: str) -> str:
    """``url`` with the password in its user info replaced by ``***`` (whatever the
    password holds, ``@`` and ``:`` included)."""
    scheme, sep, rest = url.partition("://")
    authority, slash, path = rest.partition("/")
    userinfo, at, host = authority.rpartition("@")
    if not sep or not at or ":" not in userinfo:
        return url
    user = userinfo.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}{slash}{path}"


def database_problem(err: Exception) -> str:
    """The first line of what the database driver said, any password in a URL masked."""
    cause = str(getattr(err, "orig", None) or err).strip().splitlines() or [type(err).__name__]
    return mask_password(cause[0])[:300]


def _describe(err: ValidationError) -> str:
    lines = []
    for problem in err.errors():
        name = str(problem["loc"][0]).upper() if problem["loc"] else "settings"
        if problem["type"] == "missing":
            lines.append(f"{name} is not set (set it in the environment or in .env)")
        else:
            lines.append(f"{name} is malformed: {problem['msg']}")
    return "\n".join(lines)
