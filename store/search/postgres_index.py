"""The search index in PostgreSQL: a ``tsvector`` per record (GIN), and the typo vocabulary.

Search must find the same records on PostgreSQL as on SQLite, so the index holds the *same
terms* as SQLite's FTS5 tables: the words are cut and stemmed by FTS5's own tokenizer
(``porter unicode61 remove_diacritics 2``, run in an in-memory SQLite database, see
:class:`Terms`), not by PostgreSQL's parser, whose tokens ("3.5", "well-known", URLs) and
stemmer (Snowball, not Porter) differ. The terms are written as ``tsvector`` literals, so
PostgreSQL's ``@@`` and GIN do the matching.

Columns are told apart by weights, and phrases cannot span two of them (each column starts at
a new position, after a ``'|'`` marker that also answers FTS5's ``^`` "at the start of a
column"):

- ``search_article.words``: title A, author B, site C, body D, tags D; the tags again as
  ``'#term'`` (five columns, four weights), for ``tag:``
- ``search_claim.words``: claim text A, claimant B, the article's title C (its context)
- ``search_comment.words``: comment body A, author B, the article's title C

The vocabulary (``search_vocab``, ``search_vocab_key``) has the SQLite tables' shape and
deletion keys (see :mod:`store.search.vocabulary`), so typo look-ups find the same words.

The write path (:func:`index_rows`) fills both in the writer's transaction; there are no
triggers because the terms come from Python. Every writer of record text goes through
:class:`store.store.Store`, which calls it; a writer that bypasses the store is not indexed
(the SQLite index, by triggers, would follow it).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any

from store.search.index import TOKENIZER, record_texts, tags_text
from store.search.vocabulary import _key_rows, count_words, mark_keys

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from store.writing import RowBatch

START = "|"
"""The lexeme at the position before each column's first term."""
TAG = "#"
"""Prefix of the tags' second copy of their terms (the ``tag:`` scope)."""
MAX_POSITION = 16_383
MAX_POSITIONS_PER_TERM = 255
"""PostgreSQL's limits for a ``tsvector``: positions above the first are clamped, further
positions of one lexeme dropped (a phrase deep in a very long body may be missed)."""

WEIGHTS = ("A", "B", "C", "D")

INLINE_VECTOR = 8160
"""``toast_tuple_target`` of the ``tsvector`` tables: a row up to this size (PostgreSQL's
largest) stays in its table as it is, neither compressed nor moved to TOAST. By default a row
over ≈2 kB is, and most articles' vectors are (1 kB bodies: 2 kB vectors): every candidate
tested while walking the newest records, and every match rechecked after GIN, then read the
TOAST index and table and decompressed. Kept inline, the server's time per search at 100k
records fell ≈13 % (the worst queries ≈30 %); a longer vector is TOASTed as before."""

DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS search_article ("
    " id BIGINT PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,"
    f" words TSVECTOR NOT NULL) WITH (toast_tuple_target = {INLINE_VECTOR})",
    "CREATE TABLE IF NOT EXISTS search_claim ("
    " id BIGINT PRIMARY KEY REFERENCES claim (id) ON DELETE CASCADE,"
    f" words TSVECTOR NOT NULL) WITH (toast_tuple_target = {INLINE_VECTOR})",
    "CREATE TABLE IF NOT EXISTS search_comment ("
    " id BIGINT PRIMARY KEY REFERENCES comment (id) ON DELETE CASCADE,"
    f" words TSVECTOR NOT NULL) WITH (toast_tuple_target = {INLINE_VECTOR})",
    "CREATE INDEX IF NOT EXISTS search_article_words ON search_article USING GIN (words)",
    "CREATE INDEX IF NOT EXISTS search_claim_words ON search_claim USING GIN (words)",
    "CREATE INDEX IF NOT EXISTS search_comment_words ON search_comment USING GIN (words)",
    # COLLATE "C": prefix ranges and ordering by code point, as SQLite compares text.
    'CREATE TABLE IF NOT EXISTS search_vocab (word TEXT COLLATE "C" PRIMARY KEY,'
    " freq BIGINT NOT NULL)",
    'CREATE TABLE IF NOT EXISTS search_vocab_key (key BIGINT NOT NULL, word TEXT COLLATE "C"'
    " NOT NULL, PRIMARY KEY (key, word))",
)
SEARCH_TABLES = (
    "search_article",
    "search_claim",
    "search_comment",
    "search_vocab",
    "search_vocab_key",
)


