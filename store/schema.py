"""The schema's version and its upgrade path: numbered steps, applied in order, each once.

A new release that changes tables appends a step; it never edits an old one. A store written by
a newer claimdesk is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from store.db import WRITE_OPTION
from store.models import ARTICLE, CLAIM, COMMENT, QUANTITY, SCHEMA_VERSION


class SchemaError(RuntimeError):
    """The store cannot be used by this version of claimdesk."""


def _step_1_tables(conn: Connection) -> None:
    """The first release's tables."""
    SQLModel.metadata.create_all(conn, tables=[ARTICLE, COMMENT, CLAIM, QUANTITY])


def _step_2_search_index(conn: Connection) -> None:
    """Full-text search: FTS5 tables kept current by triggers, and the word vocabulary.

    SQLite only for now; another backend gets its own index in a later step (see
    :class:`store.search.candidates.CandidateSource`).
    """
    if conn.dialect.name != "sqlite":
        return
    from store.search.index import create_search_index

    create_search_index(conn.connection.dbapi_connection)  # type: ignore[arg-type]



def _step_3_browse_sort_indexes(conn: Connection) -> None:
    """Indexes behind every order the browser's lists offer (see :mod:`store.browse`).

    SQLite keeps the row id in each index entry, so ``ORDER BY column, id`` walks the index.
    """
    for name, table, column in (
        ("ix_article_published", "article", "published"),
        ("ix_article_site", "article", "site"),
        ("ix_article_title", "article", "title"),
        ("ix_comment_posted", "comment", "posted"),
        ("ix_comment_author", "comment", "author"),
    ):
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


def _step_9_postgres_search_index(conn: Connection) -> None:
    """Full-text search on PostgreSQL: a GIN-indexed ``tsvector`` per record and the typo
    vocabulary, holding the same terms as SQLite's FTS5 index (see
    :mod:`store.search.postgres_index`); the records already stored are indexed. SQLite has
    its index from step 2: nothing to do there.

    (Step 9 is reserved for the PostgreSQL store; the coordinator renumbers at merge.)
    """
    if conn.dialect.name != "postgresql":
        return
    from store.search.postgres_index import create_search_index

    create_search_index(conn)


Step = Callable[[Connection], None]
STEPS: list[Step] = [_step_1_tables, _step_2_search_index, _step_3_browse_sort_indexes,
                     _step_9_postgres_search_index]
CURRENT_VERSION = len(STEPS)


def current_version(conn: Connection) -> int:
    """The version a store is at; 0 for an empty database."""
    if not sa.inspect(conn).has_table(SCHEMA_VERSION.name):
        return 0
    value = conn.execute(sa.select(SCHEMA_VERSION.c.version)).scalar()
    return int(value or 0)


def upgrade(engine: Engine) -> int:
    """Bring the store at ``engine`` to :data:`CURRENT_VERSION`; return the version found.

    The version is read first without the write lock, so opening an up-to-date store never
    waits for an import running in another process.
    """
    with engine.connect() as conn:
        found = current_version(conn)
    if found == CURRENT_VERSION:
        return found
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        found = current_version(conn)
        if found > CURRENT_VERSION:
            raise SchemaError(
                f"the store is at schema version {found}, newer than this claimdesk knows "
                f"({CURRENT_VERSION}); upgrade claimdesk"
            )
        if found == CURRENT_VERSION:
            return found
        SCHEMA_VERSION.create(conn, checkfirst=True)
        for number in range(found + 1, CURRENT_VERSION + 1):
            STEPS[number - 1](conn)
        conn.execute(sa.delete(SCHEMA_VERSION))
        conn.execute(sa.insert(SCHEMA_VERSION).values(id=1, version=CURRENT_VERSION))
        return found
