"""Opening the store off the start-up path.

Importing :mod:`store.store` pulls in SQLAlchemy and SQLModel (≈375 ms here), longer than
Textual needs to paint its first frame. The app therefore starts with a :class:`StoreLoader`;
the first worker thread that needs the store imports and opens it, every other worker waits for
that one, and the UI thread never does either.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.store import Store


class StoreLoader:
    """The store named by ``--db`` (or the default), opened once, on first use."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._error: Exception | None = None

    def start(self) -> None:
        """Begin opening the store in a background thread (errors surface from :meth:`get`)."""
        threading.Thread(
            target=self._open_quietly, name="claimdesk-open-store", daemon=True
        ).start()

    def _open_quietly(self) -> None:
        # A failure is kept in self._error; the app reports it when its worker calls get().
        with contextlib.suppress(Exception):
            self.get()

    def get(self) -> Store:
        """The open store; raises ``StoreError`` (every time) if it cannot be opened."""
        with self._lock:
            if self._store is None and self._error is None:
                from store.store import Store, StoreError

                store = Store.open(self.db)
                try:
                    store.check()  # a broken store fails here, at start, not mid-scroll
                except StoreError as error:
                    store.close()
                    self._error = error
                else:
                    self._store = store
            if self._error is not None:
                raise self._error
            assert self._store is not None
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
