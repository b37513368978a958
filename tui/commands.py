"""What each ``claimdesk`` sub-command does; printing lives here, logic lives in :mod:`store`.

Every command opens the store through :func:`open_store` so ``--db``/``CLAIMDESK_DB`` mean the
same everywhere, and turns store errors into :class:`CommandError` (one line, exit 1).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from store.export import (
    FORMATS,
    ExportError,
    ExportExistsError,
    RecordRef,
    bundle_for,
    default_export_path,
    fetch_records,
    write_atomic,
)
from store.paths import DB_ENV, app_paths, resolve_db_url, sample_data_dir
from store.records import KINDS, AnyRecord, RecordKind
from store.safe_text import one_line
from tui.errors import CommandError

if TYPE_CHECKING:  # SQLAlchemy and SQLModel load only when a command opens the store
    from store.store import AddOutcome, Store


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """The store named by ``--db``, closed afterwards; store errors become CommandError."""
    from store.store import Store, StoreError

    store = Store.open(db)
    try:
        yield store
    except StoreError as error:
        raise CommandError(str(error)) from error
    finally:
        store.close()


# -- import ----------------------------------------------------------------------------------


def import_command(db: str | None, paths: Sequence[str], quiet: bool = False,
                   out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Import files and folders; one line per document, a summary; exit 1 if any failed.

    A progress bar (files done of all, documents, rate) shows on stderr during a long import
    when stderr is a terminal; see :mod:`tui.import_progress`.
    """
    from store.importer import FileFailure, import_paths
    from tui.import_progress import ImportProgress

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
            detail = (f" ({event.comments} comments, {event.claims} claims)" if event.created
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


# -- list ------------------------------------------------------------------------------------

Column = tuple[str, int, Callable[[Any], str]]

_COLUMNS: dict[str, list[Column]] = {
    "articles": [
        ("ID", 6, lambda r: str(r.id)),
        ("PUBLISHED", 10, lambda r: r.published.date().isoformat() if r.published else ""),
        ("CLAIMS", 6, lambda r: str(r.claim_count)),
        ("COMMENTS", 8, lambda r: str(r.comment_count)),
        ("TITLE", 70, lambda r: r.title),
    ],
    "claims": [
        ("ID", 6, lambda r: str(r.id)),
        ("ARTICLE", 7, lambda r: str(r.article_id)),
        ("STATUS", 12, lambda r: r.status.value),
        ("CLAIMANT", 14, lambda r: r.claimant or ""),
        ("CLAIM", 70, lambda r: r.text),
    ],
    "comments": [
        ("ID", 6, lambda r: str(r.id)),
        ("ARTICLE", 7, lambda r: str(r.article_id)),
        ("AUTHOR", 16, lambda r: r.author),
        ("COMMENT", 70, lambda r: r.body),
    ],
}


def _records(store: Store, kind: str, limit: int | None) -> Sequence[AnyRecord]:
    readers: dict[str, Callable[[], Sequence[AnyRecord]]] = {
        "articles": lambda: store.list_articles(limit=limit),
        "claims": lambda: store.list_claims(limit=limit),
        "comments": lambda: store.list_comments(limit=limit),
    }
    return readers[kind]()


def list_command(db: str | None, kind: str, as_json: bool = False, limit: int | None = None,
                 out: TextIO | None = None) -> int:
    """Print records as an aligned table, or as a JSON array of ``as_json`` objects."""
    out = out or sys.stdout
    with open_store(db) as store:
        records = _records(store, kind, limit)
    if as_json:
        json.dump([r.as_json() for r in records], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    columns = _COLUMNS[kind]
    print("  ".join(name.ljust(width) for name, width, _ in columns).rstrip(), file=out)
    for record in records:
        cells = [one_line(cell(record), width).ljust(width) for _, width, cell in columns]
        print("  ".join(cells).rstrip(), file=out)
    return 0


# -- export ----------------------------------------------------------------------------------

EXPORT_SEARCH_LIMIT = 500
"""How many search hits ``claimdesk export QUERY`` exports unless ``--limit`` says otherwise."""


class SearchUnavailableError(Exception):
    """This build has no search engine (``store.search``), so QUERY cannot be exported."""


def _search_refs(store: Store, query: str, kinds: tuple[RecordKind, ...],
                 limit: int) -> list[RecordRef]:
    try:
        from store.search.engine import SearchEngine  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as error:
        if error.name is not None and error.name.startswith("store.search"):
            raise SearchUnavailableError from error
        raise
    hits = SearchEngine(store).search(query, limit, kinds)
    return [(hit.kind, hit.id) for hit in hits]


def _everything(store: Store, kinds: tuple[RecordKind, ...]) -> list[AnyRecord]:
    readers: dict[RecordKind, Callable[[], Sequence[AnyRecord]]] = {
        "article": store.list_articles, "claim": store.list_claims,
        "comment": store.list_comments,
    }
    return [record for kind in kinds for record in readers[kind]()]


def _chosen(store: Store, query: str | None, kind: RecordKind | None,
            ids: Sequence[int] | None, limit: int) -> list[AnyRecord]:
    kinds: tuple[RecordKind, ...] = (kind,) if kind is not None else KINDS
    if query is not None:
        return fetch_records(store, _search_refs(store, query, kinds, limit))
    if ids:
        assert kind is not None, "the parser requires --kind with --ids"
        return fetch_records(store, [(kind, record_id) for record_id in ids])
    return _everything(store, kinds)


def export_command(db: str | None, fmt: str, query: str | None = None,
                   kind: RecordKind | None = None, ids: Sequence[int] | None = None,
                   output: str | None = None, force: bool = False,
                   limit: int = EXPORT_SEARCH_LIMIT, out: TextIO | None = None,
                   err: TextIO | None = None) -> int:
    """Export chosen records in one format to a file (path printed) or to standard output.

    Exit 2 when QUERY is given but this build has no search; exit 1 (one line) when nothing
    matches, an id is unknown, the format cannot hold the records or the file cannot be written.
    ``out``/``err`` default to the streams current at the call, not at import.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    exporter = FORMATS[fmt]
    target = Path(output) if output not in (None, "-") else None
    if target is not None and target.exists() and not force:
        raise CommandError(f"{target} already exists; add --force to overwrite it")
    with open_store(db) as store:
        try:
            bundle = bundle_for(store, _chosen(store, query, kind, ids, limit))
        except SearchUnavailableError:
            print("claimdesk: search is not available in this build", file=err)
            return 2
        except ExportError as error:
            raise CommandError(str(error)) from error
    if not bundle.items:
        what = f"{kind}s" if kind else "records"
        raise CommandError(f"nothing to export: no {what} " +
                           (f"match {query!r}" if query is not None else "in the store"))
    try:
        text = exporter.render(bundle)
    except ExportError as error:
        raise CommandError(str(error)) from error
    if output == "-":
        out.write(text)
        return 0
    path = target or default_export_path(fmt, datetime.now())
    try:
        write_atomic(path, text, overwrite=force)
    except ExportExistsError as error:
        raise CommandError(f"{error.path} already exists; add --force to overwrite it") from error
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from error
    counts = ", ".join(f"{n} {k}{'' if n == 1 else 's'}" for k, n in bundle.counts().items() if n)
    print(path, file=out)
    print(f"exported {counts} as {exporter.label}", file=err)
    return 0


# -- paths and stats -------------------------------------------------------------------------


def paths_command(db: str | None, out: TextIO | None = None) -> int:
    """Print where everything lives, without creating anything."""
    out = out or sys.stdout
    paths = app_paths()
    rows = [
        ("store", resolve_db_url(db)),
        ("data", str(paths.data_dir)),
        ("config", str(paths.config_dir)),
        ("keys", str(paths.keymap_file)),
        ("exports", str(paths.export_dir)),
        ("samples", str(sample_data_dir())),
    ]
    for name, value in rows:
        print(f"{name:<8} {value}", file=out)
    return 0


def stats_command(db: str | None, as_json: bool = False, out: TextIO | None = None) -> int:
    """Print counts of articles, claims and comments and the store's size on disk."""
    out = out or sys.stdout
    with open_store(db) as store:
        stats = store.stats()
    data = {
        "store": stats.url,
        "articles": stats.articles,
        "claims": stats.claims,
        "comments": stats.comments,
        "size_bytes": stats.size_bytes,
        "schema_version": stats.schema_version,
    }
    if as_json:
        json.dump(data, out, indent=2)
        out.write("\n")
        return 0
    print(f"store     {stats.url}", file=out)
    for kind in ("articles", "claims", "comments"):
        print(f"{kind:<9} {data[kind]:>10,}", file=out)
    print(f"size      {stats.size_bytes / 1e6:>10.1f} MB", file=out)
    return 0


# -- the app ---------------------------------------------------------------------------------


def open_app(db: str | None) -> int:
    """Open the interface; an empty *default* store is filled with the sample data first.

    A store the user named (``--db``, ``CLAIMDESK_DB``) is never filled behind their back.
    """
    from tui.app import ClaimdeskApp
    from tui.store_loader import StoreLoader

    default_store = db is None and not os.environ.get(DB_ENV)
    loader = StoreLoader(db)  # opened by the app's first worker, off the start-up path
    try:
        app = ClaimdeskApp(loader, first_run_samples=sample_data_dir() if default_store else None)
        loader.start()
        app.run()
    finally:
        loader.close()
    if app.failure is not None:
        raise CommandError(app.failure)
    return app.return_code or 0

