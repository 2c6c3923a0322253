"""Fetching a shared file from Slack: only from Slack's file host, with the bot token,
refused on what Slack declares before a byte is read, bounded while it streams, and given
up when the server stalls. Against the fake Slack on loopback (no server process)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.errors import DataFileError
from bot.slack.shared_files import (
    DownloadFailed,
    FileRefused,
    SlackFile,
    SlackFiles,
    file_origin,
)
from harness import FakeSlack
from harness.fake_files import HostedFile


@pytest.fixture(scope="module")
def running() -> Iterator[FakeSlack]:
    with FakeSlack() as started:
        yield started


@pytest.fixture
def fake(running: FakeSlack) -> FakeSlack:
    running.reset()
    return running


def files_of(fake: FakeSlack, **limits: float) -> SlackFiles:
    return SlackFiles(WebClient(token="xoxb-test", base_url=fake.base_url), **limits)


def hosted(
    fake: FakeSlack, content: bytes = b'{"text": "a", "label": "b"}\n', **more: object
) -> HostedFile:
    return fake.hosted.host(
        more.pop("name", "rows.jsonl"),
        content,
        channel="C1",
        ts="1700000000.000002",
        thread_ts="1700000000.000001",
        **more,
    )


def read_all(files: SlackFiles, file: SlackFile) -> bytes:
    with files.download(file) as stream:
        return stream.read()


def test_slacks_api_downloads_from_slacks_file_host_and_another_api_url_from_its_own() -> None:
    assert file_origin("https://slack.com/api/") == ("https", "files.slack.com", 443)
    assert file_origin("http://127.0.0.1:8123/api/") == ("http", "127.0.0.1", 8123)
    assert file_origin("https://slack.example.org/api/") == ("https", "slack.example.org", 443)


def test_a_shared_file_is_downloaded_with_the_bot_token_from_what_files_info_says(
    fake: FakeSlack,
) -> None:
    shared = hosted(fake)
    files = files_of(fake)
    file = files.info(shared.id)
    assert (file.name, file.size, file.shares[0].thread_ts) == (
        "rows.jsonl",
        len(shared.content),
        "1700000000.000001",
    )
    assert read_all(files, file) == shared.content
    [download] = fake.calls_to("download")
    assert download.args["authorization"] == "Bearer xoxb-test"


@pytest.mark.parametrize(
    "url",
    [
        "https://files.slack.com.evil.example/rows.jsonl",
        "http://127.0.0.2/files-pri/T1-F1/rows.jsonl",
        "file:///etc/passwd",
        "ftp://127.0.0.1/rows.jsonl",
    ],
)
def test_a_url_off_slacks_file_host_is_refused_before_any_request(
    fake: FakeSlack, url: str
) -> None:
    files = files_of(fake)
    file = files.info(hosted(fake, url=url).id)
    with pytest.raises(FileRefused, match=r"rows\.jsonl: not a file stored in Slack"):
        read_all(files, file)
    assert fake.calls_to("download") == []


def test_the_same_host_on_another_port_or_with_user_info_is_another_host(
    fake: FakeSlack,
) -> None:
    files = files_of(fake)
    host, port = files.origin[1], files.origin[2]
    assert files.allowed(f"http://{host}:{port}/files-pri/x")
    assert not files.allowed(f"http://{host}:{port + 1}/files-pri/x")
    assert not files.allowed(f"https://{host}:{port}/files-pri/x")
    assert not files.allowed(f"http://user:pw@{host}:{port}/files-pri/x")
    assert not files.allowed(f"http://{host}:not-a-port/x")


def test_a_file_declared_over_the_limit_is_refused_before_any_request(fake: FakeSlack) -> None:
    files = files_of(fake)
    file = files.info(hosted(fake, size=50 * 1024 * 1024 + 1).id)
    with pytest.raises(FileRefused, match=r"rows\.jsonl: larger than 50 MB"):
        read_all(files, file)
    assert fake.calls_to("download") == []


@pytest.mark.parametrize(
    ("name", "filetype", "taken"),
    [
        ("rows.jsonl", "text", True),
        ("rows.csv", "csv", True),
        ("rows.json", "json", True),
        ("rows.txt", "text", True),
        ("rows", "text", True),
        ("rows.png", "png", False),
        ("rows.pdf", "pdf", False),
        ("rows.md", "markdown", False),
        ("rows", "binary", False),
    ],
)
def test_only_data_files_are_downloaded(
    fake: FakeSlack, name: str, filetype: str, taken: bool
) -> None:
    files = files_of(fake)
    refusal = files.refusal(files.info(hosted(fake, name=name, filetype=filetype).id))
    assert (refusal is None) == taken
    if not taken:
        assert refusal == (
            f"{name}: not a JSONL, JSON or CSV file; share the training data as .jsonl (one JSON "
            "object a line), .json (a list of objects) or .csv (a header row, then one example "
            "a row)"
        )


def test_a_content_length_over_the_limit_is_refused_before_the_body_is_read(
    fake: FakeSlack,
) -> None:
    files = files_of(fake, max_bytes=1000)
    file = files.info(hosted(fake, b"x" * 5000, size=10).id)  # Slack said 10 bytes
    with pytest.raises(FileRefused, match="larger than"):
        read_all(files, file)


def test_a_body_without_a_length_stops_as_soon_as_it_passes_the_limit(fake: FakeSlack) -> None:
    files = files_of(fake, max_bytes=100_000)
    file = files.info(hosted(fake, b"y" * 2_000_000, size=10, chunked=True).id)
    with files.download(file) as stream:
        got = 0
        with pytest.raises(DataFileError, match="larger than"):
            while chunk := stream.read(10_000):
                got += len(chunk)
    assert got <= 100_000


def test_a_redirect_is_not_followed(fake: FakeSlack) -> None:
    files = files_of(fake)
    file = files.info(hosted(fake).id)
    fake.fail_next("download", status=302)
    with pytest.raises(DownloadFailed, match="HTTP 302"):
        read_all(files, file)
    assert [c.method for c in fake.calls] == ["files.info", "download"]


def test_a_failed_download_or_an_unknown_file_is_a_download_failure(fake: FakeSlack) -> None:
    files = files_of(fake)
    file = files.info(hosted(fake).id)
    fake.fail_next("download", status=500)
    with pytest.raises(DownloadFailed, match="HTTP 500"):
        read_all(files, file)
    with pytest.raises(DownloadFailed, match="file_not_found"):
        files.info("FNOPE")


def slow_server(pace: float | None) -> tuple[str, threading.Event]:
    """A server that sends headers and a few bytes, then a byte every ``pace`` seconds
    (``None``: nothing more): its base URL, and the event that stops it."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"text":')
        while not stop.wait(pace or 10) and pace:
            conn.sendall(b" ")
        conn.close()
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/api/", stop


@pytest.mark.parametrize(
    ("pace", "limits", "failure"),
    [
        (None, {"timeout": 0.5}, "TimeoutError"),
        (0.05, {"timeout": 0.5, "deadline": 0.5}, "took too long"),
    ],
    ids=["stalled", "trickling"],
)
def test_a_server_that_stalls_or_trickles_is_given_up(
    pace: float | None, limits: dict[str, float], failure: str
) -> None:
    base, stop = slow_server(pace)
    try:
        files = SlackFiles(WebClient(token="xoxb-test", base_url=base), **limits)
        url = base.replace("/api/", "/files-pri/T1-F1/rows.jsonl")
        file = SlackFile("F1", "rows.jsonl", 1000, "text", url, external=False, shares=())
        with pytest.raises(DownloadFailed, match=failure):
            read_all(files, file)
    finally:
        stop.set()
