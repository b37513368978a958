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
from store.models import TABLES, SchemaVersion


class SchemaError(RuntimeError):
    """The store cannot be used by this version of claimdesk."""


def _step_1_tables(conn: Connection) -> None:
    """The first release's tables."""
    SQLModel.metadata.create_all(conn, tables=[t.__table__ for t in TABLES])  # type: ignore[attr-defined]


Step = Callable[[Connection], None]
STEPS: list[Step] = [_step_1_tables]
CURRENT_VERSION = len(STEPS)


def current_version(conn: Connection) -> int:
    """The version a store is at; 0 for an empty database."""
    if not sa.inspect(conn).has_table(SchemaVersion.__tablename__):
        return 0
    value = conn.execute(sa.select(SchemaVersion.version)).scalar()  # type: ignore[call-overload]
    return int(value or 0)


def upgrade(engine: Engine) -> int:
    """Bring the store at ``engine`` to :data:`CURRENT_VERSION`; return the version found."""
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        found = current_version(conn)
        if found > CURRENT_VERSION:
            raise SchemaError(
                f"the store is at schema version {found}, newer than this claimdesk knows "
                f"({CURRENT_VERSION}); upgrade claimdesk"
            )
        if found == CURRENT_VERSION:
            return found
        SchemaVersion.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
        for number in range(found + 1, CURRENT_VERSION + 1):
            STEPS[number - 1](conn)
        table = SchemaVersion.__table__  # type: ignore[attr-defined]
        conn.execute(sa.delete(table))
        conn.execute(sa.insert(table).values(id=1, version=CURRENT_VERSION))
        return found
