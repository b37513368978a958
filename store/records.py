"""Plain data that crosses the store's boundary, in and out.

Importers produce *drafts* (:class:`DocumentDraft` with its :class:`CommentDraft` and
:class:`ClaimDraft` items); the :class:`~store.store.Store` returns *records*
(:class:`ArticleRecord`, :class:`ClaimRecord`, :class:`CommentRecord`). Both are frozen
dataclasses with no database session attached, so the interface can hold them across threads and
never trigger a lazy load. ``as_json`` gives the one JSON shape that ``claimdesk list --json``
prints, exports write and the JSON importer reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

RecordKind = Literal["article", "claim", "comment"]
KINDS: tuple[RecordKind, ...] = ("article", "claim", "comment")

INT64 = range(-(2**63), 2**63)
"""The whole numbers SQLite (and PostgreSQL's BIGINT) can store (here, not in store.writing, so
that the parsers in the worker processes check them without importing SQLAlchemy)."""


class ClaimStatus(StrEnum):
    """Where a claim stands; a small fixed set so filters and exports can rely on it."""

    UNVERIFIED = "unverified"
    UNVERIFIABLE = "unverifiable"
    CORROBORATED = "corroborated"
    DISPUTED = "disputed"
    FALSE = "false"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure in a claim: ``count`` when numeric, the words as written, and the item.

    "44 tanks" -> Quantity(44, "44", "tanks"); "dozens of anti-armor rockets" ->
    Quantity(None, "dozens", "anti-armor rockets"); "$3.5 million" -> Quantity(3500000,
    "$3.5 million", "", unit="USD"); "40 of 112 dams" -> Quantity(40, "40 of 112", "dams",
    of=112); "500-600 people" -> Quantity(500, "500-600", "people", high=600).
    ``count`` is a float when the figure is not whole ("21.9%") or too large for 64 bits.
    """

    count: int | float | None
    text: str
    item: str
    unit: str | None = None
    high: int | float | None = None
    of: int | float | None = None

    def as_json(self) -> dict[str, Any]:
        shape: dict[str, Any] = {"count": self.count, "item": self.item, "text": self.text}
        for name in ("unit", "high", "of"):
            if (value := getattr(self, name)) is not None:
                shape[name] = value
        return shape


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A claim found in a document, before it has an id.

    ``start``/``end`` index the text the claim came from: the article body, or the body of the
    comment at ``comment_index`` in :attr:`DocumentDraft.comments`.
    """

    text: str
    start: int
    end: int
    claimant: str | None = None
    attribution: str | None = None
    hedges: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    status: ClaimStatus = ClaimStatus.UNVERIFIED
    note: str = ""
    method: str = ""
    comment_index: int | None = None
    manual: bool = False
    """Edited or added by hand (a claimdesk export says so): a re-extraction never touches it."""
    judged_at: datetime | None = None
    claimant_type: str | None = None


MANUAL_METHOD = "manual"
"""The ``method`` of a claim the user added by hand (the extractor's methods name its rules)."""


@dataclass(frozen=True, slots=True)
class CommentDraft:
    """A reader comment; ``parent_index`` points at an earlier comment of the same document."""

    author: str
    body: str
    posted: datetime | None = None
    parent_index: int | None = None


@dataclass(slots=True)
class DocumentDraft:
    """One article as an importer read it, ready to be stored in one transaction.

    ``claims`` is None when the importer leaves claim extraction to the import pipeline, and a
    list when the source already carries claims (a claimdesk JSON export keeps their status).
    """

    title: str
    body: str
    source: str
    url: str | None = None
    site: str | None = None
    author: str | None = None
    published: datetime | None = None
    images: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    comments: list[CommentDraft] = field(default_factory=list)
    claims: list[ClaimDraft] | None = None
    declared_comment_count: int | None = None
    warnings: list[str] = field(default_factory=list)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset the moment was written in (see :mod:`store.moments`), or None;
    naive datetimes are taken to be UTC already."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A stored article with the counts the lists show."""

    id: int
    title: str
    url: str | None
    site: str | None
    author: str | None
    published: datetime | None
    body: str
    images: tuple[str, ...]
    tags: tuple[str, ...]
    source: str
    fingerprint: str
    imported_at: datetime
    claim_count: int = 0
    comment_count: int = 0

    kind: RecordKind = field(default="article", init=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "site": self.site,
            "author": self.author,
            "published": iso(self.published),
            "body": self.body,
            "images": list(self.images),
            "tags": list(self.tags),
            "source": self.source,
            "fingerprint": self.fingerprint,
            "imported": iso(self.imported_at),
            "claim_count": self.claim_count,
            "comment_count": self.comment_count,
        }


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A stored claim; ``article_title`` saves the lists a join per row."""

    id: int
    article_id: int
    comment_id: int | None
    text: str
    start: int
    end: int
    claimant: str | None
    attribution: str | None
    hedges: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    status: ClaimStatus
    note: str
    method: str
    article_title: str = ""
    manual: bool = False
    """Edited or added by hand (see :mod:`store.editing`); the history says what changed."""
    judged_at: datetime | None = None
    """When its status or note was last set by the user (None: never, or before that was kept)."""
    claimant_type: str | None = None
    """"person" or "organization" when the user said which; None lets a rule decide."""

    kind: RecordKind = field(default="claim", init=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "article_id": self.article_id,
            "comment_id": self.comment_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "claimant": self.claimant,
            "attribution": self.attribution,
            "hedges": list(self.hedges),
            "quantities": [q.as_json() for q in self.quantities],
            "status": self.status.value,
            "note": self.note,
            "method": self.method,
            "edited": self.manual,
            "claimant_type": self.claimant_type,
            "judged_at": iso(self.judged_at),
            "article_title": self.article_title,
        }


@dataclass(frozen=True, slots=True)
class CommentRecord:
    """A stored comment; ``position`` is its order on the page, ``parent_id`` its thread."""

    id: int
    article_id: int
    parent_id: int | None
    author: str
    posted: datetime | None
    body: str
    position: int
    article_title: str = ""

    kind: RecordKind = field(default="comment", init=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "article_id": self.article_id,
            "parent_id": self.parent_id,
            "author": self.author,
            "posted": iso(self.posted),
            "body": self.body,
            "position": self.position,
            "article_title": self.article_title,
        }


AnyRecord = ArticleRecord | ClaimRecord | CommentRecord
