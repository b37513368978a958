"""The store's vocabulary: every word in its texts, how often, and an index for typo look-ups.

Typo tolerance works on words, not records: each query word is first matched against the
vocabulary (edit distance with rapidfuzz), and the index is then asked for the words found.
Reading the words from FTS5's own ``fts5vocab`` costs 0.5–0.9 s, and its terms are porter stems
("captur"), so the words are kept in a plain table as written (lower-cased), filled by the
write path in the same transaction as the records.

Finding every stored word within the typo budget (1 edit up to 4 letters, 2 beyond, a
transposition counting one) without scanning the vocabulary: *symmetric deletes* (SymSpell)
on both sides. A stored word of 5 letters or more is filed under every string made by deleting
up to two letters of its first :data:`KEY_PREFIX` letters (3–4 letters: one; 2 letters: the
word itself), and a query word looks up the same deletions of its own first letters. Two words
within the budget share such a string (two substitutions or transpositions: two deletions on
each side; an inserted letter: one deletion on one side), so nothing within the budget is
missed; what is found beyond it (a prefix's deletions are shared by longer words) is dropped
by the edit-distance check. Why this and not the alternatives, measured on the real-word
stores of ``benchmarks/bench_search_real.py`` (figures in /work/notes/issue-17.md):

- the previous keys (one deletion of the whole stored word) cannot reach a misspelling that
  needs two deletions on the stored side ("fotography", "peapel"): two-edit recall@10 0.59;
- rapidfuzz over the length slice of an in-memory vocabulary costs 25–50 ms per word at 240k
  words (≈300 ns a word), and loading the words costs 0.2 s per process;
- two deletions of the *whole* word cost 37 keys for a word of 8 letters; of its first 7
  letters, 22 on real words (25 on bench_search's synthetic ones). Brute force over 60k real
  words and 400 typos found the same 6,670 neighbours as the keys with prefixes of 5, 6 and 7
  letters; the shorter the prefix, the more words share its keys: a look-up's candidates on
  real words were ≈900 / 190 / 70 for 5 / 6 / 7 letters, and on the synthetic vocabulary of
  ``bench_search.py`` (207k words built from 26 syllables, so many share their first letters)
  ≈2,100 for 6 letters and ≈700 for 7. Checking one candidate costs ≈3 µs (its key row, its
  word, the edit distance), so 6 letters cost 3.8 / 15.3 ms p50 / p95 per look-up there and
  7 letters 1.1 / 1.8 ms (the same 1,535 neighbours of 200 words): the engine's p95 at 100k
  records had gone from 12 to 21 ms with 6. Tagging each key with the word's length as well
  (probing the lengths within the budget) cut the candidates by a third but cost more probes
  than it saved (7 letters: 2.5 ms mean against 0.9).

Keys are CRC-32 hashes held as signed 32-bit integers (4 bytes in SQLite) beside the word's
integer id, not its text; a collision only adds a candidate that the check drops.

The write path files the keys of new words in *generations*: each batch appends its new
words' keys to the newest generation, and a new one is begun when that holds
:func:`generation_limit` keys. A batch then touches only the newest generation's pages, where
inserting into one key-ordered table rewrites most of its pages at every commit (4.2M keys
in 40 sorted batches: 16.7 s). A look-up asks each generation (a dozen for 6M keys), a few
hundred probes of one B-tree. An index build writes one generation, in key order.

This module must stay cheap to import: the store's write path imports it.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Protocol, TypeVar

# FTS5's unicode61 tokenizer splits on everything that is not a letter or a digit (the
# underscore included); the vocabulary uses the same rule so its words are the index's words.
WORD = re.compile(r"[^\W_]+")
MIN_KEYED_LENGTH = 2
MAX_KEYED_LENGTH = 32
"""Words outside these lengths get no deletion keys: one letter is no word to correct, longer
ones are URLs, hashes and other tokens nobody types with typos."""
KEY_PREFIX = 7
"""Letters of a word whose deletions are its keys (see the module's docstring)."""
GENERATION_KEYS = 250_000
"""Keys of the smallest generation (see :func:`generation_limit`)."""

VOCABULARY_DDL = (
    "CREATE TABLE IF NOT EXISTS search_vocab ("
    " word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS search_word (id INTEGER PRIMARY KEY, word TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS search_word_key (gen INTEGER NOT NULL, key INTEGER NOT NULL,"
    " word_id INTEGER NOT NULL, PRIMARY KEY (gen, key, word_id)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS search_word_gen (gen INTEGER PRIMARY KEY, keys INTEGER NOT NULL)",
)
VOCABULARY_TABLES = ("search_vocab", "search_word", "search_word_key", "search_word_gen")


class Cursorable(Protocol):
    """The DB-API surface used here (a ``sqlite3.Connection`` satisfies it)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any: ...


def words(text: str) -> list[str]:
    """The words of ``text`` as the vocabulary keeps them (lower case)."""
    return WORD.findall(text.lower())


def word_start(literal: str) -> str:
    """A pattern for ``literal`` where a word of the vocabulary starts (no letter or digit
    just before it), to be followed by what must come after it.

    The literal comes first and the letter before it is checked after it: a pattern that
    begins with the look-behind (``(?<![^\\W_])tra``) makes ``re`` try it at every position
    of the text, where one that begins with the literal lets ``re`` skip to each place the
    literal occurs. On the 300 newest records of a million real-word ones (≈330 letters
    each), finding the words that start with "tra" took 5.2 ms the first way and 0.3 the
    second (most of it lower-casing). The claims extractor's name patterns do the same.
    """
    escaped = re.escape(literal)
    return f"{escaped}(?<![^\\W_]{escaped})"


_ASCII_SEPARATORS = bytes.maketrans(
    bytes(c for c in range(128) if not chr(c).isalnum()),
    b" " * sum(1 for c in range(128) if not chr(c).isalnum()),
)


def count_words(texts: Iterable[str], into: Counter[str] | None = None) -> Counter[str]:
    """How often each word (as :func:`words` splits them) occurs in ``texts``; added to
    ``into`` when given.

    The import's and the index build's hot path (30 s of a 134 s index build at a million
    records went to the pattern), so it avoids the pattern for what it does not need it for:
    the texts are joined, lower-cased and encoded once, ASCII separators become spaces with
    ``bytes.translate``, and only the distinct tokens that still hold a non-ASCII byte are
    split by :data:`WORD` (a token of ASCII letters and digits is one word already; one with
    "—" or "«" in it may be several). Same words as :func:`words`; a million records' texts
    are counted in ≈13 s instead of 30.7.
    A separator between texts keeps words from spanning two of them.
    """
    counts: Counter[str] = Counter() if into is None else into
    tokens = Counter("\n".join(texts).lower().encode("utf-8").translate(_ASCII_SEPARATORS).split())
    for token, n in tokens.items():
        if token.isascii():
            counts[token.decode("ascii")] += n
        else:
            for word in WORD.findall(token.decode("utf-8")):
                counts[word] += n
    return counts


def key_depth(word: str) -> int:
    """Deletions a word's keys are made with, on either side: its typo budget."""
    if len(word) < 3:
        return 0
    return 1 if len(word) <= 4 else 2


Cut = TypeVar("Cut", str, bytes)


def _cuts(head: Cut, depth: int) -> set[Cut]:
    """``head`` and every string made by deleting up to ``depth`` (≤ 2) of its letters, each
    deletion made once (by place, or pair of places: 21 for 7 letters, not 7 × 6), and never
    the empty string of a whole word deleted. Works on a word's letters or an ASCII word's
    bytes alike, so the hot path makes no string and encodes nothing per deletion."""
    found = {head}
    if depth:
        places = range(len(head))
        found.update(head[:i] + head[i + 1 :] for i in places)
        if depth > 1:
            found.update(
                head[:i] + head[i + 1 : j] + head[j + 1 :] for i, j in combinations(places, 2)
            )
        if head:
            found.discard(head[:0])
    return found


def deletion_keys(word: str, depth: int | None = None) -> set[int]:
    """The keys ``word`` is filed (or looked up) under: deletions of its first letters."""
    return {key - 2**31 for key in _unsigned_keys(word, depth)}


def _unsigned_keys(word: str, depth: int | None = None) -> set[int]:
    """:func:`deletion_keys` + 2**31 (the import's hot path, where keys are packed as
    non-negative integers): an ASCII word's cut from its bytes, any other's from its
    letters."""
    if depth is None:
        depth = key_depth(word)
    head = word[:KEY_PREFIX]
    if head.isascii():
        return set(map(zlib.crc32, _cuts(head.encode("ascii"), depth)))
    return {zlib.crc32(cut.encode("utf-8")) for cut in _cuts(head, depth)}


def add_texts(conn: Cursorable, texts: Iterable[str]) -> int:
    """Count the words of ``texts`` into the vocabulary; return how many words were new.

    Called by the store's write path inside its transaction, so records and their words are
    committed together. Counts only grow: a deleted record leaves its words behind, which costs
    a look-up that finds nothing, never a wrong hit.
    """
    return add_counts(conn, count_words(texts))


def add_counts(conn: Cursorable, counts: Counter[str]) -> int:
    """Add ``counts`` (word -> occurrences) to the vocabulary; return how many words were new.

    The words are looked up and upserted in sorted order (one walk along each B-tree), and
    the new ones keyed in one sorted run (:func:`add_words`).
    """
    plan = plan_counts(conn, counts)
    write_counts(conn, plan, plan.key_run())
    return len(plan.new)


@dataclass(frozen=True, slots=True)
class CountsPlan:
    """Counts about to be added to the vocabulary, with the words among them that are new
    and the id the first of those will get: enough to make their keys apart from the
    connection (:meth:`key_run`, in a thread while the connection does other work, see
    :meth:`store.search.pending.PendingWords.merge_into`)."""

    counts: Counter[str]
    ordered: list[str]
    new: list[str]
    first_id: int

    def key_run(self) -> KeyRun:
        """The new words' keys, sorted and encoded for :meth:`KeyRun.insert` (pure Python:
        runs in any thread)."""
        return _key_rows(self.new, self.first_id).with_encoding()


def plan_counts(conn: Cursorable, counts: Counter[str]) -> CountsPlan:
    """Which of ``counts``' words the vocabulary lacks (looked up in sorted order), and the
    id the first of them will get."""
    known: set[str] = set()
    batch = sorted(counts)
    for start in range(0, len(batch), 500):
        chunk = batch[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found = conn.execute(f"SELECT word FROM search_vocab WHERE word IN ({marks})", chunk)  # noqa: S608
        known.update(row[0] for row in found)
    new = [word for word in batch if word not in known]
    first = int(conn.execute("SELECT coalesce(max(id), 0) FROM search_word").fetchone()[0]) + 1
    return CountsPlan(counts, batch, new, first)


def write_counts(conn: Cursorable, plan: CountsPlan, keys: KeyRun) -> None:
    """Upsert the planned counts and file the new words under ``keys`` (``plan.key_run()``,
    made on this connection's behalf; nothing may have written the vocabulary since
    :func:`plan_counts`)."""
    if not plan.ordered:
        return
    conn.executemany(  # in the primary key's order: one walk along the B-tree
        "INSERT INTO search_vocab (word, freq) VALUES (?, ?) "
        "ON CONFLICT (word) DO UPDATE SET freq = freq + excluded.freq",
        [(word, plan.counts[word]) for word in plan.ordered],
    )
    _file_words(conn, plan.new, plan.first_id, keys)


def generation_limit(keys: int) -> int:
    """Keys the newest generation may hold before a new one is begun, for a vocabulary of
    ``keys`` keys in all: a quarter of them, so generations grow with the vocabulary and
    stay few (a dozen for 6M keys) while a batch still writes into a small one."""
    return max(GENERATION_KEYS, keys // 4)


def add_words(conn: Cursorable, new_words: Sequence[str]) -> None:
    """Give ``new_words`` (none of them in ``search_word`` yet) ids and deletion keys, the
    keys appended to the newest generation (a new one if that one is full)."""
    if not new_words:
        return
    first = int(conn.execute("SELECT coalesce(max(id), 0) FROM search_word").fetchone()[0]) + 1
    _file_words(conn, new_words, first, _key_rows(new_words, first))


def _file_words(conn: Cursorable, new_words: Sequence[str], first: int, rows: KeyRun) -> None:
    """Insert ``new_words`` with ids from ``first`` on, and their keys ``rows``."""
    if not new_words:
        return
    conn.executemany(
        "INSERT INTO search_word (id, word) VALUES (?, ?)",
        [(first + n, word) for n, word in enumerate(new_words)],
    )
    if not rows:
        return
    newest = conn.execute(
        "SELECT gen, keys FROM search_word_gen ORDER BY gen DESC LIMIT 1"
    ).fetchone()
    total = int(conn.execute("SELECT coalesce(sum(keys), 0) FROM search_word_gen").fetchone()[0])
    if newest is None or newest[1] >= generation_limit(total) or 0 < newest[1] < len(rows):
        # A run larger than the newest generation begins one of its own: written in key
        # order into an empty range, it is appended to the B-tree, where interleaving it
        # with fewer keys rewrites pages at random (a whole import's vocabulary at once).
        gen = 0 if newest is None else newest[0] + 1
        conn.execute("INSERT INTO search_word_gen (gen, keys) VALUES (?, 0)", (gen,))
    else:
        gen = newest[0]
    rows.insert(conn, gen)
    conn.execute("UPDATE search_word_gen SET keys = keys + ? WHERE gen = ?", (len(rows), gen))


@dataclass(frozen=True, slots=True)
class VocabularyRows:
    """A whole vocabulary as rows, sorted for its tables (the index build's output).

    Made apart from the writing connection (see :func:`store.search.index.rebuild`): at 220k
    words the 4M deletion keys cost seconds to make and sort, and memory while they live.
    Word ids follow the words' order; the keys are one generation.
    """

    words: list[tuple[str, int]]
    keys: KeyRun

    @classmethod
    def of(cls, counts: Counter[str]) -> VocabularyRows:
        ordered = sorted(counts.items())
        return cls(ordered, _key_rows([word for word, _ in ordered], 1))


def replace_all(conn: Cursorable, rows: VocabularyRows) -> None:
    """Make ``rows`` the whole vocabulary: the tables emptied and filled in key order, which
    SQLite appends to its B-trees instead of inserting at random places."""
    conn.execute("DELETE FROM search_vocab")
    conn.executemany("INSERT INTO search_vocab (word, freq) VALUES (?, ?)", rows.words)
    _replace_keys(conn, [word for word, _ in rows.words], rows.keys)


def rekey(conn: Cursorable) -> None:
    """File every word of ``search_vocab`` under the current deletion keys (the upgrade of a
    store whose words were keyed another way); word ids follow the words' order."""
    ordered = [row[0] for row in conn.execute("SELECT word FROM search_vocab ORDER BY word")]
    _replace_keys(conn, ordered, _key_rows(ordered, 1))


def _replace_keys(conn: Cursorable, ordered: list[str], keys: KeyRun) -> None:
    for table in VOCABULARY_TABLES[1:]:
        conn.execute(f"DELETE FROM {table}")  # noqa: S608
    conn.executemany(
        "INSERT INTO search_word (id, word) VALUES (?, ?)",
        [(n, word) for n, word in enumerate(ordered, 1)],
    )
    keys.insert(conn, 0)
    conn.execute("INSERT INTO search_word_gen (gen, keys) VALUES (0, ?)", (len(keys),))
    mark_keys(conn)


KEY_SCHEME_TABLE = "search_key_scheme"
"""One row: the :data:`KEY_PREFIX` the stored keys were made with. A search opens the index
without upgrading the store (see :mod:`store.search.sqlite_source`), so it checks this
before trusting the keys; a store keyed another way is upgraded first."""


def mark_keys(conn: Cursorable) -> None:
    """Say that the stored keys are made as :func:`deletion_keys` makes them now (on either
    database: the statements take no parameters)."""
    conn.execute(f"CREATE TABLE IF NOT EXISTS {KEY_SCHEME_TABLE} (prefix INTEGER NOT NULL)")
    conn.execute(f"DELETE FROM {KEY_SCHEME_TABLE}")  # noqa: S608
    conn.execute(f"INSERT INTO {KEY_SCHEME_TABLE} (prefix) VALUES ({KEY_PREFIX})")  # noqa: S608


@dataclass(frozen=True, slots=True)
class KeyRun:
    """(key, word id) rows, sorted, packed one integer a row: the key made non-negative and
    shifted left, the word's id in the low ``shift`` bits.

    Sorting the packed integers costs a third of sorting the tuples, and SQLite unpacks them
    itself (:meth:`insert`): 2M keys went in in 1.8 s through ``json_each`` against 4.4 s by
    ``executemany``, which steps its statement once per row. This runs for every new word
    of an import and for the whole vocabulary in an index build.
    """

    packed: list[int]
    shift: int
    encoded: tuple[str, ...] = ()
    """The run as :meth:`insert` sends it (JSON arrays of :data:`KEY_RUN_CHUNK` keys), when
    made ahead by :meth:`with_encoding` (in a thread); else made by :meth:`insert`."""

    def __len__(self) -> int:
        return len(self.packed)

    def with_encoding(self) -> KeyRun:
        """The same run, its JSON made now (pure Python: in whatever thread calls this)."""
        return KeyRun(self.packed, self.shift, tuple(self._chunks()))

    def _chunks(self) -> list[str]:
        return [
            f"[{','.join(map(str, self.packed[start : start + KEY_RUN_CHUNK]))}]"
            for start in range(0, len(self.packed), KEY_RUN_CHUNK)
        ]

    def rows(self) -> list[tuple[int, int]]:
        mask = (1 << self.shift) - 1
        return [((value >> self.shift) - 2**31, value & mask) for value in self.packed]

    def insert(self, conn: Cursorable, gen: int) -> None:
        """Append the run to ``search_word_key`` as generation ``gen``, in its order."""
        for chunk in self.encoded or self._chunks():
            conn.execute(
                "INSERT INTO search_word_key (gen, key, word_id) SELECT ?, (value >> ?) - ?, "
                "value & ? FROM json_each(?)",
                (gen, self.shift, 2**31, (1 << self.shift) - 1, chunk),
            )


KEY_RUN_CHUNK = 1_000_000
"""Keys sent to SQLite in one statement (a JSON array of ≈12 MB)."""


def _key_rows(new_words: Sequence[str], first_id: int) -> KeyRun:
    """Every deletion key of every word that gets keys, with the word's id (counted from
    ``first_id`` in the words' order), as one sorted :class:`KeyRun`.

    Words that share their first :data:`KEY_PREFIX` letters share their keys, computed once
    (a sixth of a real-word vocabulary's words).
    """
    shift = max(first_id + len(new_words), 1).bit_length()
    packed: list[int] = []
    shared: dict[str, list[int]] = {}
    for number, word in enumerate(new_words, first_id):
        if not MIN_KEYED_LENGTH <= len(word) <= MAX_KEYED_LENGTH:
            continue
        long = len(word) >= KEY_PREFIX
        shifted = shared.get(word[:KEY_PREFIX]) if long else None
        if shifted is None:
            shifted = [key << shift for key in _unsigned_keys(word)]
            if long:
                shared[word[:KEY_PREFIX]] = shifted
        packed.extend([key | number for key in shifted])
    packed.sort()
    return KeyRun(packed, shift)


@dataclass(frozen=True, slots=True)
class VocabularyWord:
    word: str
    freq: int


def exact(conn: Cursorable, word: str) -> VocabularyWord | None:
    row = conn.execute("SELECT word, freq FROM search_vocab WHERE word = ?", (word,)).fetchone()
    return VocabularyWord(row[0], row[1]) if row else None


def completions(conn: Cursorable, prefix: str, limit: int) -> list[VocabularyWord]:
    """The most frequent words that start with ``prefix`` (a range scan of the primary key)."""
    rows = conn.execute(
        "SELECT word, freq FROM search_vocab WHERE word > ? AND word < ? "
        "ORDER BY freq DESC LIMIT ?",
        (prefix, prefix + "\U0010ffff", limit),
    )
    return [VocabularyWord(word, freq) for word, freq in rows]


def near(conn: Cursorable, word: str, edits: int) -> list[VocabularyWord]:
    """Every stored word within ``edits`` edits of ``word`` (a transposition counting one),
    other than ``word`` itself.

    The words that share a deletion key with it are checked by their text alone (a few
    hundred, of which a few are close enough), and only those close enough are looked up for
    their counts: the look-ups went to two B-trees per candidate before, 5–25 ms for the
    ≈650 candidates of "recenly" at 100k records.
    """
    from rapidfuzz.distance import OSA

    keys = sorted(deletion_keys(word))
    gens = [row[0] for row in conn.execute("SELECT gen FROM search_word_gen")]
    if not gens:
        return []
    rows = conn.execute(
        "SELECT word FROM search_word WHERE id IN (SELECT word_id FROM search_word_key "  # noqa: S608
        f"WHERE gen IN ({','.join('?' * len(gens))}) AND key IN ({','.join('?' * len(keys))}))",
        [*gens, *keys],
    )
    close = [
        found
        for (found,) in rows
        if found != word and OSA.distance(word, found, score_cutoff=edits) <= edits
    ]
    if not close:
        return []
    counted = conn.execute(
        f"SELECT word, freq FROM search_vocab WHERE word IN ({','.join('?' * len(close))})",  # noqa: S608
        close,
    )
    return [VocabularyWord(w, freq) for w, freq in counted]


def prefix_occurrences(conn: Cursorable, prefix: str, most_words: int) -> int | None:
    """How often the words starting with ``prefix`` occur in the store, or None if more than
    ``most_words`` words do (the count stops there, so asking costs little on any prefix).

    What an FTS5 prefix query costs grows with this number: it merges every such word's
    postings (≈5 ms per kind for 50k occurrences on this machine, whatever the store's size).
    """
    row = conn.execute(
        "SELECT count(*), sum(freq) FROM (SELECT freq FROM search_vocab "
        "WHERE word > ? AND word < ? LIMIT ?)",
        (prefix, prefix + "\U0010ffff", most_words + 1),
    ).fetchone()
    if row is None or row[0] > most_words:
        return None
    return int(row[1] or 0)
