"""Starting the app: the store opens off the UI thread, and a broken store ends it in one line."""

from __future__ import annotations

from pathlib import Path

from tests.app_helpers import SIZE, screen_text, sync
from tests.fixtures_store import fill_store
from tui.app import ClaimdeskApp
from tui.app.store_loader import StoreLoader


@sync
async def test_a_store_that_is_not_a_database_ends_the_app_with_its_name(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("my notes, not a database\n" * 100)
    app = ClaimdeskApp(StoreLoader(str(bogus)))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            if app.failure is not None:
                break
            await pilot.pause(0.05)
    assert app.failure is not None and "notes.sqlite3" in app.failure
    assert app.return_code == 1


@sync
async def test_the_lists_fill_once_the_loader_has_opened_the_store(tmp_path: Path) -> None:
    path = str(tmp_path / "lazy.sqlite3")
    loader = StoreLoader(path)
    fill_store(loader.get())
    app = ClaimdeskApp(StoreLoader(path))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):
            if "Jihadis celebrate" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "Jihadis celebrate" in screen_text(app)
    assert app.failure is None
    loader.close()
