"""Which judgement and prices an answer was decided with: a short hash of the rules file
and the pricing file it names, the same for ``advisor --version``, the decision record and
Slack's ``advisor_recommendation`` metadata."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from bot.paths import rules_path

VERSION_DIGITS = 12
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_version(path: Path | None = None) -> str:
    """The first 12 hex digits of the SHA-256 of the rules file followed by its pricing file
    (``cat decision_rules.yaml pricing.yaml | sha256sum``): any edit to either changes it.

    Raises :class:`OSError` when a file cannot be read.
    """
    rules = path or rules_path()
    text = rules.read_bytes()
    digest = hashlib.sha256(text)
    pricing = _pricing_file(text)
    if pricing is not None:
        digest.update((rules.parent / pricing).read_bytes())
    return digest.hexdigest()[:VERSION_DIGITS]


def _pricing_file(text: bytes) -> str | None:
    """The ``pricing_file:`` the rules name (None when they hold their prices, or are not
    valid YAML: the loader reports that with its line)."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    found = data.get("pricing_file") if isinstance(data, dict) else None
    return found if isinstance(found, str) else None
