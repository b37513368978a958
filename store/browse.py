"""Sorted, paged reads for the browser's lists: one page of ids at a time, never all rows.

A list of a million rows is read the way a person scrolls it: the interface asks for rows
``offset .. offset+limit`` in some order, and only those are turned into records. Each order a
list offers is backed by an index (see :mod:`store.schema`, step "browse sort indexes"), with
the row id as tie-breaker, so SQLite walks the index instead of sorting the table.

Offset paging costs time in proportion to the offset. A page past the middle is therefore read
from the other end in the reverse order (``G`` on a million rows costs the same as ``g``), which
bounds every page to half a table's walk.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.models import ARTICLE as A
from store.models import CLAIM as CL
from store.models import COMMENT as C
from store.models import QUANTITY as Q
from store.records import RecordKind

TABLES: Mapping[RecordKind, sa.Table] = {"article": A, "claim": CL, "comment": C}


@dataclass(frozen=True, slots=True)
class SortOrder:
    """How a list is ordered: a column name from :data:`SORT_COLUMNS` and a direction."""

    column: str
    descending: bool = False


_LOWER = sa.func.lower
_TOP_FIGURE = sa.func.coalesce(
    sa.select(sa.func.max(Q.c.value)).where(Q.c.claim_id == CL.c.id).scalar_subquery(),
    -1e308,
)
"""A claim's largest figure: what "sort by quantity" orders by. A claim without one sorts
below every figure on both databases (PostgreSQL would put a NULL above them)."""

SORT_COLUMNS: Mapping[RecordKind, Mapping[str, sa.ColumnElement[Any]]] = {
    "article": {
        "published": A.c.published,
        "site": _LOWER(A.c.site),
        "title": _LOWER(A.c.title),
        "id": A.c.id,
    },
    "claim": {
        "article": CL.c.article_id,
        "claimant": _LOWER(CL.c.claimant),
        "status": CL.c.status,
        "quantity": _TOP_FIGURE,
        "id": CL.c.id,
    },
    "comment": {
        "article": C.c.article_id,
        "author": _LOWER(C.c.author),
        "posted": C.c.posted,
        "id": C.c.id,
    },
}
"""The columns each list can be sorted by. Text sorts ignore case (``lower()``, indexed by
schema step "desk state"); every order but a claim's figure walks an index, so a page stays
cheap. The figure has no index of its own (it is the largest of a claim's figures): the app
reads that order's ids once and pages through them (see :data:`UNINDEXED`)."""

UNINDEXED: Mapping[RecordKind, frozenset[str]] = {
    "article": frozenset(),
    "claim": frozenset({"quantity"}),
    "comment": frozenset(),
}
"""Orders without an index: paging them would sort the table for every page."""

SUBSET_SORTED_IN_PYTHON = 50_000
"""Up to this many ids (a filtered list) are ordered by reading their sort keys; more are
ordered by walking the whole list's order and keeping theirs (cheaper past this size)."""

DEFAULT_SORT: Mapping[RecordKind, SortOrder] = {
    "article": SortOrder("published", descending=True),
    "claim": SortOrder("article"),
    "comment": SortOrder("article"),
}


def check_sort(kind: RecordKind, order: SortOrder) -> None:
    """Raise ValueError for a column the list of ``kind`` cannot be sorted by."""
    if order.column not in SORT_COLUMNS[kind]:
        known = ", ".join(SORT_COLUMNS[kind])
        raise ValueError(f"cannot sort {kind}s by {order.column!r}; use one of {known}")


def count_rows(conn: Connection, kind: RecordKind) -> int:
    """How many rows the list of ``kind`` has."""
    table = TABLES[kind]
    return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)


def page_ids(
    conn: Connection,
    kind: RecordKind,
    order: SortOrder,
    offset: int,
    limit: int,
    total: int | None = None,
) -> list[int]:
    """Ids of rows ``offset .. offset+limit`` of the list of ``kind`` in ``order``.

    ``total`` (the row count, when the caller knows it) lets pages past the middle be read
    backwards from the end.
    """
    check_sort(kind, order)
    if limit <= 0 or offset < 0:
        return []
    table = TABLES[kind]
    column = SORT_COLUMNS[kind][order.column]
    backwards = total is not None and offset > total // 2
    descending = order.descending != backwards
    if backwards and total is not None:
        end = min(offset + limit, total)
        limit = max(end - offset, 0)
        offset = total - end
    keys = [column] if column is table.c.id else [column, table.c.id]
    query = (
        sa.select(table.c.id)
        .order_by(*(key.desc() if descending else key.asc() for key in keys))
        .limit(limit)
        .offset(offset)
    )
    ids = [int(row_id) for row_id in conn.execute(query).scalars()]
    return ids[::-1] if backwards else ids


def _nulls_smallest(conn: Connection) -> bool:
    """Where NULL sorts: SQLite puts it below every value, PostgreSQL above."""
    return conn.dialect.name != "postgresql"


def position(conn: Connection, kind: RecordKind, order: SortOrder, record_id: int) -> int | None:
    """The row index of ``record_id`` in the list of ``kind`` in ``order``: how many rows come
    before it (None when it is not in the store). Keeps the cursor on its record when the list
    is read again after other rows arrived. One key read and one index-range count."""
    check_sort(kind, order)
    table = TABLES[kind]
    column = SORT_COLUMNS[kind][order.column]
    found = conn.execute(sa.select(column).where(table.c.id == record_id)).first()
    if found is None:
        return None
    key = found[0]
    if column is table.c.id:
        smaller: sa.ColumnElement[bool] = table.c.id < record_id
    elif key is None:
        same = sa.and_(column.is_(None), table.c.id < record_id)
        smaller = same if _nulls_smallest(conn) else sa.or_(column.is_not(None), same)
    else:
        below = sa.or_(column < key, sa.and_(column == key, table.c.id < record_id))
        smaller = sa.or_(column.is_(None), below) if _nulls_smallest(conn) else below
    before = int(conn.execute(sa.select(sa.func.count()).where(smaller)).scalar() or 0)
    if not order.descending:
        return before
    total = count_rows(conn, kind)
    return total - 1 - before


def ordered_subset(
    conn: Connection, kind: RecordKind, order: SortOrder, ids: Collection[int]
) -> list[int]:
    """``ids`` (a filtered list's rows) in ``order``, the list's own tie-break by id included."""
    check_sort(kind, order)
    if not ids:
        return []
    table = TABLES[kind]
    column = SORT_COLUMNS[kind][order.column]
    if len(ids) > SUBSET_SORTED_IN_PYTHON:
        wanted = ids if isinstance(ids, (set, frozenset)) else set(ids)
        every = page_ids(conn, kind, order, 0, count_rows(conn, kind))
        return [i for i in every if i in wanted]
    nulls = -1 if _nulls_smallest(conn) else 1
    keyed: list[tuple[int, Any, int]] = []
    chosen = list(ids)
    for start in range(0, len(chosen), 500):
        chunk = chosen[start : start + 500]
        query = sa.select(table.c.id, column).where(table.c.id.in_(chunk))
        for row_id, key in conn.execute(query):
            keyed.append((nulls if key is None else 0, key if key is not None else 0, row_id))
    keyed.sort(reverse=order.descending)
    return [row_id for _, _, row_id in keyed]
