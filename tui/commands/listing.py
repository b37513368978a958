"""``claimdesk list``, ``stats`` and ``paths``: reading the store and where things live."""

from __future__ import annotations

import json
import sys
from typing import TextIO, cast

from store.paths import app_paths, resolve_db_url, sample_data_dir
from store.records import RecordKind
from store.safe_text import json_safe, one_line
from tui.commands.common import Column, open_store, print_table

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


def list_command(db: str | None, kind: str, as_json: bool = False, limit: int | None = None,
                 out: TextIO | None = None) -> int:
    """Print records as an aligned table, or as a JSON array of ``as_json`` objects."""
    out = out or sys.stdout
    with open_store(db) as store:
        # The command takes the plural ("claims"); the store's kinds are singular.
        records = store.list_records(cast(RecordKind, kind.removesuffix("s")), limit=limit)
    if as_json:
        out.write(json_safe(json.dumps([r.as_json() for r in records], ensure_ascii=False,
                                       indent=2)) + "\n")
        return 0
    print_table(_COLUMNS[kind], records, out)
    return 0


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
        print(f"{name:<8} {one_line(value)}", file=out)
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
    print(f"store     {one_line(stats.url)}", file=out)
    for kind in ("articles", "claims", "comments"):
        print(f"{kind:<9} {data[kind]:>10,}", file=out)
    print(f"size      {stats.size_bytes / 2**20:>10.1f} MiB", file=out)
    return 0
