"""Engines: SQLite tuned for one writer and many readers; PostgreSQL through psycopg 3.

WAL lets the browser read while an import in another process writes; the busy timeout makes a
second writer wait instead of failing; foreign keys are off by default in SQLite and we rely on
them for cascades. Writers take the lock up front (``BEGIN IMMEDIATE``) so the ids they
pre-assign for bulk inserts cannot collide with another writer's.

PostgreSQL writers do the same with one transaction-level advisory lock (:data:`WRITE_LOCK`):
readers never wait, writers queue in arrival order and cannot deadlock on it (there is one
lock, taken first), and the ids a writer reads as ``max(id) + 1`` stay its own until it
commits. ``postgresql://`` and ``postgres://`` mean psycopg 3 here (SQLAlchemy's default for
them is psycopg2, which claimdesk does not install).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from store.moments import utc_wall
from store.sqlite_wait import BUSY_TIMEOUT_MS

WRITE_OPTION = "claimdesk_write"
WRITE_LOCK = 0x636C_6169_6D64
"""The advisory lock key every PostgreSQL writer takes ("claimd" in ASCII)."""
POSTGRES_EXTRA = "pip install 'claimdesk[postgres]'"


class DriverMissingError(RuntimeError):
    """The URL needs a database driver that is not installed; ``str()`` says what to install."""


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def is_postgres(url: str) -> bool:
    return url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def engine_url(url: str) -> str:
    """``url`` with the driver claimdesk uses made explicit (psycopg 3 for PostgreSQL)."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def check_driver(url: str) -> None:
    """Raise :class:`DriverMissingError` (one line: what to install) when ``url`` names a
    database whose driver is missing. The one place that knows which extra brings which
    driver; cheap (a module spec look-up, nothing imported)."""
    if not is_postgres(url):
        return
    scheme = url.split("://", 1)[0]
    if "+" in scheme and not scheme.endswith("+psycopg"):
        raise DriverMissingError(
            f"claimdesk talks to PostgreSQL through psycopg 3: use postgresql:// or "
            f"postgresql+psycopg://, not {scheme}://"
        )
    import importlib.util

    if importlib.util.find_spec("psycopg") is None:
        raise DriverMissingError(f"a PostgreSQL store needs the psycopg driver: {POSTGRES_EXTRA}")


def create_engine(url: str) -> Engine:
    """Create an engine for ``url``; SQLite gets WAL, foreign keys and explicit transactions,
    PostgreSQL the writers' lock (see the module docstring)."""
    check_driver(url)
    if is_postgres(url):
        return _postgres_engine(engine_url(url))
    if not is_sqlite(url):
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (the SQLAlchemy docs'
        # recipe for SQLite), so writers can ask for BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not url.endswith(":memory:") and url != "sqlite://":
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(url: str) -> Engine:
    engine = sa.create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION, False):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    return engine


