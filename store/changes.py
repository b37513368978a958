"""Has anyone written to the store since I last looked? One cheap question, asked twice a second.

The app's lists follow imports and edits made by other processes (another terminal's
``claimdesk import``, a colleague on a shared PostgreSQL store) by polling a token that changes
whenever a write is committed, and re-reading only then:

- SQLite: ``PRAGMA data_version`` on a connection of the watcher's own. SQLite changes the
  number that connection sees whenever *another* connection commits (so the app's own writes,
  made through the store's pooled connections, count too). Reading it touches no table: a few
  microseconds.
- PostgreSQL: the one-row ``desk_change`` counter, bumped in the writing transaction by
  statement-level triggers on the record tables (schema step "desk state"), so it becomes
  visible exactly when the rows do. Writers already queue on one advisory lock
  (:mod:`store.db`), so the counter row adds no waiting.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from store.store import Store


class ChangeWatcher:
    """``token()`` returns a value that differs after any committed write. One thread at a
    time (the caller locks)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn: sqlite3.Connection | None = None

    def token(self) -> object:
        """The store's change token now (None while a SQLite store has no file yet)."""
        path = self._store.path
        if path is not None:
            if self._conn is None:
                if not path.exists():
                    return None
                self._conn = sqlite3.connect(
                    f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        with self._store._read() as conn:
            return conn.execute(sa.text("SELECT counter FROM desk_change WHERE id = 1")).scalar()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
