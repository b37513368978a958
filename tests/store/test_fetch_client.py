"""The HTTP client against a real server on 127.0.0.1: what it sends, and how it gives up."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.fetch.client import Fetcher, FetchError, Validators, user_agent
from tests.local_server import LocalServer, Route, serving


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as running:
        yield running


def test_a_page_comes_back_with_its_type_charset_and_validators(server: LocalServer) -> None:
    url = server.add(
        "/a",
        Route(
            "café".encode("latin-1"),
            "text/html; charset=ISO-8859-1",
            etag='"v1"',
            last_modified="Tue, 01 Dec 2026 08:00:00 GMT",
        ),
    )
    with Fetcher() as fetcher:
        got = fetcher.get(url)
    assert got.status == 200 and got.body == "café".encode("latin-1")
    assert got.content_type == "text/html" and got.charset == "iso-8859-1"
    assert got.validators == Validators('"v1"', "Tue, 01 Dec 2026 08:00:00 GMT")
    sent = server.seen("/a")[0].headers
    assert sent["User-Agent"] == user_agent() and user_agent().startswith("claimdesk/0.1")
    assert "br" in sent["Accept-Encoding"] and "gzip" in sent["Accept-Encoding"]


def test_an_etag_is_sent_back_and_a_304_has_no_body(server: LocalServer) -> None:
    url = server.add("/feed", Route(b"<rss/>", "application/rss+xml", etag='"abc"'))
    with Fetcher() as fetcher:
        first = fetcher.get(url)
        second = fetcher.get(url, first.validators)
    assert not first.not_modified and second.not_modified and second.body is None
    assert server.seen("/feed")[1].headers["If-None-Match"] == '"abc"'


def test_last_modified_is_sent_back_as_if_modified_since(server: LocalServer) -> None:
    stamp = "Mon, 30 Nov 2026 10:00:00 GMT"
    url = server.add("/feed", Route(b"<rss/>", "application/rss+xml", last_modified=stamp))
    with Fetcher() as fetcher:
        second = fetcher.get(url, fetcher.get(url).validators)
    assert second.not_modified
    headers = server.seen("/feed")[1].headers
    assert headers["If-Modified-Since"] == stamp and "If-None-Match" not in headers


def test_redirects_are_followed_to_the_final_url(server: LocalServer) -> None:
    server.add("/old", Route(location="/older"))
    server.add("/older", Route(location=server.url("/new")))
    target = server.add("/new", Route(b"<html></html>"))
    with Fetcher() as fetcher:
        got = fetcher.get(server.url("/old"))
    assert got.final_url == target and got.url == server.url("/old")


def test_a_redirect_loop_ends_in_one_line(server: LocalServer) -> None:
    server.add("/ping", Route(location="/pong"))
    server.add("/pong", Route(location="/ping"))
    with Fetcher(max_redirects=5) as fetcher, pytest.raises(FetchError) as failure:
        fetcher.get(server.url("/ping"))
    assert str(failure.value) == "too many redirects (more than 5)"
    assert len(server.requests) == 6


@pytest.mark.parametrize(
    ("status", "line"), [(404, "404 Not Found"), (500, "500 Internal Server Error")]
)
def test_an_error_status_is_its_code_and_reason(
    server: LocalServer, status: int, line: str
) -> None:
    url = server.add("/x", Route(b"oops", status=status))
    with Fetcher() as fetcher, pytest.raises(FetchError, match=f"^{line}$"):
        fetcher.get(url)


def test_a_server_slower_than_the_timeout_is_given_up_on(server: LocalServer) -> None:
    url = server.add("/slow", Route(b"<rss/>", delay=3))
    started = time.monotonic()
    with (
        Fetcher(timeout=0.5) as fetcher,
        pytest.raises(FetchError, match=r"timed out after 0\.5 s"),
    ):
        fetcher.get(url)
    assert time.monotonic() - started < 2


def test_a_body_announced_larger_than_the_limit_is_refused_unread(server: LocalServer) -> None:
    """Content-Length says 200 MB and the body trickles: refused on the headers alone."""
    url = server.add("/huge", Route(claimed_length=200_000_000))
    started = time.monotonic()
    with (
        Fetcher(max_bytes=32_000_000) as fetcher,
        pytest.raises(FetchError, match=r"too large: 200.0 MB \(the limit is 32 MB\)"),
    ):
        fetcher.get(url)
    assert time.monotonic() - started < 1


def test_a_stream_past_the_limit_is_cut_as_it_passes(server: LocalServer) -> None:
    url = server.add("/endless", Route(endless=True))
    with (
        Fetcher(max_bytes=1_000_000) as fetcher,
        pytest.raises(FetchError, match="more than the 1 MB limit"),
    ):
        fetcher.get(url)


def test_gzip_is_decoded_and_the_limit_counts_decoded_bytes(server: LocalServer) -> None:
    """A small gzip that inflates past the limit is refused, not stored."""
    text = b"<p>" + b"x" * 3_000_000 + b"</p>"
    url = server.add("/gz", Route(text, gzip=True))
    with Fetcher() as fetcher:
        assert fetcher.get(url).body == text
    with Fetcher(max_bytes=1_000_000) as fetcher, pytest.raises(FetchError, match="too large"):
        fetcher.get(url)


def test_a_refused_connection_is_one_line() -> None:
    with serving() as gone:
        url = gone.url("/feed")
    with Fetcher(timeout=2) as fetcher, pytest.raises(FetchError, match=r"^cannot connect"):
        fetcher.get(url)


def test_no_more_than_two_requests_at_a_time_reach_one_host(server: LocalServer) -> None:
    urls = [server.add(f"/f{n}", Route(b"<rss/>", delay=0.1)) for n in range(8)]
    with Fetcher() as fetcher:
        threads = [threading.Thread(target=fetcher.get, args=(url,)) for url in urls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(server.requests) == 8 and server.most_in_flight == 2


def test_real_feed_bytes_arrive_unchanged(server: LocalServer, real_world: Path) -> None:
    feed = real_world / "feeds" / "rbren_rss-parser__guardian.rss"
    url = server.add("/guardian", Route(feed.read_bytes(), "application/rss+xml", gzip=True))
    with Fetcher() as fetcher:
        assert fetcher.get(url).body == feed.read_bytes()
