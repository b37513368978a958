"""``claimdesk refresh`` when nothing is new: conditional requests and statuses, no SQLAlchemy.

The second refresh of fifty unchanged feeds is fifty 304s and one small write, ≈0.1 s of work,
but opening a :class:`~store.store.Store` imports SQLAlchemy and sqlmodel first, ≈0.5 s of CPU
(session 11's measures). So for a SQLite store file at the schema version it knows
(:data:`~store.fetch.subscription_table.KNOWN_SCHEMA_VERSION`), this module reads the
subscriptions' URLs and validators with the stdlib driver, sends the conditional requests, and,
when every feed answered 304 or failed, writes their statuses in one transaction with the same
driver, as :func:`store.fetch.subscriptions.record_fetches` would.

A feed that sends a body (an entry may be new, or its server ignores validators) is not settled
here: :func:`store.fetch.refresh.refresh_rest` opens the store, saves the settled feeds'
statuses and runs the full refresh for the others only, so no feed is fetched twice on a 304.
Anything this module does not expect (no file, another schema version, a URL not subscribed,
a SQLite error) answers None, and the caller takes the full way from the start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from store.fetch import subscription_table as names
from store.fetch.client import DEFAULT_TIMEOUT, FETCH_THREADS, Fetched, Fetcher, Validators
from store.fetch.results import FeedResult, Listener, Progress, RefreshCounts, reason_of
from store.ingest.reading import MAX_BYTES
from store.moments import utc_wall
from store.sqlite_wait import BUSY_TIMEOUT_MS


@dataclass(slots=True)
class Settled:
    """A feed that answered 304 or failed: its line is final, its status is to be saved."""

    result: FeedResult
    when: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(slots=True)
class UnchangedRun:
    """What the stdlib pass did: settled feeds (saved or not yet), and the feeds left over."""

    settled: list[Settled] = field(default_factory=list)
    rest: list[str] = field(default_factory=list)
    """Feeds that sent a body, in subscription order: the full refresh fetches them."""
    saved: bool = False
    """The settled feeds' statuses are written (only when :attr:`rest` is empty)."""


def _stored_time(when: datetime) -> str:
    """A UTC time as SQLAlchemy's SQLite DATETIME stores it (what ``UTCDateTime`` reads)."""
    return utc_wall(when).isoformat(sep=" ", timespec="microseconds")


def _subscriptions(
    conn: sqlite3.Connection, urls: Sequence[str] | None
) -> list[tuple[str, Validators]] | None:
    """The feeds to refresh with their validators, in the order they were added; None when
    the store is not one this module may touch (another schema version, a URL not subscribed,
    nothing subscribed)."""
    version = conn.execute(
        f"SELECT {names.SCHEMA_VERSION_COLUMN} FROM {names.SCHEMA_VERSION_TABLE}"  # noqa: S608
    ).fetchone()
    if version is None or version[0] != names.KNOWN_SCHEMA_VERSION:
        return None
    rows = conn.execute(
        f"SELECT {names.URL}, {names.ETAG}, {names.LAST_MODIFIED} FROM {names.TABLE} "  # noqa: S608
        f"ORDER BY {names.ID}"
    ).fetchall()
    feeds = [(str(url), Validators(etag, modified)) for url, etag, modified in rows]
    if urls is not None:
        wanted = set(urls)
        feeds = [feed for feed in feeds if feed[0] in wanted]
        if len({url for url, _ in feeds}) != len(wanted):
            return None  # the full path reports the URLs that are not subscribed
    return feeds or None


def _save(conn: sqlite3.Connection, settled: Sequence[Settled]) -> None:
    """The settled feeds' statuses and times in one transaction (validators and titles kept:
    a 304 or a failure says nothing new about either)."""
    update = (
        f"UPDATE {names.TABLE} SET {names.STATUS} = ?, {names.OK} = ?, "  # noqa: S608
        f"{names.LAST_FETCHED} = ? WHERE {names.URL} = ?"
    )
    rows = [
        (s.result.status, int(s.result.ok), _stored_time(s.when), s.result.url) for s in settled
    ]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(update, rows)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _settle(url: str, fetched: Fetched | None, error: Exception | None) -> Settled | None:
    """The feed's final result when it answered 304 or failed; None when it sent a body."""
    if error is not None:
        return Settled(FeedResult(url, ok=False, reason=reason_of(error)))
    if fetched is not None and fetched.not_modified:
        return Settled(FeedResult(url, not_modified=True))
    return None


def refresh_unchanged(
    path: Path | None,
    urls: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    listener: Listener | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
) -> UnchangedRun | None:
    """Refresh the feeds of the SQLite store at ``path`` as far as the stdlib allows.

    None when this path does not apply (see the module's docstring): nothing was fetched then.
    Otherwise every feed was asked once; ``listener`` heard each settled feed as it answered.
    """
    if path is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        try:
            feeds = _subscriptions(conn, urls)
        except sqlite3.Error:
            return None
        if feeds is None:
            return None
        run = UnchangedRun()
        with (
            Fetcher(timeout=timeout, max_bytes=max_bytes) as fetcher,
            ThreadPoolExecutor(min(FETCH_THREADS, len(feeds))) as threads,
        ):
            asked = {threads.submit(fetcher.get, url, v): url for url, v in feeds}
            for future in as_completed(asked):
                try:
                    settled = _settle(asked[future], future.result(), None)
                except Exception as error:  # FetchError, or a bug: this feed's line only
                    settled = _settle(asked[future], None, error)
                if settled is None:
                    continue
                run.settled.append(settled)
                if listener is not None:
                    listener(settled.result)
                if progress is not None:
                    failed = sum(1 for s in run.settled if not s.result.ok)
                    progress(RefreshCounts(len(run.settled), len(feeds), 0, failed=failed))
        done = {s.result.url for s in run.settled}
        run.rest = [url for url, _ in feeds if url not in done]
        if not run.rest:
            try:
                _save(conn, run.settled)
                run.saved = True
            except sqlite3.Error:
                pass  # the store saves them (or says why it cannot)
        return run
    finally:
        conn.close()
