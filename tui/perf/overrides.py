"""Every place claimdesk overrides Textual's own behaviour, with the figure that earns it.

Each override here was kept because ``benchmarks/bench_search_ui.py`` (keystroke to painted
hits, at 100k and 1M records) showed it to matter; ``tests/app/test_textual_overrides.py``
fails when a Textual upgrade takes away what one relies on. Nothing else in claimdesk reaches
into Textual's internals. (The frame rate is a setting, not an override: see
:mod:`tui.perf.textual_settings`.)

Removed after measuring, as too small to keep beside Textual's own code: a hand-written
``Strip.crop_extend`` for the hit lines (0.2 ms of a frame's drawing at the median, 0.7 at
p95, 1M records) and a self-drawn search status line (0.3–0.6 ms of the frames that show a new
count).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView


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
    return Reactive(Size(0, 0), layout=False)


class OwnScrollBarView(ScrollView):
    """A scroll view that draws its own scroll bar in its lines (see
    :mod:`tui.app.widgets.hit_list`), with ``overflow-y: hidden`` so Textual draws none.

    Textual lets the mouse wheel scroll only a widget that shows Textual's bar; this one says
    it may scroll whenever its lines overflow. Textual's bar appearing and going as the number
    of hits crossed a screenful laid the screen out twice and redrew the list, 4–12 ms in 230
    of the 620 frames at 1M records, and moving its thumb redrew it (≈2 ms).
    """

    @property
    def allow_vertical_scroll(self) -> bool:
        return not self.disabled and self.max_scroll_y > 0
