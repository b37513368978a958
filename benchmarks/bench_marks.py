"""What "mark all" and exporting many marks cost in the app: time and memory.

    python benchmarks/bench_marks.py                  # 10k and 100k records
    python benchmarks/bench_marks.py --sizes 1000000  # the big one (about 500k comments)

Uses the stores :mod:`bench_browser` generates (and caches). For the longest list (comments,
half the records) it prints: the ids query behind ``A`` (``Store.browse_ids``), putting them in
the app's :class:`~tui.app.marks.Marks`, the memory those marks hold, inverting them, and the
export job the app's worker runs (:func:`store.export.pipeline.export_records`) for the first
10,000 marks as JSON Lines and as a Markdown brief. The goal: ``A`` on 100k rows under a
second; the app asks before marking more than 10,000 rows because of the memory and the export
time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_browser import generated_store  # this folder: the script runs from here

from store.browse import SortOrder
from store.export.pipeline import export_records
from store.store import Store
from tui.app.marks import Mark, Marks

EXPORTED = 10_000


def measure(records: int) -> None:
    store = Store.open(str(generated_store(records)))
    store.counts()
    started = time.perf_counter()
    ids = store.browse_ids("comment", SortOrder("article"))
    query = time.perf_counter() - started
    tracemalloc.start()
    started = time.perf_counter()
    marks = Marks()
    marks.mark_all("comment", ids)
    marking = time.perf_counter() - started
    held = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    started = time.perf_counter()
    marks.invert("comment", ids[: len(ids) // 2])
    inverting = time.perf_counter() - started
    print(
        f"{records:>9,} records: {len(ids):,} comments; ids query {query * 1000:.0f} ms, "
        f"marking {marking * 1000:.0f} ms ({held:.0f} MiB held), invert {inverting * 1000:.0f}"
        " ms"
    )
    chosen: list[Mark] = [("comment", i) for i in ids[:EXPORTED]]
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("jsonl", "md"):
            started = time.perf_counter()
            outcome = export_records(store, chosen, fmt, Path(folder) / f"out.{fmt}")
            took = time.perf_counter() - started
            size = outcome.path.stat().st_size / 2**20 if outcome.ok else 0
            print(
                f"{'':>19}export of {EXPORTED:,} marks as {fmt}: {took:.2f} s, {size:.1f} MiB"
                f" ({outcome.summary or outcome.problem})"
            )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    for records in parser.parse_args().sizes:
        measure(records)


if __name__ == "__main__":
    main()
