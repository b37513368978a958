"""How long a claimdesk connection to a SQLite store waits for another writer's lock.

One figure for the three ways the store file is opened: SQLAlchemy's engine (:mod:`store.db`),
the search's read-only stdlib connection (:mod:`store.search.sqlite_source`) and the unchanged
refresh's (:mod:`store.fetch.unchanged`). Here, in a module that imports nothing, because the
last two exist to answer without importing SQLAlchemy.
"""

from __future__ import annotations

from typing import Final

BUSY_TIMEOUT_MS: Final = 10_000
"""An import or a judgement in another process holds the write lock for milliseconds; ten
seconds means something is wrong, and the error then says so."""
