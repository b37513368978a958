"""The search screen, driven with Pilot on the real sample data (imported by the importer)."""

from __future__ import annotations

import asyncio
import functools
import itertools
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from rich.console import RenderableType
from rich.style import Style
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen

from store.importer import import_paths
from store.paths import sample_data_dir
from store.search.hits import SearchHit
from store.search.result import SearchResult
from store.store import Store
from tests.app_helpers import (
    SIZE,
    drawn_anew,
    kept_lines,
    make_app,
    messages,
    screen_segments,
    screen_text,
    settle,
    sync,
    until,
)
from tests.conftest import ROOT
from tests.search_sample import other_draft
from tests.template_stores import sqlite_copy
from tui.app import ClaimdeskApp, search_service
from tui.app.modals.help import HelpModal
from tui.app.palette import BindingsProvider
from tui.app.screens import search as search_module
from tui.app.screens.browser import BrowserScreen
from tui.app.screens.reader import CURRENT_MATCH_STYLE, ClaimList, CommentTree, ReaderScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.hit_list import MATCH_STYLE, THUMB, HitList, scroll_thumb
from tui.perf.frame_hold import HOLD_LIMIT, FrameHold
from tui.perf.textual_settings import FRAMES_PER_SECOND


def _import_sample(store: Store) -> None:
    report = import_paths(store, [sample_data_dir()])
    assert report.added >= 3, report


def sample_store(tmp_path: Path) -> Store:
    """The sample data as the importer stores it (a copy of one import per process)."""
    return sqlite_copy(tmp_path / "sample.sqlite3", "sample", _import_sample)


def search_screen(app: ClaimdeskApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen), screen
    return screen


def hit_list(app: ClaimdeskApp) -> HitList:
    return search_screen(app).query_one(HitList)


def reader(app: ClaimdeskApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen), screen
    return screen


def in_style(app: ClaimdeskApp, style: str) -> list[str]:
    """The pieces of text on screen drawn with ``style``'s background colour."""
    wanted = Style.parse(style).bgcolor
    assert wanted is not None
    return [
        seg.text
        for seg in screen_segments(app)
        if seg.style is not None
        and seg.style.bgcolor is not None
        and seg.style.bgcolor.triplet == wanted.triplet
    ]


async def search_for(pilot: Pilot[None], query: str) -> None:
    """Open search with ``/`` and type ``query`` key by key, as a person would."""
    await settle(pilot)
    await pilot.press("slash")
    await pilot.press(*("space" if c == " " else c for c in query))
    await settle(pilot)


@sync
async def test_typing_shows_mixed_kinds_with_badges_and_the_matching_field(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "palmira tnaks")
        hits = hit_list(app).hits
        assert hits[0].kind == "claim" and "44 tanks" in hits[0].text
        assert hits[0].field == "claim text"
        text = screen_text(app)
        first = next(line for line in text.splitlines() if "44 tanks" in line)
        assert "CLAIM" in first
        assert "claim text: " in text
        assert any(line.strip().startswith("ARTICLE") for line in text.splitlines())
        # "oryx": Moose's comment and the claim made in it, each with its badge and field
        await pilot.press("ctrl+u", *"oryx")  # ctrl+u clears the line before the cursor
        await settle(pilot)
        kinds = {hit.kind for hit in hit_list(app).hits[:2]}
        assert kinds == {"claim", "comment"}
        text = screen_text(app)
        assert "COMMENT" in text and "CLAIM" in text
        # issue 19: the comment's text shows once (its headline), the line under it says
        # where it belongs, and the claim says it was made in Moose's comment
        assert text.count("This was a huge gain") == 1
        assert "in Jihadis celebrate capture" in text
        assert "in Moose's comment" in text


@sync
async def test_the_matched_words_are_highlighted_in_each_snippet(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "palmira tnaks")
        lit = [piece.lower() for piece in in_style(app, MATCH_STYLE)]
        assert "tanks" in lit  # the claim's snippet
        assert "palmyra" in lit  # the article's body snippet
        assert set(lit) <= {"tanks", "palmyra"}, lit


