"""The browser's lists, driven from the keyboard with Pilot, asserting on what a user sees."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from textual.command import CommandPalette

from store.records import ArticleRecord
from tests.app_helpers import (
    SIZE,
    browser,
    current_list,
    drawn_anew,
    filled_store,
    kept_lines,
    make_app,
    messages,
    palette_offers,
    screen_text,
    settle,
    sync,
    until,
)
from tests.conftest import SAMPLE_DIR
from tests.fixtures_store import TITLE
from tui.app import ClaimdeskApp
from tui.app.modals.help import HelpModal
from tui.app.screens.browser import BrowserScreen


@sync
async def test_articles_list_shows_columns_and_counts(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Articles 3" in text and "Claims 4" in text and "Comments 5" in text
        row = next(line for line in text.splitlines() if "Palmyra" in line)
        assert "2016-12-13" in row and "longwarjournal.org" in row
        assert row.split()[-2:] == ["3", "4"]  # claims, comments
        assert "row 1 of 3" in text
        first = current_list(app).current_record
        assert isinstance(first, ArticleRecord) and first.title == "Rebels advance on al-Bab"


@sync
async def test_views_switch_with_digits_and_tab(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert browser(app).kind == "claim"
        text = screen_text(app)
        assert "Claimant" in text and "44 tanks, 7 BMPs" in text and "unverifiable" in text
        await pilot.press("tab")
        await settle(pilot)
        assert browser(app).kind == "comment"
        assert "Paddy Singh" in screen_text(app)
        assert "Moose" in screen_text(app)
        await pilot.press("tab")
        assert browser(app).kind == "article"
        await pilot.press("shift+tab", "1")
        assert browser(app).kind == "article"


@sync
async def test_cursor_keys_move_through_the_list(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        records = current_list(app)
        await pilot.press("j")
        assert records.cursor == 1
        await pilot.press("down", "down")
        assert records.cursor == 2  # stops at the last row
        await pilot.press("k", "up")
        assert records.cursor == 0
        await pilot.press("G")
        assert records.cursor == 2
        await pilot.press("g")
        assert records.cursor == 0
        await pilot.press("end")
        assert records.cursor == 2
        await pilot.press("home", "pagedown")
        assert records.cursor == 2
        await pilot.press("pageup")
        assert records.cursor == 0
        await pilot.press("j")
        assert "row 2 of 3" in screen_text(app)


@sync
async def test_rows_the_cursor_leaves_look_as_if_drawn_anew(tmp_path: Path) -> None:
    """A move repaints only the rows it changes (and all of them when the list scrolls): what
    the terminal keeps from before must still be right, in a window too short for the list."""
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(100, 9)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        records = current_list(app)
        assert records.total is not None and records.total > records.size.height - 1
        for key in ["j", "j", "j", "j", "k", "G", "k", "g", "j", "space", "j", "pagedown", "k"]:
            await pilot.press(key)
            await settle(pilot)
            kept = kept_lines(records)
            assert await drawn_anew(pilot, records) == kept, key
        assert records.cursor == records.total - 2


@sync
async def test_sort_key_cycles_columns_and_direction(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        records = current_list(app)

        def titles() -> list[str]:
            return [r.title for r in records.loaded_records()]

        assert titles()[0] == "Rebels advance on al-Bab"  # newest first
        await pilot.press("s")  # published, descending -> next column: outlet ascending
        await settle(pilot)
        assert records.sort.column == "site" and not records.sort.descending
        assert titles()[0] == "Rebels advance on al-Bab"  # example.org < longwarjournal.org
        assert "Outlet ▲" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert titles()[0] == "Aleppo braces for winter"  # news.example.net last ascending
        assert "Outlet ▼" in screen_text(app)


@sync
async def test_clicking_a_header_sorts(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        records = current_list(app)
        await pilot.click(records, offset=(40, 0))  # the Title column
        await settle(pilot)
        assert records.sort.column == "title"
        assert records.loaded_records()[0].title == "Aleppo braces for winter"


@sync
async def test_marks_survive_view_switches(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")  # marks the first article, moves down
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("space", "space")
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("space")
        assert len(app.marks) == 4
        kinds = sorted(kind for kind, _ in app.marks)
        assert kinds == ["article", "claim", "claim", "comment"]
        assert "4 marked" in screen_text(app)
        await pilot.press("2")
        await settle(pilot)
        marked_rows = [line for line in screen_text(app).splitlines() if line.startswith("●")]
        assert len(marked_rows) == 2
        await pilot.press("g", "space")  # unmark
        assert len(app.marks) == 3


@sync
async def test_enter_opens_article_and_escape_comes_back(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        assert TITLE in screen_text(app)
        assert "Claims (3)" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        assert isinstance(app.screen, BrowserScreen)


@sync
async def test_help_lists_every_key_of_the_screen(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        ids = {binding_id for _, _, binding_id in app.screen.rows}
        assert {
            "list.down",
            "list.sort",
            "browser.mark",
            "browser.claims",
            "app.copy",
            "app.open_url",
            "app.search",
            "app.help",
            "app.judge",
        } <= ids
        keys = {keys for keys, _, _ in app.screen.rows}
        assert any("j" in k.split() for k in keys)
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpModal)


@sync
async def test_command_palette_offers_the_screens_actions(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Comments")
        await palette_offers(pilot, "Comments")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert browser(app).kind == "comment"


@sync
async def test_keymap_file_remaps_keys_by_id(tmp_path: Path) -> None:
    (tmp_path / "keys.toml").write_text('[keys]\n"list.down" = "n"\n"browser.claims" = "c"\n')
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert current_list(app).cursor == 1
        await pilot.press("c")
        assert browser(app).kind == "claim"


@sync
async def test_broken_keymap_is_reported_and_defaults_kept(tmp_path: Path) -> None:
    (tmp_path / "keys.toml").write_text("[keys\nnot toml")
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("keys.toml" in str(n.message) for n in app._notifications)
        await pilot.press("j")
        assert current_list(app).cursor == 1


@sync
async def test_copy_puts_a_markdown_citation_on_the_clipboard(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "y")
        await settle(pilot)
        assert app.clipboard.startswith('> "Amaq claims that all of the following')
        assert "— Amaq, via longwarjournal.org (2016-12-13) <https://www.longwar" in app.clipboard


@sync
async def test_o_opens_the_articles_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "o")  # a comment: its article's URL
        await settle(pilot)
        assert opened == [
            "https://www.longwarjournal.org/archives/2016/12/jihadis-celebrate-capture.php"
        ]


@sync
async def test_slash_opens_search(tmp_path: Path) -> None:
    from tui.app.screens.search import SearchScreen

    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)


@sync
async def test_empty_store_says_so(tmp_path: Path) -> None:
    from store.store import Store

    app = make_app(Store.open(str(tmp_path / "empty.sqlite3")), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "nothing here yet: i imports files or a folder, R refreshes" in screen_text(app)
        await pilot.press("enter", "j", "y", "o", "space")
        assert isinstance(app.screen, BrowserScreen)


@sync
async def test_first_run_imports_samples_and_says_so_on_the_message_line(tmp_path: Path) -> None:
    """An empty store is filled with the real sample data; the app says so on its message
    line (it was a toast over the list), with the folder it read."""
    from store.store import Store

    store = Store.open(str(tmp_path / "first.sqlite3"))
    app = ClaimdeskApp(store, first_run_samples=SAMPLE_DIR, keymap_file=tmp_path / "keys.toml")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(20):
            await settle(pilot)
            if "Articles 5" in screen_text(app):
                break
        text = screen_text(app)
        assert "Articles 5" in text
        assert "Jihadis celebrate capture" in text
        said = screen_text(app).splitlines()[-2]
        assert "First run: imported 5 sample documents from" in said, said
        assert not app._notifications


@sync
async def test_a_first_run_whose_samples_hold_nothing_to_import_says_what_it_found(
    tmp_path: Path,
) -> None:
    """It said "First run: imported 0 sample documents", as if that were news."""
    from store.store import Store

    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "README.md").write_text("Nothing to import here.\n", encoding="utf-8")
    store = Store.open(str(tmp_path / "first.sqlite3"))
    app = ClaimdeskApp(store, first_run_samples=samples, keymap_file=tmp_path / "keys.toml")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: any("First run" in line for line in app.said), 10)
        said = " ".join(app.said)
        assert "First run: no sample documents imported (" in said, said
        assert "imported 0" not in said


@sync
async def test_while_the_first_run_imports_the_list_says_so_not_that_nothing_is_here(
    tmp_path: Path,
) -> None:
    """Until the samples are stored, the list says rows are coming: it said "nothing here
    yet: i imports files…" for the first seconds of a new user's first screen, while the
    samples were being imported (now by the same import as ``i``, with its progress in the
    status line)."""
    from store.store import Store

    app = ClaimdeskApp(
        Store.open(str(tmp_path / "first.sqlite3")),
        first_run_samples=SAMPLE_DIR,
        keymap_file=tmp_path / "keys.toml",
    )
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(600):
            seen.append(screen_text(app))
            if "Articles 5" in seen[-1]:
                break
            await pilot.pause(0.01)
        assert "Articles 5" in seen[-1]
        assert not [screen for screen in seen if "nothing here yet" in screen]
        rowless = [s for s in seen if "Published" in s and "The Harbour Ledger" not in s]
        assert rowless, "the first frames came after the samples"
        assert all("(importing: the rows appear as they are stored)" in s for s in rowless)


@sync
async def test_first_run_failure_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def import_paths(store: object, paths: list[Path], **_progress: object) -> None:
        raise OSError("samples unreadable")

    monkeypatch.setitem(
        sys.modules, "store.importer", types.SimpleNamespace(import_paths=import_paths)
    )
    from store.store import Store

    app = ClaimdeskApp(
        Store.open(str(tmp_path / "f.sqlite3")),
        first_run_samples=tmp_path,
        keymap_file=tmp_path / "keys.toml",
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("could not import the samples: samples unreadable" in m for m in messages(app))
