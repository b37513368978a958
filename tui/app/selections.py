"""Marks that outlive the app: the current selection saved in the store, and named ones.

The marks are saved as the selection ``""`` (:mod:`store.desk_state`) two seconds after they
last changed, by a thread worker, and once more, synchronously, when the app quits, so quitting
never loses them however many there are. The next start restores them before anything else
can be marked over them (a mark made while they load is kept after them).

``S`` saves the marks under a name, ``M`` lists the saved selections and puts the one picked
in place of the marks (the current marks are still the "last session" selection until the
next save, so a pick is never a loss of more than what the user chose to replace).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from store.safe_text import one_line
from tui.app.marks import Mark, Prepared, counted, prepare
from tui.app.modals.picker import PickerModal
from tui.app.modals.prompt import LinePrompt

if TYPE_CHECKING:
    from store.desk_state import LoadedSelection, SelectionInfo
    from store.store import Store
    from tui.app import ClaimdeskApp

AUTOSAVE_SECONDS = 2.0


class MarksKeeper:
    """Saves and restores the app's marks; every method but the workers on the UI thread."""

    def __init__(self, app: ClaimdeskApp, store: Callable[[], Store]) -> None:
        self._app = app
        self._store = store
        self._lock = threading.Lock()
        self.version = 0
        """Bumped by every change of the marks (the app's ``on_change``)."""
        self._written = 0
        """The version the store holds (written under ``_lock``)."""
        self._saving = False
        self.restored = False
        """The last session's marks are in: only then may saving replace them."""

    def start(self) -> None:
        self._app.run_worker(self._restore, thread=True, group="marks-restore", exit_on_error=False)
        self._app.set_interval(AUTOSAVE_SECONDS, self._tick, name="marks-autosave")

    def changed(self) -> None:
        self.version += 1

    # -- the current selection ---------------------------------------------------------------

    def _restore(self) -> None:
        from store.desk_state import CURRENT, load_selection

        try:
            loaded = load_selection(self._store(), CURRENT)
        except Exception as error:  # the store's own failure is reported by the app
            self._call(self._restored, None, None, str(error))
            return
        ready = prepare(loaded.marks) if loaded is not None else None
        self._call(self._restored, loaded, ready, "")

    def _restored(
        self, loaded: LoadedSelection | None, ready: Prepared | None, problem: str
    ) -> None:
        marks = self._app.marks
        if problem:
            return  # never saved over: the stored marks may still be there next time
        self.restored = True
        if loaded is None or ready is None or not loaded.marks:
            self._written = self.version if not marks else 0
            return
        if marks.adopt(ready):  # nothing marked meanwhile: the usual case, O(1)
            self._written = self.version
        else:
            self._merge(iter(ready.marks))
        self._app.say(
            f"Restored {counted(len(loaded.marks), 'mark')} from the last session"
            + (f" ({loaded.gone:,} no longer in the store)" if loaded.gone else ""),
        )

    def _merge(self, pending: Iterator[Mark]) -> None:
        if self._app.marks.merge_step(pending):
            self._app.call_later(self._merge, pending)

    def _tick(self) -> None:
        if not self.restored or self._saving or self.version == self._written:
            return
        self._saving = True
        marks, version = list(self._app.marks), self.version  # together, on the UI thread
        self._app.run_worker(
            lambda: self._save(marks, version),
            thread=True,
            group="marks-save",
            exit_on_error=False,
        )

    def _save(self, marks: list[Mark], version: int) -> None:
        """In a worker: write ``marks`` unless a newer version was written meanwhile."""
        from store.desk_state import CURRENT, save_selection

        problem = ""
        try:
            with self._lock:
                if version > self._written:
                    save_selection(self._store(), CURRENT, marks)
                    self._written = version
            self._app.live.absorb()
        except Exception as error:  # shown once; the next change tries again
            problem = str(error)
        self._call(self._saved, problem)

    def _saved(self, problem: str) -> None:
        self._saving = False
        if problem:
            self._app.say(one_line(f"Marks not saved: {problem}", 200), error=True)

    def save_now(self) -> None:
        """At quit (UI thread, blocking): write the marks if the store lacks their last change."""
        if not self.restored:
            return
        from store.desk_state import CURRENT, save_selection

        with self._lock:
            if self.version == self._written:
                return
            try:
                save_selection(self._store(), CURRENT, list(self._app.marks))
            except Exception:  # the app is closing: nothing more can be done here
                return
            self._written = self.version

    def _call(self, callback: Callable[..., object], *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the app is closing: nothing left to tell
            self._app.call_from_thread(callback, *args)

    # -- named selections --------------------------------------------------------------------

    def save_as(self) -> None:
        """``S``: ask for a name and save the marks under it."""
        marks = list(self._app.marks)
        if not marks:
            self._app.say("Nothing is marked: mark rows with space, then S saves them")
            return

        def save(name: str | None) -> None:
            if name:
                self._app.run_worker(
                    lambda: self._save_named(name.strip(), marks),
                    thread=True,
                    group="selection-save",
                    exit_on_error=False,
                )

        self._app.push_screen(
            LinePrompt(
                f"Save the {counted(len(marks), 'mark')} as (a name; the same name replaces):",
                check=lambda text: None if text.strip() else "Type a name for the selection",
                hint="enter saves · escape cancels · M restores a saved selection",
            ),
            save,
        )

    def _save_named(self, name: str, marks: list[Mark]) -> None:
        from store.desk_state import save_selection

        try:
            saved = save_selection(self._store(), name, marks)
            self._app.live.absorb()
        except Exception as error:
            self._notify(f"Selection not saved: {error}", error=True)
            return
        self._notify(f"Saved {counted(saved, 'mark')} as “{name}” (M restores it)")

    def pick(self) -> None:
        """``M``: list the saved selections; the one picked replaces the marks."""
        self._app.run_worker(self._list, thread=True, group="selection-list", exit_on_error=False)

    def _list(self) -> None:
        from store.desk_state import list_selections

        try:
            found = list_selections(self._store())
        except Exception as error:
            self._notify(f"Cannot read the selections: {error}", error=True)
            return
        self._call(self._show_picker, found)

    def _show_picker(self, found: list[SelectionInfo]) -> None:
        if not found:
            self._app.say("No saved selections yet: S saves the marks under a name")
            return

        def restore(name: str | None) -> None:
            if name is not None:
                self._app.run_worker(
                    lambda: self._load_named(name),
                    thread=True,
                    group="selection-load",
                    exit_on_error=False,
                )

        choices = [
            (
                f"{one_line(info.name, 40)}  ·  {counted(info.size, 'mark')}  ·  "
                f"{info.saved_at:%Y-%m-%d %H:%M} UTC",
                info.name,
            )
            for info in found
        ]
        self._app.push_screen(
            PickerModal(
                "Restore a saved selection (it replaces the marks)",
                choices,
                help="enter restores · escape closes",
            ),
            restore,
        )

    def _load_named(self, name: str) -> None:
        from store.desk_state import load_selection

        try:
            loaded = load_selection(self._store(), name)
        except Exception as error:
            self._notify(f"Cannot restore “{name}”: {error}", error=True)
            return
        ready = prepare(loaded.marks) if loaded is not None else None
        self._call(self._apply_named, name, loaded, ready)

    def _apply_named(
        self, name: str, loaded: LoadedSelection | None, ready: Prepared | None
    ) -> None:
        if loaded is None or ready is None:
            self._app.say(f"No selection named “{one_line(name, 40)}” any more")
            return
        replaced = len(self._app.marks)
        self._app.marks.install(ready)
        gone = f", {loaded.gone:,} no longer in the store" if loaded.gone else ""
        instead = f", replacing {replaced:,}" if replaced else ""
        self._app.say(
            f"Restored “{one_line(name, 40)}”: {counted(len(loaded.marks), 'mark')}{instead}{gone}",
        )

    def _notify(self, text: str, error: bool = False) -> None:
        def show() -> None:
            self._app.say(one_line(text, 200), error=error)

        self._call(show)