@sync
async def test_enter_opens_a_claim_hit_in_the_reader_on_that_claim(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "palmira tnaks")
        await pilot.press("enter")
        await settle(pilot)
        screen = reader(app)
        claim = screen.highlighted_claim
        assert claim is not None and "44 tanks" in claim.text
        assert isinstance(app.focused, ClaimList)
        # the query's words are shown in the body too
        assert {piece.lower() for piece in in_style(app, MATCH_STYLE)} >= {"palmyra"}
        await pilot.press("escape")
        assert hit_list(app).hits  # back on the same hits


@sync
async def test_a_comment_hit_opens_its_comment(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "oryx")
        index = next(i for i, hit in enumerate(hit_list(app).hits) if hit.kind == "comment")
        await pilot.press(*["down"] * index, "enter")
        await settle(pilot)
        screen = reader(app)
        assert isinstance(app.focused, CommentTree)
        comment = screen.highlighted_comment
        assert comment is not None and comment.author == "Moose"
        assert "Oryx" in in_style(app, MATCH_STYLE)


@sync
async def test_a_body_hit_opens_at_the_word_and_n_steps_through_the_matches(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "palmira tnaks")
        hits = hit_list(app).hits
        index = next(i for i, hit in enumerate(hits) if hit.field == "body")
        await pilot.press(*["down"] * index, "enter")
        await settle(pilot)
        screen = reader(app)
        assert screen.view is not None
        body = screen.view.article.body
        matches = screen.matches.body
        words = [body[start:end].lower() for start, end in matches]
        assert set(words) == {"palmyra", "tanks"} and len(words) >= 3
        # the current match is the word the hit was about
        assert screen.match_index is not None
        assert matches[screen.match_index][0] == hits[index].offset
        assert in_style(app, CURRENT_MATCH_STYLE) == [body[slice(*matches[screen.match_index])]]
        first = screen.match_index
        await pilot.press("n")
        assert screen.match_index == (first + 1) % len(matches)
        assert in_style(app, CURRENT_MATCH_STYLE) == [body[slice(*matches[screen.match_index])]]
        await pilot.press("N", "N")
        assert screen.match_index == (first - 1) % len(matches)
        for _ in range(len(matches)):  # all the way round
            await pilot.press("n")
        assert screen.match_index == (first - 1) % len(matches)


