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
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from store.paths import DB_ENV, app_paths, resolve_db_url, sample_data_dir
from store.records import KINDS, AnyRecord
from tui.errors import CommandError
from tui.safe_text import one_line

if TYPE_CHECKING:
    from store.store import AddOutcome, Store

# store.store is imported inside the commands that use it: it pulls in SQLAlchemy and sqlmodel
# (≈0.4 s), and `claimdesk search` must answer in less than that.


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
                   out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Import files and folders; one line per document, a summary; exit 1 if any failed."""
    from store.importer import FileFailure, import_paths

    def show(event: AddOutcome | FileFailure) -> None:
        if isinstance(event, FileFailure):
            if not event.skipped:
                print(f"failed   {one_line(str(event.path))}: {one_line(event.reason)}", file=err)
            return
        if event.error is not None:
            print(f"failed   {one_line(event.source)}: {one_line(event.error)}", file=err)
            return
        if not quiet:
            what = "added   " if event.created else "already "
            detail = (f" ({event.comments} comments, {event.claims} claims)" if event.created
                      else f" (in the store as article {event.article_id})")
            print(f"{what} {one_line(event.source)}: {one_line(event.title, 60)}{detail}",
                  file=out)
        for warning in event.warnings:
            print(f"warning  {one_line(event.source)}: {one_line(warning)}", file=err)

    started = time.perf_counter()
    with open_store(db) as store:
        report = import_paths(store, [Path(p) for p in paths], listener=show)
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
                 out: TextIO = sys.stdout) -> int:
    """Print records as an aligned table, or as a JSON array of ``as_json`` objects."""
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


# -- search ----------------------------------------------------------------------------------


class _StoreFile:
    """Where a store is, without opening it: search reads the file with the stdlib driver.

    Only a store that still lacks the search index is opened as a :class:`Store` (which
    upgrades it), so the common path never imports SQLAlchemy.
    """

    def __init__(self, db: str | None) -> None:
        self.url = resolve_db_url(db)
        self.path: Path | None = None
        if self.url.startswith("sqlite:///"):
            self.path = Path(self.url.removeprefix("sqlite:///"))

    def exists(self) -> bool:
        return self.path is None or self.path.exists()

    def is_empty(self) -> bool:
        with open_store(self.url) as store:
            return store.is_empty()


_SEARCH_COLUMNS: list[Column] = [
    ("KIND", 7, lambda h: h.kind),
    ("ID", 6, lambda h: str(h.id)),
    ("ARTICLE", 7, lambda h: str(h.article_id)),
    ("SCORE", 5, lambda h: f"{h.score:.0f}"),
    ("FIELD", 13, lambda h: h.field),
    ("MATCH", 80, lambda h: h.snippet),
]


def search_command(db: str | None, query: str, kind: str | None = None, limit: int = 20,
                   as_json: bool = False, out: TextIO | None = None) -> int:
    """Print the hits for ``query`` as a table, or as a JSON array of ``as_json`` objects."""
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    from store.search.engine import SearchEngine, SearchError
    from store.search.query import QueryError

    kinds = frozenset(k for k in KINDS if k == kind) if kind else None
    engine = SearchEngine(_StoreFile(db))
    try:
        hits = engine.search(query, limit=limit, kinds=kinds)
    except QueryError as error:
        raise CommandError(f"search {query!r}: {error}") from error
    except SearchError as error:
        raise CommandError(str(error)) from error
    finally:
        engine.close()
    if as_json:
        json.dump([hit.as_json() for hit in hits], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    print("  ".join(name.ljust(width) for name, width, _ in _SEARCH_COLUMNS).rstrip(), file=out)
    for hit in hits:
        cells = [one_line(cell(hit), width).ljust(width) for _, width, cell in _SEARCH_COLUMNS]
        print("  ".join(cells).rstrip(), file=out)
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


# -- paths and stats -------------------------------------------------------------------------


def paths_command(db: str | None, out: TextIO = sys.stdout) -> int:
    """Print where everything lives, without creating anything."""
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


def stats_command(db: str | None, as_json: bool = False, out: TextIO = sys.stdout) -> int:
    """Print counts of articles, claims and comments and the store's size on disk."""
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

    default_store = db is None and not os.environ.get(DB_ENV)
    with open_store(db) as store:
        app = ClaimdeskApp(store, first_run_samples=sample_data_dir() if default_store else None)
        app.run()
    return 0

