"""The reader's article text, mounted a window at a time so a multi-megabyte body opens at once.

One ``Static`` per paragraph made opening a 5 MB body take over a minute (issue 20, item 16):
Textual lays out, and so word-wraps, every mounted widget, and the body's ten thousand
paragraphs were all mounted and wrapped before the first frame. Here only a window of about
:data:`WINDOW` characters of paragraphs is mounted; scrolling near either end of it mounts the
next stretch, and scrolling to an offset outside it (a claim, a search match, ``g``/``G``) moves
the window there first.

Why paragraph widgets and not a line-based ``ScrollView`` with ``render_line``: such a view has
to know every wrapped line to size its scroll bar, so it wraps the whole body at each width
(the same cost again), or estimates heights and then corrects the scroll position. A window of
the same ``Static`` paragraphs keeps the rendering the reader always had (Rich ``Text``, never
markup, control characters as symbols, the same margins), and a body shorter than the window is
mounted whole, exactly as before. The price: on a long body the scroll bar measures the window,
not the whole text.

A paragraph longer than :data:`SPLIT_ABOVE` characters (an import with no blank lines) is
mounted in pieces of at most :data:`PIECE` cut at a line break, else at a space, so a window
never holds one giant widget and scrolling to a piece shows the offset in it; pieces of one
paragraph have no margin between them, so they read as one.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from tui.app.widgets.highlight import Paragraph, Span, highlighted, paragraphs, spans_in

WINDOW = 60_000
"""Characters of paragraphs mounted at a time (tens of screens); more are mounted on scrolling."""
SPLIT_ABOVE = 8_000
"""A paragraph longer than this is mounted in pieces (shorter ones whole, as they always were)."""
PIECE = 1_500
"""The most characters a piece holds: about a screen at 60 columns, so a claim's piece at the
top of the view shows the claim."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A paragraph, or a part of a long one; ``continued``: more of its paragraph follows."""

    paragraph: Paragraph
    continued: bool


def pieces(body: str, size: int = PIECE) -> Iterator[Piece]:
    """The body's paragraphs, ones over SPLIT_ABOVE cut into parts of at most ``size``."""
    for paragraph in paragraphs(body):
        text, at = paragraph.text, 0
        while len(text) > SPLIT_ABOVE and len(text) - at > size:
            cut = text.rfind("\n", at + 1, at + size)
            if cut < 0:
                cut = text.rfind(" ", at + 1, at + size)
            if cut < 0:
                cut = at + size
            yield Piece(Paragraph(paragraph.start + at, text[at:cut]), continued=True)
            at = cut + 1 if text[cut] in "\n " else cut
        yield Piece(Paragraph(paragraph.start + at, text[at:]), continued=False)