class Terms:
    """FTS5's tokenizer, for text that is not stored in SQLite, remembered piece by piece.

    FTS5's ``unicode61`` tokenizer treats every ASCII character other than a letter or a
    digit as a separator, so no term spans one: a text's terms are its *pieces*' terms in
    order, a piece being what is left between ASCII separators (a word, or a run of letters
    and other Unicode characters, "naïve", "1939–1945"). Each piece's terms are asked of
    FTS5 once, through an in-memory table with the store's tokenizer and its ``fts5vocab``
    instance table (exactly the terms SQLite's index holds for the same text), and kept in
    a dict; a text is then cut by ``bytes.translate`` and ``split`` and its pieces looked up,
    all in C. Reading ``fts5vocab`` back had cost ≈1.5 µs a term. With :func:`tsvector`'s
    own changes, the vectors of four real-word chunks of 10k records (the 1M store's, one
    tokenizer for all four) cost 0.79–1.07 s each against 1.21–1.42 s, the literals
    identical; a chunk met again, every piece remembered, 0.40 s.

    One object per thread (SQLite connections are not shared). The table is contentless
    (``content=''``) and emptied with FTS5's ``delete-all`` after each batch of new pieces:
    deleting its rows made FTS5 tokenize every text a second time.
    """

    MAX_PIECES = 1_000_000
    """Pieces remembered before the memory starts again (≈150 MB; a real-word million
    records hold a few hundred thousand distinct ones)."""

    def __init__(self) -> None:
        # Not shared between threads at once: the search engine holds its lock around a
        # search, and the write path makes one per batch. The app searches from worker threads.
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            f"CREATE VIRTUAL TABLE t USING fts5(c, tokenize='{TOKENIZER}', content='')"
        )
        self._db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        self._pieces: dict[bytes, str] = {}
        """A piece's terms, joined by spaces (no term holds one: it is a separator)."""

    def close(self) -> None:
        self._db.close()

    def of(self, texts: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """For each row of texts (one per column), each column's terms in order."""
        cut = [
            [(text or "").encode("utf-8").translate(_SEPARATORS).split() for text in row]
            for row in texts
        ]
        known = self._pieces
        new = set(chain.from_iterable(chain.from_iterable(cut))).difference(known)
        if new:
            if len(known) + len(new) > self.MAX_PIECES:
                known.clear()
                new = set(chain.from_iterable(chain.from_iterable(cut)))
            self._learn(list(new))
        terms = known.__getitem__
        return [[" ".join(map(terms, pieces)).split() for pieces in row] for row in cut]

    def _learn(self, pieces: list[bytes]) -> None:
        """Ask FTS5 the terms of ``pieces`` (valid UTF-8: cut only at ASCII bytes)."""
        self._db.executemany(
            "INSERT INTO t (rowid, c) VALUES (?, ?)",
            [(number, piece.decode("utf-8")) for number, piece in enumerate(pieces)],
        )
        found: list[list[str]] = [[] for _ in pieces]
        for doc, term in self._db.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
            found[doc].append(term)
        self._db.execute("INSERT INTO t (t) VALUES ('delete-all')")
        self._pieces.update(zip(pieces, map(" ".join, found), strict=True))

    def phrase(self, text: str) -> list[str]:
        """The terms FTS5 makes of a query string."""
        return self.of([[text]])[0][0]


_SEPARATORS = bytes.maketrans(
    bytes(c for c in range(128) if not chr(c).isalnum()),
    b" " * sum(1 for c in range(128) if not chr(c).isalnum()),
)
"""Every ASCII byte FTS5's ``unicode61`` separates words at (all but letters and digits),
made a space; UTF-8's other bytes are all above 127, so a cut never splits a character."""


def quote(lexeme: str) -> str:
    """A lexeme as a ``tsvector``/``tsquery`` literal (FTS5's terms never need escaping, but
    the literal must be right whatever it is given)."""
    if "'" in lexeme or "\\" in lexeme:
        lexeme = lexeme.replace("\\", "\\\\").replace("'", "''")
    return "'" + lexeme + "'"


def tsvector(
    columns: Sequence[Sequence[str]], weights: Sequence[str], tags: Sequence[str] = ()
) -> str:
    """A ``tsvector`` literal: each column's terms under its weight, each column after a
    :data:`START` marker, and ``tags`` again under :data:`TAG`.

    The import's and the copy's hot loop on PostgreSQL (every term of every record passes
    here once), so it does little per term: each position's text ("17B") is taken from a
    table made once, a column's terms are walked beside a slice of it, and the limit of
    positions per lexeme is applied once at the end (only a record of more terms than the
    limit can reach it), keeping each lexeme's first positions as before.
    """
    positions: dict[str, list[str]] = {}
    get = positions.get
    position = 0
    groups = [(terms, weight, "") for terms, weight in zip(columns, weights, strict=True)]
    if tags:
        groups.append((tags, "D", TAG))
    for terms, weight, prefix in groups:
        if not terms:
            continue
        spots = _spots(weight, position + len(terms) + 1)
        start = prefix + START
        found = get(start)
        if found is None:
            positions[start] = [spots[position + 1]]
        else:
            found.append(spots[position + 1])
        lexemes = [prefix + term for term in terms] if prefix else terms
        for spot, lexeme in zip(
            spots[position + 2 : position + 2 + len(terms)], lexemes, strict=True
        ):
            found = get(lexeme)
            if found is None:
                positions[lexeme] = [spot]
            else:
                found.append(spot)
        position += len(terms) + 1
    if position > MAX_POSITIONS_PER_TERM:
        for spots in positions.values():
            del spots[MAX_POSITIONS_PER_TERM:]
    if _NEEDS_QUOTING.search("".join(positions)):
        return " ".join(f"{quote(lexeme)}:{','.join(spots)}" for lexeme, spots in positions.items())
    return " ".join([f"'{lexeme}':{','.join(spots)}" for lexeme, spots in positions.items()])


_NEEDS_QUOTING = re.compile(r"['\\]")
"""What :func:`quote` escapes (FTS5's terms never hold either: both are separators)."""
_SPOT_TEXTS = {weight: [f"{p}{weight}" for p in range(MAX_POSITION + 1)] for weight in WEIGHTS}
"""Each position's text under each weight ("17B"), position 0 unused."""


def _spots(weight: str, last: int) -> list[str]:
    """The position texts of ``weight`` up to position ``last`` at least; past
    :data:`MAX_POSITION`, positions are clamped to it (as PostgreSQL would)."""
    spots = _SPOT_TEXTS[weight]
    if last <= MAX_POSITION:
        return spots
    return spots + [spots[MAX_POSITION]] * (last - MAX_POSITION)


def _article_vectors(terms: Terms, rows: Sequence[dict[str, Any]]) -> list[tuple[int, str]]:
    texts = [
        (
            row["title"] or "",
            row["author"] or "",
            row["site"] or "",
            row["body"] or "",
            tags_text(row["tags"]) if row["tags"] else "",
        )
        for row in rows
    ]
    out = []
    for row, (title, author, site, body, tags) in zip(rows, terms.of(texts), strict=True):
        out.append(
            (row["id"], tsvector([title, author, site, body, tags], (*WEIGHTS, "D"), tags=tags))
        )
    return out


def _child_vectors(
    terms: Terms,
    rows: Sequence[dict[str, Any]],
    text_key: str,
    name_key: str,
    titles: dict[int, str],
) -> list[tuple[int, str]]:
    texts = [
        (row[text_key] or "", row[name_key] or "", titles.get(row["article_id"], ""))
        for row in rows
    ]
    return [
        (row["id"], tsvector(columns[:3], WEIGHTS[:3]))
        for row, columns in zip(rows, terms.of(texts), strict=True)
    ]


def _titles(cursor: Any, rows: RowBatch) -> dict[int, str]:
    """The titles of the articles the batch's claims and comments belong to."""
    titles = {row["id"]: row["title"] or "" for row in rows.articles}
    wanted = {row["article_id"] for row in (*rows.claims, *rows.comments)} - set(titles)
    if wanted:
        cursor.execute("SELECT id, title FROM article WHERE id = ANY(%s)", (sorted(wanted),))
        titles.update({row[0]: row[1] or "" for row in cursor.fetchall()})
    return titles


@dataclass(frozen=True, slots=True)
class Prepared:
    """What indexing a batch costs in Python alone, made apart from its write: each record's
    ``tsvector`` literal, by table and id, and the batch's word counts.

    A copy (:func:`store.copying.copy_store`) makes the next chunk's in a thread while the
    database writes this one: the vectors were a third of a copy's time, spent while the
    server waited, and the server's work (the keys' B-tree, GIN) while Python waited.
    """

    vectors: dict[str, dict[int, str]]
    counts: Counter[str] | None
    """None: to be counted at the write (the batch written is not the batch prepared)."""
    keys: Keys | None = None
    """The deletion keys of the words expected to be new at the write, made ahead; used
    only if those are exactly the words new then (:func:`add_counts`)."""

    def renumbered(self, ids: dict[str, dict[int, int]], *, same_rows: bool = True) -> Prepared:
        """The same, for records given new ids (``ids``: table -> old id -> new id of every
        record to be written; an empty or missing table: ids kept); ``same_rows=False`` when
        some records will not be written (a record that has no new id in a renumbered table
        is dropped, so its old id cannot clash with another's new one)."""
        vectors = {}
        for table, part in self.vectors.items():
            moved = ids.get(table)
            vectors[table] = (
                {moved[old]: text for old, text in part.items() if old in moved} if moved else part
            )
        return Prepared(vectors, self.counts if same_rows else None, self.keys)


def prepare(
    rows: RowBatch,
    titles: dict[int, str],
    seen: set[str] | None = None,
    terms: Terms | None = None,
) -> Prepared:
    """:class:`Prepared` for ``rows``, whose claims' and comments' articles' titles are in
    ``titles`` (nothing here reads the database). With ``seen`` (the words of the batches
    prepared before, which the destination will hold by this one's write), also the keys of
    the batch's other words, and those are added to ``seen``. With ``terms``, its tokenizer
    (whose pieces, remembered from the batches before, need not be asked again)."""
    missing = {row["article_id"] for row in (*rows.claims, *rows.comments)} - set(titles)
    if missing:
        raise ValueError(f"titles missing for articles {sorted(missing)[:5]}")
    vectors = _made_vectors(rows, titles) if terms is None else _vectors(terms, rows, titles)
    counts = _counts(rows)
    keys = None
    if seen is not None:
        new = sorted(word for word in counts if word not in seen)
        seen.update(new)
        keys = key_text(new)
    return Prepared({table: dict(part) for table, part in vectors}, counts, keys)


OVERLAP_RECORDS = 200
"""A batch at least this large makes its vectors in a thread while its words are counted
into the vocabulary (:func:`index_rows`)."""


def index_rows(
    conn: Connection,
    rows: RowBatch,
    prepared: Prepared | None = None,
    later: LaterCounts | None = None,
) -> None:
    """Index a batch the store has just inserted, in the same transaction (with what was
    :func:`prepare` made for it, if anything; with a copy's :class:`LaterCounts`).

    Without it, a large batch (an import's) makes its vectors in a thread while this one
    files its words and their deletion keys: the server's share of the vocabulary (the keys'
    B-tree) no longer waits for Python's tokenizing, nor the other way round.
    """
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if prepared is not None:
            vectors = [
                (table, [(row["id"], prepared.vectors[table][row["id"]]) for row in part])
                for table, part in (
                    ("search_article", rows.articles),
                    ("search_claim", rows.claims),
                    ("search_comment", rows.comments),
                )
            ]
            add_counts(cursor, prepared.counts or _counts(rows), prepared.keys, later)
        elif len(rows.articles) + len(rows.claims) + len(rows.comments) < OVERLAP_RECORDS:
            vectors = _made_vectors(rows, _titles(cursor, rows))
            add_counts(cursor, _counts(rows))
        else:
            with ThreadPoolExecutor(max_workers=1) as thread:
                made = thread.submit(_made_vectors, rows, _titles(cursor, rows))
                add_counts(cursor, _counts(rows))
                vectors = made.result()
        _write_vectors(cursor, vectors)
    finally:
        cursor.close()


def _write_vectors(cursor: Any, vectors: Vectors) -> None:
    for table, part in vectors:
        _copy_rows(cursor, f"COPY {table} (id, words) FROM STDIN".encode(), part)


def _counts(rows: RowBatch) -> Counter[str]:
    return count_words(record_texts(rows.articles, rows.claims, rows.comments))


Vectors = list[tuple[str, list[tuple[int, str]]]]
"""Each search table's (id, ``tsvector`` literal) rows."""


def _made_vectors(rows: RowBatch, titles: dict[int, str]) -> Vectors:
    """:func:`_vectors` with a tokenizer of its own (callable from any thread)."""
    terms = Terms()
    try:
        return _vectors(terms, rows, titles)
    finally:
        terms.close()


def _vectors(terms: Terms, rows: RowBatch, titles: dict[int, str]) -> Vectors:
    """Each search table's (id, ``tsvector`` literal) rows for ``rows``."""
    return [
        ("search_article", _article_vectors(terms, rows.articles) if rows.articles else []),
        (
            "search_claim",
            _child_vectors(terms, rows.claims, "text", "claimant", titles) if rows.claims else [],
        ),
        (
            "search_comment",
            _child_vectors(terms, rows.comments, "body", "author", titles) if rows.comments else [],
        ),
    ]


def add_counts(
    cursor: Any, counts: Counter[str], keys: Keys | None = None, later: LaterCounts | None = None
) -> None:
    """Count words into the vocabulary; new words get their deletion keys.

    New words and their keys go in by COPY, sorted (a B-tree filled in order, as SQLite's
    vocabulary is): they cannot conflict with stored rows, since the writer holds the write
    lock and they were looked up under it. Known words get their counts added in one UPDATE,
    or, with ``later`` (a copy's), every :data:`FLUSH_WRITES` writes (:class:`LaterCounts`).
    In the first profile the per-row inserts and their array parameters took half the import.
    """
    if not counts:
        return
    words = sorted(counts if later is None else (w for w in counts if w not in later.held))
    known: set[str] = set()
    if words:
        cursor.execute("SELECT word FROM search_vocab WHERE word = ANY(%s)", (words,))
        known = {row[0] for row in cursor.fetchall()}
    new = [word for word in words if word not in known]
    if later is None:
        _update_counts(cursor, {word: counts[word] for word in known})
    else:
        fresh = set(new)
        later.staged(words, {word: n for word, n in counts.items() if word not in fresh})
    if not new:
        return
    _copy_rows(
        cursor, b"COPY search_vocab (word, freq) FROM STDIN", [(word, counts[word]) for word in new]
    )
    _add_keys(cursor, keys if keys is not None and keys.words == new else key_text(new))


def _update_counts(cursor: Any, counts: dict[str, int] | Counter[str]) -> None:
    """Add ``counts`` to stored words' counts, in one UPDATE (in the words' order)."""
    if counts:
        ordered = sorted(counts)
        cursor.execute(
            "UPDATE search_vocab v SET freq = v.freq + u.n "
            "FROM unnest(%s::text[], %s::bigint[]) AS u (w, n) WHERE v.word = u.w",
            (ordered, [counts[word] for word in ordered]),
        )


FLUSH_WRITES = 10
"""Writes (a copy's chunks) whose counts of already stored words :class:`LaterCounts` adds up
before it adds them to the vocabulary."""


class LaterCounts:
    """A copy's counts of words the destination already holds, added every
    :data:`FLUSH_WRITES` chunks and at the end (:meth:`flush`), not at each chunk.

    After its first chunks nearly every word of a copy's chunk is already stored: each chunk's
    UPDATE rewrote most of the vocabulary's rows (≈30k of 155k for the real-word million
    records, 100 times), 27 s of the server's 126 s and 16 s of the writer's 59 s in that
    copy. Words the copy has seen stored are not looked up again either (the vocabulary never
    loses a word; another writer adding one the copy has not seen is found by the look-up).
    What a write adds here counts only once its transaction is committed (:meth:`kept`; a
    write rolled back: :meth:`dropped`). What a copy killed by a signal had not yet added is
    lost: those words' counts stay lower than a rebuild's by at most :data:`FLUSH_WRITES`
    chunks' occurrences (a typo's candidates are weighed by their counts; the words and their
    keys are all in).
    """

    def __init__(self) -> None:
        self.held: set[str] = set()
        """Words the destination is known to hold (committed)."""
        self.pending: Counter[str] = Counter()
        self.writes = 0
        self._held: list[str] = []
        self._pending: Counter[str] = Counter()

    def staged(self, words: list[str], counts: dict[str, int]) -> None:
        """A write's words now stored, and its counts of words stored before it."""
        self._held += words
        self._pending.update(counts)

    def kept(self) -> None:
        """The write was committed."""
        self.held.update(self._held)
        self.pending.update(self._pending)
        self.writes += 1
        self.dropped()

    def dropped(self) -> None:
        """The write was rolled back."""
        self._held, self._pending = [], Counter()

    @property
    def due(self) -> bool:
        return bool(self.pending) and self.writes % FLUSH_WRITES == 0

    def flush(self, cursor: Any) -> None:
        """Add the pending counts, in the caller's write transaction (to be cleared with
        :meth:`flushed` once that is committed)."""
        _update_counts(cursor, self.pending)

    def flushed(self) -> None:
        self.pending.clear()


def rekey(cursor: Any) -> None:
    """File every word of ``search_vocab`` under the current deletion keys (the upgrade of a
    store whose words were keyed another way: SQLite's :func:`store.search.vocabulary.rekey`)."""
    cursor.execute("DELETE FROM search_vocab_key")
    cursor.execute("SELECT word FROM search_vocab ORDER BY word")
    _add_keys(cursor, key_text([row[0] for row in cursor.fetchall()]))
    mark_keys(cursor)


@dataclass(frozen=True, slots=True)
class Keys:
    """The deletion keys of ``words`` (sorted, none of them keyed yet) as COPY text, one
    ``key<TAB>word`` line a key, in key order (:func:`key_text`)."""

    words: list[str]
    count: int
    text: bytes


def key_text(new: list[str]) -> Keys:
    """:class:`Keys` for ``new`` words.

    Made by the SQLite side's :func:`store.search.vocabulary._key_rows` (keys shared by words
    of one prefix, sorted as packed integers), each word's index in ``new`` standing for its
    id, and written in one pass over the packed integers (a word holding a character that
    COPY's text format escapes, none that the vocabulary splits out, is escaped as COPY
    reads it). Made in a worker process ahead of the write by a copy
    (:func:`store.copying.copy_store`), where the words new to the destination are known
    in advance.
    """
    run = _key_rows(new, 0)
    joined = "".join(new)
    if any(mark in joined for mark in "\\\t\n\r"):
        escape = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
        lines = [f"{key}\t{new[index].translate(escape)}\n" for key, index in run.rows()]
        return Keys(new, len(run), "".join(lines).encode("utf-8"))
    shift, mask, offset = run.shift, (1 << run.shift) - 1, 2**31
    tails = [f"\t{word}\n" for word in new]
    text = "".join([f"{(value >> shift) - offset}{tails[value & mask]}" for value in run.packed])
    return Keys(new, len(run), text.encode("utf-8"))


def _add_keys(cursor: Any, keys: Keys) -> None:
    """Write ``keys`` by COPY, in key order (a B-tree filled in order, as SQLite's is)."""
    if keys.count:
        with cursor.copy(b"COPY search_vocab_key (key, word) FROM STDIN") as copy:
            copy.write(keys.text)


def _copy_rows(cursor: Any, statement: bytes, rows: Sequence[tuple[Any, Any]]) -> None:
    """Rows of two columns by COPY, written as text in one block (psycopg's ``write_row`` per
    row cost more than the server's work); if a value holds a character COPY would need
    escaped, they go row by row instead."""
    if not rows:
        return
    text = "".join([f"{a}\t{b}\n" for a, b in rows])
    plain = (
        text.count("\t") == len(rows)
        and text.count("\n") == len(rows)
        and "\\" not in text
        and "\r" not in text
    )
    with cursor.copy(statement) as copy:
        if plain:
            copy.write(text.encode("utf-8"))
        else:
            for row in rows:
                copy.write_row(row)


DEFERRED_INDEXES: tuple[tuple[str, str, str], ...] = (
    (
        "search_article_words",
        "DROP INDEX IF EXISTS search_article_words",
        "CREATE INDEX IF NOT EXISTS search_article_words ON search_article USING GIN (words)",
    ),
    (
        "search_claim_words",
        "DROP INDEX IF EXISTS search_claim_words",
        "CREATE INDEX IF NOT EXISTS search_claim_words ON search_claim USING GIN (words)",
    ),
    (
        "search_comment_words",
        "DROP INDEX IF EXISTS search_comment_words",
        "CREATE INDEX IF NOT EXISTS search_comment_words ON search_comment USING GIN (words)",
    ),
    (
        "search_vocab_key_pkey",
        "ALTER TABLE search_vocab_key DROP CONSTRAINT IF EXISTS search_vocab_key_pkey",
        "ALTER TABLE search_vocab_key ADD CONSTRAINT search_vocab_key_pkey PRIMARY KEY (key, word)",
    ),
)
"""The search indexes a bulk load into an empty index builds afterwards (name, how to drop
it, how to build it): the ``tsvector`` GIN indexes and the typo keys' B-tree."""
BUILD_MEMORY = "256MB"
"""``maintenance_work_mem`` of each build (two run at once, :data:`store.copying.BUILDERS`):
the 5.1M keys of 100k records sort in memory (2.9 s; 2.4 s with 512 MB)."""


def defer_indexes(cursor: Any) -> bool:
    """Drop the search indexes if the search tables are empty (a copy into a new store);
    returns whether it did. The caller holds the writers' lock and builds them again with
    :func:`missing_indexes` once its rows are in.

    Filed row by row, the typo keys' B-tree was the largest part of the server's work in a
    copy (5.1M keys per 100k records in random order: 33.7 s in a scratch test, against 10.2 s
    sorted and 4.2 s for the bare table), and GIN's inserts the next (12.5 s of 43); an index
    built from the whole table sorts once. Searches meanwhile are right, only slower (the
    tables are read without an index), and another writer's rows are indexed with the rest.
    """
    cursor.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM search_vocab_key) "
        "AND NOT EXISTS (SELECT 1 FROM search_article) "
        "AND NOT EXISTS (SELECT 1 FROM search_claim) AND NOT EXISTS (SELECT 1 FROM search_comment)"
    )
    if not cursor.fetchone()[0]:
        return False
    for _, drop, _ in DEFERRED_INDEXES:
        cursor.execute(drop)
    return True


