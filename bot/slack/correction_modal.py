"""The Correct the facts form: a Slack modal pre-filled with every fact of the latest
advice, and what its submission changed.

Each fact is one input block (``fact:<name>``): a category as a select of its choices, a
yes/no fact as Yes / No / Unknown, a figure or a name as a text field holding it as the
advice says it ("20,000", "300-800", "87%"). Only the fields whose value differs from what
was shown count as corrections; an emptied field or "Unknown" takes the fact back to
unknown (:data:`bot.conversation.UNKNOWN`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.conversation import NO, UNKNOWN, YES
from bot.facts import FACT_NAMES, Facts
from bot.report import FACT_LABELS
from bot.rules import FACT_KINDS, format_fact
from bot.slack import wording
from bot.slackkit.blocks import MAX_HEADER_TEXT, section
from bot.slackkit.mrkdwn import clip

CALLBACK_ID = "correct_facts"
BLOCK_PREFIX = "fact:"
ACTION_ID = "value"
MAX_INPUT_CHARS = 200
CHOICES = {YES: wording.CHOICE_YES, NO: wording.CHOICE_NO, UNKNOWN: wording.CHOICE_UNKNOWN}
"""A yes/no fact's options: the words a correction stands for, and their labels."""


def shown(name: str, facts: Facts) -> str:
    """A fact as the form shows it: a choice's value, yes/no/unknown, or the figure as the
    advice writes it ("" when a figure or a name is unknown)."""
    value = getattr(facts, name)
    kind = FACT_KINDS[name].kind
    if kind == "bool":
        return UNKNOWN if value is None else YES if value else NO
    if value is None:
        return ""
    if kind == "enum":
        return str(getattr(value, "value", value))
    return format_fact(name, value)


def _option(value: str, label: str) -> Option:
    return Option(value=value, text=PlainTextObject(text=clip(label, 75)))


def _field(name: str, facts: Facts) -> InputBlock:
    kind, current = FACT_KINDS[name], shown(name, facts)
    element: StaticSelectElement | PlainTextInputElement
    if kind.kind in ("enum", "bool"):
        pairs = (
            [(c, c.replace("_", " ")) for c in kind.choices]
            if kind.kind == "enum"
            else list(CHOICES.items())
        )
        options = [_option(value, label) for value, label in pairs]
        initial = next((o for o in options if o.value == current), None)
        element = StaticSelectElement(action_id=ACTION_ID, options=options, initial_option=initial)
    else:
        element = PlainTextInputElement(
            action_id=ACTION_ID,
            initial_value=clip(current, MAX_INPUT_CHARS) if current else None,
            max_length=MAX_INPUT_CHARS,
        )
    label = FACT_LABELS.get(name, name)
    return InputBlock(
        block_id=f"{BLOCK_PREFIX}{name}",
        label=PlainTextObject(text=clip(label[:1].upper() + label[1:], MAX_HEADER_TEXT)),
        element=element,
        optional=True,
    )


def correction_view(consultation_id: str, facts: Facts) -> dict[str, Any]:
    """The modal, as ``views.open`` takes it; ``private_metadata`` names the consultation."""
    blocks: list[Block] = [section(wording.CORRECT_INTRO)]
    blocks += [_field(name, facts) for name in FACT_NAMES if name in FACT_KINDS]
    view = View(
        type="modal",
        callback_id=CALLBACK_ID,
        title=PlainTextObject(text=wording.CORRECT_TITLE),
        submit=PlainTextObject(text=wording.CORRECT_SUBMIT),
        close=PlainTextObject(text=wording.CORRECT_CLOSE),
        private_metadata=consultation_id,
        blocks=blocks,
    )
    return view.to_dict()


def submitted(values: dict[str, Any]) -> dict[str, str]:
    """The fields of a submitted form (``view.state.values``) by fact: a choice's value, or
    the text as typed (stripped; "" when empty)."""
    found = {}
    for block_id, actions in values.items():
        name = block_id.removeprefix(BLOCK_PREFIX)
        if not block_id.startswith(BLOCK_PREFIX) or name not in FACT_KINDS:
            continue
        field = (actions or {}).get(ACTION_ID) or {}
        if field.get("type") == "static_select":
            found[name] = str((field.get("selected_option") or {}).get("value") or "")
        else:
            found[name] = str(field.get("value") or "").strip()
    return found


def changed(facts: Facts, values: dict[str, Any]) -> dict[str, str]:
    """The corrections a submission makes: fact -> the words it now stands for (a choice,
    yes / no, the figure as typed, or :data:`UNKNOWN`), for each field changed."""
    found = {}
    for name, given in submitted(values).items():
        before = shown(name, facts)
        if given == before or (not given and FACT_KINDS[name].kind == "enum"):
            continue  # unchanged (a select cannot be emptied)
        found[name] = given or UNKNOWN
    return found


def problems(corrections: dict[str, str], valid: Callable[[str, str], object]) -> dict[str, str]:
    """Block id -> a short message for each correction that cannot stand: a choice not
    offered, a figure that is not a number of 0 or more. ``valid(fact, words)`` is the
    reading of a correction (``CorrectorLike.corrected_value``, bot/interface.py)."""
    found = {}
    for name, words in corrections.items():
        kind = FACT_KINDS[name]
        offered = kind.choices if kind.kind == "enum" else tuple(CHOICES)
        if words == UNKNOWN:
            continue
        if kind.kind in ("enum", "bool") and words not in offered:
            found[f"{BLOCK_PREFIX}{name}"] = wording.NOT_A_CHOICE
        elif kind.kind == "number" and valid(name, words) is None:
            found[f"{BLOCK_PREFIX}{name}"] = wording.NOT_A_FIGURE
    return found
