"""The app's export and copy jobs: plain functions over the store, run in thread workers.

No Textual here: the app's workers call these and post the outcome, so the whole job (read
the marked records, bundle them with their articles, render, write atomically) is the same
code as ``claimdesk export`` and can be tested without a terminal. Every failure becomes a
one-line ``problem``; nothing raises into the worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.export.bundle import ExportBundle, RecordRef, bundle_for, fetch_records
from store.export.citation import citations
from store.export.files import ExportExistsError, write_atomic
from store.export.formats import FORMATS
from store.wording import counted, describe

Mark = RecordRef

if TYPE_CHECKING:
    from store.store import Store


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What an export did: the file and a summary, or why not (``problem``, ``exists``)."""

    path: Path
    summary: str = ""
    problem: str = ""
    exists: bool = False
    """The file was there already and overwriting was not asked for: ask the user."""

    @property
    def ok(self) -> bool:
        return not self.problem and not self.exists


@dataclass(frozen=True, slots=True)
class Citations:
    """Text for the clipboard and how many citations it holds (or a problem)."""

    text: str
    count: int
    problem: str = ""


def export_summary(bundle: ExportBundle, claims_only: bool = False) -> str:
    """``3 claims, 1 comment from 2 articles``: what a file holds, for the notification."""
    counts = bundle.counts()
    if claims_only:
        left_out = describe({**counts, "claim": 0})
        return counted(counts["claim"], "claim") + (
            f" (ClaimReview leaves out {left_out})" if left_out else "")
    what = describe(counts)
    if counts["claim"] or counts["comment"]:
        what += f" from {counted(len(bundle.articles), 'article')}"
    return what


def export_marks(store: Store, marks: Sequence[Mark], fmt: str, path: Path,
                 overwrite: bool = False) -> ExportOutcome:
    """Write the records named by ``marks`` to ``path`` in format ``fmt`` (a FORMATS key)."""
    exporter = FORMATS[fmt]
    try:
        bundle = bundle_for(store, fetch_records(store, marks))
        if exporter.claims_only and not bundle.claims:
            return ExportOutcome(path, problem=(
                f"Nothing exported: {exporter.label} needs claims, and the "
                f"{describe(bundle.counts())} chosen include none"))
        write_atomic(path, exporter.render(bundle), overwrite=overwrite)
    except ExportExistsError:
        return ExportOutcome(path, exists=True)
    except Exception as error:  # a full disk, a bad folder, a store error: one line, no crash
        return ExportOutcome(path, problem=f"Not exported to {path}: {error}")
    return ExportOutcome(path, export_summary(bundle, exporter.claims_only))


def citations_for(store: Store, marks: Sequence[Mark]) -> Citations:
    """Markdown citations of the records named by ``marks``, one paragraph each."""
    try:
        bundle = bundle_for(store, fetch_records(store, marks))
        return Citations(citations(bundle), len(bundle.items))
    except Exception as error:  # as in export_marks
        return Citations("", 0, problem=f"Nothing copied: {error}")
