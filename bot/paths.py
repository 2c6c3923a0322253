"""Where the advisor's data files are: the rules (with the prices beside them), the
vocabulary and the prompt templates. One function per kind of file.

A domain expert edits them at the top of the project. Each is looked for, first found wins:

1. in its environment variable: ``ADVISOR_RULES``, ``ADVISOR_VOCABULARY``,
   ``ADVISOR_PROMPTS`` (a folder);
2. in the checkout, when the code runs from one (an editable install, the tests): the
   files at the top of the project, so an edit shows at once;
3. in the installed package: the wheel carries a copy of each in ``bot/data/``
   (``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml).

A file that lives inside the package itself (generated package data, such as a model's
weights) is read with :func:`package_file`, the same in a checkout and in an install.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The checkout's top folder when running from one (else the folder holding ``bot/``)."""
PACKAGED = "data"
"""The folder inside the ``bot`` package where a wheel puts its copy of the data files."""


def rules_path() -> Path:
    """``decision_rules.yaml``; its ``pricing_file`` (``pricing.yaml``) is read beside it."""
    return _data_file("ADVISOR_RULES", "decision_rules.yaml")


def vocabulary_path() -> Path:
    """``vocabulary.yaml``, the words and phrases the parser reads facts from."""
    return _data_file("ADVISOR_VOCABULARY", "vocabulary.yaml")


def prompts_dir() -> Path:
    """``prompts/``, the suggested-prompt templates."""
    return _data_file("ADVISOR_PROMPTS", "prompts")


def in_checkout() -> bool:
    """True when ``bot`` is imported from a checkout (the project's pyproject.toml is
    beside it), not from an installed wheel."""
    return (PROJECT_ROOT / "pyproject.toml").is_file()


def _data_file(variable: str, name: str) -> Path:
    if variable in os.environ:
        return Path(os.environ[variable])
    if in_checkout():
        return PROJECT_ROOT / name
    return package_file(PACKAGED, name)


def package_file(*parts: str) -> Path:
    """A file inside the ``bot`` package, e.g. ``package_file("data", "prompts")``: a real
    path, since wheels install unzipped."""
    found = resources.files("bot").joinpath(*parts)
    return found if isinstance(found, Path) else Path(str(found))
