"""A moment as its page wrote it: UTC in the column that sorts, the writer's offset beside it.

A page that says "2020-08-15T21:35:00-07:00" was published on the 15th where it was written,
though it is already the 16th in UTC. Columns hold UTC (so sorting and ``published:`` filters
compare instants on every database), and a second column holds the offset in minutes, so the
record handed out is the same instant in the zone it was written in: its calendar day and its
ISO 8601 text are the page's. A time written without a zone has no offset and is shown as
written (it was read as UTC, and UTC is how it comes back).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone


def offset_minutes(moment: datetime | None) -> int | None:
    """Minutes east of UTC that ``moment`` was written in, or None for no time or no zone."""
    if moment is None or moment.tzinfo is None:
        return None
    offset = moment.utcoffset()
    return None if offset is None else int(offset.total_seconds() // 60)


def as_written(moment: datetime | None, offset: int | None) -> datetime | None:
    """The stored UTC ``moment`` in the zone it was written in (unchanged without an offset)."""
    if moment is None or offset is None:
        return moment
    return moment.astimezone(timezone(timedelta(minutes=offset)))


def utc_wall(moment: datetime) -> datetime:
    """An aware ``moment`` as the naive UTC wall time a ``TIMESTAMP`` column keeps (SQLite and
    PostgreSQL alike: the zone is dropped, the instant kept)."""
    return moment.astimezone(UTC).replace(tzinfo=None)
