"""Issue 19, on screen: what a person sees at 80×24, 120×40 and 200×60 (layouts, the footer,
help, the message line) and the search screen's bugs, each found by trying it in tmux."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from store.importer import import_paths
from store.store import Store
from tests.app.test_app_search import hit_list, sample_store, search_for, search_screen
from tests.app_helpers import current_list, filled_store, make_app, screen_text, settle, sync
from tests.fixtures_store import TITLE
from tui.app import ClaimdeskApp
from tui.app.modals.help import HelpModal
from tui.app.modals.judge import JudgeClaimModal
from tui.app.screens.browser import BrowserScreen
from tui.app.screens.reader import ClaimList, CommentTree, ReaderScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.article_body import ArticleBody
from tui.app.widgets.message_line import MessageLine, fitted_message


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


# -- the lists at any width ------------------------------------------------------------------


def _row_with(app: ClaimdeskApp, words: str) -> str:
    return next(line for line in screen_text(app).splitlines() if words in line)


@sync
async def test_at_80_columns_the_claim_text_gets_the_room_and_cut_cells_end_in_an_ellipsis(
    tmp_path: Path,
) -> None:
    """Before: the claim text had 9 cells ("One video…") and the article was cut bare."""
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        widths = current_list(app)._widths()
        claim_width = widths[1]
        assert claim_width >= 30, widths
        row = _row_with(app, "Amaq claims that all")
        assert len(row.rstrip()) <= 80
        assert row.rstrip().endswith("…")  # the article title, cut with an ellipsis
        assert row.count("…") >= 2  # the claim text too


@sync
async def test_at_200_columns_claimant_and_article_show_whole(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert TITLE in text  # the article column is as wide as its titles
        for claim in current_list(app).loaded_records():
            if claim.claimant:
                assert claim.claimant in text


@pytest.mark.parametrize(
    ("width", "wanted"),
    [
        (80, ["? Help", "q Quit", "/ Search", "space Mark", "e Export", "v Judge"]),
        (120, ["y Copy", "o Browser", "a Article", "v Judge"]),
        (200, ["l Filter", "R Refresh", "i Import"]),
    ],
)
@sync
async def test_the_footer_shows_the_important_keys_whole(
    tmp_path: Path, width: int, wanted: list[str]
) -> None:
    """Before: "q Qui" at 80 columns, "v Judge c" at 120, and y/o/a never shown."""
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in wanted:
            assert key in footer, footer
        assert "palette" not in footer


@sync
async def test_a_narrow_header_keeps_the_sort_arrow(tmp_path: Path) -> None:
    """At 80 columns "Published ▼" was cut to "Published…": which column sorts was lost."""
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[3]
        assert "Published▼" in header, header


@sync
async def test_the_footer_is_rebuilt_only_when_its_keys_change(tmp_path: Path) -> None:
    """Textual's footer rebuilt its key widgets on every focus move; ours keeps them while the
    keys stay the same and still follows a screen whose keys differ."""
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        before = list(app.screen.query(FooterKey))
        await pilot.press("2", "j", "3", "1")
        await settle(pilot)
        assert list(app.screen.query(FooterKey)) == before
        assert "v Judge" in screen_text(app).splitlines()[-1]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert "Back" in screen_text(app).splitlines()[-1]


# -- help and dialogs --------------------------------------------------------------------------


@sync
async def test_help_lists_only_our_keys_grouped_and_scrolls_with_j_and_end(
    tmp_path: Path,
) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)
        text = screen_text(app)
        assert "Scroll Left" not in text and "Page Left" not in text
        assert all(row[2] for row in app.screen.rows)  # every row has its id
        assert "The lists" in text
        scroll = app.screen.query_one("#help-text")
        await pilot.press("j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("end")
        await settle(pilot)
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        assert '"list.down" = "j,down"' in screen_text(app)  # the remap example, whole


@pytest.mark.parametrize("keys", [("2", "e"), ("2", "v"), ("question_mark",)])
@sync
async def test_each_dialog_fits_80x24(tmp_path: Path, keys: tuple[str, ...]) -> None:
    """Before: the Export, Judge and Help dialogs lost their right edge at 80 columns."""
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        dialog = app.screen.query_one("#export, #judge, #help")
        region = dialog.region
        assert region.x >= 0 and region.right <= 80 and region.bottom <= 24, region


# -- the reader --------------------------------------------------------------------------------


def html_store(tmp_path: Path) -> Store:
    store = Store.open(str(tmp_path / "html.sqlite3"))
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Port report</title></head><body><article>"
        "<h1>Port report</h1>"
        "<p>The first paragraph says the port handled more grain than ever before.</p>"
        "<p>The second paragraph says the ministry claims 340 trains reached it.</p>"
        "<p>The third paragraph says the union disputes that figure entirely.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    import_paths(store, [page])
    return store


@sync
async def test_html_paragraphs_are_drawn_apart(tmp_path: Path) -> None:
    """Before: an HTML article's paragraphs (one a line in the body) ran together."""
    app = make_app(html_store(tmp_path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "The first paragraph" in line)
        second = next(i for i, line in enumerate(lines) if "The second paragraph" in line)
        assert second - first >= 2  # a blank line between
        assert not lines[second - 1][:70].strip()


@sync
async def test_claims_pane_is_sized_by_its_claims_and_c_selects_the_first(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter")
        await settle(pilot)
        claims = app.screen.query_one(ClaimList)
        assert claims.size.height > 8  # was a short fixed box that cut the notes
        app.screen.query_one(ArticleBody).focus()
        claims.highlighted = None
        await pilot.press("c")
        await settle(pilot)
        assert claims.highlighted == 0
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, JudgeClaimModal)


@sync
async def test_thread_rows_are_cut_with_an_ellipsis_and_no_horizontal_bar(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(90, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter")  # the Palmyra article
        await settle(pilot)
        tree = app.screen.query_one(CommentTree)
        assert not tree.show_horizontal_scrollbar
        row = _row_with(app, "Paddy Singh")
        assert "…" in row


@sync
async def test_z_gives_the_text_the_full_width_and_back(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1", "enter")
        await settle(pilot)
        body = app.screen.query_one(ArticleBody)
        narrow = body.size.width
        await pilot.press("z")
        await settle(pilot)
        assert body.size.width > narrow + 20
        assert (
            not app.screen.query_one("#side").display
            or not app.screen.query_one("#side").region.width
        )
        await pilot.press("z")
        await settle(pilot)
        assert body.size.width == narrow


# -- search: no stacked screens, n after a claim, the message line ------------------------------


@sync
async def test_search_open_slash_goes_back_to_the_same_search(tmp_path: Path) -> None:
    """Before: each search → open pushed a screen: four escapes to get back."""
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await search_for(pilot, "tanks") if not isinstance(app.screen, SearchScreen) else None
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ReaderScreen)
        assert len(app.screen_stack) == 4  # default, browser, search, reader
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)


@sync
async def test_n_after_opening_a_claim_hit_goes_past_that_claim(tmp_path: Path) -> None:
    """Before: ``n`` went back to the article's first match."""
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, "russian")
        hits = hit_list(app).hits
        index = next(i for i, h in enumerate(hits) if h.kind == "claim" and "352 men" in h.text)
        hit_list(app).cursor = index
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        claim = screen.claim(hits[index].id)
        assert claim is not None
        await pilot.press("n")
        await settle(pilot)
        assert screen.match_index is not None
        start, _end = screen.matches.body[screen.match_index]
        assert start >= claim.start
        message = app.screen.query_one(MessageLine).text
        assert message.startswith(f"Match {screen.match_index + 1} of")
        assert message in screen_text(app)  # on the message line, not a toast


@sync
async def test_an_empty_claims_list_does_not_say_press_2(tmp_path: Path) -> None:
    app = make_app(Store.open(str(tmp_path / "empty.sqlite3")), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "v")
        await settle(pilot)
        said = app.screen.query_one(MessageLine).text
        assert "No claims here" in said and "press 2" not in said


def test_the_export_message_keeps_the_file_name_whole() -> None:
    """Before: the export confirmation split the file name mid-word."""
    name = "claimdesk-2026-12-01T1142.md"
    for width in (40, 60, 80):
        shown = fitted_message(
            "Exported 2 claims, 1 comment →", f"/root/Documents/claimdesk/{name}", width
        )
        assert shown.endswith(name) and len(shown) <= width, shown


# -- o with a console browser ------------------------------------------------------------------


@sync
async def test_o_with_a_console_browser_suspends_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: w3m ran in a worker thread and wrote over the app."""
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "w3m"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(browser))
    suspended: list[bool] = []

    @contextlib.contextmanager
    def suspend(self: ClaimdeskApp) -> Iterator[None]:
        suspended.append(True)
        yield

    monkeypatch.setattr(ClaimdeskApp, "suspend", suspend)
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert suspended == [True]
        assert opened.read_text(encoding="utf-8").startswith("http")
        assert "Back from w3m" in app.screen.query_one(MessageLine).text


# -- keys.toml ----------------------------------------------------------------------------------


@sync
async def test_keymap_problems_are_one_message_each(tmp_path: Path) -> None:
    (tmp_path / "keys.toml").write_text(
        '[keys]\n"list.dwn" = "n"\n"browser.mark" = "a"\n"browser.quit" = "x"\n',
        encoding="utf-8",
    )
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        shown = [str(n.message) for n in app._notifications]
        assert any("'list.dwn'" in m and "list.down" in m for m in shown), shown
        assert any("'a'" in m and "browser.mark" in m and "browser.article" in m for m in shown)
        assert len(shown) == 2  # browser.quit = x is fine: nothing said about it


@sync
async def test_ctrl_d_and_ctrl_u_move_half_a_page(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        records = current_list(app)
        await pilot.press("ctrl+d")
        half = records.cursor
        assert 3 <= half <= records._rows_on_screen // 2 + 1
        await pilot.press("ctrl+u")
        assert records.cursor == 0
