"""``SearchEngine``: one ranked list of articles, claims and comments for what the user typed.

Two stages, because scanning every record per key press cannot work at a million records
(rapidfuzz over 1M strings costs 250 ms to 2.4 s): the :class:`CandidateSource` finds up to
:data:`CANDIDATES` records that contain every query word or one of its typo-neighbours and
completions, newest first, and :mod:`store.search.ranking` orders them with rapidfuzz.

Per key press the time goes where the query is least selective: a short prefix or a common
word matches tens of thousands of records, all about equally well. So the newest
:data:`FIRST_BATCH` candidates are ranked first and, when they already score as well as the
query's words allow, that is the answer (fetching and scoring all 1,000 cost 20–60 ms); when
they are weak, the index is asked for the records holding each word's strong forms. Measured
with ``benchmarks/bench_search.py`` and ``bench_search_ui.py`` (figures in the commit log).

The engine holds no copy of the data: every search reads the store as it is now, so records
imported or judged while the app runs are found at the next key press.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from store.records import KINDS, RecordKind
from store.search.candidates import (
    MIN_COMPLETION,
    NEAR_WORDS,
    CandidateSource,
    Document,
    Expansion,
)
from store.search.hits import SearchHit
from store.search.matching import Span, WordMatcher
from store.search.query import ARTICLE_SCOPES, Clause, Query, WordTerm, parse_query
from store.search.ranking import SCOPE_FIELDS, ScoredWord, best_possible, form_score, rank
from store.search.result import SearchResult, SearchState
from store.search.vocabulary import word_start, words

CANDIDATES = 1000
"""Records re-ranked per search, shared among the kinds searched. 2,000 measured p95 ≈31 ms at
10k records on this machine (fetching and windowing 2,000 texts in Python), 1,000 ≈16 ms."""
FIRST_BATCH = 150
"""When more candidates than this (or 3× the hits asked for) are found, the newest this many
are ranked first, and the rest only if they could change the answer (see
:func:`_strong_enough`). At 10k records ranking 300 costs ≈9 ms, 150 ≈5 ms."""
COOCCURRING_RECORDS = 300
"""Records of the other words read to find what a half-typed last word completes to beside
them (see :func:`_with_cooccurring_completions`): ≈3 ms at a million records, less when
they were read by the key press before."""
COOCCURRING_LETTERS = 4
"""Longest last word completed by co-occurrence: a longer prefix has few completions, and its
most frequent ones already hold the one meant (4+ letters: recall@10 0.99 without it)."""
COOCCURRING_FORMS = 16
"""Completions taken from those records, most frequent there first."""
WIDE_NEAR_WORDS = 4 * NEAR_WORDS
"""Typo neighbours per word in the second try of a query whose words' closest forms never
occur together (asked only when the first try found nothing)."""
STRONG_MARGIN = 6.0
"""How far below the best score the query's words can reach a hit may be and still count as
strong: a field weight of 0.95 and the length penalty of a 3,000-letter body, not a typo."""


INFLECTED = STRONG_MARGIN + 8.0
"""How far below the best score hits may be when every form of the words is strong and the
index matched the rest through their stems: a finished word is scored as a whole word (see
:attr:`store.search.ranking.ScoredWord.probe`), so "emissions" for "emission " scores 10
below it, "reports" for "report " 12.5. Such hits answer; looking on for records that hold
the word itself ranked all 1,000 candidates ("emission ": 4 -> 34 ms CPU at a million
records). A short word's inflection ("tanks" for "tank ": 16.7) is beyond it, and the
candidates are ranked on as before."""


class SearchError(RuntimeError):
    """The store cannot be searched (not SQLite, unreadable); one line saying why."""


class StoreLocation(Protocol):
    """What the engine needs of a store: where it is, and a way to bring its schema up to date.

    :class:`store.store.Store` is one; the command line passes a lighter stand-in so that
    ``claimdesk search`` never imports SQLAlchemy unless the store needs an upgrade.
    """

    @property
    def url(self) -> str: ...

    @property
    def path(self) -> Path | None: ...

    def exists(self) -> bool: ...

    def is_empty(self) -> bool: ...


class SearchEngine:
    """Fuzzy search over a store; safe to call from one worker thread at a time or several."""

    def __init__(self, store: StoreLocation, source: CandidateSource | None = None) -> None:
        self._store = store
        self._source = source
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            if self._source is not None:
                self._source.close()
                self._source = None

    def search(
        self,
        query: str,
        limit: int = 50,
        kinds: frozenset[RecordKind] | set[RecordKind] | None = None,
        *,
        as_typed: bool = False,
    ) -> list[SearchHit]:
        """Hits for ``query``, best first; raises :class:`QueryError` for a query it refuses.

        ``as_typed``: the query is being typed key by key, so a figure filter still half
        written at its end ("qty:>") is left out until finished rather than refused.
        The hits of :meth:`search_result` (the in-process API benchmarks use).
        """
        return list(self.search_result(query, limit, kinds, as_typed=as_typed).hits)

    def search_result(
        self,
        query: str,
        limit: int = 50,
        kinds: frozenset[RecordKind] | set[RecordKind] | None = None,
        *,
        as_typed: bool = False,
    ) -> SearchResult:
        """:meth:`search`'s hits with the state of the query: hits, no match, nothing to look
        for yet, an empty store; and the words left out because nothing matches them."""
        result = self.find(query, limit, kinds, as_typed=as_typed)
        assert result is not None  # only a ``cancelled`` callback makes find give up
        return result

    def find(
        self,
        query: str,
        limit: int = 50,
        kinds: frozenset[RecordKind] | set[RecordKind] | None = None,
        *,
        as_typed: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult | None:
        """:meth:`search_result`, for a caller whose answer may stop being wanted.

        ``cancelled`` is asked once this search holds the engine's lock: a caller whose
        answer is no longer wanted (a newer key press) gets None without a search, so a burst
        of keys does not queue a search each.
        """
        parsed, typing = _parsed(query, as_typed)
        if parsed.is_empty:
            return SearchResult((), SearchState.NOTHING_YET)
        wanted = [
            k
            for k in KINDS
            if (kinds is None or k in kinds) and (parsed.kinds is None or k in parsed.kinds)
        ]
        if not wanted or limit < 1:
            return SearchResult((), SearchState.NO_MATCH)
        with self._lock:
            if cancelled is not None and cancelled():
                return None
            source = self._open()
            if source is None:
                return SearchResult((), SearchState.EMPTY_STORE)
            return self._search(
                source, parsed, wanted, limit, typing=typing, unfinished=as_typed and typing
            )

    def matcher(self, query: str, *, as_typed: bool = False) -> WordMatcher:
        """What ``query`` looks for in a text, with each word expanded as :meth:`search` does.

        Raises :class:`QueryError` like :meth:`search` (``as_typed`` as there). One look-up in
        the vocabulary per word; after that :meth:`WordMatcher.spans` is pure, so a reader can
        match many texts with it.
        """
        parsed, typing = _parsed(query, as_typed)
        if not parsed.clauses:
            return WordMatcher()
        with self._lock:
            source = self._open()
            if source is None:
                return WordMatcher()
            with source.reading():
                expansions = _expand(source, parsed, typing)
        return WordMatcher.build(
            (word, expansions[word], _completed(parsed, clause, word, typing))
            for clause in parsed.clauses
            for word in clause.words
        )

    def match_spans(self, query: str, text: str) -> list[Span]:
        """(start, end) of every place in ``text`` where a word of ``query`` matches."""
        return self.matcher(query).spans(text)

    def _search(
        self,
        source: CandidateSource,
        query: Query,
        kinds: list[RecordKind],
        limit: int,
        typing: bool,
        unfinished: bool = False,
    ) -> SearchResult:
        """The query's words expanded, those that match nothing left out (said in the
        result), and the rest ranked (see :meth:`_ranked`)."""
        with source.reading():
            expansions = _expand(source, query, typing)
            if unfinished:
                query = _without_unfinished_word(query, expansions)
                if query.is_empty:
                    return SearchResult((), SearchState.NOTHING_YET)
            query, dropped = _without_unmatched_words(query, expansions)
            hits = [] if query.is_empty else self._ranked(source, query, expansions, kinds, limit)
            if not hits and len(query.clauses) > 1 and any(e.cut for e in expansions.values()):
                # Each word matches alone but their closest forms never meet ("trought
                # domburg": trough, drought, brought… came before "through"): ask again
                # with more of each word's typo neighbours before saying nothing matched.
                expansions = _expand(source, query, typing, WIDE_NEAR_WORDS)
                hits = self._ranked(source, query, expansions, kinds, limit)
            apart: tuple[str, ...] = ()
            if not hits and len(query.clauses) > 1:
                # Every word matches something, but no record holds them all ("government
                # spokesman" where one article says the one and another the other): the
                # records that hold all but one, told which, rather than nothing.
                for relaxed, left_out in _without_one_clause(query):
                    hits = self._ranked(source, relaxed, expansions, kinds, limit)
                    if hits:
                        apart = left_out
                        break
            if hits:
                return SearchResult(hits, SearchState.HITS, dropped, apart)
            state = SearchState.NO_MATCH if source.has_records() else SearchState.EMPTY_STORE
            return SearchResult((), state, dropped)

    def _ranked(
        self,
        source: CandidateSource,
        query: Query,
        expansions: dict[WordTerm, Expansion],
        kinds: list[RecordKind],
        limit: int,
    ) -> list[SearchHit]:
        """Rank the candidates, the newest :data:`FIRST_BATCH` first when there are many.

        A short or common word ("ta", "claims !p") finds a full budget of records that all
        match it equally well; fetching and scoring all 1,000 costs 20–40 ms at 10k records,
        and the older ones cannot do better than the strong hits already in hand. A query
        whose first batch is weak (typos that only some records survive) is ranked over every
        candidate.
        """
        expansions, beside = _with_cooccurring_completions(source, query, expansions, kinds)
        per_kind = max(1, CANDIDATES // len(kinds))
        batch = max(FIRST_BATCH, 3 * limit)
        strong = _strong_first(source, query, expansions, kinds, beside, batch, limit)
        if strong is not None and strong.enough:
            return strong.hits
        found = {kind: source.candidates(query, expansions, kind, per_kind) for kind in kinds}
        total = sum(len(ids) for ids in found.values())
        if (
            total < batch
            and any(expansion.broader for expansion in expansions.values())
            and (total < limit or not _completed_words_are_stored(expansions))
        ):
            # A prefix's rarer completions: cheap on a rare prefix, which is when they count.
            broader = {
                word: replace(expansion, native=expansion.broader)
                if expansion.broader
                else expansion
                for word, expansion in expansions.items()
            }
            found = {kind: source.candidates(query, broader, kind, per_kind) for kind in kinds}
        if sum(len(ids) for ids in found.values()) < batch:
            _add_unlisted_completions(source, query, expansions, found, max(1, batch // len(kinds)))
        clauses = _scored_clauses(query, expansions)
        total = sum(len(ids) for ids in found.values())
        # The records that hold the other words as typed beside a completion: ranked whatever
        # their age, or the newest records with a typo neighbour would hide them.
        documents = list(beside)
        listed = {(doc.kind, doc.id) for doc in beside}
        found = {kind: [i for i in ids if (kind, i) not in listed] for kind, ids in found.items()}
        if clauses and total > batch:
            first = {kind: ids[: -(-len(ids) * batch // total)] for kind, ids in found.items()}
            for kind, ids in first.items():
                documents.extend(source.documents(kind, ids))
            hits = rank(documents, clauses, limit)
            if strong is not None and not _readings(clauses):
                # What _strong_first found holds a strong form of every word, however old:
                # too few to answer alone, they still outrank the newest batch's weaker hits
                # ("abha trhe": seven "abha ... the" records below ten "aha ... the" ones).
                hits = _merged(hits, strong.hits, limit)
            if _strong_enough(hits, clauses, limit):
                return hits
            better = strong.better if strong else _strong_forms(source, expansions, clauses)
            if better is not None:
                seen = {(doc.kind, doc.id) for doc in documents}
                more: list[Document] = []
                ranked_before = 0
                for narrowed in _narrowings(expansions, better):
                    if len(more) >= limit:
                        break  # enough to fill the answer: the next questions cost more
                    if strong is not None and narrowed is better:
                        # Asked and ranked by _strong_first already: its hits are merged
                        # below, its records only count towards filling the answer.
                        known = [d for d in strong.documents if (d.kind, d.id) not in seen]
                        seen.update((d.kind, d.id) for d in known)
                        more.extend(known)
                        ranked_before = len(more)
                        continue
                    for kind in kinds:
                        ids = source.candidates(query, narrowed, kind, max(1, batch // len(kinds)))
                        fresh = [i for i in ids if (kind, i) not in seen]
                        seen.update((kind, i) for i in fresh)
                        more.extend(source.documents(kind, fresh))
                if _readings(clauses):  # the best of each reading among all of them
                    return rank([*documents, *more], clauses, limit)
                # The first batch's best need not be scored again.
                if ranked_before:
                    hits = _merged(hits, strong.hits if strong else [], limit)
                return _merged(hits, rank(more[ranked_before:], clauses, limit), limit)
            # Every form is strong, yet the newest records are weak: the index matched stems
            # ("firing" finds "fired", "emission" "emissions"). The rest are ranked a batch at
            # a time, newest first, until the answer is strong or holds the words inflected:
            # ranking all 1,000 cost 20-40 ms at a million records.
            if _readings(clauses) or not _strong_enough(hits, clauses, limit, INFLECTED):
                hits = self._stems(source, found, first, documents, hits, clauses, limit, batch)
            return hits
        for kind, ids in found.items():
            documents.extend(source.documents(kind, ids))
        return rank(documents, clauses, limit)

    @staticmethod
    def _stems(
        source: CandidateSource,
        found: dict[RecordKind, list[int]],
        first: dict[RecordKind, list[int]],
        documents: list[Document],
        hits: list[SearchHit],
        clauses: list[list[ScoredWord]],
        limit: int,
        batch: int,
    ) -> list[SearchHit]:
        """The candidates after the ``first`` batch ranked a batch at a time (see
        :meth:`_ranked`) until the hits are within :data:`INFLECTED` of the best."""
        total = sum(len(ids) for ids in found.values())
        rest = {kind: ids[len(first[kind]) :] for kind, ids in found.items()}
        left = total - sum(len(ids) for ids in first.values())
        ranked = list(documents)
        while left > 0:
            chunk: list[Document] = []
            for kind, ids in rest.items():
                share = -(-len(ids) * batch // left)
                chunk.extend(source.documents(kind, ids[:share]))
                rest[kind] = ids[share:]
            left = sum(len(ids) for ids in rest.values())
            ranked.extend(chunk)
            hits = _merged(hits, rank(chunk, clauses, limit), limit)
            if _strong_enough(hits, clauses, limit, INFLECTED):
                break
        return rank(ranked, clauses, limit) if _readings(clauses) else hits

    def _open(self) -> CandidateSource | None:
        if self._source is not None:
            return self._source
        self._source = open_source(self._store)
        return self._source


def open_source(store: StoreLocation) -> CandidateSource | None:
    """The SQLite candidate source for ``store``, upgrading it first if it has no index yet.

    None for a store with nothing in it (a missing file is not created by searching it).
    """
    from store.search.sqlite_source import SqliteCandidateSource

    if store.url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres"):
        return _postgres_source(store)
    if not store.url.startswith("sqlite"):
        raise SearchError(f"search works on SQLite stores for now, not {store.url.split(':')[0]}")
    path = store.path
    if path is None:
        raise SearchError("search needs a store file, not an in-memory store")
    if not path.exists():
        return None
    source = SqliteCandidateSource(path)
    if source.has_index():
        return source
    source.close()
    store.is_empty()  # opening the store runs the schema upgrade, which builds the index
    source = SqliteCandidateSource(path)
    if not source.has_index():
        source.close()
        raise SearchError(f"{path}: the store has no search index")
    return source


def _postgres_source(store: StoreLocation) -> CandidateSource:
    """The PostgreSQL candidate source (:mod:`store.search.postgres_source`).

    Like SQLite's, it is opened without SQLAlchemy; only a store that cannot be reached (the
    store then says why in one line: no driver, no server) or has no index yet (the store's
    upgrade builds it) is opened as a store.
    """
    from store.search.postgres_source import PostgresUnavailableError, open_postgres_source

    try:
        source = open_postgres_source(store.url)
    except PostgresUnavailableError as error:
        store.is_empty()
        raise SearchError(str(error)) from error
    if source.has_index():
        return source
    source.close()
    store.is_empty()
    source = open_postgres_source(store.url)
    if not source.has_index():
        source.close()
        raise SearchError("the store has no search index")
    return source


def _strong_enough(
    hits: list[SearchHit],
    clauses: list[list[ScoredWord]],
    limit: int,
    margin: float = STRONG_MARGIN,
) -> bool:
    """Whether ``limit`` hits already score within ``margin`` of the best any record could:
    the mean over clauses of how well the query's words match their best stored form."""
    if len(hits) < limit:
        return False
    return hits[limit - 1].score >= best_possible(clauses) - margin


