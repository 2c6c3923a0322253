"""The reader's lexicon (``vocabulary.yaml``): named word lists, the words that open a
scope (negation, hypothesis, the past, someone else's view), the motives, and the short
answers to a question. Loaded and checked once; immutable after."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.errors import AdvisorError
from bot.reading.thresholds import Thresholds
from bot.reading.tokens import Token, tokenize

SCOPE_NAMES = ("neg", "hyp", "past", "op")
ANSWER_KINDS = ("yes", "no", "none", "unsure", "skip")
_FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it: the vocabulary loads ten times faster."""


class LexiconError(AdvisorError):
    """The lexicon file is missing or malformed."""


def _norms(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase))


@dataclass(frozen=True)
class Lexicon:
    scope_triggers: Mapping[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]
    """First token of a trigger -> (the trigger's tokens, the scopes it opens)."""
    words: Mapping[str, tuple[str, ...]]
    """A one-token entry -> the lists it belongs to."""
    prefixes: Mapping[str, tuple[str, ...]]
    """The start of a word (an entry ending in ``*``) -> its lists."""
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    """First token of a longer entry -> (its tokens, list name)."""
    motives: Mapping[str, tuple[tuple[str, ...], ...]]
    """Motive -> alternatives, each the lists a sentence must all show."""
    answers: Mapping[str, tuple[tuple[str, ...], ...]]
    """"yes", "no", "none", "unsure", "skip" -> the replies (as tokens) that mean it."""
    domains: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """A specialized domain's name -> the words (as tokens) that show it."""
    readers: tuple[str, ...] = ()
    """Who may read the output, as in "for our customers" (section ``audiences``)."""
    facing: tuple[str, ...] = ()
    """The same in the singular, as in "patient-facing"."""
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """List or scope name -> example sentences it must be found in."""
    thresholds: Thresholds = field(default_factory=Thresholds)
    """How sure the models must be (section ``confidence``)."""
    prefix_lengths: tuple[int, ...] = field(init=False, repr=False, compare=False)
    """The lengths of :attr:`prefixes`: the starts of a word to look up."""
    prefix_shortest: int = field(init=False, repr=False, compare=False)
    """The length of the shortest prefix (0 without any)."""
    prefix_starts: frozenset[str] = field(init=False, repr=False, compare=False)
    """The first letters of every prefix, as many as the shortest has: a word that does
    not start so starts no prefix (most words)."""

    def __post_init__(self) -> None:  # frozen: each set once, here
        lengths = tuple({len(p) for p in self.prefixes})
        shortest = min(lengths, default=0)
        object.__setattr__(self, "prefix_lengths", lengths)
        object.__setattr__(self, "prefix_shortest", shortest)
        object.__setattr__(self, "prefix_starts", frozenset(p[:shortest] for p in self.prefixes))

    def matches(self, tokens: tuple[Token, ...]) -> list[tuple[str, int, int]]:
        """Every (list name, first token, last token) found in ``tokens``."""
        out: list[tuple[str, int, int]] = []
        norms = [t.norm for t in tokens]
        words, prefixes, phrases = self.words, self.prefixes, self.phrases
        shortest = self.prefix_shortest
        for i, w in enumerate(norms):
            for name in words.get(w, ()):
                out.append((name, i, i))
            if w[:shortest] in self.prefix_starts:
                for n in self.prefix_lengths:
                    for name in prefixes.get(w[:n], ()) if len(w) >= n else ():
                        out.append((name, i, i))
            for phrase, name in phrases.get(w, ()):
                if tuple(norms[i : i + len(phrase)]) == phrase:
                    out.append((name, i, i + len(phrase) - 1))
        return out

    def answer(self, tokens: tuple[Token, ...]) -> str | None:
        """What a short reply means ("yes", "no", "none", "unsure", "skip"), or None."""
        norms = tuple(t.norm for t in tokens if t.kind != "sym")
        for kind in ("skip", "unsure", "none", "no", "yes"):
            for phrase in self.answers.get(kind, ()):
                if norms[: len(phrase)] == phrase:
                    return kind
        return None

    def domain(self, tokens: Sequence[Token]) -> str | None:
        """The first domain whose words ``tokens`` use."""
        norms = tuple(t.norm for t in tokens)
        present = set(norms)
        for name, entries in self.domains.items():
            for entry in entries:
                if len(entry) == 1 and entry[0] in present:
                    return name
                if len(entry) > 1 and any(
                    norms[i : i + len(entry)] == entry for i in range(len(norms))
                ):
                    return name
        return None

    def mentions_skip(self, tokens: tuple[Token, ...]) -> bool:
        """Whether a reply asks for the advice now ("skip", "just tell me") anywhere."""
        norms = tuple(t.norm for t in tokens)
        present = set(norms)
        return any(
            norms[i : i + len(p)] == p
            for p in self.answers.get("skip", ())
            if not p or p[0] in present  # most replies have none of the phrases' first words
            for i in range(len(norms) - len(p) + 1)
        )


