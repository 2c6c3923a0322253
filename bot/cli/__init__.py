"""The command-line front end: ``advisor chat``, ``advise``, ``rules check``, ``eval``."""