def copy_rows(
    conn: Connection, table: sa.Table, keys: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values for ``keys``, already bound by the columns' types) into a
    PostgreSQL ``table`` with one ``COPY``: the write path's bulk insert there.

    An executemany is one INSERT per row, and each fired the statement-level change trigger
    (``desk_change``, schema step 10), so an import of n rows updated one counter row n times
    in one transaction, each update walking the versions before it. COPY is one statement:
    one trigger call, and the rows stream in one round trip. Aware times are written as UTC
    wall time (the column is ``TIMESTAMP``; a text COPY would drop the offset, not convert);
    only the columns of a time type are looked at (every value of every row was, 1.3 s of
    the writer's CPU per 8,000 articles copied).
    Errors come out as SQLAlchemy's :class:`~sqlalchemy.exc.DBAPIError`, as the INSERT's did,
    so a document's savepoint fallback works the same.
    """
    import psycopg

    preparer = conn.dialect.identifier_preparer
    names = ", ".join(preparer.quote(key) for key in keys)
    statement = f"COPY {preparer.format_table(table)} ({names}) FROM STDIN"
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor: Any = dbapi.cursor()
    times = [n for n, key in enumerate(keys) if _is_time(table.c[key].type)]
    try:
        with cursor.copy(statement.encode()) as copy:
            for row in rows:
                if not times:
                    copy.write_row(row)
                    continue
                values = list(row)
                for n in times:
                    values[n] = _utc_wall(values[n])
                copy.write_row(values)
    except psycopg.Error as error:
        raise sa.exc.DBAPIError.instance(
            statement, None, error, psycopg.Error, dialect=conn.dialect
        ) from error
    finally:
        cursor.close()


BULK_SHARE = 0.1
"""A write adds at least this share of the articles the planner knows of: a bulk write."""
BULK_TABLES = (
    "article",
    "comment",
    "claim",
    "claim_quantity",
    "deleted_claim",
    "edit_history",
    "subscription",
    "search_article",
    "search_claim",
    "search_comment",
    "search_vocab",
    "search_vocab_key",
)
"""What a copy or an import writes on PostgreSQL (records, their history, the search index)."""


SEARCH_GIN_INDEXES = ("search_article_words", "search_claim_words", "search_comment_words")
"""The ``tsvector`` indexes (store.search.postgres_index) whose pending lists a bulk write fills."""


def analyze_after_bulk_write(engine: Engine, articles_added: int) -> bool:
    """Bring PostgreSQL's search indexes and planner statistics up to date after a write that
    changed the store a lot (``claimdesk copy``, a large import); returns whether it did.

    A bulk load outruns autovacuum, which leaves two things behind, both measured on a copy
    of 100k records into an empty database:

    - each ``tsvector`` GIN index's *pending list* (GIN's fast update: new entries wait in an
      unsorted list until a vacuum merges them), 340-450 pages (close to the 4 MB
      ``gin_pending_list_limit``). Every search scans the whole list, and the planner, which
      counts those pages, falls back to reading every row: search p50/p95 72.7/190 ms, and
      16.5/34.5 ms once the lists were merged (0.8 s for the three indexes);
    - statistics: the typo keys' table (5.1M rows) not analysed yet, the record tables
      analysed mid-load (50-80 % of their rows), so the planner guesses.

    So this merges the pending lists (``gin_clean_pending_list``) and runs ANALYZE on the
    tables a copy or an import writes: ≈3 s together at 100k records (ANALYZE reads a fixed
    sample per table, so its cost barely grows with the store), next to a 93 s copy.

    Done when the articles added are at least :data:`BULK_SHARE` of those the planner knows
    of (``pg_class.reltuples``; a table never analysed knows none), as autovacuum's own
    default threshold; a few documents added to a big store are left to autovacuum. It runs
    outside the writers' lock (neither step blocks readers or writers), and a failure (a
    role that does not own the tables, a server gone) is not the write's: it is ignored.
    SQLite: nothing to do here.
    """
    if articles_added <= 0 or engine.dialect.name != "postgresql":
        return False
    try:
        with engine.begin() as conn:
            known = conn.execute(
                sa.text("SELECT reltuples FROM pg_class WHERE oid = 'article'::regclass")
            ).scalar()
    except sa.exc.DBAPIError:
        return False
    if known is not None and known >= 0 and articles_added < BULK_SHARE * known:
        return False
    preparer = engine.dialect.identifier_preparer
    steps = [
        (sa.text("SELECT gin_clean_pending_list(CAST(:index AS regclass))"), {"index": index})
        for index in SEARCH_GIN_INDEXES
    ]
    steps.append((sa.text("ANALYZE " + ", ".join(map(preparer.quote, BULK_TABLES))), {}))
    for statement, params in steps:  # each on its own: one refused does not stop the rest
        with contextlib.suppress(sa.exc.DBAPIError), engine.begin() as conn:
            conn.execute(statement, params)
    return True


def _is_time(kind: Any) -> bool:
    """A column type whose values may be datetimes (itself, or what it decorates)."""
    return isinstance(kind, sa.DateTime) or isinstance(getattr(kind, "impl", None), sa.DateTime)


def _utc_wall(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return utc_wall(value)
    return value


def connection_problem(url: str, error: BaseException) -> str:
    """A failed connection as one line naming the host and database, never the password.

    psycopg's own message spans lines and names sockets and ports; the user needs which server,
    which database, and which of the usual three went wrong.
    """
    parsed = sa.make_url(engine_url(url))
    host = parsed.host or str(parsed.query.get("host") or "the local socket")
    database = parsed.database or parsed.username or "?"
    where = f"PostgreSQL at {host}" + (f":{parsed.port}" if parsed.port else "")
    text = " ".join(str(error).split())
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        reason = f"the server refused user {parsed.username or '?'}: wrong password or user"
    elif "does not exist" in lowered and "database" in lowered:
        reason = f"there is no database {database} (create it: createdb {database})"
    elif any(
        word in lowered
        for word in (
            "refused",
            "no such file",
            "could not translate",
            "timeout",
            "timed out",
            "is the server running",
        )
    ):
        reason = "no server answers there (is it running, and is the host right?)"
    else:
        reason = text.split(" DETAIL:")[0][:200]
    if parsed.password:
        reason = reason.replace(str(parsed.password), "***")
    return f"cannot open the store: {where}, database {database}: {reason}"
