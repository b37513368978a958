"""Turning result rows into the plain records the store hands out (see :mod:`store.records`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Row

from store.moments import as_written
from store.records import ArticleRecord, ClaimRecord, ClaimStatus, CommentRecord, Quantity


def article_record(row: Row[Any]) -> ArticleRecord:
    return ArticleRecord(
        id=row.id,
        title=row.title,
        url=row.url,
        site=row.site,
        author=row.author,
        published=as_written(row.published, row.published_offset),
        body=row.body,
        images=tuple(row.images or ()),
        tags=tuple(row.tags or ()),
        source=row.source,
        fingerprint=row.fingerprint,
        imported_at=row.imported_at,
        claim_count=row.claim_count,
        comment_count=row.comment_count,
    )


def claim_record(row: Row[Any], quantities: tuple[Quantity, ...]) -> ClaimRecord:
    return ClaimRecord(
        id=row.id,
        article_id=row.article_id,
        comment_id=row.comment_id,
        text=row.text,
        start=row.start,
        end=row.end,
        claimant=row.claimant,
        attribution=row.attribution,
        hedges=tuple(row.hedges or ()),
        quantities=quantities,
        status=ClaimStatus(row.status),
        note=row.note,
        method=row.method,
        article_title=row.article_title,
        manual=bool(row.manual),
        judged_at=row.judged_at,
        claimant_type=row.claimant_type,
    )


def comment_record(row: Row[Any]) -> CommentRecord:
    return CommentRecord(
        id=row.id,
        article_id=row.article_id,
        parent_id=row.parent_id,
        author=row.author,
        posted=as_written(row.posted, row.posted_offset),
        body=row.body,
        position=row.position,
        article_title=row.article_title,
    )
