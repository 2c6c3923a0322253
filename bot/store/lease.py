"""Leases that serialize work on one consultation across threads, processes and hosts.

A lease expires after its duration (a host that vanished). On the same host, a lease held
by a process that no longer runs (killed mid-answer) is taken over at once.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid

from bot.store.store import Store

LEASE_SECONDS = 20.0
"""How long an answer may hold a consultation without renewing (it renews before each
post); a holder that vanished is replaced after this."""

_HOST = socket.gethostname()
_held: set[str] = set()
_held_lock = threading.Lock()


def new_owner() -> str:
    """An owner id: ``host:pid:random``."""
    return f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex}"


def is_orphaned(owner: str) -> bool:
    """True if ``owner`` ran on this host in a process that is gone (or an earlier life of
    this process id)."""
    host, _, rest = owner.partition(":")
    pid_text, _, _ = rest.partition(":")
    if host != _HOST or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        with _held_lock:
            return owner not in _held
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def try_acquire(store: Store, consultation_id: str, seconds: float) -> str | None:
    """The owner id if the lease was taken, else None."""
    owner = new_owner()
    with _held_lock:  # before the row names it: is_orphaned must not think it stale
        _held.add(owner)
    if not store.acquire(consultation_id, owner, seconds):
        holder = store.lease_owner(consultation_id)
        steal = holder if holder and is_orphaned(holder) else None
        if steal is None or not store.acquire(consultation_id, owner, seconds, steal_from=steal):
            with _held_lock:
                _held.discard(owner)
            return None
    with _held_lock:
        _held.add(owner)
    return owner


def renew(store: Store, consultation_id: str, owner: str, seconds: float = LEASE_SECONDS) -> bool:
    """Keep the lease for ``seconds`` more; False if another owner took it meanwhile."""
    return store.renew(consultation_id, owner, seconds)


class Lost(Exception):
    """Another owner took the lease: post and save nothing more."""


class Holding:
    """A lease held by this process, kept by compare-and-set before each post.

    A lease can only be taken from its holder once it has expired (or its process is
    gone), so while less than half of it has passed since the last successful
    compare-and-set it is still held, and :meth:`keep` need not write; past that it renews.
    A post's retry sleeps add up to half a lease at most (bot/slack/client.py), so a post
    started after :meth:`keep` ends while the lease is still held."""

    def __init__(
        self, store: Store, consultation_id: str, owner: str, seconds: float = LEASE_SECONDS
    ) -> None:
        self.store = store
        self.consultation_id = consultation_id
        self.owner = owner
        self.seconds = seconds
        self._since = time.monotonic()
        self.released = False

    def keep(self) -> None:
        """Make sure the lease is held for half its length at least; :class:`Lost` if not."""
        if time.monotonic() - self._since < self.seconds / 2:
            return
        started = time.monotonic()
        if not renew(self.store, self.consultation_id, self.owner, self.seconds):
            raise Lost(self.consultation_id)
        self._since = started

    def release(self) -> None:
        if not self.released:
            release(self.store, self.consultation_id, self.owner)
            self.released = True

    def forget(self) -> None:
        """The lease was released in the same write that saved the state."""
        with _held_lock:
            _held.discard(self.owner)
        self.released = True


def release(store: Store, consultation_id: str, owner: str) -> None:
    store.release(consultation_id, owner)
    with _held_lock:
        _held.discard(owner)
