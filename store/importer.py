"""The import pipeline: paths -> files -> drafts -> claims -> the store.

Files are read and parsed one at a time; a file that fails is reported and skipped, and what it
would have written never reaches the store. Drafts are written in batches (one transaction
each, one savepoint per document on the slow path, see :meth:`Store.add_documents`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from store.claims import extract_claims
from store.ingest.errors import ImportFailure
from store.ingest.formats import KNOWN_EXTENSIONS, detect_format
from store.ingest.reading import read_document
from store.records import DocumentDraft
from store.store import AddOutcome, Store

BATCH_DOCUMENTS = 500


@dataclass(frozen=True, slots=True)
class FileFailure:
    """A file (or folder) that could not be imported, and why, in one line."""

    path: Path
    reason: str
    skipped: bool = False
    """True for a file met in a folder walk that is no document at all (not a failure)."""

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(slots=True)
class ImportReport:
    """Everything an import did, for the command line and the app's notification."""

    outcomes: list[AddOutcome] = field(default_factory=list)
    failures: list[FileFailure] = field(default_factory=list)
    files: int = 0

    @property
    def skipped(self) -> int:
        return sum(1 for f in self.failures if f.skipped)

    @property
    def added(self) -> int:
        return sum(1 for o in self.outcomes if o.created)

    @property
    def unchanged(self) -> int:
        return sum(1 for o in self.outcomes if not o.created and o.error is None)

    @property
    def failed(self) -> int:
        refused = sum(1 for o in self.outcomes if o.error is not None)
        return sum(1 for f in self.failures if not f.skipped) + refused

    @property
    def ok(self) -> bool:
        return self.failed == 0


Event = AddOutcome | FileFailure
Listener = Callable[[Event], None]


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A file to import; ``named`` when the user named it rather than its folder."""

    path: Path
    named: bool


def iter_files(paths: Iterable[Path]) -> Iterator[FoundFile | FileFailure]:
    """Files named and files inside folders (recursively, sorted, hidden ones skipped)."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield FoundFile(path, named=True)
        else:
            yield FileFailure(path, "no such file or folder")


def _walk(folder: Path) -> Iterator[FoundFile | FileFailure]:
    failures: list[FileFailure] = []

    def on_error(error: OSError) -> None:
        failures.append(FileFailure(Path(error.filename or folder), "cannot read folder: "
                                    f"{error.strerror or error}"))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield FoundFile(Path(root) / name, named=False)
    yield from failures


def load_file(path: Path) -> list[DocumentDraft]:
    """Read, detect and parse one file into drafts with their claims extracted."""
    document = read_document(path)
    fmt = detect_format(path, document.text)
    drafts = fmt.parse(document.text, str(path))
    for draft in drafts:
        draft.warnings[:0] = document.warnings
        if draft.claims is None:
            draft.claims = extract_claims(draft)
    return drafts


def import_paths(store: Store, paths: Iterable[Path],
                 listener: Listener | None = None) -> ImportReport:
    """Import every document under ``paths`` into ``store``; never raises for bad input."""
    report = ImportReport()
    pending: list[DocumentDraft] = []

    def emit(event: Event) -> None:
        if listener is not None:
            listener(event)

    def flush() -> None:
        for outcome in store.add_documents(pending):
            report.outcomes.append(outcome)
            emit(outcome)
        pending.clear()

    for item in iter_files(paths):
        if isinstance(item, FileFailure):
            report.failures.append(item)
            emit(item)
            continue
        report.files += 1
        try:
            pending.extend(load_file(item.path))
        except ImportFailure as error:
            # In a folder, a file of no document type (a README, a picture) is passed over;
            # a file the user named, or one that looks like a document, is a failure.
            skipped = not item.named and item.path.suffix.lower() not in KNOWN_EXTENSIONS
            failure = FileFailure(item.path, str(error), skipped=skipped)
            report.failures.append(failure)
            emit(failure)
            continue
        if len(pending) >= BATCH_DOCUMENTS:
            flush()
    flush()
    return report
