"""Claim extraction time per KB of pathological text, from 1 KB to 1 MB (issue 20 item 12).

    python benchmarks/bench_extract_linear.py            # 1 KB .. 1 MB
    python benchmarks/bench_extract_linear.py --max-kb 256

Goal: for every case the time per KB stays flat within 2x from 1 KB to 1 MB (linear time);
the cases are in tests/pathological_text.py ("the said" x4,000, "Bob, " x50,000 + "said",
"that" x50,000, ...). CPU time of this process, best of 3 runs per size, so the figure is the
code's more than the shared machine's. The 1 KB column carries each call's fixed cost (a
sentence's first verbs, tried at most 12 per sentence); the spread is also printed from 4 KB on,
and "rise": the most time per KB grows from any size to a larger one (1.00 when it never grows,
which a super-linear extractor cannot show).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.claims import ClaimExtractor  # noqa: E402
from tests.pathological_text import CASES  # noqa: E402


def per_kb(extractor: ClaimExtractor, text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        extractor.extract(text)
        best = min(best, time.process_time() - started)
    return best * 1000 / (len(text) / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-kb", type=int, default=1024)
    args = parser.parse_args()
    sizes = [kb for kb in (1, 4, 16, 64, 256, 1024) if kb <= args.max_kb]
    extractor = ClaimExtractor()
    heading = "".join(f"{str(kb) + ' KB':>10}" for kb in sizes)
    print(f"{'case':24}{heading}  max/min  from 4 KB  rise")
    worst = worst_later = worst_rise = 0.0
    for name, make in CASES.items():
        figures = [per_kb(extractor, make(kb * 1024)) for kb in sizes]
        spread = max(figures) / min(figures)
        later = max(figures[1:]) / min(figures[1:]) if len(figures) > 2 else spread
        worst = max(worst, spread)
        worst_later = max(worst_later, later)
        rise = max(
            figures[j] / figures[i] for i in range(len(figures)) for j in range(i, len(figures))
        )
        worst_rise = max(worst_rise, rise)
        print(
            f"{name:24}"
            + "".join(f"{f:10.3f}" for f in figures)
            + f"  {spread:6.2f}  {later:6.2f}  {rise:6.2f}"
        )
    print(
        f"\nms per KB; worst spread {worst:.2f}, from 4 KB on {worst_later:.2f}, worst rise "
        f"{worst_rise:.2f} (goal: within 2x, i.e. linear)"
    )


if __name__ == "__main__":
    main()
