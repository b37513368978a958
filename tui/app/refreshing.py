"""``R`` in the app: refresh every subscribed feed in a thread, and the feeds dialog.

The refresh is ``claimdesk refresh --full-pages``: in the app a reader wants the article and
its comments, not a feed's two-line summary. It runs
:func:`store.fetch.refresh.refresh_feeds` in a thread worker (the UI thread
never waits on the network or the store). Its progress is in the status line
(``Refreshing: 12/50 feeds, 340/1000 pages, 2 failed · 34 new``, at most five times a second),
and entries reach the lists as they are stored, each as soon as its page is parsed (at most
once a second, so a refresh of many pages does not re-read the lists per page). The end is a
message with the summary. Leaving the app stops a refresh between feeds.

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
from tui.app.widgets.status_bar import show_activity

if TYPE_CHECKING:
    from textual.timer import Timer

    from store.fetch.refresh import RefreshCounts, RefreshReport
    from store.fetch.subscriptions import Subscription
    from store.store import Store
    from tui.app import ClaimdeskApp

RELOAD_SECONDS = 1.0
SHOW_SECONDS = 0.2
"""How often the status line shows the refresh's latest counts."""


def progress_line(counts: RefreshCounts) -> str:
    """``Refreshing: 12/50 feeds, 340/1000 pages, 2 failed · 34 new`` (pages and failures only
    when there are any)."""
    parts = [f"{counts.feeds_done}/{counts.feeds} feeds"]
    if counts.pages:
        parts.append(f"{counts.pages_done}/{counts.pages} pages")
    if counts.failed:
        parts.append(f"{counts.failed} failed")
    return f"Refreshing: {', '.join(parts)} · {counts.new} new"


class FeedRefresher:
    """One refresh at a time for an app; ``start`` from the UI thread.

    The refresh's thread only leaves its latest :class:`RefreshCounts` here; a timer on the UI
    thread shows them and re-reads the lists. So the refresh never waits for the screen (each
    ``call_from_thread`` would), and the line always ends on the latest counts.
    """

    def __init__(self, app: ClaimdeskApp, store: Callable[[], Store]) -> None:
        self._app = app
        self._store = store
        self._stop = threading.Event()
        self.running = False
        self._counts: RefreshCounts | None = None
        """The refresh thread's latest counts (one assignment: nothing to lock)."""
        self._shown: RefreshCounts | None = None
        self._reloaded_new = 0
        self._last_reload = 0.0
        self._timer: Timer | None = None

    def start(self) -> None:
        if self.running:
            self._app.say("Already refreshing the feeds")
            return
        self.running = True
        self._stop.clear()
        self._counts = self._shown = None
        self._reloaded_new = 0
        self._show("Refreshing feeds…")
        self._timer = self._app.set_interval(SHOW_SECONDS, self._tick)
        self._app.run_worker(
            self._refresh, thread=True, exclusive=True, group="refresh", exit_on_error=False
        )

    def stop(self) -> None:
        self._stop.set()

    # -- in the worker thread ----------------------------------------------------------------

    def _refresh(self) -> None:
        from store.fetch.refresh import refresh_feeds

        def progress(counts: RefreshCounts) -> None:
            self._counts = counts

        try:
            report = refresh_feeds(
                self._store(),
                full_pages=True,
                progress=progress,
                stop=self._stop,
            )
        except Exception as error:  # a store that cannot be opened or written: one line
            self._app.call_from_thread(self._done, None, f"Refresh failed: {error}")
            return
        if self._stop.is_set():
            return
        self._app.call_from_thread(self._done, report, "")

    # -- on the UI thread --------------------------------------------------------------------

    def _tick(self) -> None:
        """Show the latest counts; re-read the lists when articles were stored since the last
        read, at most every :data:`RELOAD_SECONDS`."""
        counts = self._counts
        if counts is None:
            return
        if counts != self._shown:
            self._shown = counts
            self._show(progress_line(counts))
        now = time.monotonic()
        if counts.new > self._reloaded_new and now - self._last_reload >= RELOAD_SECONDS:
            self._reloaded_new, self._last_reload = counts.new, now
            self._reload_lists()

    def _show(self, activity: str) -> None:
        show_activity(self._app.screen_stack, activity)

    def _reload_lists(self) -> None:
        self._app.store_changed.publish(None)

    def _done(self, report: RefreshReport | None, problem: str) -> None:
        self.running = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._show("")
        if report is not None and report.new > self._reloaded_new:
            self._reloaded_new = report.new
            self._reload_lists()
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
