"""Re-running claim extraction over a store: new rules reach the documents already imported.

Documents are unchanged; only their claims are brought up to date. A claim the user has judged
(:attr:`Claim.judged`: a status or note set in the app, or brought in by a claimdesk export) or
edited or added by hand (:attr:`Claim.manual`, see :mod:`store.editing`) is never touched, and a
new claim overlapping its text (or the text of a claim the user deleted) is not added. Otherwise
a claim found at the same place (same comment, same span) is updated in place, so its id (and
any mark or link to it) survives; a new claim is added; an old one the rules no longer find is
removed.
Each batch of articles is one write transaction: an interrupted run leaves every article either
as it was or fully re-extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.claims import extract_claims
from store.editing import deleted_spans, next_claim_id
from store.models import ARTICLE as A
from store.models import CLAIM as CL
from store.models import COMMENT as C
from store.models import QUANTITY as Q
from store.records import ClaimDraft, ClaimStatus, CommentDraft, DocumentDraft
from store.writing import IdCounter, RowBatch, add_claims, chunks, insert_many

Extract = Callable[[DocumentDraft], list[ClaimDraft]]
BATCH_ARTICLES = 200


@dataclass(slots=True)
class ReextractReport:
    """What a re-extraction did, for the command line."""

    articles: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    kept_judged: int = 0


def article_ids(conn: Connection) -> list[int]:
    return [row.id for row in conn.execute(sa.select(A.c.id).order_by(A.c.id))]


def id_batches(ids: list[int], size: int = BATCH_ARTICLES) -> Iterator[list[int]]:
    for chunk in chunks(ids, size):
        yield list(chunk)


def reextract_articles(
    conn: Connection, ids: list[int], report: ReextractReport, extract: Extract = extract_claims
) -> RowBatch:
    """Bring the claims of articles ``ids`` up to date in ``conn``'s transaction; the rows
    inserted are returned so the caller can index their words."""
    counter = IdCounter(0, 0, next_claim_id(conn), _next(conn, Q))
    inserted = RowBatch()
    for article_id in ids:
        article = conn.execute(
            sa.select(A.c.title, A.c.body, A.c.source).where(A.c.id == article_id)
        ).one()
        comments = conn.execute(
            sa.select(C.c.id, C.c.author, C.c.body)
            .where(C.c.article_id == article_id)
            .order_by(C.c.position)
        ).all()
        draft = DocumentDraft(
            title=article.title,
            body=article.body,
            source=article.source,
            comments=[CommentDraft(c.author, c.body) for c in comments],
        )
        comment_ids = [c.id for c in comments]
        fresh = extract(draft)
        _update(conn, article_id, fresh, comment_ids, counter, inserted, report)
        report.articles += 1
    for table, rows in ((CL, inserted.claims), (Q, inserted.quantities)):
        if rows:
            insert_many(conn, table, rows)
    return inserted


def _next(conn: Connection, table: sa.Table) -> int:
    return int(conn.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0) + 1


Key = tuple[int | None, int, int]


def _update(
    conn: Connection,
    article_id: int,
    fresh: list[ClaimDraft],
    comment_ids: list[int],
    counter: IdCounter,
    inserted: RowBatch,
    report: ReextractReport,
) -> None:
    old = conn.execute(
        sa.select(
            CL.c.id,
            CL.c.comment_id,
            CL.c.start,
            CL.c.end,
            (CL.c.judged | CL.c.manual).label("kept"),
        ).where(CL.c.article_id == article_id)
    ).all()
    by_key: dict[Key, Any] = {(row.comment_id, row.start, row.end): row for row in old}
    kept = [row for row in old if row.kept]
    report.kept_judged += len(kept)
    # The user's text: claims judged or edited by hand, and claims the user deleted.
    theirs = [(row.comment_id, row.start, row.end) for row in kept]
    theirs += deleted_spans(conn, article_id)
    matched: set[int] = set()
    new: list[ClaimDraft] = []
    for claim in fresh:
        where = comment_ids[claim.comment_index] if claim.comment_index is not None else None
        row = by_key.get((where, claim.start, claim.end))
        if row is not None:
            matched.add(row.id)
            if not row.kept:
                _rewrite(conn, row.id, claim, counter, inserted)
                report.updated += 1
            continue
        if any(c == where and s < claim.end and claim.start < e for c, s, e in theirs):
            continue  # the user's judgement, edit or deletion of this text stands
        new.append(claim)
    stale = [row.id for row in old if row.id not in matched and not row.kept]
    if stale:
        conn.execute(sa.delete(Q).where(Q.c.claim_id.in_(stale)))
        conn.execute(sa.delete(CL).where(CL.c.id.in_(stale)))
        report.removed += len(stale)
    add_claims(inserted, new, article_id, comment_ids, counter)
    report.added += len(new)


def _rewrite(
    conn: Connection, claim_id: int, claim: ClaimDraft, counter: IdCounter, inserted: RowBatch
) -> None:
    """A claim found again at the same place: its fields and figures from the new rules."""
    conn.execute(
        sa.update(CL)
        .where(CL.c.id == claim_id)
        .values(
            text=claim.text,
            claimant=claim.claimant,
            attribution=claim.attribution,
            hedges=list(claim.hedges),
            status=ClaimStatus(claim.status).value,
            note=claim.note,
            method=claim.method,
        )
    )
    conn.execute(sa.delete(Q).where(Q.c.claim_id == claim_id))
    probe = RowBatch()
    add_claims(
        probe,
        [replace(claim, comment_index=None)],
        0,
        [],
        IdCounter(0, 0, claim_id, counter.quantity),
    )
    for row in probe.quantities:
        row["claim_id"] = claim_id
    counter.quantity += len(probe.quantities)
    inserted.quantities.extend(probe.quantities)
