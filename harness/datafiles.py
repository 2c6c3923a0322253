"""Training-data files for the data check's tests and benchmark: rows of every shape,
written as JSONL, a JSON list or CSV, and a large chat file of a chosen size.

A row is a dict, or a string written as the line itself (JSONL only: a broken line).
"""

from __future__ import annotations

import csv
import json
import random
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

Row = dict[str, Any] | str

TOPICS = ("parcel", "refund", "invoice", "password", "login", "delivery", "warranty", "upgrade")
QUEUES = ("billing", "shipping", "account", "technical")


def chat(question: str, answer: str, system: str | None = None) -> dict[str, Any]:
    messages = [{"role": "system", "content": system}] if system else []
    messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return {"messages": messages}


def prompt_completion(prompt: str, completion: str) -> dict[str, Any]:
    return {"prompt": prompt, "completion": completion}


def instruction(task: str, given: str, output: str) -> dict[str, Any]:
    return {"instruction": task, "input": given, "output": output}


def preference(prompt: str, chosen: str, rejected: str) -> dict[str, Any]:
    return {"prompt": prompt, "chosen": chosen, "rejected": rejected}


def classification(text: str, label: str) -> dict[str, Any]:
    return {"text": text, "label": label}


def question(i: int) -> str:
    """A distinct, plausible question for row ``i``."""
    return f"Ticket {i}: my {TOPICS[i % len(TOPICS)]} has a problem, case {i * 7919 % 100003}."


def generate(shape: str, n: int, start: int = 0) -> list[dict[str, Any]]:
    """``n`` distinct valid rows of ``shape`` (classification: four queues, balanced)."""
    rows: list[dict[str, Any]] = []
    for i in range(start, start + n):
        q = question(i)
        if shape == "chat":
            rows.append(chat(q, f"Thanks, case {i} is now with the right team."))
        elif shape == "prompt_completion":
            rows.append(prompt_completion(q, f"Routed case {i}."))
        elif shape == "instruction":
            rows.append(instruction("Summarise the ticket.", q, f"Summary of case {i}."))
        elif shape == "preference":
            rows.append(preference(q, f"Helpful answer {i}.", f"Curt answer {i}."))
        elif shape == "classification":
            rows.append(classification(q, QUEUES[i % len(QUEUES)]))
        else:
            raise ValueError(f"unknown shape {shape!r}")
    return rows


def write(path: Path, rows: Iterable[Row]) -> Path:
    """Rows as JSONL, a JSON list or CSV, by the file's suffix (.jsonl, .json, .csv)."""
    if path.suffix == ".json":
        path.write_text(json.dumps(list(rows), indent=1), encoding="utf-8")
    elif path.suffix == ".csv":
        items = [r for r in rows if isinstance(r, dict)]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(items[0]))
            writer.writeheader()
            writer.writerows(items)
    else:
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path


def big_chat_rows(seed: int = 12) -> Iterator[dict[str, Any]]:
    """An endless stream of chat rows of about 1 KB: 5% repeat a recent row, 2% give a
    recent question another answer, 1% hold an email address and a card number."""
    rng = random.Random(seed)
    syllables = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "an", "el", "or", "us")
    words = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(2000)]
    recent: deque[tuple[str, str]] = deque(maxlen=500)
    system = "You are a support agent."
    for i in count():
        roll = rng.random()
        if recent and roll < 0.05:
            yield chat(*rng.choice(recent), system=system)
            continue
        if recent and roll < 0.07:
            q, _ = rng.choice(recent)
            yield chat(q, f"Another answer, number {i}.", system=system)
            continue
        q = f"{question(i)} {' '.join(rng.choices(words, k=120))}"
        if roll < 0.08:
            q += " Write to jo.doe@example.com or use card 4111 1111 1111 1111."
        recent.append((q, f"Answer for case {i}."))
        yield chat(*recent[-1], system=system)


def write_big_chat(path: Path, size_bytes: int, seed: int = 12) -> int:
    """A JSONL chat file of at least ``size_bytes``; the number of rows written."""
    written = rows = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in big_chat_rows(seed):
            line = json.dumps(row) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            rows += 1
            if written >= size_bytes:
                return rows
    return rows
