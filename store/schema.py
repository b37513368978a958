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


def _step_4_quantity_units(conn: Connection) -> None:
    """Claims get a ``judged`` flag (see :mod:`store.reextract`); figures get a number for
    filtering (``value``), a unit, a range's top and a part's whole.

    ``value`` is REAL, so "21.9%" and "99999999999999999999 drones" are filterable while the
    INTEGER ``count`` keeps whole counts that fit in 64 bits (see :mod:`store.writing`).
    Existing rows get ``value`` from their count. Self-contained: a store whose table already
    has the columns (made by step 1 from today's models) only gets the missing ones.
    """
    have = {column["name"] for column in sa.inspect(conn).get_columns("claim_quantity")}
    for name, kind in (
        ("value", "FLOAT"),
        ("unit", "VARCHAR"),
        ("high", "FLOAT"),
        ("whole", "FLOAT"),
    ):
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE claim_quantity ADD COLUMN {name} {kind}")
    conn.exec_driver_sql(
        "UPDATE claim_quantity SET value = count WHERE value IS NULL AND count IS NOT NULL"
    )
    for name in ("value", "unit"):
        conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS ix_claim_quantity_{name} ON claim_quantity ({name})"
        )
    claim_columns = {column["name"] for column in sa.inspect(conn).get_columns("claim")}
    if "judged" not in claim_columns:
        conn.exec_driver_sql("ALTER TABLE claim ADD COLUMN judged BOOLEAN NOT NULL DEFAULT FALSE")
        # Before this step a judgement left no flag: a status the extractor never gives, or a
        # note that is not the extractor's ("Reporter: ..."), was set by the user.
        conn.exec_driver_sql(
            "UPDATE claim SET judged = TRUE WHERE status IN ('corroborated', 'disputed', "
            "'false') OR (note != '' AND note NOT LIKE 'Reporter: %' "
            "AND note NOT LIKE 'Commenter: %')"
        )


def _step_5_search_word_keys(conn: Connection) -> None:
    """Typo look-ups that reach every word within two edits: the vocabulary's words get
    integer ids and two-deletion keys in generations (see :mod:`store.search.vocabulary`),
    which replace the one-deletion keys of step 2 (``search_vocab_key``)."""
    if conn.dialect.name != "sqlite":
        return
    from store.search.vocabulary import VOCABULARY_DDL, rekey

    driver = conn.connection.dbapi_connection
    if not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'search_vocab'").first():
        return  # no search index (step 2 makes the new tables when it runs)
    for statement in VOCABULARY_DDL:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql("DROP TABLE IF EXISTS search_vocab_key")
    if not conn.exec_driver_sql("SELECT 1 FROM search_word LIMIT 1").first():
        rekey(driver)  # type: ignore[arg-type]


def _step_6_subscriptions(conn: Connection) -> None:
    """Feeds the user follows (see :mod:`store.fetch.subscriptions`), and an index on
    ``article.source`` so a feed's entry count is one index range.

    The table is spelled out here, not taken from the module that uses it, so this step
    creates the same table whatever later releases do to that module.
    """
    metadata = sa.MetaData()
    table = sa.Table(
        "subscription",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String, nullable=False, unique=True),
        sa.Column("title", sa.String, nullable=True),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("last_fetched", sa.DateTime, nullable=True),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("etag", sa.String, nullable=True),
        sa.Column("last_modified", sa.String, nullable=True),
    )
    table.create(conn, checkfirst=True)
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_article_source ON article (source)")


def _step_7_postgres_search_index(conn: Connection) -> None:
    """Full-text search on PostgreSQL: a GIN-indexed ``tsvector`` per record and the typo
    vocabulary, holding the same terms as SQLite's FTS5 index (see
    :mod:`store.search.postgres_index`); the records already stored are indexed. SQLite has
    its index from step 2: nothing to do there.
    """
    if conn.dialect.name != "postgresql":
        return
    from store.search.postgres_index import create_search_index

    create_search_index(conn)


