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
    typo or two); ``apart`` the words that match records, but no record that holds the other
    words. The query was answered without them rather than with nothing, and :attr:`notice`
    says so.
    """

    hits: Sequence[SearchHit]
    state: SearchState
    dropped: tuple[str, ...] = field(default=())
    apart: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, hits: Sequence[SearchHit], dropped: tuple[str, ...] = ()) -> SearchResult:
        """Hits that were searched for: HITS, or NO_MATCH when there are none."""
        return cls(hits, SearchState.HITS if hits else SearchState.NO_MATCH, dropped)

    @property
    def notice(self) -> str:
        """One line about the words left out ("no match for 'xyzzy'; results without it",
        "no record holds 'spokesman' with the other words; results without it"), or "" when
        none was."""
        said = []
        if self.dropped:
            said.append(f"no match for {_quoted(self.dropped)}")
        if self.apart:
            said.append(f"no record holds {_quoted(self.apart)} with the other words")
        if not said or self.state is not SearchState.HITS:
            return "; ".join(said)
        left_out = len(self.dropped) + len(self.apart)
        return "; ".join([*said, f"results without {'it' if left_out == 1 else 'them'}"])


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f"'{word}'" for word in words)
