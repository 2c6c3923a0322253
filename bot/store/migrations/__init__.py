"""Alembic migrations of the advisor's database (run by :mod:`bot.store.migrate`)."""
