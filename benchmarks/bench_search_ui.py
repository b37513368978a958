"""Search as the user feels it: key press -> that query's results painted, typing every prefix.

    python benchmarks/bench_search_ui.py                      # 10k and 100k records
    python benchmarks/bench_search_ui.py --sizes 10000        # one size
    python benchmarks/bench_search_ui.py --db /tmp/bench-1m.sqlite3   # a store you have
    python benchmarks/bench_search_ui.py --fps 60             # Textual's default frame rate
    python benchmarks/bench_search_ui.py --db … --pace 100    # a key every 100 ms, as a person

Stores come from the search benchmark's generator (``bench_search.py``: a ≥200k-word
vocabulary with names, Cyrillic and Arabic words) and are cached in the temp dir. The queries
are that benchmark's ≥30 shapes (typos, half-typed words, filters, negation), drawn from
records of the store itself, so any store can be measured.

The app runs headless in this process (``App.run_test``) with ``TEXTUAL_FPS`` set as the real
command sets it. Each key goes in through the driver as a terminal's would; the clock stops
when the app hands the terminal driver a frame showing that key's hits (the whole frame is
composed; only writing it to the terminal is not included). The next key is pressed once that
has happened (or, with ``--pace``, once that many milliseconds have passed since the key
before, as a person types: what the app does between keys then runs too), so every prefix is
answered and timed. The engine's own time per search is
printed beside it, and "rest" is each key's time minus its search's: the interface's share
(thread start, message, layout, waiting for the frame, composing it). "echo" is until the typed
letter itself shows: the app holds it back (≤30 ms) to paint it with its hits in one frame, so
it is the same as the total unless a search is slow. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cached_store import cached_store  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "claimdesk-bench-search-ui"
PAINT_TIMEOUT = 5.0
# The benchmark draws seeded pseudo-random data on purpose (S311): reproducible, not secret.
# ruff: noqa: S311


def generated_store(records: int) -> Path:
    """A store of ``records`` records from bench_search's generator, built once and cached."""
    import bench_search

    def build(partial: Path) -> None:
        vocabulary = bench_search.make_vocabulary(220_000, random.Random(1))
        documents = bench_search.make_documents(records, vocabulary, seed=2)
        bench_search.build(partial, documents, with_index=True)

    return cached_store(CACHE / f"store-{records}.sqlite3", build)


def store_queries(db: Path, count: int, seed: int = 3) -> list[str]:
    """bench_search's query shapes, drawn from articles (and first comments) of ``db``."""
    import bench_search

    from store.records import CommentDraft, DocumentDraft

    rng = random.Random(seed)
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as conn:
        top = conn.execute("SELECT max(id) FROM article").fetchone()[0] or 0
        ids = rng.sample(range(1, top + 1), min(top, 80))
        documents = []
        for article_id in ids:
            row = conn.execute(
                "SELECT title, body FROM article WHERE id = ?", (article_id,)
            ).fetchone()
            comment = conn.execute(
                "SELECT author, body FROM comment WHERE article_id = ? ORDER BY id LIMIT 1",
                (article_id,),
            ).fetchone()
            if row is None or comment is None:
                continue
            documents.append(
                DocumentDraft(
                    title=row[0],
                    body=row[1],
                    source="bench",
                    comments=[CommentDraft(comment[0], comment[1])],
                )
            )
    queries = bench_search.make_queries(documents, seed=seed)
    return queries[:count]


def _key(char: str) -> tuple[str, str]:
    names = {
        " ": "space",
        "!": "exclamation_mark",
        ":": "colon",
        ">": "greater_than_sign",
        "'": "apostrophe",
        "|": "vertical_line",
        "^": "circumflex_accent",
        "$": "dollar_sign",
        "-": "minus",
    }
    return names.get(char, char), char


