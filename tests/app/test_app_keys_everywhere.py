"""The app's keys on every screen the README names them for: `v` judges, `e` exports, `y` copies,
`o` opens the article's URL and `space` marks the claim under the cursor — in the claims list,
in the reader's claims pane and on a claim hit in search.

Each case drives the real app to the same claim (the "44 tanks" one) by keys, then presses one
key and checks what a user would see or get: the dialog, the saved status, the file, the
clipboard, the URL handed to the browser. Before the screens had a typed contract with the app,
the search screen failed all four app keys (its hit was never "the record under the cursor").
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from store.records import ClaimStatus
from store.store import Store
from tests.app_helpers import SIZE, filled_store, settle, sync
from tests.fixtures_store import TANKS
from tui.app import ClaimdeskApp
from tui.app.modals.export import ExportModal
from tui.app.modals.help import HelpModal
from tui.app.modals.judge import JudgeClaimModal
from tui.app.screens.browser import BrowserScreen
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.hit_list import HitList

ARTICLE_URL = "https://www.longwarjournal.org/archives/2016/12/jihadis-celebrate-capture.php"
NOW = datetime(2026, 11, 24, 23, 10)


async def claims_list(pilot: Pilot[None]) -> None:
    await pilot.press("2")  # the claims list; its first row is the tanks claim
    await settle(pilot)
    assert isinstance(pilot.app.screen, BrowserScreen)


async def reader_claims(pilot: Pilot[None]) -> None:
    await claims_list(pilot)
    await pilot.press("enter")  # the reader, on that claim in its claims pane
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReaderScreen)


async def search_hit(pilot: Pilot[None]) -> None:
    await pilot.press("slash", *"44", "space", *"tanks")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    hits = screen.query_one(HitList).hits
    index = next(i for i, hit in enumerate(hits) if hit.kind == "claim" and hit.text == TANKS)
    await pilot.press("tab", *["down"] * index)  # into the list, onto the claim hit
    assert screen.current_hit() == hits[index]


SCREENS: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "claims list": claims_list,
    "reader": reader_claims,
    "search hit": search_hit,
}


def tanks_claim_id(store: Store) -> int:
    return next(claim.id for claim in store.list_claims() if claim.text == TANKS)


def keys_app(store: Store, tmp_path: Path) -> ClaimdeskApp:
    return ClaimdeskApp(
        store,
        keymap_file=tmp_path / "keys.toml",
        export_dir=tmp_path / "exports",
        clock=lambda: NOW,
    )


@pytest.mark.parametrize("where", SCREENS)
@sync
async def test_v_judges_the_claim_under_the_cursor(tmp_path: Path, where: str) -> None:
    store = filled_store(tmp_path)
    app = keys_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await SCREENS[where](pilot)
        await pilot.press("v")
        assert isinstance(app.screen, JudgeClaimModal), app.screen
        assert app.screen.claim.text == TANKS
        await pilot.press("4", "enter")  # disputed
        await settle(pilot)
        judged = store.get_claim(tanks_claim_id(store))
        assert judged is not None and judged.status is ClaimStatus.DISPUTED


@pytest.mark.parametrize("where", SCREENS)
@sync
async def test_e_with_nothing_marked_exports_the_claim_under_the_cursor(
    tmp_path: Path, where: str
) -> None:
    app = keys_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await SCREENS[where](pilot)
        await pilot.press("e")
        assert isinstance(app.screen, ExportModal), app.screen
        assert app.screen.what == "the current claim (nothing is marked)"
        await pilot.press("j")
        await settle(pilot)
        written = list((tmp_path / "exports").glob("*.json"))
        assert len(written) == 1
        records = json.loads(written[0].read_text(encoding="utf-8"))
        assert [r["text"] for r in records if r["kind"] == "claim"] == [TANKS]


@pytest.mark.parametrize("where", SCREENS)
@sync
async def test_y_copies_the_claim_under_the_cursor(
    tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TMUX", raising=False)
    app = keys_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await SCREENS[where](pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard.startswith(f'> "{TANKS}" — Amaq'), app.clipboard
        assert app.clipboard.count("> ") == 1


@pytest.mark.parametrize("where", SCREENS)
@sync
async def test_o_opens_the_url_of_the_claims_article(
    tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    app = keys_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await SCREENS[where](pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == [ARTICLE_URL]


@pytest.mark.parametrize("where", SCREENS)
@sync
async def test_space_marks_the_claim_and_help_lists_the_app_keys(
    tmp_path: Path, where: str
) -> None:
    store = filled_store(tmp_path)
    app = keys_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await SCREENS[where](pilot)
        await pilot.press("space")
        assert list(app.marks) == [("claim", tanks_claim_id(store))]
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)
        ids = {row[2] for row in app.screen.rows}
        assert {"app.export", "app.copy", "app.open_url"} <= ids
        assert {"app.judge", "reader.judge"} & ids  # the reader judges its highlighted claim
        assert {"app.search", "search.focus_query"} & ids  # in search, / goes back to typing
