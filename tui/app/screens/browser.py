"""The first screen: articles, claims and comments, one list each, switched with 1/2/3 or tab.

Each list is a :class:`RecordList` reading its own pages; this screen only switches between
them, keeps the tab titles' counts and the status line up to date, and turns "open" into the
reader (an article, or a claim's or comment's article at that spot).

Marking every row (``A``) or inverting the marks (``I``) acts on the whole list, not only the
rows read so far: the ids come from one store query in a thread worker (never records), and
more than :data:`~tui.app.marks.CONFIRM_ABOVE` new marks are asked about first. ``U`` unmarks the
list's rows and keeps the marks made in the other views.

Each list can be narrowed in place: ``l`` (or ``|``) filters it with a query in the search
syntax, ``N`` shows only the rows that arrived since the last open (drawn with an ``N``), and
``ctrl+l`` or ``escape`` shows every row again. ``O`` picks the sort order from a list; the
order each list was last given is saved in the store and used at the next start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import ContentSwitcher, Header, Tab, Tabs

from store.records import KINDS, AnyRecord, ClaimRecord, RecordKind
from store.safe_text import one_line
from tui.app.columns import COLUMNS, DEFAULT_SORTS, TITLES
from tui.app.contract import DeskScreen
from tui.app.marks import CONFIRM_ABOVE, MERGE_STEP, Mark, Prepared, counted, prepare
from tui.app.modals.confirm import ConfirmModal
from tui.app.modals.picker import PickerModal
from tui.app.modals.prompt import LinePrompt
from tui.app.sources import StoreSource
from tui.app.widgets.desk_footer import DeskFooter
from tui.app.widgets.message_line import MessageLine
from tui.app.widgets.record_list import EMPTY_TEXT, RecordList, Sort
from tui.app.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.app import ClaimdeskApp

MarkChange = Literal["all", "invert", "unmark"]


class ViewTabs(Tabs, can_focus=False):
    """The three views' titles with their row counts; clickable, never holds the focus."""