def _add_unlisted_completions(
    source: CandidateSource,
    query: Query,
    expansions: dict[WordTerm, Expansion],
    found: dict[RecordKind, list[int]],
    per_kind: int,
) -> None:
    """Add to ``found`` the newest records that hold a rare completion of a common prefix.

    "berchopreselsel lin": the listed completions of "lin" are its most frequent words, and a
    record that says "linanha" next to the rare first word is not among them; asking FTS5 for
    ``"lin" *`` would merge the postings of 5,000 words (≈50 ms per kind at a million
    records). The rest of the query is rare (that is why too few were found), so its newest
    ``per_kind`` records per kind are read and kept if a word in them starts with the prefix.
    """
    dropped = [
        clause
        for clause in query.clauses
        if any(expansions[word].unlisted for word in clause.words)
    ]
    rest = tuple(clause for clause in query.clauses if clause not in dropped)
    if (
        not dropped
        or not rest
        or any(word.scope in ARTICLE_SCOPES for clause in dropped for word in clause.words)
    ):
        return
    relaxed = replace(query, clauses=rest)
    checks = [
        [
            (SCOPE_FIELDS.get(word.scope or ""), _word_pattern(word, expansions[word]))
            for word in clause.words
        ]
        for clause in dropped
    ]
    for kind, ids in found.items():
        more = source.candidates(relaxed, expansions, kind, per_kind)
        have = set(ids)
        kept = [
            doc.id
            for doc in source.documents(kind, [i for i in more if i not in have])
            if all(
                any(
                    pattern.search(text.lower())
                    for names, pattern in clause
                    for name, text in doc.fields
                    if names is None or name in names
                )
                for clause in checks
            )
        ]
        if kept:
            found[kind] = sorted(have.union(kept), reverse=True)