def load_lexicon(path: Path) -> Lexicon:
    """The lexicon from ``path``; :class:`LexiconError` names what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LexiconError(f"{path.name}: cannot read the file ({error.strerror})") from error
    try:
        data = yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        try:  # again in Python, for PyYAML's own wording of the error (libyaml words it apart)
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise LexiconError(f"{path.name}: not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: the file must be a mapping of sections")
    return build_lexicon(data, path.name)


def _entries(section: Any, where: str) -> tuple[list[str], list[str]]:
    if not isinstance(section, dict) or not isinstance(section.get("words"), list):
        raise LexiconError(f"{where}: needs a list under 'words'")
    words = section["words"]
    examples = section.get("examples", [])
    if not all(isinstance(w, str) and w.strip() for w in words):
        raise LexiconError(
            f"{where}: every word must be non-empty text (quote yes, no, on and off: YAML "
            "reads them as true/false)"
        )
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise LexiconError(f"{where}: 'examples' must be a list of sentences")
    return [w.strip().lower() for w in words], examples


def build_lexicon(data: Mapping[str, Any], name: str = "vocabulary.yaml") -> Lexicon:
    """The lexicon from the file's sections; :class:`LexiconError` names what is wrong."""
    examples: dict[str, tuple[str, ...]] = {}
    triggers = _scopes(data.get("scopes") or {}, name, examples)
    lists = data.get("lists") or {}
    words, prefixes, phrases = _lists(lists, name, examples)
    return Lexicon(
        scope_triggers=_by_first(triggers),
        words=words,
        prefixes=prefixes,
        phrases=phrases,
        motives=_motives(data.get("motives") or {}, set(lists), name),
        answers=_answers(data.get("answers") or {}, name),
        domains=_domains(data.get("domains") or {}, name),
        **_audiences(data.get("audiences") or {}, name),
        examples=examples,
        thresholds=_thresholds(data.get("confidence") or {}, name),
    )


def _thresholds(section: Mapping[str, Any], name: str) -> Thresholds:
    try:
        accept = float(section.get("accept", Thresholds.accept))
        confirm = float(section.get("confirm", Thresholds.confirm))
        answer = float(section.get("answer", confirm))
        by_fact = {str(k): float(v) for k, v in (section.get("accept_by_fact") or {}).items()}
    except (TypeError, ValueError, AttributeError) as error:
        raise LexiconError(f"{name}: confidence: every threshold is a number ({error})") from error
    for label, value in (("accept", accept), ("confirm", confirm), ("answer", answer),
                         *by_fact.items()):  # fmt: skip
        if not 0 <= value <= 1:
            raise LexiconError(f"{name}: confidence: {label} must be between 0 and 1")
    if confirm > min([accept, *by_fact.values()]):
        raise LexiconError(f"{name}: confidence: confirm must be at most every accept")
    return Thresholds(accept, confirm, by_fact, answer)


