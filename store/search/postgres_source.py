"""Candidates from PostgreSQL: the same vocabulary look-ups as SQLite, ``tsvector`` @@ GIN.

The same questions as :class:`store.search.sqlite_source.SqliteCandidateSource`, asked of the
tables of :mod:`store.search.postgres_index`: a word's stored forms come from the same
vocabulary by the same rules (near words by deletion keys and OSA distance, completions by
frequency), and records from an index that holds the same terms as FTS5's. So the engine
ranks the same candidates, and the same hits come out (tested on both databases).

Opened with psycopg directly (no SQLAlchemy: ``claimdesk search`` is a whole process). Each
search reads in one REPEATABLE READ transaction (one consistent view), and the next one sees
what other analysts committed since; what a search remembers for the next is dropped as soon
as the database's snapshot shows that any writer has finished in between.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, NamedTuple

from rapidfuzz.distance import OSA

from store.records import KINDS, RecordKind
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
from store.search.index import tags_text
from store.search.postgres_index import SEARCH_TABLES, START, TAG, Terms, quote
from store.search.query import Query, WordTerm
from store.search.recent import Recent
from store.search.sqlite_source import (
    COMPLETIONS,
    DOCUMENTS_KEPT,
    EXPANSIONS_KEPT,
    PREFIX_BUDGET,
    PREFIX_WORDS,
    max_edits,
    near_forms,
)

_TAGS = "#"
# Which weights answer a scoped word, per kind ("" = every column, "#" = the tags' copy).
_TARGETS: dict[RecordKind, Targets] = {
    "article": {
        None: (OWN, ""),
        "title": (OWN, "A"),
        "author": (OWN, "B"),
        "site": (OWN, "C"),
        "tag": (OWN, _TAGS),
    },
    "claim": {
        None: (OWN, ""),
        "claimant": (OWN, "B"),
        "site": (ARTICLE_LEVEL, "C"),
        "tag": (ARTICLE_LEVEL, _TAGS),
    },
    "comment": {
        None: (OWN, ""),
        "author": (OWN, "B"),
        "site": (ARTICLE_LEVEL, "C"),
        "tag": (ARTICLE_LEVEL, _TAGS),
    },
}
_OWN_TEXT: dict[RecordKind, str] = {"article": "", "claim": "AB", "comment": "AB"}
_DOCUMENT_SQL: dict[RecordKind, str] = {
    "article": "SELECT id, id, title, body, author, site, tags FROM article a WHERE a.id = ANY(%s)",
    "claim": "SELECT c.id, c.article_id, c.text, c.claimant, a.title FROM claim c "
    "JOIN article a ON a.id = c.article_id WHERE c.id = ANY(%s)",
    "comment": "SELECT m.id, m.article_id, m.body, m.author, a.title FROM comment m "
    "JOIN article a ON a.id = m.article_id WHERE m.id = ANY(%s)",
}
_DOCUMENT_FIELDS: dict[RecordKind, tuple[str, ...]] = {
    "article": ("title", "body", "author", "site", "tags"),
    "claim": ("claim text", "claimant", "article title"),
    "comment": ("comment body", "author", "article title"),
}


@dataclass(frozen=True, slots=True)
class _Phrase:
    """One FTS5 phrase as terms: ``start`` for ``^`` (a column's first terms), ``star`` for a
    trailing ``*`` (the last term is a prefix)."""

    terms: tuple[str, ...]
    start: bool = False
    star: bool = False

    def tsquery(self, weights: str) -> str:
        """This phrase as ``tsquery`` text restricted to ``weights`` ("#": the tags)."""
        if not self.terms:
            return ""
        prefix, label = (TAG, "") if weights == _TAGS else ("", weights)
        lexemes = [quote(prefix + START)] if self.start else []
        lexemes += [quote(prefix + term) for term in self.terms]
        marks = [f":{label}" if label else ""] * len(lexemes)
        if self.star:
            marks[-1] = f":*{label}"
        parts = [lexeme + mark for lexeme, mark in zip(lexemes, marks, strict=True)]
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def _native(phrases: Sequence[_Phrase]) -> str:
    """An expansion's ``native``: its phrases, as JSON (opaque to the engine)."""
    return json.dumps([[list(p.terms), p.start, p.star] for p in phrases]) if phrases else ""


def _phrases(native: str) -> list[_Phrase]:
    return [_Phrase(tuple(terms), start, star) for terms, start, star in json.loads(native)]


def _tsquery(native: str, weights: str) -> str:
    """Any of ``native``'s phrases, in the columns of ``weights``, each once.

    An expansion's forms often stem alike ("talk", "talks", "talking": six of the 13 parts
    of "talk"'s query at a million records), and PostgreSQL tests every part against every
    row it walks: the deduplicated query's walk of 20k comments took about half as long."""
    parts = list(
        dict.fromkeys(text for phrase in _phrases(native) if (text := phrase.tsquery(weights)))
    )
    if not parts:
        return "'" + START + START + "'"  # a lexeme no record has: matches nothing
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def connection_string(url: str) -> str:
    """A libpq URI for a SQLAlchemy PostgreSQL URL (``postgresql+psycopg://`` and the like)."""
    scheme, _, rest = url.partition("://")
    return f"postgresql://{rest}" if scheme.split("+")[0] in ("postgresql", "postgres") else url


class PostgresUnavailableError(RuntimeError):
    """The driver is missing or the server cannot be reached."""


class PostgresCandidateSource:
    """:class:`~store.search.candidates.CandidateSource` over a PostgreSQL store."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as error:
            raise PostgresUnavailableError("the psycopg driver is not installed") from error
        try:
            # prepare_threshold=None: a plan for each query's own words. psycopg prepares a
            # statement run five times, and PostgreSQL may then switch to a generic plan,
            # which knows nothing of the words: it walked a whole table backwards for a query
            # matching nothing (200 ms at 100k records where the words' own plan took 0.5 ms).
            self._conn = psycopg.connect(
                connection_string(url), autocommit=True, prepare_threshold=None
            )
        except psycopg.Error as error:
            raise PostgresUnavailableError(" ".join(str(error).split())) from error
        # No JIT: a search's statements run for a millisecond or two, and a plan estimated
        # above jit_above_cost (a common word's matches at a million records) would first
        # compile for tens of milliseconds. At 100k records the dearest plan costs ≈ 4k of
        # the 100k that turns it on: insurance for larger stores, not a measured gain.
        with suppress(psycopg.Error):  # a server older than 11 has no such setting
            self._conn.execute(b"SET jit = off")
        self._terms = Terms()
        self._phrases: Recent[str, tuple[str, ...]] = Recent(4 * EXPANSIONS_KEPT)
        self._expansions: Recent[tuple[WordTerm, bool, bool, int], Expansion] = Recent(
            EXPANSIONS_KEPT
        )
        self._documents: Recent[tuple[RecordKind, int], Document] = Recent(DOCUMENTS_KEPT)
        self._snapshot = ""
        self._newest: dict[RecordKind, int] = {}
        self._asked: dict[tuple[RecordKind, _Question, int], list[int]] = {}
        self._latest: dict[RecordKind, list[int]] = {}
        """The last candidates asked of the database, by kind (this reading's)."""
        self._in_read = False

    def close(self) -> None:
        self._conn.close()
        self._terms.close()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql.encode(), params).fetchall()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One snapshot for every look-up of a search; memory kept only while nothing has
        been committed since the last one. One round trip to begin, one to end."""
        cursor = self._conn.execute(
            b"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_current_snapshot()::text"
        )
        cursor.nextset()  # the first result is BEGIN's
        snapshot = str(cursor.fetchall()[0][0])
        try:
            if snapshot != self._snapshot:
                self._expansions.clear()
                self._documents.clear()
                self._newest.clear()
                self._snapshot = snapshot
            self._asked.clear()  # answers of this search's questions only
            self._latest = {}
            self._in_read = True
            yield
        finally:
            self._in_read = False
            self._conn.execute(b"COMMIT")

    def has_records(self) -> bool:
        return bool(self._rows("SELECT 1 FROM article LIMIT 1"))

    def has_index(self) -> bool:
        names = ",".join(f"'{name}'" for name in SEARCH_TABLES)
        found = self._rows(
            f"SELECT count(*) FROM pg_tables WHERE tablename IN ({names}) "  # noqa: S608
            "AND schemaname = current_schema()"
        )
        if not found or found[0][0] != len(SEARCH_TABLES):
            return False
        # Keys made another way (an older claimdesk) would miss typos: the upgrade remakes them.
        scheme = vocabulary.KEY_SCHEME_TABLE
        if not self._rows(f"SELECT to_regclass('{scheme}') IS NOT NULL")[0][0]:
            return False
        row = self._rows(f"SELECT prefix FROM {scheme}")  # noqa: S608
        return bool(row) and row[0][0] == vocabulary.KEY_PREFIX

    # -- words -------------------------------------------------------------------------------

    def _terms_of(self, text: str) -> tuple[str, ...]:
        return self._phrases.remembered(text, lambda: tuple(self._terms.phrase(text)))

    def expand(
        self, term: WordTerm, *, last: bool, fuzzy: bool, near_words: int = NEAR_WORDS
    ) -> Expansion:
        return self._expansions.remembered(
            (term, last, fuzzy, near_words),
            lambda: self._expand(term, last=last, fuzzy=fuzzy, near_words=near_words),
        )

    def _expand(self, term: WordTerm, *, last: bool, fuzzy: bool, near_words: int) -> Expansion:
        tokens = vocabulary.words(term.text)
        terms = self._terms_of(" ".join(tokens))
        if term.mode == "prefix":
            return Expansion(tuple(tokens), True, _native([_Phrase(terms, True, True)]))
        if term.mode == "whole":
            return Expansion(tuple(tokens), True, _native([_Phrase(terms, True)]))
        if term.mode != "fuzzy" or not fuzzy or len(tokens) != 1:
            star = last and term.mode == "fuzzy"
            return Expansion(tuple(tokens), True, _native([_Phrase(terms, star=star)]))
        return self._expand_word(tokens[0], last, near_words)

    def _expand_word(self, word: str, last: bool, near_words: int) -> Expansion:
        edits = max_edits(word)
        complete = last and len(word) >= MIN_COMPLETION
        found = self._look_up(word, edits, complete)
        forms: dict[str, None] = {}
        if found[0]:
            forms[word] = None
        nearby: list[str] = []
        if edits:
            typed_freq = int(found[0][0][1]) if found[0] else None
            completing = max((int(freq) for _, freq in found[2]), default=None)
            nearby = near_forms(
                word, typed_freq, self._frequencies(word, edits, found[1]), edits, completing
            )
            forms.update(dict.fromkeys(nearby[:near_words]))
        completed = False
        for completion, _ in found[2]:
            forms[completion] = None
            completed = True
        phrases = [_Phrase(self._terms_of(form)) for form in forms]
        native = _native(phrases)
        broader = ""
        unlisted = False
        if completed and len(word) >= 3:
            [(words_, occurrences)] = found[3]
            if int(words_) <= PREFIX_WORDS and int(occurrences or 0) <= PREFIX_BUDGET:
                broader = _native([*phrases, _Phrase(self._terms_of(word), star=True)])
            else:
                unlisted = True
        cut = len(nearby) > near_words
        return Expansion(tuple(forms), bool(forms), native, broader, unlisted, cut)

    def _frequencies(
        self, word: str, edits: int, found: list[tuple[Any, Any]]
    ) -> list[tuple[str, int]]:
        """The neighbours ``found`` with their frequencies: asked here, for those within
        ``edits`` of ``word`` alone, when :meth:`_look_up` left them out."""
        if all(freq is not None for _, freq in found):
            return found
        near = [n for n, _ in found if OSA.distance(word, n, score_cutoff=edits) <= edits]
        if not near:
            return []
        return [
            (n, int(freq))
            for n, freq in self._rows(
                "SELECT w, (SELECT v.freq FROM search_vocab v WHERE v.word = w) "
                "FROM unnest(%s::text[]) AS w",
                (near,),
            )
        ]

    def _look_up(self, word: str, edits: int, complete: bool) -> list[list[tuple[Any, Any]]]:
        """In one round trip: [the word itself], its deletion-key neighbours, its most
        frequent completions, and (words, occurrences) of its prefix: what the SQLite source
        asks in four (see :mod:`store.search.vocabulary`).

        A neighbour's frequency comes with it only when there are at most
        :data:`NEIGHBOUR_PROBES` of them: a long word has up to a thousand, each frequency a
        probe of the vocabulary's B-tree (6 of a look-up's 7.5 ms at 100k records), and only
        the few within the typo budget need one (:meth:`_frequencies`, a second round trip).
        """
        parts = ["SELECT 0, word, freq FROM search_vocab WHERE word = %s"]
        params: list[object] = [word]
        head = ""
        if edits:
            # Each neighbour by its primary key: as ``word IN (...)`` the planner chose a hash
            # join over a scan of the whole vocabulary (30 ms at 76k words, growing with it).
            # Only neighbours whose length is within the typo budget can be within it, and
            # each one kept costs a frequency probe: most share the first letters but not the
            # length (1,000-1,750 neighbours of a long word in a 220k-word vocabulary).
            head = (
                "WITH k AS MATERIALIZED (SELECT DISTINCT word FROM search_vocab_key "
                "WHERE key = ANY(%s) AND length(word) BETWEEN %s AND %s) "
            )
            keys = sorted(vocabulary.deletion_keys(word))
            params = [keys, len(word) - edits, len(word) + edits, *params, NEIGHBOUR_PROBES]
            parts.append(
                "SELECT 1, k.word, CASE WHEN (SELECT count(*) FROM k) <= %s THEN "
                "(SELECT v.freq FROM search_vocab v WHERE v.word = k.word) END FROM k"
            )
        end = word + "\U0010ffff"
        if complete:
            parts.append(
                "(SELECT 2, word, freq FROM search_vocab WHERE word > %s AND word < %s "
                "ORDER BY freq DESC, word LIMIT %s)"
            )
            params += [word, end, COMPLETIONS]
            if len(word) >= 3:
                parts.append(
                    "SELECT 3, count(*)::text, sum(freq) FROM (SELECT freq FROM "
                    "search_vocab WHERE word > %s AND word < %s LIMIT %s) AS p"
                )
                params += [word, end, PREFIX_WORDS + 1]
        found: list[list[tuple[Any, Any]]] = [[], [], [], []]
        for part, value, freq in self._rows(head + " UNION ALL ".join(parts), params):
            found[part].append((value, freq))
        return found

    def narrow(self, expansion: Expansion, forms: Sequence[str]) -> Expansion:
        phrases = [_Phrase(self._terms_of(form)) for form in forms]
        return Expansion(tuple(forms), bool(forms), _native(phrases))

    # -- records -----------------------------------------------------------------------------

    def candidates(
        self, query: Query, expansions: Mapping[WordTerm, Expansion], kind: RecordKind, limit: int
    ) -> list[int]:
        """The engine asks each kind in turn (:data:`KINDS` order) with the same query and
        limit: inside a reading, the first question also asks the kinds after it, all in one
        round trip per step (psycopg's pipeline), and keeps their answers for the questions
        that follow: three kinds' two steps were six round trips, each a wake-up of the
        server and then of this process, which on a loaded machine (the benchmark's, and a
        team server's) waits its turn for a core. A kind asked ahead and never asked for
        costs the server its slice of the newest records."""
        question = _question(query, expansions, kind)
        if question is None:
            return []
        asked = self._asked.get((kind, question, limit))
        if asked is not None:
            return asked
        questions = {kind: question}
        if self._in_read:
            for later in KINDS[KINDS.index(kind) + 1 :]:
                if (more := _question(query, expansions, later)) is not None:
                    questions[later] = more
        answers = self._answers(questions, limit)
        if self._in_read:
            self._latest = answers
            for other, answer in answers.items():
                self._asked[(other, questions[other], limit)] = answer
            if len(self._asked) > EXPANSIONS_KEPT:
                self._asked.clear()
        return answers[kind]

    def _answers(
        self, questions: Mapping[RecordKind, _Question], limit: int
    ) -> dict[RecordKind, list[int]]:
        """Each kind's ``limit`` newest matches, the kinds' walks stepped together."""
        walks: dict[RecordKind, _Walk] = {}
        answers: dict[RecordKind, list[int]] = {}
        tops = self._tops() if any(q.own for q in questions.values()) else {}
        for kind, (sql, params, own) in questions.items():
            if own:
                walks[kind] = _Walk(sql, params, limit, tops[kind])
            else:  # no index to ask: a walk of the record table
                walks[kind] = _Walk(sql + _NEWEST, (*params, limit), limit, 0, plain=True)
        while pending := [kind for kind, walk in walks.items() if not walk.done]:
            steps = [walks[kind].step() for kind in pending]
            for kind, rows in zip(pending, self._pipelined(steps), strict=True):
                walks[kind].take(rows)
        for kind, walk in walks.items():
            answers[kind] = walk.found
        return answers

    def _tops(self) -> dict[RecordKind, int]:
        """The newest indexed id of each kind (kept for the reading): one round trip."""
        if len(self._newest) < len(KINDS):
            parts = ", ".join(
                f"(SELECT coalesce(max(id), 0) FROM search_{kind})"  # noqa: S608
                for kind in KINDS
            )
            row = self._rows(f"SELECT {parts}")[0]
            tops = {kind: int(value) for kind, value in zip(KINDS, row, strict=True)}
            if not self._in_read:
                return tops
            self._newest.update(tops)
        return self._newest

    def _pipelined(self, steps: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Any]]:
        """Several statements' rows in one round trip."""
        if len(steps) == 1:
            return [self._rows(*steps[0])]
        with self._conn.pipeline():
            cursors = [self._conn.execute(sql.encode(), params) for sql, params in steps]
        return [cursor.fetchall() for cursor in cursors]

    def documents(self, kind: RecordKind, ids: Sequence[int]) -> list[Document]:
        """The records' texts; inside a reading, those the engine is about to ask for the
        kinds after ``kind`` come in the same round trip (:meth:`_likely_next`)."""
        if not ids:
            return []
        kept = self._documents if self._in_read else Recent(DOCUMENTS_KEPT)
        found: dict[int, Document] = {}
        missing: list[int] = []
        for record_id in ids:
            known = kept.get((kind, record_id))
            if known is None:
                missing.append(record_id)
            else:
                found[record_id] = known
        if missing:
            wanted = {kind: missing, **(self._likely_next(kind, ids) if self._in_read else {})}
            asks = [(k, [i for i in part if (k, i) not in kept]) for k, part in wanted.items()]
            asks = [(k, part) for k, part in asks if part]
            steps = [(_DOCUMENT_SQL[k], (part,)) for k, part in asks]
            for (other, _), rows in zip(asks, self._pipelined(steps), strict=True):
                for document in _documents(other, rows):
                    kept.put((other, document.id), document)
                    if other == kind:
                        found[document.id] = document
        return [found[i] for i in ids if i in found]

    def _likely_next(self, kind: RecordKind, ids: Sequence[int]) -> dict[RecordKind, list[int]]:
        """The engine reads the same share of each kind's latest candidates in turn (the
        newest first): when ``ids`` are the first of ``kind``'s, that share (and one more)
        of the later kinds' candidates."""
        mine = self._latest.get(kind)
        if not mine or list(ids) != mine[: len(ids)]:
            return {}
        share = len(ids) / len(mine)
        return {
            later: theirs[: math.ceil(len(theirs) * share) + 1]
            for later in KINDS[KINDS.index(kind) + 1 :]
            if (theirs := self._latest.get(later))
        }


def _documents(kind: RecordKind, rows: Sequence[tuple[Any, ...]]) -> Iterator[Document]:
    names = _DOCUMENT_FIELDS[kind]
    for record_id, article_id, *values in rows:
        if kind == "article":
            values[4] = tags_text(values[4]) if values[4] else ""
        fields = tuple(zip(names, [v or "" for v in values], strict=True))
        yield Document(kind, record_id, article_id, fields)


class _Question(NamedTuple):
    """One kind's candidate SELECT (ordered and limited by the walk): with ``own``, over its
    ``tsvector`` table ``s`` (GIN), else over the record table ``r``."""

    sql: str
    params: tuple[object, ...]
    own: bool


def _question(
    query: Query, expansions: Mapping[WordTerm, Expansion], kind: RecordKind
) -> _Question | None:
    """The question that finds ``kind``'s candidates; None when none can match."""
    terms = match_terms(
        query, expansions, kind, _TARGETS[kind], _OWN_TEXT[kind], _tsquery, either=" | "
    )
    if terms is None:
        return None
    sql, params = _candidate_sql(query, kind, terms)
    return _Question(sql, tuple(params), bool(terms.own))


class _Walk:
    """The ``limit`` newest records matching a question over a ``tsvector`` table: slices of
    the newest ids walked while the words look common, every older match fetched at once
    when they look rare, one statement a step (:meth:`step`, then :meth:`take` its rows), so
    that several kinds' walks can share round trips.

    FTS5 walks a term's postings newest first and stops at the limit. GIN gives every
    match in no order, and ``ORDER BY id DESC LIMIT n`` left the planner two ways: test
    records walking the primary key backwards (cheap for a common word, the whole table
    for a rare one) or fetch every match and sort (the reverse). It chose the walk for
    words matching 1-2 % of the records (50-90 ms where fetching took 7 ms at 100k
    records), and that choice grows with the store. Here the newest :data:`PROBE` ids
    tell how common the word is, and each further step takes the cheaper way by the
    share matched so far; every step is bounded, whatever the estimate.
    """

    def __init__(
        self, sql: str, params: Sequence[object], limit: int, top: int, *, plain: bool = False
    ) -> None:
        self._sql, self._params, self._limit, self._plain = sql, tuple(params), limit, plain
        self.found: list[int] = []
        self._upper, self._lower, self._walked, self._size = top, 0, 0, PROBE
        self._last = plain
        self.done = not plain and (top <= 0 or limit <= 0)

    def step(self) -> tuple[str, tuple[object, ...]]:
        """The next statement to run."""
        sql, params = self._sql, self._params
        if self._plain:
            return sql, params
        need = self._limit - len(self.found)
        if self._walked:
            share = (len(self.found) + 0.5) / self._walked
            if FETCH_COST * share * self._upper < WALK_COST * need / share:
                self._last = True
                older = f"WITH m AS MATERIALIZED ({sql} AND s.id <= %s) SELECT id FROM m{_NEWEST}"  # noqa: S608
                return older, (*params, self._upper, need)
        self._lower = max(0, self._upper - self._size)
        return f"{sql} AND s.id > %s AND s.id <= %s{_NEWEST}", (
            *params,
            self._lower,
            self._upper,
            need,
        )

    def take(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """The rows of the statement :meth:`step` gave."""
        self.found += [row[0] for row in rows]
        left = self._limit - len(self.found)
        if self._last:
            self.done = True
            return
        self._walked += self._upper - self._lower
        self._upper = self._lower
        self._size = max(PROBE, int(2 * left / ((len(self.found) + 0.5) / self._walked)))
        self.done = self._upper <= 0 or left <= 0


def _and(parts: Sequence[str]) -> str:
    return " & ".join(f"({part})" for part in parts)


NEIGHBOUR_PROBES = 64
"""At most this many typo neighbours get their frequency in the look-up itself."""
PROBE = 600
"""Ids of the newest records the first step of a candidate query tests (a few ms)."""
WALK_COST = 1.0
FETCH_COST = 2.5
"""Measured at 100k records: testing one record walking back costs ≈2.6 µs, fetching one
match of a bitmap ≈7 µs (a heap page each); only their ratio counts."""
_NEWEST = " ORDER BY id DESC LIMIT %s"


def _candidate_sql(
    query: Query,
    kind: RecordKind,
    terms: MatchTerms,
) -> tuple[str, list[object]]:
    """One SELECT of ids for one kind, the PostgreSQL twin of the SQLite source's (ordered
    and limited by the caller). With ``own`` the index table is ``s``, else the record table
    is ``r``."""
    index = f"search_{kind}"
    own, own_not, on_article, article_not = (
        terms.own,
        terms.own_not,
        terms.on_article,
        terms.article_not,
    )
    where: list[str] = []
    params: list[object] = []
    if own:
        match = _and(own) + "".join(f" & !({part})" for part in own_not)
        where.append("s.words @@ %s::tsquery")
        params.append(match)
    elif own_not:
        where.append(f"r.id NOT IN (SELECT id FROM {index} WHERE words @@ %s::tsquery)")  # noqa: S608
        params.append(" | ".join(f"({part})" for part in own_not))
    if on_article:
        where.append("r.article_id IN (SELECT id FROM search_article WHERE words @@ %s::tsquery)")
        params.append(_and(on_article))
    if article_not:
        where.append(
            "r.article_id NOT IN (SELECT id FROM search_article WHERE words @@ %s::tsquery)"
        )
        params.append(" | ".join(f"({part})" for part in article_not))
    if kind == "claim":
        conditions, values = claim_conditions(query, "%s")
        where.extend(conditions)
        params.extend(values)
    if not own:
        source, id_column = f"{kind} r", "r.id"
    elif len(where) == 1:
        source, id_column = f"{index} s", "s.id"
    else:
        source, id_column = f"{index} s JOIN {kind} r ON r.id = s.id", "s.id"
    clause = f" WHERE {' AND '.join(where)}" if where else " WHERE TRUE"
    return f"SELECT {id_column} AS id FROM {source}{clause}", params  # noqa: S608


def open_postgres_source(url: str) -> PostgresCandidateSource:
    """A source for the store at ``url`` (its schema already brought up to date)."""
    return PostgresCandidateSource(url)
