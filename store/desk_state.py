"""What the desk remembers between sessions, kept in the store so it follows the store.

- **Settings** (``desk_setting``, one JSON value per key): each list's sort order, and the
  highest ids seen when the app last opened (what "new since the last open" compares with).
- **Selections** (``selection`` and ``selection_item``): marks saved in marking order. The
  selection named :data:`CURRENT` (``""``) is the marks of the running app, saved as they change
  and at quit, restored at the next start; named ones are saved with ``S`` and picked again
  later, so a brief can be put together over days.

Every function takes the :class:`~store.store.Store` and opens its own short connection, as the
store's methods do (call them from worker threads in the app). Schema step "desk state" creates
the tables; a store that has not been written yet answers as an empty one.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from store.browse import TABLES
from store.models import UTCDateTime
from store.records import KINDS, RecordKind
from store.store import Store

_METADATA = sa.MetaData()

SETTING = sa.Table(
    "desk_setting",
    _METADATA,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("value", sa.JSON, nullable=False),
)
SELECTION = sa.Table(
    "selection",
    _METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String, nullable=False, unique=True),
    sa.Column("saved_at", UTCDateTime(), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
)
SELECTION_ITEM = sa.Table(
    "selection_item",
    _METADATA,
    sa.Column("selection_id", sa.Integer, primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("record_id", sa.Integer, nullable=False),
)
"""The tables as this release reads and writes them (schema step "desk state" creates them)."""

CURRENT = ""
"""The name of the selection that holds the running app's marks."""
LAST_OPEN = "last_open_ids"
INSERT_CHUNK = 1_000
"""Selection items written per INSERT (executemany): bounded memory for 500k marks, and
Python's lock let go between chunks, so the app's UI thread never waits on a long save."""
READ_CHUNK = 2_000
"""Selection items fetched at a time when a selection is read back (the same reason)."""

Mark = tuple[RecordKind, int]


@dataclass(frozen=True, slots=True)
class SelectionInfo:
    """A saved selection as the picker lists it."""

    name: str
    size: int
    saved_at: datetime


@dataclass(frozen=True, slots=True)
class LoadedSelection:
    """The marks of a selection whose records are still in the store, and how many are not."""

    marks: list[Mark]
    gone: int = 0


# -- settings --------------------------------------------------------------------------------


def read_setting(store: Store, key: str) -> Any | None:
    """The value saved under ``key``, or None."""
    if not store.exists():
        return None
    with store._read() as conn:
        return conn.execute(sa.select(SETTING.c.value).where(SETTING.c.key == key)).scalar()


def write_setting(store: Store, key: str, value: Any) -> None:
    """Save ``value`` (anything JSON can hold) under ``key``, replacing what was there."""
    with store._write() as conn:
        conn.execute(sa.delete(SETTING).where(SETTING.c.key == key))
        conn.execute(sa.insert(SETTING).values(key=key, value=value))


def max_ids(store: Store) -> dict[RecordKind, int]:
    """The highest id of each kind: ids are handed out in insertion order, so a row whose id
    is above the one remembered arrived after it. One index look-up per table."""
    if not store.exists():
        return dict.fromkeys(KINDS, 0)
    with store._read() as conn:
        return {
            kind: int(conn.execute(sa.select(sa.func.max(TABLES[kind].c.id))).scalar() or 0)
            for kind in KINDS
        }


def open_session(store: Store) -> dict[RecordKind, int]:
    """Start a session: the ids seen at the previous open (rows above them are new), and
    remember today's highest ids for the next one. The first time, today's: rows that arrive
    from now on are new."""
    before = read_setting(store, LAST_OPEN)
    now = max_ids(store)
    if store.exists():
        write_setting(store, LAST_OPEN, now)
    if not isinstance(before, Mapping):
        return now
    return {kind: int(before.get(kind, 0)) for kind in KINDS}


def close_session(store: Store) -> None:
    """End a session: what arrived while the app was open was seen, so it is not new next time."""
    if store.exists():
        write_setting(store, LAST_OPEN, max_ids(store))


# -- selections ------------------------------------------------------------------------------


