"""Search hits, two lines each, drawn with the line API (no widget per hit).

Line one: a mark, the kind's badge (ARTICLE / CLAIM / COMMENT), the record's headline and its
score; line two: the field that matched and the snippet, with the matched words highlighted.
The list is replaced whole on every key press, so building it must cost next to nothing: the
hits arrive as plain :class:`SearchHit` data and each line is turned into segments only when
it is on screen.

The list draws its own scroll bar in its last column (see :func:`scroll_thumb`) rather than
Textual's: that one appears and goes as the number of hits crosses a screenful, and each time
the whole screen is laid out twice and the list drawn again at its new width (4–12 ms, in 230
of the 620 frames of the 1M-record benchmark), and moving its thumb redraws it (≈2 ms).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import ClassVar, Literal

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.strip import Strip

from store.safe_text import one_line, printable
from store.search.hits import SearchHit
from tui.app.widgets.cursor_keys import cursor_bindings
from tui.perf.overrides import OwnScrollBarView, repaint_only_virtual_size

LINES_PER_HIT = 2

_Spans = tuple[tuple[int, int], ...]
_Headline = tuple[Literal["headline"], str, str, str, bool, bool, str, _Spans]
"""A hit's first line: kind, headline text, score as shown, cursor on it, marked, bar, and
the matched spans when the headline shows the snippet (its text's start)."""
_Snippet = tuple[Literal["snippet"], str, str, _Spans, bool, str, str]
"""A hit's second line: the field, its snippet ("" when the headline shows it), the matched
spans, cursor on it, bar, and where the record belongs ("in <article>")."""
_Message = tuple[Literal["message"], str, str, str]
_Blank = tuple[Literal["blank"], str]
_Shape = _Headline | _Snippet | _Message | _Blank
"""What one row of the list shows; its last item is the scroll bar's cell there."""
MATCH_STYLE = "bold #000000 on #5fd7ff"
"""Matched words, here and in the reader's body (claims there are yellow; matches cyan)."""
BADGE_WIDTH = 9
BADGES: dict[str, tuple[str, str]] = {
    "article": ("ARTICLE", "bold #000000 on #87afd7"),
    "claim": ("CLAIM", "bold #000000 on #ffaf5f"),
    "comment": ("COMMENT", "bold #000000 on #afd787"),
}
INDENT = 2 + BADGE_WIDTH + 1
MIN_CONTEXT = 14
"""The fewest cells "· in <article>" keeps when a snippet's line gives the rest to the snippet
so that its matched words show."""
BAR_WIDTH = 1
"""The scroll bar's column, always kept: the hits' width never changes with their number."""
THUMB = "█"
"""The thumb is a character, not only a colour: it shows in a terminal without colours too."""
HEADLINE_CHARS_PER_CELL = 4
"""Characters of a hit's text read per cell of headline: enough for runs of spaces and combining
marks, and a bounded amount of work however long the text is."""


class HitList(OwnScrollBarView, can_focus=True):
    """A cursor over a list of hits; tells its screen when one is opened."""

    BINDINGS: ClassVar[list[BindingType]] = [*cursor_bindings("hits", "hit")]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hit-list--cursor",
        "hit-list--marked",
        "hit-list--field",
        "hit-list--message",
        "hit-list--score",
        "hit-list--scrollbar",
        "hit-list--scrollbar-thumb",
    }

    DEFAULT_CSS = """
    HitList { overflow-x: hidden; overflow-y: hidden; height: 1fr; }
    HitList > .hit-list--scrollbar { background: $scrollbar-background; }
    HitList > .hit-list--scrollbar-thumb {
        color: $scrollbar; background: $scrollbar-background;
    }
    HitList > .hit-list--cursor { background: $block-cursor-blurred-background; }
    HitList:focus > .hit-list--cursor { background: $block-cursor-background; }
    HitList > .hit-list--marked { color: $accent; text-style: bold; }
    HitList > .hit-list--field { color: $text-muted; text-style: italic; }
    HitList > .hit-list--message { color: $text-muted; }
    HitList > .hit-list--score { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    virtual_size: Reactive[Size] = repaint_only_virtual_size()
    """A change only repaints: the list's size does not depend on it, and the scroll bar is
    drawn with the lines (:meth:`show` repaints the ones that change; the figure is in
    :func:`~tui.perf.overrides.repaint_only_virtual_size`)."""

    class Opened(Message):
        """The user asked to open ``hit`` (enter, or a double click)."""

        def __init__(self, hit: SearchHit) -> None:
            super().__init__()
            self.hit = hit

    def __init__(
        self, is_marked: Callable[[SearchHit], bool] | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.hits: Sequence[SearchHit] = ()
        self.shown_query = ""
        """The query these hits answer."""
        self.message = ""
        """Shown instead of hits when there are none (or the query was refused)."""
        self.message_style = ""
        self.context: dict[tuple[str, int], tuple[str, str]] = {}
        """Where each claim or comment hit belongs, shown on its second line."""
        self.is_marked = is_marked or (lambda _hit: False)
        self._palette: _Palette | None = None

    def show(
        self,
        query: str,
        hits: Sequence[SearchHit],
        message: str = "",
        message_style: str = "",
        context: dict[tuple[str, int], tuple[str, str]] | None = None,
    ) -> None:
        """Replace the list: ``hits`` for ``query``, or ``message`` when there are none.

        Only the lines that now read differently are repainted: typing one more letter often
        leaves the top hits as they were, and a line not repainted costs Textual nothing
        (about 40 % of the lines at 1M records, each 40–70 µs to draw).
        """
        before = self._visible_lines()
        scrolled = self.scroll_y != 0
        self.shown_query = query
        self.hits = hits
        self.message = message
        self.message_style = message_style
        self.context = context or {}
        self._fit_content()
        self.set_reactive(HitList.cursor, 0)  # no watcher: the repaint is decided below
        if scrolled:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.refresh()
            return
        width = self.size.width
        changed = [
            Region(0, y, width, 1)
            for y, (old, new) in enumerate(zip(before, self._visible_lines(), strict=True))
            if old != new
        ]
        if changed:
            self.refresh(*changed)

    def place(self, context: dict[tuple[str, int], tuple[str, str]]) -> None:
        """Say where the hits belong (read after they were shown): only the lines that now
        read differently are repainted."""
        before = self._visible_lines()
        self.context = context
        width = self.size.width
        for y, (old, new) in enumerate(zip(before, self._visible_lines(), strict=True)):
            if old != new:
                self.refresh(Region(0, y, width, 1))

    def _fit_content(self) -> None:
        """Make the scrollable size the hits' lines, but never fewer than the list shows."""
        self.virtual_size = Size(
            0, max(len(self.hits) * LINES_PER_HIT, self.size.height, LINES_PER_HIT)
        )

    def on_resize(self) -> None:
        self._fit_content()

    def _thumb(self) -> range:
        """The rows of the list where the scroll bar's thumb is (none when all lines fit)."""
        return scroll_thumb(self.size.height, self.virtual_size.height, int(self.scroll_y))

    @property
    def current_hit(self) -> SearchHit | None:
        return self.hits[self.cursor] if 0 <= self.cursor < len(self.hits) else None

    # -- drawing -----------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles are read once per frame and each combination made once: ``rich_style``
        # walks every ancestor, and a frame draws about 40 lines of new hits on every key press.
        self._palette = _Palette(self)
        try:
            return super().render_lines(crop)
        finally:
            self._palette = None

    def render_line(self, y: int) -> Strip:
        palette = self._palette or _Palette(self)
        return self._draw(self._describe(y, int(self.scroll_y), palette.thumb), palette)

    def _describe(self, y: int, top: int, thumb: range) -> _Shape:
        """Everything row ``y`` of the list draws (besides its width and the styles, whose
        changes repaint the whole list). :meth:`_draw` reads nothing else, so two equal
        shapes draw equal lines: :meth:`show` repaints only the rows whose shape changed."""
        bar = "thumb" if y in thumb else "track" if thumb else ""
        index, part = divmod(top + y, LINES_PER_HIT)
        if index >= len(self.hits):
            if top + y == 0 and self.message:
                return ("message", self.message, self.message_style, bar)
            return ("blank", bar)
        hit = self.hits[index]
        at_cursor = index == self.cursor
        context = _where(hit, self.context.get((hit.kind, hit.id)))
        shown = bool(context) and _snippet_is_headline(hit)
        if part == 0:
            return (
                "headline",
                hit.kind,
                hit.text,
                _score_text(hit),
                at_cursor,
                self.is_marked(hit),
                bar,
                hit.spans if shown else (),
            )
        if shown:
            return ("snippet", hit.field, "", (), at_cursor, bar, context)
        return ("snippet", hit.field, hit.snippet, hit.spans, at_cursor, bar, context)

    def _visible_lines(self) -> list[_Shape]:
        top, thumb = int(self.scroll_y), self._thumb()
        return [self._describe(y, top, thumb) for y in range(self.size.height)]

    def _draw(self, shape: _Shape, palette: _Palette) -> Strip:
        width = max(self.size.width - BAR_WIDTH, 0)
        segments: list[Segment] = []
        match shape:
            case ("headline", kind, text, score, at_cursor, marked, bar, spans):
                base = palette.cursor if at_cursor else palette.plain
                segments = self._headline(kind, text, score, width, base, palette, marked, spans)
            case ("snippet", field, snippet, spans, at_cursor, bar, context):
                base = palette.cursor if at_cursor else palette.plain
                segments = self._snippet(field, snippet, spans, base, palette)
                if context:
                    segments = self._with_context(segments, context, width, base, palette)
                segments = _cut(segments, width, base)
            case ("message", message, message_style, bar):
                base = (
                    palette.parsed(message_style)
                    if message_style
                    else palette.on(palette.plain, "hit-list--message")
                )
                segments = [Segment("  " + one_line(message), base)]
            case (_, bar):
                base = palette.plain
        return Strip(
            [*_fitted_segments(segments, width, base), palette.bar(bar)], width + BAR_WIDTH
        )

    def _headline(
        self,
        kind: str,
        text: str,
        score: str,
        width: int,
        base: Style,
        palette: _Palette,
        marked: bool,
        spans: _Spans = (),
    ) -> list[Segment]:
        if marked:
            base = palette.on(base, "hit-list--marked")
        label, badge_style = BADGES.get(kind, (kind.upper(), "reverse"))
        room = max(width - INDENT - len(score), 10)
        bold = palette.on(base, "bold")
        fitted = _fitted(text, room)
        if spans:
            shown = _highlighted(fitted, spans, bold, palette.on(bold, MATCH_STYLE))
        else:
            shown = [Segment(fitted, bold)]
        return [
            Segment("● " if marked else "  ", base),
            Segment(f" {label} ".center(BADGE_WIDTH), palette.on(base, badge_style)),
            Segment(" ", base),
            *shown,
            Segment(score, palette.on(base, "hit-list--score")),
        ]

    def _with_context(
        self, segments: list[Segment], context: str, width: int, base: Style, palette: _Palette
    ) -> list[Segment]:
        """The snippet line with where the record belongs: after the snippet, in the room a
        short snippet leaves, else in a third of the line (the snippet cut shorter for it);
        alone when the headline shows the snippet."""
        style = palette.on(base, "hit-list--field")
        used = sum(segment.cell_length for segment in segments)
        if used <= INDENT:  # no snippet of its own: the whole line says where
            return [Segment(" " * INDENT, base), Segment(_fitted(context, width - INDENT), style)]
        want = min(cell_len(context) + 3, max(width // 3, 20, width - used))
        keep = width - want
        if used > keep:  # the snippet is cut for the context: after what matched, if room
            needed = _match_end(segments, palette.on(base, MATCH_STYLE)) + 1
            if keep < needed <= width - MIN_CONTEXT:
                keep, want = needed, width - needed
        if keep < min(used, INDENT + 20):
            return segments  # too narrow for both: the snippet is what matched
        return [
            *_cut(segments, keep, base),
            Segment(" · ", style),
            Segment(_fitted(context, want - 3), style),
        ]

    def _snippet(
        self,
        field: str,
        snippet: str,
        spans: tuple[tuple[int, int], ...],
        base: Style,
        palette: _Palette,
    ) -> list[Segment]:
        """The snippet cut at the matched spans, each piece shown literally (no Rich ``Text``:
        a line of plain pieces needs none of its wrapping and justifying)."""
        match = palette.on(base, MATCH_STYLE)
        segments = [Segment(" " * INDENT, base)]
        if not snippet:
            return segments
        segments.append(Segment(f"{field}: ", palette.on(base, "hit-list--field")))
        cuts = sorted(
            {0, len(snippet), *(min(max(at, 0), len(snippet)) for span in spans for at in span)}
        )
        for start, end in itertools.pairwise(cuts):
            inside = any(low <= start and end <= high for low, high in spans)
            segments.append(Segment(printable(snippet[start:end]), match if inside else base))
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
            self.scroll_to(
                y=(new - self._hits_on_screen + 1) * LINES_PER_HIT, animate=False, immediate=True
            )
        self.refresh()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += self._hits_on_screen

    def action_page_up(self) -> None:
        self.cursor -= self._hits_on_screen

    def action_half_page_down(self) -> None:
        self.cursor += max(self._hits_on_screen // 2, 1)

    def action_half_page_up(self) -> None:
        self.cursor -= max(self._hits_on_screen // 2, 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.hits) - 1

    def action_open(self) -> None:
        hit = self.current_hit
        if hit is not None:
            self.post_message(self.Opened(hit))

    def on_click(self, event: events.Click) -> None:
        if event.x >= self.size.width - BAR_WIDTH and self._thumb():
            # On the scroll bar: show that part of the list, as a terminal's bar does.
            share = event.y / max(self.size.height - 1, 1)
            self.scroll_to(y=round(share * self.max_scroll_y), animate=False, immediate=True)
            return
        index = (int(self.scroll_y) + event.y) // LINES_PER_HIT
        if index < len(self.hits):
            self.cursor = index
            if event.chain >= 2:
                self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


def scroll_thumb(shown: int, lines: int, top: int) -> range:
    """The rows, of ``shown``, that the thumb of a scroll bar covers when the view starts at
    line ``top`` of ``lines``: as tall as the share of lines in view (at least one row), as
    far down as the view is. Empty when every line is in view."""
    if lines <= shown or shown < 1:
        return range(0)
    size = max(1, round(shown * shown / lines))
    start = round(top / (lines - shown) * (shown - size)) if top > 0 else 0
    start = min(max(start, 0), shown - size)
    return range(start, start + size)


def _match_end(segments: list[Segment], match: Style) -> int:
    """The cell after the last segment drawn in ``match`` (0 when none is)."""
    end = at = 0
    for segment in segments:
        at += segment.cell_length
        if segment.style == match:
            end = at
    return end


def _cut(segments: list[Segment], cells: int, style: Style) -> list[Segment]:
    """``segments`` in at most ``cells`` cells, ending in "…" (in ``style``) where cut: a
    snippet cut silently read as if it ended there ("…claimant: Chairwoman of Ukraine's
    Central" for "…Central Bank")."""
    if sum(segment.cell_length for segment in segments) <= cells:
        return segments
    return [*Strip(segments).crop(0, max(cells - 1, 0)), Segment("…", style)]


def _fitted_segments(segments: list[Segment], cells: int, pad: Style) -> list[Segment]:
    """``segments`` cut or padded (with ``pad``) to exactly ``cells`` cells, by Textual's
    ``Strip.crop_extend``.

    (A hand-written version that measured plain ASCII by its length saved 0.2 ms of a frame's
    drawing at the median and 0.7 at p95, 1M records: too little to keep beside Textual's.)
    """
    return list(Strip(segments).crop_extend(0, cells, pad))


def _where(hit: SearchHit, context: tuple[str, str] | None) -> str:
    """ "in <article>", "in Moose's comment · <article>", or "" (an article; or the snippet is
    the article's title already and the claim is not in a comment)."""
    if context is None:
        return ""
    author, title = context
    if hit.field == "article title":
        return f"in {author}'s comment" if author else ""
    return f"in {author}'s comment · {title}" if author else f"in {title}"


HEADLINE_FIELDS = {"article": "title", "claim": "claim text", "comment": "comment body"}
"""The field a kind's headline shows: a snippet of it from its start repeats the headline."""


def _snippet_is_headline(hit: SearchHit) -> bool:
    """True when the snippet is the start of the headline (a comment hit whose snippet is
    its body's first words): the headline then shows the matched words itself and the
    second line says where the record belongs, instead of the same text twice."""
    if HEADLINE_FIELDS.get(hit.kind) != hit.field or hit.snippet.startswith("…"):
        return False
    head = hit.snippet.removesuffix("…")
    return one_line(hit.text[: len(head) + 40]).startswith(head)


def _highlighted(text: str, spans: _Spans, plain: Style, match: Style) -> list[Segment]:
    """``text`` (already printable and fitted) with the ``spans`` it still holds in ``match``."""
    cuts = sorted({0, len(text), *(min(max(at, 0), len(text)) for span in spans for at in span)})
    return [
        Segment(
            text[start:end],
            match if any(low <= start and end <= high for low, high in spans) else plain,
        )
        for start, end in itertools.pairwise(cuts)
        if end > start
    ]


def _score_text(hit: SearchHit) -> str:
    """The score as a headline shows it (rounded: a hit whose score moves by less than one is
    drawn alike, and its line is not repainted); blank for a query of filters alone
    ("qty:>40"), whose hits are listed newest first and all score 0."""
    return f" {hit.score:3.0f}" if hit.score > 0 else "    "


def _fitted(text: str, cells: int) -> str:
    """``text`` on one line in exactly ``cells`` cells: cut with "…" or padded with spaces.

    Only what can show is measured. Rich measures text that is not plain ASCII character by
    character (grapheme by grapheme to cut it: 0.1 ms for a long Cyrillic comment), and a
    frame draws up to 17 headlines; most scripts take one cell a character, which is checked
    on the first ``cells`` characters alone.
    """
    line = one_line(text[: cells * HEADLINE_CHARS_PER_CELL])
    head = line[:cells]
    if cell_len(head) == len(head):
        if len(line) > cells:
            head = head[: cells - 1] + "…"
        return head + " " * (cells - len(head))
    # Wide or zero-width characters: measure and cut by cells.
    if cell_len(line) > cells:
        line = set_cell_size(line, cells - 1) + "…"
    return set_cell_size(line, cells)


class _Palette:
    """The list's styles for one frame: read from the CSS once, each combination made once."""

    def __init__(self, widget: HitList) -> None:
        self._widget = widget
        self.plain = widget.rich_style
        self.cursor = self.plain + widget.get_component_rich_style("hit-list--cursor")
        self._combined: dict[tuple[Style, str], Style] = {}
        self.thumb = widget._thumb()
        self._bar = {
            "thumb": Segment(THUMB, self.on(self.plain, "hit-list--scrollbar-thumb")),
            "track": Segment(" ", self.on(self.plain, "hit-list--scrollbar")),
            "": Segment(" ", self.plain),
        }

    def bar(self, part: str) -> Segment:
        """The scroll bar's cell: its ``thumb``, its ``track``, or none (all lines fit)."""
        return self._bar[part]

    def parsed(self, name: str) -> Style:
        return self.on(Style(), name)

    def on(self, base: Style, name: str) -> Style:
        """``base`` with a component class (``hit-list--…``) or a style string laid over it."""
        key = (base, name)
        style = self._combined.get(key)
        if style is None:
            extra = (
                self._widget.get_component_rich_style(name)
                if name.startswith("hit-list--")
                else Style.parse(name)
            )
            style = self._combined[key] = base + extra
        return style
