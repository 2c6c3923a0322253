"""Raw HTTP as an attacker sends it: any header, any length, a body that never arrives.

``urllib`` always sends a correct ``Content-Length`` and the whole body; these helpers
write bytes on a socket so tests can send what Slack never would.
"""

from __future__ import annotations

import socket
from contextlib import suppress


def status_of(raw: bytes) -> int:
    """The status code of an HTTP/1.1 response (0 when there is none)."""
    first = raw.split(b"\r\n", 1)[0].split()
    return int(first[1]) if len(first) >= 2 and first[1].isdigit() else 0


def request(port: int, head: str, body: bytes = b"", *, timeout: float = 10.0) -> tuple[int, bytes]:
    """Send ``head`` (request line and headers, ``\\r\\n``-separated, without the blank
    line) and ``body`` on a new connection; the status and the whole response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        with suppress(OSError):  # the server may answer (413) and close before all is sent
            sock.sendall(head.encode("latin-1") + b"\r\n\r\n" + body)
        answer = b""
        with suppress(TimeoutError, ConnectionResetError):
            while not _complete(answer) and (chunk := sock.recv(65536)):
                answer += chunk
    return status_of(answer), answer


def _complete(answer: bytes) -> bool:
    """True once a whole response (headers and ``Content-Length`` bytes of body) is in."""
    head, sep, body = answer.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip() or 0)
    return False


def post_head(path: str, headers: dict[str, str]) -> str:
    """A POST's request line and headers."""
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    return "\r\n".join(lines)


def trickle(port: int, *, content_length: int = 1000) -> socket.socket:
    """A slow client: headers and one byte of a body that never comes; the caller closes it."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    head = post_head(
        "/slack/events",
        {"Content-Type": "application/json", "Content-Length": str(content_length)},
    )
    sock.sendall(head.encode() + b"\r\n\r\n{")
    return sock
