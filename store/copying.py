"""Copying a whole store into another: a personal SQLite file into the team's PostgreSQL, or back.

Rows are copied as they are (texts, claim statuses and notes, spans, figures, import times),
a chunk of articles at a time, each chunk in one write transaction of the destination: an
interrupted copy leaves whole articles behind, never half of one, and running it again
finishes it. An article the destination already holds (same URL, or same fingerprint) is
left as it is there, with its claims and their judgements: copying is idempotent, and never
overwrites what the team has judged since. Ids are kept when they are free in the
destination (a copy into an empty store is the same store, ids and all); otherwise the
copied rows get new ids, and their links (comment replies, claims' comments, figures) follow.

The destination's search index follows by the store's own write path (SQLite's triggers and
vocabulary, PostgreSQL's ``tsvector`` rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.models import ARTICLE as A
from store.models import CLAIM as CL
from store.models import COMMENT as C
from store.models import QUANTITY as Q
from store.search.index import SEARCH_TABLES as SQLITE_SEARCH_TABLES
from store.search.postgres_index import SEARCH_TABLES as POSTGRES_SEARCH_TABLES
from store.store import Store, _index_words, _next_ids
from store.writing import RowBatch, chunks, insert_many

CHUNK = 1_000
"""Articles per destination transaction."""
KNOWN_TABLES = frozenset(
    {
        "article",
        "comment",
        "claim",
        "claim_quantity",
        "schema_version",
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
    not_copied: list[str] = field(default_factory=list)
    """Tables of the source that this claimdesk does not know how to copy (none today)."""


def copy_store(source: Store, dest: Store, progress: Progress | None = None) -> CopyOutcome:
    """Copy every article of ``source`` that ``dest`` lacks, with its comments and claims."""
    outcome = CopyOutcome()
    total = source.counts()["article"]
    with source._read() as read:
        names = set(sa.inspect(read).get_table_names())
        outcome.not_copied = sorted(
            name
            for name in names - KNOWN_TABLES
            if not name.startswith(("sqlite_", "article_fts", "claim_fts", "comment_fts"))
        )
        done = 0
        last = 0
        while True:
            articles = [
                dict(row._mapping)
                for row in read.execute(
                    sa.select(A).where(A.c.id > last).order_by(A.c.id).limit(CHUNK)
                )
            ]
            if not articles:
                break
            last = articles[-1]["id"]
            batch = _children(read, articles)
            with dest._write() as conn:
                _write_chunk(conn, batch, outcome)
            done += len(articles)
            if progress is not None:
                progress(done, total)
    return outcome


def _children(read: Connection, articles: list[dict[str, Any]]) -> RowBatch:
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
    return batch


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


def _write_chunk(conn: Connection, batch: RowBatch, outcome: CopyOutcome) -> None:
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
    _renumber(conn, rows)
    for table, part in (
        (A, rows.articles),
        (C, rows.comments),
        (CL, rows.claims),
        (Q, rows.quantities),
    ):
        if part:
            insert_many(conn, table, part)
    _index_words(conn, rows)
    outcome.articles += len(rows.articles)
    outcome.comments += len(rows.comments)
    outcome.claims += len(rows.claims)


def _renumber(conn: Connection, rows: RowBatch) -> None:
    """Keep the rows' ids if they are all above the destination's, else give new ones."""
    free = _next_ids(conn)
    tables = (
        (rows.articles, free.article),
        (rows.comments, free.comment),
        (rows.claims, free.claim),
        (rows.quantities, free.quantity),
    )
    if all(not part or min(r["id"] for r in part) >= first for part, first in tables):
        return
    maps: list[dict[int, int]] = []
    for part, first in tables:
        mapping = {row["id"]: first + number for number, row in enumerate(part)}
        for row in part:
            row["id"] = mapping[row["id"]]
        maps.append(mapping)
    articles, comments, claims, _ = maps
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
