"""Pick one of a few choices from a list: the sort order (``O``), a saved selection (``M``).

``enter`` (or a click) picks the highlighted choice, ``escape`` picks none. Each choice carries
a value the caller gets back; the label is shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

T = TypeVar("T")


class PickerModal(ModalScreen[T | None], Generic[T]):
    """``title`` over ``choices`` (label, value); dismisses with the value picked or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Cancel", id="picker.cancel"),
        Binding("j", "move('cursor_down')", "Down", show=False, id="picker.down"),
        Binding("k", "move('cursor_up')", "Up", show=False, id="picker.up"),
        Binding("g", "move('first')", "First", show=False, id="picker.first"),
        Binding("G", "move('last')", "Last", show=False, id="picker.last"),
    ]
    DEFAULT_CSS = """
    PickerModal { align: center middle; }
    PickerModal > Vertical { width: auto; min-width: 40; max-width: 90%; height: auto;
                             max-height: 90%; border: round $accent; background: $surface;
                             padding: 0 1; }
    PickerModal #picker-options, PickerModal #picker-options:focus {
        height: auto; max-height: 20; border: none;
    }
    """

    def __init__(
        self, title: str, choices: Sequence[tuple[str, T]], current: int = 0, help: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.current = current
        self.help = help or "enter picks · escape closes"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text), classes="dialog-title")
            yield OptionList(
                *(Option(Text(label), id=str(n)) for n, (label, _) in enumerate(self.choices)),
                id="picker-options",
            )
            yield Label(self.help, classes="dialog-help")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.choices:
            options.highlighted = min(max(self.current, 0), len(self.choices) - 1)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def action_move(self, action: str) -> None:
        """The lists' own j/k/g/G in the picker too."""
        getattr(self.query_one(OptionList), f"action_{action}")()

    def action_cancel(self) -> None:
        self.dismiss(None)
