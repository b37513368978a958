"""Search: a query line on top, hits of every kind below, updated as the user types.

A full :class:`Screen`, not a modal: the hits need the whole terminal, and opening a hit pushes
the reader on top of it, so ``escape`` from the reader comes back to the same hits (and
``escape`` here goes back to wherever ``/`` was pressed).

Each key press starts a thread worker (exclusive: a newer one cancels the older, which then
does not search at all if it was still waiting, see :class:`tui.app.search_service.SearchService`).
The worker posts :class:`SearchScreen.Results` carrying the query it answered and the engine's
:class:`~store.search.result.SearchResult` (hits and why there are none); the handler drops
results whose query is no longer what the input holds, so a slow answer to "pal" never
replaces the answer to "palm" that came first. What an empty list means is the engine's to say:
this screen shows the state it is given.

Keys: while typing, ``up``/``down`` move through the hits and ``enter`` opens one (fzf's
habit); ``tab`` moves into the list, where ``space`` marks a hit and ``/`` goes back to typing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.widget import Widget
from textual.widgets import Header, Input
from textual.worker import Worker, get_current_worker

from store.safe_text import one_line
from store.search.hits import SearchHit
from store.search.query import QUERY_HELP, QueryError
from store.search.result import SearchResult, SearchState
from tui.app.contract import DeskScreen
from tui.app.screens.reader import ReaderScreen
from tui.app.search_service import RESULT_LIMIT
from tui.app.widgets.desk_footer import DeskFooter
from tui.app.widgets.hit_list import HitList
from tui.app.widgets.message_line import MessageLine
from tui.perf.frame_hold import FrameHold
from tui.perf.overrides import repaint_only_virtual_size

if TYPE_CHECKING:
    from tui.app import ClaimdeskApp

ERROR_STYLE = "bold #ff5f5f"
PLACE_AFTER = 0.3
"""Seconds a query must stand before its hits are told which article they belong to.

