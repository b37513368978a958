"""What a refresh (or an import of URLs) reports: one :class:`FeedResult` per feed, counts.

Kept apart from :mod:`store.fetch.refresh` so that :mod:`store.fetch.unchanged`, the refresh of
feeds with nothing new, can report the same results without importing the store (SQLAlchemy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store.fetch.client import FetchError

if TYPE_CHECKING:
    from store.store import AddOutcome


@dataclass(slots=True)
class FeedResult:
    """What one feed (or one imported URL) came to, for its one line of output."""

    url: str
    ok: bool = True
    reason: str = ""
    """Why it failed, in one line (``404 Not Found``)."""
    not_modified: bool = False
    outcomes: list[AddOutcome] = field(default_factory=list)
    pages: int = 0
    """Linked pages fetched for summaries (``full_pages``)."""
    page_failures: int = 0
    title: str | None = None

    @property
    def new(self) -> int:
        return sum(1 for o in self.outcomes if o.created)

    @property
    def refused(self) -> int:
        return sum(1 for o in self.outcomes if o.error is not None)

    @property
    def status(self) -> str:
        """``new 3``, ``unchanged`` (304), ``nothing new`` (sent again, every entry known) or
        ``failed: 404 Not Found``: what ``refresh`` prints and ``feeds list`` shows."""
        if not self.ok:
            return f"failed: {self.reason}"
        if self.not_modified:
            return "unchanged"
        return f"new {self.new}" if self.new else "nothing new"


@dataclass(slots=True)
class RefreshReport:
    results: list[FeedResult] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if not r.ok)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def ok(self) -> bool:
        return self.failed == 0


@dataclass(frozen=True, slots=True)
class RefreshCounts:
    """How far a refresh is, for a progress line ("12/50 feeds, 340/1000 pages, 2 failed")."""

    feeds_done: int
    feeds: int
    new: int
    """New articles stored so far (they are in the store already)."""
    pages_done: int = 0
    pages: int = 0
    """Linked pages to fetch (``full_pages``) known so far: it grows as feeds are parsed."""
    failed: int = 0
    """Feeds that failed, plus linked pages that failed (their entries keep the summary)."""


Listener = Callable[[FeedResult], None]
Progress = Callable[[RefreshCounts], None]
"""Told the :class:`RefreshCounts` whenever a feed or a linked page is done, or entries are
stored."""


def reason_of(error: Exception) -> str:
    """One line for a failed fetch: the fetcher's own words, or the error's type and text."""
    return str(error) if isinstance(error, FetchError) else f"{type(error).__name__}: {error}"
