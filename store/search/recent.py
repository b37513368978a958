"""The one bounded memory of the search sources: the last answers they gave, newest kept.

Both candidate sources remember what recent searches asked (a word's expansion, a candidate
query's ids, a record's text) for as long as the store has not changed, so typing one more
letter does not ask SQLite or PostgreSQL again. ``functools.lru_cache`` does not fit there:
each source instance has its own memory, and it is emptied when another connection commits.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most ``size`` values by key; reading one makes it the newest, adding one past the
    size forgets the oldest."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._values[key] = value
        self._values.move_to_end(key)
        if len(self._values) > self.size:
            self._values.popitem(last=False)

    def remembered(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()``'s, kept."""
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def clear(self) -> None:
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