def missing_indexes(cursor: Any) -> list[str]:
    """The statements that build the search indexes missing (after :func:`defer_indexes`,
    or after a copy that was interrupted before it could build them), each to be run in a
    transaction of its own with ``SET LOCAL maintenance_work_mem`` to :data:`BUILD_MEMORY`."""
    names = [name for name, _, _ in DEFERRED_INDEXES]
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relkind = 'i' "
        "AND relnamespace = current_schema()::regnamespace",
        (names,),
    )
    present = {row[0] for row in cursor.fetchall()}
    return [build for name, _, build in DEFERRED_INDEXES if name not in present]


BUILDERS = 2
"""Search indexes built at once: after a copy the writer and the worker are done, and one
build uses one core (GIN builds are not parallel before PostgreSQL 17)."""
COPY_LOCK = 0x636C_6169_6D65
"""The advisory lock every running copy holds shared, on a connection of its own, for its
whole run ("claime" in ASCII; the writers' lock is "claimd"): a store opened while it is
held is not given its missing indexes, which a copy into an empty store drops on purpose."""


def build_indexes(engine: Engine, where: str) -> None:
    """Build the search indexes the store lacks, :data:`BUILDERS` at a time, each in its own
    transaction with ``maintenance_work_mem`` at :data:`BUILD_MEMORY` (not under the
    writers' lock: each build locks its own table against writes, and readers read on)."""
    # Here, not at the top: the search command reads this module without SQLAlchemy (its
    # whole process must answer in 0.3 s).
    from sqlalchemy.exc import DBAPIError

    with engine.connect() as conn:
        missing = _on_cursor(conn, missing_indexes)

    def build(statement: str) -> None:
        try:
            with engine.connect() as conn, conn.begin():
                conn.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
                conn.exec_driver_sql(statement)
        except DBAPIError as error:
            raise IndexBuildError(
                f"cannot build the search index of {where}: {error.orig}"
            ) from error

    if missing:
        with ThreadPoolExecutor(max_workers=BUILDERS) as builders:
            for done in [builders.submit(build, statement) for statement in missing]:
                done.result()


