"""``i`` in the app: import files and folders without leaving it.

A prompt asks for the path (``→`` or ``end`` takes the completion offered from the folder
being typed, as a shell's tab would; ``~`` is the home folder). The import is the command
line's (:func:`store.importer.import_paths`), run in a thread worker: the status line shows
the files done of all and the documents added, and the lists take in the documents as each
batch is committed (the store's change watcher sees the commits, :mod:`tui.app.live`). The
end is one line: the command line's summary.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.suggester import Suggester

from store.safe_text import one_line
from tui.app.modals.prompt import LinePrompt
from tui.app.widgets.status_bar import show_activity

if TYPE_CHECKING:
    from store.importer import Event, ImportReport
    from store.store import Store
    from tui.app import ClaimdeskApp


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder it is in (folders end with ``/``)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


def complete_path(value: str) -> str | None:
    """``value`` completed by the first name in its folder that starts with its last part."""
    if not value:
        return None
    folder, slash, start = value.rpartition("/")
    where = (Path(folder or "/").expanduser()) if slash else Path()
    try:
        names = sorted(
            (entry.name + ("/" if entry.is_dir() else ""))
            for entry in os.scandir(where)
            if entry.name.startswith(start)
            and (start.startswith(".") or not entry.name.startswith("."))
        )
    except OSError:
        return None
    for name in names:
        if name != start:
            return value + name[len(start) :]
    return None


def path_problem(text: str) -> str | None:
    """Why ``text`` names nothing to import (one sentence), or None."""
    if not text.strip():
        return "Type the path of a file or folder to import"
    path = Path(text.strip()).expanduser()
    if not path.exists():
        return f"No such file or folder: {one_line(str(path), 120)}"
    return None


class ImportJob:
    """One import at a time for an app; ``start`` on the UI thread."""

    def __init__(self, app: ClaimdeskApp, store: Callable[[], Store]) -> None:
        self._app = app
        self._store = store
        self.running = False

    def start(self) -> None:
        """``i``: ask for a path, then import it."""
        if self.running:
            self._app.say("An import is already running (see the status line)")
            return

        def go(text: str | None) -> None:
            if text:
                self.run(Path(text.strip()).expanduser())

        self._app.push_screen(
            LinePrompt(
                "Import a file or folder (folders are read recursively):",
                check=path_problem,
                suggester=PathSuggester(),
                hint="→ takes the completion · enter imports · escape cancels",
                placeholder="~/Downloads/page.html",
            ),
            go,
        )

    def run(self, path: Path, *, first_run: bool = False) -> None:
        """Import ``path`` in a thread worker, the status line showing how far it got.

        ``first_run``: the sample data for a new user's empty default store, imported only
        if the store is still empty, and said as such (the same progress and lists as ``i``,
        so the first screen says it is importing rather than that there is nothing here).
        """
        self.running = True
        self._show(f"Importing {one_line(path.name, 40)}…")
        self._app.run_worker(
            lambda: self._import(path, first_run),
            thread=True,
            group="import",
            exit_on_error=False,
        )

    # -- the worker --------------------------------------------------------------------------

    def _import(self, path: Path, first_run: bool) -> None:
        from store.importer import import_paths
        from store.store import AddOutcome

        added = [0]

        def listener(event: Event) -> None:
            if isinstance(event, AddOutcome) and event.created:
                added[0] += 1

        def progress(done: int, total: int) -> None:
            self._call(self._show, f"Importing {done}/{total} files · {added[0]:,} added")

        try:
            if first_run and not self._store().is_empty():
                self._call(self._done, None, "", path)
                return
            report = import_paths(self._store(), [path], listener=listener, progress=progress)
            if first_run and report.stopped is not None:  # the store refused to write
                raise RuntimeError(report.stopped)
        except Exception as error:  # anything the store raises: one line, the app goes on
            what = "could not import the samples" if first_run else "Import failed"
            self._call(self._done, None, f"{what}: {error}")
            return
        self._call(self._done, report, "", path if first_run else None)

    def _call(self, callback: Callable[..., object], *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the app is closing: nothing left to tell
            self._app.call_from_thread(callback, *args)

    # -- the UI thread -----------------------------------------------------------------------

    def _show(self, activity: str) -> None:
        show_activity(self._app.screen_stack, activity)

    def _done(self, report: ImportReport | None, problem: str, samples: Path | None = None) -> None:
        """The end of an import: one line. ``samples``: the first run's folder (nothing is
        said when the store had filled meanwhile, ``report`` and ``problem`` both empty)."""
        self.running = False
        self._show("")
        self._app.store_changed.publish(None)
        if report is None:
            if problem:
                self._app.say(one_line(problem, 200), error=True)
            return
        from tui.commands.importing import summary

        if samples is not None:
            if report.added:
                what = "sample document" if report.added == 1 else "sample documents"
                self._app.say(f"First run: imported {report.added} {what} from", str(samples))
            else:  # a folder of samples with nothing to import: say what was found there
                self._app.say(
                    f"First run: no sample documents imported ({summary(report)}) from",
                    str(samples),
                    error=True,
                )
            return

        line = summary(report)
        if report.stopped is not None:
            line += f" ({one_line(report.stopped, 120)})"
        self._app.say(f"Imported: {line}", error=not report.ok)
