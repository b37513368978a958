"""Editing by hand: correct a claim, add the one extraction missed, drop a false one, fix an
article's facts; every change kept in a history.

Extraction will never be perfect, so the user's word wins over the rules': a claim edited or
added here is ``manual`` and :mod:`store.reextract` never changes or removes it (nor adds a
claim over its text); a deleted claim waits in ``deleted_claim`` and blocks the extractor from
finding it again, until it is restored with its id. A re-import never rewrites a stored
document at all (see :meth:`store.store.WriteTransaction.add_documents`), so it cannot undo an
edit either.

Each changed field is one row of ``edit_history``: the claim or article, the field, the old and
new value as text, the UTC time and who (the database user on PostgreSQL, where a desk shares
one store; else the OS user). The functions here run inside the caller's write transaction
(:class:`~store.store.Store` holds it) and raise :class:`EditError` with one line for the user.
"""

from __future__ import annotations

import getpass
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.models import ARTICLE as A
from store.models import CLAIM as CL
from store.models import QUANTITY as Q
from store.models import UTCDateTime
from store.records import MANUAL_METHOD, ClaimDraft, ClaimStatus, Quantity
from store.writing import IdCounter, RowBatch, add_claims, insert_many

EditedKind = Literal["claim", "article"]
CLAIMANT_TYPES = ("person", "organization")
"""What a claimant may be said to be (schema.org's Person or Organization)."""

_metadata = sa.MetaData()
HISTORY = sa.Table(
    "edit_history",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("record_id", sa.Integer, nullable=False),
    sa.Column("field", sa.String, nullable=False),
    sa.Column("old", sa.Text, nullable=True),
    sa.Column("new", sa.Text, nullable=True),
    sa.Column("at", UTCDateTime(), nullable=False),
    sa.Column("who", sa.String, nullable=False),
)
"""The same shape as the schema step makes (spelled out there, see :mod:`store.schema`)."""
DELETED = sa.Table(
    "deleted_claim",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, nullable=False),
    sa.Column("comment_id", sa.Integer, nullable=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("claim", sa.JSON, nullable=False),
    sa.Column("deleted_at", UTCDateTime(), nullable=False),
    sa.Column("who", sa.String, nullable=False),
)


class EditError(ValueError):
    """An edit cannot be made as asked; ``str()`` says why in one line."""


@dataclass(frozen=True, slots=True)
class ClaimChanges:
    """What to change in a claim; None leaves a field as it is, "" clears a text field."""

    claimant: str | None = None
    attribution: str | None = None
    status: ClaimStatus | None = None
    note: str | None = None
    quantities: tuple[Quantity, ...] | None = None
    claimant_type: str | None = None
    """"person", "organization", or "" to let the rule decide again."""


@dataclass(frozen=True, slots=True)
class ArticleChanges:
    """What to change in an article; None leaves a field, "" clears it (the URL, the site…)."""

    url: str | None = None
    site: str | None = None
    author: str | None = None
    published: datetime | None = None
    clear_published: bool = False


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One changed field: of which record, from what, to what, when and by whom."""

    kind: EditedKind
    record_id: int
    field: str
    old: str | None
    new: str | None
    at: datetime
    who: str

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.record_id,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "at": self.at.astimezone(UTC).isoformat(),
            "who": self.who,
        }


@dataclass(frozen=True, slots=True)
class DeletedClaim:
    """A claim the user deleted, as it was, for the "deleted" view and restoring."""

    id: int
    article_id: int
    comment_id: int | None
    text: str
    claimant: str | None
    deleted_at: datetime
    who: str
    article_title: str = ""


def who_edits(conn: Connection) -> str:
    """Who is editing: the database user on PostgreSQL (a shared store names each analyst by
    their role), else the OS user name."""
    if conn.dialect.name == "postgresql":
        name = conn.exec_driver_sql("SELECT current_user").scalar()
        if name:
            return str(name)
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "unknown"


def quantities_text(quantities: Sequence[Quantity]) -> str:
    """Figures as the history and the edit dialog write them: "44 tanks; 7 BMPs"."""
    return "; ".join(" ".join(p for p in (q.text, q.item) if p) for q in quantities)


def parse_quantity(text: str) -> Quantity:
    """A figure as a person types it ("44 tanks", "$3.5 million", "dozens of rockets"), read
    by the extractor's own figure rules; EditError when they find none."""
    from store.claims.quantities import QuantityParser

    found = QuantityParser().parse(text.strip())
    if not found:
        raise EditError(f'not a figure: "{text.strip()}" (write it as the text does: "44 tanks")')
    return found[0]


