"""The app's one search engine, opened on first use and closed when the app ends.

:class:`store.search.engine.SearchEngine` reads the store file with its own SQLite connection;
the app keeps a single one so every search shares its open connection and warm page cache. It
is created lazily from a worker thread, because it needs the :class:`Store`, which may still be
opening (see :mod:`tui.app.store_loader`); nothing here may run on the UI thread.

Searches are serialised by the engine's one lock; a burst of key presses does not queue a
search per key, because each waiting worker is asked, once it holds that lock, whether a newer
key press has cancelled it (``cancelled=``), and gives up without searching if so. The query
the user last searched is not kept here: it is the app's (``ClaimdeskApp.last_query``), read
and written on the UI thread only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from store.page_cache import prefetch

if TYPE_CHECKING:
    from store.search.engine import SearchEngine
    from store.search.matching import WordMatcher
    from store.search.result import SearchResult
    from store.store import Store

RESULT_LIMIT = 50
"""Hits shown per query: more than a screen, few enough to draw at once."""


class SearchService:
    """Searches the store for the app's screens; call only from worker threads."""

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store
        self._engine: SearchEngine | None = None
        self._opening = threading.Lock()
        """Guards making the engine, once; searching is the engine's own lock."""

    def engine(self) -> SearchEngine:
        with self._opening:
            if self._engine is None:
                from store.search.engine import SearchEngine

                self._engine = SearchEngine(self._store())
            return self._engine

    def prepare(self) -> None:
        """Make the engine and have the store file read ahead, before the first key press.

        Called each time search opens: the OS may have evicted the file while the app sat
        idle, and asking again for pages it still holds costs next to nothing.
        """
        self.engine()
        path = self._store().path
        if path is not None:
            prefetch(path)

    def search(self, query: str, limit: int = RESULT_LIMIT) -> SearchResult | None:
        """Hits for ``query`` and the engine's word on it (no match, nothing to look for yet,
        an empty store, words left out); None when a newer search cancelled this worker while
        it waited.

        Raises :class:`~store.search.query.QueryError` (a bad query) and whatever the store
        raises; the screen shows either as one line.
        """
        worker = get_current_worker()
        return self.engine().find(
            query, limit, as_typed=True, cancelled=lambda: worker.is_cancelled
        )

    def matcher(self, query: str) -> WordMatcher:
        """The query's words as the engine expands them, to find them in an article."""
        if not query.strip():
            from store.search.matching import WordMatcher

            return WordMatcher()
        return self.engine().matcher(query, as_typed=True)

    def close(self) -> None:
        with self._opening:
            if self._engine is not None:
                self._engine.close()
                self._engine = None
