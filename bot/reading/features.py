"""What the reader's models see of a sentence, a number in it, or a whole message.

Features are strings: words, word pairs, word stems, the lexicon's named word lists
(``vocabulary.yaml``), and the same words marked with the scope they sit in: after a
negation (``neg:``), in a hypothetical or a plan (``hyp:``), about the past (``past:``),
or in someone else's view (``op:``). Each feature remembers the tokens it came from, so the
words that decided a fact can be quoted back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from bot.reading.lexicon import Lexicon
from bot.reading.mentions import Mention
from bot.reading.tokens import CLAUSE_END, HEDGE, Sentence, Token

SCOPES = ("neg", "hyp", "past", "op")
CLAUSE_BREAKS = frozenset({"but", "though", "although", "however", "whereas", "while", "yet"})
_KEEP_SYMBOLS = frozenset({"?", "/", "->", "+", "$", "€", "£", "%", "<", ">", "~", "=", "#"})
STEM_MIN = 7
STEM_LEN = 5
WINDOW = 4
"""Words each side of a number that its role model reads."""


Feature = tuple[str, int, int]
"""A feature: its name, and the first and last token it came from. A plain tuple: a
message makes a few hundred, and a named tuple took three times as long to build (two
thirds of the time of :func:`sentence_features`)."""


def _word_of(t: Token) -> str | None:
    """The token as the models read it (None: a boundary or noise)."""
    if t.kind == "word":
        return t.norm
    if t.kind == "num":
        return "<num>"
    if t.kind == "hedge":
        return HEDGE
    return t.norm if t.norm in _KEEP_SYMBOLS else None


def scopes(tokens: tuple[Token, ...], lexicon: Lexicon) -> list[frozenset[str]]:
    """For each token, the scopes it sits in: a scope opens at its trigger word and closes
    at the end of the clause."""
    out: list[frozenset[str]] = []
    open_: frozenset[str] = _NO_SCOPE
    triggers = lexicon.scope_triggers
    norms = [t.norm for t in tokens]
    for i, t in enumerate(tokens):
        if _breaks(t):
            open_ = _NO_SCOPE
        else:
            for phrase, opened in triggers.get(t.norm, ()):
                if len(phrase) == 1 or tuple(norms[i : i + len(phrase)]) == phrase:
                    open_ |= opened
        out.append(open_)  # the same set for every token until a trigger or a break
    return out


_NO_SCOPE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Marked:
    """A sentence with what the lexicon marks in it, as every model's features read it."""

    sentence: Sentence
    marks: list[frozenset[str]]
    """For each token, the scopes it sits in (:func:`scopes`)."""
    matched: list[tuple[str, int, int]]
    """The lexicon's named word lists found: name, first token, last token."""

    @classmethod
    def of(cls, sentence: Sentence, lexicon: Lexicon) -> Marked:
        tokens = sentence.tokens
        return cls(sentence, scopes(tokens, lexicon), lexicon.matches(tokens))


def sentence_features(marked: Marked) -> list[Feature]:
    """Words, pairs, stems, lexicon lists and scoped words of one sentence."""
    tokens, marks, matched = marked.sentence.tokens, marked.marks, marked.matched
    out: list[Feature] = []
    previous: tuple[str, int] | None = None
    for i, t in enumerate(tokens):
        w = _word_of(t)
        if w is None:
            previous = None
            continue
        out.append((w, i, i))
        if len(w) >= STEM_MIN and t.kind == "word":
            out.append(("s:" + w[:STEM_LEN], i, i))
        for scope in marks[i]:
            out.append((f"{scope}:{w}", i, i))
        if previous is not None:
            out.append((f"{previous[0]}_{w}", previous[1], i))
        previous = (w, i)
    shown = sorted({name for name, first, _ in matched if "neg" not in marks[first]})
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            out.append((f"P:{a}+{b}", 0, len(tokens) - 1))
    for name, first, last in matched:
        out.append(("L:" + name, first, last))
        for scope in marks[first]:
            out.append((f"{scope}:L:{name}", first, last))
    for scope in set().union(*marks) if marks else ():
        out.append(("SCOPE:" + scope, 0, len(tokens) - 1))
    return out