class BrowserScreen(DeskScreen):
    """Lists of everything in the store."""

    JUDGE_HINT = "Judging works on claims: press 2 for the claims list"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show('article')", "Articles", id="browser.articles"),
        Binding("2", "show('claim')", "Claims", id="browser.claims"),
        Binding("3", "show('comment')", "Comments", id="browser.comments"),
        Binding("tab", "next_view", "Next view", show=False, id="browser.next_view"),
        Binding(
            "shift+tab", "previous_view", "Previous view", show=False, id="browser.previous_view"
        ),
        Binding(
            "space",
            "toggle_mark",
            "Mark",
            id="browser.mark",
            tooltip="Mark the row for export; marks stay across views",
        ),
        Binding(
            "A",
            "mark_list('all')",
            "Mark all in list",
            show=False,
            id="browser.mark_all",
            tooltip="Mark every row of this list (asks first above 10,000)",
        ),
        Binding(
            "U",
            "unmark_list",
            "Unmark all in list",
            show=False,
            id="browser.unmark_all",
            tooltip="Unmark every row of this list; marks in other views stay",
        ),
        Binding(
            "I",
            "mark_list('invert')",
            "Invert marks in list",
            show=False,
            id="browser.invert_marks",
            tooltip="Mark the unmarked rows of this list and unmark the marked ones",
        ),
        Binding(
            "a",
            "go_to_article",
            "Article",
            show=False,
            id="browser.article",
            tooltip="Open the article of this claim or comment at its place",
        ),
        Binding("q", "app.quit", "Quit", id="browser.quit"),
        # Narrowing and ordering a list in place (issue 14).
        Binding(
            "l,vertical_line",
            "filter",
            "Filter",
            id="browser.filter",
            tooltip="Show only the rows a query matches (search syntax: status:disputed qty:>10)",
        ),
        Binding(
            "ctrl+l,escape",
            "clear_filter",
            "Show all",
            show=False,
            id="browser.clear_filter",
            tooltip="Show every row again (clear the filter and the new-rows view)",
        ),
        Binding(
            "N",
            "only_new",
            "Only new",
            show=False,
            id="browser.only_new",
            tooltip="Show only the rows that arrived since the last open (again: all rows)",
        ),
        Binding(
            "O",
            "pick_sort",
            "Sort by…",
            show=False,
            id="browser.pick_sort",
            tooltip="Pick the column and direction to sort this list by",
        ),
    ]

    app: ClaimdeskApp

    def judge_hint(self) -> str:
        if self.kind == "claim":  # on the claims list already: it is empty
            return "No claims here yet: import articles (claimdesk import PATH) to get some"
        return self.JUDGE_HINT

    class _SortsRead(Message):
        """The orders the lists were last given (saved in the store), per kind."""

        def __init__(self, sorts: dict[RecordKind, Sort]) -> None:
            super().__init__()
            self.sorts = sorts

    class _ListIds(Message):
        """Every id of a list, read by a worker for mark all / invert (or why not)."""

        def __init__(
            self,
            kind: RecordKind,
            change: MarkChange,
            ids: Sequence[int],
            problem: str = "",
            prepared: Prepared | None = None,
            version: int = 0,
        ) -> None:
            super().__init__()
            self.kind = kind
            self.change = change
            self.ids = ids
            self.problem = problem
            self.prepared = prepared
            """The marks made ready in the worker (see tui.app.marks): for "all" the list's,
            for "invert" every mark after the change."""
            self.version = version
            """The marks' version the worker started from (a later change: done here)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ViewTabs(*(Tab(TITLES[kind], id=f"tab-{kind}") for kind in KINDS), id="views")
        with ContentSwitcher(initial="list-article", id="lists"):
            for kind in KINDS:
                yield RecordList(
                    kind,
                    COLUMNS[kind],
                    StoreSource(lambda: self.app.store, kind),
                    DEFAULT_SORTS[kind],
                    is_marked=self.app.is_marked,
                    is_new=self._is_new(kind),
                    id=f"list-{kind}",
                )
        yield StatusBar(id="status")
        yield MessageLine(id="message")
        yield DeskFooter()

    def on_mount(self) -> None:
        for kind in KINDS:
            self.record_list(kind).empty_text = self._empty_text(kind)
        self.current_list.focus()
        self._show_status()
        self.app.claim_judged.subscribe(self, self.show_judged)
        self.app.marks_changed.subscribe(self, self.refresh_marks, immediate=True)
        self.app.store_changed.subscribe(self, self.reload)
        self._read_sorts()

    # -- the lists ---------------------------------------------------------------------------

    @property
    def kind(self) -> RecordKind:
        current = self.query_one(ContentSwitcher).current or "list-article"
        return current.removeprefix("list-")  # type: ignore[return-value]

    @property
    def current_list(self) -> RecordList:
        return self.query_one(f"#list-{self.kind}", RecordList)

    def record_list(self, kind: RecordKind) -> RecordList:
        return self.query_one(f"#list-{kind}", RecordList)

    def current_item(self) -> AnyRecord | None:
        record: AnyRecord | None = self.current_list.current_record
        return record

    def reload(self, _news: None = None) -> None:
        """Read every list again (the ``store_changed`` signal: an import here or in another
        process, the session opened); each cursor stays on its record."""
        new_after = self.app.live.new_after
        for kind in KINDS:
            source = self._source(kind)
            source.new_after = new_after.get(kind) if new_after is not None else None
            self._reread(kind)

    def action_show(self, kind: RecordKind) -> None:
        self.query_one(ContentSwitcher).current = f"list-{kind}"
        self.query_one(ViewTabs).active = f"tab-{kind}"
        self.current_list.focus()
        self.current_list.refresh()
        self._show_status()

    def _step_view(self, step: int) -> None:
        index = KINDS.index(self.kind)
        self.action_show(KINDS[(index + step) % len(KINDS)])

    def action_next_view(self) -> None:
        self._step_view(1)

    def action_previous_view(self) -> None:
        self._step_view(-1)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        tab_id = event.tab.id or ""
        kind = tab_id.removeprefix("tab-")
        if kind in KINDS and kind != self.kind:
            self.action_show(kind)

    def on_record_list_counted(self, message: RecordList.Counted) -> None:
        kind: RecordKind = message.record_list.kind  # type: ignore[assignment]
        source = self._source(kind)
        label = f"{TITLES[kind]} {message.total:,}"
        if source.narrowed:
            label += " (filtered)" if source.filter_text.strip() else " (new)"
        elif source.new_count:
            label += f" +{source.new_count:,}"
        tab = self.query_one(f"#tab-{kind}", Tab)
        if tab.label_text != label:  # a new label lays the tabs out again: only when it differs
            tab.label = label
        self._show_status()

    def on_record_list_highlighted(self, _message: RecordList.Highlighted) -> None:
        self._show_status()

    def _show_status(self) -> None:
        records = self.current_list
        total = records.total
        where = (
            f"row {records.cursor + 1:,} of {total:,}"
            if total
            else "empty"
            if total == 0
            else "counting…"
        )
        arrow = "▼" if records.sort.descending else "▲"
        source = self._source(self.kind)
        narrowed = [f"filter: {one_line(source.filter_text, 40)}"] if source.filter_text else []
        if source.only_new:
            narrowed.append("only new (N)")
        self.query_one(StatusBar).show(
            TITLES[self.kind],
            where,
            *narrowed,
            f"sorted by {records.sort.column} {arrow}",
            marks=len(self.app.marks),
        )

    # -- acting on a row ---------------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        record = self.current_item()
        if record is None:
            return
        self.app.toggle_mark(record)  # the marks_changed signal repaints the list
        self.current_list.cursor += 1

    def action_mark_list(self, change: MarkChange) -> None:
        records = self.current_list
        if not records.total:
            return
        kind = self.kind
        adding = records.total - (self.app.marks.count(kind) if change == "all" else 0)
        if adding <= CONFIRM_ABOVE:
            self._read_ids(kind, change, *self._marks_now())
            return

        def go(yes: bool | None) -> None:
            if yes:
                self._read_ids(kind, change, *self._marks_now())

        verb = "Mark" if change == "all" else "Invert the marks of"
        self.app.push_screen(
            ConfirmModal(
                f"{verb} {counted(records.total, kind)}? Many marks take memory, and an export of "
                "them takes a while.",
                yes=verb.split()[0],
            ),
            go,
        )

    def _marks_now(self) -> tuple[list[Mark], int]:
        """The marks and their version, taken together on the UI thread, for a worker that
        works out the marks after a change of a whole list."""
        return list(self.app.marks), self.app.keeper.version

    @work(thread=True, exclusive=True, exit_on_error=False, group="mark-list")
    def _read_ids(
        self, kind: RecordKind, change: MarkChange, marks: list[Mark], version: int
    ) -> None:
        records = self.record_list(kind)
        try:
            ids = records.source.ids(records.sort.column, records.sort.descending)
        except Exception as error:  # one line for the user, as for any store read
            self.post_message(self._ListIds(kind, change, (), str(error)))
            return
        if change == "all":
            prepared = prepare((kind, record_id) for record_id in ids)
        else:  # the list's unmarked rows marked, its marked ones unmarked, other kinds kept
            marked = {record_id for mark_kind, record_id in marks if mark_kind == kind}
            prepared = prepare(
                [
                    *(mark for mark in marks if mark[0] != kind),
                    *((kind, record_id) for record_id in ids if record_id not in marked),
                ]
            )
        self.post_message(self._ListIds(kind, change, ids, prepared=prepared, version=version))

    def on_browser_screen__list_ids(self, message: _ListIds) -> None:
        if message.problem:
            self.app.say(f"Cannot read the store: {one_line(message.problem, 200)}", error=True)
            return
        marks = self.app.marks
        if message.prepared is None:
            return
        if message.change == "unmark":
            before = marks.count(message.kind)
            if self.app.keeper.version == message.version:
                marks.install(message.prepared)
            else:
                marks.unmark_kind(message.kind)
            self._say_unmarked(message.kind, before)
            return
        if message.change == "all":
            if not marks.adopt(message.prepared):
                self._merge_marks(message.kind, iter(message.prepared.marks))
                return
        elif self.app.keeper.version == message.version:
            marks.install(message.prepared)  # O(1), however many marks
        else:  # a mark changed while the worker ran: invert what is there now
            marks.invert(message.kind, message.ids)
        self._say_marked(message.kind)

    def _merge_marks(self, kind: RecordKind, pending: Iterator[Mark]) -> None:
        """Merge the list's marks a step at a time, keys answered between the steps."""
        if self.app.marks.merge_step(pending):
            self.call_later(self._merge_marks, kind, pending)
        else:
            self._say_marked(kind)

    def _say_marked(self, kind: RecordKind) -> None:
        marks = self.app.marks
        self.app.say(
            f"{counted(marks.count(kind), kind)} marked in this list ({len(marks):,} in all)"
        )

    def action_unmark_list(self) -> None:
        kind = self.kind
        before = self.app.marks.count(kind)
        if not before:
            return
        if len(self.app.marks) > MERGE_STEP:  # many: the rest worked out in a worker
            self._unmark_in_worker(kind, *self._marks_now())
            return
        self._say_unmarked(kind, self.app.marks.unmark_kind(kind))

    @work(thread=True, exclusive=True, exit_on_error=False, group="mark-list")
    def _unmark_in_worker(self, kind: RecordKind, marks: list[Mark], version: int) -> None:
        prepared = prepare(mark for mark in marks if mark[0] != kind)
        self.post_message(self._ListIds(kind, "unmark", (), prepared=prepared, version=version))

    def _say_unmarked(self, kind: RecordKind, unmarked: int) -> None:
        self.app.say(f"Unmarked {counted(unmarked, kind)} ({len(self.app.marks):,} marked in all)")

    def refresh_marks(self, _news: None = None) -> None:
        """Show the marks as they are now (the ``marks_changed`` signal, from any screen)."""
        self.current_list.refresh()
        self._show_status()

    def on_record_list_opened(self, message: RecordList.Opened) -> None:
        self.app.open_record(message.record)

    def action_go_to_article(self) -> None:
        record = self.current_item()
        if record is not None:
            self.app.open_record(record)

    def show_judged(self, claim: ClaimRecord) -> None:
        """A claim was judged, here or elsewhere (the ``claim_judged`` signal)."""
        self.record_list("claim").replace_record(claim)

    # -- narrowing and ordering in place -----------------------------------------------------

    def _source(self, kind: RecordKind) -> StoreSource:
        source = self.record_list(kind).source
        assert isinstance(source, StoreSource)
        return source

    def _is_new(self, kind: RecordKind) -> Callable[[object], bool]:
        return lambda record: self._source(kind).is_new(record)

    def _reread(self, kind: RecordKind) -> None:
        """Read the list of ``kind`` again, saying why it would be empty."""
        records = self.record_list(kind)
        records.empty_text = self._empty_text(kind)
        records.reload()

    def _empty_text(self, kind: RecordKind) -> str:
        """Why the list of ``kind`` would be empty: a filter, the new-only view, an import
        under way (the first run's samples), or nothing imported yet."""
        source = self._source(kind)
        if source.filter_text.strip():
            return "(no row matches the filter; ctrl+l shows all)"
        if source.only_new:
            return "(nothing new since the last open; N shows all)"
        if self.app.importer.running:
            return "(importing: the rows appear as they are stored)"
        return EMPTY_TEXT

    def action_filter(self) -> None:
        """``l`` / ``|``: filter this list in place with a query in the search syntax."""
        kind = self.kind
        from store.list_view import check_filter

        def apply(text: str | None) -> None:
            if text is not None:
                self._set_filter(kind, text.strip())

        self.app.push_screen(
            LinePrompt(
                f"Filter {TITLES[kind].lower()} (search syntax; empty shows all):",
                self._source(kind).filter_text,
                check=check_filter,
                hint="e.g. status:unverified claimant:amaq qty:>10 · enter filters · esc cancels",
                placeholder="status:disputed|false",
            ),
            apply,
        )

    def _set_filter(self, kind: RecordKind, text: str) -> None:
        source = self._source(kind)
        if source.filter_text == text:
            return
        source.filter_text = text
        self._reread(kind)
        self._show_status()

    def action_clear_filter(self) -> None:
        source = self._source(self.kind)
        if not source.narrowed:
            return
        source.filter_text = ""
        source.only_new = False
        self._reread(self.kind)
        self._show_status()
        self.app.say(f"Showing every {self.kind}")

    def action_only_new(self) -> None:
        """``N``: only the rows that arrived since the last open; again: every row."""
        source = self._source(self.kind)
        if source.new_after is None and not source.only_new:
            self.app.say(
                "Nothing is new: this is the first open of this store "
                "(rows imported from now on will be)",
            )
            return
        source.only_new = not source.only_new
        self._reread(self.kind)
        self._show_status()
        if source.only_new:
            self.app.say(f"Only new {self.kind}s (N again shows all)")

    def action_pick_sort(self) -> None:
        """``O``: pick the column and direction from a list."""
        records = self.current_list
        choices: list[tuple[str, Sort]] = []
        for column in records.columns:
            if column.sort_key is None:
                continue
            for descending in (False, True):
                words = SORT_WORDS.get(column.sort_key, ("A to Z", "Z to A"))
                choices.append(
                    (
                        f"{column.title} {'▼' if descending else '▲'}  ({words[descending]})",
                        Sort(column.sort_key, descending),
                    )
                )
        current = next((n for n, (_, sort) in enumerate(choices) if sort == records.sort), 0)

        def pick(sort: Sort | None) -> None:
            if sort is not None:
                records.set_sort(sort)

        self.app.push_screen(
            PickerModal(f"Sort {TITLES[self.kind].lower()} by", choices, current), pick
        )

    def on_record_list_sorted(self, message: RecordList.Sorted) -> None:
        """The user chose an order: shown now, and saved for the next start."""
        self._show_status()
        self._save_sort(message.record_list.kind, message.sort)

    @work(thread=True, exclusive=False, exit_on_error=False, group="sort-save")
    def _save_sort(self, kind: str, sort: Sort) -> None:
        from store.desk_state import write_setting

        try:
            write_setting(
                self.app.store,
                f"sort.{kind}",
                {"column": sort.column, "descending": sort.descending},
            )
            self.app.live.absorb()
        except Exception:  # an order not remembered is no reason to interrupt the user
            return

    @work(thread=True, exclusive=True, exit_on_error=False, group="sort-read")
    def _read_sorts(self) -> None:
        from store.browse import SORT_COLUMNS
        from store.desk_state import read_setting

        sorts: dict[RecordKind, Sort] = {}
        try:
            for kind in KINDS:
                saved = read_setting(self.app.store, f"sort.{kind}")
                if (
                    isinstance(saved, dict)
                    and saved.get("column") in SORT_COLUMNS[kind]
                    and any(c.sort_key == saved["column"] for c in COLUMNS[kind])
                ):
                    sorts[kind] = Sort(str(saved["column"]), bool(saved.get("descending")))
        except Exception:  # the app's own opening reports a broken store
            return
        self.post_message(self._SortsRead(sorts))

    def on_browser_screen__sorts_read(self, message: _SortsRead) -> None:
        for kind, sort in message.sorts.items():
            records = self.record_list(kind)
            if records.sort != sort:
                records.set_sort(sort, chosen=False)
        self._show_status()


SORT_WORDS: dict[str, tuple[str, str]] = {
    "published": ("oldest first", "newest first"),
    "posted": ("oldest first", "newest first"),
    "quantity": ("smallest figure first", "largest figure first"),
    "article": ("oldest article first", "newest article first"),
    "status": ("A to Z", "Z to A"),
}
"""What each direction means for a sort key, in the sort picker (text: A to Z)."""