class IndexBuildError(RuntimeError):
    """A search index could not be built (one line naming the store and why)."""


def build_indexes_left_missing(engine: Engine, where: str) -> bool:
    """At a store's opening: build the search indexes a copy killed before it could build
    them left missing (searches were right without them, but read whole tables), unless a
    copy is running (:data:`COPY_LOCK`: it drops them on purpose and builds them at its end);
    returns whether it built any. One catalog query when nothing is missing. The lock is
    held while building, so two stores opened at once do not both build."""
    with engine.connect() as conn:
        if not conn.exec_driver_sql(f"SELECT pg_try_advisory_xact_lock({COPY_LOCK})").scalar():
            return False
        if not _on_cursor(conn, missing_indexes):
            return False
        build_indexes(engine, where)
        return True


@contextmanager
def copy_running(engine: Engine) -> Iterator[None]:
    """Hold :data:`COPY_LOCK` shared while a copy runs, on a connection of its own (outside
    the pool, so the lock goes with it; a killed copy's goes with its session)."""
    conn = engine.connect()
    conn.detach()
    try:
        conn.exec_driver_sql(f"SELECT pg_advisory_lock_shared({COPY_LOCK})")
        conn.commit()
        yield
    finally:
        conn.close()


def _on_cursor(conn: Connection, step: Any) -> Any:
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return step(cursor)
    finally:
        cursor.close()


