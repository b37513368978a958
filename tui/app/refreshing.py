"""``R`` in the app: refresh every subscribed feed in a thread, and the feeds dialog.

The refresh is ``claimdesk refresh --full-pages``: in the app a reader wants the article and
its comments, not a feed's two-line summary. It runs
:func:`store.fetch.refresh.refresh_feeds` in a thread worker (the UI thread
never waits on the network or the store); each feed that is done updates the status line
(``Refreshing feeds 12/50 · 34 new``) and, when it brought something, the lists, at most once
a second so a refresh of many feeds does not re-read them per feed. The end is a notification
with the summary. Leaving the app stops a refresh between feeds.

:class:`FeedsModal` lists the subscriptions with their last status (``F``, or "Feeds" in the
command palette).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from store.safe_text import one_line
from tui.app.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from store.fetch.refresh import FeedResult, RefreshReport
    from store.fetch.subscriptions import Subscription
    from store.store import Store
    from tui.app import ClaimdeskApp

RELOAD_SECONDS = 1.0


class FeedRefresher:
    """One refresh at a time for an app; ``start`` from the UI thread."""

    def __init__(self, app: ClaimdeskApp, store: Callable[[], Store]) -> None:
        self._app = app
        self._store = store
        self._stop = threading.Event()
        self.running = False

    def start(self) -> None:
        if self.running:
            self._app.say("Already refreshing the feeds")
            return
        self.running = True
        self._stop.clear()
        self._show("Refreshing feeds…")
        self._app.run_worker(
            self._refresh, thread=True, exclusive=True, group="refresh", exit_on_error=False
        )

    def stop(self) -> None:
        self._stop.set()

    # -- in the worker thread ----------------------------------------------------------------

    def _refresh(self) -> None:
        from store.fetch.refresh import refresh_feeds

        last_reload = 0.0
        pending_reload = False

        def progress(done: int, total: int, new: int) -> None:
            self._app.call_from_thread(self._show, f"Refreshing feeds {done}/{total} · {new} new")

        def listener(result: FeedResult) -> None:
            nonlocal last_reload, pending_reload
            pending_reload = pending_reload or result.new > 0
            if pending_reload and time.monotonic() - last_reload >= RELOAD_SECONDS:
                last_reload, pending_reload = time.monotonic(), False
                self._app.call_from_thread(self._reload_lists)

        try:
            report = refresh_feeds(
                self._store(),
                full_pages=True,
                listener=listener,
                progress=progress,
                stop=self._stop,
            )
        except Exception as error:  # a store that cannot be opened or written: one line
            self._app.call_from_thread(self._done, None, f"Refresh failed: {error}")
            return
        if self._stop.is_set():
            return
        if pending_reload:
            self._app.call_from_thread(self._reload_lists)
        self._app.call_from_thread(self._done, report, "")

    # -- on the UI thread --------------------------------------------------------------------

    def _show(self, activity: str) -> None:
        for screen in self._app.screen_stack:
            for bar in screen.query(StatusBar):
                bar.set_activity(activity)

    def _reload_lists(self) -> None:
        self._app.store_changed.publish(None)

    def _done(self, report: RefreshReport | None, problem: str) -> None:
        self.running = False
        self._show("")
        if report is None:
            self._app.say(one_line(problem, 200), error=True)
            return
        if not report.results:
            self._app.say("No feeds to refresh: `claimdesk feeds add URL` subscribes to one")
            return
        failed = [r for r in report.results if not r.ok]
        summary = f"Refreshed {len(report.results)} feeds: {report.new} new articles" + (
            f", {len(failed)} failed (F lists them)" if failed else ""
        )
        self._app.say(summary, error=bool(failed))


class FeedsModal(ModalScreen[None]):
    """The subscriptions, with when each was fetched and what that found."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,F", "dismiss_feeds", "Close", id="feeds.close"),
    ]
    DEFAULT_CSS = """
    FeedsModal { align: center middle; }
    FeedsModal > Vertical { width: 90%; height: 80%; border: round $accent;
                            background: $surface; padding: 0 1; }
    FeedsModal DataTable { height: 1fr; }
    """

    def __init__(self, subscriptions: list[Subscription]) -> None:
        super().__init__()
        self.subscriptions = subscriptions

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                f"Feeds ({len(self.subscriptions)}) · R refreshes them all", id="feeds-title"
            )
            yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
            yield Label("escape closes", classes="dialog-help")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Title", "Entries", "Fetched", "Status", "URL")
        for s in self.subscriptions:
            fetched = s.last_fetched.strftime("%Y-%m-%d %H:%M") if s.last_fetched else "never"
            status = Text(one_line(s.status, 40), style="" if s.ok else "bold red")
            table.add_row(
                Text(one_line(s.title or "", 40)),
                str(s.entries),
                fetched,
                status,
                Text(one_line(s.url, 80)),
            )
        if not self.subscriptions:
            self.query_one("#feeds-title", Label).update(
                "No feeds yet: `claimdesk feeds add URL` or `claimdesk feeds import FILE`"
            )
        table.focus()

    def action_dismiss_feeds(self) -> None:
        self.dismiss(None)


def load_subscriptions(store: Store) -> list[Subscription]:
    from store.fetch.subscriptions import list_subscriptions

    return list_subscriptions(store)
