"""Opening the reader on a long body (issue 20, item 16): seconds until the body shows.

    python benchmarks/bench_reader_long.py                 # 0.1, 1 and 5 MB bodies
    python benchmarks/bench_reader_long.py --sizes 0.1 1   # some sizes only

Each body is ordinary prose: paragraphs of 300-700 characters separated by blank lines (or, in
the second row of each size, by single line breaks), with one claim in its last paragraph. The
app runs headless (``App.run_test``, 120x40) on a temporary store holding that one article.
"open" is from pushing the reader until its first paragraph is on screen; "jump" is from
highlighting the claim in the claims pane until its words are on screen (what ``a`` does).
Nothing is asserted: the figures are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.records import ClaimDraft, DocumentDraft  # noqa: E402
from store.store import Store  # noqa: E402
from tui.app import ClaimdeskApp  # noqa: E402
from tui.app.screens.reader import ClaimList, ReaderScreen  # noqa: E402

# Seeded pseudo-random prose on purpose (S311): reproducible, not secret.
# ruff: noqa: S311
PROSE = (
    "the officials said forces advanced near the city while reports of fighting continued "
    "along the road and witnesses described convoys moving north after the ceasefire collapsed"
)
CLAIM = "Officials said 12 fighters were killed in the final clashes."
FIRST = "First paragraph of a very long article."
TIMEOUT = 600.0
SHAPES = {"\n\n": "blank-line apart", "\n": "one per line"}
"""How paragraphs are separated: the reader's paragraphs are blank-line separated, so a body
with one paragraph per line is one paragraph for it."""


def long_body(size: int, separator: str, seed: int = 1) -> str:
    """About ``size`` characters of paragraphs joined by ``separator``; the first is FIRST, the
    last holds CLAIM."""
    rng = random.Random(seed)
    vocabulary = PROSE.split()
    parts = [FIRST]
    total = len(FIRST)
    while total < size:
        length = rng.randint(300, 700)
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < length:
            words.append(rng.choice(vocabulary))
        paragraph = " ".join(words).capitalize() + "."
        parts.append(paragraph)
        total += len(paragraph) + 2
    parts.append("In the end: " + CLAIM)
    return separator.join(parts)


def long_article(size: int, separator: str) -> DocumentDraft:
    body = long_body(size, separator)
    start = body.rindex(CLAIM)
    return DocumentDraft(
        title="A very long article",
        body=body,
        source="long.txt",
        claims=[ClaimDraft(text=CLAIM, start=start, end=start + len(CLAIM))],
    )


def screen_text(app: ClaimdeskApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def measure(size: int, separator: str, folder: Path) -> tuple[float, float]:
    store = Store.open(str(folder / f"long-{size}-{len(separator)}.sqlite3"))
    store.add_documents([long_article(size, separator)])
    article_id = store.list_articles()[0].id
    app = ClaimdeskApp(store, keymap_file=folder / "keys.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        screen = ReaderScreen(article_id)
        app.push_screen(screen)
        while FIRST not in screen_text(app):
            await pilot.pause(0.01)
            if time.perf_counter() - began > TIMEOUT:
                raise SystemExit(f"{size} characters: the body did not show in {TIMEOUT:.0f} s")
        opened = time.perf_counter() - began
        began = time.perf_counter()
        claims = screen.query_one(ClaimList)
        claims.focus()
        claims.highlighted = 0
        while "12 fighters" not in screen_text(app):
            await pilot.pause(0.01)
            if time.perf_counter() - began > TIMEOUT:
                raise SystemExit(f"{size} characters: the claim did not show in {TIMEOUT:.0f} s")
        jumped = time.perf_counter() - began
    store.close()
    return opened, jumped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", nargs="+", type=float, default=[0.1, 1, 5], help="MB")
    args = parser.parse_args()
    print(f"{'body':>8} {'paragraphs':>18} {'open s':>8} {'jump s':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.sizes:
            size = int(megabytes * 1_000_000)
            for separator, shape in SHAPES.items():
                opened, jumped = asyncio.run(measure(size, separator, Path(folder)))
                print(f"{megabytes:>6g}MB {shape:>18} {opened:>8.2f} {jumped:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
