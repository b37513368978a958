"""The message line above the footer: what the last action did, until the next message.

Toasts covered the status line ("12 mar▌" under "Match 3 of 12 for 'tanks'") and went away
before they were read; vim, mutt and less users expect one line that says what happened and
stays. Every desk screen has one; the app's :meth:`~tui.app.app.ClaimdeskApp.say` writes to the
screen the user sees. A message is one line: text cut with an ellipsis, and a file name at its
end (``detail``) is never cut: its folders are shortened instead ("…/claimdesk/x.md").
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from store.safe_text import one_line

ERROR_STYLE = "bold #ff5f5f"


def fitted_message(text: str, detail: str, width: int) -> str:
    """``text`` and ``detail`` (a path) in ``width`` cells: the path keeps its file name and
    loses folders from its start first; the text is cut last."""
    text, detail = one_line(text), one_line(detail)
    if detail:
        text += " "
    if cell_len(text) + cell_len(detail) <= width:
        return text + detail
    parts = detail.split("/")
    for start in range(1, len(parts)):
        shorter = "…/" + "/".join(parts[start:])
        if cell_len(text) + cell_len(shorter) <= width or start == len(parts) - 1:
            detail = shorter if len(parts) > 1 else detail
            break
    room = width - cell_len(detail)
    if room < 10:  # a file name wider than the line: the start of the text, then the name
        return set_cell_size(text + detail, width - 1) + "…"
    if cell_len(text) > room:
        text = set_cell_size(text, room - 1) + "…"
    return text + detail


class MessageLine(Widget):
    """One line: the last message (plain text, never markup), an error in red."""

    DEFAULT_CSS = """
    MessageLine { height: 1; padding: 0 1; color: $text; }
    """

    message: reactive[tuple[str, str, bool]] = reactive(("", "", False), layout=False)
    """(text, detail, error): a reactive that only repaints, as the line's size never changes."""

    def say(self, text: str, detail: str = "", error: bool = False) -> None:
        self.message = (text, detail, error)

    @property
    def text(self) -> str:
        """The message as shown at any width (for tests and the app)."""
        text, detail, _error = self.message
        return " ".join(part for part in (one_line(text), one_line(detail)) if part)

    def render(self) -> Text:
        text, detail, error = self.message
        shown = fitted_message(text, detail, max(self.size.width, 1))
        return Text(shown, style=ERROR_STYLE if error else "", no_wrap=True, end="")
