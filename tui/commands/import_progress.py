"""A progress bar for ``claimdesk import``: files done of all, documents so far, files per second.

It is drawn on stderr only when stderr is a terminal, and only once an import has run for a
moment, so short imports, pipes and logs see nothing but the result lines. While it is drawn,
lines meant for the same terminal go through Rich's live display (above the bar), never
straight to the stream, which would tear the bar.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

SHOW_AFTER_SECONDS = 0.5


class _FilesPerSecond(ProgressColumn):
    """The rate, in files per second (Rich's own speed columns count bytes)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} files/s" if speed else "", style="progress.data.speed")


class ImportProgress:
    """Counts files and documents; shows them on ``err`` if it is a terminal and time passes."""

    def __init__(self, err: TextIO, show_after: float = SHOW_AFTER_SECONDS) -> None:
        self._err = err
        self._show_after = show_after
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self.documents = 0

    def __enter__(self) -> ImportProgress:
        self._started = time.monotonic()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    @property
    def showing(self) -> bool:
        return self._progress is not None

    def document_done(self) -> None:
        self.documents += 1

    def files_done(self, done: int, total: int) -> None:
        """Called after each file; draws the bar once the import has taken a moment."""
        if self._progress is None:
            if not _is_terminal(self._err) or time.monotonic() - self._started < self._show_after:
                return
            self._progress = Progress(
                TextColumn("importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files · {task.fields[documents]:,} documents ·"),
                _FilesPerSecond(),
                TimeElapsedColumn(),
                console=Console(file=self._err),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task("import", total=total, documents=0)
            self._progress.start()
        assert self._task is not None
        self._progress.update(self._task, completed=done, total=total, documents=self.documents)

    def print(self, line: str, stream: TextIO) -> None:
        """Print one line of output to ``stream``, above the bar when both share the terminal."""
        if self._progress is not None and _is_terminal(stream):
            self._progress.console.print(Text(line), soft_wrap=True, highlight=False)
        else:
            print(line, file=stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False
