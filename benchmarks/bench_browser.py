"""How the browser feels on big stores: first paint, scroll steps, memory.

    python benchmarks/bench_browser.py                 # 10k, 100k and 1M records
    python benchmarks/bench_browser.py --sizes 10000   # one size
    python benchmarks/bench_browser.py --process       # also the real command, timed in tmux

Stores are generated once (one record in ten an article, four claims and five comments per
article) and cached in the temp dir, so later runs only measure. Figures:

- first paint: ``App.run_test`` started -> the first page of articles painted (in-process, the
  store's modules already imported); for the comments list (the longest: half the records),
  the time from switching to it until its first rows are painted;
- process: ``python -m tui --db STORE`` started in tmux -> a row on screen (includes Python's
  start-up and every import), only with ``--process``;
- scroll step: page down -> the row under the cursor painted with its record (read from the
  store when its page is not cached; median, p95 over 40 steps), and ``G`` (the last of all
  rows) -> painted;
- RSS: the process's resident memory after scrolling.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cached_store import cached_store  # noqa: E402
from textual.strip import Strip  # noqa: E402

from store.records import ClaimDraft, ClaimStatus, CommentDraft, DocumentDraft  # noqa: E402
from store.store import Store  # noqa: E402
from tui.app import ClaimdeskApp  # noqa: E402
from tui.app.screens.browser import BrowserScreen  # noqa: E402
from tui.app.widgets.record_list import RecordList  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "claimdesk-bench-browser"
WORDS = [
    "palmyra",
    "tanks",
    "base",
    "russian",
    "video",
    "claims",
    "amaq",
    "battle",
    "province",
    "army",
    "militia",
    "rockets",
    "spoils",
    "verify",
    "figures",
    "infographic",
    "weapons",
    "ammunition",
    "homs",
    "syria",
    "aleppo",
]
SITES = ["longwarjournal.org", "example.org", "news.example.net", "reuters.com", "bbc.co.uk"]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _draft(rng: random.Random, number: int) -> DocumentDraft:
    sentences = [_sentence(rng, 12) for _ in range(6)]
    body = " ".join(sentences)
    claims = []
    for sentence in sentences[:4]:
        start = body.index(sentence)
        claims.append(
            ClaimDraft(
                sentence,
                start,
                start + len(sentence),
                claimant=rng.choice(["Amaq", "Officials", "Oryx", None]),
                status=rng.choice(list(ClaimStatus)),
            )
        )
    published = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=number * 7)
    comments = [
        CommentDraft(
            f"reader{rng.randrange(5000)}",
            _sentence(rng, 20),
            published + timedelta(hours=i + 1),
            parent_index=i - 1 if i and rng.random() < 0.3 else None,
        )
        for i in range(5)
    ]
    return DocumentDraft(
        title=f"{_sentence(rng, 7)} #{number}",
        body=body,
        source=f"gen/{number}.txt",
        url=f"https://example.org/a/{number}",
        site=rng.choice(SITES),
        published=published,
        comments=comments,
        claims=claims,
    )


def generated_store(records: int) -> Path:
    """A store of about ``records`` records, generated once and cached."""

    def build(partial: Path) -> None:
        store = Store.open(str(partial))
        rng = random.Random(records)  # noqa: S311 (test data, not secrets)
        articles = max(records // 10, 1)
        for first in range(0, articles, 2000):
            store.add_documents([_draft(rng, n) for n in range(first, min(first + 2000, articles))])
        store.close()

    return cached_store(CACHE / f"store-{records}.sqlite3", build)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure_app(path: Path, view: str, steps: int = 40) -> dict[str, float]:
    store = Store.open(str(path))
    store.counts()  # open the engine (and run any schema step) before timing
    app = ClaimdeskApp(store, keymap_file=CACHE / "no-keys.toml")
    painted_at: dict[int, float] = {}
    draw = RecordList.render_line

    def timed_render_line(self: RecordList, y: int) -> Strip:
        # Note when the cursor's row is drawn with its record (not the loading placeholder).
        strip = draw(self, y)
        index = int(self.scroll_y) + y - 1
        if index == self.cursor and self.record_at(index) is not None:
            painted_at.setdefault(index, time.perf_counter())
        return strip

    RecordList.render_line = timed_render_line  # type: ignore[method-assign]
    started = time.perf_counter()
    try:
        async with app.run_test(size=(120, 40)) as pilot:

            async def painted(index: int) -> float:
                while index not in painted_at:
                    await asyncio.sleep(0.0005)
                return painted_at[index]

            first_paint = await painted(0) - started
            screen = app.screen
            assert isinstance(screen, BrowserScreen)
            if view != "article":
                painted_at.clear()
                screen.action_show(view)  # type: ignore[arg-type]
                await painted(0)
            records = screen.current_list
            times = []
            for _ in range(steps):
                painted_at.clear()
                begin = time.perf_counter()
                records.action_page_down()
                times.append(await painted(records.cursor) - begin)
            painted_at.clear()
            begin = time.perf_counter()
            records.action_last()
            to_end = await painted(records.cursor) - begin
            total = records.total or 0
            await pilot.pause()
    finally:
        RecordList.render_line = draw  # type: ignore[method-assign]
    store.close()
    times.sort()
    return {
        "rows": total,
        "first_paint": first_paint,
        "step_median": statistics.median(times),
        "step_p95": times[int(len(times) * 0.95) - 1],
        "to_end": to_end,
        "rss": rss_mib(),
    }


def measure_process(path: Path) -> tuple[float, float] | None:
    """Seconds from starting ``python -m tui`` in tmux to its first frame, and to a dated row."""
    if shutil.which("tmux") is None:
        return None
    session = f"bench-browser-{time.monotonic_ns()}"
    command = f"sleep 0.3; exec {sys.executable} -m tui --db {path}"
    started = time.perf_counter() + 0.3  # the pause that lets tmux size the pane
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "120",
            "-y",
            "40",
            "-c",
            str(ROOT),
            command,
        ],
        check=True,
    )
    frame: float | None = None
    try:
        while time.perf_counter() - started < 10:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if frame is None and "Articles" in screen:
                frame = time.perf_counter() - started
            if "row 1 of" in screen and " 20" in screen:
                return (frame or 0.0), time.perf_counter() - started
            time.sleep(0.01)
        return None
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--process", action="store_true", help="also time the real command")
    args = parser.parse_args()
    print(
        f"{'records':>10} {'list':>8} {'rows':>9} {'first paint':>12} {'step med':>9} "
        f"{'step p95':>9} {'G (end)':>8} {'RSS MiB':>8} {'process':>8}"
    )
    for size in args.sizes:
        path = generated_store(size)
        process = measure_process(path) if args.process else None
        for view in ("article", "comment"):
            figures = asyncio.run(measure_app(path, view))
            shown = (
                f"{process[0] * 1000:5.0f}/{process[1] * 1000:.0f}ms"
                if process is not None and view == "article"
                else "     -"
            )
            print(
                f"{size:>10,} {view + 's':>8} {int(figures['rows']):>9,} "
                f"{figures['first_paint'] * 1000:10.0f}ms "
                f"{figures['step_median'] * 1000:7.1f}ms {figures['step_p95'] * 1000:7.1f}ms "
                f"{figures['to_end'] * 1000:6.0f}ms {figures['rss']:8.0f} {shown}"
            )


if __name__ == "__main__":
    main()