@sync
async def test_n_in_an_article_opened_from_the_lists_uses_the_last_search(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = browser_screen(app).current_list
        row = next(i for i, a in enumerate(articles.loaded_records()) if "Palmyra" in a.title)
        articles.cursor = row
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        assert reader(app).match_index is None
        assert any("No search yet" in message for message in messages(app))
        await pilot.press("slash", *"palmyra", "escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = reader(app)
        assert screen.match_index == 0
        assert screen.view is not None
        assert in_style(app, CURRENT_MATCH_STYLE) == ["Palmyra"]


def browser_screen(app: ClaimdeskApp) -> BrowserScreen:
    screen = app.screen
    assert isinstance(screen, BrowserScreen)
    return screen


@sync
async def test_results_for_an_older_query_are_never_shown(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "oryx")
        screen = search_screen(app)
        shown = list(hit_list(app).hits)
        stale = SearchHit("article", 999, 100.0, "title", "Stale", (), "Stale answer", 999, 0)
        screen.on_search_screen_results(SearchScreen.Results("ory", SearchResult.of([stale])))
        await pilot.pause()
        assert list(hit_list(app).hits) == shown
        assert "Stale answer" not in screen_text(app)
        # the same message for the query in the input is shown (the check is not vacuous)
        screen.on_search_screen_results(SearchScreen.Results("oryx", SearchResult.of([stale])))
        await pilot.pause()
        assert "Stale answer" in screen_text(app)


@sync
async def test_a_slow_answer_to_an_earlier_key_press_is_dropped(tmp_path: Path) -> None:
    """The search for "t" is still running when "ta" is typed: only "ta"'s hits ever show.

    (The older worker is cancelled, so it does not post; and were it to post, the screen would
    drop it: the direct call in the test above covers that second guard.)"""
    app = make_app(sample_store(tmp_path), tmp_path)
    release = threading.Event()
    real_search = app.search.search

    def slow_for_one_letter(query: str, limit: int = 50) -> SearchResult | None:
        if len(query) == 1:
            release.wait(5)
        return real_search(query, limit)

    app.search.search = slow_for_one_letter  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "t", "a")
        for _ in range(100):
            if hit_list(app).shown_query == "ta":
                break
            await pilot.pause(0.02)
        answered = list(hit_list(app).hits)
        assert hit_list(app).shown_query == "ta" and answered
        release.set()
        await settle(pilot)
        assert hit_list(app).shown_query == "ta"
        assert list(hit_list(app).hits) == answered


@sync
async def test_marks_made_in_search_show_in_the_browser(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "oryx")
        first, second = hit_list(app).hits[:2]
        await pilot.press("tab", "space", "space")
        assert list(app.marks) == [(first.kind, first.id), (second.kind, second.id)]
        assert screen_text(app).count("●") == 2
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        assert "2 marked" in screen_text(app)
        await pilot.press("2")  # the claims list: the Oryx claim carries the mark
        await settle(pilot)
        claim_hit = first if first.kind == "claim" else second
        row = next(line for line in screen_text(app).splitlines() if "Oryx is reporting" in line)
        assert row.lstrip().startswith("●"), row
        assert claim_hit.kind == "claim"


@sync
async def test_a_bad_query_shows_its_message_in_place(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "kind:foo")
        assert "unknown kind 'foo'" in screen_text(app)
        assert not hit_list(app).hits
        await pilot.press("backspace", "backspace", "backspace", *"claim oryx")
        await settle(pilot)
        assert "unknown kind" not in screen_text(app)
        assert [hit.kind for hit in hit_list(app).hits] == ["claim"]


@sync
async def test_no_hits_and_an_empty_store_say_so(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "qqqxxzz")
        assert "No matches for 'qqqxxzz'." in screen_text(app)
        assert "no match for 'qqqxxzz'" in screen_text(app)
        await pilot.press(*" oryx")
        await settle(pilot)
        assert "no match for 'qqqxxzz'; results without it" in screen_text(app)
        assert hit_list(app).hits
        await pilot.press("ctrl+u", "q")  # one letter that starts no stored word: not yet
        await settle(pilot)
        assert "No matches" not in screen_text(app)
        assert "Keep typing" in screen_text(app)
    empty = make_app(Store.open(str(tmp_path / "empty.sqlite3")), tmp_path)
    async with empty.run_test(size=SIZE) as pilot:
        await search_for(pilot, "tanks")
        assert "The store is empty" in screen_text(empty)


@sync
async def test_a_document_added_while_the_app_runs_is_found(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "olive harvest")
        olives = "Olive harvest grows in the valley"
        assert olives not in [hit.text for hit in hit_list(app).hits]
        await asyncio.to_thread(store.add_documents, [other_draft()])
        await pilot.press("space")  # one more key: the same words, searched again
        await settle(pilot)
        assert olives in [hit.text for hit in hit_list(app).hits]


def search_screen_below(app: ClaimdeskApp) -> SearchScreen:
    screen = app.screen_stack[-2]
    assert isinstance(screen, SearchScreen)
    return screen


@sync
async def test_help_on_the_search_screen_shows_its_keys_and_the_syntax(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "tanks")
        await pilot.press("question_mark")  # ? opens help while typing too (issue 19)
        await settle(pilot)
        assert search_screen_below(app).current_query == "tanks"  # not typed into the query
        assert isinstance(app.screen, HelpModal)
        ids = {row[2] for row in app.screen.rows}
        assert {"search.close", "search.next_hit", "search.switch_focus"} <= ids
        assert "space marks a hit" in screen_text(app)
        await pilot.press("G")  # the syntax is at the end of the one scrolling text
        await settle(pilot)
        text = screen_text(app)
        assert "qty:>100" in text and "Remap any key" in text
        await pilot.press("escape", "tab", "f1")  # from the list: its own keys
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)
        assert {"search.mark", "hits.open", "search.focus_query"} <= {
            row[2] for row in app.screen.rows
        }


@sync
async def test_the_command_palette_offers_search(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = BindingsProvider(app.screen)
        names = [name for name, _keys, _run in provider._entries()]
        assert "Search" in names
        await pilot.press("ctrl+p", *"search")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)


@sync
async def test_slash_reopens_search_with_the_last_query(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "oryx")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("slash")
        await settle(pilot)
        assert search_screen(app).current_query == "oryx"
        assert hit_list(app).shown_query == "oryx" and hit_list(app).hits