def _step_8_written_offsets(conn: Connection) -> None:
    """Articles and comments keep the zone offset their time was written in (see
    :mod:`store.moments`): ``published`` and ``posted`` stay UTC for sorting and filters.

    Rows from before this step have no offset and show their time in UTC, as they did.
    Self-contained: a table that already has the column (made by step 1) is left alone.
    """
    for table, column in (("article", "published_offset"), ("comment", "posted_offset")):
        have = {found["name"] for found in sa.inspect(conn).get_columns(table)}
        if column not in have:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER")


def _step_9_manual_edits(conn: Connection) -> None:
    """Editing by hand (see :mod:`store.editing`): claims get ``manual`` (edited or added by
    the user: a re-extraction never touches them), ``judged_at`` and ``claimant_type``; every
    edit is a row of ``edit_history``; a deleted claim waits in ``deleted_claim`` until it is
    restored.

    Self-contained and safe to run twice: the tables are spelled out here, not taken from the
    module that uses them, and a column or table already there is left as it is. Existing
    claims are not manual; existing judgements have no time (the export then uses the time of
    the export).
    """
    have = {column["name"] for column in sa.inspect(conn).get_columns("claim")}
    for name, kind in (
        ("manual", "BOOLEAN NOT NULL DEFAULT FALSE"),
        ("judged_at", "TIMESTAMP"),
        ("claimant_type", "VARCHAR"),
    ):
        if name not in have:
            conn.exec_driver_sql(f"ALTER TABLE claim ADD COLUMN {name} {kind}")
    metadata = sa.MetaData()
    sa.Table("article", metadata, sa.Column("id", sa.Integer, primary_key=True))  # for the FK
    history = sa.Table(
        "edit_history",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("record_id", sa.Integer, nullable=False),
        sa.Column("field", sa.String, nullable=False),
        sa.Column("old", sa.Text, nullable=True),
        sa.Column("new", sa.Text, nullable=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("who", sa.String, nullable=False),
        sa.Index("ix_edit_history_record", "kind", "record_id"),
    )
    trash = sa.Table(
        "deleted_claim",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("article.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("comment_id", sa.Integer, nullable=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("claim", sa.JSON, nullable=False),
        sa.Column("deleted_at", sa.DateTime, nullable=False),
        sa.Column("who", sa.String, nullable=False),
    )
    history.create(conn, checkfirst=True)
    trash.create(conn, checkfirst=True)


def _step_10_desk_state(conn: Connection) -> None:
    """The desk's own state, kept in the store so it follows the store (see
    :mod:`store.desk_state`): settings (the lists' sort orders, the ids seen at the last
    open), named selections of marks (``""`` is the current one), a change counter that
    PostgreSQL's triggers bump on every write (SQLite has ``PRAGMA data_version``; see
    :mod:`store.changes`), and case-insensitive sort indexes (``lower(column)``).

    Self-contained and idempotent: tables spelled out here, ``IF NOT EXISTS`` everywhere.
    """
    metadata = sa.MetaData()
    tables = [
        sa.Table(
            "desk_setting",
            metadata,
            sa.Column("key", sa.String, primary_key=True),
            sa.Column("value", sa.JSON, nullable=False),
        ),
        sa.Table(
            "selection",
            metadata,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String, nullable=False, unique=True),
            sa.Column("saved_at", sa.DateTime, nullable=False),
            sa.Column("size", sa.Integer, nullable=False),
        ),
        sa.Table(
            "selection_item",
            metadata,
            sa.Column(
                "selection_id",
                sa.Integer,
                sa.ForeignKey("selection.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("position", sa.Integer, primary_key=True),
            sa.Column("kind", sa.String, nullable=False),
            sa.Column("record_id", sa.Integer, nullable=False),
        ),
        sa.Table(
            "desk_change",
            metadata,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("counter", sa.BigInteger, nullable=False),
        ),
    ]
    for table in tables:
        table.create(conn, checkfirst=True)
    for index, indexed, column in (
        ("ix_article_title_ci", "article", "title"),
        ("ix_article_site_ci", "article", "site"),
        ("ix_claim_claimant_ci", "claim", "claimant"),
        ("ix_comment_author_ci", "comment", "author"),
    ):
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {index} ON {indexed} (lower({column}))")
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(
        "INSERT INTO desk_change (id, counter) VALUES (1, 0) ON CONFLICT (id) DO NOTHING"
    )
    conn.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION claimdesk_count_change() RETURNS trigger AS $$ "
        "BEGIN UPDATE desk_change SET counter = counter + 1 WHERE id = 1; RETURN NULL; END "
        "$$ LANGUAGE plpgsql"
    )
    for watched in ("article", "claim", "comment", "claim_quantity"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS claimdesk_changed ON {watched}")
        conn.exec_driver_sql(
            f"CREATE TRIGGER claimdesk_changed AFTER INSERT OR UPDATE OR DELETE ON {watched} "
            "FOR EACH STATEMENT EXECUTE FUNCTION claimdesk_count_change()"
        )


def _step_11_search_keys_of_seven_letters(conn: Connection) -> None:
    """Typo look-ups that check a third of the words they did: the vocabulary's deletion keys
    are made from a word's first seven letters, not six (see :mod:`store.search.vocabulary`:
    on a vocabulary whose words share their first letters a look-up read thousands of
    candidates). Every stored word is keyed again, on either database."""
    driver = conn.connection.dbapi_connection
    if conn.dialect.name == "sqlite":
        from store.search.vocabulary import rekey

        if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'search_word'").first():
            rekey(driver)  # type: ignore[arg-type]
    elif conn.dialect.name == "postgresql":
        from store.search.postgres_index import rekey as rekey_postgres

        if conn.exec_driver_sql("SELECT to_regclass('search_vocab_key')").scalar() is not None:
            cursor = driver.cursor()  # type: ignore[union-attr]
            try:
                rekey_postgres(cursor)
            finally:
                cursor.close()


def _step_12_search_index_in_one_segment(conn: Connection) -> None:
    """Index queries that look each word up once per table: a store imported before this
    step has a dozen FTS5 segments per table at a million records, and every word of a query
    was looked up in each (see :func:`store.search.index.merge_segments`, which an import
    now runs itself). SQLite only: ≈5 s of CPU at a million records."""
    if conn.dialect.name != "sqlite":
        return
    from store.search.index import merge_table

    driver = conn.connection.dbapi_connection
    for table in ("article_fts", "claim_fts", "comment_fts"):
        if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).first():
            merge_table(driver, table)  # type: ignore[arg-type]


Step = Callable[[Connection], None]
STEPS: list[Step] = [
    _step_1_tables,
    _step_2_search_index,
    _step_3_browse_sort_indexes,
    _step_4_quantity_units,
    _step_5_search_word_keys,
    _step_6_subscriptions,
    _step_7_postgres_search_index,
    _step_8_written_offsets,
    _step_9_manual_edits,
    _step_10_desk_state,
    _step_11_search_keys_of_seven_letters,
    _step_12_search_index_in_one_segment,
]
CURRENT_VERSION = len(STEPS)


def current_version(conn: Connection) -> int:
    """The version a store is at; 0 for an empty database."""
    if not sa.inspect(conn).has_table(SCHEMA_VERSION.name):
        return 0
    value = conn.execute(sa.select(SCHEMA_VERSION.c.version)).scalar()
    return int(value or 0)


def _refuse_foreign(conn: Connection) -> None:
    """Refuse a database that has tables but no claimdesk schema version.

    Pointing ``--db`` at another program's SQLite file must not add claimdesk's tables beside
    its own: an empty database becomes a store, a non-empty one is left alone.
    """
    tables = sa.inspect(conn).get_table_names()
    if tables:
        shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
        raise SchemaError(
            f"not a claimdesk store: the database holds other tables ({shown}); "
            "name a new file or an empty database"
        )


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
        if found == 0:
            _refuse_foreign(conn)
        SCHEMA_VERSION.create(conn, checkfirst=True)
        for number in range(found + 1, CURRENT_VERSION + 1):
            STEPS[number - 1](conn)
        conn.execute(sa.delete(SCHEMA_VERSION))
        conn.execute(sa.insert(SCHEMA_VERSION).values(id=1, version=CURRENT_VERSION))
        return found
