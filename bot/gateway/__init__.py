"""The front door of the HTTP server: what happens to a request before Bolt sees it.

Every request to ``/slack/events`` is bounded (a length is required, 1 MiB at most, read
within a deadline), its signature is checked on the raw bytes, a replay of a signature
already seen is refused, and only then is the body parsed (correctly: see
:mod:`bot.gateway.forms`) and handed to Bolt. Nothing a request says reaches a user, the
database or the log before its signature is verified.
"""
