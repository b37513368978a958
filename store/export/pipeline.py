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
from dataclasses import dataclass, replace
from datetime import UTC, datetime
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


def unverified_warning(bundle: ExportBundle) -> str:
    """ "2 of the 5 claims are still unverified…" for a ClaimReview, or "" when none is."""
    left = bundle.unverified()
    if not left:
        return ""
    total = len(bundle.claims)
    which = "the claim is" if total == 1 else f"{left} of the {counted(total, 'claim')} are"
    return f'{which} still unverified: their reviews say so (rating "Unverified")'


def prepared(
    bundle: ExportBundle,
    fmt: str,
    name: str | None = None,
    url: str | None = None,
    command_line: bool = False,
) -> ExportBundle:
    """The bundle with what format ``fmt`` needs besides the records: ClaimReview's reviewer
    (``config.toml``, with ``name``/``url`` from the command line first) and the time.
    ExportError (one line saying what to set, the flags too on the ``command_line``) when
    ClaimReview has no reviewer."""
    if not FORMATS[fmt].claims_only:
        return bundle
    from store.export.reviewer import ReviewerError, load_reviewer, missing_reviewer

    try:
        reviewer = load_reviewer(name=name, url=url)
    except ReviewerError as error:
        raise ExportError(str(error)) from error
    if reviewer is None:
        raise ExportError(missing_reviewer(flags=command_line))
    return replace(bundle, reviewer=reviewer, made_at=datetime.now(UTC))


def export_summary(bundle: ExportBundle, claims_only: bool = False) -> str:
    """``3 claims, 1 comment from 2 articles``: what a file holds, for the notification."""
    counts = bundle.counts()
    if claims_only:
        left_out = describe({**counts, "claim": 0})
        warning = unverified_warning(bundle)
        return (
            counted(counts["claim"], "claim")
            + (f" (ClaimReview leaves out {left_out})" if left_out else "")
            + (f"; {warning}" if warning else "")
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
        if FORMATS[fmt].claims_only and bundle.claims:
            bundle = prepared(bundle, fmt)
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
