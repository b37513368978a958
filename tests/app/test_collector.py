"""Full garbage collections wait for a pause in typing, and the app gives them back on exit.

Time is a clock the tests move by hand: "a pause" is whatever the test says, however slowly a
loaded machine runs the loop (this file once failed when other tests ran beside it).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.store import Store
from tests.app_helpers import make_app, sync
from tui.perf.collector import CHECK_SECONDS, IdleCollector


class _Node:
    """An object in a reference cycle: only the cycle collector can free it."""

    def __init__(self) -> None:
        self.me = self


class Clock:
    """Seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _old_cycle() -> weakref.ref[_Node]:
    """Garbage in a cycle that lived long enough to reach the oldest generation (a closed
    screen, an old search's results): young collections no longer look at it."""
    node = _Node()
    gc.collect(1)  # still referenced here, so moved up to the oldest generation
    return weakref.ref(node)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def collector(clock: Clock) -> Iterator[IdleCollector]:
    thresholds = gc.get_threshold()
    idle = IdleCollector(idle_seconds=1.0, clock=clock)
    idle.start()
    yield idle
    idle.stop()
    assert gc.get_threshold() == thresholds


def test_no_full_collection_runs_while_the_user_types(
    collector: IdleCollector, clock: Clock
) -> None:
    full_runs = gc.get_stats()[2]["collections"]
    garbage = _old_cycle()
    for _ in range(300):  # far more allocation than an automatic full collection waits for
        collector.input_seen()
        [[_Node() for _ in range(100)] for _ in range(20)]
        clock.now += 0.5  # keys half a second apart: never a pause of a second
        assert not collector.collect_if_idle()
    assert gc.get_stats()[2]["collections"] == full_runs
    assert garbage() is not None  # the cycle waits for the pause...
    clock.now += 1.0
    assert collector.collect_if_idle()
    assert garbage() is None  # ...and is gone after it
    clock.now += 5.0
    assert not collector.collect_if_idle()  # once per pause, not every check


@sync
async def test_the_app_collects_once_the_keyboard_is_quiet(
    store: Store, tmp_path: Path, clock: Clock
) -> None:
    thresholds = gc.get_threshold()
    app = make_app(store, tmp_path)
    app.collector = IdleCollector(idle_seconds=1.0, clock=clock)
    async with app.run_test() as pilot:
        assert gc.get_threshold()[2] > thresholds[2]
        garbage = _old_cycle()
        await pilot.press("down")
        await pilot.pause(CHECK_SECONDS * 2)  # the app asks every CHECK_SECONDS
        assert garbage() is not None  # no time has passed on the clock: still typing
        clock.now += 2.0
        for _ in range(50):  # until the app's next check (its timer runs on real time)
            if garbage() is None:
                break
            await pilot.pause(CHECK_SECONDS / 2)
        assert garbage() is None
    assert gc.get_threshold() == thresholds
