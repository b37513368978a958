"""Fetching many URLs into the store at once: ``claimdesk refresh`` and ``claimdesk import URL``.

Three kinds of work overlap, each where it is cheapest:

- HTTP in a pool of threads (waiting on the network costs no CPU), at most
  :data:`~store.fetch.client.PER_HOST` requests at a time to one host;
- parsing and claim extraction (the costly part) in the file import's pool of processes, one per
  core, started only once there is enough to parse to pay for starting it;
- writing in this thread, the store's one writer: each document in one transaction with its
  comments and claims, so a failure in one never half-writes or loses another.

With ``full_pages``, each new entry whose text is a summary has its linked page fetched and
parsed too, and is stored as that page (full text, comments, claims) with the feed's date and
tags; an entry whose page fails is stored as the feed gave it, with a warning.

Entries are stored as they are ready, not when their whole feed is: those that need no page as
soon as the feed is parsed, the others as soon as their own page is parsed or has failed. A
feed whose entries link to a slow server would otherwise show nothing until its slowest page
timed out (30 s by default). A feed's ready entries are written together when the feed is
done, or once the first of them has waited :data:`STORE_SECONDS`: a feed whose pages come
quickly is still one transaction (each costs ≈13 ms of CPU beyond its documents, so a thousand
pages must not be a thousand commits), and a slow one shows its first entries within seconds.

A feed's validators (ETag, Last-Modified) are saved only after all its documents are committed,
so a 304 never stands for entries the store did not get: a refresh stopped half-way fetches the
feed again next time, and the entries it stored already are known by their URLs.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field, replace
from typing import Any

from store.fetch.client import DEFAULT_TIMEOUT, FETCH_THREADS, Fetched, Fetcher, Validators
from store.fetch.documents import (
    Parsed,
    ParseJob,
    is_feed_format,
    is_summary,
    parse_job,
    with_page,
)
from store.fetch.results import FeedResult as FeedResult
from store.fetch.results import Listener as Listener
from store.fetch.results import Progress as Progress
from store.fetch.results import RefreshCounts as RefreshCounts
from store.fetch.results import RefreshReport as RefreshReport
from store.fetch.results import reason_of
from store.fetch.subscriptions import (
    FetchRecord,
    known_urls,
    list_subscriptions,
    record_fetches,
)
from store.fetch.unchanged import UnchangedRun
from store.ingest.reading import MAX_BYTES
from store.records import DocumentDraft
from store.store import Store, StoreError
from store.workers import worker_pool

SAVE_SECONDS = 2.0
"""Feeds' statuses are saved together, at most this long after the first is known."""
STORE_SECONDS = 2.0
"""Entries that are ready (parsed, or their page failed) wait at most about this long to be
stored while their feed's other pages come (the run's loop looks every 0.5 s)."""
PAGES_IN_FLIGHT = 32
"""Linked pages being fetched or waiting to be parsed at once (``full_pages``)."""
INLINE_JOBS = 2
"""The answers of a run of at most this many URLs (and no linked pages) are parsed in this
thread: starting the worker pool costs more than it saves for an import of a page or two. A
larger run parses everything in the pool, so this process never imports the parsers (≈2 s of
CPU) that each worker imports anyway, and the pool starts at the first answer."""


class _Parser:
    """Parse jobs in this thread first, then in the file import's worker pool."""

    def __init__(self) -> None:
        self._pool: Any = None
        self._inline_left = 0

    def parse_inline(self, jobs: int) -> None:
        """Parse the next ``jobs`` answers in this thread (until the pool is started)."""
        self._inline_left = jobs

    def submit(self, job: ParseJob) -> Future[Parsed]:
        if self._pool is None and self._inline_left > 0:
            self._inline_left -= 1
            done: Future[Parsed] = Future()
            done.set_result(parse_job(job))
            return done
        if self._pool is None:
            self._pool = worker_pool()
        future: Future[Parsed] = self._pool.submit(parse_job, job)
        return future

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)


class _DaemonThreads:
    """Threads for the fetches: ``submit`` like an executor's, but on daemon threads.

    A ThreadPoolExecutor's threads are joined when the interpreter exits, so quitting the app
    in the middle of a refresh would wait for the slowest server (up to the timeout). These
    are left to die with the process once the refresh is stopped.
    """

    def __init__(self, count: int) -> None:
        self._jobs: queue.SimpleQueue[
            tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None
        ] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"claimdesk-fetch-{n}", daemon=True)
            for n in range(count)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self._jobs.put((future, function, args))
        return future

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, function, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(function(*args))
            except BaseException as error:  # handed to whoever waits on the future
                future.set_exception(error)

    def shutdown(self, wait: bool) -> None:
        for _ in self._threads:
            self._jobs.put(None)
        if wait:
            for thread in self._threads:
                thread.join()