def parse_quantities(text: str) -> tuple[Quantity, ...]:
    """Figures separated by semicolons, as :func:`quantities_text` writes them."""
    return tuple(parse_quantity(part) for part in text.split(";") if part.strip())


def find_text(body: str, text: str, near: int = 0) -> tuple[int, int] | None:
    """Where ``text`` is in ``body`` (the place nearest offset ``near``): exactly, else with
    any run of white space matching any other (text copied from a terminal, a PDF or the
    app's own selection has its line breaks moved)."""
    wanted = text.strip()
    if not wanted:
        return None
    pattern = r"\s+".join(re.escape(word) for word in wanted.split())
    found = [(m.start(), m.end()) for m in re.finditer(pattern, body)]
    if not found:
        return None
    return min(found, key=lambda span: (abs(span[0] - near), span[0]))


def next_claim_id(conn: Connection) -> int:
    """The next free claim id, past the deleted ones too, so a restored claim gets its id
    (and its history) back and no new claim ever takes it meanwhile."""
    live = conn.execute(sa.select(sa.func.max(CL.c.id))).scalar() or 0
    gone = conn.execute(sa.select(sa.func.max(DELETED.c.id))).scalar() or 0
    return int(max(live, gone)) + 1


# -- history ----------------------------------------------------------------------------------


def _record(
    conn: Connection,
    kind: EditedKind,
    record_id: int,
    changed: Sequence[tuple[str, str | None, str | None]],
    now: datetime,
    who: str,
) -> None:
    if changed:
        conn.execute(
            sa.insert(HISTORY),
            [
                {
                    "kind": kind,
                    "record_id": record_id,
                    "field": name,
                    "old": old,
                    "new": new,
                    "at": now,
                    "who": who,
                }
                for name, old, new in changed
            ],
        )


def history(conn: Connection, kind: EditedKind, record_id: int) -> list[HistoryEntry]:
    """Every recorded change of one claim or article, oldest first."""
    query = (
        sa.select(HISTORY)
        .where(HISTORY.c.kind == kind, HISTORY.c.record_id == record_id)
        .order_by(HISTORY.c.at, HISTORY.c.id)
    )
    return [
        HistoryEntry(kind, row.record_id, row.field, row.old, row.new, row.at, row.who)
        for row in conn.execute(query)
    ]


# -- claims -----------------------------------------------------------------------------------


def _claim_row(conn: Connection, claim_id: int) -> Any:
    row = conn.execute(sa.select(CL).where(CL.c.id == claim_id)).first()
    if row is None:
        raise EditError(f"no claim with id {claim_id}")
    return row


