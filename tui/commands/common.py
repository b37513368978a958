"""What every command shares: opening the store, and printing aligned tables.

Every command opens the store through :func:`open_store`, so ``--db``/``CLAIMDESK_DB`` mean the
same everywhere and store errors become :class:`CommandError` (one line, exit 1). Store modules
are imported inside the functions: SQLAlchemy and SQLModel cost ≈0.4 s, and neither the app's
first frame nor ``claimdesk search`` should wait for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from store.safe_text import one_line
from tui.errors import CommandError

if TYPE_CHECKING:
    from store.store import Store

Column = tuple[str, int, Callable[[Any], str]]
"""A table column: its heading, its width, and how to read a cell from a row."""


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """The store named by ``--db``, closed afterwards; store errors become CommandError."""
    from store.store import Store, StoreError

    store = Store.open(db)
    try:
        yield store
    except StoreError as error:
        raise CommandError(str(error)) from error
    finally:
        store.close()




def print_table(columns: list[Column], rows: Iterable[Any], out: TextIO) -> None:
    """Rows as aligned columns on one line each; untrusted text is made safe and cut to fit."""
    print("  ".join(name.ljust(width) for name, width, _ in columns).rstrip(), file=out)
    for row in rows:
        cells = [one_line(cell(row), width).ljust(width) for _, width, cell in columns]
        print("  ".join(cells).rstrip(), file=out)
