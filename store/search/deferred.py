"""A large write transaction's full-text index, built in bulk once its rows are written.

The FTS5 tables follow the records through AFTER INSERT triggers (see
:mod:`store.search.index`). For a bulk import that is the costliest way to fill them: each
multi-row INSERT fires its trigger once per row, opens a statement journal, and makes FTS5
flush its pending postings into a segment of its own at the statement's end, segments that
automerge then rewrites again and again. An import of many batches into one transaction
(``claimdesk import`` of a file, see :meth:`store.store.Store.transaction`) therefore drops
the three insert triggers when it starts writing in bulk and, just before it commits, indexes
every record it wrote with one ``INSERT … SELECT`` per table, in id order (FTS5 rowids must
grow with insertion order), then puts the triggers back as they were (their own SQL, read from
``sqlite_master``).

All of this happens inside the write transaction: another connection never sees the store
without its triggers (it holds the write lock, and readers see the last commit), and an import
killed or failed at any moment rolls the DROP back with the rows. The index it leaves holds
the same postings the triggers would have written: the same rows, columns and tokenizer, and
for claims and comments the same ``context`` (the article's title, read through the same
views). Records written before the triggers were dropped (a transaction's first, small batch)
were indexed by them and are not indexed again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from store.search.vocabulary import Cursorable

INSERT_TRIGGERS = {
    "article": "article_fts_ai",
    "claim": "claim_fts_ai",
    "comment": "comment_fts_ai",
}
"""The trigger that indexes each kind's new rows (created by :data:`~store.search.index.
SEARCH_DDL`)."""

_BULK_INSERTS = {
    "article": "INSERT INTO article_fts (rowid, title, body, author, site, tags) "
    "SELECT id, title, body, author, site, tags FROM article WHERE id >= ? ORDER BY id",
    "claim": "INSERT INTO claim_fts (rowid, text, claimant, context) "
    "SELECT id, text, claimant, context FROM search_claim_doc WHERE id >= ? ORDER BY id",
    "comment": "INSERT INTO comment_fts (rowid, body, author, context) "
    "SELECT id, body, author, context FROM search_comment_doc WHERE id >= ? ORDER BY id",
}
"""What each trigger inserts, for every row from a first id on (the views give a claim's or
comment's article title as its ``context``, as the triggers' sub-select does)."""

BULK_DOCUMENTS = 50
"""A batch of at least this many documents turns the triggers off for the rest of its
transaction; a smaller one (the app storing a fetched page) keeps them, and leaves the
schema alone."""


BULK_HASH_BYTES = 64 * 2**20
"""Postings FTS5 gathers in memory before writing a segment, while it indexes in bulk (its
default is 1 MiB). Fewer, larger segments: less merging while it writes, and often nothing
left for :func:`~store.search.index.merge_segments` to merge. Re-indexing the 100k-record
benchmark store took 2.0 s of CPU instead of 2.8 (merging into one segment included)."""

DEFAULT_HASH_BYTES = 1024 * 1024
"""FTS5's own ``hashsize`` (FTS5_DEFAULT_HASHSIZE), put back on this connection after."""


def _set_hash_size(conn: Cursorable, table: str, size: int | None) -> bool:
    """Set FTS5's (undocumented, per-table) ``hashsize`` for ``table``; None puts the default
    back and deletes the setting from the table's ``_config``, which is then as it was (the
    option is stored there by FTS5 when set). False if this SQLite's FTS5 refuses the option
    (an undocumented one may go): the build then runs with its default, only slower."""
    value = DEFAULT_HASH_BYTES if size is None else size
    try:
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?)", (value,))  # noqa: S608
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode != sqlite3.SQLITE_ERROR:
            raise  # the disk, the lock: not the option
        return False
    if size is None:
        conn.execute(f"DELETE FROM {table}_config WHERE k = 'hashsize'")  # noqa: S608
    return True


@dataclass(slots=True)
class DeferredIndex:
    """The full-text indexing of one SQLite write transaction, deferred to its end."""

    first_ids: dict[str, int] = field(default_factory=dict)
    """Per kind, the first id written after its trigger was dropped; empty while the
    triggers are on."""
    triggers: dict[str, str] = field(default_factory=dict)
    """The dropped triggers' SQL, to create them again as they were."""

    @property
    def deferred(self) -> bool:
        return bool(self.triggers)

    def before_batch(self, conn: Cursorable, documents: int) -> None:
        """Called before each batch is written (outside its savepoint): a large one drops
        the insert triggers, once per transaction."""
        if self.deferred or documents < BULK_DOCUMENTS:
            return
        for kind, trigger in INSERT_TRIGGERS.items():
            row = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
            ).fetchone()
            if row is None:
                continue  # no such trigger here (a store of another shape): keep its way
            last = conn.execute(f"SELECT coalesce(max(id), 0) FROM {kind}").fetchone()[0]  # noqa: S608
            self.first_ids[kind] = int(last) + 1
            self.triggers[trigger] = str(row[0])
            conn.execute(f"DROP TRIGGER {trigger}")

    def finish(self, conn: Cursorable) -> None:
        """Index the rows written since the triggers were dropped, and restore them (inside
        the transaction, before it commits)."""
        for kind, first in self.first_ids.items():
            table = f"{kind}_fts"
            larger = _set_hash_size(conn, table, BULK_HASH_BYTES)
            try:
                conn.execute(_BULK_INSERTS[kind], (first,))
            finally:
                if larger:
                    _set_hash_size(conn, table, None)
        for sql in self.triggers.values():
            conn.execute(sql)
        self.first_ids.clear()
        self.triggers.clear()
