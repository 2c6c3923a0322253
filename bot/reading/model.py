"""The reader's trained models at run time: weights read from JSON, scored in plain
Python (no numpy, no scikit-learn: loading and scoring stay well under a millisecond).

``weights.json`` is written by ``make model`` (training/train.py) from the corpus.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import AdvisorError

WEIGHTS_PATH = Path(__file__).with_name("weights.json")

Row = Sequence[Sequence[Any]]
"""A feature's [output index, weight] pairs."""
Table = dict[str, Any]
"""Feature -> its row. The file holds each row as text ("3:0.139 5:-0.648"): decoding
150,000 small JSON lists took 60-100 ms of every start, strings take a tenth of it. A row
is parsed the first time a message has its feature, and kept parsed in the table."""


def _parse(text: str) -> tuple[tuple[int, float], ...]:
    return tuple((int(i), float(w)) for i, _, w in (pair.partition(":") for pair in text.split()))


def _row(table: Table, name: str) -> Row:
    row = table.get(name, ())
    if row.__class__ is str:
        row = table[name] = _parse(row)  # the same tuple whichever thread parses it first
    return row


def row_text(row: Row) -> str:
    """A row as the weights file holds it (``training/train.py`` writes it)."""
    return " ".join(f"{index}:{weight!r}" for index, weight in row)


class ModelError(AdvisorError):
    """The weights file is missing or does not fit this reader."""


@dataclass(frozen=True)
class Linear:
    """A multinomial logistic regression: scores = bias + the weights of the features."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Table

    def scores(self, features: Iterable[str]) -> list[float]:
        out = list(self.bias)
        table = self.weights
        for name in features:
            row = table.get(name, ())
            if row.__class__ is str:
                row = _row(table, name)
            for index, weight in row:
                out[index] += weight
        return out

    def probabilities(self, features: Iterable[str]) -> list[float]:
        return softmax(self.scores(features))

    def weight(self, name: str, index: int) -> float:
        """How much feature ``name`` speaks for class ``index`` against its model's first
        class (``none``): the weights are written relative to it."""
        for i, weight in _row(self.weights, name):
            if i == index:
                return weight
        return 0.0


def softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@dataclass(frozen=True)
class TurnModels:
    """Every turn model in one table: one pass over a message's features scores all."""

    heads: Mapping[str, tuple[str, ...]]
    slices: Mapping[str, tuple[int, int]]
    linear: Linear

    def probabilities(self, features: Iterable[str]) -> dict[str, list[float]]:
        return self.head_probabilities(self.linear.scores(features))

    def head_probabilities(self, scores: Sequence[float]) -> dict[str, list[float]]:
        """Each head's probabilities from the scores of all of them."""
        return {head: softmax(scores[a:b]) for head, (a, b) in self.slices.items()}

    def turn_scores(
        self, sentences: Sequence[Sequence[str]], opening: Iterable[str]
    ) -> tuple[list[float], list[list[float]]]:
        """The scores of a message and of each of its sentences, in one pass over the
        features: a sentence counts each of its features as often as it has it, the message
        counts each feature once (its features are a set: ``document_features``), with the
        ``opening`` ones, which only the message has."""
        table = self.linear.weights
        message = list(self.linear.bias)
        seen: set[str] = set()
        by_sentence: list[list[float]] = []
        for names in sentences:
            scores = list(self.linear.bias)
            for name in names:
                row = table.get(name)
                if row is None:
                    continue
                if row.__class__ is str:
                    row = _row(table, name)
                if name in seen:
                    for index, weight in row:
                        scores[index] += weight
                else:  # the message's first sight of it
                    seen.add(name)
                    for index, weight in row:
                        scores[index] += weight
                        message[index] += weight
            by_sentence.append(scores)
        for name in set(opening) - seen:
            for index, weight in _row(table, name):
                message[index] += weight
        return message, by_sentence


@dataclass(frozen=True)
class Models:
    turn: TurnModels
    role: Linear


def _table(raw: Mapping[str, Any]) -> Table:
    """The weights as loaded (rows as text, from the file; parsed rows replace them in
    place) or as trained (rows as lists, used as they are)."""
    if not isinstance(raw, dict):
        raise TypeError("weights must be a mapping of features")
    return raw


def load_models(path: Path = WEIGHTS_PATH) -> Models:
    """The models in ``path``; :class:`ModelError` says what is wrong."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ModelError(
            f"{path.name}: cannot read the reader's weights ({error.strerror})"
        ) from error
    except ValueError as error:
        raise ModelError(f"{path.name}: not JSON ({error})") from error
    try:
        return load_models_from(raw)
    except (ValueError, KeyError, TypeError) as error:
        raise ModelError(
            f"{path.name}: not a weights file this reader can use ({error})"
        ) from error


def load_models_from(raw: Mapping[str, Any]) -> Models:
    """The models from weights as ``training/train.py`` writes them."""
    t = raw["turn"]
    turn = TurnModels(
        heads={h: tuple(c) for h, c in t["heads"].items()},
        slices={h: (int(a), int(b)) for h, (a, b) in t["slices"].items()},
        linear=Linear((), tuple(t["bias"]), _table(t["weights"])),
    )
    r = raw["role"]
    return Models(turn, Linear(tuple(r["classes"]), tuple(r["bias"]), _table(r["weights"])))
