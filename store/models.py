"""The tables. Only :mod:`store` touches these; everything else sees :mod:`store.records`.

Writes go through SQLAlchemy Core inserts built from these tables (bulk, pre-assigned ids), and
reads select plain columns, so the ORM identity map never holds thousands of rows.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from store.moments import utc_wall


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """A timestamp that is always UTC-aware in Python, whatever the backend keeps.

    SQLite drops the zone; sqlmodel rejects naive datetimes. Storing UTC and re-attaching it on
    the way out keeps both sides honest.
    """

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return utc_wall(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _json_column(**kwargs: Any) -> Any:
    return Field(default_factory=list, sa_column=sa.Column(sa.JSON, nullable=False), **kwargs)


def _time_column(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=sa.Column(UTCDateTime(), nullable=nullable))


class Article(SQLModel, table=True):
    """One piece of reporting. ``url`` and ``fingerprint`` make import idempotent."""

    id: int | None = Field(default=None, primary_key=True)
    title: str
    url: str | None = Field(default=None, unique=True)
    site: str | None = None
    author: str | None = None
    published: datetime | None = _time_column()
    # Added by schema step 8: the offset ``published`` was written in (see store.moments).
    published_offset: int | None = None
    body: str
    images: list[str] = _json_column()
    tags: list[str] = _json_column()
    source: str = ""
    fingerprint: str = Field(unique=True)
    imported_at: datetime = _time_column(nullable=False)


class Comment(SQLModel, table=True):
    """A reader comment; ``parent_id`` threads replies, ``position`` keeps page order."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    parent_id: int | None = Field(default=None, foreign_key="comment.id", ondelete="CASCADE")
    author: str
    posted: datetime | None = _time_column()
    # Added by schema step 8: the offset ``posted`` was written in (see store.moments).
    posted_offset: int | None = None
    body: str
    position: int


class Claim(SQLModel, table=True):
    """A claim quoted verbatim from an article body or a comment, with its span there."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    comment_id: int | None = Field(
        default=None, foreign_key="comment.id", index=True, ondelete="CASCADE"
    )
    text: str
    start: int
    end: int
    claimant: str | None = Field(default=None, index=True)
    attribution: str | None = None
    hedges: list[str] = _json_column()
    status: str = Field(default="unverified", index=True)
    note: str = ""
    method: str = ""
    # Added by schema step 4: the user judged this claim (status or note set by hand, or kept
    # from a claimdesk export); `claimdesk reextract` never touches such a claim.
    judged: bool = Field(
        default=False, sa_column=sa.Column(sa.Boolean, nullable=False, server_default=sa.false())
    )
    # Added by the "manual edits" schema step (see store.editing): the user edited or added
    # this claim by hand (never changed by a re-extraction), when it was last judged (the
    # ClaimReview's datePublished), and whether its claimant is a "person" or an
    # "organization" when the user said so (else a rule decides, store.export.claimant_kind).
    manual: bool = Field(
        default=False, sa_column=sa.Column(sa.Boolean, nullable=False, server_default=sa.false())
    )
    judged_at: datetime | None = _time_column()
    claimant_type: str | None = None


class ClaimQuantity(SQLModel, table=True):
    """One figure of a claim, in its own table so ``qty:>100`` is an indexed SQL filter."""

    __tablename__ = "claim_quantity"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    position: int
    count: int | None = Field(default=None, index=True)
    text: str
    item: str
    # Added by schema step 4: every figure's value as a number (also fractions, percentages and
    # counts beyond 64 bits, which ``count`` cannot hold), its unit (ISO currency, "%", a
    # measure), a range's upper end and a part's whole ("40 of 112").
    value: float | None = Field(default=None, index=True)
    unit: str | None = Field(default=None, index=True)
    high: float | None = None
    whole: float | None = None


class SchemaVersion(SQLModel, table=True):
    """One row: the number of the last upgrade step applied (see :mod:`store.schema`)."""

    __tablename__ = "schema_version"

    id: int = Field(default=1, primary_key=True)
    version: int


# Core handles on the tables, for bulk inserts and column selects (SQLModel leaves
# ``__table__`` untyped).
ARTICLE: sa.Table = Article.__table__  # type: ignore[attr-defined]
COMMENT: sa.Table = Comment.__table__  # type: ignore[attr-defined]
CLAIM: sa.Table = Claim.__table__  # type: ignore[attr-defined]
QUANTITY: sa.Table = ClaimQuantity.__table__  # type: ignore[attr-defined]
SCHEMA_VERSION: sa.Table = SchemaVersion.__table__  # type: ignore[attr-defined]
