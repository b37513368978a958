"""The refresh progress bar: feeds done of all and new articles on a terminal, else silence."""

from __future__ import annotations

import io

from store.fetch.refresh import RefreshCounts
from tui.commands.refresh_progress import RefreshProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_feeds_done_and_new_articles() -> None:
    err = _Terminal()
    with RefreshProgress(err, show_after=0) as bar:
        bar.feeds_done(1, 50, 3)
        bar.feeds_done(7, 50, 12)
        bar.print("new      http://x.example/feed: new 3", err)
    drawn = err.getvalue()
    assert "7/50" in drawn and "feeds · 12 new" in drawn
    assert "new      http://x.example/feed: new 3" in drawn


def test_a_full_page_refresh_shows_its_pages_and_failures() -> None:
    err = _Terminal()
    with RefreshProgress(err, show_after=0) as bar:
        bar.counts(RefreshCounts(12, 50, 30, pages_done=340, pages=1000, failed=2))
    drawn = err.getvalue()
    assert "12/50" in drawn and "feeds · 340/1,000 pages · 2 failed · 30 new" in drawn


def test_a_pipe_gets_only_the_lines() -> None:
    err = io.StringIO()
    with RefreshProgress(err, show_after=0) as bar:
        bar.feeds_done(1, 2, 0)
        bar.print("failed   http://x.example/feed: 404 Not Found", err)
    assert err.getvalue() == "failed   http://x.example/feed: 404 Not Found\n"
