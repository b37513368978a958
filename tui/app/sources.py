"""Record sources for the lists: the store, read page by page from worker threads.

The store's modules (and SQLAlchemy behind them) are imported on first use inside a worker, not
when the app starts, so the first frame is painted without waiting for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from store.records import AnyRecord, RecordKind

if TYPE_CHECKING:
    from store.store import Store


class StoreSource:
    """The rows of one kind (articles, claims or comments) of a :class:`Store`."""

    def __init__(self, store: Callable[[], Store], kind: RecordKind) -> None:
        self._store = store
        self.kind = kind

    @property
    def store(self) -> Store:
        """The store, resolved in the calling (worker) thread: it may still be opening."""
        return self._store()

    def count(self) -> int:
        return self.store.count_rows(self.kind)

    def page(
        self, column: str, descending: bool, offset: int, limit: int, total: int
    ) -> Sequence[AnyRecord]:
        from store.browse import SortOrder

        return self.store.browse_page(
            self.kind, SortOrder(column, descending), offset, limit, total
        )

    def ids(self, column: str, descending: bool) -> Sequence[int]:
        from store.browse import SortOrder

        return self.store.browse_ids(self.kind, SortOrder(column, descending))
