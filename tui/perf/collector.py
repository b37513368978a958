"""When Python's cycle collector may pause the app: between key presses, not during a search.

A full collection stops every thread for as long as it runs, and in the app it ran at the worst
moments: typing every prefix of 36 queries at 100k records (``benchmarks/bench_search_ui.py``)
set off 19 full collections of 10–31 ms each, one per 25 key presses, each delaying that key's
results — they were the slowest keystrokes of the run. Young collections (≤1 ms for the
youngest generation, ≤3 ms for the middle one) stay automatic.

So, once the app has started: what exists then (Textual, the screens, imported modules) lives
as long as the app and is frozen out of the collector's reach; automatic full collections are
turned off; and a full collection runs when no key or mouse event has come for
:data:`IDLE_SECONDS`. Garbage in reference cycles waits at most until the user pauses, which is
a few hundred kilobytes over hundreds of key presses.

Only what exists at start-up is frozen: a screen opened later and closed again holds reference
cycles (widgets and their parents) that a frozen object would keep forever.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_SECONDS = 1.0
"""Quiet time after the last input before a full collection runs."""
CHECK_SECONDS = 0.5
"""How often the app asks :meth:`IdleCollector.collect_if_idle`."""
NO_AUTOMATIC_FULL = 1_000_000_000
"""The oldest generation's threshold: collected after this many middle-generation runs, never."""


class IdleCollector:
    """Moves full garbage collections to the moments the user is not typing."""

    def __init__(
        self, idle_seconds: float = IDLE_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """``clock`` is the time in seconds (a test passes one it moves by hand)."""
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._last_input = clock()
        self._collected_since_input = True
        self._thresholds: tuple[int, int, int] | None = None
        self._froze = False

    def start(self) -> None:
        """Freeze what exists now and stop automatic full collections (call once, after the
        app has mounted its first screen).

        No collection first: at that point it costs ≈50 ms (80k objects) on the way to the
        first frame, to free the little start-up garbage that freezing keeps.

        A process that froze its own objects before the app started (the test suite does,
        once its modules are loaded) keeps its freeze as it is: the freeze is one per process,
        and ``stop`` could only undo all of it, the embedder's part too.
        """
        self._froze = gc.get_freeze_count() == 0
        if self._froze:
            gc.freeze()
        young, middle, _ = self._thresholds = gc.get_threshold()
        gc.set_threshold(young, middle, NO_AUTOMATIC_FULL)

    def stop(self) -> None:
        """Give the process its usual collector back (the app has ended)."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            if self._froze:
                gc.unfreeze()
                self._froze = False
            self._thresholds = None

    def input_seen(self) -> None:
        self._last_input = self._clock()
        self._collected_since_input = False

    def collect_if_idle(self) -> bool:
        """Run a full collection if the user has paused since the last one; True if it ran."""
        if self._collected_since_input or self._clock() - self._last_input < self.idle_seconds:
            return False
        gc.collect()
        self._collected_since_input = True
        return True
