"""Block Kit messages of the bot, built with slack_sdk's block models, within Slack's limits.

Every function returns a :class:`~bot.slackkit.blocks.Message`: the blocks and a
plain-text fallback. User text is escaped here, once, through :mod:`bot.slackkit.mrkdwn`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    PlainTextObject,
    SectionBlock,
)

from bot.advice import Advice, Question
from bot.report import FACT_LABELS, known_facts
from bot.rules import format_fact
from bot.slack import wording
from bot.slack.correct_button import correct_facts_block
from bot.slack.forget_button import forget_block
from bot.slack.record_button import save_record_block
from bot.slackkit.blocks import (
    MAX_BLOCKS,
    MAX_BUTTON_TEXT,
    MAX_BUTTON_VALUE,
    MAX_ID,
    MAX_SECTION_TEXT,
    Message,
    context,
    fallback,
    filled,
    header,
    section,
)
from bot.slackkit.mrkdwn import code_block, escape, one_line

MAX_BUTTONS_PER_QUESTION = 5
MAX_LIST_ITEMS = 12
ROOT_DESCRIPTION_CHARS = 300
ANSWER_ACTION_PREFIX = "answer:"
QUOTE_CHARS = 120
"""Of the user's words quoted beside each fact in What I understood."""


def bullets(title: str, items: Iterable[str]) -> SectionBlock:
    """A titled list of user-derived lines (escaped here)."""
    lines = [f"• {escape(one_line(item, MAX_SECTION_TEXT))}" for item in items]
    if len(lines) > MAX_LIST_ITEMS:
        lines = [*lines[:MAX_LIST_ITEMS], f"• … and {len(lines) - MAX_LIST_ITEMS} more"]
    return section("\n".join([title, *lines]))


def plain(text: str) -> Message:
    """A one-section notice; ``text`` is already escaped mrkdwn."""
    return Message(text=fallback(text), blocks=[section(text)])


def root_message(description: str, user_id: str, consultation_id: str | None = None) -> Message:
    """The channel message a ``/advise`` thread hangs on: the use case in a line or two;
    with a ``consultation_id``, the Forget this consultation button under it."""
    text = wording.root(escape(one_line(description, ROOT_DESCRIPTION_CHARS)), user_id)
    shown: list[Block] = [section(text)]
    if consultation_id is not None:
        shown.append(forget_block(consultation_id))
    return Message(text=fallback(text), blocks=shown)


def answer_value(consultation_id: str, label: str, reply: str, fact: str = "") -> str:
    """A button's value: the consultation, the reply it stands for and the fact its
    question asks (< 2000 chars)."""
    value = json.dumps(
        {"c": consultation_id, "l": label[:MAX_BUTTON_TEXT], "r": reply[:1500], "f": fact[:64]}
    )
    return value[:MAX_BUTTON_VALUE]


def questions_message(consultation_id: str, questions: Sequence[Question], intro: str) -> Message:
    """The questions the advisor asks now (how many is its policy's), each with its
    quick-answer buttons."""
    blocks: list[Block] = [section(intro)]
    for question in questions:
        blocks.append(section(f"*{escape(one_line(question.text, MAX_SECTION_TEXT))}*"))
        buttons = [
            ButtonElement(
                text=PlainTextObject(text=filled(one_line(a.label, 200), MAX_BUTTON_TEXT)),
                action_id=f"{ANSWER_ACTION_PREFIX}{i}",
                value=answer_value(consultation_id, a.label, a.reply, question.fact),
            )
            for i, a in enumerate(question.quick_answers[:MAX_BUTTONS_PER_QUESTION])
        ]
        if buttons:
            blocks.append(ActionsBlock(block_id=f"q:{question.fact}"[:MAX_ID], elements=buttons))
    blocks = [*blocks[: MAX_BLOCKS - 1], context(wording.QUESTIONS_FOOTER)]  # Slack's limit
    lines = [intro, *(f"• {escape(one_line(q.text, 500))}" for q in questions)]
    return Message(text=fallback(*lines), blocks=blocks)


