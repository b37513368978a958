"""Every place claimdesk changes how Textual itself behaves, with the figure that earns it.

Each setting or override here was kept because ``benchmarks/bench_search_ui.py`` (keystroke to
painted hits, at 100k and 1M records) showed it to matter; each has a test in
``tests/app/test_textual_overrides.py`` that fails when a Textual upgrade changes what it
relies on. Nothing else in claimdesk reaches into Textual's internals.

This module must not import Textual at its top: :func:`configure_textual` runs before Textual
is first imported (the command line, and ``tests/conftest.py`` for the tests).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.reactive import Reactive

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


def repaint_only_virtual_size() -> Reactive[Size]:
    """A ``virtual_size`` whose change repaints the widget but does not lay out the screen.

    Every widget's ``virtual_size`` asks for a layout of the whole screen when it changes.
    Two widgets change it on every key press although their own size never changes:

    - the query line (``Input`` sets it to the text's width at each key): without that layout
      the interface's share of a key press at 1M records fell from a median 5.1–5.9 ms to
      2.6–3.6 ms (timed to the hit list's first drawn line);
    - the hit list (its number of lines): with its own scroll bar (see
      :mod:`tui.app.widgets.hit_list`) a new number of hits no longer lays the screen out
      twice and redraws the list, 4–12 ms in 230 of the 620 frames of the 1M run.
    """
    from textual.geometry import Size
    from textual.reactive import Reactive

    return Reactive(Size(0, 0), layout=False)
