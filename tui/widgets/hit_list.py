"""Search hits, two lines each, drawn with the line API (no widget per hit).

Line one: a mark, the kind's badge (ARTICLE / CLAIM / COMMENT), the record's headline and its
score; line two: the field that matched and the snippet, with the matched words highlighted.
The list is replaced whole on every key press, so building it must cost next to nothing: the
hits arrive as plain :class:`SearchHit` data and each line is turned into segments only when
it is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.safe_text import one_line
from store.search.hits import SearchHit
from tui.widgets.cursor_keys import cursor_bindings
from tui.widgets.highlight import Span, highlighted

LINES_PER_HIT = 2
MATCH_STYLE = "bold #000000 on #5fd7ff"
"""Matched words, here and in the reader's body (claims there are yellow; matches cyan)."""
BADGE_WIDTH = 9
BADGES: dict[str, tuple[str, str]] = {
    "article": ("ARTICLE", "bold #000000 on #87afd7"),
    "claim": ("CLAIM", "bold #000000 on #ffaf5f"),
    "comment": ("COMMENT", "bold #000000 on #afd787"),
}
INDENT = 2 + BADGE_WIDTH + 1


class HitList(ScrollView, can_focus=True):
    """A cursor over a list of hits; tells its screen when one is opened."""

    BINDINGS: ClassVar[list[BindingType]] = [*cursor_bindings("hits", "hit")]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hit-list--cursor", "hit-list--marked", "hit-list--field", "hit-list--message",
        "hit-list--score",
    }

    DEFAULT_CSS = """
    HitList { overflow-x: hidden; height: 1fr; }
    HitList > .hit-list--cursor { background: $block-cursor-blurred-background; }
    HitList:focus > .hit-list--cursor { background: $block-cursor-background; }
    HitList > .hit-list--marked { color: $accent; text-style: bold; }
    HitList > .hit-list--field { color: $text-muted; text-style: italic; }
    HitList > .hit-list--message { color: $text-muted; }
    HitList > .hit-list--score { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Opened(Message):
        """The user asked to open ``hit`` (enter, or a double click)."""

        def __init__(self, hit: SearchHit) -> None:
            super().__init__()
            self.hit = hit

    def __init__(self, is_marked: Callable[[SearchHit], bool] | None = None,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: Sequence[SearchHit] = ()
        self.shown_query = ""
        """The query these hits answer."""
        self.message = ""
        """Shown instead of hits when there are none (or the query was refused)."""
        self.message_style = ""
        self.is_marked = is_marked or (lambda _hit: False)
        self._styles: dict[str, Style] = {}

    def show(self, query: str, hits: Sequence[SearchHit], message: str = "",
             message_style: str = "") -> None:
        """Replace the list: ``hits`` for ``query``, or ``message`` when there are none."""
        self.shown_query = query
        self.hits = hits
        self.message = message
        self.message_style = message_style
        self.virtual_size = Size(0, max(len(hits), 1) * LINES_PER_HIT)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = 0
        self.refresh()

    @property
    def current_hit(self) -> SearchHit | None:
        return self.hits[self.cursor] if 0 <= self.cursor < len(self.hits) else None

    # -- drawing -----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = Style.parse(name)
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        line = int(self.scroll_y) + y
        index, part = divmod(line, LINES_PER_HIT)
        if not self.hits:
            if line == 0 and self.message:
                style = (self._style(self.message_style) if self.message_style else
                         self.get_component_rich_style("hit-list--message"))
                return Strip([Segment(set_cell_size("  " + one_line(self.message), width),
                                      style)])
            return Strip.blank(width, self.rich_style)
        if index >= len(self.hits):
            return Strip.blank(width, self.rich_style)
        hit = self.hits[index]
        base = self.rich_style
        if index == self.cursor:
            base += self.get_component_rich_style("hit-list--cursor")
        segments = self._headline(hit, width, base) if part == 0 else self._snippet(hit, base)
        return Strip(segments).crop_extend(0, width, base)

    def _headline(self, hit: SearchHit, width: int, base: Style) -> list[Segment]:
        marked = self.is_marked(hit)
        if marked:
            base += self.get_component_rich_style("hit-list--marked")
        label, badge_style = BADGES.get(hit.kind, (hit.kind.upper(), "reverse"))
        score = f" {hit.score:3.0f}"
        room = max(width - INDENT - len(score), 10)
        headline = one_line(hit.text)
        if cell_len(headline) > room:
            headline = set_cell_size(headline, room - 1) + "…"
        return [
            Segment("● " if marked else "  ", base),
            Segment(f" {label} ".center(BADGE_WIDTH), base + self._style(badge_style)),
            Segment(" ", base),
            Segment(set_cell_size(headline, room), base + Style(bold=True)),
            Segment(score, base + self.get_component_rich_style("hit-list--score")),
        ]

    def _snippet(self, hit: SearchHit, base: Style) -> list[Segment]:
        field = f"{hit.field}: "
        spans = [Span(start, end, MATCH_STYLE) for start, end in hit.spans]
        text = highlighted(hit.snippet, spans)
        segments = [Segment(" " * INDENT, base),
                    Segment(field, base + self.get_component_rich_style("hit-list--field"))]
        for piece in text.render(self.app.console):
            segments.append(Segment(piece.text, base + piece.style if piece.style else base))
        return segments

    # -- moving ------------------------------------------------------------------------------

    @property
    def _hits_on_screen(self) -> int:
        return max(self.size.height // LINES_PER_HIT, 1)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.hits) - 1))

    def watch_cursor(self, _old: int, new: int) -> None:
        top = int(self.scroll_y) // LINES_PER_HIT
        if new < top:
            self.scroll_to(y=new * LINES_PER_HIT, animate=False, immediate=True)
        elif new >= top + self._hits_on_screen:
            self.scroll_to(y=(new - self._hits_on_screen + 1) * LINES_PER_HIT, animate=False,
                           immediate=True)
        self.refresh()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += self._hits_on_screen

    def action_page_up(self) -> None:
        self.cursor -= self._hits_on_screen

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.hits) - 1

    def action_open(self) -> None:
        hit = self.current_hit
        if hit is not None:
            self.post_message(self.Opened(hit))

    def on_click(self, event: events.Click) -> None:
        index = (int(self.scroll_y) + event.y) // LINES_PER_HIT
        if index < len(self.hits):
            self.cursor = index
            if event.chain >= 2:
                self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
