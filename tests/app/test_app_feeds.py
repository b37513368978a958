"""``R`` refreshes the subscribed feeds from the app; ``F`` lists them with their status."""

from __future__ import annotations

import asyncio
from pathlib import Path

from store.fetch.subscriptions import add_subscription
from store.store import Store
from tests.app_helpers import SIZE, make_app, screen_text, settle, sync
from tests.fetch_helpers import page, rss
from tests.local_server import Route, serving
from tui.app.refreshing import FeedsModal
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
            assert "Refreshing feeds" in str(app.screen.query_one(StatusBar).render())
            for _ in range(400):
                await asyncio.sleep(0.05)
                await pilot.pause()
                if not app.feeds.running:
                    break
            await settle(pilot)
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
        for _ in range(40):
            await asyncio.sleep(0.05)
            await pilot.pause()
            if not app.feeds.running:
                break
        await settle(pilot)
        assert "No feeds to refresh" in screen_text(app)
    store.close()
