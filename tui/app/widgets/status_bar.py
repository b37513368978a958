"""The line above the footer: where the cursor is, how the list is sorted, how many are marked.

The number of marked rows is always on screen (the export issue relies on it).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class StatusBar(Static):
    """One line of state; every part is plain text, so nothing in it is read as markup."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    activity = ""
    """Work going on in the background (a feed refresh), kept at the start of the line until
    it is cleared, whatever the screen shows in the rest (at the end, 80 columns cut it
    off)."""
    _drawn: tuple[tuple[str, ...], int, str] | None = None
    """What the line says now (parts, marks, activity), None before it is first drawn: a
    cursor move that changes none of it draws nothing."""

    def show(self, *parts: str, marks: int = 0) -> None:
        if self._drawn == (parts, marks, self.activity):
            return
        self._drawn = (parts, marks, self.activity)
        text = Text()
        if self.activity:
            text.append(f"{self.activity}  ·  ", style="bold")
        text.append("  ·  ".join(part for part in parts if part))
        text.append(
            f"  ·  {marks} marked" if marks else "  ·  none marked", style="bold" if marks else ""
        )
        # One line high and as wide as the screen whatever it says: no layout to redo (a
        # layout on every cursor move was a fifth of a key's CPU).
        self.update(text, layout=False)

    def set_activity(self, activity: str) -> None:
        """Show (or with "" clear) the background work, keeping the rest of the line."""
        self.activity = activity
        parts, marks, _ = self._drawn or ((), 0, "")
        self.show(*parts, marks=marks)


def show_activity(screens: Iterable[Screen[object]], activity: str) -> None:
    """Show (or with "" clear) background work on the status line of every screen open, so the
    line still says it after the user opens or closes one (an import, a refresh)."""
    for screen in screens:
        for bar in screen.query(StatusBar):
            bar.set_activity(activity)
