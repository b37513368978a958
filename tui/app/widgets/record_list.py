"""A list of any length that reads its rows a page at a time, in thread workers.

Textual's ``DataTable`` wants every row up front (6 s to first paint at 100k rows); this widget
uses the line API instead: its virtual height is the row count, ``render_line`` draws only the
lines on screen from a small cache of pages, and pages that are missing are fetched by a thread
worker that posts them back. Rows not yet read show as a dim placeholder for a frame or two.
The first line is the column header, pinned while the rows scroll; clicking a title sorts.

The widget knows nothing of the store: it is given a :class:`RecordSource` and
:class:`Column` descriptions, and it tells its screen what happens through messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from store.safe_text import one_line
from tui.app.widgets.cursor_keys import cursor_bindings

PAGE_SIZE = 100
CACHED_PAGES = 40
"""At most 4,000 records held per list, whatever the store's size."""


class RecordSource(Protocol):
    """Where a list's rows come from. Called only from worker threads, so it may block."""

    def count(self, column: str, descending: bool) -> int:
        """How many rows the list has now (a read of the list starts here)."""
        ...

    def page(
        self, column: str, descending: bool, offset: int, limit: int, total: int
    ) -> Sequence[Any]: ...

    def ids(self, column: str, descending: bool) -> Sequence[int]:
        """Every row's id in this order: what "mark all" marks, without reading records."""
        ...

    def position(self, column: str, descending: bool, record_id: int) -> int | None:
        """The row index of ``record_id`` in this order now (None: not in the list)."""
        ...


EMPTY_TEXT = "(nothing here yet: i imports files or a folder, R refreshes the feeds)"
"""What an empty list says when no filter narrows it."""

FLEX_MIN = 20
"""The fewest cells the text column (a claim, a title, a comment) is given, however narrow."""
FLEX_WANT = 60
"""The text column's share before the other columns grow past their minimum: a readable
line of a claim. Beyond it, every cell goes first to the other columns' content (claimant,
article title up to their ``maximum``), then back to the text."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its title, width (0 = the text column, which takes the room left), cell
    text and sort key.

    ``width`` is what the column takes before any row is read; once rows are read it is as
    wide as its content (and title), between ``minimum`` and ``maximum`` (0: ``width``), and
    narrow terminals shrink it towards ``minimum`` (see :func:`fit_widths`).
    """

    title: str
    width: int
    cell: Callable[[Any], str]
    sort_key: str | None = None
    style: Callable[[Any], str] | None = None
    """A Rich style for the cell, from the record (e.g. a claim's status colour)."""
    right: bool = False
    """Right-align (numbers)."""
    minimum: int = 0
    maximum: int = 0

    @property
    def narrowest(self) -> int:
        return (self.minimum or self.width) if self.width else FLEX_MIN

    @property
    def widest(self) -> int:
        return max(self.maximum or self.width, self.narrowest)

    def natural(self, record: Any) -> int:
        """The cells this record's cell would take uncut (measured up to :attr:`widest`)."""
        return cell_len(one_line(self.cell(record)[: (self.widest + 1) * 4]))

    def text(self, record: Any, width: int) -> str:
        """The cell as one printable line of exactly ``width`` cells."""
        value = one_line(self.cell(record))
        if cell_len(value) > width:
            return cut(value, width)
        if self.right and cell_len(value) < width:
            value = " " * (width - cell_len(value)) + value
        return set_cell_size(value, width)


def fit_widths(columns: Sequence[Column], natural: Sequence[int | None], room: int) -> list[int]:
    """Each column's width in ``room`` cells (a space follows every column).

    The fixed columns want their content's width (``natural``, None before any row is read:
    their ``width``), held between their minimum and maximum. The text column gets at least
    :data:`FLEX_WANT` while the others can give up cells, the widest first, down to their
    minimum; whatever is left over after the others have their content goes to the text.
    At 80 columns the claim text gets about 35 cells and claimant and article shrink; at
    200 columns claimant and article titles show whole.
    """
    room -= len(columns)
    widths = [
        0
        if not c.width
        else max(
            c.narrowest, min(c.widest, max(n, cell_len(c.title)) if n is not None else c.width)
        )
        for c, n in zip(columns, natural, strict=True)
    ]
    flexible = [i for i, c in enumerate(columns) if not c.width]
    want = FLEX_WANT * len(flexible)
    excess = sum(widths) + want - room
    while excess > 0:
        shrinkable = [i for i, c in enumerate(columns) if c.width and widths[i] > c.narrowest]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    left = room - sum(widths)
    for number, i in enumerate(flexible):
        share = left // (len(flexible) - number)
        widths[i] = max(share, FLEX_MIN)
        left -= widths[i]
    return widths


