"""The seam between the ranking engine and the index that finds candidate records.

The engine parses the query and ranks; a :class:`CandidateSource` knows one backend's index.
SQLite answers with FTS5 (:class:`store.search.sqlite_source.SqliteCandidateSource`);
PostgreSQL could answer the same three questions with ``pg_trgm`` and ``tsvector``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from store.records import RecordKind
from store.search.query import Query, TextScope, WordTerm

NEAR_WORDS = 8
"""Stored words kept per query word (closest first, then most frequent)."""
MIN_COMPLETION = 2
"""Letters a word being typed needs before it is completed: one letter would stand for every
word that starts with it."""


@dataclass(frozen=True, slots=True)
class Expansion:
    """What one query word may match in the store.

    ``forms`` are the stored words it stands for (itself, words within a typo or two, and
    completions), most likely first, so the ranker can find them in a long text. ``found``
    is False when the store has no such word at all, so no record can match it.
    ``native`` is the backend's own expression for the index, opaque to the engine.
    ``broader`` (empty if none) is a wider expression that also takes rarer completions than
    those listed: a prefix query that costs far more than ``native`` on a common prefix
    (FTS5 merges the postings of every word with that prefix), so the engine asks for it (as
    the ``native`` of a copy) only when ``native`` alone finds too few records to rank.
    ``unlisted`` says the word has rarer completions that neither expression asks for (a
    prefix so common that asking the index for all of its words costs too much). ``cut``
    says typo neighbours beyond the ``near_words`` asked for were left out.
    """

    forms: tuple[str, ...]
    found: bool
    native: str
    broader: str = ""
    unlisted: bool = False
    cut: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """A candidate record's searchable text, field by field (the first is its headline)."""

    kind: RecordKind
    id: int
    article_id: int
    fields: tuple[tuple[str, str], ...]

    @property
    def headline(self) -> str:
        return self.fields[0][1]


class CandidateSource(Protocol):
    """Finds records that may match; the engine decides how well they do."""

    def expand(
        self, term: WordTerm, *, last: bool, fuzzy: bool, near_words: int = NEAR_WORDS
    ) -> Expansion:
        """The stored words ``term`` may stand for; ``last`` allows completing a partial word;
        at most ``near_words`` typo neighbours (the engine widens it when the words' closest
        neighbours found nothing together)."""
        ...

    def narrow(self, expansion: Expansion, forms: Sequence[str]) -> Expansion:
        """The same word standing only for ``forms`` (a subset of its forms; no rarer
        completions)."""
        ...

    def candidates(
        self, query: Query, expansions: Mapping[WordTerm, Expansion], kind: RecordKind, limit: int
    ) -> list[int]:
        """Ids of up to ``limit`` records of ``kind`` that satisfy the query, newest first."""
        ...

    def documents(self, kind: RecordKind, ids: Sequence[int]) -> list[Document]:
        """The searchable text of those records (unknown ids are left out)."""
        ...

    def has_records(self) -> bool:
        """Whether the store holds any record at all (an empty store is said so, not "no
        match")."""
        ...

    def reading(self) -> AbstractContextManager[None]:
        """One consistent view of the store for the calls made inside it."""
        ...

    def close(self) -> None: ...


OWN = "own"
"""Where a scoped word is looked for: in the record's own text (:data:`OWN`) or in its
article's (:data:`ARTICLE_LEVEL`: a claim's or a comment's site and tags)."""
ARTICLE_LEVEL = "article"

Targets = Mapping[TextScope | None, tuple[str, str]]
"""Per scope (None: anywhere), where it is looked for and the backend's own column filter."""


@dataclass(frozen=True, slots=True)
class MatchTerms:
    """A query's words for one kind, each in the backend's own index syntax: per clause the
    alternatives joined (``own``, ``on_article``), and the excluded words one by one."""

    own: list[str]
    own_not: list[str]
    on_article: list[str]
    article_not: list[str]


def match_terms(
    query: Query,
    expansions: Mapping[WordTerm, Expansion],
    kind: RecordKind,
    targets: Targets,
    own_text: str,
    term: Callable[[str, str], str],
    either: str,
) -> MatchTerms | None:
    """What records of ``kind`` must match, or None when none can (a kind the query leaves
    out, a clause no word of which this kind can hold).

    ``term(native, column)`` writes one word's expression in the backend's syntax, ``either``
    joins a clause's alternatives; an excluded word without a scope is looked for in
    ``own_text`` (a claim's or comment's own fields: the article's title is context there).
    The SQLite and PostgreSQL sources differ only in those three.
    """
    if query.kinds is not None and kind not in query.kinds:
        return None
    if kind != "claim" and query.claim_only:
        return None
    own: list[str] = []
    on_article: list[str] = []
    for clause in query.clauses:
        own_alts: list[str] = []
        article_alts: list[str] = []
        for word in clause.words:
            expansion = expansions.get(word)
            target = targets.get(word.scope)
            if expansion is None or not expansion.found or target is None:
                continue
            where, column = target
            (own_alts if where == OWN else article_alts).append(term(expansion.native, column))
        if not own_alts and not article_alts:
            return None  # nothing of this kind can satisfy the clause
        if own_alts:
            own.append(either.join(own_alts))
        if article_alts:
            on_article.append(either.join(article_alts))
    own_not: list[str] = []
    article_not: list[str] = []
    for word in query.exclusions:
        expansion = expansions.get(word)
        target = targets.get(word.scope)
        if expansion is None or target is None or not expansion.native:
            continue
        where, column = target
        if where == OWN and not column:
            column = own_text
        (own_not if where == OWN else article_not).append(term(expansion.native, column))
    return MatchTerms(own, own_not, on_article, article_not)
