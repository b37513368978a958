"""A progress bar for ``claimdesk refresh`` and ``import URL``: feeds done of all, new articles.

Drawn on stderr only when it is a terminal and the run has taken a moment, like the file
import's bar (:mod:`tui.commands.import_progress`), whose habits it follows: lines meant for the
same terminal are printed above the bar, never through it.
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
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from tui.commands.import_progress import SHOW_AFTER_SECONDS


class RefreshProgress:
    """Counts feeds (or URLs); shows them on ``err`` if it is a terminal and time passes."""

    def __init__(
        self, err: TextIO, unit: str = "feeds", show_after: float = SHOW_AFTER_SECONDS
    ) -> None:
        self._err = err
        self._unit = unit
        self._show_after = show_after
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> RefreshProgress:
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

    def feeds_done(self, done: int, total: int, new: int) -> None:
        if self._progress is None:
            if not _is_terminal(self._err) or time.monotonic() - self._started < self._show_after:
                return
            self._progress = Progress(
                TextColumn("fetching"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(f"{self._unit} · {{task.fields[new]:,}} new"),
                TimeElapsedColumn(),
                console=Console(file=self._err),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task("refresh", total=total, new=0)
            self._progress.start()
        assert self._task is not None
        self._progress.update(self._task, completed=done, total=total, new=new)

    def print(self, line: str, stream: TextIO) -> None:
        if self._progress is not None and _is_terminal(stream):
            self._progress.console.print(Text(line), soft_wrap=True, highlight=False)
        else:
            print(line, file=stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
