"""Have the operating system read a store file into memory before the searches that need it.

A search at a million records reads index pages from all over the file. When the file is cold
(not read since the machine started, or evicted while the app sat idle) the first few hundred
key presses each wait on the disk: keystroke -> hits p95 was 32.6 ms right after dropping the
page cache, 15.5 ms on the run after (``benchmarks/bench_search_ui.py`` at 1M records).

Asking for the whole file ahead of time costs 0.14 s of system calls for 833 MB here, and no
memory of the process's own: the pages belong to the OS cache, which takes them back when
other programs need the room. One request for the whole file is not enough: Linux cuts a
``POSIX_FADV_WILLNEED`` request down to its read-ahead window, so the file is asked for in
pieces of :data:`CHUNK`.
"""

from __future__ import annotations

import os
from pathlib import Path

CHUNK = 2 << 20
"""Bytes per read-ahead request (Linux reads ahead at most a few MiB per request)."""
LARGEST = 2 << 30
"""Files larger than this are not read ahead: a 1M-record store is 0.8 GiB; a store many times
that would take memory the user may need more than the first searches do."""


def prefetch(path: Path, largest: int = LARGEST) -> bool:
    """Ask the OS to read ``path`` into its cache, without waiting; whether it was asked.

    Nothing happens where ``os.posix_fadvise`` does not exist (macOS, Windows), for a file
    larger than ``largest``, or when the file cannot be opened: this only ever saves time.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        size = os.fstat(fd).st_size
        if size > largest:
            return False
        for offset in range(0, size, CHUNK):
            advise(fd, offset, CHUNK, os.POSIX_FADV_WILLNEED)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
