"""What every command shares: opening the store, and refusing a store in a missing folder.

Every command opens the store through :func:`open_store`, so ``--db``/``CLAIMDESK_DB`` mean the
same everywhere and store errors become :class:`CommandError` (one line, exit 1). Store modules
are imported inside the functions: SQLAlchemy and SQLModel cost ≈0.4 s, and neither the app's
first frame nor ``claimdesk search`` should wait for them. How rows are printed lives in
:mod:`tui.commands.output`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from store.paths import DB_ENV, resolve_db_url
from tui.errors import CommandError

if TYPE_CHECKING:
    from store.store import Store


@contextmanager
def open_store(db: str | None, creating: bool = False) -> Iterator[Store]:
    """The store named by ``--db``, closed afterwards; store errors become CommandError.

    ``creating`` is for commands that write (import): see :func:`check_store_folder`.
    """
    from store.store import Store, StoreError

    check_store_folder(db, creating=creating)
    store = Store.open(db)
    try:
        yield store
    except StoreError as error:
        raise CommandError(str(error)) from error
    finally:
        store.close()


def check_store_folder(db: str | None, creating: bool = False) -> None:
    """A SQLite store the user named must be in a folder that exists, or CommandError.

    A missing *file* is an empty store (the first import creates it), but a missing folder is
    a mistyped path: reading commands said "0 articles" for ``--db /nonexistent/dir/x.sqlite3``
    and import created the whole chain of folders. Only the default store (no ``--db``, no
    ``$CLAIMDESK_DB``) gets its folder made, on its first write, by the store itself.
    """
    if db is None and not os.environ.get(DB_ENV):
        return
    url = resolve_db_url(db)
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return
    path = Path(url.removeprefix("sqlite:///"))
    folder = path.parent
    if folder.is_dir():
        return
    problem = "is not a folder" if folder.exists() else "does not exist"
    if creating:
        raise CommandError(f"cannot create the store {path}: the folder {folder} {problem}")
    raise CommandError(f"no store at {path}: the folder {folder} {problem}")
