"""Small generated inputs for the fault tests: JSON Lines files and store consistency checks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any


def article_line(key: int | str, title: str, body: str = "", **fields: Any) -> dict[str, Any]:
    """An article record as ``claimdesk list --json`` writes it, with no comments or claims."""
    record: dict[str, Any] = {
        "kind": "article",
        "id": key,
        "title": title,
        "body": body or f"The body of {title}, long enough to read.",
        "comment_count": 0,
        "claim_count": 0,
    }
    record.update(fields)
    return record


def write_lines(path: Path, records: list[Any], raw: list[str] | None = None) -> Path:
    """A JSON Lines file of ``records`` (each dumped), then the ``raw`` lines as they are."""
    lines = [json.dumps(r) for r in records] + list(raw or [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def consistency_problems(db: Path) -> list[str]:
    """What is wrong with a store: SQLite's integrity check, orphans, a search index that does
    not match its rows. Empty when the store is sound.

    A database with no table at all is sound too: the import was killed after SQLite made the
    file and before the schema's one transaction committed, and the next open creates the
    schema (a half-made schema, some tables and not others, is a problem: the table checks
    below fail on it)."""
    conn = sqlite3.connect(db)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        if not problems and not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            return []
        problems += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
        for sql, what in (
            (
                "SELECT count(*) FROM comment WHERE article_id NOT IN (SELECT id FROM article)",
                "comments without their article",
            ),
            (
                "SELECT count(*) FROM claim WHERE article_id NOT IN (SELECT id FROM article)",
                "claims without their article",
            ),
            (
                "SELECT count(*) FROM claim_quantity WHERE claim_id NOT IN (SELECT id FROM claim)",
                "quantities without their claim",
            ),
        ):
            count = conn.execute(sql).fetchone()[0]
            if count:
                problems.append(f"{count} {what}")
        for table, fts in (
            ("article", "article_fts"),
            ("claim", "claim_fts"),
            ("comment", "comment_fts"),
        ):
            try:
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES('integrity-check')")
            except sqlite3.DatabaseError as error:
                problems.append(f"{fts}: {error}")
            # the names are this loop's own constants
            rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            indexed = conn.execute(f"SELECT count(*) FROM {fts}_docsize").fetchone()[0]  # noqa: S608
            if rows != indexed:
                problems.append(f"{fts} indexes {indexed} rows of {rows}")
        return problems
    finally:
        conn.close()
