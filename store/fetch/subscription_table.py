"""The subscription table's names and the schema it belongs to, without SQLAlchemy.

Two modules reach the table: :mod:`store.fetch.subscriptions` through SQLAlchemy (it builds its
``sa.Table`` from these names) and :mod:`store.fetch.unchanged` through the stdlib driver (a
refresh with nothing new must not pay ≈0.5 s of CPU for importing SQLAlchemy and sqlmodel). The
names live here once so the two cannot drift; ``tests/store/test_fetch_unchanged.py`` checks
the schema figures below against :mod:`store.models` and :mod:`store.schema`.
"""

from __future__ import annotations

TABLE = "subscription"
ID = "id"
URL = "url"
TITLE = "title"
TAGS = "tags"
ADDED_AT = "added_at"
LAST_FETCHED = "last_fetched"
STATUS = "status"
OK = "ok"
ETAG = "etag"
LAST_MODIFIED = "last_modified"

SCHEMA_VERSION_TABLE = "schema_version"
SCHEMA_VERSION_COLUMN = "version"
KNOWN_SCHEMA_VERSION = 12
"""The schema version whose subscription table the stdlib path knows. A store at any other
version (older: it needs an upgrade; newer: unknown columns) goes the full way through
:class:`store.store.Store`, so a new schema step can only make the fast path step aside until
this figure is raised (a test fails to say so), never make it write a table it does not know."""
