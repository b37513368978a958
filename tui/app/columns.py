"""What each list shows: the columns a reader scans, and which ones sort.

Cells are plain strings; the list makes them printable and cuts them to width, so nothing a web
page wrote is ever read as markup.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from store.records import ClaimRecord, ClaimStatus, Quantity, RecordKind
from tui.app.widgets.record_list import Column, Sort

STATUS_STYLES: dict[str, str] = {
    ClaimStatus.UNVERIFIED: "",
    ClaimStatus.UNVERIFIABLE: "yellow",
    ClaimStatus.CORROBORATED: "green",
    ClaimStatus.DISPUTED: "dark_orange",
    ClaimStatus.FALSE: "bold red",
}


def day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


def quantities(items: tuple[Quantity, ...]) -> str:
    return ", ".join(f"{q.text} {q.item}".strip() for q in items)


def first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


def _status_style(record: Any) -> str:
    assert isinstance(record, ClaimRecord)
    return STATUS_STYLES.get(record.status, "")


COLUMNS: dict[RecordKind, list[Column]] = {
    "article": [
        Column("Published", 10, lambda r: day(r.published), "published"),
        Column("Outlet", 18, lambda r: r.site or "", "site", minimum=8, maximum=30),
        Column("Title", 0, lambda r: r.title, "title"),
        Column("Claims", 6, lambda r: f"{r.claim_count:,}", right=True),
        Column("Comments", 8, lambda r: f"{r.comment_count:,}", right=True, minimum=5),
    ],
    "claim": [
        Column("Claimant", 14, lambda r: r.claimant or "", "claimant", minimum=8, maximum=36),
        Column("Claim", 0, lambda r: r.text),
        Column(
            "Quantities", 18, lambda r: quantities(r.quantities), "quantity", minimum=8, maximum=24
        ),
        Column("Status", 12, lambda r: r.status.value, "status", _status_style),
        Column("Article", 24, lambda r: r.article_title, "article", minimum=10, maximum=60),
    ],
    "comment": [
        Column("Author", 16, lambda r: r.author, "author", minimum=8, maximum=30),
        Column("Posted", 10, lambda r: day(r.posted), "posted"),
        Column("Article", 24, lambda r: r.article_title, "article", minimum=10, maximum=60),
        Column("Comment", 0, lambda r: first_line(r.body)),
    ],
}
"""Published, Posted and Status never shrink (a date or a status cut is unreadable); the
others take their content's width up to ``maximum`` and give cells up to the text column on a
narrow terminal, down to ``minimum`` (see :func:`~tui.app.widgets.record_list.fit_widths`)."""

DEFAULT_SORTS: dict[RecordKind, Sort] = {
    "article": Sort("published", descending=True),
    "claim": Sort("article"),
    "comment": Sort("article"),
}
"""The same orders as :data:`store.browse.DEFAULT_SORT`, without importing the store."""

TITLES: dict[RecordKind, str] = {"article": "Articles", "claim": "Claims", "comment": "Comments"}
