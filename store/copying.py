"""Copying a whole store into another: a personal SQLite file into the team's PostgreSQL, or back.

Rows are copied as they are (texts, claim statuses and notes, spans, figures, import times,
the edit history of each copied article and claim, deleted claims waiting to be restored, and
the followed feeds),
a chunk of articles at a time, each chunk in one write transaction of the destination: an
interrupted copy leaves whole articles behind, never half of one, and running it again
finishes it. An article the destination already holds (same URL, or same fingerprint) is
left as it is there, with its claims and their judgements: copying is idempotent, and never
overwrites what the team has judged since. Ids are kept when they are free in the
destination (a copy into an empty store is the same store, ids and all); otherwise the
copied rows get new ids, and their links (comment replies, claims' comments, figures) follow.

The destination's search index follows by the store's own write path (SQLite's triggers and
vocabulary, PostgreSQL's ``tsvector`` rows). On PostgreSQL the copied tables are analysed at
the end (:func:`store.db.analyze_after_bulk_write`): the first searches are planned on real
statistics, not on what autovacuum had seen mid-copy.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.db import analyze_after_bulk_write, is_postgres
from store.editing import DELETED, HISTORY
from store.fetch.subscriptions import SUBSCRIPTION
from store.models import ARTICLE as A
from store.models import CLAIM as CL
from store.models import COMMENT as C
from store.models import QUANTITY as Q
from store.search.index import SEARCH_TABLES as SQLITE_SEARCH_TABLES
from store.search.postgres_index import SEARCH_TABLES as POSTGRES_SEARCH_TABLES
from store.search.postgres_index import (
    IndexBuildError,
    LaterCounts,
    Prepared,
    Terms,
    build_indexes,
    copy_running,
    defer_indexes,
    index_rows,
    prepare,
)
from store.store import Store, StoreError, _index_words, _next_ids
from store.writing import RowBatch, chunks, insert_many

CHUNK = 1_000
"""Articles per destination transaction."""
WORKER_ARTICLES = 2_000
"""A source with more articles than this prepares its chunks in a worker process (see
:func:`copy_store`); a smaller one in a thread (a process costs ≈1 s to start)."""
KNOWN_TABLES = frozenset(
    {
        "article",
        "comment",
        "claim",
        "claim_quantity",
        "schema_version",
        "edit_history",
        "deleted_claim",
        "subscription",
        # The desk's own state (sort orders, marks, saved selections, the change counter)
        # belongs to the person at that desk, not to the collection: never copied.
        "desk_setting",
        "selection",
        "selection_item",
        "desk_change",
        *SQLITE_SEARCH_TABLES,
        *POSTGRES_SEARCH_TABLES,
    }
)

Progress = Callable[[int, int], None]
"""Called after each chunk with (articles looked at, articles in the source)."""


@dataclass(slots=True)
class CopyOutcome:
    articles: int = 0
    comments: int = 0
    claims: int = 0
    already: int = 0
    feeds: int = 0
    not_copied: list[str] = field(default_factory=list)
    """Tables of the source that this claimdesk does not know how to copy (none today)."""


def copy_store(source: Store, dest: Store, progress: Progress | None = None) -> CopyOutcome:
    """Copy every article of ``source`` that ``dest`` lacks, with its comments and claims.

    Into PostgreSQL, the next chunk's search vectors and word counts are made ahead while
    this chunk is written (:func:`store.search.postgres_index.prepare`): Python's tokenizing
    and the server's inserts overlap instead of waiting for each other. A large source
    prepares in a worker process, on the other core, which also makes the typo keys of the
    words no chunk before had (the destination's new words, unless it held some already or
    another writer added them: then they are made at the write): the keys and the vectors
    were two thirds of the copy's Python time, and a thread shares one core with the writer.

    Into an empty PostgreSQL index the search indexes (GIN, the typo keys' B-tree) are
    dropped first and built once the rows are in (:func:`defer_indexes`): filed row by row
    they were most of the server's work. A copy cut short builds them before it stops; any
    that a killed one left missing are built by the next copy, or when the store is next
    opened (:func:`store.search.postgres_index.build_indexes_left_missing`: not while a
    copy holds :func:`copy_running`'s lock, as this one does for its whole run).

    The counts of words the destination already holds are added every few chunks, not at
    each (:class:`store.search.postgres_index.LaterCounts`).
    """
    outcome = CopyOutcome()
    total = source.counts()["article"]
    if not is_postgres(dest.url):
        _copy_records(source, dest, outcome, progress, total)
    else:
        with _copy_lock(dest):
            # Into an empty index, the search indexes are built once the rows are in; one
            # left missing by an interrupted copy is built now.
            if not _on_search_indexes(dest, defer_indexes):
                _build_search_indexes(dest)
            later = LaterCounts()
            try:
                _copy_records(source, dest, outcome, progress, total, later)
            except BaseException:
                with contextlib.suppress(StoreError):
                    _flush(dest, later)
                    _build_search_indexes(dest)
                raise
            _flush(dest, later)
            _build_search_indexes(dest)
    # The planner's statistics for what was just loaded (PostgreSQL; see the function).
    analyze_after_bulk_write(dest._get_engine(), outcome.articles)
    return outcome


@contextlib.contextmanager
def _copy_lock(dest: Store) -> Iterator[None]:
    """:func:`copy_running` on ``dest``; a connection lost on the way is a one-line error."""
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(copy_running(dest._get_engine()))
        except sa.exc.DBAPIError as error:
            raise StoreError(f"cannot copy into {dest.where}: {error.orig}") from error
        yield


def _build_search_indexes(dest: Store) -> None:
    """Build the search indexes ``dest`` lacks (:func:`build_indexes`)."""
    try:
        build_indexes(dest._get_engine(), dest.where)
    except IndexBuildError as error:
        raise StoreError(str(error)) from error


def _flush(dest: Store, later: LaterCounts) -> None:
    """Add the copy's pending counts of already stored words (:class:`LaterCounts`), in a
    write transaction of their own."""
    if later.pending:
        _on_search_indexes(dest, later.flush)
        later.flushed()


def _on_search_indexes(dest: Store, step: Callable[[Any], Any]) -> Any:
    """``step`` (:func:`defer_indexes`, or a :meth:`LaterCounts.flush`) with a cursor, in a
    write transaction of a PostgreSQL ``dest``."""
    with dest._write() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            return step(cursor)
        finally:
            cursor.close()


def _copy_records(
    source: Store,
    dest: Store,
    outcome: CopyOutcome,
    progress: Progress | None,
    total: int,
    later: LaterCounts | None = None,
) -> None:
    """The articles, a chunk at a time, and the followed feeds (see :func:`copy_store`)."""
    ahead: Executor | None = None
    if is_postgres(dest.url):
        ahead = (
            ProcessPoolExecutor(max_workers=1, mp_context=_worker_context())
            if total > WORKER_ARTICLES
            else ThreadPoolExecutor(max_workers=1)
        )
    in_worker = isinstance(ahead, ProcessPoolExecutor)
    try:
        with source._read() as read:
            names = set(sa.inspect(read).get_table_names())
            outcome.not_copied = sorted(
                name
                for name in names - KNOWN_TABLES
                if not name.startswith(("sqlite_", "article_fts", "claim_fts", "comment_fts"))
            )
            done = 0

            def write(chunk: _Chunk) -> None:
                nonlocal done
                done += _write(dest, chunk, outcome, later)
                if progress is not None:
                    progress(done, total)

            pending: _Chunk | None = None
            for batch in _chunks(read):
                if ahead is not None:
                    batch.prepared = ahead.submit(_prepare, _texts(batch.rows), in_worker)
                if pending is not None:
                    write(pending)  # while the thread makes the next chunk's vectors
                pending = batch
            if pending is not None:
                write(pending)
            feeds = [dict(row._mapping) for row in read.execute(sa.select(SUBSCRIPTION))]
    finally:
        if ahead is not None:
            ahead.shutdown(wait=True, cancel_futures=True)
    with dest._write() as conn:
        outcome.feeds = _write_feeds(conn, feeds)


def _chunks(read: Connection) -> Iterator[_Chunk]:
    """The source's articles, :data:`CHUNK` at a time, with what belongs to them."""
    last = 0
    while True:
        articles = [
            dict(row._mapping)
            for row in read.execute(sa.select(A).where(A.c.id > last).order_by(A.c.id).limit(CHUNK))
        ]
        if not articles:
            return
        last = articles[-1]["id"]
        batch = _children(read, articles)
        batch.deleted, batch.history = _hanging(read, batch.rows)
        yield batch


def _write(dest: Store, chunk: _Chunk, outcome: CopyOutcome, later: LaterCounts | None) -> int:
    """Write one chunk in one transaction of ``dest``; the articles looked at. The counts
    ``later`` holds are added every few chunks, in a transaction of their own."""
    if later is None:
        with dest._write() as conn:
            _write_chunk(conn, chunk, outcome)
        return len(chunk.rows.articles)
    try:
        with dest._write() as conn:
            _write_chunk(conn, chunk, outcome, later)
    except BaseException:
        later.dropped()
        raise
    later.kept()
    if later.due:
        _flush(dest, later)
    return len(chunk.rows.articles)


def _prepare(rows: RowBatch, in_worker: bool) -> Prepared:
    """The chunk's search vectors and word counts, by source ids (every claim's and comment's
    article is in the chunk); in the worker process, also the typo keys of the words no
    chunk before had."""
    global _terms  # the worker process's own, made there on its first chunk
    titles = {row["id"]: row["title"] or "" for row in rows.articles}
    if not in_worker:
        return prepare(rows, titles)
    if _terms is None:
        _terms = Terms()
    return prepare(rows, titles, _seen, _terms)


def _worker_context() -> BaseContext:
    """Fork where there is one: the worker starts at once and imports nothing (a spawned one
    imports the caller's main module again, which an unguarded script would run). It
    touches none of the parent's connections: it only tokenizes what it is sent."""
    return get_context("fork" if "fork" in get_all_start_methods() else "spawn")


_seen: set[str] = set()
"""In the worker process (one per copy): the words of the chunks it has prepared."""
_terms: Terms | None = None
"""In the worker process: its tokenizer, which remembers the pieces of the chunks before
(the parent never makes one: a SQLite connection must not cross a fork)."""


_TEXT_FIELDS = {
    "articles": ("id", "title", "author", "site", "body", "tags"),
    "claims": ("id", "article_id", "text", "claimant"),
    "comments": ("id", "article_id", "body", "author"),
}


def _texts(rows: RowBatch) -> RowBatch:
    """The rows' ids and indexed texts alone: what preparing reads (and a worker process is
    sent)."""
    return RowBatch(
        *(
            [{key: row[key] for key in _TEXT_FIELDS[name]} for row in getattr(rows, name)]
            for name in ("articles", "comments", "claims")
        )
    )


@dataclass(slots=True)
class _Chunk:
    """A chunk's records, and what hangs on them by id: deleted claims and edit history."""

    rows: RowBatch
    deleted: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    prepared: Future[Prepared] | None = None
    """Its search vectors, being made in a thread (PostgreSQL destinations)."""


def _children(read: Connection, articles: list[dict[str, Any]]) -> _Chunk:
    ids = [row["id"] for row in articles]
    batch = RowBatch(articles=articles)
    for chunk in chunks(ids, 500):
        batch.comments += [
            dict(row._mapping)
            for row in read.execute(sa.select(C).where(C.c.article_id.in_(chunk)).order_by(C.c.id))
        ]
        batch.claims += [
            dict(row._mapping)
            for row in read.execute(
                sa.select(CL).where(CL.c.article_id.in_(chunk)).order_by(CL.c.id)
            )
        ]
    claim_ids = [row["id"] for row in batch.claims]
    for chunk in chunks(claim_ids, 500):
        batch.quantities += [
            dict(row._mapping)
            for row in read.execute(sa.select(Q).where(Q.c.claim_id.in_(chunk)).order_by(Q.c.id))
        ]
    return _Chunk(batch)


def _hanging(read: Connection, rows: RowBatch) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The deleted claims of ``rows``' articles, and the history of its articles and claims
    (a deleted claim's history too: restoring it brings it back)."""
    deleted: list[dict[str, Any]] = []
    for chunk in chunks([row["id"] for row in rows.articles], 500):
        deleted += [
            dict(row._mapping)
            for row in read.execute(
                sa.select(DELETED).where(DELETED.c.article_id.in_(chunk)).order_by(DELETED.c.id)
            )
        ]
    history: list[dict[str, Any]] = []
    for kind, ids in (
        ("article", [row["id"] for row in rows.articles]),
        ("claim", [row["id"] for row in (*rows.claims, *deleted)]),
    ):
        for chunk in chunks(ids, 500):
            history += [
                dict(row._mapping)
                for row in read.execute(
                    sa.select(HISTORY)
                    .where(HISTORY.c.kind == kind, HISTORY.c.record_id.in_(chunk))
                    .order_by(HISTORY.c.id)
                )
            ]
    history.sort(key=lambda row: row["id"])
    return deleted, history


def _write_feeds(conn: Connection, feeds: list[dict[str, Any]]) -> int:
    """The source's followed feeds that the destination does not follow yet (by URL)."""
    have = {row.url for row in conn.execute(sa.select(SUBSCRIPTION.c.url))}
    new = [row for row in feeds if row["url"] not in have]
    if not new:
        return 0
    for row in new:
        del row["id"]  # numbered by the database, as subscribing does
    insert_many(conn, SUBSCRIPTION, new)
    return len(new)


def _present(conn: Connection, articles: list[dict[str, Any]]) -> set[int]:
    """Source ids of the articles the destination already holds (by URL or fingerprint)."""
    by_url = {row["url"]: row["id"] for row in articles if row["url"]}
    by_print = {row["fingerprint"]: row["id"] for row in articles}
    found: set[int] = set()
    for chunk in chunks(list(by_url), 500):
        found.update(
            by_url[row.url] for row in conn.execute(sa.select(A.c.url).where(A.c.url.in_(chunk)))
        )
    for chunk in chunks(list(by_print), 500):
        found.update(
            by_print[row.fingerprint]
            for row in conn.execute(sa.select(A.c.fingerprint).where(A.c.fingerprint.in_(chunk)))
        )
    return found


def _write_chunk(
    conn: Connection, chunk: _Chunk, outcome: CopyOutcome, later: LaterCounts | None = None
) -> None:
    batch = chunk.rows
    # Before any id below changes: the thread reads the rows until it is done.
    prepared = chunk.prepared.result() if chunk.prepared is not None else None
    present = _present(conn, batch.articles)
    outcome.already += len(present)
    rows = RowBatch(
        articles=[r for r in batch.articles if r["id"] not in present],
        comments=[r for r in batch.comments if r["article_id"] not in present],
        claims=[r for r in batch.claims if r["article_id"] not in present],
    )
    kept_claims = {row["id"] for row in rows.claims}
    rows.quantities = [r for r in batch.quantities if r["claim_id"] in kept_claims]
    if not rows.articles:
        return
    deleted = [r for r in chunk.deleted if r["article_id"] not in present]
    claim_ids = kept_claims | {row["id"] for row in deleted}
    article_ids = {row["id"] for row in rows.articles}
    history = [
        r
        for r in chunk.history
        if r["record_id"] in (article_ids if r["kind"] == "article" else claim_ids)
    ]
    articles, comments, claims = _renumber(conn, rows, deleted)
    for row in deleted:
        row["id"] = claims.get(row["id"], row["id"])
        row["article_id"] = articles.get(row["article_id"], row["article_id"])
        if row["comment_id"] is not None:
            row["comment_id"] = comments.get(row["comment_id"], row["comment_id"])
        # The claim as it was, restored from this copy: its links must follow too.
        links = {key: row[key] for key in ("id", "article_id", "comment_id")}
        row["claim"] = {**row["claim"], **{k: v for k, v in links.items() if k in row["claim"]}}
    for row in history:
        del row["id"]  # numbered by the database, as the editor's rows are (a SERIAL there)
        ids = articles if row["kind"] == "article" else claims
        row["record_id"] = ids.get(row["record_id"], row["record_id"])
    for table, part in (
        (A, rows.articles),
        (C, rows.comments),
        (CL, rows.claims),
        (Q, rows.quantities),
        (DELETED, deleted),
        (HISTORY, history),
    ):
        if part:
            insert_many(conn, table, part)
    if prepared is None:
        _index_words(conn, rows)
    else:
        moved = {"search_article": articles, "search_comment": comments, "search_claim": claims}
        index_rows(conn, rows, prepared.renumbered(moved, same_rows=not present), later)
    outcome.articles += len(rows.articles)
    outcome.comments += len(rows.comments)
    outcome.claims += len(rows.claims)


Renumbering = tuple[dict[int, int], dict[int, int], dict[int, int]]
"""Old id to new id of articles, comments and claims (deleted ones too); empty: ids kept."""


def _renumber(conn: Connection, rows: RowBatch, deleted: list[dict[str, Any]]) -> Renumbering:
    """Keep the rows' ids if they are all above the destination's, else give new ones.

    Deleted claims share the claims' ids (a restored claim takes its id back), so they are
    numbered with them; the caller moves them and the history to the new ids."""
    free = _next_ids(conn)
    every_claim = [*rows.claims, *deleted]
    tables = (
        (rows.articles, free.article),
        (rows.comments, free.comment),
        (every_claim, free.claim),
        (rows.quantities, free.quantity),
    )
    if all(not part or min(r["id"] for r in part) >= first for part, first in tables):
        return {}, {}, {}
    maps = [
        {row["id"]: first + number for number, row in enumerate(part)} for part, first in tables
    ]
    articles, comments, claims, quantities = maps
    # The deleted claims are moved by the caller, with their articles and comments.
    for part, mapping in (
        (rows.articles, articles),
        (rows.comments, comments),
        (rows.claims, claims),
        (rows.quantities, quantities),
    ):
        for row in part:
            row["id"] = mapping[row["id"]]
    for row in rows.comments:
        row["article_id"] = articles[row["article_id"]]
        if row["parent_id"] is not None:
            row["parent_id"] = comments[row["parent_id"]]
    for row in rows.claims:
        row["article_id"] = articles[row["article_id"]]
        if row["comment_id"] is not None:
            row["comment_id"] = comments[row["comment_id"]]
    for row in rows.quantities:
        row["claim_id"] = claims[row["claim_id"]]
    return articles, comments, claims
