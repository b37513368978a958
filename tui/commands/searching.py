"""``claimdesk search``: answers from the stdlib SQLite driver, without loading SQLAlchemy."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from store.paths import db_file, resolve_db_url, store_file_problem
from store.records import KINDS
from store.safe_text import one_line
from tui.commands.common import check_store_folder, open_store
from tui.commands.output import Field, chosen_format, write_records
from tui.errors import CommandError, UsageError

NO_HITS = 1
"""The exit status of a search that found nothing: grep's, so ``if claimdesk search …`` works."""


class _StoreFile:
    """Where a store is, without opening it: search reads the file with the stdlib driver.

    Only a store that still lacks the search index is opened as a :class:`Store` (which
    upgrades it), so the common path never imports SQLAlchemy.
    """

    def __init__(self, db: str | None) -> None:
        self.url = resolve_db_url(db)
        self.path: Path | None = db_file(db)

    def exists(self) -> bool:
        return self.path is None or self.path.exists()

    def is_empty(self) -> bool:
        with open_store(self.url) as store:
            return store.is_empty()


_SEARCH_FIELDS: list[Field] = [
    Field("kind", "KIND", lambda h: h.kind, 7),
    Field("id", "ID", lambda h: str(h.id), 6, 2),
    Field("article_id", "ARTICLE", lambda h: str(h.article_id), 7),
    Field("score", "SCORE", lambda h: f"{h.score:.1f}", 5, shown=lambda h: f"{h.score:.0f}"),
    Field("field", "FIELD", lambda h: h.field, 13, 5),
    Field("snippet", "MATCH", lambda h: h.snippet, None, 20),
    Field("text", "TEXT", lambda h: h.text, None, in_table=False),
]
"""The table shows the matching excerpt; TSV adds the record's whole headline (``text``)."""


def search_command(
    db: str | None,
    query: str,
    kind: str | None = None,
    limit: int = 20,
    fmt: str | None = None,
    out: TextIO | None = None,
) -> int:
    """Print the hits for ``query`` in ``fmt`` (see :mod:`tui.commands.output`).

    Exit 0 with hits, :data:`NO_HITS` without; a query that cannot be read is a UsageError
    (exit 2), like a bad option.
    """
    out = out or sys.stdout  # looked up per call, so redirected output is honoured
    from store.search.engine import SearchEngine, SearchError
    from store.search.query import QueryError

    check_store_folder(db)
    kinds = frozenset(k for k in KINDS if k == kind) if kind else None
    engine_store = _StoreFile(db)
    if engine_store.path is not None and (problem := store_file_problem(engine_store.path)):
        raise CommandError(f"cannot open the store {engine_store.path}: {problem}")
    engine = SearchEngine(engine_store)
    try:
        result = engine.search_result(query, limit=limit, kinds=kinds)
    except QueryError as error:
        raise UsageError(f"search {query!r}: {error}") from error
    except SearchError as error:
        raise CommandError(str(error)) from error
    except sqlite3.Error as error:  # not a database, a corrupt page: said, not a traceback
        where = engine_store.path or engine_store.url
        raise CommandError(f"cannot read the store {where}: {error}") from error
    finally:
        engine.close()
    hits = result.hits
    if result.notice:  # on stderr, so the table, the TSV or the JSON stays what it was
        print(one_line(result.notice), file=sys.stderr)
    write_records(chosen_format(fmt, out), _SEARCH_FIELDS, hits, out, lambda h: h.as_json())
    if not hits:
        print("no matches", file=sys.stderr)
        return NO_HITS
    return 0
