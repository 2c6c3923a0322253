"""From a message as typed in Slack or a terminal to sentences the parser can match.

Each :class:`Sentence` keeps the user's original words (for quoting back as evidence)
and a normalised form: Slack markup and emoji codes removed, numbers in words turned
into digits, hedged quantities ("a few hundred") made unmistakably not-a-number.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import alpha2digit

HEDGE = "somequantity"
"""What a hedged quantity becomes: a word, never a number."""

_SLACK_LINK = re.compile(r"<(?:https?|mailto):[^|>]*\|([^>]*)>|<(?:https?|mailto):[^>]*>")
_SLACK_MENTION = re.compile(r"<[@#!][^>]*>")
_EMOJI = re.compile(r":[a-z0-9_+\-']+:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|[\n\r]+|\s*[;•]\s*|\s+-\s+(?=\S)")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|ca|incl|esp|no)\.$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*•>]|\d+[.)])\s+")
_THUMBS_UP = re.compile(r":(?:\+1|thumbsup|thumbs_up):")
_THUMBS_DOWN = re.compile(r":(?:-1|thumbsdown|thumbs_down):")
_ISH = re.compile(r"\b(\w+)-ish\b", re.IGNORECASE)
_PER_ABBREVIATION = [
    (re.compile(p, re.IGNORECASE), r)
    for p, r in (
        (r"\bp/\s?(day|d|week|wk|w|month|mo|m|year|yr|y|hour|hr|h)\b", r"per \1"),
        (r"(\d)\s?(?:pw|p\.w\.)(?![\w])", r"\1 per week"),
        (r"(\d)\s?(?:pa|p\.a\.)(?![\w])", r"\1 per year"),
        (r"\bper diem\b", "per day"),
        (r"(\d(?:[\d.,]*\d)?)\s*grand\b", r"\1k"),
        (r"\bonce (a|per|every) ", r"1 \1 "),
        (r"\btwice (a|per|every) ", r"2 \1 "),
        (r"\bthrice (a|per|every) ", r"3 \1 "),
    )
]
_HALF = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)[- ]and[- ]a[- ]half[- ]"
    r"(thousand|million|k|m)\b",
    re.IGNORECASE,
)
_OUT_OF = re.compile(
    r"\b(\d+(?:\.\d+)?) (?:times |cases |of them )?(?:out of|in) (\d+)\b(?!\s*(?:%|k\b))"
)
_ONE_EACH = re.compile(r"(?<![\w-])one(?= [a-z]+ each\b)", re.IGNORECASE)
_SUFFIX = {"thousand": "k", "k": "k", "million": "m", "m": "m"}
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
_DIGIT_MULTIPLIER = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|mil|mln|bn)\b", re.IGNORECASE
)
_MULTIPLIER_SUFFIX = {"thousand": "k", "million": "m", "mil": "m", "mln": "m", "billion": "b"}
_HEDGES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:a\s+)?(?:few|several|couple(?:\s+of)?|handful(?:\s+of)?|bunch(?:\s+of)?)"
        r"\s+(?:hundred|thousand|million|dozen|k)s?\b",
        r"\b(?:hundreds|thousands|millions|dozens|tens)\s+(?:and\s+\w+\s+)?of\b",
        r"\b(?:a\s+)?few\s+(?:dozen|hundred|thousand)\b",
    )
]
_SMALL_WORDS = {
    r"half\s+a\s+million": "500k",
    r"a\s+dozen": "12",
    r"a\s+hundred": "100",
    r"a\s+thousand": "1000",
    r"a\s+million": "1m",
    r"one\s+hundred": "100",
    r"one\s+thousand": "1000",
    r"one\s+million": "1m",
    r"(?<![\w-])one(?=\s+(?:a|per|an)\s+(?:day|week|month|year|hour)\b)": "1",
    r"(?<![\w-])two(?=\s+(?:a|per|an)\s+(?:day|week|month|year|hour)\b)": "2",
}
_SMALL_WORDS_RE = [(re.compile(p, re.IGNORECASE), r) for p, r in _SMALL_WORDS.items()]


@dataclass(frozen=True)
class Sentence:
    """One sentence (or bullet, or clause after ';') of one turn."""

    turn: int
    start: int
    end: int
    original: str
    norm: str


def clean_markup(text: str) -> str:
    """Slack markup and emoji codes out; links keep their label; unicode folded."""
    text = _SLACK_LINK.sub(lambda m: m.group(1) or " ", text)
    text = _SLACK_MENTION.sub(" ", text)
    text = _THUMBS_UP.sub(" thumbs up ", text)
    text = _THUMBS_DOWN.sub(" thumbs down ", text)
    text = _EMOJI.sub(" ", text)
    text = unicodedata.normalize("NFKC", text)
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2013", "-")
        .replace("\u2014", " - ")
        .replace("\u00d7", " x ")
        .replace("\u2248", "~")
    )
    return "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)


def normalise(text: str) -> str:
    """Lower-case, numbers as digits, hedges as :data:`HEDGE`."""
    text = clean_markup(text)
    text = _ISH.sub(r"\1", text)
    for pattern, repl in _PER_ABBREVIATION:
        text = pattern.sub(repl, text)
    text = _HALF.sub(
        lambda m: f"{_SMALL.get(m.group(1).lower(), m.group(1))}.5{_SUFFIX[m.group(2).lower()]}",
        text,
    )
    for hedge in _HEDGES:
        text = hedge.sub(HEDGE, text)
    text = _DIGIT_MULTIPLIER.sub(
        lambda m: m.group(1) + _MULTIPLIER_SUFFIX[m.group(2).lower()[:8].rstrip()], text
    )
    for pattern, repl in _SMALL_WORDS_RE:
        text = pattern.sub(repl, text)
    with contextlib.suppress(Exception):  # the converter is strict; odd text stays as typed
        text = alpha2digit(text, "en")
    text = _DIGIT_MULTIPLIER.sub(
        lambda m: m.group(1) + _MULTIPLIER_SUFFIX[m.group(2).lower()[:8].rstrip()], text
    )
    text = _ONE_EACH.sub("1", text)
    text = _OUT_OF.sub(_as_percent, text)
    return re.sub(r"[ \t]+", " ", text).lower()


def _as_percent(match: re.Match[str]) -> str:
    """'7 out of 10' / '1 in 4' -> '70%' / '25%' (a share, when it is one)."""
    part, whole = float(match.group(1)), float(match.group(2))
    if not 0 < part < whole <= 1000:
        return match.group(0)
    return f"{100 * part / whole:g}%"


MAX_SENTENCE = 400
"""A run of text with no sentence break is read in pieces of about this many characters,
so reading stays linear in the length of the text whatever its shape."""


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span, cut at spaces into pieces of at most about MAX_SENTENCE characters."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


@lru_cache(maxsize=1024)
def sentences(text: str, turn: int) -> tuple[Sentence, ...]:
    """Split a turn into sentences, each with its span in the original text (cached: a
    thread's earlier turns are read again at every reply)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        if spans and _ABBREVIATION.search(text[spans[-1][0] : spans[-1][1]]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((pos, end))
        if match:
            pos = match.end()
    spans = [piece for span in spans for piece in _bounded(text, *span)]
    found: list[Sentence] = []
    for start, end in spans:
        chunk = text[start:end]
        bullet = _BULLET.match(chunk.lstrip())
        stripped = chunk.strip()
        if bullet:
            stripped = stripped[bullet.end() :].strip()
        if stripped:
            begin = start + chunk.index(stripped)
            found.append(
                Sentence(turn, begin, begin + len(stripped), stripped, normalise(stripped))
            )
    return tuple(found)
