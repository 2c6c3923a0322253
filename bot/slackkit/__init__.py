"""What both front ends on Slack build on (the app in ``bot.slack``, the channel digests in
``bot.digest``, which never import each other): the Web API client and its error codes,
mrkdwn escaping, and Block Kit building blocks within Slack's limits."""
