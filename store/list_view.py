"""What one of the app's lists shows when it is narrowed: filtered in place, only new rows, or
sorted by an order that has no index.

The browser's plain lists page through the store (:mod:`store.browse`). A narrowed list is
read differently: its ids are worked out once (a worker thread does it), kept in list order,
and its pages are slices of those ids. That makes every narrowed list sortable, markable
("mark all" marks exactly the rows shown) and exportable the same way.

The filter is the search syntax (:mod:`store.search.query`): ``status:unverified
claimant:amaq qty:>10``. Its words are looked up as search looks them up (typos and the last
word's completions forgiven), through the search index's candidate source, but every matching
record is kept rather than the best fifty, and the list's own order replaces the ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from store import browse
from store.records import AnyRecord, RecordKind
from store.search.candidates import Expansion
from store.search.query import Query, WordTerm, parse_query
from store.search.vocabulary import words
from store.store import Store


def check_filter(text: str) -> str | None:
    """Why ``text`` cannot filter a list (one sentence), or None when it can."""
    from store.search.query import QueryError

    try:
        parse_query(text)
    except QueryError as error:
        return str(error)
    return None


def matching_ids(store: Store, kind: RecordKind, text: str) -> list[int]:
    """Every id of ``kind`` that the query ``text`` matches (raises ``QueryError``)."""
    query = _searchable(parse_query(text))
    if query.kinds is not None and kind not in query.kinds:
        return []
    if kind != "claim" and query.claim_only:
        return []
    if not store.exists():
        return []
    from store.search.engine import open_source

    source = open_source(store)
    if source is None:
        return []
    try:
        with source.reading():
            expansions: dict[WordTerm, Expansion] = {}
            last = query.clauses[-1].words[-1] if query.clauses else None
            for clause in query.clauses:
                for word in clause.words:
                    expansions[word] = source.expand(word, last=word is last, fuzzy=True)
            for word in query.exclusions:
                expansions[word] = source.expand(word, last=False, fuzzy=False)
            return source.candidates(query, expansions, kind, store.count_rows(kind) + 1)
    finally:
        source.close()


def _searchable(query: Query) -> Query:
    """Words with no letter or digit ("—") have nothing to look up: left out, as search does."""
    from dataclasses import replace

    from store.search.query import Clause

    clauses = tuple(
        Clause(kept)
        for clause in query.clauses
        if (kept := tuple(word for word in clause.words if words(word.text)))
    )
    return replace(
        query,
        clauses=clauses,
        exclusions=tuple(word for word in query.exclusions if words(word.text)),
    )


def new_ids(store: Store, kind: RecordKind, after: int) -> list[int]:
    """Ids of ``kind`` above ``after``: the rows that arrived since it was the highest."""
    if not store.exists():
        return []
    table = browse.TABLES[kind]
    with store._read() as conn:
        return [
            int(i) for i in conn.execute(sa.select(table.c.id).where(table.c.id > after)).scalars()
        ]


def count_new(store: Store, kind: RecordKind, after: int) -> int:
    """How many rows of ``kind`` have an id above ``after`` (one primary-key range)."""
    if not store.exists():
        return 0
    table = browse.TABLES[kind]
    with store._read() as conn:
        query = sa.select(sa.func.count()).select_from(table).where(table.c.id > after)
        return int(conn.execute(query).scalar() or 0)


def view_ids(
    store: Store,
    kind: RecordKind,
    order: browse.SortOrder,
    text: str = "",
    new_after: int | None = None,
) -> list[int]:
    """The ids a narrowed list shows, in ``order``: those the filter ``text`` matches (every
    row without one), and only those above ``new_after`` when it is given."""
    if not store.exists():
        return []
    chosen: set[int] | None = None
    if text.strip():
        chosen = set(matching_ids(store, kind, text))
    if new_after is not None:
        arrived = set(new_ids(store, kind, new_after))
        chosen = arrived if chosen is None else chosen & arrived
    with store._read() as conn:
        if chosen is None:
            return browse.page_ids(conn, kind, order, 0, browse.count_rows(conn, kind))
        return browse.ordered_subset(conn, kind, order, chosen)


def position(store: Store, kind: RecordKind, order: browse.SortOrder, record_id: int) -> int | None:
    """Where ``record_id`` is in the whole list of ``kind`` in ``order`` (None: not stored)."""
    if not store.exists():
        return None
    with store._read() as conn:
        return browse.position(conn, kind, order, record_id)


def records(store: Store, kind: RecordKind, ids: Sequence[int]) -> list[AnyRecord]:
    """The records of ``ids``, in that order (ids no longer stored are left out)."""
    found = {record.id: record for record in store.list_records(kind, ids=ids)}
    return [found[i] for i in ids if i in found]