def _quantities(conn: Connection, claim_id: int) -> tuple[Quantity, ...]:
    from store.store import quantity_of_row

    rows = conn.execute(sa.select(Q).where(Q.c.claim_id == claim_id).order_by(Q.c.position))
    return tuple(quantity_of_row(row._mapping) for row in rows)


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def edit_claim(
    conn: Connection, claim_id: int, changes: ClaimChanges, now: datetime, who: str
) -> bool:
    """Apply ``changes`` to a claim and record each changed field; False when nothing changed.

    The claim becomes manual; a new status or note also counts as a judgement (``judged``,
    ``judged_at``), as ``v`` always did.
    """
    row = _claim_row(conn, claim_id)
    if changes.claimant_type not in (None, "", *CLAIMANT_TYPES):
        raise EditError(
            f"claimant type {changes.claimant_type!r}: say person, organization or auto"
        )
    values: dict[str, Any] = {}
    changed: list[tuple[str, str | None, str | None]] = []

    def change(name: str, old: Any, new: Any, shown_old: str | None, shown_new: str | None) -> None:
        if new != old:
            values[name] = new
            changed.append((name, shown_old, shown_new))

    for name in ("claimant", "attribution"):
        new = _clean(getattr(changes, name))
        if new is not None:
            change(name, getattr(row, name), new or None, getattr(row, name), new or None)
    if changes.claimant_type is not None:
        kind = changes.claimant_type or None
        change("claimant_type", row.claimant_type, kind, row.claimant_type, kind)
    if changes.status is not None:
        status = ClaimStatus(changes.status).value
        change("status", row.status, status, row.status, status)
    if changes.note is not None:
        note = _clean(changes.note) or ""
        change("note", row.note, note, row.note, note)
    old_figures = _quantities(conn, claim_id)
    if changes.quantities is not None and changes.quantities != old_figures:
        changed.append(
            ("quantities", quantities_text(old_figures), quantities_text(changes.quantities))
        )
        _replace_quantities(conn, claim_id, changes.quantities)
    if not changed:
        return False
    values["manual"] = True
    if "status" in values or "note" in values:
        values |= {"judged": True, "judged_at": now}
    conn.execute(sa.update(CL).where(CL.c.id == claim_id).values(**values))
    _record(conn, "claim", claim_id, changed, now, who)
    if "claimant" in values:
        _reindex_claim(conn, claim_id)
    return True


def _replace_quantities(conn: Connection, claim_id: int, figures: tuple[Quantity, ...]) -> None:
    conn.execute(sa.delete(Q).where(Q.c.claim_id == claim_id))
    if not figures:
        return
    first = int(conn.execute(sa.select(sa.func.max(Q.c.id))).scalar() or 0) + 1
    probe = RowBatch()
    add_claims(probe, [ClaimDraft("", 0, 0, quantities=figures)], 0, [], IdCounter(0, 0, 0, first))
    for row in probe.quantities:
        row["claim_id"] = claim_id
    insert_many(conn, Q, probe.quantities)


def _reindex_claim(conn: Connection, claim_id: int) -> None:
    """Index a claim's words again after its claimant changed (SQLite's full-text index
    follows by trigger; the typo vocabulary and PostgreSQL's index are fed from here)."""
    from store.store import _index_words

    row = conn.execute(sa.select(CL).where(CL.c.id == claim_id)).one()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DELETE FROM search_claim WHERE id = %(id)s", {"id": claim_id})
    _index_words(conn, RowBatch(claims=[dict(row._mapping)]))


def add_claim(
    conn: Connection,
    article_id: int,
    start: int,
    end: int,
    now: datetime,
    who: str,
    claimant: str | None = None,
) -> int:
    """Add the body text ``start..end`` of an article as a claim by hand; its new id.

    White space around the span is left out. ``claimant`` None takes the extractor's claimant
    for the sentence (:func:`drafted_claim`); "" says it has none. EditError for a span
    outside the body, an empty one, or one a claim already has exactly.
    """
    body = conn.execute(sa.select(A.c.body).where(A.c.id == article_id)).scalar()
    if body is None:
        raise EditError(f"no article with id {article_id}")
    if not 0 <= start < end <= len(body):
        raise EditError(
            f"characters {start}..{end} are not in article {article_id}'s body "
            f"(it has {len(body):,} characters)"
        )
    text = body[start:end]
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    if start >= end:
        raise EditError("the chosen text is only white space")
    same = conn.execute(
        sa.select(CL.c.id).where(
            CL.c.article_id == article_id,
            CL.c.comment_id.is_(None),
            CL.c.start == start,
            CL.c.end == end,
        )
    ).scalar()
    if same is not None:
        raise EditError(f"claim {same} is already this text")
    draft = drafted_claim(body, start, end)
    if claimant is not None:
        draft = ClaimDraft(
            draft.text,
            start,
            end,
            claimant=_clean(claimant) or None,
            attribution=draft.attribution if claimant == draft.claimant else None,
            hedges=draft.hedges,
            quantities=draft.quantities,
            method=MANUAL_METHOD,
            manual=True,
        )
    claim_id = next_claim_id(conn)
    first_quantity = int(conn.execute(sa.select(sa.func.max(Q.c.id))).scalar() or 0) + 1
    rows = RowBatch()
    add_claims(rows, [draft], article_id, [], IdCounter(0, 0, claim_id, first_quantity))
    insert_many(conn, CL, rows.claims)
    if rows.quantities:
        insert_many(conn, Q, rows.quantities)
    from store.store import _index_words

    _index_words(conn, rows)
    _record(conn, "claim", claim_id, [("added", None, draft.text)], now, who)
    return claim_id


