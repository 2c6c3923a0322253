"""Fixtures for the prompt tests."""

from __future__ import annotations

import pytest
from prompt_cases import MakeCase, make_case


@pytest.fixture
def case() -> MakeCase:
    return make_case
