"""Helpers for Pilot tests: a filled store, an app on it, and what the terminal would show."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, ParamSpec

from rich.segment import Segment
from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from store.store import Store
from tests.fixtures_store import fill_store
from tests.template_stores import sqlite_copy
from tui.app import ClaimdeskApp
from tui.app.screens.browser import BrowserScreen
from tui.app.widgets.record_list import RecordList

SIZE = (120, 40)
P = ParamSpec("P")


def sync(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test with asyncio (no pytest async plugin is a dependency)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def filled_store(tmp_path: Path) -> Store:
    """A store with the three fixture articles (a copy of one filled once per process)."""
    return sqlite_copy(tmp_path / "app.sqlite3", "filled", fill_store)


def make_app(store: Store, tmp_path: Path) -> ClaimdeskApp:
    """The app as ``claimdesk`` builds it, with a keymap file inside the test's folder."""
    return ClaimdeskApp(store, keymap_file=tmp_path / "keys.toml")


def screen_segments(app: ClaimdeskApp) -> list[Segment]:
    """Every segment the terminal would receive for the current screen."""
    return [seg for strip in app.screen._compositor.render_strips() for seg in strip]


def screen_text(app: ClaimdeskApp) -> str:
    """The screen as plain lines of text, what a person would read."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def messages(app: ClaimdeskApp) -> list[str]:
    """Everything the app told the user: its toasts and its message line's messages."""
    return [str(n.message) for n in app._notifications] + app.said


def browser(app: ClaimdeskApp) -> BrowserScreen:
    screen = app.screen
    assert isinstance(screen, BrowserScreen)
    return screen


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages be handled."""
    for _ in range(3):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        await pilot.pause()


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal's bracketed paste does: one event,
    where typing a long file name key by key costs Pilot ≥ 40 ms a key."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def current_list(app: ClaimdeskApp) -> RecordList:
    return browser(app).current_list
