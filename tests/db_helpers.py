"""Writing to a test's store behind the store's back, as another program would, on either
database (SQLite through the stdlib driver, PostgreSQL through psycopg)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from store.store import Store


@contextmanager
def other_connection(store: Store) -> Iterator[Any]:
    """A connection of its own to ``store`` (autocommit; ``?`` placeholders on both)."""
    if store.path is not None:
        conn = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
        try:
            yield conn
        finally:
            conn.close()
        return
    import psycopg

    from store.search.postgres_source import connection_string

    with psycopg.connect(connection_string(store.url), autocommit=True) as pg:
        yield _Questioned(pg)


class _Questioned:
    """A psycopg connection that takes sqlite3's ``?`` placeholders."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self._conn.execute(sql.replace("?", "%s").encode(), params or None)


def execute_elsewhere(store: Store, sql: str, *params: Any) -> None:
    with other_connection(store) as conn:
        conn.execute(sql, params)


def refuse_comments_saying(store: Store, word: str) -> None:
    """Make the database itself refuse any comment whose body holds ``word``."""
    if store.path is not None:
        execute_elsewhere(
            store,
            "CREATE TRIGGER refuse BEFORE INSERT ON comment WHEN NEW.body "
            f"LIKE '%{word}%' BEGIN SELECT RAISE(ABORT, 'refused'); END",
        )
        return
    execute_elsewhere(
        store,
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
        f"IF NEW.body LIKE '%{word}%' THEN RAISE EXCEPTION 'refused'; END IF; "
        "RETURN NEW; END $$ LANGUAGE plpgsql",
    )
    execute_elsewhere(
        store,
        "CREATE TRIGGER refuse BEFORE INSERT ON comment FOR EACH ROW EXECUTE FUNCTION refuse()",
    )
