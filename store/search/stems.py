"""Words cut to the terms the full-text index holds for them (its porter stems), in process.

The engine sometimes reads a few hundred records and looks for a query word in their text
itself instead of asking the index (see :func:`store.search.engine._within_rare_words`).
The index matches a word by its stem ("studies" finds "studied"), so the text must be read
the same way, or a record the index finds would be missed. The stems are FTS5's own: an
in-memory SQLite table with the store's tokenizer cuts the words, as the PostgreSQL index
does (:class:`store.search.postgres_index.Terms`), so both databases see the same terms.
Cutting costs ≈6 µs a word, so the words seen are remembered.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from store.search.index import TOKENIZER

KEPT = 200_000
"""Words whose stems are remembered (≈20 MB); the memory is emptied when it is full."""


class Stems:
    """The index term of each word, remembered; one instance per engine (not thread-safe)."""

    def __init__(self) -> None:
        self._db: sqlite3.Connection | None = None
        self._known: dict[str, str] = {}

    def _table(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            self._db.execute(f"CREATE VIRTUAL TABLE t USING fts5(w, tokenize={TOKENIZER!r})")
            self._db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        return self._db

    def of(self, words: Iterable[str]) -> dict[str, str]:
        """Each of ``words`` (single words, as :func:`vocabulary.words` cuts them) and the
        term the index holds for it ("" for a word the tokenizer drops)."""
        wanted = list(dict.fromkeys(words))
        missing = [word for word in wanted if word not in self._known]
        if missing:
            if len(self._known) + len(missing) > KEPT:
                self._known.clear()
            for word, term in zip(missing, self._cut(missing), strict=True):
                self._known[word] = term
        known = self._known
        return {word: known.get(word, "") for word in wanted}

    def _cut(self, words: list[str]) -> list[str]:
        """The terms of ``words``, asked of the in-memory index in one go."""
        db = self._table()
        db.execute("BEGIN")
        try:
            # One row of all the words: the instance table gives each word's term by its
            # position (a row per word costs 3x as much).
            db.execute("INSERT INTO t (rowid, w) VALUES (1, ?)", (" ".join(words),))
            found = db.execute("SELECT term, offset FROM v").fetchall()
            if len(found) != len(words):  # a word cut in two or dropped: one row each
                db.execute("DELETE FROM t")
                db.executemany("INSERT INTO t (rowid, w) VALUES (?, ?)", enumerate(words))
                found = db.execute("SELECT term, doc FROM v ORDER BY doc, offset DESC").fetchall()
            db.execute("DELETE FROM t")
        finally:
            db.execute("COMMIT")
        terms = {int(position): term for term, position in found}
        return [terms.get(position, "") for position in range(len(words))]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
