"""The vocabulary of a write transaction, counted beside its inserts and merged once.

Counting every batch's words into the stored vocabulary cost an import more than the records
did (62 % of a 100k-record import's CPU time, ``benchmarks/bench_search_real.py``): each
batch looked up and upserted every distinct word it held (most of them common words met in
every batch) and filed the keys of its new words into a B-tree at random places. A
transaction that writes many batches (an importer streaming a file, see
:meth:`store.store.Store.transaction`) now counts its words in memory and merges them once,
just before it commits: one sorted upsert of each distinct word and one sorted run of keys
(:func:`store.search.vocabulary.plan_counts` and :func:`~store.search.vocabulary.
write_counts`), at any vocabulary size.

The counting runs in a thread of its own while the batch's rows are inserted: SQLite runs
without Python's lock, so the two use both cores. A batch's counts join the transaction's
only once its rows are written; a batch the store refuses adds nothing.

A transaction of large batches also defers its full-text indexing to its end
(:mod:`store.search.deferred`): at the commit, SQLite indexes the rows in bulk while the
thread makes the new words' deletion keys (sorting them and encoding them for SQLite), the
two halves that cost most at the end of a large import, on both cores.

A transaction that wrote a large share of a kind's records (an import into a new or small
store) also leaves that kind's full-text index merged into one segment
(:func:`store.search.index.merge_segments`), where FTS5 had left a dozen at a million records.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import TYPE_CHECKING

from store.search.deferred import DeferredIndex
from store.search.index import merge_segments, record_texts
from store.search.vocabulary import Cursorable, count_words, plan_counts, write_counts

if TYPE_CHECKING:
    from store.writing import RowBatch


class PendingWords:
    """Word counts of the batches written so far in one transaction (a context manager: it
    owns the counting thread, stopped on leaving)."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._pool: ThreadPoolExecutor | None = None
        self._merges: list[Future[None]] = []
        self._sizes: dict[Future[Counter[str]], dict[str, int]] = {}
        self._written: Counter[str] = Counter()
        self._index = DeferredIndex()

    def __enter__(self) -> PendingWords:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def before_batch(self, conn: Cursorable, documents: int) -> None:
        """Called before each batch's savepoint: a large batch defers the full-text indexing
        of the rest of the transaction to its end (see :mod:`store.search.deferred`)."""
        self._index.before_batch(conn, documents)

    def count(self, rows: RowBatch) -> Future[Counter[str]]:
        """Begin counting the words of ``rows`` (in the thread); :meth:`add` the result once
        the rows are written."""
        texts = list(record_texts(rows.articles, rows.claims, rows.comments))
        counted = self._thread().submit(count_words, texts)
        self._sizes[counted] = {
            "article": len(rows.articles),
            "claim": len(rows.claims),
            "comment": len(rows.comments),
        }
        return counted

    def _thread(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimdesk-words")
        return self._pool

    def add(self, counted: Future[Counter[str]]) -> None:
        """Take the counts of a batch whose rows were written (merged in the thread, after
        its counting: the pool runs one task at a time, in order)."""
        self._written.update(self._sizes.pop(counted, {}))
        self._merges.append(self._thread().submit(self._merge, counted))

    def _merge(self, counted: Future[Counter[str]]) -> None:
        self._counts.update(counted.result())

    def merge_into(self, conn: Cursorable) -> None:
        """Write the counts into the vocabulary (inside the transaction, before it commits),
        and merge the full-text segments of the kinds this transaction wrote much of."""
        for merge in self._merges:
            merge.result()
        self._merges.clear()
        plan = plan_counts(conn, self._counts)
        keys = self._thread().submit(plan.key_run)
        # The deferred full-text index is built and merged by SQLite without Python's lock,
        # the new words' keys meanwhile made by the thread: at a million records each takes
        # seconds.
        self._index.finish(conn)
        merge_segments(conn, self._written)
        self._written = Counter()
        write_counts(conn, plan, keys.result())
        self._counts = Counter()
