"""``claimdesk import``: one line per document, warnings, a summary and a progress bar."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import urlsplit

from store.safe_text import one_line
from tui.commands.common import open_store

if TYPE_CHECKING:
    from store.importer import ImportReport
    from store.store import AddOutcome

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
"""An argument that starts like a URL: ``Path()`` would fold its ``//`` into ``/``."""


def url_import_refusal() -> str:
    """Why a web address of another scheme than http(s) cannot be imported, in one line.

    http and https addresses never reach here: :func:`tui.commands.feeds.import_targets`
    fetches them. ``Path()`` would fold any other URL's ``//`` into ``/`` and say "no such
    file or folder" about a name the user never typed.
    """
    return (
        "claimdesk fetches only http:// and https:// addresses; save the page and import the file"
    )


def import_command(
    db: str | None,
    paths: Sequence[str],
    quiet: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Import files and folders; one line per document, a summary; exit 1 if any failed.

    Lines name each file as the user typed it (``Path`` would print ``./a//b`` as ``a/b``) and,
    for a file of many documents such as a JSON export, the file read, not the files its
    records once came from. A progress bar (files done of all, documents, rate) shows on
    stderr during a long import when stderr is a terminal; see
    :mod:`tui.commands.import_progress`.
    """
    from store.importer import FileFailure, import_paths
    from tui.commands.import_progress import ImportProgress

    # Looked up per call, not bound at import, so a caller's (or a test's) redirection counts.
    out = out or sys.stdout
    err = err or sys.stderr
    targets: list[Path] = []
    typed: dict[Path, str] = {}  # how the user wrote each path, for the lines that name it
    refused = 0
    for argument in paths:
        if argument.lower().startswith("file://"):
            from urllib.request import url2pathname  # ≈20 ms (http.client): only when needed

            targets.append(Path(url2pathname(urlsplit(argument).path)))
        elif _URL.match(argument):
            print(f"failed   {one_line(argument)}: {url_import_refusal()}", file=err)
            refused += 1
            continue
        else:
            targets.append(Path(argument))
        typed[targets[-1]] = argument

    def named(path: Path | str) -> str:
        return one_line(typed.get(Path(path), str(path)))

    def show(event: AddOutcome | FileFailure) -> None:
        if isinstance(event, FileFailure):
            if not event.skipped:
                bar.print(f"failed   {named(event.path)}: {one_line(event.reason)}", err)
            return
        bar.document_done()
        where = named(event.file or event.source)
        if event.error is not None:
            bar.print(f"failed   {where}: {one_line(event.error)}", err)
            return
        if not quiet:
            what = "added   " if event.created else "already "
            detail = (
                f" ({_count(event.comments, 'comment')}, {_count(event.claims, 'claim')})"
                if event.created
                else f" (in the store as article {event.article_id})"
            )
            bar.print(f"{what} {where}: {one_line(event.title, 60)}{detail}", out)
        for warning in event.warnings:
            bar.print(f"warning  {where}: {one_line(warning)}", err)

    started = time.perf_counter()
    with open_store(db, creating=True) as store, ImportProgress(err) as bar:
        report = import_paths(store, targets, listener=show, progress=bar.files_done)
    seconds = time.perf_counter() - started
    if report.stopped is not None:
        # What was committed before the store refused stays: say so, and what was not done.
        print(f"stopped  {one_line(report.stopped)}", file=err)
    print(f"{summary(report, refused)} ({seconds:.2f} s)", file=out)
    return 0 if report.ok and not refused else 1


def summary(report: ImportReport, refused: int = 0) -> str:
    """ "1 file, 5 documents: 0 added, 5 already in the store, 0 failed" (``refused``: URLs
    turned away before reading, counted as failed)."""
    line = (
        f"{_count(report.files, 'file')}, {_count(len(report.outcomes), 'document')}: "
        f"{report.added} added, {report.unchanged} already in the store, "
        f"{report.failed + refused} failed"
    )
    if report.skipped:
        line += f", {report.skipped} passed over (not documents: {_names(report.passed_over)})"
    if report.stopped is not None:
        line += f"; stopped: {report.not_done} files not imported"
    return line


def _names(paths: Sequence[Path], shown: int = 8) -> str:
    """ "photo.jpg, random.bin", or the first few and how many more."""
    names = [one_line(path.name, 60) for path in paths[:shown]]
    more = len(paths) - shown
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _count(number: int, noun: str) -> str:
    """ "1 claim", "6 claims"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
