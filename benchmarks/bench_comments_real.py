"""Comments of the dev set's real pages: found / with author / replies with the right parent.

    python benchmarks/bench_comments_real.py            # the per-page table of issue 13
    python benchmarks/bench_comments_real.py --depths 2000 4000   # thread reading vs depth

The expected comments are counted by tests/real_comments.py with lxml and XPath written per
page, independently of the importer. The depth figures time the whole HTML import of a page
whose comments are one reply chain of each depth (CPU time): time per KB must stay flat from
1 KB to 1 MB and beyond (issue 20; it grew with the depth before: 9.5 s for 8,000 replies).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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
    """The whole HTML import of a page whose comments are one chain of replies, by depth:
    time per KB must stay flat (issue 20). Replies nested past libxml2's depth are left out
    with a warning (see :mod:`store.ingest.html_page`), so the comment count stops growing."""
    print(f"{'depth':>7} {'KB':>7} {'html import':>12} {'ms per KB':>10} {'comments':>9}")
    for depth in values:
        page = deep_thread(depth)
        start = time.process_time()
        [draft] = parse_html_page(page, "deep.html")
        whole = time.process_time() - start
        kb = len(page) / 1024
        print(
            f"{depth:>7} {kb:>7.0f} {whole:>11.2f}s {whole * 1000 / kb:>10.3f} "
            f"{len(draft.comments):>9}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--depths", type=int, nargs="*", default=[2, 10, 50, 250, 1000, 2500, 8000])
    args = parser.parse_args()
    if REAL_WORLD.is_dir():
        table(REAL_WORLD)
    else:
        print(f"{REAL_WORLD} is absent: no per-page table")
    if args.depths:
        depths(args.depths)


if __name__ == "__main__":
    main()
