"""What the user marked: small ``(kind, id)`` references, in the order they were marked.

Marks are references, not records, so they survive view switches, re-sorting and (later) new
searches, and a list of a million rows can be marked without holding a million records. The
order of marking is kept because an export lists the records in that order.

Marking every row of a list still costs a reference per row (about 100 bytes each), which is
why the screens ask before marking more than :data:`CONFIRM_ABOVE` rows at once.

Big changes never hold the UI thread: the marks of a whole list, or of a saved selection, are
made into a :class:`Prepared` set in a worker thread (:func:`prepare`), and the UI thread
adopts it at once when nothing is marked, else merges it :data:`MERGE_STEP` marks at a time
between key presses (:meth:`Marks.merge_step`). Counts per kind are kept as marks change, so
the status line and the export dialog never count half a million marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from store.records import KINDS, RecordKind
from store.wording import counted, describe

__all__ = ["CONFIRM_ABOVE", "Mark", "Marks", "Prepared", "counted", "describe", "prepare"]

Mark = tuple[RecordKind, int]

CONFIRM_ABOVE = 10_000
"""Marking more rows than this at once (select all, invert) asks first."""
MERGE_STEP = 20_000
"""Marks merged per step on the UI thread (≈3 ms each), so keys are answered in between."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """Marks made ready off the UI thread: the ordered set and its count per kind."""

    marks: dict[Mark, None]
    counts: dict[RecordKind, int]


def prepare(marks: Iterable[Mark]) -> Prepared:
    """Build the set for many marks (in a worker thread: it costs ≈1 µs a mark)."""
    ordered = dict.fromkeys(marks)
    counts: dict[RecordKind, int] = dict.fromkeys(KINDS, 0)
    for kind, _ in ordered:
        counts[kind] += 1
    return Prepared(ordered, counts)


class Marks:
    """An ordered set of marks: ``in``, ``len`` and iteration work as on a set.

    ``on_change`` runs after every change (the app publishes its ``marks_changed`` signal
    there), so no screen has to remember to tell the others.
    """

    def __init__(
        self, marks: Iterable[Mark] = (), on_change: Callable[[], object] | None = None
    ) -> None:
        self._marks: dict[Mark, None] = dict.fromkeys(marks)
        self._counts: dict[RecordKind, int] = dict.fromkeys(KINDS, 0)
        for kind, _ in self._marks:
            self._counts[kind] += 1
        self._on_change = on_change

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()

    def __contains__(self, mark: object) -> bool:
        return mark in self._marks

    def __len__(self) -> int:
        return len(self._marks)

    def __iter__(self) -> Iterator[Mark]:
        return iter(self._marks)

    def toggle(self, mark: Mark) -> bool:
        """Mark or unmark; True when ``mark`` is now marked."""
        marked = mark not in self._marks
        if marked:
            self._marks[mark] = None
            self._counts[mark[0]] += 1
        else:
            del self._marks[mark]
            self._counts[mark[0]] -= 1
        self._changed()
        return marked

    def mark_all(self, kind: RecordKind, ids: Iterable[int]) -> int:
        """Mark every id of ``kind`` given (already marked ones keep their place); how many
        were new."""
        before = len(self._marks)
        self._marks.update(dict.fromkeys((kind, record_id) for record_id in ids))
        self._counts[kind] += len(self._marks) - before
        self._changed()
        return len(self._marks) - before

    def adopt(self, prepared: Prepared) -> bool:
        """Take ``prepared`` as the marks when nothing is marked (no copy: O(1)); False when
        there are marks already (merge it with :meth:`merge_step` instead)."""
        if self._marks:
            return False
        self.install(prepared)
        return True

    def install(self, prepared: Prepared) -> None:
        """Put ``prepared`` in place of every mark (a saved selection restored): O(1)."""
        self._marks = prepared.marks
        self._counts = dict(prepared.counts)
        self._changed()

    def merge_step(self, pending: Iterator[Mark]) -> bool:
        """Add the next :data:`MERGE_STEP` marks of ``pending`` after the ones there (a mark
        already made keeps its place); True while more are left."""
        chunk = list(islice(pending, MERGE_STEP))
        for mark in chunk:
            if mark not in self._marks:
                self._marks[mark] = None
                self._counts[mark[0]] += 1
        self._changed()
        return len(chunk) == MERGE_STEP

    def unmark_kind(self, kind: RecordKind) -> int:
        """Unmark every record of ``kind``; how many were unmarked."""
        before = len(self._marks)
        self._marks = {mark: None for mark in self._marks if mark[0] != kind}
        self._counts[kind] = 0
        self._changed()
        return before - len(self._marks)

    def invert(self, kind: RecordKind, ids: Iterable[int]) -> int:
        """Among ``ids`` of ``kind`` (a whole list), mark the unmarked and unmark the marked.

        Marks of other kinds stay. Returns how many of ``kind`` are marked afterwards.
        """
        marked = {record_id for mark_kind, record_id in self._marks if mark_kind == kind}
        flipped = [record_id for record_id in ids if record_id not in marked]
        self._marks = {mark: None for mark in self._marks if mark[0] != kind}
        self._marks.update(dict.fromkeys((kind, record_id) for record_id in flipped))
        self._counts[kind] = len(flipped)
        self._changed()
        return len(flipped)

    def replace(self, marks: Iterable[Mark]) -> None:
        """Put ``marks`` (in their order, a repeated one kept at its first place) in place of
        every mark: a saved selection restored."""
        ready = prepare(marks)
        self._marks = ready.marks
        self._counts = ready.counts
        self._changed()

    def clear(self) -> None:
        self._marks.clear()
        self._counts = dict.fromkeys(KINDS, 0)
        self._changed()

    def count(self, kind: RecordKind) -> int:
        return self._counts[kind]

    def counts(self) -> dict[RecordKind, int]:
        return dict(self._counts)
