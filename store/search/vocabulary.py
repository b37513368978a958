"""The store's vocabulary: every word in its texts, how often, and an index for typo look-ups.

Typo tolerance works on words, not records: each query word is first matched against the
vocabulary (edit distance with rapidfuzz), and the index is then asked for the words found.
Reading the words from FTS5's own ``fts5vocab`` costs 0.5–0.9 s, and its terms are porter stems
("captur"), so the words are kept in a plain table as written (lower-cased), filled by the
write path in the same transaction as the records.

A scan of the whole vocabulary per query word costs ≈200 ms at a million words, so the
vocabulary is indexed by *deletion keys* (the SymSpell idea): each word is stored under itself
and under every string made by deleting one of its letters. Two words share a key exactly when
they are one edit apart, or two edits apart by one insertion and one deletion (which covers a
transposition like "tnaks"/"tanks"); the query side also deletes two letters of long words.
Keys are CRC-32 hashes, so the table stays small; a hash collision only adds a candidate that
the edit-distance check then drops.

This module must stay cheap to import: the store's write path imports it.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

# FTS5's unicode61 tokenizer splits on everything that is not a letter or a digit (the
# underscore included); the vocabulary uses the same rule so its words are the index's words.
WORD = re.compile(r"[^\W_]+")
MIN_KEYED_LENGTH = 3
MAX_KEYED_LENGTH = 32
"""Words outside these lengths get no deletion keys: short ones are found by exact or prefix
look-up, longer ones are URLs, hashes and other tokens nobody types with typos."""

VOCABULARY_DDL = (
    "CREATE TABLE IF NOT EXISTS search_vocab ("
    " word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS search_vocab_key ("
    " key INTEGER NOT NULL, word TEXT NOT NULL, PRIMARY KEY (key, word)) WITHOUT ROWID",
)


class Cursorable(Protocol):
    """The DB-API surface used here (a ``sqlite3.Connection`` satisfies it)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Any: ...


def words(text: str) -> list[str]:
    """The words of ``text`` as the vocabulary keeps them (lower case)."""
    return WORD.findall(text.lower())


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
    tokens = Counter("\n".join(texts).lower().encode("utf-8")
                     .translate(_ASCII_SEPARATORS).split())
    for token, n in tokens.items():
        if token.isascii():
            counts[token.decode("ascii")] += n
        else:
            for word in WORD.findall(token.decode("utf-8")):
                counts[word] += n
    return counts


def _key(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def deletions(word: str, depth: int = 1) -> set[str]:
    """``word`` and every string made by deleting up to ``depth`` of its letters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w)) if len(w) > 1}
        found |= frontier
    return found


def deletion_keys(word: str, depth: int = 1) -> set[int]:
    return {_key(variant) for variant in deletions(word, depth)}


def add_texts(conn: Cursorable, texts: Iterable[str]) -> int:
    """Count the words of ``texts`` into the vocabulary; return how many words were new.

    Called by the store's write path inside its transaction, so records and their words are
    committed together. Counts only grow: a deleted record leaves its words behind, which costs
    a look-up that finds nothing, never a wrong hit.
    """
    counts = count_words(texts)
    if not counts:
        return 0
    known: set[str] = set()
    batch = list(counts)
    for start in range(0, len(batch), 500):
        chunk = batch[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found = conn.execute(f"SELECT word FROM search_vocab WHERE word IN ({marks})", chunk)  # noqa: S608
        known.update(row[0] for row in found)
    conn.executemany(
        "INSERT INTO search_vocab (word, freq) VALUES (?, ?) "
        "ON CONFLICT (word) DO UPDATE SET freq = freq + excluded.freq",
        counts.items(),
    )
    new = [word for word in batch if word not in known]
    _insert_keys(conn, new)
    return len(new)


@dataclass(frozen=True, slots=True)
class VocabularyRows:
    """A whole vocabulary as rows, sorted for its two tables (the index build's output).

    Made apart from the writing connection (see :func:`store.search.index.rebuild`): at 220k
    words the 2.2M deletion keys cost seconds to make and sort, and ≈200 MB while they live.
    """

    words: list[tuple[str, int]]
    keys: list[tuple[int, str]]

    @classmethod
    def of(cls, counts: Counter[str]) -> VocabularyRows:
        return cls(sorted(counts.items()), _key_rows(counts))


def replace_all(conn: Cursorable, rows: VocabularyRows) -> None:
    """Make ``rows`` the whole vocabulary: both tables emptied and filled in key order, which
    SQLite appends to its B-trees instead of inserting at random places."""
    conn.execute("DELETE FROM search_vocab")
    conn.execute("DELETE FROM search_vocab_key")
    conn.executemany("INSERT INTO search_vocab (word, freq) VALUES (?, ?)", rows.words)
    conn.executemany("INSERT INTO search_vocab_key (key, word) VALUES (?, ?)", rows.keys)


def _insert_keys(conn: Cursorable, new_words: Iterable[str]) -> None:
    # Sorted, the keys go into the B-tree in order instead of at random places: ≈3x faster.
    conn.executemany(
        "INSERT OR IGNORE INTO search_vocab_key (key, word) VALUES (?, ?)",
        _key_rows(new_words),
    )


def _key_rows(new_words: Iterable[str]) -> list[tuple[int, str]]:
    """(key, word) for every deletion key of every word that gets keys, sorted.

    Sorted as plain integers (a key shifted left, the word's number in the low bits), which
    costs a third of sorting the tuples; an ASCII word's deletions are cut from its bytes,
    which saves encoding each of them. This runs for every new word of an import and for the
    whole vocabulary in an index build (2.2M keys for 220k words).
    """
    keyed = [word for word in new_words if MIN_KEYED_LENGTH <= len(word) <= MAX_KEYED_LENGTH]
    shift = max(len(keyed), 1).bit_length()
    packed: list[int] = []
    for number, word in enumerate(keyed):
        if word.isascii():
            raw = word.encode("ascii")
            keys = {zlib.crc32(raw[:i] + raw[i + 1:]) for i in range(len(raw))}
            keys.add(zlib.crc32(raw))
        else:
            keys = deletion_keys(word)
        packed.extend(key << shift | number for key in keys)
    packed.sort()
    mask = (1 << shift) - 1
    return [(value >> shift, keyed[value & mask]) for value in packed]


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


def near(conn: Cursorable, word: str, depth: int) -> list[VocabularyWord]:
    """Words that share a deletion key with ``word`` (a superset of its near neighbours)."""
    keys = sorted(deletion_keys(word, depth))
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        "SELECT word, freq FROM search_vocab WHERE word IN "  # noqa: S608
        f"(SELECT word FROM search_vocab_key WHERE key IN ({marks}))",
        keys,
    )
    return [VocabularyWord(w, freq) for w, freq in rows]


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
