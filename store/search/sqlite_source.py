"""Candidates from SQLite: the vocabulary for typos, FTS5 for records, plain SQL for filters.

Opened read-only with the stdlib driver, not SQLAlchemy: ``claimdesk search`` is a whole
process that must answer in 0.3 s, and importing SQLAlchemy and sqlmodel alone costs ≈0.4 s.
Every search reads inside one transaction, so it sees one consistent state of the store, and
the next search sees whatever was committed since (that is how the index "follows" writes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from rapidfuzz.distance import OSA

from store.records import RecordKind
from store.search import vocabulary
from store.search.candidates import (
    ARTICLE_LEVEL,
    MIN_COMPLETION,
    NEAR_WORDS,
    OWN,
    Document,
    Expansion,
    MatchTerms,
    Targets,
    match_terms,
)
from store.search.claim_filters import claim_conditions
from store.search.index import SEARCH_TABLES, tags_text
from store.search.query import Query, WordTerm
from store.search.recent import Recent
from store.sqlite_wait import BUSY_TIMEOUT_MS

MMAP_BYTES = 1 << 30
"""How much of the store file is mapped into memory for reading (address space, not RAM)."""
COMPLETIONS = 12
"""Completions of the last, possibly half-typed, word (most frequent first)."""
PREFIX_BUDGET = 10_000
"""Occurrences of a prefix's words up to which the index is asked for all of its completions
(``"pre" *``): ≈1 ms per kind. Above it only the listed ones are asked for, and
:attr:`Expansion.unlisted` says some were left out."""
PREFIX_WORDS = 2_000
EXPANSIONS_KEPT = 256
"""Expansions remembered between searches: typing "pal", "palm", "palmi" looks up the words
again and again, and each look-up in a large vocabulary costs up to a few ms."""
ANSWERS_KEPT = 64
"""Candidate queries whose ids are remembered between searches: a half-typed word that
completes to one word asks the index the same question at each further letter ("хооя",
"хоояф", "хоояфз" all ask for "хоояфзре"). Over the 526 prefixes of the 1M-record
benchmark's 36 queries, 301 of 1,399 index queries repeat one asked before."""
DOCUMENTS_KEPT = 2_000
"""Candidate records remembered between searches. Typing a query prefix by prefix asks for
mostly the same newest records again: over the 526 prefixes of the 1M-record benchmark's 36
queries, two thirds of the records read had been read in the 1,000 reads before. Kept in
memory they cost ≈3 MB; reading one costs ≈5 µs of SQL and 4 µs of Python."""

# Which index answers a scoped word, per kind: (where, FTS column filter). Kinds without an
# entry cannot satisfy the word (a claim has no author).
_TARGETS: dict[RecordKind, Targets] = {
    "article": {
        None: (OWN, ""),
        "title": (OWN, "{title} : "),
        "author": (OWN, "{author} : "),
        "site": (OWN, "{site} : "),
        "tag": (OWN, "{tags} : "),
    },
    "claim": {
        None: (OWN, ""),
        "claimant": (OWN, "{claimant} : "),
        "site": (ARTICLE_LEVEL, "{site} : "),
        "tag": (ARTICLE_LEVEL, "{tags} : "),
    },
    "comment": {
        None: (OWN, ""),
        "author": (OWN, "{author} : "),
        "site": (ARTICLE_LEVEL, "{site} : "),
        "tag": (ARTICLE_LEVEL, "{tags} : "),
    },
}
_DOCUMENT_SQL: dict[RecordKind, str] = {
    "article": "SELECT id, id, title, body, author, site, tags FROM article",
    "claim": "SELECT c.id, c.article_id, c.text, c.claimant, a.title FROM claim c "
    "JOIN article a ON a.id = c.article_id",
    "comment": "SELECT m.id, m.article_id, m.body, m.author, a.title FROM comment m "
    "JOIN article a ON a.id = m.article_id",
}
_DOCUMENT_FIELDS: dict[RecordKind, tuple[str, ...]] = {
    "article": ("title", "body", "author", "site", "tags"),
    "claim": ("claim text", "claimant", "article title"),
    "comment": ("comment body", "author", "article title"),
}
_OWN_TEXT: dict[RecordKind, str] = {
    "article": "",
    "claim": "{text claimant} : ",
    "comment": "{body author} : ",
}
_ALIAS: dict[RecordKind, str] = {"article": "a", "claim": "c", "comment": "m"}


