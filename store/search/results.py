"""What a search answers: its hits, and what an empty list means, decided by the engine alone.

An empty list of hits can mean four different things to a person typing, and only the engine
knows which: it parsed the query, expanded its words and read the store. The interface shows
the :class:`SearchState` it is given and never guesses (it used to parse the query again and
ask the store whether it was empty, and so answered a lone ``q`` with "No matches for 'q'"
where the engine had left that unfinished letter out).

(The search issue's helper may be adding the same type; this module is the engine's, small on
purpose, so that the two merge into one.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from store.search.hits import SearchHit


class SearchState(StrEnum):
    """Why a search's list of hits is what it is."""

    HITS = "hits"
    """At least one hit."""
    NO_MATCH = "no match"
    """The query was searched and nothing in the store matches it."""
    NOTHING_YET = "nothing to look for yet"
    """The query has nothing to look up so far: a lone ``!``, a figure filter without its
    figure (``qty:>``), the first letter of a word that no stored word is (``q``)."""
    EMPTY_STORE = "empty store"
    """There is nothing in the store to find."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits for a query, best first, and the state that explains them."""

    hits: Sequence[SearchHit]
    state: SearchState

    @classmethod
    def of(cls, hits: Sequence[SearchHit]) -> SearchResult:
        """Hits that were searched for: HITS, or NO_MATCH when there are none."""
        return cls(hits, SearchState.HITS if hits else SearchState.NO_MATCH)
