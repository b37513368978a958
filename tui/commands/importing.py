"""``claimdesk import``: one line per document, warnings, a summary and a progress bar."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from store.safe_text import one_line
from tui.commands.common import open_store

if TYPE_CHECKING:
    from store.store import AddOutcome


def import_command(db: str | None, paths: Sequence[str], quiet: bool = False,
                   out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Import files and folders; one line per document, a summary; exit 1 if any failed.

    A progress bar (files done of all, documents, rate) shows on stderr during a long import
    when stderr is a terminal; see :mod:`tui.commands.import_progress`.
    """
    from store.importer import FileFailure, import_paths
    from tui.commands.import_progress import ImportProgress

    # Looked up per call, not bound at import, so a caller's (or a test's) redirection counts.
    out = out or sys.stdout
    err = err or sys.stderr

    def show(event: AddOutcome | FileFailure) -> None:
        if isinstance(event, FileFailure):
            if not event.skipped:
                bar.print(f"failed   {one_line(str(event.path))}: {one_line(event.reason)}", err)
            return
        bar.document_done()
        if event.error is not None:
            bar.print(f"failed   {one_line(event.source)}: {one_line(event.error)}", err)
            return
        if not quiet:
            what = "added   " if event.created else "already "
            detail = (f" ({_count(event.comments, 'comment')}, {_count(event.claims, 'claim')})"
                      if event.created
                      else f" (in the store as article {event.article_id})")
            bar.print(f"{what} {one_line(event.source)}: {one_line(event.title, 60)}{detail}",
                      out)
        for warning in event.warnings:
            bar.print(f"warning  {one_line(event.source)}: {one_line(warning)}", err)

    started = time.perf_counter()
    with open_store(db) as store, ImportProgress(err) as bar:
        report = import_paths(store, [Path(p) for p in paths], listener=show,
                              progress=bar.files_done)
    seconds = time.perf_counter() - started
    summary = (f"{report.files} files: {report.added} added, {report.unchanged} already in the "
               f"store, {report.failed} failed")
    if report.skipped:
        summary += f", {report.skipped} passed over (not documents)"
    print(f"{summary} ({seconds:.2f} s)", file=out)
    return 0 if report.ok else 1


def _count(number: int, noun: str) -> str:
    """"1 claim", "6 claims"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
