"""Opening the app (``claimdesk`` with no command)."""

from __future__ import annotations

import os

from store.paths import DB_ENV, sample_data_dir
from tui.errors import CommandError

FRAMES_PER_SECOND = "1000"
"""Textual repaints at most 60 times a second by default, so search results that arrive just
after a frame wait 17–21 ms for the next one. At 240 a key press was painted with its results
in 14 / 24 ms (median / p95) instead of 28 / 45 ms; at 1000 the results wait ≤ 1 ms, and the
p95 at a million records fell from 18.4–22.4 ms to 17.2–20.7 (three runs each of
``benchmarks/bench_search_ui.py --db``). Textual paints only when something changed, so this
is a ceiling, not a rate; its animations keep their own 60. Textual reads ``TEXTUAL_FPS`` once,
when it is first imported, so this must run before that."""


def configure_textual() -> None:
    """Settings Textual reads at import time; a value the user set in the environment wins."""
    os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)


def open_app(db: str | None) -> int:
    """Open the interface; an empty *default* store is filled with the sample data first.

    A store the user named (``--db``, ``CLAIMDESK_DB``) is never filled behind their back.
    """
    configure_textual()
    from tui.app import ClaimdeskApp
    from tui.app.store_loader import StoreLoader

    default_store = db is None and not os.environ.get(DB_ENV)
    loader = StoreLoader(db)  # opened by the app's first worker, off the start-up path
    try:
        app = ClaimdeskApp(loader, first_run_samples=sample_data_dir() if default_store else None)
        loader.start()
        app.run()
    finally:
        loader.close()
    if app.failure is not None:
        raise CommandError(app.failure)
    return app.return_code or 0
