"""Helpers for Pilot tests: a filled store, an app on it, and what the terminal would show."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, ParamSpec

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList
from textual.worker import Worker, WorkerCancelled, WorkerFailed
from textual.worker_manager import WorkerManager

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


def kept_lines(widget: Widget) -> list[tuple[str, Style | None]]:
    """``widget``'s part of the screen as the terminal has it: its lines as last drawn, kept
    or not (only its own region: a cursor blinking elsewhere does not count)."""
    region = widget.region
    strips = widget.screen._compositor.render_strips()[region.y : region.bottom]
    return [(seg.text, seg.style) for strip in strips for seg in strip.crop(region.x, region.right)]


async def drawn_anew(pilot: Pilot[None], widget: Widget) -> list[tuple[str, Style | None]]:
    """``widget``'s lines all drawn again, nothing kept from before: equal to
    :func:`kept_lines` when each key repainted every line it changed."""
    widget.refresh()
    await pilot.pause()
    return kept_lines(widget)


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


class _StartCount:
    """How many workers any app of this process has started: a worker can start and finish
    inside one pause, and Textual forgets it once finished, so its absence afterwards says
    nothing; a count that did not move does."""

    started = 0


def _counted(add_worker: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(add_worker)
    def add(self: WorkerManager, worker: Worker[Any], *args: Any, **kwargs: Any) -> None:
        _StartCount.started += 1
        add_worker(self, worker, *args, **kwargs)

    return add


WorkerManager.add_worker = _counted(WorkerManager.add_worker)  # type: ignore[method-assign]


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages be handled: rounds of waiting for the running
    workers and a pause, until a round starts no new worker (at most three).

    One round is enough after most keys (no worker, or one whose result starts nothing), and
    each further round costs ≈ 5–8 ms of CPU (a pause posts a callback to every widget); a
    result that starts another worker (a search, then the article's details) gets its round.
    """
    for _ in range(3):
        started = _StartCount.started
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        await pilot.pause()
        if _StartCount.started == started and not pilot.app.workers:
            return


async def until(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run, its timers and workers too, until ``done()``; fail after ``seconds``
    with the screen in the message.

    For what takes the app more than one turn of messages (the terminal's new size reaches
    the app, the screen, then each widget whose size changed: on a loaded machine one pause
    can end between two of them) or a timer's tick (the store's change poller). The deadline
    only bounds a failure: a test that passes waits as long as the app needs, no longer.
    """
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            app = pilot.app
            assert isinstance(app, ClaimdeskApp)
            raise AssertionError(f"not done after {seconds} s; the screen:\n{screen_text(app)}")
        await asyncio.sleep(0.05)
        await settle(pilot)


async def palette_offers(pilot: Pilot[None], wanted: str) -> None:
    """Wait until the command palette's highlighted command reads ``wanted``: the palette
    searches its commands in a worker after each key, so a fixed pause was too short on a
    loaded machine and too long on a quiet one."""
    options = pilot.app.screen.query_one(OptionList)

    def offered() -> bool:
        index = options.highlighted
        return index is not None and wanted in str(options.get_option_at_index(index).prompt)

    await until(pilot, offered)


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal's bracketed paste does: one event,
    where typing a long file name key by key costs Pilot ≥ 40 ms a key."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def current_list(app: ClaimdeskApp) -> RecordList:
    return browser(app).current_list
