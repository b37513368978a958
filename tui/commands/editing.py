"""``claimdesk claim edit|add|delete|restore|deleted``, ``article edit`` and ``history``: the
app's corrections, scriptable.

Each command is one write transaction through the store (:mod:`store.editing` does the work and
keeps the history) and prints one line saying what changed; what cannot be done is one line on
stderr and exit 1 (:class:`~tui.errors.CommandError`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from store.records import ClaimRecord, ClaimStatus, Quantity
from store.safe_text import one_line
from tui.commands.common import open_store
from tui.commands.output import Field, chosen_format, write_records
from tui.errors import CommandError

if TYPE_CHECKING:
    from store.editing import EditedKind, HistoryEntry
    from store.store import Store


@contextmanager
def _editing(db: str | None) -> Iterator[Store]:
    """The store, with an edit that cannot be made turned into one line and exit 1."""
    from store.editing import EditError

    with open_store(db) as store:
        try:
            yield store
        except EditError as error:
            raise CommandError(str(error)) from error


def _shown(value: str | None) -> str:
    return f'"{one_line(value, 60)}"' if value else "(none)"


def _changes_line(what: str, entries: Sequence[HistoryEntry]) -> str:
    if not entries:
        return f"{what}: nothing to change"
    return f"{what}: " + "; ".join(f"{e.field} {_shown(e.old)} → {_shown(e.new)}" for e in entries)


def _new_entries(store: Store, kind: EditedKind, record_id: int, seen: int) -> list[HistoryEntry]:
    return store.history(kind, record_id)[seen:]


def claim_edit_command(
    db: str | None,
    claim_id: int,
    claimant: str | None = None,
    attribution: str | None = None,
    status: str | None = None,
    note: str | None = None,
    quantities: Sequence[str] | None = None,
    no_quantities: bool = False,
    claimant_type: str | None = None,
    out: TextIO | None = None,
) -> int:
    """Change a claim's fields; prints each change (``field "old" → "new"``)."""
    from store.editing import ClaimChanges, parse_quantity

    out = out or sys.stdout
    with _editing(db) as store:
        figures: tuple[Quantity, ...] | None = None
        if no_quantities:
            figures = ()
        elif quantities:
            figures = tuple(parse_quantity(text) for text in quantities)
        changes = ClaimChanges(
            claimant=claimant,
            attribution=attribution,
            status=ClaimStatus(status) if status is not None else None,
            note=note,
            quantities=figures,
            claimant_type=None if claimant_type is None else _claimant_type(claimant_type),
        )
        seen = len(store.history("claim", claim_id))
        store.edit_claim(claim_id, changes)
        print(
            _changes_line(f"claim {claim_id}", _new_entries(store, "claim", claim_id, seen)),
            file=out,
        )
    return 0


def _claimant_type(value: str) -> str:
    return "" if value == "auto" else value


def claim_add_command(
    db: str | None,
    article_id: int,
    text: str | None = None,
    start: int | None = None,
    end: int | None = None,
    claimant: str | None = None,
    out: TextIO | None = None,
) -> int:
    """Add a claim by its text or its span in the article's body; prints its id."""
    from store.editing import find_text

    out = out or sys.stdout
    with _editing(db) as store:
        if text is not None:
            article = store.get_article(article_id)
            if article is None:
                raise CommandError(f"no article with id {article_id}")
            span = find_text(article.body, text)  # the first place: near the start
            if span is None:
                raise CommandError(
                    f"the text {_shown(text)} is not in the body of article {article_id}"
                )
            start, end = span
        assert start is not None and end is not None, "the parser asks for both"
        claim = store.add_claim(article_id, start, end, claimant)
    print(f"claim {claim.id} added to article {article_id}: {_summary(claim)}", file=out)
    return 0


def _summary(claim: ClaimRecord) -> str:
    who = one_line(claim.claimant or "no claimant", 40)
    return f"{who} — {_shown(claim.text)}"


