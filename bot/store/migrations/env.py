"""Alembic's environment: migrations run on the connection :mod:`bot.store.migrate` passes
in (``config.attributes["connection"]``), never on a URL of their own."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
