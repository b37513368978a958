"""``claimdesk export``: the hits of a query, named ids or everything, in one format.

This module chooses the records and words the outcome; rendering and writing are the export
pipeline's (:mod:`store.export.pipeline`), the same code the app's ``e`` runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from store.export import (
    FORMATS,
    ExportError,
    ExportExistsError,
    ExportTargetError,
    RecordRef,
    bundle_for,
    default_export_path,
    export_target,
    fetch_records,
)
from store.export.pipeline import prepared, render_export, unverified_warning, write_export
from store.records import KINDS, AnyRecord, RecordKind
from store.safe_text import printable
from tui.commands.arguments import EXPORT_SEARCH_LIMIT
from tui.commands.common import open_store
from tui.errors import CommandError, UsageError

if TYPE_CHECKING:
    from store.store import Store


def _search_refs(
    store: Store, query: str, kinds: tuple[RecordKind, ...], limit: int
) -> list[RecordRef]:
    from store.search.engine import SearchEngine, SearchError
    from store.search.query import QueryError

    engine = SearchEngine(store)
    try:
        hits = engine.search(query, limit, frozenset(kinds))
    except QueryError as error:
        raise UsageError(f"search {query!r}: {error}") from error
    except SearchError as error:
        raise CommandError(f"search {query!r}: {error}") from error
    finally:
        engine.close()
    return [(hit.kind, hit.id) for hit in hits]


def _everything(store: Store, kinds: tuple[RecordKind, ...]) -> list[AnyRecord]:
    return [record for kind in kinds for record in store.list_records(kind)]


def _chosen(
    store: Store, query: str | None, kind: RecordKind | None, ids: Sequence[int] | None, limit: int
) -> list[AnyRecord]:
    kinds: tuple[RecordKind, ...] = (kind,) if kind is not None else KINDS
    if query is not None:
        return fetch_records(store, _search_refs(store, query, kinds, limit))
    if ids:
        assert kind is not None, "the parser requires --kind with --ids"
        return fetch_records(store, [(kind, record_id) for record_id in ids])
    return _everything(store, kinds)


def _check_target(target: Path, force: bool) -> None:
    try:
        export_target(target, overwrite=force)
    except ExportExistsError as error:
        raise CommandError(f"{error.path} already exists; add --force to overwrite it") from error
    except ExportTargetError as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        raise CommandError(f"cannot write {target}: {error.strerror or error}") from error


def export_command(
    db: str | None,
    fmt: str,
    query: str | None = None,
    kind: RecordKind | None = None,
    ids: Sequence[int] | None = None,
    output: str | None = None,
    force: bool = False,
    limit: int = EXPORT_SEARCH_LIMIT,
    out: TextIO | None = None,
    err: TextIO | None = None,
    reviewer_name: str | None = None,
    reviewer_url: str | None = None,
) -> int:
    """Export chosen records in one format to a file (path printed) or to standard output.

    Exit 1 (one line) when the query cannot be read, nothing matches, an id is unknown, the
    format cannot hold the records or the file cannot be written.
    ClaimReview also needs a reviewer (``config.toml`` or ``reviewer_name``/``reviewer_url``)
    and warns on stderr about claims still "unverified".
    ``out``/``err`` default to the streams current at the call, not at import.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    exporter = FORMATS[fmt]
    target = Path(output) if output not in (None, "-") else None
    if target is not None:  # a folder, a device or a file without --force: said before any work
        _check_target(target, force)
    with open_store(db) as store:
        try:
            bundle = bundle_for(store, _chosen(store, query, kind, ids, limit))
        except ExportError as error:
            raise CommandError(str(error)) from error
    if not bundle.items:
        what = f"{kind}s" if kind else "records"
        raise CommandError(
            f"nothing to export: no {what} "
            + (f"match {query!r}" if query is not None else "in the store")
        )
    if exporter.claims_only and bundle.claims:
        try:
            bundle = prepared(bundle, fmt, reviewer_name, reviewer_url, command_line=True)
        except ExportError as error:
            raise CommandError(str(error)) from error
        if warning := unverified_warning(bundle):
            print(f"claimdesk: warning: {warning}", file=err)
    if output == "-":
        try:
            text = render_export(bundle, fmt)
        except ExportError as error:
            raise CommandError(str(error)) from error
        # On a terminal, document text must not act on it (titles, OSC 52, clearing): the
        # same seam as every other command. Into a pipe or file, the data stays exact.
        out.write(printable(text) if out.isatty() else text)
        return 0
    path = target or default_export_path(fmt, datetime.now())
    try:
        write_export(bundle, fmt, path, overwrite=force)
    except ExportError as error:
        raise CommandError(str(error)) from error
    except ExportExistsError as error:
        raise CommandError(f"{error.path} already exists; add --force to overwrite it") from error
    except ExportTargetError as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from error
    counts = ", ".join(f"{n} {k}{'' if n == 1 else 's'}" for k, n in bundle.counts().items() if n)
    print(path, file=out)
    print(f"exported {counts} as {exporter.label}", file=err)
    return 0