def _scopes(
    section: Mapping[str, Any], name: str, examples: dict[str, tuple[str, ...]]
) -> dict[tuple[str, ...], set[str]]:
    triggers: dict[tuple[str, ...], set[str]] = {}
    for scope, entries in section.items():
        if scope not in SCOPE_NAMES:
            raise LexiconError(f"{name}: scopes: unknown scope '{scope}' (one of {SCOPE_NAMES})")
        found, ex = _entries(entries, f"{name}: scopes: {scope}")
        examples[scope] = tuple(ex)
        for word in found:
            norms = _norms(word)
            if not norms:
                raise LexiconError(f"{name}: scopes: {scope}: '{word}' has no words")
            triggers.setdefault(norms, set()).add(scope)
    return triggers


def _lists(
    section: Mapping[str, Any], name: str, examples: dict[str, tuple[str, ...]]
) -> tuple[
    dict[str, tuple[str, ...]],
    dict[str, tuple[str, ...]],
    dict[str, tuple[tuple[tuple[str, ...], str], ...]],
]:
    words: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for list_name, entries in section.items():
        found, ex = _entries(entries, f"{name}: lists: {list_name}")
        examples[list_name] = tuple(ex)
        for entry in found:
            if entry.endswith("*"):
                prefixes.setdefault(entry[:-1], []).append(list_name)
                continue
            norms = _norms(entry)
            if not norms:
                raise LexiconError(f"{name}: lists: {list_name}: '{entry}' has no words")
            if len(norms) == 1:
                words.setdefault(norms[0], []).append(list_name)
            else:
                phrases.setdefault(norms[0], []).append((norms, list_name))
    return (
        {k: tuple(v) for k, v in words.items()},
        {k: tuple(v) for k, v in prefixes.items()},
        {k: tuple(v) for k, v in phrases.items()},
    )


def _motives(
    section: Mapping[str, Any], lists: set[str], name: str
) -> dict[str, tuple[tuple[str, ...], ...]]:
    motives: dict[str, tuple[tuple[str, ...], ...]] = {}
    for motive, alternatives in section.items():
        if not isinstance(alternatives, list) or not alternatives:
            raise LexiconError(f"{name}: motives: {motive}: a list of list names")
        options = alternatives if isinstance(alternatives[0], list) else [alternatives]
        for option in options:
            unknown = [n for n in option if n not in lists]
            if unknown:
                raise LexiconError(f"{name}: motives: {motive}: unknown list {unknown[0]!r}")
        motives[motive] = tuple(tuple(o) for o in options)
    return motives


def _answers(section: Mapping[str, Any], name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    answers: dict[str, tuple[tuple[str, ...], ...]] = {}
    for kind, replies in section.items():
        if kind not in ANSWER_KINDS or not isinstance(replies, list):
            raise LexiconError(f"{name}: answers: '{kind}' must be one of {ANSWER_KINDS}")
        answers[kind] = tuple(sorted((_norms(str(r)) for r in replies), key=len, reverse=True))
    return answers


def _domains(section: Mapping[str, Any], name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    domains: dict[str, tuple[tuple[str, ...], ...]] = {}
    for domain, entries in section.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise LexiconError(f"{name}: domains: {domain}: a list of words")
        domains[str(domain)] = tuple(_norms(e.lower()) for e in entries)
    return domains


def _audiences(section: Mapping[str, Any], name: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for kind in ("readers", "facing"):
        words = section.get(kind, [])
        if not isinstance(words, list) or not all(
            isinstance(w, str) and re.fullmatch(r"[a-z]+", w) for w in words
        ):
            raise LexiconError(f"{name}: audiences: {kind}: a list of single lowercase words")
        found[kind] = tuple(words)
    return found


def _by_first(
    triggers: dict[tuple[str, ...], set[str]],
) -> dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]:
    out: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
    for norms, scopes in triggers.items():
        out.setdefault(norms[0], []).append((norms, frozenset(scopes)))
    return {k: tuple(v) for k, v in out.items()}


def list_names(lexicon: Lexicon) -> Iterator[str]:
    seen: set[str] = set()
    for names in (*lexicon.words.values(), *lexicon.prefixes.values()):
        for n in names:
            if n not in seen:
                seen.add(n)
                yield n
