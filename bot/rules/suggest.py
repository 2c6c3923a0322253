"""'did you mean' hints for misspelt names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or an empty string."""
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=cutoff)
    return f" (did you mean '{close[0]}'?)" if close else ""
