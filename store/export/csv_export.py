"""CSV: one row per marked record, a ``kind`` column, for spreadsheets.

Choices, each for the spreadsheet a user will open the file in:

- The text starts with a UTF-8 byte order mark (``\\ufeff``) and rows end with CRLF (RFC 4180):
  Excel reads a BOM-less file in the local code page and mangles every "’" and "é". The BOM
  is part of the returned text, so the file and ``-o -`` carry the same bytes; Python reads it
  back with ``encoding="utf-8-sig"``.
- Every text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
  prefixed with ``'`` (OWASP's advice against CSV/formula injection), so a comment reading
  ``=HYPERLINK(...)`` stays text. This includes text that looks like a negative number
  ("-5 degrees", "-3"): the quantities and text columns are text, and telling "-3" from
  "-3+cmd|..." is exactly the guess OWASP warns against. The numeric columns (ids) are
  written as plain digits and are never negative, so they are never prefixed.
- Quantities share one cell, "44 tanks; 7 BMPs". Article bodies are not exported (a cell holds
  at most 32,767 characters in Excel and LibreOffice); the JSON formats carry them.
"""

from __future__ import annotations

import csv
import io

from store.export.bundle import ExportBundle
from store.export.text import day, found_in_comment, quantities_text
from store.records import AnyRecord, ArticleRecord, ClaimRecord, CommentRecord

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "kind",
    "id",
    "article_id",
    "article_title",
    "article_url",
    "site",
    "author",
    "date",
    "claimant",
    "attribution",
    "text",
    "quantities",
    "status",
    "note",
    "comment_id",
    "parent_id",
    "found_in",
)
"""Fixed for every kind so a sheet of mixed records lines up; a cell a kind lacks is empty.

``author`` and ``date`` are those of the text a record is in: the article's for an article and
for a claim in its body, the comment's for a comment and for a claim found in one.
``found_in`` says where a claim was made: "in a comment by Moose on <outlet>" for a reader's
claim (never credited to the outlet), "<outlet>" for one in the article.
"""


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet will not run as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_TRIGGERS) else cell


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _article_cells(article: ArticleRecord) -> dict[str, str]:
    return {
        "article_title": article.title,
        "article_url": article.url or "",
        "site": article.site or "",
    }


def _found_in(claim: ClaimRecord, article: ArticleRecord, comment: CommentRecord | None) -> str:
    outlet = article.site or article.title
    if comment is None and claim.comment_id is None:
        return outlet
    return found_in_comment(comment.author if comment else "", outlet)


def _row(record: AnyRecord, bundle: ExportBundle) -> dict[str, str]:
    article = bundle.article_of(record)
    row = {
        "kind": record.kind,
        "id": str(record.id),
        "article_id": str(article.id),
        **_article_cells(article),
    }
    if isinstance(record, ArticleRecord):
        row |= {"author": record.author or "", "date": day(record.published)}
    elif isinstance(record, ClaimRecord):
        comment = bundle.comment_of(record)
        row |= {
            "author": comment.author if comment else (article.author or ""),
            "date": day(comment.posted if comment else article.published),
            "claimant": record.claimant or "",
            "attribution": record.attribution or "",
            "text": record.text,
            "quantities": quantities_text(record.quantities),
            "status": record.status.value,
            "note": record.note,
            "comment_id": _number(record.comment_id),
            "found_in": _found_in(record, article, comment),
        }
    else:
        row |= {
            "author": record.author,
            "date": day(record.posted),
            "text": record.body,
            "parent_id": _number(record.parent_id),
        }
    return row


_NUMERIC = frozenset({"id", "article_id", "comment_id", "parent_id"})


def export_csv(bundle: ExportBundle) -> str:
    """The marked records as CSV text, starting with a BOM (see the module's notes)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for record in bundle.items:
        row = _row(record, bundle)
        writer.writerow(
            {name: value if name in _NUMERIC else neutralise(value) for name, value in row.items()}
        )
    return BOM + buffer.getvalue()