class ArticleBody(VerticalScroll):
    """The article's head and a window of its paragraphs (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="reader.body.down"),
        Binding("k", "scroll_up", "Up", show=False, id="reader.body.up"),
        Binding("g", "scroll_home", "Top", show=False, id="reader.body.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="reader.body.bottom"),
        Binding("ctrl+d", "half_down", "Half a page down", show=False, id="reader.body.half_down"),
        Binding("ctrl+u", "half_up", "Half a page up", show=False, id="reader.body.half_up"),
    ]

    def __init__(self, head: Static, *, id: str | None = None) -> None:
        super().__init__(head, id=id)
        self.head = head
        self._pieces: list[Piece] = []
        self._starts: list[int] = []
        self._spans: Sequence[Span] = ()
        self._lo = self._hi = 0
        self._mounted: dict[int, Static] = {}
        """The window's widgets by piece index (no ids: a new window may hold an old one's
        pieces while the old widgets are still being removed)."""
        self._growing = False
        self._pinned: int | None = None
        """The piece the reader asked to see at the top, until the user scrolls: kept there
        while the text's wrapping still changes (a scroll bar appearing after the scroll
        narrows the text by two cells and one more line pushed the view one line short)."""

    # -- what is shown -----------------------------------------------------------------------

    def show(self, body: str, spans: Sequence[Span]) -> None:
        """Show ``body`` from its start with ``spans`` highlighted."""
        self._pieces = list(pieces(body))
        self._starts = [p.paragraph.start for p in self._pieces]
        self._spans = spans
        self._place(0)

    def restyle(self, spans: Sequence[Span]) -> None:
        """Highlight ``spans`` instead (claims and matches are body offsets)."""
        self._spans = spans
        for index in range(self._lo, self._hi):
            self._widget(index).update(self._text(index))

    def scroll_to_offset(self, offset: int) -> None:
        """Put the paragraph holding body offset ``offset`` at the top of the view."""
        if not self._pieces:
            return
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        self._pinned = index
        if self._lo <= index < self._hi:
            self._scroll_to_piece(index)
            return
        self._place(index)
        self._settled(lambda: self._scroll_to_piece(index))

    def offset_at_top(self) -> int:
        """The body offset of the paragraph (or piece) at the top of the view: where the
        reader's visual mode starts selecting."""
        for index in range(self._lo, self._hi):
            region = self._widget(index).virtual_region
            if region.y + region.height > self.scroll_y:
                return self._pieces[index].paragraph.start
        return self._pieces[self._lo].paragraph.start if self._pieces else 0

    def _scroll_to_piece(self, index: int) -> None:
        if self._lo <= index < self._hi:
            self.scroll_to_widget(self._widget(index), animate=False, top=True)

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        if self._pinned is not None and old.height != new.height:
            self._scroll_to_piece(self._pinned)

    def on_key(self, _event: events.Key) -> None:
        self._pinned = None  # a key pressed here moves the view as the user chooses

    def on_mouse_down(self, _event: events.MouseDown) -> None:
        self._pinned = None  # the scroll bar taken with the mouse

    def on_mouse_scroll_down(self, _event: events.MouseScrollDown) -> None:
        self._pinned = None

    def on_mouse_scroll_up(self, _event: events.MouseScrollUp) -> None:
        self._pinned = None

    def action_half_down(self) -> None:
        self.scroll_relative(y=max(self.size.height // 2, 1), animate=False)

    def action_half_up(self) -> None:
        self.scroll_relative(y=-max(self.size.height // 2, 1), animate=False)

    def action_scroll_home(self) -> None:
        if self._lo > 0:
            self._place(0)
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        if self._hi < len(self._pieces):
            self._place(self._window_start_before(len(self._pieces)))
            self._settled(lambda: self.scroll_end(animate=False, immediate=True))
            return
        self.scroll_end(animate=False)

    def _settled(self, scroll: Callable[[], object], layouts: int = 3) -> None:
        """``scroll`` after each of the next ``layouts`` refreshes: a freshly mounted window's
        height settles over more than one layout (one scroll to its end stopped 5 lines short)."""
        if layouts:
            self.call_after_refresh(scroll)
            self.call_after_refresh(self._settled, scroll, layouts - 1)

    # -- the window --------------------------------------------------------------------------

    def _text(self, index: int) -> Text:
        paragraph = self._pieces[index].paragraph
        return highlighted(paragraph.text, spans_in(paragraph, self._spans))

    def _widget(self, index: int) -> Static:
        return self._mounted[index]

    def _make(self, index: int) -> Static:
        piece = self._pieces[index]
        classes = "paragraph continued" if piece.continued else "paragraph"
        widget = self._mounted[index] = Static(self._text(index), classes=classes)
        return widget

    def _window_end_after(self, start: int, size: int = WINDOW) -> int:
        """The index after the pieces from ``start`` that hold about ``size`` characters."""
        end, held = start, 0
        while end < len(self._pieces) and (held < size or end == start):
            held += len(self._pieces[end].paragraph.text)
            end += 1
        return end

    def _window_start_before(self, end: int, size: int = WINDOW) -> int:
        """The first index of the pieces before ``end`` that hold about ``size`` characters."""
        start, held = end, 0
        while start > 0 and held < size:
            start -= 1
            held += len(self._pieces[start].paragraph.text)
        return start

    def _place(self, index: int) -> None:
        """Mount a fresh window starting a little before piece ``index``."""
        self.query(".paragraph").remove()
        self._mounted = {}
        self._lo = self._window_start_before(index, WINDOW // 4) if index else 0
        self._hi = self._window_end_after(index)
        self.head.display = self._lo == 0
        self.mount_all(self._make(i) for i in range(self._lo, self._hi))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._growing or not self._pieces:
            return
        screen = max(1, self.size.height)
        if self._hi < len(self._pieces) and new >= self.max_scroll_y - screen:
            self._grow_down()
        elif self._lo > 0 and new <= screen:
            self._grow_up()

    def _grow_down(self) -> None:
        end = self._window_end_after(self._hi, WINDOW // 2)
        self.mount_all(self._make(i) for i in range(self._hi, end))
        self._hi = end

    def _grow_up(self) -> None:
        """Mount the stretch before the window, keeping the text in view where it is."""
        first = self._widget(self._lo)
        into = self.scroll_y - first.virtual_region.y
        start = self._window_start_before(self._lo, WINDOW // 2)
        self.mount_all((self._make(i) for i in range(start, self._lo)), before=first)
        self._lo = start
        self.head.display = start == 0
        self._growing = True

        def keep_in_place() -> None:
            self.scroll_to(y=first.virtual_region.y + into, animate=False, immediate=True)

        self._settled(keep_in_place)
        self._settled(self._stop_growing, layouts=1)

    def _stop_growing(self) -> None:
        self._growing = False
