"""The shortest run of the user's words that decided a reading: what a reply quotes back.

A linear model's decision is a sum over features, and each feature came from some tokens;
so each token gets the share of the decision its features carry, and the quote is the
shortest window of tokens that carries most of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.reading.features import Feature
from bot.reading.mentions import Mention
from bot.reading.model import Linear
from bot.reading.tokens import Sentence

CONTEXT_CHARS = 120
"""A confirmation's quote: the clause around the decisive words, at most this long."""
_ENDS = frozenset(".!?;:\n。！？；：")
"""Where a clause ends (then, for a long one, :data:`_COMMAS`); ``.``, ``:`` and ``,`` only
before a space or the end ("3.5", "9:30", "12,000")."""
_COMMAS = frozenset(",，、")
_LEADING = " \t-*•>·"
SHARE = 0.6
"""The quote carries at least this share of what speaks for the decision."""
MAX_QUOTE_TOKENS = 14


def token_scores(linear: Linear, index: int, features: Sequence[Feature], n: int) -> list[float]:
    """Each token's part in speaking for class ``index`` (against ``none``)."""
    scores = [0.0] * n
    for name, first, last in features:
        if first == 0 and last == n - 1 and n > 1:
            continue  # a feature of the whole sentence (a scope, a pair of lists): no place
        c = linear.weight(name, index)
        if c:
            width = last - first + 1
            for i in range(first, last + 1):
                scores[i] += c / width
    return scores


def shortest_window(scores: Sequence[float], share: float = SHARE) -> tuple[int, int] | None:
    """The shortest [first, last] whose positive scores reach ``share`` of all of them."""
    positive = [max(0.0, s) for s in scores]
    total = sum(positive)
    if total <= 0:
        return None
    need = share * total
    best: tuple[int, int] | None = None
    running, left = 0.0, 0
    for right, value in enumerate(positive):
        running += value
        while left < right and running - positive[left] >= need:
            running -= positive[left]
            left += 1
        if running >= need and (best is None or right - left < best[1] - best[0]):
            best = (left, right)
    if best is None:
        return None
    first, last = best
    while first < last and positive[first] == 0:
        first += 1
    while last > first and positive[last] == 0:
        last -= 1
    return first, min(last, first + MAX_QUOTE_TOKENS - 1)


def decisive_words(
    linear: Linear, index: int, sentence: Sentence, features: Sequence[Feature]
) -> tuple[int, int]:
    """The words of ``sentence`` that speak most for class ``index``."""
    n = len(sentence.tokens)
    return shortest_window(token_scores(linear, index, features, n)) or (0, n - 1)


def mention_span(linear: Linear, index: int, sentence: Sentence, m: Mention) -> tuple[int, int]:
    """A number's quote: the number with its unit and noun ("~2k tickets/day"), and the
    word just before it when that word speaks for the role ("need 95%")."""
    first = m.first
    if first > 0 and sentence.tokens[first - 1].kind == "word":
        word = sentence.tokens[first - 1].norm
        if linear.weight(f"L1:{word}", index) > 0:
            first -= 1
    return first, m.last


def in_context(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> str:
    """The clause of ``text`` around ``text[start:end]``, at most ``limit`` characters
    (a Chinese or Japanese character counts two): the decisive words alone ("reports)
    from the", "90") do not say what they answered. A sentence too long is taken between
    commas; a clause still too long is cut at spaces, with "…" where it was cut."""
    if _width(text[start:end]) >= limit:
        return text[start:end]
    left, right = _clause(text, start, end, _ENDS)
    if _width(text[left:right]) > limit:
        left, right = _clause(text, start, end, _ENDS | _COMMAS)
    cut_left = cut_right = False
    if _width(text[left:right]) > limit:
        room = (limit - _width(text[start:end])) // (2 if _width(text) > len(text) else 1)
        before = min(start - left, room // 2)
        after = min(right - end, room - before)
        before = min(start - left, room - after)
        if start - before > left:
            left, cut_left = _after_space(text, start - before, start), True
        if end + after < right:
            right, cut_right = _before_space(text, end + after, end), True
    return f"{'…' if cut_left else ''}{text[left:right].strip()}{'…' if cut_right else ''}"


def _clause(text: str, start: int, end: int, ends: frozenset[str]) -> tuple[int, int]:
    left = start
    while left > 0 and not _ends_clause(text, left - 1, ends):
        left -= 1
    right = end
    while right < len(text) and not _ends_clause(text, right, ends):
        right += 1
    while left < start and text[left] in _LEADING:
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def _width(words: str) -> int:
    return len(words) + sum(1 for c in words if c >= "\u2e80")


def _ends_clause(text: str, i: int, ends: frozenset[str]) -> bool:
    c = text[i]
    if c not in ends:
        return False
    return c not in ".:," or i + 1 == len(text) or text[i + 1].isspace()


def _after_space(text: str, i: int, start: int) -> int:
    """The first word that begins at or after ``i`` (not past ``start``)."""
    space = text.find(" ", i, start)
    return i if space < 0 else space + 1


def _before_space(text: str, i: int, end: int) -> int:
    """The end of the last word that ends at or before ``i`` (not before ``end``)."""
    space = text.rfind(" ", end, i)
    return i if space < 0 else space