def drafted_claim(body: str, start: int, end: int) -> ClaimDraft:
    """The claim ``body[start:end]`` as the extractor would read it: the claimant, the
    attribution and hedges of an extracted claim there, else what its rules find in the text
    alone; the figures in it. Marked manual, as the user chose the text."""
    from store.claims.extractor import _default_extractor
    from store.claims.quantities import QuantityParser

    text = body[start:end]
    extractor = _default_extractor()
    found = [c for c in extractor.extract(body) if c.start < end and start < c.end]
    if not found:
        found = extractor.extract(text)
    best = max(found, key=lambda c: min(c.end, end) - max(c.start, start), default=None)
    return ClaimDraft(
        text=text,
        start=start,
        end=end,
        claimant=best.claimant if best and best.claimant else speaker_before_verb(text),
        attribution=best.attribution if best else None,
        hedges=best.hedges if best else (),
        quantities=QuantityParser().parse(text),
        method=MANUAL_METHOD,
        manual=True,
    )


_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "one", "two"})


def speaker_before_verb(text: str) -> str | None:
    """Who speaks in a sentence the extractor's rules passed over, read plainly: the words
    before its first attribution verb ("said", "has said", "claims"…), from the last
    determiner ("A senior prison official has said in an affidavit that…") or the last run of
    capitalised words ("… Telegram Ana Ruiz said"), at most six words. None when there is no
    such verb. Only a suggestion for the dialog, which the user sees and corrects."""
    from store.claims import rules

    verbs = "|".join(re.escape(v) for v in sorted(rules.ATTRIBUTION_VERBS, key=len, reverse=True))
    found = re.search(rf"(?<![\w’'-])(?:(?:has|have|had)\s+)?(?:{verbs})(?![\w’'-])", text)
    if found is None:
        return None
    words = text[: found.start()].split()[-6:]
    words = [w.strip(",;:“”\"'") for w in words]
    cut = max((i for i, w in enumerate(words) if w.lower() in _DETERMINERS), default=None)
    if cut is None:
        cut = len(words)
        while cut > 0 and words[cut - 1][:1].isupper():
            cut -= 1
    named = " ".join(w for w in words[cut:] if w)
    pronouns = rules.THIRD_PERSON_PRONOUNS | rules.NON_CLAIMANT_PRONOUNS
    return named if named and named.lower() not in pronouns else None


def delete_claim(conn: Connection, claim_id: int, now: datetime, who: str) -> None:
    """Move a claim to ``deleted_claim`` (with its figures), out of every list and search."""
    row = _claim_row(conn, claim_id)
    kept = {key: _plain(value) for key, value in row._mapping.items()}
    kept["quantities"] = [
        {key: value for key, value in q._mapping.items() if key not in ("id", "claim_id")}
        for q in conn.execute(sa.select(Q).where(Q.c.claim_id == claim_id).order_by(Q.c.position))
    ]
    conn.execute(
        sa.insert(DELETED).values(
            id=claim_id,
            article_id=row.article_id,
            comment_id=row.comment_id,
            start=row.start,
            end=row.end,
            claim=kept,
            deleted_at=now,
            who=who,
        )
    )
    conn.execute(sa.delete(Q).where(Q.c.claim_id == claim_id))
    conn.execute(sa.delete(CL).where(CL.c.id == claim_id))
    _record(conn, "claim", claim_id, [("deleted", row.text, None)], now, who)


def _plain(value: Any) -> Any:
    """A column value as JSON holds it (times as ISO text)."""
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else value


