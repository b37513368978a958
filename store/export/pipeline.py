"""The one export pipeline: chosen records -> a bundle with their articles -> a format's
text -> a file written whole or not at all.

Both callers go through it: ``claimdesk export`` (:mod:`tui.commands.exporting` chooses the
records from a query, ids or a kind, then calls :func:`render_export` or :func:`write_export`)
and the app's ``e`` and ``y`` (a thread worker calls :func:`export_records` or
:func:`citations_for` with the marks, and posts the outcome). The steps are
:func:`~store.export.bundle.bundle_for`, a format of :data:`~store.export.formats.FORMATS`
and :func:`~store.export.files.write_atomic`; nothing here knows Textual, so the whole job is
tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.export.bundle import ExportBundle, ExportError, RecordRef, bundle_for, fetch_records
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
            f" (ClaimReview leaves out {left_out})" if left_out else ""
        )
    what = describe(counts)
    if counts["claim"] or counts["comment"]:
        what += f" from {counted(len(bundle.articles), 'article')}"
    return what


def render_export(bundle: ExportBundle, fmt: str) -> str:
    """The bundle as format ``fmt``'s text (a FORMATS key); ExportError when the format
    cannot hold what was chosen (ClaimReview without a claim)."""
    exporter = FORMATS[fmt]
    if exporter.claims_only and not bundle.claims:
        raise ExportError(
            f"{exporter.label} needs claims, and the "
            f"{describe(bundle.counts())} chosen include none"
        )
    return exporter.render(bundle)


def write_export(bundle: ExportBundle, fmt: str, path: Path, overwrite: bool = False) -> Path:
    """Render the bundle and write it to ``path`` atomically; return ``path``.

    Raises ExportError (see :func:`render_export`), ExportExistsError (``path`` exists and
    ``overwrite`` is false) or OSError (the disk refused); nothing is left half written.
    """
    return write_atomic(path, render_export(bundle, fmt), overwrite=overwrite)


def export_records(
    store: Store, marks: Sequence[Mark], fmt: str, path: Path, overwrite: bool = False
) -> ExportOutcome:
    """Write the records named by ``marks`` to ``path`` in format ``fmt``; never raises."""
    try:
        bundle = bundle_for(store, fetch_records(store, marks))
        write_export(bundle, fmt, path, overwrite=overwrite)
    except ExportExistsError:
        return ExportOutcome(path, exists=True)
    except ExportError as error:  # the format cannot hold the records, or one is gone
        return ExportOutcome(path, problem=f"Nothing exported: {error}")
    except Exception as error:  # a full disk, a bad folder, a store error: one line, no crash
        return ExportOutcome(path, problem=f"Not exported to {path}: {error}")
    return ExportOutcome(path, export_summary(bundle, FORMATS[fmt].claims_only))


def citations_for(store: Store, marks: Sequence[Mark]) -> Citations:
    """Markdown citations of the records named by ``marks``, one paragraph each."""
    try:
        bundle = bundle_for(store, fetch_records(store, marks))
        return Citations(citations(bundle), len(bundle.items))
    except Exception as error:  # as in export_records
        return Citations("", 0, problem=f"Nothing copied: {error}")
