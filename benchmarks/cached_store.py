"""Benchmark stores are slow to generate (minutes at a million records): build once, reuse.

A store is built under a ``.partial`` name and renamed when complete, so an interrupted build
is never mistaken for a finished one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


def cached_store(path: Path, build: Callable[[Path], None]) -> Path:
    """``path`` if it exists; else ``build(partial)`` then rename it to ``path``."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for stale in path.parent.glob(partial.name + "*"):
        stale.unlink()
    started = time.perf_counter()
    build(partial)
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    print(f"  generated {path.name} in {time.perf_counter() - started:.0f} s -> {path}")
    return path
