"""The movement keys every cursor list shares (records, search hits), in one place.

Each list keeps its own binding ids (``list.down``, ``hits.down``…) so a user's ``keys.toml``
can remap one list without the other; the keys and actions themselves are the same everywhere,
VisiData, less and vim habits included (``ctrl+f``/``ctrl+b`` page, ``ctrl+d``/``ctrl+u``
half a page).
"""

from __future__ import annotations

from textual.binding import Binding


def cursor_bindings(scope: str, item: str) -> list[Binding]:
    """Down/up, page down/up, first/last and open, with ids under ``scope``."""
    return [
        Binding("down,j", "cursor_down", "Down", show=False, id=f"{scope}.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id=f"{scope}.up"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id=f"{scope}.page_down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id=f"{scope}.page_up"),
        Binding(
            "ctrl+d", "half_page_down", "Half a page down", show=False, id=f"{scope}.half_down"
        ),
        Binding("ctrl+u", "half_page_up", "Half a page up", show=False, id=f"{scope}.half_up"),
        Binding("home,g", "first", f"First {item}", show=False, id=f"{scope}.first"),
        Binding("end,G", "last", f"Last {item}", show=False, id=f"{scope}.last"),
        Binding("enter", "open", "Open", id=f"{scope}.open"),
    ]
