"""Train the reader's models on the corpus and write their weights.

    .venv/bin/python -m training.train [--check] [--report]

Reads every case in data/corpus/*.jsonl, builds the examples (training/dataset.py), fits
one logistic regression per model (scikit-learn, fixed seeds), and writes the weights as
JSON to bot/reading/weights.json, where the reader loads them with no scikit-learn at
all. ``--check`` rebuilds them and fails if they differ from the file (CI runs it);
``--report`` also prints each model's cross-validated figures, folded by writer, so a
figure says how well the model reads writers it was not trained on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from bot.reading.heads import ROLES, TURN_HEADS
from bot.reading.lexicon import load_lexicon
from bot.reading.model import WEIGHTS_PATH, row_text
from training.dataset import Examples, build, load_cases

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
LEXICON = ROOT / "vocabulary.yaml"
C = {"turn": 1.0, "role": 1.0}
"""Inverse regularisation strength per kind of model (chosen by cross-validation)."""
MIN_WEIGHT = 0.1
"""Weights smaller than this are dropped: they change no decision and cost time."""
MIN_SEEN = 3
CLASS_WEIGHT: dict[str, str | None] = {"turn": None, "role": None}
"""Classes weighed as they come ("balanced" raised recall but lost strategy accuracy in
cross-validation: 89.6% against 90.6% at the best thresholds)."""
"""A feature seen in one training example only is left out: it cannot generalise."""
DIGITS = 3
FOLDS = 6


def _fit(
    x: Sequence[Any], y: Sequence[str], classes: Sequence[str], c: float, kind: str = "turn"
) -> tuple[DictVectorizer, LogisticRegression]:
    vec = DictVectorizer(sparse=True)
    matrix = vec.fit_transform([dict.fromkeys(row, 1) for row in x])
    seen = np.asarray((matrix > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(seen >= MIN_SEEN)
    vec.restrict(seen >= MIN_SEEN)
    matrix = matrix[:, keep]
    model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs", class_weight=CLASS_WEIGHT[kind])
    model.fit(matrix, y)
    missing = set(classes) - set(model.classes_)
    if missing:
        raise SystemExit(f"no training example of {sorted(missing)}")
    return vec, model


def _export(
    vec: DictVectorizer, model: LogisticRegression, classes: Sequence[str], offset: int
) -> tuple[dict[str, list[list[float]]], list[float]]:
    """Feature -> [[output index, weight], ...] and the biases, in ``classes`` order.

    Each weight is written relative to the first class (``none``): subtracting the same
    amount from every class of a model changes none of its probabilities, and so a weight
    *is* how much the feature speaks for its class against ``none``, which is what quoting
    the decisive words needs, and ``none`` carries no weights at all."""
    coef, intercept = model.coef_, model.intercept_
    if coef.shape[0] == 1:  # two classes: sklearn keeps the second class's row only
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    order = [list(model.classes_).index(c) for c in classes]
    coef, intercept = coef[order], intercept[order]
    coef, bias = coef - coef[0], intercept - intercept[0]
    weights: dict[str, list[list[float]]] = {}
    names = vec.get_feature_names_out()
    for k in range(1, len(classes)):
        row = coef[k]
        for j in np.flatnonzero(np.abs(row) >= MIN_WEIGHT):
            weights.setdefault(str(names[j]), []).append([offset + k, round(float(row[j]), DIGITS)])
    return weights, [round(float(b), DIGITS) for b in bias]


def train(ex: Examples) -> dict[str, Any]:
    out: dict[str, Any] = {"version": 2}
    weights: dict[str, list[list[float]]] = {}
    biases: list[float] = []
    slices: dict[str, list[int]] = {}
    for head, classes in TURN_HEADS.items():
        vec, model = _fit(ex.turn_x, ex.turn_y[head], classes, C["turn"])
        head_weights, bias = _export(vec, model, classes, len(biases))
        slices[head] = [len(biases), len(biases) + len(classes)]
        biases += bias
        for name, pairs in head_weights.items():
            weights.setdefault(name, []).extend(pairs)
    out["turn"] = {
        "heads": {h: list(c) for h, c in TURN_HEADS.items()},
        "slices": slices,
        "bias": biases,
        "weights": dict(sorted(weights.items())),
    }
    vec, model = _fit(ex.mention_x, ex.mention_y, ROLES, C["role"], "role")
    role_weights, bias = _export(vec, model, ROLES, 0)
    out["role"] = {
        "classes": list(ROLES),
        "bias": bias,
        "weights": dict(sorted(role_weights.items())),
    }
    return out


def for_file(weights: dict[str, Any]) -> dict[str, Any]:
    """The weights as the file holds them: each feature's row as text, which loads in a
    tenth of the time of nested lists (``bot.reading.model``)."""
    out = dict(weights, version=3)
    for model in ("turn", "role"):
        table = weights[model]["weights"]
        out[model] = dict(weights[model], weights={k: row_text(v) for k, v in table.items()})
    return out


def cross_validate(ex: Examples) -> dict[str, dict[str, float]]:
    """Per model, accuracy on the non-none labels and how often it reads a value that is
    wrong, with each writer's cases predicted by a model trained on the other writers."""
    report: dict[str, dict[str, float]] = {}
    groups = np.array(ex.turn_groups)
    for head, classes in TURN_HEADS.items():
        report[head] = _cv(ex.turn_x, np.array(ex.turn_y[head]), groups, classes, C["turn"])
    report["role"] = _cv(
        ex.mention_x, np.array(ex.mention_y), np.array(ex.mention_groups), ROLES, C["role"], "role"
    )
    return report


