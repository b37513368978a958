"""``claimdesk search``: answers from the stdlib SQLite driver, without loading SQLAlchemy."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from store.paths import db_file, resolve_db_url
from store.records import KINDS
from tui.commands.common import Column, open_store, print_table
from tui.errors import CommandError


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
    print_table(_SEARCH_COLUMNS, hits, out)
    if not hits:
        print("no matches", file=sys.stderr)
    return 0
