"""``claimdesk list``, ``stats`` and ``paths``: reading the store and where things live."""

from __future__ import annotations

import json
import sys
from typing import TextIO, cast

from store.paths import app_paths, resolve_db_url, sample_data_dir
from store.records import RecordKind
from store.safe_text import json_safe, one_line
from tui.commands.common import open_store
from tui.commands.output import Field, chosen_format, write_json, write_records, write_tsv


def _published(record: object) -> str:
    published = getattr(record, "published", None)
    return published.isoformat() if published else ""


_FIELDS: dict[str, list[Field]] = {
    "articles": [
        Field("id", "ID", lambda r: str(r.id), 6, 2),
        Field(
            "published",
            "PUBLISHED",
            _published,
            10,
            10,
            shown=lambda r: r.published.date().isoformat() if r.published else "",
        ),
        Field("claim_count", "CLAIMS", lambda r: str(r.claim_count), 6),
        Field("comment_count", "COMMENTS", lambda r: str(r.comment_count), 8),
        Field("title", "TITLE", lambda r: r.title, None, 20),
        Field("url", "URL", lambda r: r.url or "", None, in_table=False),
    ],
    "claims": [
        Field("id", "ID", lambda r: str(r.id), 6, 2),
        Field("article_id", "ARTICLE", lambda r: str(r.article_id), 7),
        Field("status", "STATUS", lambda r: r.status.value, 12, 12),  # never cut: a judgement
        Field("claimant", "CLAIMANT", lambda r: r.claimant or "", 20, 8),
        Field("text", "CLAIM", lambda r: r.text, None, 20),
    ],
    "comments": [
        Field("id", "ID", lambda r: str(r.id), 6, 2),
        Field("article_id", "ARTICLE", lambda r: str(r.article_id), 7),
        Field("author", "AUTHOR", lambda r: r.author, 20, 8),
        Field("body", "COMMENT", lambda r: r.body, None, 20),
    ],
}


def list_command(
    db: str | None,
    kind: str,
    fmt: str | None = None,
    limit: int | None = None,
    out: TextIO | None = None,
) -> int:
    """Print records in ``fmt`` (see :mod:`tui.commands.output`; None: by where out goes)."""
    out = out or sys.stdout
    with open_store(db) as store:
        # The command takes the plural ("claims"); the store's kinds are singular.
        records = store.list_records(cast(RecordKind, kind.removesuffix("s")), limit=limit)
    write_records(chosen_format(fmt, out), _FIELDS[kind], records, out, lambda r: r.as_json())
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


def stats_command(db: str | None, fmt: str | None = None, out: TextIO | None = None) -> int:
    """Print counts of articles, claims and comments and the store's size on disk.

    The table is the readable block it always was; TSV is a header line and one line of
    values, so ``claimdesk stats | cut -f3`` is the number of claims.
    """
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
    chosen = chosen_format(fmt, out)
    if chosen == "json":
        write_json(data, out)
    elif chosen == "jsonl":
        out.write(json_safe(json.dumps(data, ensure_ascii=False)) + "\n")
    elif chosen == "tsv":
        write_tsv(list(data), [[str(value) for value in data.values()]], out)
    else:
        print(f"store     {one_line(stats.url)}", file=out)
        for kind in ("articles", "claims", "comments"):
            print(f"{kind:<9} {data[kind]:>10,}", file=out)
        print(f"size      {stats.size_bytes / 2**20:>10.1f} MiB", file=out)
    return 0
