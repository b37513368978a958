"""Lists that follow the store: another process's import shows up within a second.

Twice a second a thread worker asks the store's :class:`~store.changes.ChangeWatcher` for its
token (SQLite's ``data_version``, PostgreSQL's change counter: microseconds, no table read);
when it moved, the app publishes ``store_changed`` and every list reads its count and the rows
around its cursor again, the cursor staying on its record (see ``RecordList.reload``).

The session is opened here too: the highest ids seen at the previous open are read (rows
above them are *new*, drawn with an ``N``) and today's are remembered for the next one; at
quit, what arrived while the app was open is remembered as seen.

The app's own bookkeeping writes (saving the marks) are *absorbed*: the token is read again
right after them, so saving a mark does not make every list read itself again.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from store.records import RecordKind

if TYPE_CHECKING:
    from store.changes import ChangeWatcher
    from store.store import Store
    from tui.app import ClaimdeskApp

POLL_SECONDS = 0.5
"""How often the store is asked whether anything was committed: an import elsewhere is on
screen within this plus one read of the lists."""
_UNSET = object()


class LiveStore:
    """The change poller and the session of one app; ``start`` and ``stop`` on the UI thread."""

    def __init__(self, app: ClaimdeskApp, store: Callable[[], Store]) -> None:
        self._app = app
        self._store = store
        self._lock = threading.Lock()
        self._watcher: ChangeWatcher | None = None
        self._token: object = _UNSET
        self._checking = False
        self._stopped = False
        self.new_after: dict[RecordKind, int] | None = None
        """Per kind, rows with a higher id arrived since the last open (None: first open)."""
        self.opened = False
        self.checks = 0
        """How many times the store was asked whether it changed."""
        self.changed_at_check = 0
        """The check that last saw a change: "within a second" in the poller's own terms, which
        a test can hold whatever the machine's load (see tests/app/test_app_desk_lists.py)."""

    def start(self) -> None:
        self._app.run_worker(self._open_session, thread=True, group="session", exit_on_error=False)
        self._app.set_interval(POLL_SECONDS, self._tick, name="store-watch")

    # -- worker threads ----------------------------------------------------------------------

    def _open_session(self) -> None:
        from store.desk_state import open_session

        try:
            before = self._current_token()
            new_after = open_session(self._store())
        except Exception:  # the store's failure is reported by the app's own opening
            return
        # The first token is the one from before the session's own write: a commit from
        # elsewhere after it is news. Taken at the first tick instead, a commit made before
        # that tick was folded into it and never shown (the lists had been read already).
        self._call(self._first_token, before)
        self.absorb()  # opening the session wrote the ids seen: not news for the lists
        self._call(self._opened, new_after)  # the lists read again, after ``before``

    def _current_token(self) -> object:
        with self._lock:
            if self._watcher is None:
                from store.changes import ChangeWatcher

                self._watcher = ChangeWatcher(self._store())
            return self._watcher.token()

    def _check(self) -> None:
        token: object = self._token
        with contextlib.suppress(Exception):  # unreadable now: asked again at the next tick
            token = self._current_token()
        self._call(self._checked, token)

    def absorb(self) -> None:
        """Take the app's own write just committed as seen (from the writing worker)."""
        try:
            token = self._current_token()
        except Exception:
            return
        self._call(self._absorbed, token)

    def _call(self, callback: Callable[..., object], *args: object) -> None:
        if self._stopped:
            return
        with contextlib.suppress(RuntimeError):  # the app is closing: nothing left to tell
            self._app.call_from_thread(callback, *args)

    # -- the UI thread -----------------------------------------------------------------------

    def _opened(self, new_after: dict[RecordKind, int] | None) -> None:
        self.new_after = new_after
        self.opened = True
        self._app.store_changed.publish(None)

    def _tick(self) -> None:
        if self._checking or self._stopped:
            return
        self._checking = True
        self._app.run_worker(self._check, thread=True, group="store-watch", exit_on_error=False)

    def _checked(self, token: object) -> None:
        self._checking = False
        self.checks += 1
        if token == self._token:
            return
        first = self._token is _UNSET
        self._token = token
        if not first:
            self.changed_at_check = self.checks
            self._app.store_changed.publish(None)

    def _first_token(self, token: object) -> None:
        if self._token is _UNSET:
            self._token = token

    def _absorbed(self, token: object) -> None:
        if self._token is not _UNSET:
            self._token = token

    def stop(self) -> None:
        """At quit: remember what arrived meanwhile as seen, close the watcher's connection."""
        self._stopped = True
        if self.opened:
            from store.desk_state import close_session

            with contextlib.suppress(Exception):  # quitting goes on; next open shows more as new
                close_session(self._store())
        with self._lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
