"""A stored recommendation without the user's words in it.

A recommendation's ``advice_json`` is the whole ``Advice``: the turns it was decided from,
the evidence of each fact (quotes), the suggested prompt (built on the description), the
reasons and steps. When the words it was computed from are edited, deleted or expire, it
is *redacted*: what stays is marked ``"redacted": true`` and holds no text a user wrote.

- :func:`without_words` (an edit or a deletion in a consultation that goes on): the
  readings stay, so the next answer can say what changed: the facts as values (numbers,
  categories, yes/no), the strategy, path, technique, confidence and the warnings (the
  rules' wording). It still reads as an ``Advice`` (no questions, no prompt, no turns).
- :func:`strategy_only` (retention): only the strategy, as digests count it (the columns
  of ``recommendations`` keep the path, technique and confidence).
"""

from __future__ import annotations

import json
from typing import Any

KEPT_RECOMMENDATION = ("strategy", "path", "technique", "confidence", "warnings")


def without_words(advice_json: str) -> str:
    """The advice with its readings only (see the module docstring)."""
    advice = _load(advice_json)
    given = _section(advice, "recommendation")
    kept = {
        "facts": _section(advice, "facts"),
        "questions": [],
        "recommendation": {k: given[k] for k in KEPT_RECOMMENDATION if k in given},
        "suggested_prompt": "",
        "turns": [],
        "redacted": True,
    }
    return json.dumps(kept)


def strategy_only(advice_json: str) -> str:
    """The advice reduced to its strategy (see the module docstring)."""
    strategy = _section(_load(advice_json), "recommendation").get("strategy")
    kept: dict[str, Any] = {"redacted": True}
    if isinstance(strategy, str):
        kept["recommendation"] = {"strategy": strategy}
    return json.dumps(kept)


def is_redacted(advice_json: str) -> bool:
    """True for advice redacted here: its words are no longer kept."""
    return _load(advice_json).get("redacted") is True


def _load(advice_json: str) -> dict[str, Any]:
    try:
        found = json.loads(advice_json)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _section(advice: dict[str, Any], key: str) -> dict[str, Any]:
    found = advice.get(key)
    return found if isinstance(found, dict) else {}
