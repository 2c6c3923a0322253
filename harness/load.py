"""Many conversations at once against the loopback server: an indexed fake Slack whose
waits cost O(1) per thread, and a driver that plays one scripted consultation and times it.

Used by ``tests/resilience/`` and ``bench/``. Every request goes to 127.0.0.1; every wait
is bounded by a timeout.
"""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from harness.fake_slack import Call, FakeSlack, _Failure
from harness.requests import SlackRequests

POST = "chat.postMessage"


class IndexedFakeSlack(FakeSlack):
    """:class:`FakeSlack` that also files each successful ``chat.postMessage`` under its
    (channel, thread_ts), so a thousand concurrent waits do not rescan every call."""

    LISTEN_BACKLOG = 256
    """http.server listens with a backlog of 5: with dozens of workers posting at once,
    dropped SYNs came back as 1 s TCP retransmits in the timings."""

    def __init__(self) -> None:
        super().__init__()
        self._server.socket.listen(self.LISTEN_BACKLOG)
        self._threads: dict[tuple[str, str | None], list[Call]] = defaultdict(list)
        self._storms: dict[str, tuple[float | None, float, Iterator[_Failure]]] = {}

    def __enter__(self) -> IndexedFakeSlack:
        super().__enter__()
        return self

    def storm(
        self,
        method: str,
        seconds: float,
        *,
        statuses: Sequence[int] = (429, 500),
        retry_after: int = 1,
    ) -> None:
        """For ``seconds`` from the first call of ``method`` on, answer every call of it with
        the ``statuses`` in turn (429 with ``Retry-After``), after any failures queued by
        ``fail_next``. Timed from the first call, not from now, so a slow start (a loaded
        machine) cannot let the app's first posts through after the storm."""
        failures = [
            _Failure(
                status,
                {"ok": False, "error": "ratelimited" if status == 429 else f"http_{status}"},
                {"Retry-After": str(retry_after)} if status == 429 else {},
            )
            for status in statuses
        ]
        with self._lock:
            self._storms[method] = (None, seconds, itertools.cycle(failures))

    def _take_failure(self, method: str) -> _Failure | None:
        queued = super()._take_failure(method)
        if queued is not None:
            return queued
        with self._lock:
            if method not in self._storms:
                return None
            until, seconds, failures = self._storms[method]
            if until is None:
                until = time.monotonic() + seconds
                self._storms[method] = (until, seconds, failures)
            return next(failures) if time.monotonic() < until else None

    def _record(self, call: Call) -> None:
        with self._lock:
            if call.method == POST and call.status == 200 and call.response.get("ok"):
                key = (str(call.args.get("channel", "")), call.args.get("thread_ts") or None)
                self._threads[key].append(call)
        super()._record(call)

    def reset(self) -> None:
        with self._lock:
            self._threads.clear()
            self._storms.clear()
        super().reset()

    def posts(self, channel: str, thread_ts: str | None) -> list[Call]:
        """The messages posted in a thread (``None``: at the channel's top level)."""
        with self._lock:
            return list(self._threads.get((channel, thread_ts), []))

    def wait_posts(
        self, channel: str, thread_ts: str | None, count: int, timeout: float
    ) -> list[Call]:
        """Wait until at least ``count`` messages are in the thread; all of them."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = self._threads.get((channel, thread_ts), [])
                if len(found) >= count:
                    return list(found)
                left = deadline - time.monotonic()
                if left <= 0:
                    texts = [c.args.get("text") for c in found]
                    raise TimeoutError(
                        f"waited {timeout}s for {count} posts in {channel}/{thread_ts}: {texts}"
                    )
                self._lock.wait(min(left, 1.0))

    def wait_root(self, channel: str, token: str, timeout: float) -> Call:
        """The top-level message in ``channel`` whose text holds ``token``."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for call in self._threads.get((channel, None), []):
                    if token in str(call.args.get("text", "")):
                        return call
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"waited {timeout}s for a root message with {token}")
                self._lock.wait(min(left, 1.0))

    def duplicates(self) -> list[tuple[str, str | None, str]]:
        """(channel, thread, text) posted more than once in the same thread."""
        seen: dict[tuple[str, str | None, str], int] = defaultdict(int)
        with self._lock:
            for (channel, thread), calls in self._threads.items():
                for call in calls:
                    seen[(channel, thread, call.text())] += 1
        return [key for key, n in seen.items() if n > 1]


def event_type(call: Call) -> str:
    """The metadata event type of a posted message (``advisor_recommendation``, ...)."""
    metadata = call.args.get("metadata")
    return str(metadata.get("event_type", "")) if isinstance(metadata, dict) else ""


@dataclass(frozen=True)
class Script:
    """One consultation: the ``/advise`` description, then the thread replies in order."""

    description: str
    replies: tuple[str, ...] = ()