def _magnitude(value: float) -> str:
    if value <= 0:
        return "0"
    return str(math.floor(math.log10(value)))


def mention_features(marked: Marked, mention: Mention) -> list[str]:
    """What decides a number's role: its form, the words around it, the clause's scopes."""
    tokens, marks, matched = marked.sentence.tokens, marked.marks, marked.matched
    a = mention.amount
    out = ["bias"]
    out.append("pct" if mention.percent else "cur" if mention.currency else "plain")
    if mention.per_day is not None:
        out.append("rate")
        out.append("rate:" + (mention.unit or "?"))
        if mention.per_person:
            out.append("rate:people")
    elif mention.per_person:
        out.append("per_person_no_count")
    if not a.exact:
        out.append("range" if a.low is not None and a.high is not None and a.low else "bound")
    value = a.low if a.low is not None else a.high or 0.0
    size = "share" if mention.percent else _magnitude(value)
    if mention.percent:
        out.append("share:" + str(round(value * 10)))
    else:
        out.append("mag:" + size)
        if value < 1:
            out.append("fraction")
        elif value <= 100 and float(value).is_integer():
            out.append("upto100")
    left = _window(reversed(tokens[: mention.number_first]))[::-1]
    right = _window(tokens[mention.number_last + 1 :])
    for k, w in enumerate(reversed(left)):
        out.append(f"L{k + 1}:{w}")
        if w != "|":
            out.append(f"L:{w}")
    for k, w in enumerate(right):
        out.append(f"R{k + 1}:{w}")
        if w != "|":
            out.append(f"R:{w}")
    if left:
        out.append(f"LL:{left[-1]}_{'<n>'}")
        out.append(f"LM:{left[-1]}@{size}")  # "need 95" and "have 3" read differently
    if right:
        out.append(f"RR:{'<n>'}_{right[0]}")
        out.append(f"RM:{right[0]}@{size}")  # "3 examples" in a prompt, "800 examples" labeled
        for w in right[1:3]:
            out.append(f"RM2:{w}@{size}")
    if len(right) >= 2:
        out.append(f"RR2:{right[0]}_{right[1]}")
    near = range(mention.number_first - WINDOW, mention.number_last + WINDOW + 1)
    for name, first, last in matched:
        if first in near or last in near:
            out.append("N:L:" + name)
    for scope in marks[mention.number_first]:
        out.append("scope:" + scope)
    clause = _clause_words(tokens, mention.number_first, marks)
    out.extend("C:" + w for w in clause)
    return out


def _window(tokens: Iterable[Token]) -> list[str]:
    """Up to :data:`WINDOW` words from a number outwards, stopping at the clause's end
    (marked ``|``): in "5k a day, 800 reviewed examples" the 800 is not "a day"'s."""
    out: list[str] = []
    for t in tokens:
        if _breaks(t):
            out.append("|")
            break
        w = _word_of(t)
        if w is not None:
            out.append(w)
            if len(out) == WINDOW:
                break
    return out


def _clause_words(tokens: tuple[Token, ...], at: int, marks: list[frozenset[str]]) -> set[str]:
    """The words of the clause around token ``at`` (between clause breaks)."""
    start = at
    while start > 0 and not _breaks(tokens[start - 1]):
        start -= 1
    end = at
    while end + 1 < len(tokens) and not _breaks(tokens[end + 1]):
        end += 1
    return {w for t in tokens[start : end + 1] if t.kind == "word" and (w := t.norm)}


def _breaks(t: Token) -> bool:
    return (t.kind == "sym" and t.norm in CLAUSE_END) or t.norm in CLAUSE_BREAKS


def document_features(features: Sequence[Sequence[Feature]]) -> set[str]:
    """A message's features as a set (the task model reads the whole message); the first
    sentence's lexicon lists again, marked: that is where people say what they want."""
    out = {name for group in features for name, _, _ in group}
    if features:
        out.update(opening_features(features[0]))
    return out


def opening_features(first: Iterable[Feature]) -> Iterator[str]:
    """What a message's first sentence adds to the message's features: its lexicon lists
    again, marked (:func:`document_features`)."""
    return ("F:" + name for name, _, _ in first if name.startswith("L:"))


def names(features: Iterable[Feature]) -> Iterator[str]:
    for name, _, _ in features:
        yield name
