"""A progress bar for ``claimdesk import``: files done of all, documents so far, files per second.

It is drawn on stderr only when stderr is a terminal, and only once an import has run for a
moment, so short imports, pipes and logs see nothing but the result lines. While it is drawn,
lines meant for the same terminal go through Rich's live display (above the bar), never
straight to the stream, which would tear the bar. Rich is imported only when the bar is drawn
(≈0.06 s of start-up that an import into a pipe or a log never needs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from tui.commands.progress_bar import SHOW_AFTER_SECONDS, TerminalProgress

if TYPE_CHECKING:
    from rich.progress import ProgressColumn


def _files_per_second() -> ProgressColumn:
    """The rate, in files per second (Rich's own speed columns count bytes)."""
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.1f} files/s" if speed else "", style="progress.data.speed")

    return FilesPerSecond()


class ImportProgress(TerminalProgress):
    """Counts files and documents; shows them on ``err`` if it is a terminal and time passes."""

    def __init__(self, err: TextIO, show_after: float = SHOW_AFTER_SECONDS) -> None:
        super().__init__(err, show_after)
        self.documents = 0

    def _columns(self) -> tuple[str | ProgressColumn, ...]:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

        return (
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[documents]:,} documents ·"),
            _files_per_second(),
            TimeElapsedColumn(),
        )

    def document_done(self) -> None:
        self.documents += 1

    def files_done(self, done: int, total: int) -> None:
        """Called after each file; draws the bar once the import has taken a moment."""
        self._update(done, total, documents=self.documents)
