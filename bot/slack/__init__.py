"""The Slack front end: a Bolt app over the advisor core. It builds on bot.slackkit, as the
channel digests (bot.digest) do; the two never import each other (bot/server.py wires
``/advise digest`` in)."""