def claim_delete_command(db: str | None, claim_id: int, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    with _editing(db) as store:
        claim = store.get_claim(claim_id)
        store.delete_claim(claim_id)
    assert claim is not None
    print(
        f"claim {claim_id} deleted: {_summary(claim)} "
        f"(`claimdesk claim restore {claim_id}` brings it back)",
        file=out,
    )
    return 0


def claim_restore_command(db: str | None, claim_id: int, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    with _editing(db) as store:
        claim = store.restore_claim(claim_id)
    print(f"claim {claim_id} restored: {_summary(claim)}", file=out)
    return 0


_DELETED_FIELDS = [
    Field("id", "ID", lambda d: str(d.id), 6, 2),
    Field("article_id", "ARTICLE", lambda d: str(d.article_id), 7),
    Field(
        "deleted_at",
        "DELETED",
        lambda d: d.deleted_at.isoformat(),
        16,
        10,
        shown=lambda d: d.deleted_at.strftime("%Y-%m-%d %H:%M"),
    ),
    Field("who", "WHO", lambda d: d.who, 12, 4),
    Field("claimant", "CLAIMANT", lambda d: d.claimant or "", 20, 8),
    Field("text", "CLAIM", lambda d: d.text, None, 20),
]


def claim_deleted_command(db: str | None, fmt: str | None = None, out: TextIO | None = None) -> int:
    """The deleted claims, the last deleted first (what ``claim restore`` takes)."""
    out = out or sys.stdout
    with _editing(db) as store:
        deleted = store.deleted_claims()
    write_records(
        chosen_format(fmt, out),
        _DELETED_FIELDS,
        deleted,
        out,
        lambda d: {
            "id": d.id,
            "article_id": d.article_id,
            "comment_id": d.comment_id,
            "text": d.text,
            "claimant": d.claimant,
            "deleted_at": d.deleted_at.isoformat(),
            "who": d.who,
        },
    )
    return 0


def published_date(value: str) -> datetime:
    """``--published YYYY-MM-DD`` (a full ISO time is taken too), as a UTC moment."""
    from datetime import UTC

    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def article_edit_command(
    db: str | None,
    article_id: int,
    url: str | None = None,
    site: str | None = None,
    author: str | None = None,
    published: datetime | None = None,
    out: TextIO | None = None,
) -> int:
    """Change an article's URL, site, author or date; prints each change."""
    from store.editing import ArticleChanges

    out = out or sys.stdout
    with _editing(db) as store:
        seen = len(store.history("article", article_id))
        store.edit_article(
            article_id, ArticleChanges(url=url, site=site, author=author, published=published)
        )
        entries = _new_entries(store, "article", article_id, seen)
    print(_changes_line(f"article {article_id}", entries), file=out)
    return 0


_HISTORY_FIELDS = [
    Field(
        "at",
        "WHEN (UTC)",
        lambda e: e.at.isoformat(),
        16,
        16,
        shown=lambda e: e.at.strftime("%Y-%m-%d %H:%M"),
    ),
    Field("who", "WHO", lambda e: e.who, 12, 4),
    Field("field", "FIELD", lambda e: e.field, 13, 6),
    Field("old", "FROM", lambda e: e.old or "", 30, 8),
    Field("new", "TO", lambda e: e.new or "", None, 8),
]


def history_command(
    db: str | None,
    record_id: int,
    article: bool = False,
    fmt: str | None = None,
    out: TextIO | None = None,
) -> int:
    """Every change made by hand to a claim (or, with ``article``, an article), oldest first.
    Exit 1 when the record is unknown and has no history."""
    out = out or sys.stdout
    kind: EditedKind = "article" if article else "claim"
    with _editing(db) as store:
        entries = store.history(kind, record_id)
        known = (
            store.get_article(record_id) if article else store.get_claim(record_id)
        ) is not None or any(d.id == record_id for d in store.deleted_claims())
    if not entries and not known:
        raise CommandError(f"no {kind} with id {record_id}")
    write_records(chosen_format(fmt, out), _HISTORY_FIELDS, entries, out, lambda e: e.as_json())
    return 0
