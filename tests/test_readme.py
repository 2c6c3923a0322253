"""The README cannot drift from the code: its settings table is ``Settings``, and the
``advisor`` commands, options and arguments it shows are the CLI's (``--help``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from bot.cli.main import cli
from bot.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"
TEXT = README.read_text(encoding="utf-8")
VARIABLE = re.compile(r"`([A-Z][A-Z0-9_]*)`")
COMMAND = re.compile(r"(?:^|(?<=[\s/`]))advisor((?: [a-z][a-z-]*)+)(.*)")
OPTION = re.compile(r"(?<![\w-])--?[a-z][a-z-]*")


# --- the settings table -------------------------------------------------------------------


def settings_rows() -> dict[str, str]:
    """Each variable of the README's settings table (``| variable | needed | meaning |``),
    with its row."""
    lines = TEXT[TEXT.index("| variable | needed | meaning |") :].splitlines()
    rows: dict[str, str] = {}
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        first = line.split("|")[1]
        for name in VARIABLE.findall(first):
            rows[name] = line
    return rows


def test_the_readme_settings_table_names_every_setting_and_no_other() -> None:
    documented = set(settings_rows())
    variables = {name.upper() for name in Settings.model_fields}
    assert documented == variables, (
        f"in Settings, not in the README: {sorted(variables - documented)}; "
        f"in the README, not in Settings: {sorted(documented - variables)}"
    )


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_the_readme_says_whether_a_setting_is_needed_and_its_default(name: str) -> None:
    field = Settings.model_fields[name]
    row = settings_rows()[name.upper()]
    needed = row.split("|")[2].strip()
    if field.is_required():
        assert needed == "always", f"{name.upper()} is required: the README says {needed!r}"
    else:
        assert needed != "always", f"{name.upper()} has a default: the README says 'always'"
        if field.default is not None:
            assert str(field.default) in row, f"{name.upper()}: no {field.default} in {row}"


# --- the CLI ------------------------------------------------------------------------------


def commands(group: click.Group = cli, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command of ``advisor`` by its path (``rules check``), groups included."""
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}".strip()
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


COMMANDS = dict(commands())
LEAVES = [path for path, command in COMMANDS.items() if not isinstance(command, click.Group)]


def snippets() -> Iterator[str]:
    """The README's code: each line of a fenced block (``\\`` continuations joined, ``#``
    comments cut) and each inline code span."""
    fenced = False
    pending = ""
    for line in TEXT.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            line = pending + line.split(" #")[0].strip()
            pending = line[:-1] + " " if line.endswith("\\") else ""
            if not pending:
                yield line
        else:
            yield from re.findall(r"`([^`]+)`", line)


def mentions() -> Iterator[tuple[str, str, str]]:
    """Each ``advisor ...`` the README shows: the snippet, the command path it names and
    what follows the path (arguments and options)."""
    for snippet in snippets():
        for match in COMMAND.finditer(snippet):
            words, rest = match.group(1).split(), match.group(2)
            path: list[str] = []
            for word in words:
                if " ".join([*path, word]) not in COMMANDS:
                    break
                path.append(word)
            rest = " ".join(words[len(path) :]) + rest
            yield snippet, " ".join(path), rest


def options_of(path: str) -> set[str]:
    command = COMMANDS[path] if path else cli
    found = {"--help", "-h"}
    for param in command.params:
        if isinstance(param, click.Option):
            found.update(param.opts + param.secondary_opts)
    return found


def test_every_advisor_command_the_readme_shows_exists_with_its_options() -> None:
    wrong = []
    for snippet, path, rest in mentions():
        if not path and not rest.startswith("--"):
            wrong.append(f"{snippet!r}: no such command")
            continue
        unknown = set(OPTION.findall(rest)) - options_of(path)
        if unknown:
            wrong.append(f"{snippet!r}: advisor {path} has no {sorted(unknown)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", LEAVES)
def test_the_readme_shows_every_command_with_its_arguments_and_options(path: str) -> None:
    command = COMMANDS[path]
    shown = [rest for _, said, rest in mentions() if said == path]
    assert shown, f"the README never shows `advisor {path}`"
    ctx = click.Context(command, info_name=f"advisor {path}")
    arguments = [p for p in command.collect_usage_pieces(ctx) if p != "[OPTIONS]"]
    if arguments:
        usage = f"advisor {path} {' '.join(arguments)}"
        assert usage in TEXT, f"the README never shows the usage `{usage}`"
    said = {option for rest in shown for option in OPTION.findall(rest)}
    documented = {
        param.opts[-1]
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden
    }
    assert documented <= said, f"advisor {path}: not in the README: {sorted(documented - said)}"


def test_the_readme_shows_the_version_option() -> None:
    assert "advisor --version" in TEXT
