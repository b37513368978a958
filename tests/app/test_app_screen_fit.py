"""Issue 19, on screen: what a person sees at 80×24, 120×40 and 200×60 (layouts, the footer,
help, the message line) and the search screen's bugs, each found by trying it in tmux."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_app_search import hit_list, sample_store, search_for, search_screen
from tests.app_helpers import make_app, screen_text, settle, sync


@sync
async def test_hits_show_after_the_query_shrinks_while_scrolled_down(tmp_path: Path) -> None:
    """``!russian``, Down ×28, Home, Delete showed "11 hits" and no rows."""
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, "!russian")
        await pilot.press(*["down"] * 28)
        await settle(pilot)
        await pilot.press("home", "delete")
        await settle(pilot)
        hits = hit_list(app)
        assert search_screen(app).current_query == "russian"
        assert hits.hits
        text = screen_text(app)
        first = hits.hits[0].text[:20]
        assert first in text, text
