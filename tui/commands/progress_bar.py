"""What the command line's progress bars share: drawn on stderr only when it is a terminal and
the run has taken a moment, and lines for that terminal printed above the bar, never through it.

:mod:`tui.commands.import_progress` (files) and :mod:`tui.commands.refresh_progress` (feeds)
say only which columns they show and what they count.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TextIO

if TYPE_CHECKING:  # Rich is imported when a bar is drawn: `claimdesk search` needs only is_terminal
    from rich.progress import Progress, ProgressColumn, TaskID

SHOW_AFTER_SECONDS = 0.5


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal; a closed or stand-in stream is not."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalProgress:
    """A Rich bar on ``err``, started by the first :meth:`_update` once ``show_after`` passed."""

    def __init__(self, err: TextIO, show_after: float = SHOW_AFTER_SECONDS) -> None:
        self._err = err
        self._show_after = show_after
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Self:
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

    def _columns(self) -> tuple[str | ProgressColumn, ...]:
        """The bar's columns (a subclass's)."""
        raise NotImplementedError

    def _update(self, done: int, total: int, **fields: Any) -> None:
        """Move the bar to ``done`` of ``total``; draw it first if the run has taken a moment."""
        if self._progress is None:
            if not is_terminal(self._err) or time.monotonic() - self._started < self._show_after:
                return
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(
                *self._columns(),
                console=Console(file=self._err),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task("progress", total=total, **fields)
            self._progress.start()
        assert self._task is not None
        self._progress.update(self._task, completed=done, total=total, **fields)

    def print(self, line: str, stream: TextIO) -> None:
        """Print one line of output to ``stream``, above the bar when both share the terminal."""
        if self._progress is not None and is_terminal(stream):
            from rich.text import Text

            self._progress.console.print(Text(line), soft_wrap=True, highlight=False)
        else:
            print(line, file=stream)
