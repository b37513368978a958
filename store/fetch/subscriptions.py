"""Subscriptions: the feeds a user follows, kept in the store beside the articles they brought.

One row per feed URL: the title as the feed gives it, the user's tags, and what the last
refresh found (when, its one-line status, the ETag and Last-Modified for the next conditional
request). A feed's entries are the articles whose ``source`` is its URL, so the entry count
needs no bookkeeping (an index on ``article.source``, schema step 6, keeps it one lookup).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from store.fetch import subscription_table as names
from store.fetch.client import Validators
from store.models import ARTICLE, UTCDateTime
from store.store import Store

_METADATA = sa.MetaData()

SUBSCRIPTION = sa.Table(
    names.TABLE,
    _METADATA,
    sa.Column(names.ID, sa.Integer, primary_key=True),
    sa.Column(names.URL, sa.String, nullable=False, unique=True),
    sa.Column(names.TITLE, sa.String, nullable=True),
    sa.Column(names.TAGS, sa.JSON, nullable=False),
    sa.Column(names.ADDED_AT, UTCDateTime(), nullable=False),
    sa.Column(names.LAST_FETCHED, UTCDateTime(), nullable=True),
    sa.Column(names.STATUS, sa.String, nullable=False),
    sa.Column(names.OK, sa.Boolean, nullable=False),
    sa.Column(names.ETAG, sa.String, nullable=True),
    sa.Column(names.LAST_MODIFIED, sa.String, nullable=True),
)
"""The table as this release reads and writes it (schema step 6 creates it)."""

NEVER_FETCHED = "not fetched yet"


@dataclass(frozen=True, slots=True)
class Subscription:
    """One followed feed, as ``feeds list`` shows it."""

    url: str
    title: str | None = None
    tags: tuple[str, ...] = ()
    last_fetched: datetime | None = None
    status: str = NEVER_FETCHED
    ok: bool = True
    entries: int = 0
    validators: Validators = field(default_factory=Validators)

    def as_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "tags": list(self.tags),
            "last_fetched": self.last_fetched.isoformat() if self.last_fetched else None,
            "status": self.status,
            "entries": self.entries,
        }


def _record(row: Any, entries: int) -> Subscription:
    return Subscription(
        url=row.url,
        title=row.title,
        tags=tuple(row.tags or ()),
        last_fetched=row.last_fetched,
        status=row.status,
        ok=bool(row.ok),
        entries=entries,
        validators=Validators(row.etag, row.last_modified),
    )


def list_subscriptions(store: Store, urls: Sequence[str] | None = None) -> list[Subscription]:
    """Every subscription (or those of ``urls``), in the order they were added."""
    if not store.exists():
        return []
    query = sa.select(SUBSCRIPTION).order_by(SUBSCRIPTION.c.id)
    if urls is not None:
        query = query.where(SUBSCRIPTION.c.url.in_(list(urls)))
    with store._read() as conn:
        rows = conn.execute(query).all()
        counts = _entry_counts(conn, [row.url for row in rows])
    return [_record(row, counts.get(row.url, 0)) for row in rows]


def _entry_counts(conn: sa.Connection, urls: list[str]) -> dict[str, int]:
    if not urls:
        return {}
    source = ARTICLE.c.source
    query = sa.select(source, sa.func.count()).where(source.in_(urls)).group_by(source)
    return {row[0]: int(row[1]) for row in conn.execute(query)}


def add_subscription(
    store: Store, url: str, tags: Sequence[str] = (), title: str | None = None
) -> bool:
    """Subscribe to ``url``; False when it was subscribed already (its new tags are added)."""
    with store._write() as conn:
        row = conn.execute(
            sa.select(SUBSCRIPTION.c.tags, SUBSCRIPTION.c.title).where(SUBSCRIPTION.c.url == url)
        ).first()
        if row is not None:
            merged = list(dict.fromkeys([*(row.tags or []), *tags]))
            conn.execute(
                sa.update(SUBSCRIPTION)
                .where(SUBSCRIPTION.c.url == url)
                .values(tags=merged, title=row.title or title)
            )
            return False
        conn.execute(
            sa.insert(SUBSCRIPTION).values(
                url=url,
                title=title,
                tags=list(dict.fromkeys(tags)),
                added_at=datetime.now(UTC),
                status=NEVER_FETCHED,
                ok=True,
            )
        )
        return True


def remove_subscription(store: Store, url: str) -> bool:
    """Unsubscribe; the articles the feed brought stay. False when it was not subscribed."""
    if not store.exists():
        return False
    with store._write() as conn:
        done = conn.execute(sa.delete(SUBSCRIPTION).where(SUBSCRIPTION.c.url == url))
        return bool(done.rowcount)


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """What one refresh found for a feed; validators and title are kept when None."""

    url: str
    status: str
    ok: bool
    validators: Validators | None = None
    title: str | None = None
    when: datetime = field(default_factory=lambda: datetime.now(UTC))


def record_fetches(store: Store, records: Sequence[FetchRecord]) -> None:
    """Save what a refresh found, for many feeds in one transaction.

    Called only after the feeds' new documents are committed, so a validator never stands for
    entries the store did not get. One transaction for all: fifty feeds that answered 304 cost
    one commit, not fifty.
    """
    if not records:
        return
    table = SUBSCRIPTION
    common = {
        "status": sa.bindparam("b_status"),
        "ok": sa.bindparam("b_ok"),
        "last_fetched": sa.bindparam("b_when", type_=UTCDateTime()),
        "title": sa.func.coalesce(sa.bindparam("b_title", type_=sa.String), table.c.title),
    }
    keep = sa.update(table).where(table.c.url == sa.bindparam("b_url")).values(**common)
    new = keep.values(etag=sa.bindparam("b_etag"), last_modified=sa.bindparam("b_modified"))
    rows: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
    for record in records:
        row = {
            "b_url": record.url,
            "b_status": record.status,
            "b_ok": record.ok,
            "b_when": record.when,
            "b_title": record.title or None,
        }
        if record.validators is not None:
            row["b_etag"] = record.validators.etag
            row["b_modified"] = record.validators.last_modified
        rows[record.validators is not None].append(row)
    with store._write() as conn:  # one executemany per shape of update
        for has_validators, batch in rows.items():
            if batch:
                conn.execute(new if has_validators else keep, batch)


def known_urls(store: Store, urls: Sequence[str]) -> set[str]:
    """Which of these article URLs the store holds already (to tell new entries)."""
    found: set[str] = set()
    if not store.exists() or not urls:
        return found
    with store._read() as conn:
        for start in range(0, len(urls), 500):
            chunk = list(urls[start : start + 500])
            query = sa.select(ARTICLE.c.url).where(ARTICLE.c.url.in_(chunk))
            found.update(row.url for row in conn.execute(query))
    return found
