"""The parser: the user's words -> facts, with where each came from."""

from bot.parsing.reader import read_turn
from bot.parsing.vocabulary import Vocabulary, load_vocabulary

__all__ = ["Vocabulary", "load_vocabulary", "read_turn"]