@dataclass
class Outcome:
    """What one consultation saw, with its timings in seconds."""

    channel: str
    user: str
    token: str
    replies: int = 0
    thread_ts: str = ""
    ack: float = 0.0
    first_post: float = 0.0
    reply_answers: list[float] = field(default_factory=list)
    answer_kinds: list[str] = field(default_factory=list)
    """The metadata event type of the answer to each reply (empty when it has none)."""
    statuses: list[int] = field(default_factory=list)
    error: str | None = None


SCRIPTS: tuple[Script, ...] = (
    Script(
        "We want to classify support tickets into 12 categories",
        ("about 5k a day, 800 reviewed examples, legal", "skip"),
    ),
    Script(
        "Our assistant answers questions from our HR handbook",
        ("about 150 questions a day, the handbook changes every month", "just tell me"),
    ),
    Script(
        "Extract invoice fields to JSON",
        ("40k invoices a month, data must stay on-prem", "skip"),
    ),
    Script(
        "hey, we want to use AI for customer support somehow",
        ("we have no labeled data yet", "just tell me"),
    ),
)
"""Three turns each (description and two replies), ending in a recommendation."""


_tokens = itertools.count(1)
_tokens_lock = threading.Lock()


_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def new_token() -> str:
    """A marker unique in this process, put in a description to find its root message.

    Letters only: the advisor reads the description, and a marker such as ``3053ad-11``
    was read as 3,053 labeled examples, so that conversation asked about them again and
    again (a duplicate post that depended on a random number)."""
    with _tokens_lock:
        count = next(_tokens)
    return f"case-{uuid.uuid4().hex[:8]}-{count}".translate(_LETTERS)


def play(
    fake: IndexedFakeSlack,
    slack: Callable[[], SlackRequests],
    script: Script,
    *,
    channel: str,
    user: str,
    timeout: float = 30.0,
) -> Outcome:
    """``/advise`` then each reply, waiting for the bot's answer to each; never raises.

    ``slack`` is called before each request, so a test may swap the server in between.
    The first post is the first message in the thread (for the advisor: its questions or
    its recommendation, after the root message).
    """
    token = new_token()
    out = Outcome(channel=channel, user=user, token=token, replies=len(script.replies))
    try:
        start = time.monotonic()
        answer = slack().command(f"{script.description} ({token})", channel=channel, user=user)
        out.ack, out.statuses = answer.seconds, [answer.status]
        root = fake.wait_root(channel, token, timeout)
        out.thread_ts = root.ts
        first = fake.wait_posts(channel, root.ts, 1, timeout)[0]
        out.first_post = first.at - start
        for n, text in enumerate(script.replies, start=1):
            sent = time.monotonic()
            _, response = slack().message(text, channel=channel, thread_ts=root.ts, user=user)
            out.statuses.append(response.status)
            posted = fake.wait_posts(channel, root.ts, n + 1, timeout)
            out.reply_answers.append(posted[n].at - sent)
            out.answer_kinds.append(event_type(posted[n]))
    except Exception as err:  # counted, not raised: the caller asserts on every outcome
        out.error = f"{type(err).__name__}: {err}"
    return out


def play_many(
    fake: IndexedFakeSlack,
    slack: Callable[[], SlackRequests],
    count: int,
    *,
    channels: int,
    workers: int,
    scripts: Sequence[Script] = SCRIPTS,
    timeout: float = 30.0,
    prefix: str = "CLOAD",
) -> list[Outcome]:
    """``count`` consultations over ``channels`` channels, ``workers`` at a time."""

    def one(i: int) -> Outcome:
        return play(
            fake,
            slack,
            scripts[i % len(scripts)],
            channel=f"{prefix}{i % channels:03d}",
            user=f"U{i:05d}",
            timeout=timeout,
        )

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, range(count)))


def check(fake: IndexedFakeSlack, outcomes: Sequence[Outcome]) -> list[str]:
    """Every problem with a run, in words: errors, non-200 acks, missing or extra posts,
    duplicates. Empty when every consultation got exactly its root and one answer per turn."""
    problems = [f"{o.channel} {o.token}: {o.error}" for o in outcomes if o.error]
    problems += [
        f"{o.channel} {o.token}: HTTP {o.statuses}" for o in outcomes if set(o.statuses) != {200}
    ]
    for o in outcomes:
        if not o.thread_ts:
            continue
        roots = [c for c in fake.posts(o.channel, None) if o.token in str(c.args.get("text"))]
        if len(roots) != 1:
            problems.append(f"{o.channel} {o.token}: {len(roots)} root messages")
        answers = fake.posts(o.channel, o.thread_ts)
        if len(answers) != 1 + o.replies:
            problems.append(
                f"{o.channel} {o.token}: {len(answers)} posts in the thread, "
                f"expected {1 + o.replies}"
            )
    problems += [f"posted twice: {d}" for d in fake.duplicates()]
    return problems


def summarize(values: Sequence[float]) -> dict[str, float]:
    """p50, p99 and max, in milliseconds."""
    if not values:
        return {"p50": float("nan"), "p99": float("nan"), "max": float("nan")}
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    return {"p50": at(0.5), "p99": at(0.99), "max": ordered[-1] * 1000}
