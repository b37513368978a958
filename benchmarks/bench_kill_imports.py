"""kill -9 at random moments of 20 imports (issue 20), and what was left behind.

    python benchmarks/bench_kill_imports.py            # the issue's 20 runs
    python benchmarks/bench_kill_imports.py --runs 50 --seed 7

Each run imports a new folder (enough files for the parallel path, plus all-or-nothing JSON
Lines files) into one shared store and is killed at a random moment (a quarter at start-up,
the rest once the worker processes are up). After each kill the store is checked: SQLite's
integrity check, foreign keys, no orphan comments, claims or quantities, each full-text index
matching its rows, no article stored twice or with a cut body, each JSON Lines file whole or
absent. Then every worker must be gone, and one import left to finish brings everything in.
The same code runs in the suite with 6 runs (``tests/store/test_faults_kill.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.store.test_faults_kill import kill_imports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        figures = kill_imports(Path(folder), args.runs, args.seed, finish=True)
    for name, value in figures.items():
        print(f"{name:<40} {value}")
    print(f"{'all checks passed in':<40} {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
