"""Record sources for the lists: the store, read page by page from worker threads.

A plain list pages through the store in its sort order. A *narrowed* list (filtered in place,
only the new rows, or sorted by a claim's figure, which has no index) works out its ids once
per read (:func:`store.list_view.view_ids`) and pages through that snapshot; ``count`` is where
a list's every read starts, so that is where the snapshot is taken.

The store's modules (and SQLAlchemy behind them) are imported on first use inside a worker, not
when the app starts, so the first frame is painted without waiting for them.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from store.records import AnyRecord, RecordKind

if TYPE_CHECKING:
    from store.browse import SortOrder
    from store.store import Store

UNINDEXED_SORTS = {"quantity"}
"""Sort keys read as a snapshot (see :data:`store.browse.UNINDEXED`), without importing it."""


class StoreSource:
    """The rows of one kind (articles, claims or comments) of a :class:`Store`.

    ``filter_text``, ``only_new`` and ``new_after`` are set on the UI thread and read by the
    workers; a list reads them again (``reload``) after they change.
    """

    def __init__(self, store: Callable[[], Store], kind: RecordKind) -> None:
        self._store = store
        self.kind = kind
        self.filter_text = ""
        """The filter in place (the search syntax); "" shows every row."""
        self.only_new = False
        """Show only rows that arrived since the last open (``N``)."""
        self.new_after: int | None = None
        """Rows with an id above this arrived since the last open (None: none is new)."""
        self.new_count = 0
        """How many rows are new, counted with the list (for the tab title)."""
        self._snapshot: tuple[tuple[str, bool], array[int]] | None = None

    @property
    def store(self) -> Store:
        """The store, resolved in the calling (worker) thread: it may still be opening."""
        return self._store()

    @property
    def narrowed(self) -> bool:
        """Whether the list shows fewer rows than the store holds (a filter, only new)."""
        return bool(self.filter_text.strip()) or self.only_new

    def is_new(self, record: Any) -> bool:
        return self.new_after is not None and int(record.id) > self.new_after

    def _order(self, column: str, descending: bool) -> SortOrder:
        from store.browse import SortOrder

        return SortOrder(column, descending)

    def _snapshotted(self, column: str) -> bool:
        return self.narrowed or column in UNINDEXED_SORTS

    def _take_snapshot(self, column: str, descending: bool) -> array[int]:
        from store.list_view import view_ids

        new_after = (self.new_after or 0) if self.only_new else None
        ids = array(
            "q",
            view_ids(
                self.store,
                self.kind,
                self._order(column, descending),
                self.filter_text,
                new_after,
            ),
        )
        self._snapshot = ((column, descending), ids)
        return ids

    def _ids_now(self, column: str, descending: bool) -> array[int]:
        snapshot = self._snapshot
        if snapshot is not None and snapshot[0] == (column, descending):
            return snapshot[1]
        return self._take_snapshot(column, descending)

    def count(self, column: str = "id", descending: bool = False) -> int:
        """The rows the list has now; a narrowed list takes its snapshot of ids here."""
        from store.list_view import count_new

        self.new_count = (
            count_new(self.store, self.kind, self.new_after) if self.new_after is not None else 0
        )
        if self._snapshotted(column):
            return len(self._take_snapshot(column, descending))
        self._snapshot = None
        return self.store.count_rows(self.kind)

    def page(
        self, column: str, descending: bool, offset: int, limit: int, total: int
    ) -> Sequence[AnyRecord]:
        if self._snapshotted(column):
            from store.list_view import records

            ids = self._ids_now(column, descending)[offset : offset + limit]
            return records(self.store, self.kind, list(ids))
        return self.store.browse_page(
            self.kind, self._order(column, descending), offset, limit, total
        )

    def ids(self, column: str, descending: bool) -> Sequence[int]:
        if self._snapshotted(column):
            return self._ids_now(column, descending)
        return self.store.browse_ids(self.kind, self._order(column, descending))

    def position(self, column: str, descending: bool, record_id: int) -> int | None:
        """Where ``record_id`` is now in this list and order (None: not in it)."""
        if self._snapshotted(column):
            ids = self._ids_now(column, descending)
            try:
                return ids.index(record_id)
            except ValueError:
                return None
        from store.list_view import position

        return position(self.store, self.kind, self._order(column, descending), record_id)
