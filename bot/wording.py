"""User-facing wording kept as data: a module's sentences, titles and labels in a YAML file
beside it (``wording.yaml``), read once into a frozen, typed object.

The model declares every entry, so mypy checks each use, and a missing, misspelt or extra
entry in the file fails at import with the entry's name, not later in front of a user.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Wording(BaseModel):
    """The wording of one module: its fields are the entries of its YAML file."""

    model_config = ConfigDict(frozen=True, extra="forbid")


W = TypeVar("W", bound=Wording)


def load_wording(model: type[W], package: str, name: str = "wording.yaml") -> W:
    """``model`` filled from the YAML file ``name`` inside ``package`` (shipped in the
    wheel as package data, so the same in a checkout and in an install)."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return model.model_validate(yaml.load(text, Loader=_Loader))
