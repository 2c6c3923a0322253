"""Which shape a file's rows have, and each row read as an :class:`Example` (or a problem).

The shapes providers and trainers accept:

- ``chat``: ``{"messages": [{"role", "content"}, ...]}`` (OpenAI/Azure fine-tuning): an
  optional system message first, then user and assistant taking turns (tool messages after
  an assistant), ending with the assistant's answer, which is the example's output;
- ``prompt_completion``: ``prompt`` and ``completion`` (or ``input`` and ``output``);
- ``instruction``: ``instruction``, an optional ``input``, and ``output`` (Alpaca);
- ``preference``: ``prompt``, ``chosen`` and ``rejected`` (text or message lists), or
  OpenAI's ``input`` / ``preferred_output`` / ``non_preferred_output``;
- ``classification``: a text column (:data:`TEXT_COLUMNS`) and a label column
  (:data:`LABEL_COLUMNS`); keys are matched without regard to case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.datacheck.wording import wording


class DataFormat(StrEnum):
    CHAT = "chat"
    PROMPT_COMPLETION = "prompt_completion"
    INSTRUCTION = "instruction"
    PREFERENCE = "preference"
    CLASSIFICATION = "classification"
    UNKNOWN = "unknown"


TEXT_COLUMNS = ("text", "input", "sentence", "content", "question", "query", "message", "prompt")
LABEL_COLUMNS = ("label", "class", "category", "intent", "target", "topic")
ROLES = frozenset({"system", "developer", "user", "assistant", "tool", "function"})
SYSTEM_ROLES = frozenset({"system", "developer"})
TOOL_ROLES = frozenset({"tool", "function"})


@dataclass(frozen=True, slots=True)
class Example:
    """A valid row, as the checks need it: the input, the output (the label for
    classification, the chosen answer for preference), the rejected answer, and how many
    characters of text it holds in all."""

    input: str
    output: str
    chars: int
    label: str | None = None
    rejected: str | None = None


@dataclass(frozen=True)
class Layout:
    """A file's shape and the keys that hold each part, e.g. ``{"text": "Sentence"}``."""

    format: DataFormat
    keys: dict[str, str] = field(default_factory=dict)
    variant: str = ""

    def read(self, row: Any) -> Example | str:
        """The row as an example, or what is wrong with it."""
        if not isinstance(row, dict):
            return wording.ROW_NOT_OBJECT
        reader = _READERS.get(self.format)
        if reader is None:
            return wording.ROW_UNKNOWN_SHAPE
        return reader(self, row)


UNKNOWN = Layout(DataFormat.UNKNOWN)


def layout_of(row: Any) -> Layout:
    """The shape one row has, by its keys."""
    if not isinstance(row, dict):
        return UNKNOWN
    keys = {str(k).strip().lower(): k for k in row}

    def has(*names: str) -> bool:
        return all(n in keys for n in names)

    def pick(*names: str) -> dict[str, str]:
        return {n: keys[n] for n in names if n in keys}

    if has("messages"):
        return Layout(DataFormat.CHAT, pick("messages"))
    if has("chosen", "rejected"):
        return Layout(DataFormat.PREFERENCE, pick("prompt", "chosen", "rejected"))
    if has("preferred_output", "non_preferred_output"):
        found = pick("input", "preferred_output", "non_preferred_output")
        return Layout(DataFormat.PREFERENCE, found, variant="openai")
    if has("instruction", "output"):
        return Layout(DataFormat.INSTRUCTION, pick("instruction", "input", "output"))
    if has("prompt", "completion"):
        return Layout(DataFormat.PROMPT_COMPLETION, pick("prompt", "completion"))
    if has("input", "output"):
        io_keys = {"prompt": keys["input"], "completion": keys["output"]}
        return Layout(DataFormat.PROMPT_COMPLETION, io_keys)
    label = next((keys[n] for n in LABEL_COLUMNS if n in keys), None)
    text = next((keys[n] for n in TEXT_COLUMNS if n in keys), None)
    if label is not None and text is not None:
        return Layout(DataFormat.CLASSIFICATION, {"text": text, "label": label})
    return UNKNOWN


def choose_layout(rows: Iterable[Any]) -> Layout:
    """The most common known shape among ``rows`` (the first rows of a file), the
    earliest on a tie; ``UNKNOWN`` when none has a known shape."""
    layouts = [layout for layout in map(layout_of, rows) if layout.format is not DataFormat.UNKNOWN]
    if not layouts:
        return UNKNOWN
    counts = Counter((lay.format, tuple(sorted(lay.keys.items())), lay.variant) for lay in layouts)
    best = max(counts.values())
    return next(
        lay
        for lay in layouts
        if counts[(lay.format, tuple(sorted(lay.keys.items())), lay.variant)] == best
    )


def _field_text(row: dict[str, Any], layout: Layout, part: str, *, optional: bool = False) -> str:
    """The text of one part of the row; raises _Bad naming the key as the file spells it."""
    key = layout.keys.get(part, part)
    if key not in row or row[key] is None:
        if optional:
            return ""
        raise _Bad(wording.MISSING_FIELD.format(field=key))
    value = row[key]
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        text = _messages_text(value)
        if text is not None:
            return text
    raise _Bad(wording.NOT_TEXT_FIELD.format(field=key))


def _required(row: dict[str, Any], layout: Layout, part: str, *, output: bool = False) -> str:
    text = _field_text(row, layout, part)
    if not text.strip():
        key = layout.keys.get(part, part)
        message = wording.EMPTY_OUTPUT if output else wording.EMPTY_FIELD
        raise _Bad(message.format(field=key))
    return text