That read and the repaint it brings cost the next key press 3-4 ms at p95 (10k records,
``benchmarks/bench_search_ui.py``) when it ran after every key; a person typing on does not
read the second lines, so they come once the typing pauses (a newer key cancels the wait).
A pause is longer than the gap between two keys of someone typing (100-250 ms): at 80 ms the
read and its repaint came between nearly every two keys and met the next one; with a key
every 100 ms at 1M records (``--pace 100``) that cost p95 32.9 ms against 25.0 ms at 0.3 s
(the next key's hits waited 7.5 ms at p95 for the interpreter, 0.4 ms at 0.3 s)."""
PROMPT = "Search articles, claims and comments — F1 for the syntax"


class StatusLine(Widget):
    """One line under the query: the hit count, or why there are none.

    Not a ``Static``: its ``update`` asks for a new layout of the whole screen, a cost paid on
    every key press for a line whose size never changes; a reactive that only repaints is not.
    (It once drew its line itself, to save 0.3–0.6 ms of the frames that show a new count:
    too little to keep beside Textual's own rendering.)
    """

    DEFAULT_CSS = "StatusLine { height: 1; padding: 0 1; }"

    text: reactive[Text] = reactive(Text(""), layout=False)
    """Plain text in one style (its spans are not drawn)."""

    def render(self) -> Text:
        return Text(
            one_line(self.text.plain), style=self.text.style, no_wrap=True, overflow="crop", end=""
        )


class QueryInput(Input):
    """The query line; arrows and enter act on the hits, so the fingers stay on typing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.hit_down", "Next hit", show=False, id="search.next_hit"),
        Binding("up", "screen.hit_up", "Previous hit", show=False, id="search.previous_hit"),
        Binding("pagedown", "screen.hit_page_down", "Page down", show=False, id="search.page_down"),
        Binding("pageup", "screen.hit_page_up", "Page up", show=False, id="search.page_up"),
        Binding("enter", "screen.open_hit", "Open", id="search.open"),
    ]

    virtual_size: Reactive[Size] = repaint_only_virtual_size()
    """``Input`` sets it to the text's width on every key press; this one only repaints
    (the figure is in :func:`~tui.perf.overrides.repaint_only_virtual_size`). Scrolling a
    long query still reads it."""

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """``?`` opens help, as on every screen (no query means a literal "?": the search
        drops punctuation)."""
        return character != "?" and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "?":
            event.prevent_default()  # Input's handler does not type it: help's binding runs


class SearchScreen(DeskScreen):
    """Fuzzy search over the whole store."""

    JUDGE_HINT = "Judging works on claims: choose a CLAIM hit (tab moves into the list)"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="search.close"),
        Binding(
            "enter",
            "open_hit",
            "Open",
            id="search.open",
            tooltip="Open the highlighted hit in the reader, at the match",
        ),
        Binding(
            "space",
            "toggle_mark",
            "Mark",
            id="search.mark",
            tooltip="Mark the highlighted hit for export (in the list; tab gets there)",
        ),
        Binding(
            "tab",
            "switch_focus",
            "Query/hits",
            show=False,
            id="search.switch_focus",
            tooltip="Move between the query line and the list of hits",
        ),
        Binding("slash", "focus_query", "Type", show=False, id="search.focus_query"),
    ]

    HELP_NOTES = (
        "While typing: up/down choose a hit, enter opens it in the reader, tab moves into the "
        "list.\nIn the list: space marks a hit, enter opens it, / goes back to typing. "
        "escape closes search.\nIn the reader, n and N step through the matches.\n\n" + QUERY_HELP
    )
    """Shown under the keys on the help screen: the table lists only the keys of the focused
    part (while typing, space and letters belong to the query), so the rest is said here."""

    app: ClaimdeskApp

    class Results(Message):
        """What a worker found for ``query``: the engine's result, or a one-line ``problem``."""

        def __init__(
            self,
            query: str,
            result: SearchResult | None = None,
            problem: str = "",
            context: dict[tuple[str, int], tuple[str, str]] | None = None,
        ) -> None:
            super().__init__()
            self.query = query
            self.result = result or SearchResult((), SearchState.NO_MATCH)
            self.problem = problem
            self.context = context or {}
            """Where each claim or comment hit belongs (comment author, article title)."""

        @property
        def hits(self) -> Sequence[SearchHit]:
            return self.result.hits

    class Placed(Message):
        """Where the hits for ``query`` belong, read after they were shown."""

        def __init__(self, query: str, context: dict[tuple[str, int], tuple[str, str]]) -> None:
            super().__init__()
            self.query = query
            self.context = context

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self._frame: FrameHold | None = None
        self._latest: Worker[None] | None = None
        """The search of the last key press, the one the next key press cancels."""
        """Holds a key's echo until its hits come, so one frame shows both (see FrameHold)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield QueryInput(self.initial_query, placeholder=PROMPT, id="query")
        yield StatusLine(id="search-status")
        yield HitList(is_marked=self._is_marked, id="hits")
        yield MessageLine(id="message")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.sub_title = "Search"
        self._frame = FrameHold(self.app)
        query = self.query_one(QueryInput)
        query.focus()
        query.select_all()
        self._show_status("Type to search: words, 'exact, ^start, end$, !not, a|b, author:…")
        if self.initial_query:
            self._start_search(self.initial_query)
        self._prepare()
        self.app.marks_changed.subscribe(self, self._show_marks, immediate=True)

    def _show_marks(self, _news: None = None) -> None:
        self.query_one(HitList).refresh()

    @work(thread=True, exit_on_error=False, group="prepare")
    def _prepare(self) -> None:
        """Make the engine and warm the store's pages while the user starts typing; a failure
        shows at the first search, which opens the engine again."""
        self.app.search.prepare()

    # -- searching ---------------------------------------------------------------------------

    @property
    def current_query(self) -> str:
        return self.query_one(QueryInput).value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value.strip():
            if self._frame is not None:
                self._frame.hold()
            self._start_search(event.value)
        else:
            self._cancel_search()
            self.query_one(HitList).show("", ())
            self._show_status("")
            self._release_frame()

    def _release_frame(self) -> None:
        if self._frame is not None:
            self._frame.release()

    def on_screen_suspend(self) -> None:
        self._release_frame()

    def on_unmount(self) -> None:
        self._release_frame()

    def _start_search(self, query: str) -> None:
        """Search for ``query``, cancelling the search of the key press before.

        Only that one worker is cancelled, not the whole group (``exclusive=True``): Textual
        cancels a group by walking every live worker of the app, and a burst of key presses
        (a paste without bracketed paste) leaves thousands waiting for the search lock, so
        each key walked all of them again: 18,000 keys froze the app for minutes. Every
        earlier worker was cancelled by its own successor already.
        """
        self._cancel_search()
        self._latest = self._search(query)

    def _cancel_search(self) -> None:
        if self._latest is not None:
            self._latest.cancel()
            self._latest = None

    @work(thread=True, exit_on_error=False, group="search")
    def _search(self, query: str) -> None:
        try:
            result = self.app.search.search(query)
        except QueryError as error:
            self.post_message(self.Results(query, problem=str(error)))
            return
        except Exception as error:  # the store could not be read: one line, never a traceback
            self.post_message(self.Results(query, problem=f"cannot search: {error}"))
            return
        if result is None:  # a newer key press took over
            return
        context, complete = self.app.search.known_context(result.hits)
        self.post_message(self.Results(query, result, context=context))
        worker = get_current_worker()
        if complete or worker.is_cancelled:  # a newer key: its own answer will say where
            return
        # Waits on the cancel event, not a sleep: the next key press wakes it at once. This
        # thread is one of the executor's few (six on two cores): sleeping workers of keys
        # typed within PLACE_AFTER filled them all, and the next key's search waited for one
        # to wake (worker start p95 15 ms, 22 ms in the slowest 5 % of key presses at 1M).
        if worker.cancelled_event.wait(PLACE_AFTER):
            return
        try:  # after the hits are on their way: the key press never waits for this
            context = self.app.search.context(result.hits)
        except Exception:  # the hits still show, without saying where they belong
            return
        if not worker.is_cancelled:
            self.post_message(self.Placed(query, context))

    def on_search_screen_results(self, message: Results) -> None:
        if message.query != self.current_query:
            return  # an answer to an older query: the newer one is on its way
        try:
            self._show_results(message)
        finally:
            self._release_frame()

    def on_search_screen_placed(self, message: Placed) -> None:
        hits = self.query_one(HitList)
        if message.query == self.current_query and message.query == hits.shown_query:
            hits.place(message.context)

    def _show_results(self, message: Results) -> None:
        hits = self.query_one(HitList)
        if message.problem:
            hits.show(message.query, (), message.problem, ERROR_STYLE)
            self._show_status(message.problem, ERROR_STYLE)
            return
        self.app.last_query = message.query
        state = message.result.state
        if state is SearchState.EMPTY_STORE:
            hits.show(
                message.query,
                (),
                "The store is empty: import documents with "
                "`claimdesk import PATH`, then search them here.",
            )
            self._show_status("")
            return
        if state is SearchState.NOTHING_YET:
            hits.show(message.query, (), "")
            self._show_status("Keep typing: nothing to look for yet")
            return
        if state is SearchState.NO_MATCH:
            hits.show(message.query, (), f"No matches for {one_line(message.query, 60)!r}.")
            self._show_status(one_line(message.result.notice, 80) or "0 hits")
            return
        hits.show(message.query, message.hits, context=message.context)
        count = len(message.hits)
        more = "+" if count >= RESULT_LIMIT else ""
        notice = f"{one_line(message.result.notice, 80)}  ·  " if message.result.notice else ""
        self._show_status(
            f"{notice}{count}{more} hit{'s' if count != 1 else ''}  ·  ↑↓ choose"
            "  ·  enter opens  ·  tab, then space marks"
        )

    def _show_status(self, text: str, style: str = "") -> None:
        status = self.query_one(StatusLine)
        if status.text.plain != text or status.text.style != (style or "dim"):
            status.text = Text(text, style=style or "dim")

    # -- acting on hits ----------------------------------------------------------------------

    def _is_marked(self, hit: SearchHit) -> bool:
        return self.app.is_marked(hit)

    def current_hit(self) -> SearchHit | None:
        return self.query_one(HitList).current_hit

    def current_item(self) -> SearchHit | None:
        """The hit under the cursor: ``e``, ``y``, ``o`` and ``v`` act on its record."""
        return self.current_hit()

    def action_hit_down(self) -> None:
        self.query_one(HitList).action_cursor_down()

    def action_hit_up(self) -> None:
        self.query_one(HitList).action_cursor_up()

    def action_hit_page_down(self) -> None:
        self.query_one(HitList).action_page_down()

    def action_hit_page_up(self) -> None:
        self.query_one(HitList).action_page_up()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_hit()

    def action_open_hit(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self._open(hit)

    def on_hit_list_opened(self, message: HitList.Opened) -> None:
        self._open(message.hit)

    def _open(self, hit: SearchHit) -> None:
        """The reader at the match: a claim or comment focused, a body scrolled to the word."""
        query = self.app.last_query = self.current_query
        if hit.kind == "article":
            at = hit.offset if hit.field == "body" else None
            self.app.push_screen(ReaderScreen(hit.article_id, body_offset=at, query=query))
        else:
            self.app.push_screen(
                ReaderScreen(hit.article_id, focus=(hit.kind, hit.id), query=query)
            )

    def action_toggle_mark(self) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        self.app.toggle_mark(hit)  # the marks_changed signal repaints the list
        hits = self.query_one(HitList)
        hits.cursor += 1
        self._show_status(f"{len(self.app.marks)} marked")

    def action_switch_focus(self) -> None:
        hits = self.query_one(HitList)
        if hits.has_focus:
            self.query_one(QueryInput).focus()
        else:
            hits.focus()

    def action_focus_query(self) -> None:
        self.query_one(QueryInput).focus()

    def focus_query(self) -> None:
        """Back on this screen from a reader opened here (``/``): type again at once."""
        query = self.query_one(QueryInput)
        query.focus()
        query.select_all()

    def action_close(self) -> None:
        self.dismiss()
