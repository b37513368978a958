"""What a search answers: its hits, and the state the engine found the query in.

The engine decides the state, so the command line and the app say the same thing for the same
query, and neither parses the query again or asks the store whether it is empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from store.search.hits import SearchHit

SearchState = Literal["hits", "no_match", "nothing_yet", "empty_store"]
"""``hits``: some were found. ``no_match``: the query was searched and nothing matched.
``nothing_yet``: nothing to look for yet (a figure filter half typed, "qty:>"; a lone "!").
``empty_store``: the store holds no records (or no file) to search."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits for a query, best first, and how the engine read the query.

    ``dropped`` are the words the store has no match for at all (no such word, none within a
    typo or two): the query was answered without them rather than with nothing, and
    :attr:`notice` says so.
    """

    hits: list[SearchHit]
    state: SearchState
    dropped: tuple[str, ...] = field(default=())

    @property
    def notice(self) -> str:
        """One line about the words left out ("no match for 'xyzzy'; results without it"),
        or "" when none was."""
        if not self.dropped:
            return ""
        words = ", ".join(f"'{word}'" for word in self.dropped)
        if self.state != "hits":
            return f"no match for {words}"
        return f"no match for {words}; results without {'it' if len(self.dropped) == 1 else 'them'}"
