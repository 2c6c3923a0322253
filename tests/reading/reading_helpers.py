"""What the reading tests share (a module of its own: 'from conftest import' picks up
another folder's conftest when the whole suite runs)."""

from __future__ import annotations

from collections.abc import Callable

from bot.case import CaseState

Read = Callable[..., CaseState]