@dataclass(frozen=True, slots=True)
class Sort:
    """The list's order: a sort key of one of its columns, and a direction."""

    column: str
    descending: bool = False


class RecordList(ScrollView, can_focus=True):
    """A sorted, paged list of records with a cursor and marks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *cursor_bindings("list", "row"),
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            id="list.sort",
            tooltip="Sort by the next column; press again to flip the direction",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-list--header",
        "record-list--cursor",
        "record-list--marked",
        "record-list--placeholder",
    }

    DEFAULT_CSS = """
    RecordList { overflow-x: hidden; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """Where the cursor is; :meth:`watch_cursor` repaints the two rows a move changes."""

    class Highlighted(Message):
        """The cursor moved to ``record`` (None while its page is still loading)."""

        def __init__(self, record_list: RecordList, record: Any | None) -> None:
            super().__init__()
            self.record_list = record_list
            self.record = record

    class Opened(Message):
        """The user asked to open ``record`` (enter or double click)."""

        def __init__(self, record_list: RecordList, record: Any) -> None:
            super().__init__()
            self.record_list = record_list
            self.record = record

    class Counted(Message):
        """The list learned how many rows it has."""

        def __init__(self, record_list: RecordList, total: int) -> None:
            super().__init__()
            self.record_list = record_list
            self.total = total

    class _PageLoaded(Message):
        def __init__(
            self,
            generation: int,
            number: int,
            records: Sequence[Any],
            natural: Sequence[int | None] = (),
        ) -> None:
            super().__init__()
            self.generation = generation
            self.number = number
            self.records = records
            self.natural = natural
            """Each fixed column's widest cell on this page (None for the text column)."""

    class Sorted(Message):
        """The user chose another order (a key, the header, the sort picker)."""

        def __init__(self, record_list: RecordList, sort: Sort) -> None:
            super().__init__()
            self.record_list = record_list
            self.sort = sort

    class _Refreshed(Message):
        """A whole read of the list: its count, where the cursor's record is now, and the
        pages around it, swapped in at once (no row blinks to a placeholder)."""

        def __init__(
            self,
            generation: int,
            total: int,
            cursor: int,
            pages: dict[int, Sequence[Any]],
            top: int,
            natural: Sequence[int | None] = (),
        ) -> None:
            super().__init__()
            self.generation = generation
            self.total = total
            self.cursor = cursor
            self.pages = pages
            self.top = top
            self.natural = natural
            """Each fixed column's widest cell on these pages (see :class:`_PageLoaded`)."""

    class _LoadFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(
        self,
        kind: str,
        columns: Sequence[Column],
        source: RecordSource,
        sort: Sort,
        is_marked: Callable[[Any], bool] | None = None,
        *,
        is_new: Callable[[Any], bool] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.columns = list(columns)
        self.source = source
        self.sort = sort
        self.is_marked = is_marked or (lambda _record: False)
        self.is_new = is_new or (lambda _record: False)
        """Whether a row arrived since the last open: drawn with an ``N`` and in bold."""
        self.total: int | None = None
        self.empty_text = EMPTY_TEXT
        """What an empty list says (a filtered one: that nothing matches)."""
        self._pages: LRUCache[int, Sequence[Any]] = LRUCache(CACHED_PAGES)
        """Pages read so far by number, the least recently used dropped (Textual's cache)."""
        self._generation = 0
        self._styles: dict[str, Style] = {}
        self._natural: list[int | None] = [None] * len(self.columns)
        """Each fixed column's widest cell on the pages read so far (grows, never shrinks,
        so the columns do not jump back and forth while scrolling)."""
        self._fitted: tuple[tuple[int, tuple[int | None, ...]], list[int]] | None = None
        """The last :func:`fit_widths` answer and what it was computed for."""
        self._focus_next: int | None = None
        """The record the next read puts the cursor on (:meth:`focus_on`), else the current."""
        self._on_top = False
        """The cursor is on the top row because the list was empty when records came (``R``,
        an import), not because the user chose that record: it stays on the top row as more
        arrive, rather than follow the first one down, until the user moves it."""

    # -- data --------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the list again (the store changed, the filter changed): the count, and the
        pages around the cursor, which stays on the record it is on wherever that record
        moved (on the same row of the screen), or on the same row number if it is gone; on
        the top row if it landed there when the list was empty (see ``_on_top``)."""
        self._generation += 1
        record = self.current_record
        anchor = self._focus_next
        if anchor is None and record is not None and not self._on_top:
            anchor = int(record.id)
        self._refresh_rows(
            self._generation,
            self.sort,
            anchor,
            self.cursor,
            self.cursor - int(self.scroll_y),
            self._rows_on_screen,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="count")
    def _refresh_rows(
        self,
        generation: int,
        sort: Sort,
        anchor: int | None,
        cursor: int,
        row_on_screen: int,
        rows: int,
    ) -> None:
        worker = get_current_worker()
        try:
            total = self.source.count(sort.column, sort.descending)
            found = (
                self.source.position(sort.column, sort.descending, anchor)
                if anchor is not None and total
                else None
            )
            cursor = max(0, min(found if found is not None else cursor, total - 1))
            top = max(0, cursor - max(0, min(row_on_screen, rows - 1)))
            pages: dict[int, Sequence[Any]] = {}
            if total:
                last = min(top + rows, total - 1)
                for number in sorted({top // PAGE_SIZE, last // PAGE_SIZE, cursor // PAGE_SIZE}):
                    if worker.is_cancelled:
                        return
                    pages[number] = self.source.page(
                        sort.column, sort.descending, number * PAGE_SIZE, PAGE_SIZE, total
                    )
        except Exception as error:  # a store error must become a message, not a crash
            self.post_message(self._LoadFailed(str(error)))
            return
        natural = self._page_natural([record for page in pages.values() for record in page])
        self.post_message(self._Refreshed(generation, total, cursor, pages, top, natural))

    def focus_on(self, record_id: int) -> None:
        """Read the list again with the cursor on ``record_id`` (a claim brought back by
        ``u``), wherever the order puts it; reads begun before it arrives keep it too."""
        self._focus_next = record_id
        self.reload()

    def on_record_list__refreshed(self, message: _Refreshed) -> None:
        if message.generation != self._generation:
            return
        self._focus_next = None
        if self.total == 0 and message.total:
            self._on_top = True
        self._pages.clear()
        for number, records in message.pages.items():
            self._keep_page(number, records)
        self._widen(message.natural)
        self.total = message.total
        self.virtual_size = Size(0, message.total + 1)
        self.scroll_to(y=message.top, animate=False, immediate=True)
        self.cursor = message.cursor
        self._fetch_visible()
        self.refresh()
        self.post_message(self.Counted(self, message.total))

    def _visible_pages(self) -> list[int]:
        if not self.total:
            return []
        first = int(self.scroll_y)
        last = min(first + max(self.size.height, 1), self.total - 1)
        wanted = {first // PAGE_SIZE, last // PAGE_SIZE, self.cursor // PAGE_SIZE}
        return sorted(n for n in wanted if n not in self._pages)

    def _fetch_visible(self) -> None:
        missing = self._visible_pages()
        if missing and self.total is not None:
            self._load_pages(self._generation, missing, self.sort, self.total)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pages")
    def _load_pages(self, generation: int, numbers: list[int], sort: Sort, total: int) -> None:
        # Exclusive: a newer scroll position cancels this run; pages it did not reach yet are
        # asked for again by the newer run if they are still on screen.
        worker = get_current_worker()
        for number in numbers:
            if worker.is_cancelled:
                return
            try:
                records = self.source.page(
                    sort.column, sort.descending, number * PAGE_SIZE, PAGE_SIZE, total
                )
            except Exception as error:  # see _refresh_rows
                self.post_message(self._LoadFailed(str(error)))
                return
            self.post_message(
                self._PageLoaded(generation, number, records, self._page_natural(records))
            )

    def _page_natural(self, records: Sequence[Any]) -> list[int | None]:
        """The widest cell of each fixed column on a page (in the worker: ~1 ms a page)."""
        return [
            max((c.natural(r) for r in records), default=0) if c.width else None
            for c in self.columns
        ]

    def _widen(self, natural: Sequence[int | None]) -> None:
        """Let each fixed column grow to the widest cell read so far (never shrink: a column
        does not jump narrower as the user scrolls)."""
        for i, width in enumerate(natural):
            if width is not None:
                self._natural[i] = max(self._natural[i] or 0, width)

    def on_record_list__page_loaded(self, message: _PageLoaded) -> None:
        if message.generation != self._generation:
            return
        self._keep_page(message.number, message.records)
        self._widen(message.natural)
        self.refresh()
        if message.number == self.cursor // PAGE_SIZE:
            self.post_message(self.Highlighted(self, self.current_record))

    def on_record_list__load_failed(self, message: _LoadFailed) -> None:
        self.notify(
            one_line(message.reason, 200),
            title="Cannot read the store",
            severity="error",
            markup=False,
        )

    def _keep_page(self, number: int, records: Sequence[Any]) -> None:
        # Textual's LRUCache.set leaves the value of a key it holds already: replace it.
        self._pages.discard(number)
        self._pages.set(number, records)

    def record_at(self, index: int) -> Any | None:
        """The record at row ``index`` if its page has been read, else None."""
        page = self._pages.get(index // PAGE_SIZE)
        if page is None or index % PAGE_SIZE >= len(page):
            return None
        return page[index % PAGE_SIZE]

    @property
    def current_record(self) -> Any | None:
        return self.record_at(self.cursor) if self.total else None

    def loaded_records(self) -> list[Any]:
        """Every record held in the cache, in list order (for select-all and tests)."""
        return [record for number in sorted(self._pages.keys()) for record in self._pages[number]]

    def replace_record(self, record: Any) -> None:
        """Show a changed record (a judged claim) wherever the cache holds it."""
        for number in list(self._pages.keys()):
            page = self._pages[number]
            if any(r.id == record.id for r in page):
                self._keep_page(number, [record if r.id == record.id else r for r in page])
        self.refresh()

    def set_sort(self, sort: Sort, chosen: bool = True) -> None:
        """Show the list in ``sort``, the cursor kept on its record; ``chosen``: the user
        picked it (the screen remembers it), not a saved order being restored."""
        self.sort = sort
        self.reload()
        self.refresh()
        if chosen:
            self.post_message(self.Sorted(self, sort))

    # -- drawing -----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = Style.parse(name)
        return self._styles[name]

    def _widths(self) -> list[int]:
        """The columns' widths at this size (computed once per size and content width)."""
        key = (self.size.width, tuple(self._natural))
        if self._fitted is None or self._fitted[0] != key:
            # Two cells for the mark; the last column's trailing space lies under the scroll bar.
            room = max(self.size.width - 2, 10)
            self._fitted = (key, fit_widths(self.columns, self._natural, room))
        return self._fitted[1]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._header(width)
        index = int(self.scroll_y) + y - 1
        if self.total is None or index >= self.total:
            if self.total == 0 and y == 1:
                return Strip(
                    [
                        Segment(
                            set_cell_size(f"  {self.empty_text}", width),
                            self.get_component_rich_style("record-list--placeholder"),
                        )
                    ]
                )
            return Strip.blank(width, self.rich_style)
        record = self.record_at(index)
        if record is None:
            style = self.get_component_rich_style("record-list--placeholder")
            return Strip([Segment(set_cell_size("  …", width), style)])
        return self._row(record, index, width)

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("record-list--header")
        segments = [Segment("  ", style)]
        for column, cell_width in zip(self.columns, self._widths(), strict=True):
            title = _fitted_title(column.title, cell_width, self._arrow(column))
            title = title.rjust(cell_width) if column.right else title
            segments.append(Segment(set_cell_size(title, cell_width) + " ", style))
        return Strip(segments).adjust_cell_length(width, style)

    def _arrow(self, column: Column) -> str:
        """▼ or ▲ on the column the list is sorted by, else nothing."""
        if column.sort_key is None or column.sort_key != self.sort.column:
            return ""
        return "▼" if self.sort.descending else "▲"

    def _row(self, record: Any, index: int, width: int) -> Strip:
        base = self.rich_style
        marked = self.is_marked(record)
        new = self.is_new(record)
        if marked:
            base += self.get_component_rich_style("record-list--marked")
        if new:
            base += self._style("bold")
        if index == self.cursor:
            base += self.get_component_rich_style("record-list--cursor")
        segments = [Segment("● " if marked else "N " if new else "  ", base)]
        for column, cell_width in zip(self.columns, self._widths(), strict=True):
            text = column.text(record, cell_width) + " "
            style = base + self._style(column.style(record)) if column.style else base
            segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(width, base)

    # -- moving ------------------------------------------------------------------------------

    @property
    def _rows_on_screen(self) -> int:
        return max(self.size.height - 1, 1)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, (self.total or 1) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        if new:
            self._on_top = False
        top = int(self.scroll_y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + self._rows_on_screen:
            self.scroll_to(y=new - self._rows_on_screen + 1, animate=False, immediate=True)
        self._fetch_visible()
        if int(self.scroll_y) == top:
            # Only the row the cursor left and the one it is on look different (a whole
            # repaint drew every row: a third of a j's CPU); rows sit one below their index,
            # under the header.
            self.refresh_line(old + 1)
            self.refresh_line(new + 1)
        else:
            self.refresh()
        self.post_message(self.Highlighted(self, self.current_record))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._fetch_visible()

    def on_resize(self, _event: events.Resize) -> None:
        self._fetch_visible()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.scroll_to(y=self.scroll_y + self._rows_on_screen, animate=False, immediate=True)
        self.cursor += self._rows_on_screen

    def action_page_up(self) -> None:
        self.scroll_to(y=self.scroll_y - self._rows_on_screen, animate=False, immediate=True)
        self.cursor -= self._rows_on_screen

    def action_half_page_down(self) -> None:
        half = max(self._rows_on_screen // 2, 1)
        self.scroll_to(y=self.scroll_y + half, animate=False, immediate=True)
        self.cursor += half

    def action_half_page_up(self) -> None:
        half = max(self._rows_on_screen // 2, 1)
        self.scroll_to(y=self.scroll_y - half, animate=False, immediate=True)
        self.cursor -= half

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = (self.total or 1) - 1

    def action_open(self) -> None:
        record = self.current_record
        if record is not None:
            self.post_message(self.Opened(self, record))

    def action_cycle_sort(self) -> None:
        """Same column again flips the direction; after descending, go to the next column."""
        keys = [c.sort_key for c in self.columns if c.sort_key is not None]
        if not keys:
            return
        if self.sort.column in keys and not self.sort.descending:
            self.set_sort(Sort(self.sort.column, descending=True))
            return
        position = keys.index(self.sort.column) if self.sort.column in keys else -1
        self.set_sort(Sort(keys[(position + 1) % len(keys)]))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            self._sort_by_header(event.x)
            return
        index = int(self.scroll_y) + event.y - 1
        if self.total and index < self.total:
            self.cursor = index
            if event.chain >= 2:
                self.action_open()

    def _sort_by_header(self, x: int) -> None:
        left = 2
        for column, cell_width in zip(self.columns, self._widths(), strict=True):
            if left <= x < left + cell_width + 1:
                if column.sort_key is None:
                    return
                same = column.sort_key == self.sort.column
                self.set_sort(Sort(column.sort_key, descending=same and not self.sort.descending))
                return
            left += cell_width + 1


def _fitted_title(title: str, width: int, arrow: str) -> str:
    """A column's title in ``width`` cells, keeping the sort arrow whatever is cut: at 80
    columns "Published ▼" became "Published…", and which column sorted was no longer shown."""
    if not arrow:
        return cut(title, width)
    for spaced in (f"{title} {arrow}", f"{title}{arrow}"):
        if cell_len(spaced) <= width:
            return spaced
    return cut(title, width - 1) + arrow


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, its end replaced by "…" when it does not fit."""
    return text if cell_len(text) <= width else set_cell_size(text, max(width - 1, 0)) + "…"
