"""The reader: the user's words -> facts, each with the words it came from and how sure
the reader is. Grammar for numbers; trained models (``weights.json``) for meaning."""

from pathlib import Path

from bot.paths import vocabulary_path
from bot.reading.lexicon import Lexicon, LexiconError, load_lexicon
from bot.reading.model import ModelError, Models, load_models
from bot.reading.reader import MAX_CHARS, Reader
from bot.reading.thresholds import Thresholds

__all__ = [
    "MAX_CHARS",
    "Lexicon",
    "LexiconError",
    "ModelError",
    "Models",
    "Reader",
    "Thresholds",
    "load_lexicon",
    "load_models",
    "load_reader",
]


def load_reader(vocabulary: Path | None = None) -> Reader:
    """The reader over the project's vocabulary and the shipped weights."""
    lexicon = load_lexicon(vocabulary or vocabulary_path())
    return Reader(lexicon, load_models(), lexicon.thresholds)