def _cv(
    x: Sequence[Any], y: Any, groups: Any, classes: Sequence[str], c: float, kind: str = "turn"
) -> dict[str, float]:
    predicted = np.empty(len(y), dtype=object)
    confidence = np.zeros(len(y))
    for train_idx, test_idx in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        vec, model = _fit([x[i] for i in train_idx], y[train_idx], classes, c, kind)
        probs = model.predict_proba(vec.transform([dict.fromkeys(x[i], 1) for i in test_idx]))
        best = probs.argmax(axis=1)
        predicted[test_idx] = model.classes_[best]
        confidence[test_idx] = probs.max(axis=1)
    stated = y != "none"
    said = predicted != "none"
    return {
        "examples": float(len(y)),
        "stated": float(stated.sum()),
        "recall": float((predicted[stated] == y[stated]).mean()) if stated.any() else 1.0,
        "wrong_when_read": float((predicted[said] != y[said]).mean()) if said.any() else 0.0,
        "accuracy": float((predicted == y).mean()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train")
    parser.add_argument("--check", action="store_true", help="fail if the weights are stale")
    parser.add_argument("--report", action="store_true", help="cross-validate by writer")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    cases = load_cases(sorted(args.corpus.glob("*.jsonl")))
    ex = build(cases, load_lexicon(LEXICON))
    if args.report:
        for name, figures in cross_validate(ex).items():
            shown = ", ".join(
                f"{k} {v:.3f}" if v < 10 else f"{k} {v:.0f}" for k, v in figures.items()
            )
            print(f"{name:20s} {shown}")
    weights = for_file(train(ex))
    weights["trained_on"] = {"cases": len(cases), "writers": len({c.writer for c in cases})}
    text = json.dumps(weights, separators=(",", ":"), sort_keys=True) + "\n"
    if args.check:
        if not args.out.is_file() or args.out.read_text(encoding="utf-8") != text:
            print(f"{args.out} is not what the corpus trains: run `make model`", file=sys.stderr)
            return 1
        print(f"OK: {args.out} matches the corpus ({len(cases)} cases)")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text) // 1024} KiB, {len(cases)} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
