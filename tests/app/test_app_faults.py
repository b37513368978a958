"""The app under attack (issue 20): markup in a query is text, and a burst of keys never
freezes the search screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.worker_manager import WorkerManager

from tests.app.test_app_search import hit_list, reader, sample_store, search_for, search_screen
from tests.app_helpers import SIZE, make_app, messages, screen_text, settle, sync
from tui.app.screens.search import QueryInput
from tui.app.widgets.message_line import MessageLine


@sync
async def test_a_query_with_markup_is_shown_as_text_in_the_readers_messages(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    # notifications=True: run_test leaves toasts out unless asked, and the crash was a toast's
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await search_for(pilot, "palmira tnaks [/]")
        assert hit_list(app).hits, "the words still find the claim"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b", "n")  # into the body, then the next match: a notification
        await settle(pilot)
        assert reader(app).match_index is not None
        shown = messages(app)
        assert any("[/]" in message for message in shown), shown
        await pilot.press("n", "N")
        await settle(pilot)
        await pilot.pause(0.1)  # the message line is drawn (it was a toast, issue 19)
        assert "[/]" in app.screen.query_one(MessageLine).text
        assert "[/]" in screen_text(app)
    assert app.return_code in (None, 0)  # no MarkupError ended the app


@sync
async def test_a_burst_of_keys_cancels_one_search_per_key_not_every_waiting_one(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """18,000 keys typed without bracketed paste froze the app for minutes: each key made
    Textual walk every live worker to cancel the group, and the workers waiting for the search
    lock grew with the burst (3,000 keys: 54 s before, 8 s after, on a loaded machine)."""
    walked = [0]
    cancel_group = WorkerManager.cancel_group

    def counting(self: WorkerManager, node: Any, group: str) -> Any:
        walked[0] += len(self._workers)
        return cancel_group(self, node, group)

    monkeypatch.setattr(WorkerManager, "cancel_group", counting)
    keys = 600
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        box = search_screen(app).query_one(QueryInput)
        walked[0] = 0
        for index in range(keys):  # queued faster than any search can answer, like a paste
            box.insert_text_at_cursor("palm "[index % 5])
        await settle(pilot)
        box.value = "palmira tnaks"
        await settle(pilot)
        assert hit_list(app).hits and "44 tanks" in hit_list(app).hits[0].text
    assert walked[0] < keys * 5, f"{walked[0]} workers walked for {keys} keys"
