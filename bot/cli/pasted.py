"""Arguments as people paste them: a use case copied as a bullet list starts with "-".

click reads ``advisor advise "- we tag tickets ..."`` as an unknown option (and
``"-help ..."`` as ``-h``). :class:`PastedTextCommand` sorts the arguments first: the
command's own options (with their values, whatever those start with) stay options, an
unknown ``--name`` or ``-x`` stays one for click to report, and anything else (text with a
space in it, or a lone ``-``) is a positional argument.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import click

_OPTION_LIKE = re.compile(r"--?[A-Za-z][\w-]*(=.*)?", re.DOTALL)
"""An option as typed: ``--jsn``, ``-x``, ``--format=md``; not ``- a`` nor ``-5% errors``."""


def sort_pasted(args: Sequence[str], takes_value: Iterable[str], flags: Iterable[str]) -> list[str]:
    """``args`` as click can read them: the options (a long option's value attached to it
    with ``=``), then ``--``, then the positional arguments in their order."""
    valued, flag_names = set(takes_value), set(flags)
    options: list[str] = []
    positional: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            positional.extend(rest)
            break
        if arg in valued:
            value = next(rest, None)
            if value is None:
                options.append(arg)  # click says the value is missing
            elif arg.startswith("--"):
                options.append(f"{arg}={value}")
            else:
                options += [arg, value]
        elif arg in flag_names or arg.partition("=")[0] in valued or _OPTION_LIKE.fullmatch(arg):
            options.append(arg)
        else:
            positional.append(arg)
    return [*options, "--", *positional]


class PastedTextCommand(click.Command):
    """A command whose text arguments and option values may start with "-"."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        valued: list[str] = []
        flags: list[str] = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                names = [*param.opts, *param.secondary_opts]
                (flags if param.is_flag or param.count else valued).extend(names)
        return super().parse_args(ctx, sort_pasted(args, valued, flags))
