"""Hold the screen's next frame while an answer is on its way, for a few milliseconds at most.

Typing a letter into the search line would otherwise paint twice: once for the letter, and
again when that query's hits arrive a few milliseconds later. The first frame shows the new
query above the old query's hits, and composing it (Textual's compositor runs in Python) takes
the interpreter away from the search thread at the moment it is working: at 1M records a
search's p95 was 15.6 ms of wall time for 12.0 ms of its own CPU time (bench_search_ui.py).
Holding the letter's frame until the hits come means one frame per key, showing a query and
its own hits.

The hold is bounded: if the answer takes longer than ``limit`` the letter is painted anyway,
so a slow search never makes typing feel stuck. Repeated holds while one is active do not
extend it: the deadline counts from the oldest unpainted key press.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from textual.app import App
from textual.timer import Timer

HOLD_LIMIT = 0.030
"""Seconds a key's echo may wait for its hits: below what a typist notices in a terminal."""


class FrameHold:
    """Suspends ``app``'s repaints between :meth:`hold` and :meth:`release` (or the deadline)."""

    def __init__(self, app: App[Any], limit: float = HOLD_LIMIT) -> None:
        self._app = app
        self._limit = limit
        self._batch: ExitStack | None = None
        self._deadline: Timer | None = None

    def hold(self) -> None:
        """Stop painting until :meth:`release`, or until the limit passes."""
        if self._batch is not None:
            return
        self._batch = ExitStack()
        self._batch.enter_context(self._app.batch_update())
        self._deadline = self._app.set_timer(self._limit, self.release, name="frame-hold")

    def release(self) -> None:
        """Paint what has changed (nothing happens if nothing is held)."""
        if self._deadline is not None:
            self._deadline.stop()
            self._deadline = None
        batch, self._batch = self._batch, None
        if batch is not None:
            batch.close()
