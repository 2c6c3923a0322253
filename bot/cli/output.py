"""Where the CLI writes: rich panels and tables on a terminal, plain text when piped or
when ``NO_COLOR`` is set.

Everything that may hold the user's words is printed as text, never as rich markup.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import click
from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text


def no_color() -> bool:
    """Whether ``NO_COLOR`` asks for plain output (set and not empty, as no-color.org says)."""
    return bool(os.environ.get("NO_COLOR"))


class Output:
    """A few layout primitives, each with a rich form and a plain-text form."""

    def __init__(self, console: Console | None = None, rich: bool | None = None) -> None:
        self.console = console or Console(highlight=False)
        self.rich = self.console.is_terminal and not no_color() if rich is None else rich

    def line(self, text: str = "", style: str = "") -> None:
        if self.rich:
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
            return self.console.input(Text(f"{prompt} > ", style="bold cyan"))
        click.echo(f"{prompt} > ", nl=False)
        return input()
