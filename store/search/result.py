"""What a search answers: its hits, and what an empty list means, decided by the engine alone.

An empty list of hits can mean different things to a person typing, and only the engine knows
which: it parsed the query, expanded its words and read the store. The command line and the
app show the :class:`SearchState` they are given and never guess (the app used to parse the
query again and ask the store whether it was empty, and so answered a lone ``q`` with "No
matches for 'q'" where the engine had left that unfinished letter out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from store.search.hits import SearchHit


class SearchState(StrEnum):
    """Why a search's list of hits is what it is."""

    HITS = "hits"
    """At least one hit."""
    NO_MATCH = "no_match"
    """The query was searched and nothing in the store matches it."""
    NOTHING_YET = "nothing_yet"
    """The query has nothing to look up so far: a lone ``!``, a figure filter without its
    figure (``qty:>``), the first letter of a word that no stored word is (``q``)."""
    EMPTY_STORE = "empty_store"
    """There is nothing in the store (or no store file) to find."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits for a query, best first, and how the engine read the query.

    ``dropped`` are the words the store has no match for at all (no such word, none within a
    typo or two): the query was answered without them rather than with nothing, and
    :attr:`notice` says so.
    """

    hits: Sequence[SearchHit]
    state: SearchState
    dropped: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, hits: Sequence[SearchHit], dropped: tuple[str, ...] = ()) -> SearchResult:
        """Hits that were searched for: HITS, or NO_MATCH when there are none."""
        return cls(hits, SearchState.HITS if hits else SearchState.NO_MATCH, dropped)

    @property
    def notice(self) -> str:
        """One line about the words left out ("no match for 'xyzzy'; results without it"),
        or "" when none was."""
        if not self.dropped:
            return ""
        words = ", ".join(f"'{word}'" for word in self.dropped)
        if self.state is not SearchState.HITS:
            return f"no match for {words}"
        return f"no match for {words}; results without {'it' if len(self.dropped) == 1 else 'them'}"