def test_the_app_command_asks_textual_to_paint_as_soon_as_results_arrive(tmp_path: Path) -> None:
    """Set before Textual is imported (it reads TEXTUAL_FPS once); a user's own value wins."""
    code = (
        "import sys, tui.cli, tui.app.store_loader as loader\n"
        "def stop(self):\n"
        "    import textual.constants\n"
        "    print(textual.constants.MAX_FPS)\n"
        "    raise SystemExit(0)\n"
        "loader.StoreLoader.start = stop\n"
        "tui.cli.main(['--db', sys.argv[1]])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    db = str(tmp_path / "fps.sqlite3")
    run = subprocess.run(
        [sys.executable, "-c", code, db],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == [FRAMES_PER_SECOND]
    run = subprocess.run(
        [sys.executable, "-c", code, db],
        cwd=ROOT,
        env={**env, "TEXTUAL_FPS": "30"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["30"]


def record_frames(app: ClaimdeskApp) -> list[tuple[str, str]]:
    """For each frame the app sends to the terminal: (the query line's text, the query whose
    hits are drawn below it)."""
    frames: list[tuple[str, str]] = []
    display = app._display

    def recorded(screen: Screen[Any], renderable: RenderableType | None) -> None:
        if isinstance(screen, SearchScreen):
            frames.append((screen.current_query, screen.query_one(HitList).shown_query))
        display(screen, renderable)

    app._display = recorded  # type: ignore[method-assign]
    return frames


@sync
async def test_each_key_paints_once_with_its_own_hits_not_the_last_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Searches that take 10 ms: no frame shows "or" above the hits of "o".

    The hold's deadline is set far off: what is tested is that a key's frame waits for its
    hits, not how long a loaded machine takes to answer (the deadline has its own test)."""
    monkeypatch.setattr(search_module, "FrameHold", functools.partial(FrameHold, limit=10.0))
    app = make_app(sample_store(tmp_path), tmp_path)
    real_search = app.search.search

    def ten_ms(query: str, limit: int = 50) -> SearchResult | None:
        time.sleep(0.010)
        return real_search(query, limit)

    app.search.search = ten_ms  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        frames = record_frames(app)
        for letter in "oryx":
            await pilot.press(letter)
            await settle(pilot)
        typed = [frame for frame in frames if frame[0]]
        assert {query for query, _ in typed} == {"o", "or", "ory", "oryx"}
        assert all(query == answered for query, answered in typed), typed


@sync
async def test_a_slow_search_does_not_hold_back_the_typed_letter(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    release = threading.Event()
    real_search = app.search.search

    def stuck_on_x(query: str, limit: int = 50) -> SearchResult | None:
        if query.endswith("x"):
            release.wait(5)
        return real_search(query, limit)

    app.search.search = stuck_on_x  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "ory")
        frames = record_frames(app)
        await pilot.press("x")
        # the letter shows while the search is still stuck; the old hits stay until answered
        for _ in range(500):
            if ("oryx", "ory") in frames:
                break
            await pilot.pause(HOLD_LIMIT)
        assert ("oryx", "ory") in frames
        release.set()
        await settle(pilot)
        assert frames[-1] == ("oryx", "oryx")


@sync
async def test_typing_on_while_hits_wait_to_be_placed_never_delays_a_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key's worker waits PLACE_AFTER before reading where its hits belong; the next key
    must free that thread at once. Sleeping workers once filled the executor's six threads,
    and the seventh key's hits waited until one woke: here, 10 s; in real typing, 15-22 ms
    of the slowest key presses at 1M records (benchmarks/bench_search_ui.py)."""
    monkeypatch.setattr(search_module, "PLACE_AFTER", 10.0)
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        waited = []
        for typed in itertools.accumulate("palmira tnaks"):
            await pilot.press("space" if typed[-1] == " " else typed[-1])
            deadline = time.monotonic() + 5
            while hit_list(app).shown_query != typed and time.monotonic() < deadline:
                await pilot.pause(0.01)
            assert hit_list(app).shown_query == typed, f"no hits for {typed!r} after 5 s"
            if any(hit.kind != "article" for hit in hit_list(app).hits):
                waited.append(typed)  # this key's worker now waits to place its hits
        assert len(waited) > 6, waited  # more than the executor's threads on two cores
        assert hit_list(app).hits[0].kind == "claim"
        await pilot.press("ctrl+u")  # an empty line cancels the last wait too


@sync
async def test_a_query_longer_than_the_line_scrolls_to_show_its_end(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        words = "palmyra tanks seized by the fighters near the ancient city walls oryx"
        await search_for(pilot, words)
        query_line = screen_text(app).splitlines()[2]  # under the header and the box's top
        assert "walls oryx" in query_line and "palmyra" not in query_line
        await pilot.press("home")
        await settle(pilot)
        query_line = screen_text(app).splitlines()[2]
        assert "palmyra tanks" in query_line and "oryx" not in query_line


@sync
async def test_lines_kept_from_the_last_key_read_as_if_drawn_anew(tmp_path: Path) -> None:
    """Each key repaints only the hit lines that changed: what stays must still be right."""
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "")
        hits = hit_list(app)
        for key in [
            *"palmyr",
            "a",
            "space",
            *"tnks",
            "backspace",
            "backspace",
            *"aks",
            "down",
            "down",
            "backspace",
            "s",
        ]:
            await pilot.press(key)
            await settle(pilot)
            kept = kept_lines(hit_list(app))
            assert await drawn_anew(pilot, hit_list(app)) == kept, key
        assert hits.shown_query == "palmyra tnaks" and len(hits.hits) >= 2
        # The same hits again with the cursor one down: only the cursor's lines differ.
        await pilot.press("down")
        await settle(pilot)
        screen = search_screen(app)
        again = SearchResult.of(hits.hits)
        screen.on_search_screen_results(SearchScreen.Results(hits.shown_query, again))
        await pilot.pause()
        kept = kept_lines(hit_list(app))
        assert await drawn_anew(pilot, hit_list(app)) == kept
        assert hits.cursor == 0


@sync
async def test_the_list_scrolls_as_far_as_its_hits_after_the_terminal_shrinks(
    tmp_path: Path,
) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "claims")
        hits = hit_list(app)
        lines = len(hits.hits) * 2
        assert 8 < lines < hits.size.height and hits.max_scroll_y == 0
        await pilot.resize_terminal(SIZE[0], 12)
        await until(pilot, lambda: 0 < hits.size.height < lines)
        # no blank lines to scroll to
        await until(pilot, lambda: hits.max_scroll_y == lines - hits.size.height)
        await pilot.resize_terminal(*SIZE)
        await until(pilot, lambda: hits.max_scroll_y == 0)


@sync
async def test_typing_a_figure_filter_shows_no_error_before_its_number(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "claims")
        for key in ["space", *"qty:>", "equals_sign", "2"]:
            await pilot.press(key)
            await settle(pilot)
            typed = search_screen(app).current_query
            assert "not a figure filter" not in screen_text(app), typed
            if ":" in typed:  # "claims q", "claims qt" are words being typed, found or not
                assert hit_list(app).hits, typed
        assert all(hit.kind == "claim" for hit in hit_list(app).hits)  # qty: keeps claims
        await pilot.press("space")  # finished: now a wrong figure is one
        await pilot.press(*"qty:>x")
        await settle(pilot)
        assert "qty:>x is not a figure filter" in screen_text(app)


def bar_column(app: ClaimdeskApp) -> str:
    """The hit list's last column as the terminal shows it, top to bottom."""
    hits = hit_list(app)
    region = hits.region
    rows = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "".join(strip.text[region.right - 1] for strip in rows)


@sync
async def test_starting_a_word_or_a_filter_never_flashes_no_matches(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "palmira")
        shown = [hit.id for hit in hit_list(app).hits]
        assert shown
        await pilot.press("space", "q")  # the first letter of a next word
        await settle(pilot)
        assert search_screen(app).current_query == "palmira q"
        assert [hit.id for hit in hit_list(app).hits] == shown
        assert "No matches" not in screen_text(app)
        await pilot.press("ctrl+u", *"qty:>")  # a figure filter without its figure yet
        await settle(pilot)
        assert "No matches" not in screen_text(app)
        assert "Keep typing" in screen_text(app)
        await pilot.press("4", "0", "space")
        await settle(pilot)
        assert hit_list(app).hits and all(hit.kind == "claim" for hit in hit_list(app).hits)
        headlines = [line for line in screen_text(app).splitlines() if " CLAIM " in line]
        assert headlines and not any(line.rstrip(" █").endswith(" 0") for line in headlines)


@sync
async def test_the_scroll_bar_follows_the_number_of_hits_and_the_cursor(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=(SIZE[0], 14)) as pilot:
        await search_for(pilot, "")
        hits = hit_list(app)
        width = hits.size.width
        for query, more_than_fit in (
            ("palmyra", True),
            ("claims", True),
            ("oryx", False),
            ("palmyra", True),
        ):
            await pilot.press("ctrl+u", *query)
            await settle(pilot)
            lines = len(hits.hits) * 2
            assert (lines > hits.size.height) == more_than_fit, (query, lines)
            assert hits.size.width == width, query  # the hits never change width
            bar = bar_column(app)
            if more_than_fit:  # a thumb at the top, as tall as the share of lines in view
                thumb = round(hits.size.height**2 / lines)
                assert bar == THUMB * thumb + " " * (len(bar) - thumb), query
            else:
                assert THUMB not in bar, query
            assert hits.max_scroll_y == max(lines - hits.size.height, 0), query
        await pilot.press("tab", "end")  # the last hit: the thumb reaches the bottom
        await settle(pilot)
        assert hits.scroll_y == hits.max_scroll_y > 0
        assert bar_column(app).endswith(THUMB) and not bar_column(app).startswith(THUMB)


@sync
async def test_the_mouse_scrolls_the_hits_with_the_wheel_and_the_bar(tmp_path: Path) -> None:
    app = make_app(sample_store(tmp_path), tmp_path)
    async with app.run_test(size=(SIZE[0], 14)) as pilot:
        await search_for(pilot, "claims")
        hits = hit_list(app)
        assert hits.max_scroll_y > 0 and hits.scroll_y == 0
        await pilot._post_mouse_events([events.MouseScrollDown], HitList, (5, 1))
        await settle(pilot)
        assert hits.scroll_y > 0
        await pilot.click(HitList, offset=(hits.size.width - 1, 0))  # the bar's top
        await settle(pilot)
        assert hits.scroll_y == 0 and hits.cursor == 0  # a click there does not pick a hit
        await pilot.click(HitList, offset=(hits.size.width - 1, hits.size.height - 1))
        await settle(pilot)
        assert hits.scroll_y == hits.max_scroll_y
        assert bar_column(app).endswith(THUMB)


def test_a_thumb_is_as_tall_as_the_view_and_as_far_down() -> None:
    assert scroll_thumb(10, 10, 0) == range(0)  # everything fits: no bar
    assert scroll_thumb(10, 40, 0) == range(0, 2)
    assert scroll_thumb(10, 40, 30) == range(8, 10)  # at the end
    assert scroll_thumb(10, 40, 15) == range(4, 6)
    assert scroll_thumb(10, 1000, 500) == range(5, 6)  # never less than a row
    assert scroll_thumb(0, 40, 0) == range(0)


@sync
async def test_opening_search_reads_the_store_file_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(search_service, "prefetch", asked.append)
    store = sample_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert asked == []
        await pilot.press("slash")
        await settle(pilot)
        assert asked == [store.path]
        await pilot.press("escape", "slash")  # again: the OS may have let it go meanwhile
        await settle(pilot)
        assert asked == [store.path, store.path]


@sync
async def test_a_snippet_cut_for_where_it_belongs_keeps_what_matched_and_says_it_is_cut(
    tmp_path: Path,
) -> None:
    """At 80 columns a claim's claimant matched "bank", and the line also says which article
    it is in: the claimant was cut silently before the matched word ("claimant: Chairwoman of
    Ukraine's Central · in Biggest money laund…", read as the whole claimant)."""
    from store.claims import extract_claims
    from store.records import DocumentDraft

    draft = DocumentDraft(
        title="Biggest money laundering scheme in history uncovered in Ukraine",
        body="The Chairwoman of Ukraine’s Central Bank says Igor Kolomoisky and "
        "Gennady Bogolyubov stole $5.5B outright.",
        source="laundering.html",
    )
    draft.claims = extract_claims(draft)  # as the import does
    store = Store.open(str(tmp_path / "s.sqlite3"))
    store.add_documents([draft])
    app = make_app(store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_for(pilot, "ukrane bank")
        await until(pilot, lambda: "claimant:" in screen_text(app))
        line = next(line for line in screen_text(app).splitlines() if "claimant:" in line)
        assert "claimant: Chairwoman of Ukraine’s Central Bank" in line, line
        assert " · in Biggest" in line, line  # and where it belongs, cut if need be
