"""Re-exports :mod:`store.safe_text` for interface code written before it moved to the store."""

from store.safe_text import one_line, printable

__all__ = ["one_line", "printable"]
