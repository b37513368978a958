"""The first screen: articles, claims and comments, one list each, switched with 1/2/3 or tab.

Each list is a :class:`RecordList` reading its own pages; this screen only switches between
them, keeps the tab titles' counts and the status line up to date, and turns "open" into the
reader (an article, or a claim's or comment's article at that spot).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Tab, Tabs

from store.records import KINDS, AnyRecord, RecordKind
from tui.columns import COLUMNS, DEFAULT_SORTS, TITLES
from tui.sources import StoreSource
from tui.widgets.record_list import RecordList
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tui.app import ClaimdeskApp


class ViewTabs(Tabs, can_focus=False):
    """The three views' titles with their row counts; clickable, never holds the focus."""


class BrowserScreen(Screen[None]):
    """Lists of everything in the store."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show('article')", "Articles", id="browser.articles"),
        Binding("2", "show('claim')", "Claims", id="browser.claims"),
        Binding("3", "show('comment')", "Comments", id="browser.comments"),
        Binding("tab", "next_view", "Next view", show=False, id="browser.next_view"),
        Binding("shift+tab", "previous_view", "Previous view", show=False,
                id="browser.previous_view"),
        Binding("space", "toggle_mark", "Mark", id="browser.mark",
                tooltip="Mark the row for export; marks stay across views"),
        Binding("a", "go_to_article", "Article", show=False, id="browser.article",
                tooltip="Open the article of this claim or comment at its place"),
        Binding("q", "app.quit", "Quit", id="browser.quit"),
    ]

    app: ClaimdeskApp

    def compose(self) -> ComposeResult:
        yield Header()
        yield ViewTabs(*(Tab(TITLES[kind], id=f"tab-{kind}") for kind in KINDS), id="views")
        with ContentSwitcher(initial="list-article", id="lists"):
            for kind in KINDS:
                yield RecordList(kind, COLUMNS[kind], StoreSource(lambda: self.app.store, kind),
                                 DEFAULT_SORTS[kind], is_marked=self.app.is_marked,
                                 id=f"list-{kind}")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.current_list.focus()
        self._show_status()

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

    def current_record(self) -> AnyRecord | None:
        record: AnyRecord | None = self.current_list.current_record
        return record

    def reload(self) -> None:
        """Read every list again (after an import)."""
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
        where = (f"row {records.cursor + 1:,} of {total:,}" if total else
                 "empty" if total == 0 else "counting…")
        arrow = "▼" if records.sort.descending else "▲"
        self.query_one(StatusBar).show(TITLES[self.kind], where,
                                       f"sorted by {records.sort.column} {arrow}",
                                       marks=len(self.app.marks))

    # -- acting on a row ---------------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        record = self.current_record()
        if record is None:
            return
        self.app.toggle_mark(record)
        self.current_list.cursor += 1
        self.refresh_marks()

    def on_screen_resume(self) -> None:
        # Marks and judgements may have changed in the reader.
        self.refresh_marks()

    def refresh_marks(self) -> None:
        self.current_list.refresh()
        self._show_status()

    def on_record_list_opened(self, message: RecordList.Opened) -> None:
        self.app.open_record(message.record)

    def action_go_to_article(self) -> None:
        record = self.current_record()
        if record is not None:
            self.app.open_record(record)

    def show_judged(self, claim: AnyRecord) -> None:
        self.record_list("claim").replace_record(claim)
