"""Turning drafts into table rows: validation, pre-assigned ids, and one executemany per table.

:class:`~store.store.Store` holds the transaction; this module builds what it writes. Ids are
assigned here (the writer holds SQLite's write lock, see :mod:`store.db`) so that comments can
point at their parents and claims at their comments before anything is inserted.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.db import copy_rows
from store.moments import offset_minutes
from store.records import INT64, MANUAL_METHOD, ClaimDraft, ClaimStatus, DocumentDraft

_STATUSES = frozenset(status.value for status in ClaimStatus)
_STATUS_OF = {status.value: status for status in ClaimStatus}
"""``ClaimStatus(x)`` for a known status (a member hashes as its value): a dict look-up, where
the enum's call cost ≈5 µs per claim of a large import."""


def fingerprint(title: str, body: str) -> str:
    """A content hash that ignores case and white space, for documents without a URL."""
    # ``str.split()`` splits on exactly the characters ``\s`` matches (str.isspace), so this
    # is the pattern's ``sub(" ", …).strip()``, made in C without the pattern's machinery.
    text = " ".join(f"{title}\n{body}".split()).casefold()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class IdCounter:
    """Next free ids, read once per write transaction while holding the write lock."""

    article: int
    comment: int
    claim: int
    quantity: int


@dataclass(slots=True)
class RowBatch:
    """Rows of one batch, ready for one executemany per table."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)


def problem(draft: DocumentDraft) -> str | None:
    """Why a draft cannot be stored as it is, or None; checked before anything is written."""
    if not isinstance(draft.title, str) or not isinstance(draft.body, str):
        return "no title or body"
    if not draft.title.strip() and not draft.body.strip():
        return "no text: empty title and body"
    for index, comment in enumerate(draft.comments):
        parent = comment.parent_index
        if parent is not None and not 0 <= parent < index:
            return f"comment {index + 1} replies to a comment that does not come before it"
    for claim in draft.claims or []:
        where = claim.comment_index
        if where is not None and not 0 <= where < len(draft.comments):
            return f"a claim points at comment {where + 1}, which the document does not have"
        if claim.status not in _STATUSES:
            return f"unknown claim status {claim.status!r}"
        if claim.start not in INT64 or claim.end not in INT64:
            return "a claim's place in the text is a number too large to store"
    return None


_FATAL_SQLITE_CODES = frozenset(
    {
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_NOTADB,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
    }
)
"""Errors after which SQLite may have rolled back the whole transaction, or after which
nothing more can be written: the transaction fails, not one document."""


def transaction_lost(conn: Connection, error: BaseException) -> bool:
    """Whether ``error``, met writing one document, ended the whole write transaction."""
    cause = getattr(error, "orig", None) or error
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _FATAL_SQLITE_CODES:
        return True
    driver = conn.connection.driver_connection
    if isinstance(driver, sqlite3.Connection):
        return not driver.in_transaction
    return not conn.in_transaction()


def refusal(error: BaseException) -> str:
    """Why the store refused one document, in one line for the user (no Python jargon)."""
    if isinstance(error, OverflowError):
        return "the store refused it: a number in it is too large to store (more than 64 bits)"
    if isinstance(error, UnicodeError):
        return "the store refused it: text in it is not valid Unicode"
    cause = getattr(error, "orig", None)
    if cause is not None:
        return f"the store refused it: {cause}"
    if isinstance(error, sqlite3.Error | sa.exc.SQLAlchemyError):
        return f"the store refused it: {error}"
    return "the store could not write it (an unexpected value in one of its fields)"


ROWS_PER_STATEMENT = 500
"""Rows per multi-row INSERT on SQLite (fewer if the driver's variable limit demands it)."""


def insert_many(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys), values bound by the columns' own types
    (JSON, UTC times), with as few statements as the driver allows.

    ``conn.execute(insert, rows)`` builds a parameter dict per row through the compiler, which
    profiling showed to cost twice the insert itself on large imports; here the statement is
    compiled once and each row is one tuple of processed values. Errors are still raised as
    :class:`DBAPIError`, so the savepoint fallback is unchanged.
    """
    dialect = conn.dialect
    compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    # A positional driver (sqlite3's "?") wants the values in the statement's order.
    keys = list(compiled.positiontup or ()) if dialect.positional else list(rows[0])
    columns = [
        (key, table.c[key].type.dialect_impl(dialect).bind_processor(dialect)) for key in keys
    ]
    if dialect.positional:
        params: list[Any] = _positional(rows, columns)
    else:
        params = [
            {key: process(row[key]) if process else row[key] for key, process in columns}
            for row in rows
        ]
    driver = conn.connection.driver_connection
    if isinstance(driver, sqlite3.Connection):
        _insert_multirow(conn, driver, table, keys, params)
    elif dialect.name == "postgresql":
        copy_rows(conn, table, keys, [tuple(row.values()) for row in params])
    else:
        conn.exec_driver_sql(compiled.string, params)


def _positional(
    rows: list[dict[str, Any]], columns: Sequence[tuple[str, Callable[[Any], Any] | None]]
) -> list[tuple[Any, ...]]:
    """Each row as a tuple of its values in ``columns``' order, bound by their processors.

    The values are picked by one ``itemgetter`` and only the columns that have a processor
    (times, JSON lists, booleans) are touched one by one: a third of the time a value-by-value
    comprehension took (a large import's rows are built in the write lock's thread).
    """
    if len(columns) == 1:  # itemgetter of one key gives the value, not a tuple
        key, process = columns[0]
        return [(process(row[key]) if process else row[key],) for row in rows]
    pick = itemgetter(*[key for key, _ in columns])
    processed = [(place, process) for place, (_, process) in enumerate(columns) if process]
    if not processed:
        return [pick(row) for row in rows]
    params = []
    for row in rows:
        values = list(pick(row))
        for place, process in processed:
            values[place] = process(values[place])
        params.append(tuple(values))
    return params


def _insert_multirow(
    conn: Connection,
    driver: sqlite3.Connection,
    table: sa.Table,
    keys: list[str],
    params: list[tuple[Any, ...]],
) -> None:
    """``INSERT … VALUES (…), (…), …`` with many rows per statement, on SQLite.

    An executemany runs the statement once per row, and a statement that fires triggers (the
    search index's, see :mod:`store.search.index`) opens a statement journal each time:
    SQLite copies every page the row touches (tables and indexes) into it, and FTS5 writes
    its pending postings to disk at each such savepoint, a tiny segment per row that merging
    then rewrites. Measured replaying 10k benchmark documents: 4.4 s row by row, 1.2 s with
    multi-row statements; the triggers stay as they are, so every writer is still indexed.
    """
    preparer = conn.dialect.identifier_preparer
    names = ", ".join(preparer.quote(key) for key in keys)
    row_marks = "(" + ", ".join("?" * len(keys)) + ")"
    # Table and column names come from the models, quoted by the dialect; values are bound.
    head = f"INSERT INTO {preparer.format_table(table)} ({names}) VALUES "  # noqa: S608
    limit = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(ROWS_PER_STATEMENT, limit // len(keys)))
    for start in range(0, len(params), per_statement):
        part = params[start : start + per_statement]
        sql = head + ", ".join([row_marks] * len(part))
        conn.exec_driver_sql(sql, tuple(chain.from_iterable(part)))


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def article_row(
    draft: DocumentDraft, article_id: int, print_: str, now: datetime
) -> dict[str, Any]:
    return {
        "id": article_id,
        "title": draft.title,
        "url": draft.url or None,
        "site": draft.site,
        "author": draft.author,
        "published": draft.published,
        "published_offset": offset_minutes(draft.published),
        "body": draft.body,
        "images": list(draft.images),
        "tags": list(draft.tags),
        "source": draft.source,
        "fingerprint": print_,
        "imported_at": now,
    }


def add_comments(
    rows: RowBatch, draft: DocumentDraft, article_id: int, ids: IdCounter
) -> list[int]:
    comment_ids: list[int] = []
    for position, comment in enumerate(draft.comments):
        comment_id = ids.comment
        ids.comment += 1
        parent = comment.parent_index
        parent_id = comment_ids[parent] if parent is not None else None
        comment_ids.append(comment_id)
        rows.comments.append(
            {
                "id": comment_id,
                "article_id": article_id,
                "parent_id": parent_id,
                "author": comment.author,
                "posted": comment.posted,
                "posted_offset": offset_minutes(comment.posted),
                "body": comment.body,
                "position": position,
            }
        )
    return comment_ids


def add_claims(
    rows: RowBatch,
    claims: Sequence[ClaimDraft],
    article_id: int,
    comment_ids: list[int],
    ids: IdCounter,
) -> None:
    for claim in claims:
        claim_id = ids.claim
        ids.claim += 1
        index = claim.comment_index
        rows.claims.append(
            {
                "id": claim_id,
                "article_id": article_id,
                "comment_id": comment_ids[index] if index is not None else None,
                "text": claim.text,
                "start": claim.start,
                "end": claim.end,
                "claimant": claim.claimant,
                "attribution": claim.attribution,
                "hedges": list(claim.hedges),
                "status": (_STATUS_OF.get(claim.status) or ClaimStatus(claim.status)).value,
                "note": claim.note,
                "method": claim.method,
                "judged": is_judged(claim),
                "manual": claim.manual or claim.method == MANUAL_METHOD,
                "judged_at": claim.judged_at,
                "claimant_type": claim.claimant_type
                if claim.claimant_type in ("person", "organization")
                else None,
            }
        )
        for position, quantity in enumerate(claim.quantities):
            rows.quantities.append(
                {
                    "id": ids.quantity,
                    "claim_id": claim_id,
                    "position": position,
                    "count": _stored_count(quantity.count),
                    "text": quantity.text,
                    "item": quantity.item,
                    "value": _real(quantity.count),
                    "unit": quantity.unit,
                    "high": _real(quantity.high),
                    "whole": _real(quantity.of),
                }
            )
            ids.quantity += 1


def _stored_count(count: int | float | None) -> int | None:
    """The INTEGER ``count`` column: a whole count that fits in 64 bits, else NULL.

    "99999999999999999999 drones" would overflow the column (sqlite3 raises OverflowError);
    its value is kept in the REAL ``value`` column and its words in ``text``.
    """
    if isinstance(count, int) and count in INT64:
        return count
    if isinstance(count, float) and count.is_integer() and int(count) in INT64:
        return int(count)
    return None


def _real(number: int | float | None) -> float | None:
    """A number for a REAL column; a value beyond a double's range (not from text) is NULL."""
    if number is None:
        return None
    try:
        return float(number)
    except OverflowError:
        return None


MACHINE_NOTES = ("Reporter: ", "Commenter: ")
"""How the extractor's own notes start (see :mod:`store.claims.extractor`)."""


def is_judged(claim: ClaimDraft) -> bool:
    """Whether a claim arrives judged: a status the extractor never gives or a note that is
    not the extractor's (a claimdesk export brings the user's judgements back)."""
    status = _STATUS_OF.get(claim.status) or ClaimStatus(claim.status)
    if status not in (ClaimStatus.UNVERIFIED, ClaimStatus.UNVERIFIABLE):
        return True
    return bool(claim.note) and not claim.note.startswith(MACHINE_NOTES)
