"""The pool of processes that parse documents, shared by the file import and the fetcher.

One process per core; "spawn" rather than fork, because the app imports and refreshes from a
thread, and forking a threaded process can copy a held lock into the child.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker


def worker_pool() -> ProcessPoolExecutor:
    """A new pool of one parsing process per core (the caller shuts it down)."""
    context = multiprocessing.get_context("spawn")
    _start_resource_tracker()
    return ProcessPoolExecutor(
        max_workers=os.cpu_count() or 1,
        mp_context=context,
        initializer=_watch_parent,
        initargs=(os.getpid(),),
    )


PARENT_CHECK_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    """In a worker: exit as soon as the importing process is gone.

    A worker waits for work on a pipe and never learns that its parent was killed (kill -9,
    the OOM killer): it would stay, parsing nothing, until the system reaped it. A thread
    polling the parent's pid costs nothing measurable.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="claimdesk-watch-parent", daemon=True).start()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr to hand it.

    The first spawned process starts the tracker, passing it ``sys.stderr.fileno()``; inside
    the app that is Textual's capture, whose fileno is -1, and the spawn fails with "bad
    value(s) in fds_to_keep". Once running, the tracker is reused and stderr not asked again.
    """
    stream = sys.stderr
    try:
        usable = stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return
    with open(os.devnull, "w") as devnull:  # noqa: PTH123 - a stream, not a path
        sys.stderr = sys.__stderr__ if sys.__stderr__ is not None else devnull
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = stream
