"""What the desk's list operations cost at a million records, and whether a key could wait.

    python benchmarks/bench_desk_lists.py                   # 100k records
    python benchmarks/bench_desk_lists.py --sizes 1000000   # the goal's size (≈500k comments)

Uses the stores :mod:`bench_browser` generates (and caches); a copy is made for the writes.
The goal (issue 14): no operation blocks a keystroke for more than 50 ms. Every operation is
split the way the app runs it: the work of its **worker** thread (time only: the UI thread is
free meanwhile), and what runs on the **UI thread** (must stay under 50 ms). A worker that
holds Python's lock in one long C call would stall the UI thread all the same, so while each
worker runs, a second thread sleeps 1 ms in a loop and the longest it waited beyond that is
printed as **stall**: the longest a key press could have waited for that worker. (The other
processes of a loaded machine delay that thread too: compare stalls within one run.) The app's
garbage-collector settings apply (:mod:`tui.perf.collector`).

Operations: filter in place (the list's snapshot of ids for a query, its first page, the cursor
position), marking 500k rows (``A`` on the comments list: the ids and the prepared marks in the
worker, adopting them on the UI thread, or merging one step of them into existing marks),
saving 500k marks (the current selection), restoring a saved selection of 100k, and the live
lists' poll (the change token) and re-read (count and cursor position).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_browser import generated_store  # this folder: the script runs from here

from store import desk_state
from store.browse import SortOrder
from store.changes import ChangeWatcher
from store.list_view import position
from store.store import Store
from tui.app.marks import Marks, prepare
from tui.app.sources import StoreSource
from tui.perf.collector import IdleCollector

T = TypeVar("T")
GOAL_MS = 50.0


class Stall:
    """The longest a 1 ms sleeper thread overslept while a block ran (seconds)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            time.sleep(0.001)
            self.worst = max(self.worst, time.perf_counter() - started - 0.001)

    @contextmanager
    def watching(self) -> Iterator[None]:
        self._thread.start()
        try:
            yield
        finally:
            self._stop.set()
            self._thread.join()


def worker(label: str, work: Callable[[], T]) -> T:
    """Run ``work`` as a worker would, printing its time and the stall it caused."""
    stall = Stall()
    with stall.watching():
        started = time.perf_counter()
        result = work()
        took = time.perf_counter() - started
    flag = "ok" if stall.worst * 1000 <= GOAL_MS else "OVER"
    print(
        f"  worker  {label:<46} {took * 1000:9.0f} ms   stall {stall.worst * 1000:5.1f} ms {flag}"
    )
    return result


def ui(label: str, work: Callable[[], T]) -> T:
    """Run ``work`` as the UI thread does, printing its time against the goal."""
    started = time.perf_counter()
    result = work()
    took = (time.perf_counter() - started) * 1000
    flag = "ok" if took <= GOAL_MS else "OVER"
    print(f"  UI      {label:<46} {took:9.1f} ms   {flag}")
    return result


def measure(records: int) -> None:
    IdleCollector().start()  # the app's collector settings: no automatic full collection
    original = generated_store(records)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "desk.sqlite3"
        shutil.copy(original, path)
        store = Store.open(str(path))
        counts = store.counts()  # opens the engine, runs the schema step (the new indexes)
        print(
            f"{records:,} records: {counts['article']:,} articles, {counts['claim']:,} claims, "
            f"{counts['comment']:,} comments"
        )
        worker("baseline: nothing (the machine's own noise)", lambda: time.sleep(2.0))
        _filters(store)
        _marking(store)
        _selections(store)
        _live(store)
        store.close()


def _filters(store: Store) -> None:
    print(" filter in place (claims list, sorted by article)")
    for query in ("status:disputed", "claimant:amaq", "claimant:amaq status:false", "tanks"):
        _filter(store, query)
    source = StoreSource(lambda: store, "claim")
    total = worker("whole claims list sorted by figure", lambda: source.count("quantity", True))
    print(f"          {total:,} rows")


def _filter(store: Store, query: str) -> None:
    source = StoreSource(lambda: store, "claim")
    source.filter_text = query
    total = worker(f"snapshot of '{query}'", lambda: source.count("article", False))
    first = worker("  its first page", lambda: source.page("article", False, 0, 100, total))
    if first:
        middle = source.ids("article", False)[total // 2]
        worker("  the cursor's row (position)", lambda: source.position("article", False, middle))
    print(f"          {total:,} rows")


def _marking(store: Store) -> None:
    print(" marking every comment (A)")
    source = StoreSource(lambda: store, "comment")
    ids = worker("ids of the list", lambda: source.ids("article", False))
    ready = worker(f"prepared marks ({len(ids):,})", lambda: prepare(("comment", i) for i in ids))
    marks = Marks()
    ui("adopt them (nothing marked before)", lambda: marks.adopt(ready))
    ui("count them (status line)", lambda: marks.count("comment"))
    ui("snapshot for the autosave (list)", lambda: list(marks))
    other = Marks([("article", 1)])
    pending = iter(ready.marks)
    ui("merge one step into existing marks", lambda: other.merge_step(pending))
    worker(
        f"save {len(marks):,} marks (current selection)",
        lambda: desk_state.save_selection(store, desk_state.CURRENT, marks),
    )


def _selections(store: Store) -> None:
    print(" a saved selection of 100k")
    with store._read() as conn:
        ids = [
            int(i) for i in conn.exec_driver_sql("SELECT id FROM comment LIMIT 100000").scalars()
        ]
    worker(
        "save it (S)",
        lambda: desk_state.save_selection(store, "brief", [("comment", i) for i in ids]),
    )
    loaded = worker("read it back (M)", lambda: desk_state.load_selection(store, "brief"))
    assert loaded is not None
    ready = worker(f"prepared marks ({len(loaded.marks):,})", lambda: prepare(loaded.marks))
    marks = Marks([("claim", 1)])
    ui("install them (replacing the marks)", lambda: marks.install(ready))


def _live(store: Store) -> None:
    print(" live lists")
    watcher = ChangeWatcher(store)
    worker("change token (every 0.5 s)", watcher.token)
    watcher.close()
    source = StoreSource(lambda: store, "article")
    worker("re-read: count of the articles list", lambda: source.count("published", True))
    ids = source.ids("published", True)
    middle = ids[len(ids) // 2]
    worker(
        "re-read: the cursor's row (mid-list)",
        lambda: position(store, "article", SortOrder("published", True), middle),
    )
    worker(
        "re-read: the cursor's row (by title)",
        lambda: position(store, "article", SortOrder("title"), middle),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    for records in parser.parse_args().sizes:
        measure(records)


if __name__ == "__main__":
    main()
