"""A loopback harness for the Slack app: a fake Slack Web API, Slack's request signing,
and the real server as a subprocess. Used by the tests and by ``bench/``; never by the app."""

from harness.fake_slack import Call, FakeSlack, SharedFile
from harness.harness import SIGNING_SECRET, SLACK_ONLY, Loopback, loopback, server_env
from harness.requests import SlackRequests
from harness.server_process import ServerProcess, free_port

__all__ = [
    "SIGNING_SECRET",
    "SLACK_ONLY",
    "Call",
    "FakeSlack",
    "Loopback",
    "ServerProcess",
    "SharedFile",
    "SlackRequests",
    "free_port",
    "loopback",
    "server_env",
]
