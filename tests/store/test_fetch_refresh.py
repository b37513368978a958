"""Refreshing subscribed feeds and importing URLs, against a real server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.fetch.refresh import RefreshCounts, import_urls, refresh_feeds
from store.fetch.subscriptions import add_subscription, list_subscriptions
from store.importer import import_paths
from store.store import Store
from tests.fetch_helpers import page, rss
from tests.local_server import LocalServer, Route, serving

REAL_FEEDS = (
    "rbren_rss-parser__guardian.rss",
    "danmactough_node-feedparser__tpm.atom",
    "rbren_rss-parser__heise.atom",
)
PAGES_WITH_COMMENTS = (
    "adbar_trafilatura__gormulus.wordpress.com.durfen.html",
    "adbar_trafilatura__lemire.me.json.html",
    "adbar_trafilatura__insubordinant.wordpress.com.speed.html",
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as running:
        yield running


def _statuses(store: Store) -> dict[str, str]:
    return {s.url: s.status for s in list_subscriptions(store)}


def test_real_feeds_are_stored_and_a_second_refresh_only_asks_if_changed(
    server: LocalServer, store: Store, real_world: Path
) -> None:
    urls = []
    for number, name in enumerate(REAL_FEEDS):
        validators = (
            {"etag": f'"{name}"'}
            if number % 2 == 0
            else {"last_modified": "Mon, 30 Nov 2026 10:00:00 GMT"}
        )
        url = server.add(
            f"/{name}",
            Route(
                (real_world / "feeds" / name).read_bytes(),
                "application/rss+xml",
                **validators,  # type: ignore[arg-type]
            ),
        )
        add_subscription(store, url)
        urls.append(url)
    first = refresh_feeds(store)
    assert first.ok and all(r.new > 0 for r in first.results)
    from_files = Store.open(str(store.path) + ".files")
    import_paths(from_files, [real_world / "feeds" / name for name in REAL_FEEDS])
    assert store.counts()["article"] == from_files.counts()["article"] == first.new
    from_files.close()

    second = refresh_feeds(store)
    assert second.ok and {r.status for r in second.results} == {"unchanged"}
    assert store.counts()["article"] == first.new
    asked_again = [server.seen(f"/{name}")[1].headers for name in REAL_FEEDS]
    assert all("If-None-Match" in h or "If-Modified-Since" in h for h in asked_again)
    feeds = {s.url: s for s in list_subscriptions(store)}
    assert feeds[urls[0]].title == "The Guardian" and feeds[urls[1]].title == "All TPM News"
    assert sum(f.entries for f in feeds.values()) == first.new


def test_a_failing_feed_never_stops_the_others_nor_leaves_half_of_itself(
    server: LocalServer, store: Store
) -> None:
    good = rss(
        "Good", [(f"Item {n}", server.url(f"/good/{n}"), f"<p>Text {n}</p>") for n in range(3)]
    )
    routes = {
        "/good": Route(good, "application/rss+xml"),
        "/missing": None,
        "/broken": Route(b"oops", status=500),
        "/slow": Route(good.replace(b"/good/", b"/slow/"), delay=3),
        "/dropped": Route(good.replace(b"/good/", b"/dropped/") * 50, cut_after=400),
        "/malformed": Route(good.replace(b"/good/", b"/mal/")[:-30], "application/rss+xml"),
        "/huge": Route(claimed_length=500_000_000),
        "/picture": Route(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "image/png"),
    }
    for path, route in routes.items():
        if route is not None:
            server.add(path, route)
        add_subscription(store, server.url(path))
    report = refresh_feeds(store, timeout=1)
    by_url = {r.url.removeprefix(server.base): r for r in report.results}
    assert by_url["/good"].status == "new 3"
    assert by_url["/missing"].reason == "404 Not Found"
    assert by_url["/broken"].reason == "500 Internal Server Error"
    assert by_url["/slow"].reason == "timed out after 1 s"
    assert by_url["/dropped"].reason.startswith("peer closed connection")
    assert by_url["/malformed"].reason.startswith("not a well-formed feed")
    assert by_url["/huge"].reason.startswith("too large: 500.0 MB")
    assert by_url["/picture"].reason == "binary data, not text"
    assert report.failed == 7 and not report.ok
    sources = {a.source for a in store.list_articles()}
    assert sources == {server.url("/good")} and store.counts()["article"] == 3
    assert _statuses(store)[server.url("/missing")] == "failed: 404 Not Found"


def test_the_content_decides_the_format_whatever_the_content_type_says(
    server: LocalServer, store: Store
) -> None:
    def feed(n: int) -> bytes:
        return rss("Typed wrong", [(f"Entry {n}", server.url(f"/e/{n}"), "<p>Short</p>")])

    add_subscription(store, server.add("/feed-as-html", Route(feed(1), "text/html")))
    add_subscription(
        store, server.add("/feed-as-binary", Route(feed(2), "application/octet-stream"))
    )
    report = refresh_feeds(store)
    assert [r.status for r in report.results] == ["new 1", "new 1"]
    pages = import_urls(store, [server.add("/page.rss", Route(page("A page"), "text/plain"))])
    assert pages.ok and "A page" in {a.title for a in store.list_articles()}
    add_subscription(store, server.url("/page.rss"))
    [subscribed_page] = refresh_feeds(store, [server.url("/page.rss")]).results
    assert subscribed_page.reason == (
        "not a feed: it serves an HTML page (`claimdesk import URL` imports it once)"
    )


def test_the_charset_named_in_the_headers_decodes_the_feed(
    server: LocalServer, store: Store
) -> None:
    title = "Новости: взрыв в Харькове"
    feed = rss("Лента", [(title, server.url("/n/1"), "<p>Текст</p>")], encoding="koi8-r")
    feed = feed.replace(b' encoding="koi8-r"', b"")  # only the header says it
    add_subscription(store, server.add("/koi8", Route(feed, "text/xml; charset=KOI8-R")))
    assert refresh_feeds(store).ok
    assert store.list_articles()[0].title == title


def test_full_pages_bring_the_article_text_and_its_comments(
    server: LocalServer, store: Store, real_world: Path
) -> None:
    items = []
    for number, name in enumerate(PAGES_WITH_COMMENTS):
        link = server.add(f"/story/{number}", Route((real_world / "html" / name).read_bytes()))
        items.append((f"Story {number}", link, "<p>The first lines of the story…</p>"))
    items.append(("Gone", server.url("/story/gone"), "<p>A summary whose page is gone…</p>"))
    feed_url = server.add("/feed", Route(rss("Blogs", items), "application/rss+xml"))
    add_subscription(store, feed_url)
    report = refresh_feeds(store, full_pages=True)
    [result] = report.results
    assert result.ok and result.new == 4 and result.pages == 3 and result.page_failures == 1
    articles = store.list_articles()
    with_comments = [a for a in articles if a.comment_count > 0]
    assert len(with_comments) == 3
    assert all(len(a.body) > 1000 and a.source == feed_url for a in with_comments)
    gone = next(a for a in articles if a.title == "Gone")
    assert gone.body == "A summary whose page is gone…"
    [outcome] = [o for o in result.outcomes if o.title == "Gone"]
    assert "404 Not Found" in outcome.warnings[0] and "summary" in outcome.warnings[0]
    assert list_subscriptions(store)[0].entries == 4


def test_full_pages_are_fetched_only_for_new_entries_that_are_summaries(
    server: LocalServer, store: Store
) -> None:
    long_text = "<p>" + "The full article is in the feed. " * 80 + "</p>"
    items = [
        ("Summary", server.url("/p/1"), "<p>Short…</p>"),
        ("Full", server.url("/p/2"), long_text),
    ]
    server.add("/p/1", Route(page("Summary page", comments=2)))
    server.add("/p/2", Route(page("Full page")))
    route = server.add("/feed", Route(rss("Mixed", items), "application/rss+xml", etag='"1"'))
    add_subscription(store, route)
    assert refresh_feeds(store, full_pages=True).results[0].pages == 1
    assert len(server.seen("/p/1")) == 1 and not server.seen("/p/2")
    server.routes["/feed"].etag = '"2"'  # the feed changed: same entries, new validator
    again = refresh_feeds(store, full_pages=True).results[0]
    assert again.status == "nothing new" and len(server.seen("/p/1")) == 1


def test_refresh_sends_at_most_two_requests_at_a_time_to_a_host(
    server: LocalServer, store: Store
) -> None:
    for n in range(10):
        add_subscription(
            store,
            server.add(
                f"/f{n}",
                Route(rss(f"F{n}", [("E", server.url(f"/e/{n}"), "<p>x</p>")]), delay=0.05),
            ),
        )
    assert refresh_feeds(store).ok
    assert len(server.requests) == 10 and server.most_in_flight == 2


def test_refresh_of_a_url_not_subscribed_says_so(server: LocalServer, store: Store) -> None:
    report = refresh_feeds(store, [server.url("/nope")])
    assert report.results[0].reason.startswith("not subscribed") and not server.requests


def test_an_imported_page_takes_its_canonical_url_else_where_redirects_ended(
    server: LocalServer, store: Store
) -> None:
    server.add("/short", Route(location="/articles/long-name"))
    server.add("/articles/long-name", Route(page("No canonical")))
    server.add("/c", Route(page("Canonical", canonical="https://news.example/story?utm_source=x")))
    report = import_urls(store, [server.url("/short"), server.url("/c")])
    assert report.ok
    urls = {a.title: a.url for a in store.list_articles()}
    assert urls == {
        "No canonical": server.url("/articles/long-name"),
        "Canonical": "https://news.example/story",
    }
    assert all(a.source in {server.url("/short"), server.url("/c")} for a in store.list_articles())


def test_a_page_imported_from_a_file_and_then_its_url_is_stored_once(
    server: LocalServer, store: Store, real_world: Path
) -> None:
    path = real_world / "html" / PAGES_WITH_COMMENTS[0]
    assert import_paths(store, [path]).added == 1
    report = import_urls(store, [server.add("/copy", Route(path.read_bytes()))])
    [outcome] = report.results[0].outcomes
    assert not outcome.created and outcome.article_id == 1
    assert store.counts()["article"] == 1


def test_a_stopped_refresh_returns_at_once_whatever_the_servers_do(
    server: LocalServer, store: Store
) -> None:
    """Leaving the app mid-refresh must not wait for a slow server (up to the timeout)."""
    for n in range(4):
        add_subscription(store, server.add(f"/slow/{n}", Route(rss("Slow", []), delay=5)))
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    report = refresh_feeds(store, stop=stop)
    assert time.monotonic() - started < 2
    assert report.results == [] and store.counts()["article"] == 0


RELATIVE_ATOM = (
    b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    b"<title>Relative links</title><id>urn:feed</id><updated>2026-11-30T10:00:00Z</updated>"
    b'<entry><title>One</title><id>urn:one</id><link href="/news/one.html"/>'
    b'<updated>2026-11-30T10:00:00Z</updated><content type="html">&lt;p&gt;The ministry said '
    b"that 12 buses were sent.&lt;/p&gt;</content></entry>"
    b'<entry><title>Two</title><id>urn:two</id><link href="two.html"/>'
    b'<updated>2026-11-30T11:00:00Z</updated><content type="html">&lt;p&gt;The mayor said '
    b"that 30 roads were closed.&lt;/p&gt;</content></entry></feed>"
)


def test_a_fetched_feed_s_relative_links_are_resolved_against_its_url(
    server: LocalServer, store: Store
) -> None:
    """Without xml:base or a link of its own, an entry's relative link means the feed's URL:
    the article gets the address a reader would open, not none."""
    feed_url = server.add("/feeds/relative.atom", Route(RELATIVE_ATOM, "application/atom+xml"))
    assert import_urls(store, [feed_url]).ok
    urls = {a.title: a.url for a in store.list_articles()}
    assert urls == {
        "One": server.url("/news/one.html"),
        "Two": server.url("/feeds/two.html"),
    }


def test_entries_are_stored_as_their_pages_come_not_when_the_feeds_slowest_page_does(
    server: LocalServer, store: Store
) -> None:
    """A feed whose entries link to a slow server showed nothing until its slowest page was
    done (or had timed out, 30 s later): each entry is now stored as soon as it is ready."""
    gate = threading.Event()
    server.add("/p/fast", Route(page("Fast story", paragraphs=4)))
    server.add("/p/slow", Route(page("Slow story", paragraphs=6), gate=gate))
    items = [
        ("Fast story", server.url("/p/fast"), "<p>Short…</p>"),
        ("Slow story", server.url("/p/slow"), "<p>Short too…</p>"),
        ("Whole story", server.url("/p/whole"), "<p>" + "Long text, no page needed. " * 80),
        ("Gone story", server.url("/p/gone"), "<p>Its page is a 404…</p>"),
    ]
    add_subscription(store, server.add("/feed", Route(rss("Desk", items), etag='"v1"')))
    counts: list[RefreshCounts] = []
    reports = []
    thread = threading.Thread(
        target=lambda: reports.append(refresh_feeds(store, full_pages=True, progress=counts.append))
    )
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(store.list_articles()) < 3:
            time.sleep(0.05)
        titles = {a.title for a in store.list_articles()}
        assert titles == {"Fast story", "Whole story", "Gone story"}
        assert thread.is_alive()  # the slow page is still being waited for
        # Its validator is not saved while an entry is missing: a stop now fetches it again.
        assert _statuses(store)[server.url("/feed")] == "not fetched yet"
        gone = next(a for a in store.list_articles() if a.title == "Gone story")
        assert "Its page is a 404" in gone.body  # stored with the feed's summary
    finally:
        gate.set()
        thread.join(60)
    assert {a.title for a in store.list_articles()} == {
        "Fast story",
        "Slow story",
        "Whole story",
        "Gone story",
    }
    (report,) = reports
    assert report.new == 4 and report.results[0].status == "new 4"
    assert _statuses(store)[server.url("/feed")] == "new 4"
    last = counts[-1]
    assert (last.feeds_done, last.feeds, last.new) == (1, 1, 4)
    assert (last.pages_done, last.pages, last.failed) == (3, 3, 1)
    assert any(c.new == 3 and c.pages_done == 2 for c in counts)  # told while it waited