def _column_term(native: str, column: str) -> str:
    """An FTS5 expression in a column filter (``{title} : …``; empty: every column)."""
    return f"{column}{native}"


def max_edits(word: str) -> int:
    """Typos forgiven in a word of this length: none below 3 letters, 1 up to 4, then 2."""
    if len(word) < 3:
        return 0
    return 1 if len(word) <= 4 else 2


TYPED_WORD_ODDS = 10
"""How many times more common than a stored word the user typed a neighbour must be, per
edit, to stand for it too: a word typed as it is stored is meant, unless a far commoner one is
a typo away ("wilh" is a surname, "with" is meant). Noisy-channel odds: a typo is rarer
than a correct key press, so each edit must be paid for by frequency."""

COUNTED = 100
"""Occurrences of a half-typed word's commonest completion from which its count outweighs a
typo neighbour's by :data:`TYPED_WORD_ODDS` per edit (see :func:`near_forms`)."""


def near_forms(
    word: str,
    typed_freq: int | None,
    found: Iterable[tuple[str, int]],
    edits: int,
    completing_freq: int | None = None,
) -> list[str]:
    """The stored words ``word`` stands for besides itself, of the neighbours ``found``
    (word, frequency): within ``edits`` (OSA), closest first then most frequent, all of them
    (the caller keeps as many as it asks for, see :data:`NEAR_WORDS`, and knows whether it
    cut any); when ``word`` is itself stored ``typed_freq`` times, only those
    :data:`TYPED_WORD_ODDS` times commoner per edit.

    Without that rule a correctly typed word brought its rarer neighbours along ("equip":
    "equips", "quip"), whose records took the newest candidates' places from those holding
    the word itself. Both candidate sources choose forms with it, so both find the same.

    ``completing_freq``: ``word`` is still being typed and its commonest completion occurs
    that often. The user is then typing that completion rather than a word a typo away
    unless the typo's word is commoner by the same odds per edit: while "sta" is typed,
    "sea", "sat", "st" and "sa" are a letter away, but "state" and "start" are about as
    common, and those common neighbours were joined into every index question of the query
    (the slowest key presses at a million records: the 45 slowest of the real-word
    benchmark's 450 queries cost 12-18 % less CPU, and recall@10 did not change in any
    family); "weas" still stands for "was" (far commoner than "weasel"), "wuth" for "with".
    Below :data:`COUNTED` occurrences the counts are no evidence (a small store: "wilh" for
    "will" and "wilhelmina", once each), and a neighbour as common as the completion stands
    in.
    """
    scored = []
    for near_word, freq in found:
        if near_word == word:
            continue
        distance = OSA.distance(word, near_word, score_cutoff=edits)
        if distance > edits:
            continue
        if typed_freq is not None and freq < typed_freq * TYPED_WORD_ODDS**distance:
            continue
        if completing_freq is not None and not near_word.startswith(word):
            odds = TYPED_WORD_ODDS**distance if completing_freq >= COUNTED else 1
            if freq < completing_freq * odds:
                continue
        scored.append((distance, -freq, near_word))
    return [near_word for _, _, near_word in sorted(scored)]


def quote(text: str) -> str:
    """An FTS5 string: whatever the user typed, it is a phrase, never syntax."""
    return '"' + text.replace('"', '""') + '"'