async def measure(db: Path, queries: list[str], pace: float = 0.0) -> dict[str, float]:
    """Type every prefix of ``queries``; ``pace`` is the least seconds from one key to the
    next (0: the next key as soon as the last one's hits are painted)."""
    from rich.console import RenderableType
    from textual import events
    from textual.app import App
    from textual.screen import Screen

    from store.store import Store
    from tui.app import ClaimdeskApp
    from tui.app.screens.search import QueryInput, SearchScreen
    from tui.app.search_service import SearchService
    from tui.app.widgets.hit_list import HitList

    painted: dict[str, float] = {}
    echoed: dict[str, float] = {}
    """When a frame first showed each prefix in the query line (hits or not)."""
    waiting_for: list[str] = [""]
    arrived = asyncio.Event()
    display = ClaimdeskApp._display

    def timed_display(
        self: App[None], screen: Screen[Any], renderable: RenderableType | None
    ) -> None:
        display(self, screen, renderable)
        if isinstance(screen, SearchScreen):
            echoed.setdefault(screen.current_query, time.perf_counter())
            shown = screen.query_one(HitList).shown_query
            if shown not in painted:
                painted[shown] = time.perf_counter()
                if shown == waiting_for[0]:
                    arrived.set()  # an event, not polling: the loop stays free for the app

    engine_times: dict[str, float] = {}
    engine_starts: dict[str, float] = {}
    handled: dict[str, float] = {}
    """When the screen began to handle each query's results (after the worker's message)."""
    search = SearchService.search
    on_results = SearchScreen.on_search_screen_results

    def timed_results(self: SearchScreen, message: SearchScreen.Results) -> None:
        handled.setdefault(message.query, time.perf_counter())
        on_results(self, message)

    def timed_search(self: SearchService, query: str, limit: int = 50) -> object:
        started = engine_starts[query] = time.perf_counter()
        try:
            return search(self, query, limit)
        finally:
            engine_times[query] = time.perf_counter() - started

    ClaimdeskApp._display = timed_display  # type: ignore[method-assign]
    SearchService.search = timed_search  # type: ignore[assignment,method-assign]
    SearchScreen.on_search_screen_results = timed_results  # type: ignore[method-assign]
    store = Store.open(str(db))
    store.counts()  # open the store (and run any schema step) before timing
    app = ClaimdeskApp(store, keymap_file=CACHE / "no-keys.toml")
    times: list[float] = []
    overheads: list[float] = []
    echoes: list[float] = []
    phases: dict[str, list[float]] = {"to search": [], "to handler": [], "frame": []}
    """Per key: key -> its search starts in the worker (input handling, worker start); the
    search's end -> the screen handles its results (message hand-off); -> its frame is
    composed (the list's update, layout, compositor)."""
    """Per key, until the typed letter showed: with its hits, or alone if they were late."""
    """Per key, the time that is not the engine's: worker, message, layout, frame wait."""
    missed = 0
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("slash")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            query_input = screen.query_one(QueryInput)
            # One search first, so the engine's connection and SQLite's cache are warm.
            waiting_for[0] = queries[0]
            arrived.clear()
            query_input.value = queries[0]
            await asyncio.wait_for(arrived.wait(), PAINT_TIMEOUT)
            driver = app._driver
            assert driver is not None
            for query in queries:
                query_input.value = ""
                await pilot.pause()
                for length in range(1, len(query) + 1):
                    prefix = query[:length]
                    painted.pop(prefix, None)
                    engine_starts.pop(prefix, None)
                    handled.pop(prefix, None)
                    echoed.pop(prefix, None)
                    waiting_for[0] = prefix
                    arrived.clear()
                    key, char = _key(query[length - 1])
                    event = events.Key(key, char)
                    event.set_sender(app)
                    started = time.perf_counter()
                    driver.send_message(event)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(arrived.wait(), PAINT_TIMEOUT)
                    if prefix in painted:
                        times.append(painted[prefix] - started)
                        overheads.append(times[-1] - engine_times.get(prefix, 0.0))
                        echoes.append(echoed.get(prefix, painted[prefix]) - started)
                        if prefix in engine_starts and prefix in handled:
                            ended = engine_starts[prefix] + engine_times[prefix]
                            phases["to search"].append(engine_starts[prefix] - started)
                            phases["to handler"].append(handled[prefix] - ended)
                            phases["frame"].append(painted[prefix] - handled[prefix])
                    elif prefix.strip():
                        missed += 1
                    rest = pace - (time.perf_counter() - started)
                    if rest > 0:
                        await asyncio.sleep(rest)
                    if query_input.value != prefix:
                        raise RuntimeError(
                            f"typed {prefix!r}, the input holds {query_input.value!r}"
                        )
    finally:
        ClaimdeskApp._display = display  # type: ignore[method-assign]
        SearchService.search = search  # type: ignore[method-assign]
        SearchScreen.on_search_screen_results = on_results  # type: ignore[method-assign]
        store.close()
    times.sort()
    overheads.sort()
    echoes.sort()
    engine = sorted(engine_times.values())
    for name, values in phases.items():
        values.sort()
        print(
            f"  {name}: p50 {statistics.median(values) * 1000:.2f} ms, "
            f"p95 {values[int(len(values) * 0.95) - 1] * 1000:.2f} ms"
        )
    return {
        "keys": len(times),
        "missed": missed,
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "max": times[-1],
        "engine_p50": statistics.median(engine),
        "engine_p95": engine[int(len(engine) * 0.95) - 1],
        "ui_p50": statistics.median(overheads),
        "ui_p95": overheads[int(len(overheads) * 0.95) - 1],
        "echo_p95": echoes[int(len(echoes) * 0.95) - 1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db", type=Path, help="measure this store instead of generated ones")
    parser.add_argument("--queries", type=int, default=36, help="how many queries (≥30)")
    parser.add_argument(
        "--fps", default=None, help="TEXTUAL_FPS for the app (default: what `claimdesk` sets)"
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=0.0,
        help="least milliseconds from one key to the next (default 0: once painted)",
    )
    args = parser.parse_args()
    import os

    if args.fps:
        os.environ["TEXTUAL_FPS"] = args.fps
    from tui.perf.textual_settings import configure_textual

    configure_textual()  # before Textual is imported, as in the real command
    stores = [args.db] if args.db else [generated_store(size) for size in args.sizes]
    print(f"TEXTUAL_FPS={os.environ['TEXTUAL_FPS']}")
    print(
        f"{'store':>28} {'records':>10} {'keys':>6} {'p50':>8} {'p95':>8} {'max':>8} "
        f"{'engine p50':>11} {'engine p95':>11} {'rest p50':>9} {'rest p95':>9} "
        f"{'echo p95':>9}"
    )
    for db in stores:
        with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as conn:
            records = sum(
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
                for table in ("article", "claim", "comment")
            )
        queries = store_queries(db, args.queries)
        figures = asyncio.run(measure(db, queries, args.pace / 1000))
        print(
            f"{db.name:>28} {records:>10,} {int(figures['keys']):>6} "
            f"{figures['p50'] * 1000:6.1f}ms {figures['p95'] * 1000:6.1f}ms "
            f"{figures['max'] * 1000:6.1f}ms {figures['engine_p50'] * 1000:9.1f}ms "
            f"{figures['engine_p95'] * 1000:9.1f}ms {figures['ui_p50'] * 1000:7.1f}ms "
            f"{figures['ui_p95'] * 1000:7.1f}ms {figures['echo_p95'] * 1000:7.1f}ms"
            + (f"  ({int(figures['missed'])} keys never painted)" if figures["missed"] else "")
        )
        print("  queries:", json.dumps(queries, ensure_ascii=False))


if __name__ == "__main__":
    main()
