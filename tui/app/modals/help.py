"""Help: every key of the screen the user was on, with what it does and its remappable id."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static


class HelpModal(ModalScreen[None]):
    """A table of keys; ``rows`` are (keys, what it does, binding id); ``notes`` below it
    (the search screen's query syntax)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(
        self, screen_name: str, rows: list[tuple[str, str, str]], keymap_file: str, notes: str = ""
    ) -> None:
        super().__init__()
        self.screen_name = screen_name
        self.rows = rows
        self.keymap_file = keymap_file
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="with-notes" if self.notes else ""):
            yield Label(f"Keys: {self.screen_name}", classes="dialog-title")
            table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Key", "Does", "Id")
            for keys, description, binding_id in self.rows:
                table.add_row(
                    Text(keys, style="bold"), Text(description), Text(binding_id, style="dim")
                )
            yield table
            if self.notes:
                yield Static(Text(self.notes), id="help-notes")
            yield Label(
                Text(
                    f"Remap any key by its id in {self.keymap_file}, e.g. "
                    '[keys] "list.down" = "j,down"'
                ),
                classes="dialog-help",
            )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
