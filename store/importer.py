"""The import pipeline: paths -> files -> drafts -> claims -> the store.

Each file is read and parsed whole, or streamed when its format allows (JSON Lines); a file
that fails is reported and skipped, and what it would have written never reaches the store.
When there are many files, parsing and claim extraction (the costly part for HTML) run in a
pool of processes, one per core, while this process writes; results are taken in file order,
so the outcome of an import does not depend on which worker finished first. Drafts of whole
files are written in batches that may span files (one transaction each, one savepoint per
document on the slow path, see :meth:`Store.add_documents`); a streamed file is written in
batches inside one transaction of its own (see :func:`_write_streamed`).
"""

from __future__ import annotations

import os
import stat
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

from store.claims import extract_claims
from store.db import analyze_after_bulk_write
from store.file_names import stored_name
from store.ingest.errors import ImportFailure
from store.ingest.formats import KNOWN_EXTENSIONS, detect_format
from store.ingest.reading import os_reason, read_document, read_head
from store.ingest.urls import canonical_url
from store.records import DocumentDraft
from store.store import AddOutcome, Store, StoreError
from store.workers import worker_pool

BATCH_DOCUMENTS = 500
PARALLEL_MIN_FILES = 24
"""Fewer files are parsed in this process: starting workers costs more than it saves."""


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
        return len(self.passed_over)

    @property
    def passed_over(self) -> list[Path]:
        """Files met in a folder that are no documents (a picture, a README), in walk order."""
        return [f.path for f in self.failures if f.skipped]

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

    stopped: str | None = None
    """Why the import stopped before the end (the store refused to write), or None."""
    not_done: int = 0
    """Files not imported because the import stopped (including the one it stopped in)."""

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.stopped is None


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
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError as error:
            yield FileFailure(path, os_reason(error))
            continue
        if is_folder:
            yield from _walk(path)
        else:
            yield FoundFile(path, named=True)


def _walk(folder: Path) -> Iterator[FoundFile | FileFailure]:
    failures: list[FileFailure] = []

    def on_error(error: OSError) -> None:
        failures.append(
            FileFailure(
                Path(error.filename or folder), f"cannot read folder: {error.strerror or error}"
            )
        )

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield FoundFile(Path(root) / name, named=False)
    yield from failures


def iter_drafts(path: Path) -> Iterator[DocumentDraft]:
    """Read, detect and parse one file into drafts with canonical URLs and their claims.

    Whole-file formats are parsed before the first draft is yielded, so their ImportFailure
    comes before any draft. A streamed format yields as it reads, so its ImportFailure may come
    after many drafts: whoever stores them must be able to take them back (see
    :func:`_write_streamed`).
    """
    fmt = detect_format(path, read_head(path))
    if fmt.stream is not None:
        drafts: Iterable[DocumentDraft] = fmt.stream(path)
        warnings: list[str] = []
    else:
        document = read_document(path)
        drafts = fmt.parse(document.text, stored_name(path))
        warnings = document.warnings
    for draft in drafts:
        yield _finished(draft, warnings)
        warnings = []  # the file's warnings ("decoded as Windows-1252") once, not per entry


def load_file(path: Path) -> list[DocumentDraft]:
    """All drafts of one file (see :func:`iter_drafts`)."""
    return list(iter_drafts(path))


def _finished(draft: DocumentDraft, warnings: list[str]) -> DocumentDraft:
    draft.warnings[:0] = warnings
    draft.url = canonical_url(draft.url)
    if draft.claims is None:
        draft.claims = extract_claims(draft)
    return draft


@dataclass(frozen=True, slots=True)
class _Loaded:
    """One file's drafts, or why it failed, or None when the file must be streamed here."""

    drafts: list[DocumentDraft] | None = None
    failure: str | None = None


def _load(path: Path) -> _Loaded:
    """Load one file, in a worker process or here; never raises for a bad file."""
    try:
        if detect_format(path, read_head(path)).stream is not None:
            return _Loaded()
        return _Loaded(drafts=load_file(path))
    except ImportFailure as error:
        return _Loaded(failure=str(error))
    except Exception as error:  # a reader library choking on hostile input: one line, go on
        return _Loaded(failure=unreadable(error))


def unreadable(error: Exception) -> str:
    """The one line for a file a reader gave up on with an error of its own, in words."""
    if isinstance(error, RecursionError):
        return "could not be read: it is nested too deeply"
    if isinstance(error, MemoryError):
        return "could not be read: it needs more memory than there is"
    if isinstance(error, OverflowError):
        return "could not be read: a number or date in it is out of range"
    return "could not be read: its reader failed on something in it"


