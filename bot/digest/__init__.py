"""Channel digests: what the advisor told a channel, once a day or once a week.

``schedule`` and ``content`` are pure; ``store`` holds subscriptions and runs; ``blocks``
and ``job`` speak to Slack; ``scheduler`` runs the job inside ``advisor serve``.
"""
