"""Opening the app (``claimdesk`` with no command)."""

from __future__ import annotations

import os

from store.paths import DB_ENV, sample_data_dir
from tui.commands.common import check_store_folder
from tui.errors import CommandError
from tui.perf.textual_settings import configure_textual


def open_app(db: str | None) -> int:
    """Open the interface; an empty *default* store is filled with the sample data first.

    A store the user named (``--db``, ``CLAIMDESK_DB``) is never filled behind their back, and
    one in a folder that does not exist is refused in one line, as by every command.
    """
    check_store_folder(db)  # before the screen is taken over, so the one line can be read
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
