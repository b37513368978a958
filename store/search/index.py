"""The full-text index in SQLite: FTS5 tables that follow the records, and how to build them.

Three external-content FTS5 tables (the text stays in the record tables; the index holds only
postings) with the ``porter`` tokenizer, so "tank" finds "tanks":

- ``article_fts``: title, body, author, site, tags
- ``claim_fts``: claim text, claimant, and the article's title as ``context``
- ``comment_fts``: comment body, author, and the article's title as ``context``

A claim is read in the light of its article: "palmira tnaks" should find Amaq's 44-tanks claim,
whose sentence never says Palmyra but whose article is about it. Hence the ``context`` column,
read through the views ``search_claim_doc``/``search_comment_doc``.

Triggers, not the write path, keep these tables current. They follow *every* writer — the bulk
import, ``set_claim_status``, deletes and cascades, another process, a future editor. (A write
transaction of large batches, an import, turns the insert triggers off inside itself and
indexes its rows in bulk before it commits: :mod:`store.search.deferred`.) A writer
of many rows must insert them with multi-row statements, not an executemany: each statement
that fires these triggers opens a statement journal and makes FTS5 flush its pending postings,
so row by row the inserts took 3.7x as long (see :func:`store.writing.insert_many`). An
external-content table must be told the *old* values of a row it forgets, so an article's
claims and comments are deleted before the article itself (a BEFORE trigger), while its title
can still be read for their ``context``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from store.search.vocabulary import (
    VOCABULARY_DDL,
    VOCABULARY_TABLES,
    Cursorable,
    VocabularyRows,
    count_words,
    replace_all,
)

TOKENIZER = "porter unicode61 remove_diacritics 2"

_TITLE_OF = "(SELECT title FROM article WHERE id = {row}.article_id)"

SEARCH_DDL: tuple[str, ...] = (
    *VOCABULARY_DDL,
    "CREATE VIEW IF NOT EXISTS search_claim_doc (id, text, claimant, context) AS "
    "SELECT c.id, c.text, c.claimant, a.title FROM claim c JOIN article a ON a.id = c.article_id",
    "CREATE VIEW IF NOT EXISTS search_comment_doc (id, body, author, context) AS "
    "SELECT m.id, m.body, m.author, a.title FROM comment m JOIN article a ON a.id = m.article_id",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
    f"title, body, author, site, tags, content='article', content_rowid='id', "
    f"tokenize='{TOKENIZER}')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts USING fts5("
    f"text, claimant, context, content='search_claim_doc', content_rowid='id', "
    f"tokenize='{TOKENIZER}')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS comment_fts USING fts5("
    f"body, author, context, content='search_comment_doc', content_rowid='id', "
    f"tokenize='{TOKENIZER}')",
    # -- articles --
    "CREATE TRIGGER IF NOT EXISTS article_fts_ai AFTER INSERT ON article BEGIN "
    "INSERT INTO article_fts (rowid, title, body, author, site, tags) "
    "VALUES (new.id, new.title, new.body, new.author, new.site, new.tags); END",
    "CREATE TRIGGER IF NOT EXISTS article_children_bd BEFORE DELETE ON article BEGIN "
    "DELETE FROM comment WHERE article_id = old.id; "
    "DELETE FROM claim WHERE article_id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS article_fts_ad AFTER DELETE ON article BEGIN "
    "INSERT INTO article_fts (article_fts, rowid, title, body, author, site, tags) "
    "VALUES ('delete', old.id, old.title, old.body, old.author, old.site, old.tags); END",
    "CREATE TRIGGER IF NOT EXISTS article_fts_au AFTER UPDATE OF title, body, author, site, tags "
    "ON article BEGIN "
    "INSERT INTO article_fts (article_fts, rowid, title, body, author, site, tags) "
    "VALUES ('delete', old.id, old.title, old.body, old.author, old.site, old.tags); "
    "INSERT INTO article_fts (rowid, title, body, author, site, tags) "
    "VALUES (new.id, new.title, new.body, new.author, new.site, new.tags); END",
    "CREATE TRIGGER IF NOT EXISTS article_context_au AFTER UPDATE OF title ON article "
    "WHEN old.title IS NOT new.title BEGIN "
    "INSERT INTO claim_fts (claim_fts, rowid, text, claimant, context) "
    "SELECT 'delete', id, text, claimant, old.title FROM claim WHERE article_id = old.id; "
    "INSERT INTO claim_fts (rowid, text, claimant, context) "
    "SELECT id, text, claimant, new.title FROM claim WHERE article_id = new.id; "
    "INSERT INTO comment_fts (comment_fts, rowid, body, author, context) "
    "SELECT 'delete', id, body, author, old.title FROM comment WHERE article_id = old.id; "
    "INSERT INTO comment_fts (rowid, body, author, context) "
    "SELECT id, body, author, new.title FROM comment WHERE article_id = new.id; END",
    # -- claims --
    "CREATE TRIGGER IF NOT EXISTS claim_fts_ai AFTER INSERT ON claim BEGIN "  # noqa: S608
    "INSERT INTO claim_fts (rowid, text, claimant, context) "
    f"VALUES (new.id, new.text, new.claimant, {_TITLE_OF.format(row='new')}); END",
    "CREATE TRIGGER IF NOT EXISTS claim_fts_ad AFTER DELETE ON claim BEGIN "  # noqa: S608
    "INSERT INTO claim_fts (claim_fts, rowid, text, claimant, context) "
    f"VALUES ('delete', old.id, old.text, old.claimant, {_TITLE_OF.format(row='old')}); END",
    "CREATE TRIGGER IF NOT EXISTS claim_fts_au AFTER UPDATE OF text, claimant, article_id "  # noqa: S608
    "ON claim BEGIN "
    "INSERT INTO claim_fts (claim_fts, rowid, text, claimant, context) "
    f"VALUES ('delete', old.id, old.text, old.claimant, {_TITLE_OF.format(row='old')}); "
    "INSERT INTO claim_fts (rowid, text, claimant, context) "
    f"VALUES (new.id, new.text, new.claimant, {_TITLE_OF.format(row='new')}); END",
    # -- comments --
    "CREATE TRIGGER IF NOT EXISTS comment_fts_ai AFTER INSERT ON comment BEGIN "  # noqa: S608
    "INSERT INTO comment_fts (rowid, body, author, context) "
    f"VALUES (new.id, new.body, new.author, {_TITLE_OF.format(row='new')}); END",
    "CREATE TRIGGER IF NOT EXISTS comment_fts_ad AFTER DELETE ON comment BEGIN "  # noqa: S608
    "INSERT INTO comment_fts (comment_fts, rowid, body, author, context) "
    f"VALUES ('delete', old.id, old.body, old.author, {_TITLE_OF.format(row='old')}); END",
    "CREATE TRIGGER IF NOT EXISTS comment_fts_au AFTER UPDATE OF body, author, article_id "  # noqa: S608
    "ON comment BEGIN "
    "INSERT INTO comment_fts (comment_fts, rowid, body, author, context) "
    f"VALUES ('delete', old.id, old.body, old.author, {_TITLE_OF.format(row='old')}); "
    "INSERT INTO comment_fts (rowid, body, author, context) "
    f"VALUES (new.id, new.body, new.author, {_TITLE_OF.format(row='new')}); END",
)

SEARCH_TABLES = ("article_fts", "claim_fts", "comment_fts", *VOCABULARY_TABLES)


def create_search_index(conn: Cursorable) -> None:
    """Create the index tables and triggers, and index what the store already holds.

    Runs as schema step 2 inside the upgrade transaction (statement by statement: a script
    would commit it). On an empty store this is instant; on a full one it is the index build.
    """
    for statement in SEARCH_DDL:
        conn.execute(statement)
    rebuild(conn)


def rebuild(conn: Cursorable) -> None:
    """Re-index every record from the record tables (the FTS ``rebuild`` and the vocabulary).

    The two halves take about as long at a million records (≈23 s each on this machine), and
    FTS5 works in C without Python's lock, so on a store file in WAL mode the words are counted
    in a thread, on a connection of its own, while this one rebuilds the FTS tables: the build
    costs the longer half, not the sum (134 s before, 27 s after, both halves made faster).
    That connection sees only what is committed, so it is used only when it sees the records
    this one does (the upgrade of a store written earlier); otherwise the words are counted
    here. They are counted in memory (a few hundred thousand distinct words), and they and
    their deletion keys are sorted before they are written, once.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        reader = _committed_reader(conn)
        counted = pool.submit(_vocabulary_closing, reader) if reader else None
        for table in ("article_fts", "claim_fts", "comment_fts"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")  # noqa: S608
        rows = counted.result() if counted else _vocabulary_of(conn)
    replace_all(conn, rows)


MERGE_SHARE = 5
"""A transaction that wrote at least one in this many of a kind's records merges that kind's
full-text index into one segment (see :func:`merge_segments`)."""


def merge_segments(conn: Cursorable, written: Mapping[str, int]) -> None:
    """Merge the FTS5 segments of each kind of which ``written`` (records written by the
    transaction about to commit, per kind) is at least a :data:`MERGE_SHARE`-th.

    FTS5 writes a segment per flush and merges them only four at a time, so a bulk import
    leaves a dozen segments per table at a million records, and every word of a query is
    looked up in each. One segment: the engine's index queries over
    ``benchmarks/bench_search_real.py``'s 450 queries at a million records took 1.2 s of CPU
    instead of 2.8 (engine p95 39 -> 29 ms of CPU), for 5 s of CPU at the end of that import.
    Only a large share is merged, because merging rewrites the whole index: a small import
    into a large store leaves it to FTS5's own merging.
    """
    for kind, count in written.items():
        if count <= 0 or kind not in ("article", "claim", "comment"):
            continue
        last = conn.execute(f"SELECT coalesce(max(id), 0) FROM {kind}").fetchone()[0]  # noqa: S608
        if count * MERGE_SHARE < last:
            continue
        merge_table(conn, f"{kind}_fts")


def merge_table(conn: Cursorable, table: str) -> None:
    """Merge the FTS5 table ``table`` into one segment, if it has more."""
    segments = conn.execute(f"SELECT count(DISTINCT segid) FROM {table}_idx").fetchone()[0]  # noqa: S608
    if segments > 1:
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608


COUNT_CHUNK_CHARS = 20_000_000
"""Text counted at a time: big chunks, because merging each chunk's counts costs per distinct
word; bounded, because the chunk is joined into one string."""

_LAST_IDS = (
    "SELECT (SELECT max(id) FROM article), (SELECT max(id) FROM claim), "
    "(SELECT max(id) FROM comment)"
)


def _committed_reader(conn: Cursorable) -> sqlite3.Connection | None:
    """A read-only connection to ``conn``'s WAL store file that sees the same records, or None
    (an in-memory or rollback-journal store, or records this transaction has not committed)."""
    last = conn.execute(_LAST_IDS).fetchone()
    if last == (None, None, None):
        return None  # nothing to count
    if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        return None  # a reader would keep the writer from spilling its cache
    path = next(
        (file for _, name, file in conn.execute("PRAGMA database_list") if name == "main" and file),
        None,
    )
    if not path:
        return None
    reader = sqlite3.connect(
        Path(path).resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
    )
    try:
        reader.execute("BEGIN")
        if reader.execute(_LAST_IDS).fetchone() == last:
            return reader
    except sqlite3.Error:
        pass
    reader.close()
    return None


def _vocabulary_of(conn: Cursorable) -> VocabularyRows:
    return VocabularyRows.of(_count_all(conn))


def _vocabulary_closing(reader: sqlite3.Connection) -> VocabularyRows:
    try:
        return _vocabulary_of(reader)
    finally:
        reader.close()


def _count_all(conn: Cursorable) -> Counter[str]:
    counts: Counter[str] = Counter()
    chunk: list[str] = []
    size = 0
    for text in _all_texts(conn):
        chunk.append(text)
        size += len(text)
        if size >= COUNT_CHUNK_CHARS:
            count_words(chunk, into=counts)
            chunk, size = [], 0
    count_words(chunk, into=counts)
    return counts


def _all_texts(conn: Cursorable) -> Iterator[str]:
    queries = (
        "SELECT title, body, author, site, tags FROM article",
        "SELECT text, claimant FROM claim",
        "SELECT body, author FROM comment",
    )
    for sql in queries:
        for row in conn.execute(sql):
            yield from (tags_text(v) if i == 4 else v for i, v in enumerate(row) if v)


def tags_text(value: Any) -> str:
    """The tags column (a JSON list) as plain words."""
    if isinstance(value, list):
        return " ".join(str(tag) for tag in value)
    try:
        tags = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return str(value)
    return " ".join(str(tag) for tag in tags) if isinstance(tags, list) else str(value)


def record_texts(
    articles: list[dict[str, Any]], claims: list[dict[str, Any]], comments: list[dict[str, Any]]
) -> Iterator[str]:
    """The indexed texts of rows the store is about to write, for the vocabulary."""
    for row in articles:
        yield from (
            row["title"],
            row["body"],
            row["author"] or "",
            row["site"] or "",
            tags_text(row["tags"]),
        )
    for row in claims:
        yield from (row["text"], row["claimant"] or "")
    for row in comments:
        yield from (row["body"], row["author"])