class _Bad(Exception):
    """A row problem, raised inside a reader and returned as its message."""


def _prompt_completion(layout: Layout, row: dict[str, Any]) -> Example | str:
    try:
        prompt = _required(row, layout, "prompt")
        completion = _required(row, layout, "completion", output=True)
    except _Bad as bad:
        return str(bad)
    return Example(prompt, completion, len(prompt) + len(completion))


def _instruction(layout: Layout, row: dict[str, Any]) -> Example | str:
    try:
        instruction = _required(row, layout, "instruction")
        extra = _field_text(row, layout, "input", optional=True)
        output = _required(row, layout, "output", output=True)
    except _Bad as bad:
        return str(bad)
    text = f"{instruction}\n\n{extra}" if extra.strip() else instruction
    return Example(text, output, len(instruction) + len(extra) + len(output))


def _preference(layout: Layout, row: dict[str, Any]) -> Example | str:
    if layout.variant == "openai":
        parts = ("input", "preferred_output", "non_preferred_output")
    else:
        parts = ("prompt", "chosen", "rejected")
    try:
        prompt_key = layout.keys.get(parts[0], parts[0])
        raw_prompt = row.get(prompt_key)
        if isinstance(raw_prompt, dict) and "messages" in raw_prompt:
            prompt = _messages_text(raw_prompt["messages"]) or ""
            if not prompt.strip():
                raise _Bad(wording.EMPTY_FIELD.format(field=prompt_key))
        else:
            prompt = _required(row, layout, parts[0])
        chosen = _required(row, layout, parts[1], output=True)
        rejected = _required(row, layout, parts[2], output=True)
    except _Bad as bad:
        return str(bad)
    if normalize(chosen) == normalize(rejected):
        return wording.SAME_CHOSEN_REJECTED
    return Example(prompt, chosen, len(prompt) + len(chosen) + len(rejected), rejected=rejected)


def _classification(layout: Layout, row: dict[str, Any]) -> Example | str:
    try:
        text = _required(row, layout, "text")
    except _Bad as bad:
        return str(bad)
    key = layout.keys["label"]
    label = row.get(key)
    if label is None or (isinstance(label, str) and not label.strip()):
        return wording.EMPTY_OUTPUT.format(field=key)
    if not isinstance(label, str | int | float | bool):
        return wording.LABEL_NOT_SINGLE.format(field=key)
    name = str(label).strip()
    return Example(text, name, len(text) + len(name), label=name)


def _chat(layout: Layout, row: dict[str, Any]) -> Example | str:
    key = layout.keys.get("messages", "messages")
    if key not in row:
        return wording.MISSING_FIELD.format(field=key)
    messages = row[key]
    if not isinstance(messages, list):
        return wording.MESSAGES_NOT_LIST
    if not messages:
        return wording.MESSAGES_EMPTY
    turns: list[tuple[str, str]] = []
    for n, message in enumerate(messages, start=1):
        if not isinstance(message, dict):
            return wording.MESSAGE_NOT_OBJECT.format(n=n)
        role = message.get("role")
        if role not in ROLES:
            return wording.MESSAGE_BAD_ROLE.format(n=n)
        content = _content_text(message.get("content"))
        if content is None and not (role == "assistant" and _calls_tools(message)):
            return wording.MESSAGE_NO_CONTENT.format(n=n)
        turns.append((str(role), content or ""))
    problem = _order_problem([role for role, _ in turns])
    if problem:
        return problem
    answer = turns[-1][1]
    if not answer.strip():
        return wording.EMPTY_OUTPUT.format(field="assistant")
    prompt = "\n".join(f"{role}: {text}" for role, text in turns[:-1])
    return Example(prompt, answer, sum(len(text) for _, text in turns))


def _order_problem(roles: list[str]) -> str | None:
    """What is wrong with the order of roles, or None."""
    start = 1 if roles[0] in SYSTEM_ROLES else 0
    if any(role in SYSTEM_ROLES for role in roles[start:]):
        return wording.ORDER_SYSTEM_LATE
    body = roles[start:]
    if not body or body[0] != "user":
        return wording.ORDER_FIRST
    for i in range(1, len(body)):
        role, before = body[i], body[i - 1]
        if role in TOOL_ROLES:
            if before != "assistant" and before not in TOOL_ROLES:
                return wording.ORDER_TOOL
        elif role == before:
            return wording.ORDER_REPEAT.format(role=role, n=start + i, m=start + i + 1)
    if body[-1] != "assistant":
        return wording.ORDER_LAST
    return None


def _content_text(content: Any) -> str | None:
    """A message's text: a string, or the text parts of a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = [p.get("text") for p in content if isinstance(p, dict)]
        strings = [t for t in texts if isinstance(t, str)]
        return "\n".join(strings) if strings else None
    return None


def _calls_tools(message: dict[str, Any]) -> bool:
    return bool(message.get("tool_calls") or message.get("function_call"))


def _messages_text(messages: Any) -> str | None:
    """The text of a list of messages (a preference answer or prompt given as chat)."""
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        return None
    texts = [_content_text(m.get("content")) for m in messages]
    if any(t is None for t in texts):
        return None
    return "\n".join(t for t in texts if t is not None)


def normalize(text: str) -> str:
    """Text as duplicates are compared: trimmed, whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


_READERS = {
    DataFormat.CHAT: _chat,
    DataFormat.PROMPT_COMPLETION: _prompt_completion,
    DataFormat.INSTRUCTION: _instruction,
    DataFormat.PREFERENCE: _preference,
    DataFormat.CLASSIFICATION: _classification,
}
