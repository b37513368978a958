"""Comments of the dev set's real pages: found / with author / replies with the right parent.

    python benchmarks/bench_comments_real.py            # the per-page table of issue 13
    python benchmarks/bench_comments_real.py --depths 2000 4000   # thread reading vs depth

The expected comments are counted by tests/real_comments.py with lxml and XPath written per
page, independently of the importer. The depth figures time reading one reply chain of each
depth (the page parsed once, then :func:`comments_in_tree`), and the whole HTML import of it;
twice the depth should take about twice the time (it took four times before issue 13).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from store.ingest.comments import comments_in_tree  # noqa: E402
from store.ingest.html_page import parse_html_page  # noqa: E402
from tests.real_comments import (  # noqa: E402
    DEV_PAGES,
    deep_thread,
    expected_comments,
    page_path,
    score,
)

REAL_WORLD = ROOT.parent / "shared" / "real-world"


def table(real_world: Path) -> None:
    print(f"{'page':44} {'found':>9} {'author':>9} {'parent':>9} {'extra':>5}")
    totals = [0, 0, 0, 0, 0]
    for name, markup in DEV_PAGES.items():
        path = page_path(real_world, name)
        [draft] = parse_html_page(path.read_text(encoding="utf-8", errors="replace"), str(path))
        s = score(expected_comments(path, markup), draft.comments)
        for i, v in enumerate((s.expected, s.found, s.authors, s.replies, s.parents)):
            totals[i] += v
        print(
            f"{name:44} {s.found:>4}/{s.expected:<4} {s.authors:>4}/{s.expected:<4} "
            f"{s.parents:>4}/{s.replies:<4} {s.extra:>5}"
        )
    expected, found, authors, replies, parents = totals
    print(
        f"{'all':44} {found:>4}/{expected:<4} {authors:>4}/{expected:<4} {parents:>4}/{replies:<4}"
    )
    print(
        f"found {found / expected:.1%}, with author {authors / expected:.1%}, "
        f"replies with right parent {parents / replies:.1%}"
    )


def depths(values: list[int]) -> None:
    print(f"{'depth':>7} {'read thread':>12} {'html import':>12} {'comments':>9}")
    for depth in values:
        page = deep_thread(depth)
        tree = LexborHTMLParser(page)
        start = time.perf_counter()
        comments = comments_in_tree(tree)
        reading = time.perf_counter() - start
        start = time.perf_counter()
        parse_html_page(page, "deep.html")
        whole = time.perf_counter() - start
        assert comments[-1].parent_index == depth - 2
        print(f"{depth:>7} {reading:>11.2f}s {whole:>11.2f}s {len(comments):>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--depths", type=int, nargs="*", default=[2000, 4000, 8000])
    args = parser.parse_args()
    if REAL_WORLD.is_dir():
        table(REAL_WORLD)
    else:
        print(f"{REAL_WORLD} is absent: no per-page table")
    if args.depths:
        depths(args.depths)


if __name__ == "__main__":
    main()