def restore_claim(conn: Connection, claim_id: int, now: datetime, who: str) -> None:
    """Put a deleted claim back, with its id, figures and judgement; it stays manual."""
    row = conn.execute(sa.select(DELETED).where(DELETED.c.id == claim_id)).first()
    if row is None:
        live = conn.execute(sa.select(CL.c.id).where(CL.c.id == claim_id)).scalar()
        raise EditError(
            f"claim {claim_id} is not deleted" if live else f"no deleted claim with id {claim_id}"
        )
    kept = dict(row.claim)
    figures = kept.pop("quantities", [])
    if kept.get("judged_at"):
        kept["judged_at"] = datetime.fromisoformat(kept["judged_at"])
    columns = {column.name for column in CL.columns}
    claim = {key: value for key, value in kept.items() if key in columns}
    claim |= {"manual": True}
    conn.execute(sa.insert(CL).values(**claim))
    first = int(conn.execute(sa.select(sa.func.max(Q.c.id))).scalar() or 0) + 1
    if figures:
        conn.execute(
            sa.insert(Q),
            [{**figure, "id": first + n, "claim_id": claim_id} for n, figure in enumerate(figures)],
        )
    conn.execute(sa.delete(DELETED).where(DELETED.c.id == claim_id))
    from store.store import _index_words

    _index_words(conn, RowBatch(claims=[claim]))
    _record(conn, "claim", claim_id, [("restored", None, claim["text"])], now, who)


def deleted_claims(conn: Connection, article_id: int | None = None) -> list[DeletedClaim]:
    """The deleted claims (of one article), the last deleted first."""
    query = (
        sa.select(DELETED, A.c.title)
        .join(A, A.c.id == DELETED.c.article_id)
        .order_by(DELETED.c.deleted_at.desc(), DELETED.c.id.desc())
    )
    if article_id is not None:
        query = query.where(DELETED.c.article_id == article_id)
    return [
        DeletedClaim(
            id=row.id,
            article_id=row.article_id,
            comment_id=row.comment_id,
            text=row.claim.get("text", ""),
            claimant=row.claim.get("claimant"),
            deleted_at=row.deleted_at,
            who=row.who,
            article_title=row.title,
        )
        for row in conn.execute(query)
    ]


def deleted_spans(conn: Connection, article_id: int) -> list[tuple[int | None, int, int]]:
    """(comment id, start, end) of an article's deleted claims: a re-extraction must not
    find them again."""
    query = sa.select(DELETED.c.comment_id, DELETED.c.start, DELETED.c.end).where(
        DELETED.c.article_id == article_id
    )
    return [(row.comment_id, row.start, row.end) for row in conn.execute(query)]


# -- articles ---------------------------------------------------------------------------------


def edit_article(
    conn: Connection, article_id: int, changes: ArticleChanges, now: datetime, who: str
) -> bool:
    """Apply ``changes`` to an article and record each changed field; False when none did.

    EditError when another article already has the new URL (URLs identify articles).
    """
    row = conn.execute(sa.select(A).where(A.c.id == article_id)).first()
    if row is None:
        raise EditError(f"no article with id {article_id}")
    values: dict[str, Any] = {}
    changed: list[tuple[str, str | None, str | None]] = []
    for name in ("url", "site", "author"):
        new = getattr(changes, name)
        if new is None:
            continue
        new = new.strip() or None
        if new != getattr(row, name):
            values[name] = new
            changed.append((name, getattr(row, name), new))
    if changes.published is not None or changes.clear_published:
        new_time = changes.published
        if new_time is not None and new_time.tzinfo is None:
            new_time = new_time.replace(tzinfo=UTC)
        if new_time != row.published:
            values["published"] = new_time
            changed.append(("published", _day(row.published), _day(new_time)))
    if not changed:
        return False
    url = values.get("url")
    if url is not None:
        other = conn.execute(sa.select(A.c.id).where(A.c.url == url, A.c.id != article_id)).scalar()
        if other is not None:
            raise EditError(f"article {other} already has the URL {url}")
    conn.execute(sa.update(A).where(A.c.id == article_id).values(**values))
    _record(conn, "article", article_id, changed, now, who)
    if "site" in values or "author" in values:
        _reindex_article(conn, article_id)
    return True


def _day(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


def _reindex_article(conn: Connection, article_id: int) -> None:
    from store.store import _index_words

    row = conn.execute(sa.select(A).where(A.c.id == article_id)).one()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DELETE FROM search_article WHERE id = %(id)s", {"id": article_id})
    _index_words(conn, RowBatch(articles=[dict(row._mapping)]))
