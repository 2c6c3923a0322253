"""CommonMark that text cannot break: escaped inline text, fences longer than anything in
them, lists and pipe tables (GitHub's extension) built from escaped cells.

Every string that reaches the document goes through :func:`inline` or :func:`fenced`, so
the user's words (and the rules' texts, which quote them) stay text: no heading, list,
link, HTML, emphasis, table cell or code span can start inside them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

INLINE_SPECIAL = frozenset("\\`*[]<>|&~")
"""Escaped wherever they are: code spans, emphasis, links and images, HTML and autolinks,
table cells, entities, strikethrough (GitHub's extension)."""
LINE_START_SPECIAL = frozenset("#-+=")
"""Escaped at the start of a text only: headings, list items, setext underlines."""
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BACKTICKS = re.compile(r"`+")
_REPLACEMENT = "\ufffd"
FENCE_INFO = "text"


def one_line(text: str) -> str:
    """``text`` on one line: every run of whitespace (newlines too) becomes one space."""
    return " ".join(text.replace("\0", _REPLACEMENT).split())


def inline(text: str, *, also: str = "", line_start: bool = True) -> str:
    """``text`` on one line, escaped so that CommonMark reads it as exactly these characters
    in a paragraph, a list item or a table cell (``line_start=False``: a cell, where no
    block can start), or a heading (``also="#"``: more characters to escape everywhere).

    Readable where it is safe: an underscore between letters or digits cannot start or end
    emphasis and stays bare (``decision_rules.yaml``); a dollar sign is escaped only when
    the text holds two, which GitHub could read as the ends of a formula.
    """
    flat = one_line(text)
    special = INLINE_SPECIAL | frozenset(also)
    if flat.count("$") > 1:
        special |= {"$"}
    out = []
    for i, c in enumerate(flat):
        if c in special or (c == "_" and not _inside_word(flat, i)):
            out.append(f"\\{c}")
        else:
            out.append(c)
    escaped = "".join(out)
    if not line_start:
        return escaped
    if escaped[:1] in LINE_START_SPECIAL:
        return f"\\{escaped}"
    return _ORDERED_MARKER.sub(r"\1\\\2", escaped, count=1)


def _inside_word(text: str, i: int) -> bool:
    """Whether ``text[i]`` has a letter or digit on both sides."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def fenced(text: str, info: str = FENCE_INFO) -> str:
    """``text`` as a fenced code block, line breaks kept: its fence is longer than any run
    of backticks in it, so no line of the text can close it."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", _REPLACEMENT)
    body = body.rstrip("\n")
    longest = max((len(run) for run in _BACKTICKS.findall(body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}\n{fence}" if body else f"{fence}{info}\n{fence}"


def heading(level: int, text: str) -> str:
    """An ATX heading; a ``#`` in ``text`` is escaped, or a trailing one would be dropped."""
    return f"{'#' * level} {inline(text, also='#', line_start=False)}"


def bullets(items: Sequence[str]) -> str:
    """A bullet list, one escaped item per line."""
    return "\n".join(f"- {inline(item)}" for item in items)


def numbered(items: Sequence[str]) -> str:
    """A numbered list, one escaped item per line."""
    return "\n".join(f"{i}. {inline(item)}" for i, item in enumerate(items, 1))


def fields(rows: Sequence[tuple[str, str]]) -> str:
    """A bullet list of "**label:** value" lines."""
    return "\n".join(f"- **{inline(label)}:** {inline(value)}" for label, value in rows)


def table(columns: Sequence[str], rows: Sequence[Sequence[str]], right: int = 0) -> str:
    """A pipe table (GitHub Flavored Markdown) of escaped cells; the columns from index
    ``right`` on are right-aligned (``0``: none)."""
    align = ["--:" if right and i >= right else "---" for i in range(len(columns))]
    lines = [_row(columns), _row(align, escape=False)]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _row(cells: Sequence[str], escape: bool = True) -> str:
    shown = [inline(cell, line_start=False) if escape else cell for cell in cells]
    return "| " + " | ".join(shown) + " |"


def document(blocks: Sequence[str]) -> str:
    """Blocks separated by one blank line, ending in one newline."""
    return "\n\n".join(block for block in blocks if block) + "\n"
