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

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.models import ARTICLE as A
from store.models import CLAIM as CL
from store.models import COMMENT as C
from store.records import RecordKind

TABLES: Mapping[RecordKind, sa.Table] = {"article": A, "claim": CL, "comment": C}


@dataclass(frozen=True, slots=True)
class SortOrder:
    """How a list is ordered: a column name from :data:`SORT_COLUMNS` and a direction."""

    column: str
    descending: bool = False


SORT_COLUMNS: Mapping[RecordKind, Mapping[str, sa.ColumnElement[object]]] = {
    "article": {"published": A.c.published, "site": A.c.site, "title": A.c.title, "id": A.c.id},
    "claim": {
        "article": CL.c.article_id,
        "claimant": CL.c.claimant,
        "status": CL.c.status,
        "id": CL.c.id,
    },
    "comment": {
        "article": C.c.article_id,
        "author": C.c.author,
        "posted": C.c.posted,
        "id": C.c.id,
    },
}
"""The columns each list can be sorted by; every one is indexed, so sorting stays cheap."""

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
