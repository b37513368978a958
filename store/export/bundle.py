"""What an export is made of: the records the user marked, and the articles they belong to.

Every format needs more than the marked records themselves: a claim is cited with its
article's outlet, date and URL, and a claim exported without its article could never be
imported again. :func:`bundle_for` fetches that context once, so the formats stay pure
functions over plain data and never touch the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from store.records import (
    AnyRecord,
    ArticleRecord,
    ClaimRecord,
    ClaimStatus,
    CommentRecord,
    RecordKind,
)

if TYPE_CHECKING:  # the app imports this module on its start-up path; SQLAlchemy can wait
    from datetime import datetime

    from store.export.reviewer import Reviewer
    from store.store import Store

RecordRef = tuple[RecordKind, int]
"""A record named by kind and id, as marks and the command line's ``--ids`` hold them."""


class ExportError(Exception):
    """An export cannot be made as asked; ``str()`` says why in one line."""


@dataclass(frozen=True, slots=True)
class ArticleGroup:
    """One article of an export with the marked claims and comments that belong to it.

    ``marked`` says whether the user marked the article itself or it is only there as the
    context of its claims and comments.
    """

    article: ArticleRecord
    marked: bool
    claims: tuple[ClaimRecord, ...]
    comments: tuple[CommentRecord, ...]


@dataclass(frozen=True, slots=True)
class ExportBundle:
    """The marked records, in the order they were marked, and everything needed to cite them.

    ``articles`` holds the article of every marked record (marked or not); ``comments`` holds
    the comments that marked claims were found in, so a claim from a comment can name who
    wrote it and be imported again with its comment.
    """

    items: tuple[AnyRecord, ...]
    articles: Mapping[int, ArticleRecord] = field(default_factory=dict)
    comments: Mapping[int, CommentRecord] = field(default_factory=dict)
    reviewer: Reviewer | None = None
    """Who publishes the reviews (ClaimReview needs one; see :mod:`store.export.reviewer`)."""
    made_at: datetime | None = None
    """When the export is made: the review date of a claim judged before judgements had one."""

    def unverified(self) -> int:
        """How many of the claims are still "unverified" (an export warns about them)."""
        return sum(1 for claim in self.claims if claim.status is ClaimStatus.UNVERIFIED)

    @property
    def claims(self) -> tuple[ClaimRecord, ...]:
        return tuple(item for item in self.items if isinstance(item, ClaimRecord))

    def article_of(self, record: AnyRecord) -> ArticleRecord:
        """The article a record belongs to (an article belongs to itself)."""
        if isinstance(record, ArticleRecord):
            return record
        return self.articles[record.article_id]

    def comment_of(self, claim: ClaimRecord) -> CommentRecord | None:
        """The comment a claim was found in, or None for a claim in the article's body."""
        return self.comments.get(claim.comment_id) if claim.comment_id is not None else None

    def counts(self) -> dict[RecordKind, int]:
        """How many records of each kind were marked."""
        found: dict[RecordKind, int] = {"article": 0, "claim": 0, "comment": 0}
        for item in self.items:
            found[item.kind] += 1
        return found

    def groups(self) -> list[ArticleGroup]:
        """The marked records by article, articles in the order they were first met.

        Within an article, claims and comments keep their order on the page (claims in the
        body before claims in comments; comments by position) rather than the order of
        marking, because a brief reads like the page it came from.
        """
        order: dict[int, None] = {}
        marked: set[int] = set()
        claims: dict[int, list[ClaimRecord]] = {}
        comments: dict[int, list[CommentRecord]] = {}
        for item in self.items:
            article_id = item.id if isinstance(item, ArticleRecord) else item.article_id
            order.setdefault(article_id)
            if isinstance(item, ArticleRecord):
                marked.add(item.id)
            elif isinstance(item, ClaimRecord):
                claims.setdefault(article_id, []).append(item)
            else:
                comments.setdefault(article_id, []).append(item)
        return [
            ArticleGroup(
                article=self.articles[article_id],
                marked=article_id in marked,
                claims=tuple(sorted(claims.get(article_id, ()), key=_claim_place)),
                comments=tuple(sorted(comments.get(article_id, ()), key=lambda c: c.position)),
            )
            for article_id in order
        ]


def _claim_place(claim: ClaimRecord) -> tuple[int, int, int]:
    in_comment = claim.comment_id is not None
    return (int(in_comment), claim.comment_id or 0, claim.start)


def _unique(items: Iterable[AnyRecord]) -> tuple[AnyRecord, ...]:
    seen: set[RecordRef] = set()
    kept: list[AnyRecord] = []
    for item in items:
        ref = (item.kind, item.id)
        if ref not in seen:
            seen.add(ref)
            kept.append(item)
    return tuple(kept)


_CHUNK = 500
"""Ids per read: SQLite caps the variables of one statement (999 in older builds)."""


R = TypeVar("R")


def _read_chunked(read: Callable[[list[int]], Sequence[R]], ids: Sequence[int]) -> list[R]:
    return [
        record
        for start in range(0, len(ids), _CHUNK)
        for record in read(list(ids[start : start + _CHUNK]))
    ]


def bundle_for(store: Store, items: Iterable[AnyRecord]) -> ExportBundle:
    """Bundle marked records with their articles and the comments their claims came from.

    Marking the same record twice exports it once. Two reads (per 500 ids) whatever the number
    of records, so exporting a few thousand marks stays instant.
    """
    unique = _unique(items)
    articles = {item.id: item for item in unique if isinstance(item, ArticleRecord)}
    wanted = {item.article_id for item in unique if not isinstance(item, ArticleRecord)}
    missing = sorted(wanted - articles.keys())
    if missing:
        articles.update(
            (a.id, a) for a in _read_chunked(lambda chunk: store.list_articles(ids=chunk), missing)
        )
    comments = {item.id: item for item in unique if isinstance(item, CommentRecord)}
    sources = sorted(
        {
            item.comment_id
            for item in unique
            if isinstance(item, ClaimRecord) and item.comment_id is not None
        }
        - comments.keys()
    )
    if sources:
        comments.update(
            (c.id, c) for c in _read_chunked(lambda chunk: store.list_comments(ids=chunk), sources)
        )
    return ExportBundle(items=unique, articles=articles, comments=comments)


def fetch_records(store: Store, refs: Sequence[RecordRef]) -> list[AnyRecord]:
    """The records named by ``(kind, id)`` in the order given; ExportError names a missing one.

    A read per kind (per 500 ids), so the app can keep its marks as small references and the
    command line can take ``--ids`` without a query per id.
    """
    ids: dict[RecordKind, list[int]] = {"article": [], "claim": [], "comment": []}
    for kind, record_id in refs:
        ids[kind].append(record_id)
    found: dict[RecordRef, AnyRecord] = {}
    for kind, wanted in ids.items():

        def read(chunk: list[int], kind: RecordKind = kind) -> Sequence[AnyRecord]:
            return store.list_records(kind, ids=chunk)

        found.update(((kind, r.id), r) for r in _read_chunked(read, wanted))
    for ref in refs:
        if ref not in found:
            raise ExportError(f"no {ref[0]} with id {ref[1]} in the store")
    return [found[ref] for ref in refs]
