"""The first screen: articles, claims and comments, one list each, switched with 1/2/3 or tab.

Each list is a :class:`RecordList` reading its own pages; this screen only switches between
them, keeps the tab titles' counts and the status line up to date, and turns "open" into the
reader (an article, or a claim's or comment's article at that spot).

Marking every row (``A``) or inverting the marks (``I``) acts on the whole list, not only the
rows read so far: the ids come from one store query in a thread worker (never records), and
more than :data:`~tui.app.marks.CONFIRM_ABOVE` new marks are asked about first. ``U`` unmarks the
list's rows and keeps the marks made in the other views.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from tui.app.marks import CONFIRM_ABOVE, counted
from tui.app.modals.confirm import ConfirmModal
from tui.app.sources import StoreSource
from tui.app.widgets.desk_footer import DeskFooter
from tui.app.widgets.message_line import MessageLine
from tui.app.widgets.record_list import RecordList
from tui.app.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.app import ClaimdeskApp

MarkChange = Literal["all", "invert"]


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
    ]

    app: ClaimdeskApp

    def judge_hint(self) -> str:
        if self.kind == "claim":  # on the claims list already: it is empty
            return "No claims here yet: import articles (claimdesk import PATH) to get some"
        return self.JUDGE_HINT

    class _ListIds(Message):
        """Every id of a list, read by a worker for mark all / invert (or why not)."""

        def __init__(
            self, kind: RecordKind, change: MarkChange, ids: Sequence[int], problem: str = ""
        ) -> None:
            super().__init__()
            self.kind = kind
            self.change = change
            self.ids = ids
            self.problem = problem

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
                    id=f"list-{kind}",
                )
        yield StatusBar(id="status")
        yield MessageLine(id="message")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.current_list.focus()
        self._show_status()
        self.app.claim_judged.subscribe(self, self.show_judged)
        self.app.marks_changed.subscribe(self, self.refresh_marks, immediate=True)
        self.app.store_changed.subscribe(self, self.reload)

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
        """Read every list again (after an import: the ``store_changed`` signal)."""
        for kind in KINDS:
            self.record_list(kind).reload()

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
        self.query_one(f"#tab-{kind}", Tab).label = f"{TITLES[kind]} {message.total:,}"
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
        self.query_one(StatusBar).show(
            TITLES[self.kind],
            where,
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
            self._read_ids(kind, change)
            return

        def go(yes: bool | None) -> None:
            if yes:
                self._read_ids(kind, change)

        verb = "Mark" if change == "all" else "Invert the marks of"
        self.app.push_screen(
            ConfirmModal(
                f"{verb} {counted(records.total, kind)}? Many marks take memory, and an export of "
                "them takes a while.",
                yes=verb.split()[0],
            ),
            go,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="mark-list")
    def _read_ids(self, kind: RecordKind, change: MarkChange) -> None:
        records = self.record_list(kind)
        try:
            ids = records.source.ids(records.sort.column, records.sort.descending)
        except Exception as error:  # one line for the user, as for any store read
            self.post_message(self._ListIds(kind, change, (), str(error)))
            return
        self.post_message(self._ListIds(kind, change, ids))

    def on_browser_screen__list_ids(self, message: _ListIds) -> None:
        if message.problem:
            self.notify(
                one_line(message.problem, 200),
                title="Cannot read the store",
                severity="error",
                markup=False,
            )
            return
        marks = self.app.marks
        if message.change == "all":
            marks.mark_all(message.kind, message.ids)
        else:
            marks.invert(message.kind, message.ids)
        self.app.say(
            f"{counted(marks.count(message.kind), message.kind)} marked in this list "
            f"({len(marks):,} in all)"
        )

    def action_unmark_list(self) -> None:
        unmarked = self.app.marks.unmark_kind(self.kind)
        if unmarked:
            self.app.say(
                f"Unmarked {counted(unmarked, self.kind)} ({len(self.app.marks):,} marked in all)"
            )

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