def understood(advice: Advice) -> SectionBlock:
    """What I understood: each known fact, labeled, with the user's words it was read from."""
    lines = [wording.UNDERSTOOD]
    for name, value in known_facts(advice.facts).items():
        line = f"• *{escape(FACT_LABELS.get(name, name))}*: {escape(format_fact(name, value))}"
        evidence = advice.evidence.get(name)
        if evidence is not None and evidence.quote.strip():
            line += f" (“{escape(one_line(evidence.quote, QUOTE_CHARS))}”)"
        lines.append(line)
    if len(lines) == 1:
        lines.append(wording.UNDERSTOOD_NOTHING)
    return section("\n".join(lines))


def recommendation_message(
    advice: Advice,
    changes: Sequence[str] = (),
    consultation_id: str | None = None,
    updated_after: str | None = None,
) -> Message:
    """The recommendation: strategy and path, what was understood, reasons, warnings, steps,
    cost and prompt; with a ``consultation_id``, the Correct the facts button under what was
    understood and the Save as decision record button at the end. ``updated_after`` (escaped
    mrkdwn) says who changed what (bot/slack/steering.py)."""
    rec = advice.recommendation
    label = wording.STRATEGY_LABELS.get(rec.strategy.value, rec.strategy.value)
    title = wording.UPDATED_TITLE if changes else wording.RECOMMENDATION_TITLE
    summary = f"*Now:* {label}   *Path:* " + wording.path(
        [wording.STRATEGY_LABELS.get(step, escape(step)) for step in rec.path]
    )
    if rec.technique:
        summary += f"\n*Technique:* {wording.TECHNIQUE_LABELS.get(rec.technique.value, '')}"
    summary += f"\n*Confidence:* {rec.confidence.value}"
    blocks: list[Block] = [header(title.format(label=label))]
    if updated_after:
        blocks.append(section(updated_after))
    if changes:
        blocks.append(section(wording.WHAT_CHANGED.format(changes=escape("; ".join(changes)))))
    blocks.append(section(summary))
    blocks.append(understood(advice))
    if consultation_id is not None:
        blocks.append(correct_facts_block(consultation_id))
    for heading, items in (
        (wording.WHY, [r.text for r in rec.reasons]),
        (wording.WARNINGS, [w.text for w in rec.warnings]),
        (wording.NEXT_STEPS, rec.next_steps),
        (wording.ASSUMED, rec.assumptions),
    ):
        if items:
            blocks.append(bullets(heading, items))
    if rec.cost is not None:
        blocks.append(_cost_section(advice))
    blocks.append(DividerBlock())
    prompt_block = f"{wording.PROMPT}\n{code_block(advice.suggested_prompt)}"
    snippet = None
    if len(prompt_block) > MAX_SECTION_TEXT:
        snippet = advice.suggested_prompt
        prompt_block = wording.PROMPT_AS_SNIPPET
    blocks.append(section(prompt_block))
    reasons = [f"• {escape(one_line(r.text, 300))}" for r in rec.reasons[:5]]
    text = fallback(title.format(label=label), *reasons)
    if consultation_id is not None:
        blocks = [*blocks[: MAX_BLOCKS - 1], save_record_block(consultation_id)]
    return Message(text=text, blocks=blocks[:MAX_BLOCKS], snippet=snippet)


def _cost_section(advice: Advice) -> SectionBlock:
    """The cost comparison: which volume and why, the conclusion, one line per model and
    volume, the assumptions in sentences, where the prices come from and how old they are."""
    cost = advice.recommendation.cost
    assert cost is not None
    several = len(cost.computed_at) > 1
    lines = [wording.COST]
    lines += [escape(one_line(text, 1000)) for text in (cost.basis, cost.summary) if text]
    lines += [
        escape(
            wording.cost_line(
                m.model,
                m.prompt_route_monthly,
                m.fine_tuned_monthly,
                m.payback_months,
                m.requests_per_day if several else None,
            )
        )
        for m in cost.models[:MAX_LIST_ITEMS]
    ]
    lines += [f"_{escape(one_line(note, 600))}_" for note in cost.notes]
    lines.append(escape(wording.prices_read(cost.prices_read.isoformat(), cost.prices_source)))
    if cost.prices_stale:
        lines.append(f":warning: {escape(one_line(cost.prices_stale, 600))}")
    return section("\n".join(lines))


def answered_blocks(
    blocks: list[dict[str, object]], block_id: str, text: str
) -> list[dict[str, object]]:
    """The clicked message's blocks with the clicked question's buttons replaced by ``text``."""
    done = context(text).to_dict()
    return [done if b.get("block_id") == block_id else b for b in blocks]
