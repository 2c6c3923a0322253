"""Where consultations live: see :mod:`bot.store.schema` for the tables."""

from bot.store.records import Consultation, PostedMessage, StoredRecommendation, Turn
from bot.store.store import Store

__all__ = ["Consultation", "PostedMessage", "Store", "StoredRecommendation", "Turn"]