def save_selection(store: Store, name: str, marks: Iterable[Mark]) -> int:
    """Save ``marks`` (in their order) as the selection ``name``, replacing one of that name;
    how many were saved. Saving the current selection (``""``) with no marks empties it."""
    saved = 0
    with store._write() as conn:
        old = conn.execute(sa.select(SELECTION.c.id).where(SELECTION.c.name == name)).scalar()
        if old is not None:
            conn.execute(sa.delete(SELECTION_ITEM).where(SELECTION_ITEM.c.selection_id == old))
            conn.execute(sa.delete(SELECTION).where(SELECTION.c.id == old))
        next_id = int(conn.execute(sa.select(sa.func.max(SELECTION.c.id))).scalar() or 0) + 1
        conn.execute(
            sa.insert(SELECTION).values(id=next_id, name=name, saved_at=datetime.now(UTC), size=0)
        )
        mark = "?" if conn.dialect.name == "sqlite" else "%s"
        marks_sql = ", ".join([mark] * 4)
        insert = f"INSERT INTO selection_item (selection_id, position, kind, record_id) VALUES ({marks_sql})"  # noqa: S608, E501 - parameter marks only
        batch: list[tuple[int, int, str, int]] = []
        for kind, record_id in marks:
            batch.append((next_id, saved, kind, record_id))
            saved += 1
            if len(batch) >= INSERT_CHUNK:
                conn.exec_driver_sql(insert, batch)  # the driver's executemany: plain tuples
                batch = []
                time.sleep(0)  # let the app's UI thread take Python's lock between chunks
        if batch:
            conn.exec_driver_sql(insert, batch)
        conn.execute(sa.update(SELECTION).where(SELECTION.c.id == next_id).values(size=saved))
    return saved


def load_selection(store: Store, name: str) -> LoadedSelection | None:
    """The marks of selection ``name`` in their saved order, leaving out records no longer in
    the store (counted in ``gone``); None when there is no such selection."""
    if not store.exists():
        return None
    with store._read() as conn:
        found = conn.execute(
            sa.select(SELECTION.c.id, SELECTION.c.size).where(SELECTION.c.name == name)
        ).first()
        if found is None:
            return None
        per_kind: list[list[tuple[int, Mark]]] = []
        for kind in KINDS:
            table = TABLES[kind]
            query = (
                sa.select(SELECTION_ITEM.c.position, SELECTION_ITEM.c.record_id)
                .join(table, table.c.id == SELECTION_ITEM.c.record_id)
                .where(SELECTION_ITEM.c.selection_id == found.id, SELECTION_ITEM.c.kind == kind)
                .order_by(SELECTION_ITEM.c.position)
            )
            rows: list[tuple[int, Mark]] = []
            for part in conn.execute(query).partitions(READ_CHUNK):
                rows.extend((position, (kind, record_id)) for position, record_id in part)
                time.sleep(0)
            per_kind.append(rows)
    marks = [mark for _, mark in heapq.merge(*per_kind)]
    return LoadedSelection(marks, gone=int(found.size) - len(marks))


def list_selections(store: Store) -> list[SelectionInfo]:
    """The named selections (not the current one), most recently saved first."""
    if not store.exists():
        return []
    with store._read() as conn:
        rows = conn.execute(
            sa.select(SELECTION.c.name, SELECTION.c.size, SELECTION.c.saved_at)
            .where(SELECTION.c.name != CURRENT)
            .order_by(SELECTION.c.saved_at.desc(), SELECTION.c.name)
        ).all()
    return [SelectionInfo(row.name, int(row.size), row.saved_at) for row in rows]


def delete_selection(store: Store, name: str) -> bool:
    """Forget the selection ``name``; False when there was none."""
    with store._write() as conn:
        old = conn.execute(sa.select(SELECTION.c.id).where(SELECTION.c.name == name)).scalar()
        if old is None:
            return False
        conn.execute(sa.delete(SELECTION_ITEM).where(SELECTION_ITEM.c.selection_id == old))
        conn.execute(sa.delete(SELECTION).where(SELECTION.c.id == old))
    return True
