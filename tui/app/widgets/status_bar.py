"""The line above the footer: where the cursor is, how the list is sorted, how many are marked.

The number of marked rows is always on screen (the export issue relies on it).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    """One line of state; every part is plain text, so nothing in it is read as markup."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def show(self, *parts: str, marks: int = 0) -> None:
        text = Text("  ·  ".join(part for part in parts if part))
        text.append(f"  ·  {marks} marked" if marks else "  ·  none marked",
                    style="bold" if marks else "")
        self.update(text)