@dataclass(slots=True)
class _Feed:
    """One feed on its way through the run."""

    url: str
    validators: Validators | None
    result: FeedResult
    fetched: Fetched | None = None
    drafts: list[DocumentDraft] = field(default_factory=list)
    waiting: int = 0
    """Linked pages still being fetched or parsed."""
    ready: list[DocumentDraft] = field(default_factory=list)
    """Entries ready to be stored (parsed, or their page failed), not stored yet."""
    ready_since: float = 0.0
    """When the first of :attr:`ready` became ready."""
    finished: bool = False
    """Its line was emitted (done, or failed): nothing more is stored for it."""


class _Run:
    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        subscribed: bool,
        full_pages: bool,
        listener: Listener | None,
        progress: Progress | None,
        stop: threading.Event | None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.subscribed = subscribed
        self.full_pages = full_pages
        self.listener = listener
        self.progress = progress
        self.stop = stop or threading.Event()
        self.report = RefreshReport()
        self.total = 0
        self.parser = _Parser()
        self.threads = _DaemonThreads(FETCH_THREADS)
        self.work: dict[Future[Any], tuple[str, _Feed, int]] = {}
        self.records: list[FetchRecord] = []
        self.last_saved = time.monotonic()
        self.page_queue: deque[tuple[_Feed, int]] = deque()
        self.pages_in_flight = 0
        self.unstored: dict[str, _Feed] = {}
        """Feeds with ready entries and pages still to come, by URL, oldest ready first."""
        self.new = 0
        self.pages = 0
        self.pages_done = 0
        self.failed = 0

    def run(self, feeds: Sequence[tuple[str, Validators | None]]) -> RefreshReport:
        self.total = len(feeds)
        if len(feeds) <= INLINE_JOBS and not self.full_pages:
            self.parser.parse_inline(INLINE_JOBS)
        try:
            for url, validators in feeds:
                feed = _Feed(url, validators, FeedResult(url))
                self._submit("feed", feed, self.threads.submit(self.fetcher.get, url, validators))
            while self.work and not self.stop.is_set():
                done, _ = wait(list(self.work), timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    kind, feed, index = self.work.pop(future)
                    self._step(kind, feed, index, future)
                if self.unstored:
                    self._store_waiting()
            self._save_records()
        finally:
            stopped = self.stop.is_set()
            if stopped:
                self.fetcher.cancel()
            for future in self.work:
                future.cancel()
            self.threads.shutdown(wait=not stopped)
            self.parser.close(cancel=stopped)
        return self.report

    def _submit(self, kind: str, feed: _Feed, future: Future[Any], index: int = -1) -> None:
        self.work[future] = (kind, feed, index)

    def _step(self, kind: str, feed: _Feed, index: int, future: Future[Any]) -> None:
        if kind == "feed":
            self._fetched_feed(feed, future)
        elif kind == "parse":
            self._parsed_feed(feed, _parsed(future))
        elif kind == "page":
            self._fetched_page(feed, index, future)
        else:
            self._parsed_page(feed, index, _parsed(future))

    # -- the feed itself ---------------------------------------------------------------------

    def _fetched_feed(self, feed: _Feed, future: Future[Fetched]) -> None:
        try:
            fetched = future.result()
        except Exception as error:  # FetchError, or a bug: one feed's line, never the run's end
            self._fail(feed, reason_of(error))
            return
        feed.fetched = fetched
        if fetched.not_modified or fetched.body is None:
            feed.result.not_modified = True
            self._finish(feed)
            return
        job = ParseJob(
            fetched.body, feed.url, fetched.final_url, fetched.content_type, fetched.charset
        )
        self._submit("parse", feed, self.parser.submit(job))

    def _parsed_feed(self, feed: _Feed, parsed: Parsed) -> None:
        if parsed.failure is not None:
            self._fail(feed, parsed.failure)
            return
        feed.result.title = parsed.feed_title
        feed.drafts = list(parsed.drafts)
        if self.subscribed and not is_feed_format(parsed.format):
            self._fail(
                feed,
                f"not a feed: it serves {_a(parsed.format)} (`claimdesk import "
                "URL` imports it once)",
            )
            return
        paged = self._fetch_pages(feed) if self.full_pages else set()
        for index, draft in enumerate(feed.drafts):
            if index not in paged:
                self._ready(feed, draft)
        if feed.waiting == 0:
            self._finish(feed)

    # -- linked pages (full_pages) -----------------------------------------------------------

    def _fetch_pages(self, feed: _Feed) -> set[int]:
        """Queue the linked pages of the feed's new summaries; the indices of their entries."""
        urls = [d.url for d in feed.drafts if d.url]
        known = known_urls(self.store, urls)
        paged = {
            index
            for index, draft in enumerate(feed.drafts)
            if draft.url and draft.url not in known and is_summary(draft)
        }
        for index in sorted(paged):
            self.page_queue.append((feed, index))
        feed.waiting += len(paged)
        self.pages += len(paged)
        self._pump_pages()
        return paged

    def _pump_pages(self) -> None:
        """Start page fetches while fewer than :data:`PAGES_IN_FLIGHT` are fetched or parsed,
        so a refresh of thousands of pages holds a bounded number of them in memory."""
        while self.page_queue and self.pages_in_flight < PAGES_IN_FLIGHT:
            feed, index = self.page_queue.popleft()
            self.pages_in_flight += 1
            url = feed.drafts[index].url or ""  # only drafts with a URL are queued
            self._submit("page", feed, self.threads.submit(self.fetcher.get, url), index)

    def _fetched_page(self, feed: _Feed, index: int, future: Future[Fetched]) -> None:
        try:
            fetched = future.result()
        except Exception as error:  # as for a feed: one entry's warning
            self._page_failed(feed, index, reason_of(error))
            return
        if fetched.body is None:  # a 304 to an unconditional request: nothing to read
            self._page_failed(feed, index, "the server sent no page")
            return
        job = ParseJob(
            fetched.body, feed.url, fetched.final_url, fetched.content_type, fetched.charset
        )
        self._submit("page-parse", feed, self.parser.submit(job), index)

    def _parsed_page(self, feed: _Feed, index: int, parsed: Parsed) -> None:
        if parsed.failure is not None or len(parsed.drafts) != 1:
            self._page_failed(feed, index, parsed.failure or "the link is not one page")
            return
        feed.result.pages += 1
        feed.drafts[index] = with_page(feed.drafts[index], parsed.drafts[0])
        self._page_done(feed, index)

    def _page_failed(self, feed: _Feed, index: int, reason: str) -> None:
        feed.result.page_failures += 1
        self.failed += 1
        entry = feed.drafts[index]
        entry.warnings.append(f"full page {entry.url}: {reason}; kept the feed's summary")
        self._page_done(feed, index)

    def _page_done(self, feed: _Feed, index: int) -> None:
        feed.waiting -= 1
        self.pages_in_flight -= 1
        self.pages_done += 1
        self._ready(feed, feed.drafts[index])
        self._pump_pages()
        if feed.waiting == 0:
            self._finish(feed)
        else:
            self._tell()

    # -- the end of a feed -------------------------------------------------------------------

    def _ready(self, feed: _Feed, draft: DocumentDraft) -> None:
        if not feed.ready:
            feed.ready_since = time.monotonic()
            self.unstored[feed.url] = feed
        feed.ready.append(draft)

    def _store_waiting(self) -> None:
        """Store the ready entries of the feeds whose first ready one has waited
        :data:`STORE_SECONDS` for the feed's other pages."""
        now = time.monotonic()
        late = [f for f in self.unstored.values() if now - f.ready_since >= STORE_SECONDS]
        for feed in late:
            self._store(feed)
        if late:
            self._tell()

    def _store(self, feed: _Feed) -> bool:
        """Store the feed's ready entries in one transaction; False when the store refused
        them (the feed has failed then: its line says why, its validators are not saved)."""
        self.unstored.pop(feed.url, None)
        drafts, feed.ready = feed.ready, []
        if feed.finished or not drafts:
            return not feed.finished
        try:
            outcomes = self.store.add_documents(drafts)
        except StoreError as error:
            self._fail(feed, str(error))
            return False
        feed.result.outcomes += outcomes
        self.new += sum(1 for o in outcomes if o.created)
        return True

    def _finish(self, feed: _Feed) -> None:
        if feed.finished or not self._store(feed):
            return
        result = feed.result
        if self.subscribed:
            fetched = feed.fetched
            validators = None
            if fetched is not None and not fetched.not_modified:
                validators = fetched.validators
            self._record(feed, result.status, True, validators, result.title)
        self._emit(feed)

    def _fail(self, feed: _Feed, reason: str) -> None:
        """The feed's line, failed; entries it had stored before stay, and are counted."""
        if feed.finished:
            return
        feed.result.ok = False
        feed.result.reason = reason
        self.failed += 1
        if self.subscribed:
            self._record(feed, feed.result.status, False, None, None)
        self._emit(feed)

    def _record(
        self, feed: _Feed, status: str, ok: bool, validators: Validators | None, title: str | None
    ) -> None:
        self.records.append(FetchRecord(feed.url, status, ok, validators, title))
        if time.monotonic() - self.last_saved >= SAVE_SECONDS:
            self._save_records()

    def _save_records(self) -> None:
        """Write the feeds' statuses gathered so far; a store error marks them failed."""
        records, self.records = self.records, []
        self.last_saved = time.monotonic()
        try:
            record_fetches(self.store, records)
        except StoreError as error:
            urls = {r.url for r in records}
            for result in self.report.results:
                if result.url in urls:
                    result.ok = False
                    result.reason = f"status not saved: {error}"

    def _emit(self, feed: _Feed) -> None:
        feed.finished = True
        self.unstored.pop(feed.url, None)
        self.report.results.append(feed.result)
        if self.listener is not None:
            self.listener(feed.result)
        self._tell()

    def _tell(self) -> None:
        if self.progress is not None:
            self.progress(
                RefreshCounts(
                    len(self.report.results),
                    self.total,
                    self.new,
                    self.pages_done,
                    self.pages,
                    self.failed,
                )
            )


def _a(name: str) -> str:
    """ "an HTML page", "a saved page", "JSON data"."""
    if not name.endswith("page"):
        return f"{name} data"
    return f"an {name}" if name[:1].lower() in "aeiouh" else f"a {name}"


def _parsed(future: Future[Parsed]) -> Parsed:
    """A parse job's result; a worker that died (out of memory, killed) is one failure."""
    try:
        return future.result()
    except Exception as error:
        return Parsed(failure=f"the parser stopped: {type(error).__name__}: {error}")


def refresh_feeds(
    store: Store,
    urls: Sequence[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    full_pages: bool = False,
    listener: Listener | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    stop: threading.Event | None = None,
    fetcher: Fetcher | None = None,
) -> RefreshReport:
    """Fetch every subscribed feed (or those of ``urls``) and store what is new.

    A URL in ``urls`` that is not subscribed is reported as failed ("not subscribed").
    Never raises for a feed's failure: each one is a :class:`FeedResult`.
    """
    subscriptions = list_subscriptions(store, urls)
    report = RefreshReport()
    if urls is not None:
        subscribed = {s.url for s in subscriptions}
        for url in urls:
            if url not in subscribed:
                missing = FeedResult(url, ok=False, reason="not subscribed (feeds add URL)")
                report.results.append(missing)
                if listener is not None:
                    listener(missing)
    feeds = [(s.url, s.validators) for s in subscriptions]
    own = fetcher is None
    client = fetcher or Fetcher(timeout=timeout, max_bytes=max_bytes)
    try:
        done = _Run(store, client, True, full_pages, listener, progress, stop).run(feeds)
    finally:
        if own:
            client.close()
    report.results += done.results
    return report


def refresh_rest(
    store: Store,
    done: UnchangedRun,
    timeout: float = DEFAULT_TIMEOUT,
    full_pages: bool = False,
    listener: Listener | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
) -> RefreshReport:
    """Finish a refresh that :func:`store.fetch.unchanged.refresh_unchanged` began: save the
    statuses of the feeds it settled (304 or failed; their lines were told already), and run
    the full refresh for the feeds that sent a body, which it did not store."""
    report = RefreshReport([s.result for s in done.settled])
    if not done.saved:
        records = [
            FetchRecord(s.result.url, s.result.status, s.result.ok, when=s.when)
            for s in done.settled
        ]
        try:
            record_fetches(store, records)
        except StoreError as error:
            for result in report.results:
                result.ok = False
                result.reason = f"status not saved: {error}"
    if not done.rest:
        return report
    told, failed = len(report.results), report.failed

    def shifted(counts: RefreshCounts) -> None:
        if progress is not None:  # the bar goes on from the feeds settled before
            progress(
                replace(
                    counts,
                    feeds_done=counts.feeds_done + told,
                    feeds=counts.feeds + told,
                    failed=counts.failed + failed,
                )
            )

    rest = refresh_feeds(
        store, done.rest, timeout, full_pages, listener, shifted, max_bytes=max_bytes
    )
    report.results += rest.results
    return report


def import_urls(
    store: Store,
    urls: Sequence[str],
    timeout: float = DEFAULT_TIMEOUT,
    listener: Listener | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
) -> RefreshReport:
    """Fetch pages and feeds once and store their documents (``claimdesk import URL``)."""
    with Fetcher(timeout=timeout, max_bytes=max_bytes) as fetcher:
        run = _Run(store, fetcher, False, False, listener, progress, None)
        return run.run([(url, None) for url in dict.fromkeys(urls)])