def _with_cooccurring_completions(
    source: CandidateSource,
    query: Query,
    expansions: dict[WordTerm, Expansion],
    kinds: list[RecordKind],
) -> tuple[dict[WordTerm, Expansion], list[Document]]:
    """``expansions`` with the half-typed last word also standing for what it completes to in
    the records of the other words, and those of the records read that hold such a word.

    "readying tra": the listed completions of "tra" are its most frequent words (track,
    train, trade…), and the one the user means, beside "readying", ranks far below them; the
    wider prefix query was asked only when few candidates came back, which typo neighbours of
    the other words always prevent (3-letter prefixes: recall@10 0.74 at a million real-word
    records). So the newest :data:`COOCCURRING_RECORDS` records that hold the other words as
    typed (their typo neighbours would drown a rare word's records) are read, and the words
    in them that start with the prefix join the last word's forms, most frequent first. When
    the prefix is rare enough for the index to be asked for all its completions
    (:attr:`Expansion.broader`), it is asked for the newest records that hold the other words
    as typed beside one, and only those are read.
    """
    if len(query.clauses) < 2 or len(query.clauses[-1].words) != 1:
        return expansions, []
    last = query.clauses[-1].words[0]
    expansion = expansions[last]
    if (
        not (expansion.broader or expansion.unlisted)
        or last.mode != "fuzzy"
        or last.scope
        or len(last.text) > COOCCURRING_LETTERS
    ):
        return expansions, []  # not a completed word of three or four letters
    rest = replace(query, clauses=query.clauses[:-1])
    narrowed = dict(expansions)
    for clause in rest.clauses:
        for word in clause.words:
            typed = " ".join(words(word.text))
            forms = expansions[word].forms
            if word.mode == "fuzzy" and forms and forms[0] == typed and len(forms) > 1:
                narrowed[word] = source.narrow(expansions[word], [typed])
    prefix = " ".join(words(last.text))
    pattern = re.compile(word_start(prefix) + r"[^\W_]*")
    counts: Counter[str] = Counter()
    beside: list[Document] = []
    asked, read = rest, COOCCURRING_RECORDS
    if expansion.broader:
        # Every completion is cheap to ask the index for: it gives the records that hold the
        # other words beside one, where reading those of the other words and looking for the
        # prefix read 300 records to keep a few ("wutke leon": 93 hold both; 6.5 -> 2 ms).
        asked, read = query, FIRST_BATCH
        narrowed[last] = replace(expansion, native=expansion.broader)
    per_kind = max(1, read // len(kinds))
    for kind in kinds:
        for document in source.documents(kind, source.candidates(asked, narrowed, kind, per_kind)):
            completed = [
                form for _, text in document.fields for form in pattern.findall(text.lower())
            ]
            if completed:
                counts.update(completed)
                beside.append(document)
    known = set(expansion.forms)
    more = [form for form, _ in counts.most_common() if form not in known][:COOCCURRING_FORMS]
    if not more:
        return expansions, beside
    widened = source.narrow(expansion, [*expansion.forms, *more])
    return {
        **expansions,
        last: replace(widened, broader=expansion.broader, unlisted=expansion.unlisted),
    }, beside


def _strong_first(
    source: CandidateSource,
    query: Query,
    expansions: dict[WordTerm, Expansion],
    kinds: list[RecordKind],
    beside: list[Document],
    batch: int,
    limit: int,
) -> _StrongTry | None:
    """The newest records holding a strong form of every word (see :func:`_strong_forms`),
    ranked: when they already score as well as the words allow (``enough``) they are the
    answer, otherwise the caller asks for all the forms and merges these hits into its own
    (it would ask and rank the same records again). None when every form is strong.

    "brook anim": "brook" stands for "book" and "look" too (far commoner words a typo away)
    and "anim" for "aim" and "ani", so the newest records with any form of both words were
    all weak; they were ranked, found weak, and the index was asked again for the strong
    forms. At a million records that was 12 index questions and 180 records ranked; asking
    for the strong forms first answers with 6 and 30 (CPU 49 -> 26 ms); 444 of the real-word
    benchmark's 449 answers are the same lists as before. A query whose strong forms are too
    rare to fill the answer pays one narrow question a kind more (the caller's own narrowing
    asks it again from memory, and ranks only the records this did not).
    """
    clauses = _scored_clauses(query, expansions)
    if not clauses or _readings(clauses):
        return None  # a lone misspelling shows one record of each reading: all forms count
    better = _strong_forms(source, expansions, clauses)
    if better is None:
        return None
    documents = list(beside)
    seen = {(doc.kind, doc.id) for doc in beside}
    share = max(1, batch // len(kinds))
    for kind in kinds:
        ids = [i for i in source.candidates(query, better, kind, share) if (kind, i) not in seen]
        documents.extend(source.documents(kind, ids))
    hits = rank(documents, clauses, limit)
    return _StrongTry(better, documents, hits, _strong_enough(hits, clauses, limit))


@dataclass(frozen=True, slots=True)
class _StrongTry:
    """What :func:`_strong_first` asked and found."""

    better: dict[WordTerm, Expansion]
    """The query's expansions cut to their strong forms."""
    documents: list[Document]
    """The records ranked: the co-occurring ones and those of the strong forms."""
    hits: list[SearchHit]
    enough: bool
    """The hits score as well as the words allow: they are the answer."""


def _word_pattern(word: WordTerm, expansion: Expansion) -> re.Pattern[str]:
    """A word of a lower-cased text that is one of the word's stored forms, or, if it has
    unlisted completions, any word that starts as it does (what FTS5's ``"lin" *`` finds)."""
    whole = [word_start(form) + r"(?![^\W_])" for form in expansion.forms]
    if expansion.unlisted:
        whole.append(word_start(" ".join(words(word.text))))
    return re.compile("|".join(whole))


def _strong_forms(
    source: CandidateSource, expansions: dict[WordTerm, Expansion], clauses: list[list[ScoredWord]]
) -> dict[WordTerm, Expansion] | None:
    """Expansions cut to each word's strong forms: those within :data:`STRONG_MARGIN` of the
    best its clause can do.

    When the newest candidates are weak ("forec" finds many records through the typo-neighbour
    "forces" and few through "forecast"; "tanks fos" through "for"), the records worth finding
    are the ones that hold a strong form of every word. Asking the index for just those finds
    them however old they are, for the price of one more query, where ranking every candidate
    costs 20–30 ms and still misses those older than the budget. None when every form is
    strong (nothing to narrow: the caller ranks every candidate).
    """
    narrowed = dict(expansions)
    changed = False
    for clause in clauses:
        needed = best_possible([clause]) - STRONG_MARGIN
        for word in clause:
            if word.term.mode != "fuzzy" or word.term.scope in ARTICLE_SCOPES:
                continue
            kept = [form for form in word.forms if form_score(word, form) >= needed]
            if len(kept) < len(word.forms):
                narrowed[word.term] = source.narrow(expansions[word.term], kept)
                changed = True
    return narrowed if changed else None


def _alternatives(query: Query, word: WordTerm, expansions: dict[WordTerm, Expansion]) -> bool:
    """Whether ``word``'s forms are other words the user may have meant, to be shown one of
    each first (see :attr:`ScoredWord.alternatives`): it is the query's only word, no stored
    word as typed, and stands for more than one.

    Only a word alone: beside other words, the records that hold them tell which reading is
    meant, and one of each first cost as many hits as it found at a million records
    ("pelican whyth": the best "whyte" and "whith" records went before the "with" one meant).
    """
    expansion = expansions[word]
    return (
        len(query.clauses) == 1
        and len(query.clauses[0].words) == 1
        and word.mode == "fuzzy"
        and word.scope is None
        and len(expansion.forms) > 1
        and expansion.forms[0] != " ".join(words(word.text))
    )


def _scored_clauses(query: Query, expansions: dict[WordTerm, Expansion]) -> list[list[ScoredWord]]:
    """Each clause's words that the store holds, with their forms, for :func:`rank`; clauses
    left with none are left out.

    The last word is scored as the start of a word (see :attr:`ScoredWord.completes`) even
    after a space: a space typed after it is where the next word begins, and scoring the
    same records again for it was a ranking of 150-450 records per word typed (the key
    presses' p95 at a million records 17.6 -> 21.6 ms CPU); the words before it are whole."""
    scored = [
        [
            ScoredWord(
                word,
                expansions[word].forms,
                _alternatives(query, word, expansions),
                _completed(query, clause, word, typing=True),
            )
            for word in clause.words
            if expansions[word].found
        ]
        for clause in query.clauses
    ]
    return [clause for clause in scored if clause]


def _readings(clauses: list[list[ScoredWord]]) -> bool:
    """Whether the hits show the best record of each reading first (see :func:`rank`)."""
    return any(word.alternatives for clause in clauses for word in clause)


def _merged(hits: list[SearchHit], more: list[SearchHit], limit: int) -> list[SearchHit]:
    """The best ``limit`` of two rankings, best first; a record in both is one hit (a
    record's score does not depend on the others ranked with it)."""
    unique = {(hit.kind, hit.id): hit for hit in [*more, *hits]}
    return sorted(unique.values(), key=lambda hit: (-hit.score, -hit.id))[:limit]


def _completed_words_are_stored(expansions: dict[WordTerm, Expansion]) -> bool:
    """Whether every word that could be completed further is a stored word as typed
    ("firing"): its records already answer, and a rarer completion ("firingline") would only
    rank beside them. Asking for all its completions cost 10-20 ms at a million records."""
    return all(
        expansion.forms and expansion.forms[0] == " ".join(words(word.text))
        for word, expansion in expansions.items()
        if expansion.broader
    )


def _narrowings(
    expansions: dict[WordTerm, Expansion], better: dict[WordTerm, Expansion]
) -> list[dict[WordTerm, Expansion]]:
    """The index questions :func:`_strong_forms` leads to: every word cut to its strong forms,
    then, for a query of several such words, each of them alone so cut (the others as they
    were); the caller asks them in turn until it has enough records to fill its answer.

    "riss wilh": the strong forms of "wilh" are its completions ("wilhelm"), which score as
    well as a prefix can, and no record holds "riss" beside one of them; the record meant
    holds "riss" beside "will", a typo neighbour, and only "riss" cut alone finds it.
    """
    cut = [term for term in better if better[term] is not expansions[term]]
    variants = [better]
    if len(cut) > 1:
        variants.extend({**expansions, term: better[term]} for term in cut)
    return variants


def _parsed(query: str, as_typed: bool) -> tuple[Query, bool]:
    """``query`` parsed for searching, and whether its last word is still being typed (no
    space after it): that word is completed as a prefix, and, ``as_typed``, a figure filter
    half written there is left out."""
    typing = not query[-1:].isspace()
    return _searchable(parse_query(query, as_typed and typing)), typing


def _without_unfinished_word(query: Query, expansions: dict[WordTerm, Expansion]) -> Query:
    """``query`` without its last word while that is too short to be completed and is no word
    of the store ("palmyra t"): the hits for the words before it stay, where "No matches"
    used to flash at the first letter of every new word."""
    if not query.clauses:
        return query
    last = query.clauses[-1].words[-1]
    if (
        last.mode != "fuzzy"
        or last.scope is not None
        or expansions[last].found
        or len(last.text) >= MIN_COMPLETION
    ):
        return query
    kept = query.clauses[-1].words[:-1]
    return replace(query, clauses=query.clauses[:-1] + ((Clause(kept),) if kept else ()))


def _without_one_clause(query: Query) -> Iterator[tuple[Query, tuple[str, ...]]]:
    """``query`` without one of its words (or one ``|`` group), the last first, and those
    words as typed: while typing, the words before the one being typed stay. A site or tag
    word is a filter the user set, never left out, and never all that is left: at least one
    word to look for stays."""
    plain = [
        index
        for index, clause in enumerate(query.clauses)
        if not any(word.scope in ARTICLE_SCOPES for word in clause.words)
    ]
    if len(plain) < 2:
        return
    for index in reversed(plain):
        words = query.clauses[index].words
        rest = query.clauses[:index] + query.clauses[index + 1 :]
        yield replace(query, clauses=rest), tuple(dict.fromkeys(word.text for word in words))


def _without_unmatched_words(
    query: Query,
    expansions: dict[WordTerm, Expansion],
) -> tuple[Query, tuple[str, ...]]:
    """``query`` without its clauses of which no word matches anything in the store (no such
    word, none within its typo budget, no completion), and those words as typed.

    A word that matches nothing used to make the whole AND empty ("tanks xyzzy" found nothing
    where "tanks" finds the claim); the user is told which words were left out instead.
    """
    kept: list[Clause] = []
    dropped: list[str] = []
    for clause in query.clauses:
        if any(expansions[word].found for word in clause.words):
            kept.append(clause)
        else:
            dropped.extend(word.text for word in clause.words)
    if not dropped:
        return query, ()
    return replace(query, clauses=tuple(kept)), tuple(dict.fromkeys(dropped))


def _searchable(query: Query) -> Query:
    """Drop words with no letter or digit in them ("—", "..."): there is nothing to look up."""
    clauses = tuple(
        Clause(kept)
        for clause in query.clauses
        if (kept := tuple(word for word in clause.words if words(word.text)))
    )
    exclusions = tuple(word for word in query.exclusions if words(word.text))
    return replace(query, clauses=clauses, exclusions=exclusions)


def _completed(query: Query, clause: Clause, word: WordTerm, typing: bool) -> bool:
    """Whether ``word`` is completed as a prefix: names in a scope are typed in part
    ("author:eva"), and so is the last word while the user is still typing it."""
    return word.scope is not None or (
        typing and clause is query.clauses[-1] and word is clause.words[-1]
    )


def _expand(
    source: CandidateSource, query: Query, typing: bool, near_words: int = NEAR_WORDS
) -> dict[WordTerm, Expansion]:
    """Each word's stored forms (at most ``near_words`` typo neighbours); only the last word
    typed is completed as a prefix."""
    expansions: dict[WordTerm, Expansion] = {}
    for clause in query.clauses:
        for word in clause.words:
            last = _completed(query, clause, word, typing)
            expansions[word] = source.expand(word, last=last, fuzzy=True, near_words=near_words)
    for word in query.exclusions:
        expansions[word] = source.expand(word, last=False, fuzzy=False)
    return expansions
