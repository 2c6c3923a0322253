"""docs/replies.md is the product's output for docs/gallery_cases.yaml, as it is now."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from bot.paths import PROJECT_ROOT

GALLERY = PROJECT_ROOT / "docs" / "gallery.py"


def gallery_module() -> ModuleType:
    name = "docs_gallery"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, GALLERY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_gallery_of_replies_is_current() -> None:
    gallery = gallery_module()
    written = (PROJECT_ROOT / "docs" / "replies.md").read_text(encoding="utf-8")
    assert written == gallery.gallery(), "docs/replies.md is stale: run `make gallery`"


def test_the_gallery_shows_twenty_cases_each_in_slack_and_in_the_cli() -> None:
    gallery = gallery_module()
    cases = gallery.load_cases()
    assert len(cases) == 20
    text = (PROJECT_ROOT / "docs" / "replies.md").read_text(encoding="utf-8")
    assert text.count("**CLI** (`advisor advise`):") == 20
    assert text.count("# Recommendation") + text.count("# Updated recommendation") == 20
