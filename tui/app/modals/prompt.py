"""One line to type at the bottom of the screen, as mutt's and vim's prompts are: the filter in
place (``l``), a selection's name (``S``), a path to import (``i``).

``enter`` answers with the text (a ``check`` that returns a sentence keeps the prompt open and
shows why), ``escape`` answers None. The list stays in view above it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static


class LinePrompt(ModalScreen[str | None]):
    """Ask for one line of text; dismisses with it, or None on ``escape``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]
    DEFAULT_CSS = """
    LinePrompt { align: left bottom; background: $background 0%; }
    LinePrompt > Vertical { height: auto; width: 100%; background: $panel;
                            padding: 0 1; margin-bottom: 1; }
    LinePrompt #prompt-input, LinePrompt #prompt-input:focus {
        border: none; height: 1; padding: 0; background: $boost;
    }
    LinePrompt #prompt-problem { color: $error; height: auto; }
    LinePrompt #prompt-hint { color: $text-muted; height: auto; }
    """

    def __init__(
        self,
        label: str,
        value: str = "",
        *,
        hint: str = "",
        check: Callable[[str], str | None] | None = None,
        suggester: Suggester | None = None,
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self.label = label
        self.value = value
        self.hint = hint
        self.check = check
        self.suggester = suggester
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.label), id="prompt-label")
            yield Input(
                self.value,
                placeholder=self.placeholder,
                suggester=self.suggester,
                id="prompt-input",
            )
            yield Static("", id="prompt-problem")
            yield Static(Text(self.hint), id="prompt-hint")

    def on_mount(self) -> None:
        self.query_one("#prompt-problem", Static).display = False
        self.query_one("#prompt-hint", Static).display = bool(self.hint)
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        problem = self.check(text) if self.check is not None else None
        if problem:
            shown = self.query_one("#prompt-problem", Static)
            shown.update(Text(problem))
            shown.display = True
            return
        self.dismiss(text)

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.query_one("#prompt-problem", Static).display = False

    def action_cancel(self) -> None:
        self.dismiss(None)
