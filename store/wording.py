"""How counts of records are said to people: ``1 claim``, ``2 claims, 1 comment``.

Shared by the app (the marks, the export dialog) and the export pipeline (what a file holds).
"""

from __future__ import annotations

from store.records import KINDS, RecordKind


def counted(count: int, kind: str) -> str:
    """``1 claim``, ``3 claims``, ``1,200 comments``."""
    return f"{count:,} {kind}{'' if count == 1 else 's'}"


def describe(counts: dict[RecordKind, int]) -> str:
    """``2 claims, 1 comment``: the non-zero counts in list order (articles, claims, comments)."""
    return ", ".join(counted(counts[kind], kind) for kind in KINDS if counts.get(kind))