class SqliteCandidateSource:
    """:class:`~store.search.candidates.CandidateSource` over a SQLite store file."""

    def __init__(self, path: Path) -> None:
        uri = path.resolve().as_uri() + "?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # The store read through the OS's page cache without a copy per page: a typo look-up
        # reads a few hundred pages of the word tables at random, which SQLite's own 2 MiB
        # cache kept evicting (each miss a read() call).
        self._conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        self._expansions: Recent[tuple[WordTerm, bool, bool, int], Expansion] = Recent(
            EXPANSIONS_KEPT
        )
        self._answers: Recent[tuple[str, tuple[object, ...]], list[int]] = Recent(ANSWERS_KEPT)
        self._documents: Recent[tuple[RecordKind, int], Document] = Recent(DOCUMENTS_KEPT)
        self._data_version = -1

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A read transaction: every look-up of one search sees the same committed state."""
        self._conn.execute("BEGIN")
        # Another connection committed (an import, a judgement): the words and the records
        # may have changed.
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._data_version:
            self._expansions.clear()
            self._answers.clear()
            self._documents.clear()
            self._data_version = version
        try:
            yield
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def has_records(self) -> bool:
        return self._conn.execute("SELECT 1 FROM article LIMIT 1").fetchone() is not None

    def has_index(self) -> bool:
        marks = ",".join("?" * len(SEARCH_TABLES))
        found = self._conn.execute(
            f"SELECT count(*) FROM sqlite_master WHERE name IN ({marks})",  # noqa: S608
            SEARCH_TABLES,
        ).fetchone()
        if not found or found[0] != len(SEARCH_TABLES):
            return False
        # Keys made another way (an older claimdesk) would miss typos: the store's upgrade
        # makes them again.
        scheme = vocabulary.KEY_SCHEME_TABLE
        if not self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (scheme,)
        ).fetchone():
            return False
        row = self._conn.execute(f"SELECT prefix FROM {scheme}").fetchone()  # noqa: S608
        return row is not None and row[0] == vocabulary.KEY_PREFIX

    # -- words -------------------------------------------------------------------------------

    def expand(
        self, term: WordTerm, *, last: bool, fuzzy: bool, near_words: int = NEAR_WORDS
    ) -> Expansion:
        return self._expansions.remembered(
            (term, last, fuzzy, near_words),
            lambda: self._expand(term, last=last, fuzzy=fuzzy, near_words=near_words),
        )

    def _expand(self, term: WordTerm, *, last: bool, fuzzy: bool, near_words: int) -> Expansion:
        tokens = vocabulary.words(term.text)
        phrase = quote(" ".join(tokens))
        if term.mode == "prefix":
            return Expansion(tuple(tokens), True, f"^ {phrase} *")
        if term.mode == "whole":
            return Expansion(tuple(tokens), True, f"^ {phrase}")
        if term.mode != "fuzzy" or not fuzzy or len(tokens) != 1:
            star = " *" if last and term.mode == "fuzzy" else ""
            return Expansion(tuple(tokens), True, phrase + star)
        return self._expand_word(tokens[0], last, near_words)

    def _expand_word(self, word: str, last: bool, near_words: int) -> Expansion:
        forms: dict[str, None] = {}
        typed = vocabulary.exact(self._conn, word)
        if typed is not None:
            forms[word] = None
        edits = max_edits(word)
        completions = (
            vocabulary.completions(self._conn, word, COMPLETIONS)
            if last and len(word) >= MIN_COMPLETION
            else []
        )
        nearby: list[str] = []
        if edits:
            neighbours = vocabulary.near(self._conn, word, edits)
            nearby = near_forms(
                word,
                None if typed is None else typed.freq,
                ((near.word, near.freq) for near in neighbours),
                edits,
                max((found.freq for found in completions), default=None),
            )
            forms.update(dict.fromkeys(nearby[:near_words]))
        completed = False
        for found in completions:
            forms[found.word] = None
            completed = True
        natives = [quote(form) for form in forms]
        native = f"({' OR '.join(natives)})" if natives else ""
        broader = ""
        unlisted = False
        if completed and len(word) >= 3:  # rarer completions than the ones listed
            occurrences = vocabulary.prefix_occurrences(self._conn, word, PREFIX_WORDS)
            if occurrences is not None and occurrences <= PREFIX_BUDGET:
                broader = f"({' OR '.join([*natives, f'{quote(word)} *'])})"
            else:
                unlisted = True
        cut = len(nearby) > near_words
        return Expansion(tuple(forms), bool(forms), native, broader, unlisted, cut)

    def narrow(self, expansion: Expansion, forms: Sequence[str]) -> Expansion:
        natives = [quote(form) for form in forms]
        return Expansion(tuple(forms), bool(forms), f"({' OR '.join(natives)})" if natives else "")

    # -- records -----------------------------------------------------------------------------

    def candidates(
        self, query: Query, expansions: Mapping[WordTerm, Expansion], kind: RecordKind, limit: int
    ) -> list[int]:
        terms = match_terms(
            query, expansions, kind, _TARGETS[kind], _OWN_TEXT[kind], _column_term, " OR "
        )
        if terms is None:
            return []
        sql, params = _candidate_sql(query, kind, terms)
        if len(terms.own) > 1:
            # Words that must all occur often leave fewer records than the limit, and then
            # every one of them is wanted whatever the order. FTS5 reads postings forwards
            # up to the limit but loads a term's whole posting list to read it backwards, so
            # it is asked forwards first; only a fuller answer is asked again newest first.
            # First searches at a million records: "luenunos ta" 17.9 -> 11.0 ms for the
            # three kinds, "selradorlu ge" 11.3 -> 7.9, "zedgenpeos un" 9.2 -> 6.1.
            oldest_first, _ = _candidate_sql(query, kind, terms, newest_first=False)
            ids = self._ids(oldest_first, (*params, limit + 1))
            if len(ids) <= limit:
                return sorted(ids, reverse=True)
        return self._ids(sql, (*params, limit))

    def _ids(self, sql: str, params: tuple[object, ...]) -> list[int]:
        """The first column of ``sql``'s rows; inside :meth:`reading`, a question asked by a
        recent search is answered from memory (see :data:`ANSWERS_KEPT`)."""
        if not self._conn.in_transaction:
            return [row[0] for row in self._conn.execute(sql, params)]
        key = (sql, params)
        if (known := self._answers.get(key)) is not None:
            return list(known)
        ids = [row[0] for row in self._conn.execute(sql, params)]
        self._answers.put(key, ids)
        return list(ids)

    def documents(self, kind: RecordKind, ids: Sequence[int]) -> list[Document]:
        """Those records' text; inside :meth:`reading`, the ones read by recent searches are
        taken from memory (the data version checked there says they are still current)."""
        if not ids:
            return []
        # Outside a read transaction nothing says remembered records are still current.
        kept = self._documents if self._conn.in_transaction else Recent(DOCUMENTS_KEPT)
        found: dict[int, Document] = {}
        missing: list[int] = []
        for record_id in ids:
            known = kept.get((kind, record_id))
            if known is None:
                missing.append(record_id)
            else:
                found[record_id] = known
        if missing:
            for document in self._read_documents(kind, missing):
                found[document.id] = document
                kept.put((kind, document.id), document)
        return [found[i] for i in ids if i in found]

    def _read_documents(self, kind: RecordKind, ids: Sequence[int]) -> Iterator[Document]:
        alias = _ALIAS[kind]
        marks = ",".join("?" * len(ids))
        sql = (
            f"{_DOCUMENT_SQL[kind]} WHERE {alias}.id IN ({marks})"
            if kind != "article"
            else f"{_DOCUMENT_SQL[kind]} WHERE id IN ({marks})"
        )
        names = _DOCUMENT_FIELDS[kind]
        for record_id, article_id, *values in self._conn.execute(sql, list(ids)):
            if kind == "article":
                values[4] = tags_text(values[4]) if values[4] else ""
            yield Document(
                kind,
                record_id,
                article_id,
                tuple(zip(names, [value or "" for value in values], strict=True)),
            )


def _candidate_sql(
    query: Query,
    kind: RecordKind,
    terms: MatchTerms,
    newest_first: bool = True,
) -> tuple[str, list[object]]:
    """One SELECT for one kind: FTS drives when there are words, plain SQL otherwise."""
    fts = f"{kind}_fts"
    own, own_not, on_article, article_not = (
        terms.own,
        terms.own_not,
        terms.on_article,
        terms.article_not,
    )
    where: list[str] = []
    params: list[object] = []
    if own:
        match = " AND ".join(f"({part})" for part in own)
        match += "".join(f" NOT ({part})" for part in own_not)
        where.append(f"{fts} MATCH ?")
        params.append(match)
    elif own_not:
        where.append(f"r.id NOT IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)")  # noqa: S608
        params.append(" OR ".join(f"({part})" for part in own_not))
    if on_article:
        where.append("r.article_id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)")
        params.append(" AND ".join(f"({part})" for part in on_article))
    if article_not:
        where.append(
            "r.article_id NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"
        )
        params.append(" OR ".join(f"({part})" for part in article_not))
    if kind == "claim":
        conditions, values = claim_conditions(query, "?")
        where.extend(conditions)
        params.extend(values)
    if not own:
        source, id_column = f"{kind} r", "r.id"
    elif len(where) == 1:
        # The index alone: joining the records (to check that they exist) read one record
        # page per candidate, ≈3 ms per kind at a million records where the index takes 0.4.
        source, id_column = fts, f"{fts}.rowid"
    else:  # conditions on the record's row (status, quantities, its article)
        source, id_column = f"{fts} JOIN {kind} r ON r.id = {fts}.rowid", f"{fts}.rowid"
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    order = "DESC" if newest_first else "ASC"
    return f"SELECT {id_column} FROM {source}{clause} ORDER BY {id_column} {order} LIMIT ?", params  # noqa: S608
