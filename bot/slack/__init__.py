"""The Slack front end: a Bolt app over the advisor core. Only this package imports Slack."""
