"""``claimdesk search``: answers from the stdlib SQLite driver, without loading SQLAlchemy."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from store.paths import resolve_db_url, store_file_problem
from store.records import KINDS
from store.safe_text import json_safe
from tui.commands.common import Column, open_store, print_table
from tui.errors import CommandError


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
    engine_store = _StoreFile(db)
    if engine_store.path is not None and (problem := store_file_problem(engine_store.path)):
        raise CommandError(f"cannot open the store {engine_store.path}: {problem}")
    engine = SearchEngine(engine_store)
    try:
        hits = engine.search(query, limit=limit, kinds=kinds)
    except QueryError as error:
        raise CommandError(f"search {query!r}: {error}") from error
    except SearchError as error:
        raise CommandError(str(error)) from error
    except sqlite3.Error as error:  # not a database, a corrupt page: said, not a traceback
        where = engine_store.path or engine_store.url
        raise CommandError(f"cannot read the store {where}: {error}") from error
    finally:
        engine.close()
    if as_json:
        out.write(json_safe(json.dumps([hit.as_json() for hit in hits], ensure_ascii=False,
                                       indent=2)) + "\n")
        return 0
    print_table(_SEARCH_COLUMNS, hits, out)
    if not hits:
        print("no matches", file=sys.stderr)
    return 0
