"""A progress bar for ``claimdesk refresh`` and ``import URL``: feeds done of all, new articles.

Drawn on stderr only when it is a terminal and the run has taken a moment, like the file
import's bar (:mod:`tui.commands.import_progress`), whose habits it follows: lines meant for the
same terminal are printed above the bar, never through it. Rich is imported only when the bar
is drawn: a refresh whose output is a pipe or a log, or that is over at once, never loads it
(≈0.06 s of a second refresh's start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from tui.commands.progress_bar import SHOW_AFTER_SECONDS, TerminalProgress

if TYPE_CHECKING:
    from rich.progress import ProgressColumn

    from store.fetch.refresh import RefreshCounts


class RefreshProgress(TerminalProgress):
    """Counts feeds (or URLs); shows them on ``err`` if it is a terminal and time passes."""

    def __init__(
        self, err: TextIO, unit: str = "feeds", show_after: float = SHOW_AFTER_SECONDS
    ) -> None:
        super().__init__(err, show_after)
        self._unit = unit

    def _columns(self) -> tuple[str | ProgressColumn, ...]:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

        return (
            TextColumn("fetching"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(f"{self._unit} · {{task.fields[pages]}}{{task.fields[new]:,}} new"),
            TimeElapsedColumn(),
        )

    def feeds_done(self, done: int, total: int, new: int, pages: str = "") -> None:
        self._update(done, total, new=new, pages=pages)

    def counts(self, counts: RefreshCounts) -> None:
        """A refresh's progress (:data:`store.fetch.refresh.Progress`): linked pages too."""
        pages = f"{counts.pages_done:,}/{counts.pages:,} pages · " if counts.pages else ""
        failed = f"{counts.failed:,} failed · " if counts.failed else ""
        self.feeds_done(counts.feeds_done, counts.feeds, counts.new, pages + failed)