REBUILD_CHUNK = 2_000


def create_search_index(conn: Connection) -> None:
    """Schema step: the tables and indexes, and the index of what the store already holds."""
    for statement in DDL:
        conn.exec_driver_sql(statement)
    rebuild(conn)


def rebuild(conn: Connection) -> None:
    """Index every record from the record tables (a store written before the index)."""
    from store.writing import RowBatch

    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        for statement in (
            "DELETE FROM search_article",
            "DELETE FROM search_claim",
            "DELETE FROM search_comment",
            "DELETE FROM search_vocab",
            "DELETE FROM search_vocab_key",
        ):
            cursor.execute(statement)
        terms = Terms()
        try:
            for batch in _batches(conn):
                rows = RowBatch(*batch)
                _write_vectors(cursor, _vectors(terms, rows, _titles(cursor, rows)))
                add_counts(cursor, _counts(rows))
        finally:
            terms.close()
    finally:
        cursor.close()


def _batches(conn: Connection) -> Iterator[tuple[list[dict[str, Any]], ...]]:
    """The stored records, a chunk of articles at a time with their claims and comments."""
    last = 0
    while True:
        articles = [
            dict(row._mapping)
            for row in conn.exec_driver_sql(
                "SELECT id, title, author, site, body, tags FROM article WHERE id > %(last)s "
                "ORDER BY id LIMIT %(n)s",
                {"last": last, "n": REBUILD_CHUNK},
            )
        ]
        if not articles:
            return
        first, last = articles[0]["id"], articles[-1]["id"]
        span = {"first": first, "last": last}
        comments = [
            dict(row._mapping)
            for row in conn.exec_driver_sql(
                "SELECT id, article_id, body, author FROM comment "
                "WHERE article_id BETWEEN %(first)s AND %(last)s",
                span,
            )
        ]
        claims = [
            dict(row._mapping)
            for row in conn.exec_driver_sql(
                "SELECT id, article_id, text, claimant FROM claim "
                "WHERE article_id BETWEEN %(first)s AND %(last)s",
                span,
            )
        ]
        yield articles, comments, claims, []