def _loaded_in_order(files: list[Path], parallel: bool) -> Generator[_Loaded]:
    """:func:`_load` for each file, in the files' order, using worker processes if asked.

    At most a few files per worker are in flight, so memory stays bounded however many files
    there are, and this process keeps writing while the workers parse.
    """
    if not parallel:
        yield from map(_load, files)
        return
    workers = os.cpu_count() or 1
    with worker_pool() as pool:
        window: deque[Future[_Loaded]] = deque()
        todo = iter(files)
        for path in todo:
            window.append(pool.submit(_load, path))
            if len(window) >= workers * 4:
                break
        try:
            while window:
                loaded = window.popleft().result()
                following = next(todo, None)
                if following is not None:
                    window.append(pool.submit(_load, following))
                yield loaded
        finally:  # stopped early (the store refused a write): parse nothing more
            pool.shutdown(wait=True, cancel_futures=True)


def _write_streamed(store: Store, path: Path) -> list[AddOutcome]:
    """Store a streamed file in batches inside one transaction: all of it, or (ImportFailure)
    none of it; the outcomes are returned only once it is committed, so no listener is ever
    told of a document that a bad line further on took back.

    So the file is read and parsed once; checking every line before writing any would cost a
    second full parse (half the time of a large JSON Lines import). The price is the store's
    write lock, held from the first batch until the commit after the last line, parsing
    included: another writer, such as the app judging a claim, waits up to the busy timeout
    (see :mod:`store.db`) and then fails with "database is locked" ("not saved" in the app),
    where batches committed one by one would have let it in between. That is what a file
    being all-or-nothing costs without a checking pass; readers are not held up (WAL). Memory
    stays bounded by one batch of drafts, plus one small outcome per document, which the
    import's report keeps anyway.
    """
    outcomes: list[AddOutcome] = []
    with store.transaction() as transaction:
        batch: list[DocumentDraft] = []
        for draft in iter_drafts(path):
            batch.append(draft)
            if len(batch) >= BATCH_DOCUMENTS:
                outcomes += transaction.add_documents(batch)
                batch = []
        outcomes += transaction.add_documents(batch)
    return outcomes


Progress = Callable[[int, int], None]
"""Told ``(files done, files in all)`` after each file."""


def import_paths(
    store: Store,
    paths: Iterable[Path],
    listener: Listener | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import every document under ``paths`` into ``store``; never raises for bad input."""
    report = ImportReport()
    pending: list[DocumentDraft] = []
    pending_files: list[Path] = []  # the file each pending draft was read from

    def emit(event: Event) -> None:
        if listener is not None:
            listener(event)

    def record(outcomes: list[AddOutcome], files: list[Path]) -> None:
        for outcome, path in zip(outcomes, files, strict=True):
            read = replace(outcome, file=str(path))
            report.outcomes.append(read)
            emit(read)

    waiting = [0]  # files whose drafts are in ``pending``, not committed yet

    def flush() -> None:
        record(store.add_documents(pending), pending_files)
        pending.clear()
        waiting[0] = 0
        pending_files.clear()

    def fail(found: FoundFile, reason: str) -> None:
        # In a folder, a file of no document type (a README, a picture) is passed over;
        # a file the user named, or one that looks like a document, is a failure.
        skipped = not found.named and found.path.suffix.lower() not in KNOWN_EXTENSIONS
        failure = FileFailure(found.path, reason, skipped=skipped)
        report.failures.append(failure)
        emit(failure)

    found_files: list[FoundFile] = []
    for item in iter_files(paths):
        if isinstance(item, FileFailure):
            report.failures.append(item)
            emit(item)
        else:
            found_files.append(item)
    total = len(found_files)
    parallel = total >= PARALLEL_MIN_FILES and (os.cpu_count() or 1) > 1
    loaded_files = _loaded_in_order([f.path for f in found_files], parallel)
    done = 0
    try:
        for found, loaded in zip(found_files, loaded_files, strict=True):
            if loaded.failure is not None:
                fail(found, loaded.failure)
            elif loaded.drafts is not None:
                pending.extend(loaded.drafts)
                pending_files.extend([found.path] * len(loaded.drafts))
                waiting[0] += 1
            else:
                flush()  # earlier files are committed on their own, whatever this one does
                try:
                    streamed = _write_streamed(store, found.path)
                    record(streamed, [found.path] * len(streamed))
                except ImportFailure as error:
                    fail(found, str(error))
                except StoreError:
                    raise
                except Exception as error:  # a bad file, never the import
                    fail(found, unreadable(error))
            if len(pending) >= BATCH_DOCUMENTS:
                flush()
            done += 1
            report.files = done
            if progress is not None:
                progress(done, total)
        flush()
    except StoreError as error:
        # The store refused a write (disk full, locked by another import): what was
        # committed before stays, the rest is not imported; the caller prints a summary.
        report.stopped = str(error)
        report.files = done - waiting[0]
        report.not_done = total - report.files
        loaded_files.close()
    if report.added:  # a large import on PostgreSQL: the planner's statistics for it
        analyze_after_bulk_write(store._get_engine(), report.added)
    return report
