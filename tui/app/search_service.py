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
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from store.page_cache import prefetch

if TYPE_CHECKING:
    from store.search.engine import SearchEngine
    from store.search.hits import SearchHit
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
        self._titles: dict[int, str] = {}
        self._comment_of: dict[int, int | None] = {}
        self._authors: dict[int, str] = {}
        """What :meth:`context` read so far (article titles, claims' comments, authors)."""

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

    def known_context(
        self, hits: Sequence[SearchHit]
    ) -> tuple[dict[tuple[str, int], tuple[str, str]], bool]:
        """:meth:`context` from what was read before (no store access), and whether it is
        every hit's: the hits are shown with it at once, and :meth:`context` reads the rest
        after they are painted (a key press never waits for it)."""
        found: dict[tuple[str, int], tuple[str, str]] = {}
        complete = True
        for hit in hits:
            if hit.kind == "article":
                continue
            title = self._titles.get(hit.article_id)
            if hit.kind == "claim":
                if hit.id not in self._comment_of:
                    complete = False
                    continue
                in_comment = self._comment_of[hit.id]
                author = self._authors.get(in_comment) if in_comment is not None else ""
            else:
                author = ""
            if title is None or author is None:
                complete = False
                continue
            found[(hit.kind, hit.id)] = (author, title)
        return found, complete

    def context(self, hits: Sequence[SearchHit]) -> dict[tuple[str, int], tuple[str, str]]:
        """Where each claim and comment hit belongs: (the author of the comment a claim was
        made in, or "", the article's title). Read from the store for the hits not seen
        before (at most three small queries), kept for the rest of the session."""
        store = self._store()
        titles, comment_of, authors = self._titles, self._comment_of, self._authors
        claims = [h.id for h in hits if h.kind == "claim" and h.id not in comment_of]
        if claims:
            for claim in store.list_claims(ids=claims):
                comment_of[claim.id] = claim.comment_id
                titles.setdefault(claim.article_id, claim.article_title)
        comments = {c for h in hits if h.kind == "claim" and (c := comment_of.get(h.id))}
        missing = [c for c in comments if c not in authors]
        if missing:
            for comment in store.list_comments(ids=missing):
                authors[comment.id] = comment.author
        articles = [
            h.article_id for h in hits if h.kind != "article" and h.article_id not in titles
        ]
        if articles:
            for article in store.list_articles(ids=articles):
                titles[article.id] = article.title
        return self.known_context(hits)[0]

    def close(self) -> None:
        with self._opening:
            if self._engine is not None:
                self._engine.close()
                self._engine = None
