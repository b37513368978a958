"""The Textual app: a thin shell that holds the store, the marks and the app-wide actions.

Screens do the showing (:mod:`tui.app.screens`), dialogs ask (:mod:`tui.app.modals`), lists
read their own pages. What lives here is what every screen shares: marks that survive view switches,
judging a claim (saved at once, then shown on every screen), export and copy (of the marks, or
of the row under the cursor when nothing is marked, VisiData's habit), open in a browser, help,
the command palette's actions, the user's keymap, and the first run's sample import.

Every store call runs in a thread worker that posts a message; the UI thread never waits on the
database. ``store.store`` and ``store.export`` (and SQLAlchemy behind them) are imported only for
type checking here, or on first use.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.message import Message
from textual.signal import Signal

from store.paths import app_paths
from store.records import AnyRecord, ArticleRecord, ClaimRecord
from store.safe_text import one_line
from tui.app.contract import DeskScreen, Pointed, article_id_of
from tui.app.editing import Editor
from tui.app.import_job import ImportJob
from tui.app.keymap import check_keymap, load_keymap
from tui.app.live import LiveStore
from tui.app.marks import Mark, Marks, counted, describe
from tui.app.modals.confirm import ConfirmModal
from tui.app.modals.help import HelpModal
from tui.app.modals.judge import JudgeClaimModal, Judgement
from tui.app.palette import BindingsProvider
from tui.app.refreshing import FeedRefresher, FeedsModal, load_subscriptions
from tui.app.screens.browser import BrowserScreen
from tui.app.screens.reader import ReaderScreen
from tui.app.screens.search import SearchScreen
from tui.app.search_service import SearchService
from tui.app.selections import MarksKeeper
from tui.app.store_loader import StoreLoader
from tui.app.widgets.message_line import MessageLine
from tui.perf.collector import CHECK_SECONDS, IdleCollector

if TYPE_CHECKING:
    from store.export.pipeline import Citations, ExportOutcome
    from store.store import Store
    from tui.app.modals.export import ExportChoice

LONG_EXPORT = 5_000
"""Above this many records an export takes a moment (about 0.3 s per 10,000): say it started."""

MESSAGES_KEPT = 50
TMUX_CLIPBOARD_HINT = "in tmux, `set -g set-clipboard on` lets it reach your clipboard"


CONSOLE_BROWSERS = frozenset({"w3m", "lynx", "links", "links2", "elinks", "browsh", "www-browser"})
"""Browsers that run in the terminal: ``o`` suspends the app while one runs."""


def console_browser(url: str) -> list[str] | None:
    """The command that opens ``url`` in a browser that runs in this terminal (``$BROWSER``
    naming w3m, lynx …, or what Python's ``webbrowser`` would run in the foreground with no
    display), else None: a graphical browser, opened by ``webbrowser`` in the background."""
    import shlex

    chosen = os.environ.get("BROWSER", "").split(os.pathsep)[0].strip()
    if chosen:
        args = shlex.split(chosen)
        if not args or Path(args[0]).name not in CONSOLE_BROWSERS:
            return None
    else:
        import webbrowser

        try:
            controller = webbrowser.get()
        except webbrowser.Error:
            return None
        if type(controller) is not webbrowser.GenericBrowser:  # background ones are GUI
            return None
        args = [controller.name, *controller.args]
    if any("%s" in arg for arg in args):
        return [arg.replace("%s", url) for arg in args]
    return [*args, url]


def keymap_places() -> dict[str, list[BindingType]]:
    """Every place that declares keys, with its bindings, for :func:`check_keymap`."""
    from tui.app.modals.confirm import ConfirmModal
    from tui.app.modals.help import HelpModal
    from tui.app.screens.reader import ClaimList, CommentTree
    from tui.app.screens.search import QueryInput
    from tui.app.widgets.article_body import ArticleBody
    from tui.app.widgets.hit_list import HitList
    from tui.app.widgets.record_list import RecordList

    places: list[tuple[str, type[DOMNode]]] = [
        ("everywhere", ClaimdeskApp),
        ("the lists", BrowserScreen),
        ("a list", RecordList),
        ("the reader", ReaderScreen),
        ("the reader's claims", ClaimList),
        ("the reader's thread", CommentTree),
        ("the reader's text", ArticleBody),
        ("search", SearchScreen),
        ("the query line", QueryInput),
        ("the hits", HitList),
        ("help", HelpModal),
        ("the judge dialog", JudgeClaimModal),
        ("the question dialog", ConfirmModal),
        ("the feeds dialog", FeedsModal),
    ]
    return {name: list(node.BINDINGS) for name, node in places}


def also_known_ids(keys: Iterable[str]) -> list[str]:
    """The ids in ``keys`` of the export dialog, whose module (and the export package behind
    it, ≈0.3–1 s) is imported only when ``e`` is first pressed: ``export.cancel`` and one
    ``export.format_<format>`` per format (a wrong format name there is not caught)."""
    return [i for i in keys if i == "export.cancel" or i.startswith("export.format_")]


class ClaimdeskApp(App[None]):
    """claimdesk's terminal interface over one :class:`Store`."""

    TITLE = "claimdesk"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {BindingsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding(
            "e",
            "export",
            "Export",
            id="app.export",
            tooltip="Export the marked rows (or the current one) to a file",
        ),
        Binding(
            "y",
            "copy",
            "Copy",
            show=False,
            id="app.copy",
            tooltip="Copy the marked rows (or the current one) as Markdown citations",
        ),
        Binding("o", "open_url", "Open URL", show=False, id="app.open_url"),
        Binding(
            "v",
            "judge",
            "Judge claim",
            id="app.judge",
            tooltip="Set the status and note of the claim under the cursor",
        ),
        Binding(
            "R",
            "refresh_feeds",
            "Refresh feeds",
            show=False,
            id="app.refresh_feeds",
            tooltip="Fetch every subscribed feed and import what is new",
        ),
        Binding(
            "F",
            "feeds",
            "Feeds",
            show=False,
            id="app.feeds",
            tooltip="List the subscribed feeds with their last status",
        ),
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit"),
        # Editing by hand (tui/app/editing.py): E edit, d/u delete and undelete (mutt's keys),
        # D the deleted claims, H the history.
        Binding(
            "E",
            "edit",
            "Edit",
            show=False,
            id="app.edit",
            tooltip="Edit the claim (claimant, figures, status, note) or article under the cursor",
        ),
        Binding("d", "delete_claim", "Delete claim", show=False, id="app.delete_claim"),
        Binding("u", "undo_delete", "Undo delete", show=False, id="app.undo_delete"),
        Binding(
            "D",
            "deleted_claims",
            "Deleted claims",
            show=False,
            id="app.deleted_claims",
            tooltip="List the deleted claims; enter restores one",
        ),
        Binding(
            "H",
            "history",
            "History",
            show=False,
            id="app.history",
            tooltip="What was changed by hand in the claim or article under the cursor",
        ),
        # The desk's lists (issue 14): saved selections and importing, on every screen.
        Binding(
            "S",
            "save_selection",
            "Save marks as…",
            show=False,
            id="app.save_selection",
            tooltip="Save the marks under a name, to restore them another day",
        ),
        Binding(
            "M",
            "pick_selection",
            "Saved selections",
            show=False,
            id="app.pick_selection",
            tooltip="Restore a saved selection of marks (it replaces the marks)",
        ),
        Binding(
            "i",
            "import_documents",
            "Import",
            show=False,
            id="app.import",
            tooltip="Import a file or folder; the lists take in the documents as they arrive",
        ),
    ]

    class ClaimJudged(Message):
        def __init__(self, claim: ClaimRecord | None, reason: str = "") -> None:
            super().__init__()
            self.claim = claim
            self.reason = reason

    class _ClaimRead(Message):
        """The claim a search hit names, read for the judging dialog (or why not)."""

        def __init__(self, claim: ClaimRecord | None, reason: str = "") -> None:
            super().__init__()
            self.claim = claim
            self.reason = reason

    class StoreFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class Exported(Message):
        def __init__(self, outcome: ExportOutcome, fmt: str, marks: list[Mark]) -> None:
            super().__init__()
            self.outcome = outcome
            self.fmt = fmt
            self.marks = marks

    class Cited(Message):
        def __init__(self, citations: Citations) -> None:
            super().__init__()
            self.citations = citations

    def __init__(
        self,
        store: Store | StoreLoader,
        first_run_samples: Path | None = None,
        keymap_file: Path | None = None,
        export_dir: Path | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        """``export_dir`` and ``clock`` name the default export file (the platform's documents
        folder and the current minute unless a test fixes them)."""
        super().__init__()
        self._store = store
        self.failure: str | None = None
        """Why the store could not be opened, for the command line to print after exit."""
        self.first_run_samples = first_run_samples
        self.keymap_file = keymap_file or app_paths().keymap_file
        self.export_dir = export_dir
        self.clock = clock
        self.claim_judged: Signal[ClaimRecord] = Signal(self, "claim_judged")
        """A claim's status or note was saved (see :mod:`tui.app.contract`)."""
        self.marks_changed: Signal[None] = Signal(self, "marks_changed")
        """A mark was added or removed, on any screen."""
        self.store_changed: Signal[None] = Signal(self, "store_changed")
        """Records were added while the app runs (the first run's samples)."""
        self.marks = Marks(on_change=self._marks_changed)
        """(kind, id) of every marked row, across views, in marking order."""
        self.search = SearchService(lambda: self.store)
        """The one search engine (opened by the first search, closed on exit)."""
        self.said: list[str] = []
        """The last messages said on the message line, oldest first (vim's ``:messages``)."""
        self.last_query = ""
        """The query of the last search the user made: ``/`` opens search on it again and
        ``n``/``N`` in the reader step through its matches. UI thread only."""
        self.collector = IdleCollector()
        self.feeds = FeedRefresher(self, lambda: self.store)
        """``R``: the feed refresh in a thread (see :mod:`tui.app.refreshing`)."""
        self.editor = Editor(self)
        """``E``, ``d``, ``u``, ``D``, ``H`` and adding claims (see :mod:`tui.app.editing`)."""
        self.live = LiveStore(self, lambda: self.store)
        """Other processes' commits reach the lists; the session's "new" rows."""
        self.keeper = MarksKeeper(self, lambda: self.store)
        """The marks saved in the store (restored at start, saved at quit) and named ones."""
        self.importer = ImportJob(self, lambda: self.store)
        """``i``: an import in a thread (see :mod:`tui.app.import_job`)."""

    @property
    def store(self) -> Store:
        """The store; from worker threads only, as it may still be opening (see StoreLoader)."""
        return self._store.get() if isinstance(self._store, StoreLoader) else self._store

    def on_mount(self) -> None:
        self._open_store()
        keymap = load_keymap(self.keymap_file)
        if keymap.keys:
            self.set_keymap(keymap.keys)
        problems = keymap.problems + check_keymap(
            self.keymap_file, keymap.keys, keymap_places(), also_known_ids(keymap.keys)
        )
        for problem in problems:  # one toast each: the message line holds only one
            self.notify(problem, severity="warning", timeout=10, markup=False)
        self.push_screen(BrowserScreen())
        if self.first_run_samples is not None:
            self.importer.run(self.first_run_samples, first_run=True)
        self.collector.start()
        self.set_interval(CHECK_SECONDS, self.collector.collect_if_idle, name="idle-gc")
        self.live.start()
        self.keeper.start()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.input_seen()
        await super().on_event(event)

    # -- opening the store and the first run --------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="open-store")
    def _open_store(self) -> None:
        """Open the store now, so a broken one ends the app with one line at once."""
        try:
            self.store  # noqa: B018 - resolving the property opens the store
        except Exception as error:  # StoreError, or anything the driver raises
            self.post_message(self.StoreFailed(str(error)))

    def on_claimdesk_app_store_failed(self, message: StoreFailed) -> None:
        self.failure = message.reason
        self.exit(return_code=1)

    # -- messages ----------------------------------------------------------------------------

    def say(self, text: str, detail: str = "", error: bool = False) -> None:
        """Show a message on the message line of the desk screen the user sees (under any
        dialog), where it stays until the next one (see :mod:`tui.app.widgets.message_line`);
        ``detail`` is a file name that is shortened, never cut. A toast when no screen has a
        message line (before the first screen)."""
        self.said.append(" ".join(part for part in (text, detail) if part))
        del self.said[:-MESSAGES_KEPT]
        for screen in reversed(self.screen_stack):
            if isinstance(screen, DeskScreen):
                lines = screen.query(MessageLine)
                if lines:
                    lines.first().say(text, detail, error)
                    return
        self.notify(one_line(f"{text} {detail}", 300), severity="error" if error else "information")

    # -- marks -------------------------------------------------------------------------------

    def _marks_changed(self) -> None:
        self.keeper.changed()
        self.marks_changed.publish(None)

    def action_save_selection(self) -> None:
        self.keeper.save_as()

    def action_pick_selection(self) -> None:
        self.keeper.pick()

    def action_import_documents(self) -> None:
        self.importer.start()

    def is_marked(self, item: Pointed) -> bool:
        return (item.kind, item.id) in self.marks

    def toggle_mark(self, item: Pointed) -> bool:
        """Mark or unmark ``item``; True when it is now marked (``marks_changed`` tells the
        screens)."""
        return self.marks.toggle((item.kind, item.id))

    def desk(self) -> DeskScreen | None:
        """The screen the app's keys act on; None while a dialog is on top."""
        screen = self.screen
        return screen if isinstance(screen, DeskScreen) else None

    def current_item(self) -> Pointed | None:
        """The row, claim, comment or hit under the cursor of the screen on top."""
        desk = self.desk()
        return desk.current_item() if desk is not None else None

    def _chosen(self) -> list[Mark] | None:
        """What export and copy act on: the marks, else the item under the cursor, else None."""
        if self.marks:
            return list(self.marks)
        item = self.current_item()
        return [(item.kind, item.id)] if item is not None else None

    def _describe(self, chosen: list[Mark]) -> str:
        if self.marks:
            return describe(self.marks.counts())
        return f"the current {chosen[0][0]} (nothing is marked)"

    # -- opening -----------------------------------------------------------------------------

    def open_record(self, record: AnyRecord) -> None:
        """Open the reader on an article, or on a claim's or comment's article at its place."""
        if isinstance(record, ArticleRecord):
            self.push_screen(ReaderScreen(record.id))
        else:
            self.push_screen(ReaderScreen(record.article_id, focus=(record.kind, record.id)))

    # -- judging -----------------------------------------------------------------------------

    def action_judge(self) -> None:
        """``v``: judge the claim under the cursor (the reader binds its own ``v``, for the
        claim highlighted in its claims pane whichever pane has the focus)."""
        desk = self.desk()
        item = desk.current_item() if desk is not None else None
        if isinstance(item, ClaimRecord):
            self.judge_claim(item)
        elif item is not None and item.kind == "claim":  # a search hit: read the claim first
            self._read_claim(item.id)
        else:
            self.say(desk.judge_hint() if desk is not None else DeskScreen.JUDGE_HINT)

    @work(thread=True, exclusive=True, exit_on_error=False, group="judge-read")
    def _read_claim(self, claim_id: int) -> None:
        try:
            claim = self.store.get_claim(claim_id)
        except Exception as error:  # one line for the user
            self.post_message(self._ClaimRead(None, f"cannot read claim {claim_id}: {error}"))
            return
        self.post_message(
            self._ClaimRead(
                claim, "" if claim is not None else f"claim {claim_id} is no longer in the store"
            )
        )

    def on_claimdesk_app__claim_read(self, message: _ClaimRead) -> None:
        if message.claim is None:
            self.say(message.reason, error=True)
        else:
            self.judge_claim(message.claim)

    def judge_claim(self, claim: ClaimRecord) -> None:
        def save(judgement: Judgement | None) -> None:
            if judgement is not None and judgement.edit_all:
                self.editor.edit_claim(claim)
            elif judgement is not None:
                self._save_judgement(claim.id, judgement)

        self.push_screen(JudgeClaimModal(claim), save)

    @work(thread=True, exclusive=False, exit_on_error=False, group="judge")
    def _save_judgement(self, claim_id: int, judgement: Judgement) -> None:
        try:
            claim = self.store.set_claim_status(claim_id, judgement.status, judgement.note)
        except Exception as error:  # one line for the user
            self.post_message(self.ClaimJudged(None, f"not saved: {error}"))
            return
        self.post_message(self.ClaimJudged(claim))

    def on_claimdesk_app_claim_judged(self, message: ClaimJudged) -> None:
        claim = message.claim
        if claim is None:
            self.say(message.reason, error=True)
            return
        self.claim_judged.publish(claim)
        self.say(f"Claim {claim.id}: {claim.status.value}")

    # -- editing by hand (tui/app/editing.py) -------------------------------------------------

    def action_edit(self) -> None:
        self.editor.edit(self.current_item())

    def action_delete_claim(self) -> None:
        self.editor.delete(self.current_item())

    def action_undo_delete(self) -> None:
        self.editor.undo()

    def action_deleted_claims(self) -> None:
        from tui.app.screens.reader import ReaderScreen

        screen = self.screen
        if isinstance(screen, ReaderScreen):
            self.editor.show_deleted(screen.article_id, f"of article {screen.article_id}")
        else:
            self.editor.show_deleted(None)

    def action_history(self) -> None:
        self.editor.history(self.current_item())

    # -- export ------------------------------------------------------------------------------

    def action_export(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.say("Nothing to export: nothing is marked or under the cursor")
            return
        from store.export import FORMATS, default_export_path
        from tui.app.modals.export import ExportModal

        now = self.clock()
        defaults = {fmt: default_export_path(fmt, now, self.export_dir) for fmt in FORMATS}

        def export(choice: ExportChoice | None) -> None:
            if choice is None:
                return
            if len(chosen) > LONG_EXPORT:
                self.say(f"Exporting {len(chosen):,} records…")
            self._export(chosen, choice.fmt, choice.path, overwrite=False)

        self.push_screen(ExportModal(self._describe(chosen), defaults), export)

    @work(thread=True, exclusive=False, exit_on_error=False, group="export")
    def _export(self, chosen: list[Mark], fmt: str, path: Path, overwrite: bool) -> None:
        from store.export.pipeline import export_records

        self.post_message(
            self.Exported(export_records(self.store, chosen, fmt, path, overwrite), fmt, chosen)
        )

    def on_claimdesk_app_exported(self, message: Exported) -> None:
        outcome = message.outcome
        if outcome.exists:

            def overwrite(yes: bool | None) -> None:
                if yes:
                    self._export(message.marks, message.fmt, outcome.path, overwrite=True)
                else:
                    self.say("Not exported: this file was kept:", str(outcome.path))

            # The file name on a line of its own: the dialog wraps at spaces, never inside it.
            self.push_screen(
                ConfirmModal(
                    f"{outcome.path.name}\nalready exists in {outcome.path.parent}.\nReplace it?",
                    yes="Replace",
                    no="Keep it",
                ),
                overwrite,
            )
        elif outcome.problem:
            self.say(outcome.problem, error=True)
        else:
            self.say(f"Exported {outcome.summary} →", str(outcome.path))

    # -- copy, open, search, help ------------------------------------------------------------

    def action_copy(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.say("Nothing to copy: nothing is marked or under the cursor")
            return
        self._cite(chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="cite")
    def _cite(self, chosen: list[Mark]) -> None:
        from store.export.pipeline import citations_for

        self.post_message(self.Cited(citations_for(self.store, chosen)))

    def on_claimdesk_app_cited(self, message: Cited) -> None:
        cited = message.citations
        if cited.problem:
            self.say(cited.problem, error=True)
            return
        self.copy_to_clipboard(cited.text)
        hint = f" ({TMUX_CLIPBOARD_HINT})" if os.environ.get("TMUX") else ""
        self.say(f"Copied {counted(cited.count, 'citation')} as Markdown{hint}")

    def action_open_url(self) -> None:
        item = self.current_item()
        if item is not None:
            self._open_url(article_id_of(item))

    @work(thread=True, exclusive=True, exit_on_error=False, group="browser")
    def _open_url(self, article_id: int) -> None:
        article = self.store.get_article(article_id)
        if article is None or not article.url:
            self.call_from_thread(self.say, "This article has no URL")
            return
        url = article.url
        console = console_browser(url)
        if console is not None:
            # A browser in the terminal (w3m, lynx) needs the terminal: the app steps aside.
            self.call_from_thread(self._run_in_terminal, console, url)
            return
        import webbrowser  # only when asked: it costs start-up time

        opened = webbrowser.open(url)
        self.call_from_thread(
            self.say, f"Opened {one_line(url)}" if opened else f"No web browser found for {url}"
        )

    def _run_in_terminal(self, command: list[str], url: str) -> None:
        """Run a console browser with the app suspended (the terminal is given back to it and
        the app is redrawn after); where suspending is not possible, say so instead of letting
        the browser write over the screen."""
        import subprocess

        from textual.app import SuspendNotSupported

        try:
            with self.suspend():
                finished = subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.say(f"Cannot hand the terminal to {command[0]} here; open {url} yourself")
            return
        except OSError as error:
            self.say(f"Could not run {command[0]}: {error}", error=True)
            return
        self.say(f"Back from {Path(command[0]).name} ({url})", error=finished.returncode != 0)

    def action_refresh_feeds(self) -> None:
        self.feeds.start()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def action_feeds(self) -> None:
        try:
            subscriptions = load_subscriptions(self.store)
        except Exception as error:  # one line for the user
            self.call_from_thread(
                self.notify, one_line(f"Feeds: {error}", 200), severity="error", markup=False
            )
            return
        self.call_from_thread(self.push_screen, FeedsModal(subscriptions))

    def action_search(self) -> None:
        # On the search screen ``/`` is its own key (back to the query line), never this one.
        # A search already open under this screen (search → open → /) is gone back to, with
        # its query and hits, instead of a new one pushed: one escape per step back, always.
        below = [screen for screen in self.screen_stack if isinstance(screen, SearchScreen)]
        if below:
            while self.screen is not below[-1]:
                self.pop_screen()
            below[-1].focus_query()
            return
        self.push_screen(SearchScreen(self.last_query))

    def on_unmount(self) -> None:
        self.keeper.save_now()
        self.live.stop()
        self.feeds.stop()
        self.search.close()
        self.collector.stop()

    def action_help(self) -> None:
        # The help dialog binds ? and F1 itself (to close), so this never runs on top of it.
        # Only claimdesk's keys (each has an id); Textual's own ("Scroll Left", "palette")
        # are left out, the command palette is listed under its name.
        rows: dict[str, tuple[list[str], str]] = {}
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.id:
                continue
            keys, _ = rows.setdefault(binding.id, ([], binding.description or binding.action))
            display = self.get_key_display(binding.with_key(key))
            if display not in keys:
                keys.append(display)
        table = [(" ".join(keys), does, binding_id) for binding_id, (keys, does) in rows.items()]
        palette = self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, ""))
        table.append((palette, "Command palette: every action by name", "app.palette"))
        title = type(self.screen).__name__.removesuffix("Screen")
        desk = self.desk()
        self.push_screen(
            HelpModal(
                title,
                table,
                str(self.keymap_file),
                notes=desk.HELP_NOTES if desk is not None else "",
            )
        )
