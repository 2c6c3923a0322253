"""Where the CLI writes: rich panels and tables on a terminal, plain text when piped or
when ``NO_COLOR`` is set.

Everything that may hold the user's words is printed as text, never as rich markup.

rich is imported only for a terminal: piped output (``advise | ...``, scripts, the tests)
is plain and does not pay for loading it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.console import Console


def no_color() -> bool:
    """Whether ``NO_COLOR`` asks for plain output (set and not empty, as no-color.org says)."""
    return bool(os.environ.get("NO_COLOR"))


def may_be_terminal() -> bool:
    """False when rich's console would surely find no terminal (so plain output needs no
    rich): standard output is not a TTY and neither ``TTY_COMPATIBLE`` nor ``FORCE_COLOR``
    says otherwise (``rich.console.Console.is_terminal`` decides the other cases)."""
    if "TTY_COMPATIBLE" in os.environ or "FORCE_COLOR" in os.environ:
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or closed
        return False


class Output:
    """A few layout primitives, each with a rich form and a plain-text form."""

    def __init__(self, console: Console | None = None, rich: bool | None = None) -> None:
        self._console = console
        if rich is None and console is None and (no_color() or not may_be_terminal()):
            rich = False
        self.rich = self.console.is_terminal and not no_color() if rich is None else rich

    @property
    def console(self) -> Console:
        """rich's console, made on first use: plain output never makes one."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False)
        return self._console

    def line(self, text: str = "", style: str = "") -> None:
        if self.rich:
            from rich.text import Text

            self.console.print(Text(text, style=style))
        else:
            click.echo(text)

    def hint(self, text: str) -> None:
        self.line(text, style="dim")

    def section(self, title: str, lines: Sequence[str], numbered: bool = False) -> None:
        """A titled list of lines (bullets, or numbers for steps)."""
        bullet = "•" if self.rich else "-"
        marks = [f"{i}." if numbered else bullet for i in range(1, len(lines) + 1)]
        if self.rich:
            from rich import box
            from rich.panel import Panel
            from rich.text import Text

            body = Text("\n").join(
                Text(f"{mark} {line}") for mark, line in zip(marks, lines, strict=True)
            )
            self.console.print(Panel(body, title=title, title_align="left", box=box.ROUNDED))
            return
        click.echo(f"\n{title}")
        for mark, line in zip(marks, lines, strict=True):
            click.echo(f"  {mark} {line}")

    def fields(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        """A titled two-column list: label, value."""
        if self.rich:
            from rich import box
            from rich.panel import Panel
            from rich.table import Table
            from rich.text import Text

            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold")
            grid.add_column()
            for label, value in rows:
                grid.add_row(Text(label), Text(value))
            self.console.print(Panel(grid, title=title, title_align="left", box=box.ROUNDED))
            return
        click.echo(f"\n{title}")
        width = max((len(label) for label, _ in rows), default=0)
        for label, value in rows:
            click.echo(f"  {label + ':':<{width + 1}} {value}")

    def table(
        self,
        title: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[str]],
        notes: Sequence[str] = (),
    ) -> None:
        """A table with notes under it (sources, assumptions, the plain conclusion)."""
        if self.rich:
            from rich import box
            from rich.console import Group
            from rich.panel import Panel
            from rich.table import Table
            from rich.text import Text

            table = Table(*columns, box=box.SIMPLE_HEAD, title_justify="left")
            for column in table.columns[1:]:
                column.justify = "right"
            for row in rows:
                table.add_row(*(Text(cell) for cell in row))
            body = Group(table, *(Text(note, style="dim") for note in notes))
            self.console.print(Panel(body, title=title, title_align="left", box=box.ROUNDED))
            return
        click.echo(f"\n{title}")
        widths = [max(len(row[i]) for row in [columns, *rows]) for i in range(len(columns))]
        for row in [columns, *rows]:
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
            click.echo("  " + "  ".join(cells).rstrip())
        for note in notes:
            click.echo(f"  {note}")

    def block(self, title: str, text: str) -> None:
        """Text to copy as is (the suggested prompt): between rules, never boxed or styled."""
        body = text.rstrip("\n")
        if self.rich:
            from rich.text import Text

            self.console.rule(Text(title, style="bold"), align="left")
            self.console.print(Text(body), soft_wrap=True)
            self.console.rule()
            return
        click.echo(f"\n{title}\n{'-' * len(title)}")
        click.echo(body)
        click.echo("-" * len(title))

    def ask(self, prompt: str) -> str:
        """One line of input; raises EOFError / KeyboardInterrupt as ``input`` does."""
        if self.rich:
            from rich.text import Text

            return self.console.input(Text(f"{prompt} > ", style="bold cyan"))
        click.echo(f"{prompt} > ", nl=False)
        return input()
