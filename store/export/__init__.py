"""Exports: turn what the user marked into a brief, a sheet, JSON, ClaimReview or a citation.

No Textual here: the command line and the app both build an :class:`ExportBundle` with
:func:`bundle_for`, render it with a format of :data:`FORMATS` and write it with
:func:`write_atomic`.
"""

from store.export.bundle import (
    ArticleGroup,
    ExportBundle,
    ExportError,
    RecordRef,
    bundle_for,
    fetch_records,
)
from store.export.citation import citation, citations
from store.export.files import (
    ExportExistsError,
    ExportTargetError,
    default_export_path,
    export_target,
    write_atomic,
)
from store.export.formats import FORMATS, Exporter

__all__ = [
    "FORMATS",
    "ArticleGroup",
    "ExportBundle",
    "ExportError",
    "ExportExistsError",
    "ExportTargetError",
    "Exporter",
    "RecordRef",
    "bundle_for",
    "citation",
    "citations",
    "default_export_path",
    "export_target",
    "fetch_records",
    "write_atomic",
]
