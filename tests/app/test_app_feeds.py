"""``R`` refreshes the subscribed feeds from the app; ``F`` lists them with their status."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from store.fetch.subscriptions import add_subscription
from store.store import Store
from tests.app_helpers import SIZE, make_app, screen_text, settle, sync, until
from tests.fetch_helpers import page, rss
from tests.local_server import Route, serving
from tui.app.refreshing import FeedsModal
from tui.app.widgets.record_list import RecordList
from tui.app.widgets.status_bar import StatusBar


@sync
async def test_r_refreshes_the_feeds_and_the_lists_show_the_new_articles(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "app.sqlite3"))
    with serving() as server:
        server.add("/p/1", Route(page("Evacuations in the district", comments=3)))
        server.add("/p/3", Route(page("Third story", paragraphs=5)))
        # Three answers to parse: the third goes to the worker processes, started from the app.
        items = [
            ("Evacuations in the district", server.url("/p/1"), "<p>Short…</p>"),
            ("Second story", server.url("/p/2"), "<p>" + "Long text. " * 200 + "</p>"),
            ("Third story", server.url("/p/3"), "<p>Short too…</p>"),
        ]
        add_subscription(store, server.add("/feed", Route(rss("Desk", items), delay=0.3)))
        add_subscription(store, server.url("/gone"))
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "Articles 0" in screen_text(app)
            await pilot.press("R")
            await pilot.pause()
            assert "Refreshing" in str(app.screen.query_one(StatusBar).render())
            await until(pilot, lambda: not app.feeds.running, 20)
            text = screen_text(app)
            assert "Articles 3" in text and "Evacuations in the district" in text
            assert "Refreshing" not in text
            assert "Refreshed 2 feeds: 3 new articles, 1 failed (F lists them)" in text
            assert not app._notifications  # said on the message line, not in a toast over it

            await pilot.press("F")
            await settle(pilot)
            assert isinstance(app.screen, FeedsModal)
            text = screen_text(app)
            assert "Desk" in text and "new 3" in text and "failed: 404 Not Found" in text
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, FeedsModal)
    store.close()


@sync
async def test_refresh_without_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "app.sqlite3"))
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await until(pilot, lambda: not app.feeds.running, 2)
        assert "No feeds to refresh" in screen_text(app)
    store.close()


def _dated_rss(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS feed of ``(title, link, pubDate)`` summaries."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{date}</pubDate><description>&lt;p&gt;The first lines…&lt;/p&gt;</description>"
        "</item>"
        for t, link, date in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        f"<link>http://example.org/</link>{entries}</channel></rss>"
    ).encode()


@sync
async def test_r_shows_each_entry_as_its_page_arrives_with_progress_and_the_cursor_on_top(
    tmp_path: Path,
) -> None:
    """Entries linking to a slow page used to appear only once the slowest page was done (or
    timed out), under a bare "Refreshing"; and the cursor, landed on the first record that
    arrived in an empty list, followed it down as newer ones arrived above it."""
    store = Store.open(str(tmp_path / "app.sqlite3"))
    gate = threading.Event()
    with serving() as server:
        server.add("/p/old", Route(page("The older story", paragraphs=4)))
        server.add("/p/new", Route(page("The newer story", paragraphs=6), gate=gate))
        items = [
            ("The older story", server.url("/p/old"), "Mon, 30 Nov 2026 08:00:00 GMT"),
            ("The newer story", server.url("/p/new"), "Tue, 01 Dec 2026 08:00:00 GMT"),
        ]
        add_subscription(store, server.add("/feed", Route(_dated_rss(items))))
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "Articles 0" in screen_text(app)
            await pilot.press("R")
            try:
                for _ in range(600):
                    await asyncio.sleep(0.05)
                    await pilot.pause()
                    if "Articles 1" in screen_text(app):
                        break
                text = screen_text(app)
                assert "Articles 1" in text and "The older story" in text
                assert app.feeds.running  # the newer story's page is still held back
                # The counts reach the status line at its next tick (every 0.2 s), which may
                # come after the list has re-read the store. (Pauses, not settle(): that would
                # wait for the refresh itself, held back by the gate.)
                status = ""
                for _ in range(100):
                    status = str(app.screen.query_one(StatusBar).render())
                    if "· 1 new" in status:
                        break
                    await asyncio.sleep(0.05)
                    await pilot.pause()
                assert "Refreshing: 0/1 feeds, 1/2 pages · 1 new" in status
                await pilot.resize_terminal(80, 24)
                await pilot.pause()
                # at the start of the line: at the end, 80 columns cut it off
                assert "Refreshing: 0/1 feeds, 1/2 pages · 1 new" in screen_text(app)
            finally:
                gate.set()
            await until(pilot, lambda: not app.feeds.running, 30)
            assert "Articles 2" in screen_text(app)
            records = app.screen.query_one("#list-article", RecordList)
            assert records.cursor == 0
            current = records.current_record
            assert current is not None and current.title == "The newer story"
    store.close()
