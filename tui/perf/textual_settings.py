"""Settings Textual reads from the environment when it is first imported: the same in the app
(:func:`tui.commands.opening.open_app`), the benchmarks and the tests (``tests/conftest.py``).

This module imports nothing of Textual, so that it can run before Textual does.
"""

from __future__ import annotations

import os

FRAMES_PER_SECOND = "1000"
"""``TEXTUAL_FPS``, the same in the app and in the tests.

Textual repaints at most 60 times a second by default, so search results that arrive just
after a frame wait 17–21 ms for the next one. At 240 a key press was painted with its results
in 14 / 24 ms (median / p95) instead of 28 / 45 ms; at 1000 the results wait ≤ 1 ms, and the
p95 at a million records fell from 18.4–22.4 ms to 17.2–20.7 (three runs each of
``benchmarks/bench_search_ui.py --db``). Textual paints only when something changed, so this
is a ceiling, not a rate; its animations keep their own 60. Textual reads ``TEXTUAL_FPS`` once,
when it is first imported, so this must run before that."""


def configure_textual() -> None:
    """Settings Textual reads at import time; a value the user set in the environment wins."""
    os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)
