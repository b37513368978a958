"""The export dialog: one key per format exports at once to the file shown underneath.

``e`` then ``m`` writes a Markdown brief to a new timestamped file: one keystroke plus a choice.
To put it elsewhere, ``tab`` to the file name, edit it, ``enter``. The formats are those of
:data:`store.export.FORMATS`, the same list as ``claimdesk export --format``. Changing the
format changes the file's extension unless the user typed a name of their own.

The dialog only asks; the app writes (in a thread worker) and asks again if the file exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.export import FORMATS

FORMAT_KEYS: dict[str, str] = {"md": "m", "csv": "c", "json": "j", "jsonl": "l", "claimreview": "r"}
"""The key that picks each format; a format added later without one gets its position."""


def format_key(fmt: str) -> str:
    return FORMAT_KEYS.get(fmt) or str(list(FORMATS).index(fmt) + 1)


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """The user's answer: a format (a key of FORMATS) and the file to write."""

    fmt: str
    path: Path


class ExportModal(ModalScreen[ExportChoice | None]):
    """Pick a format (its key, or arrows and enter) and, if wanted, a file name."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        *(
            Binding(
                format_key(fmt),
                f"choose('{fmt}')",
                exporter.label,
                show=False,
                id=f"export.format_{fmt}",
            )
            for fmt, exporter in FORMATS.items()
        ),
    ]

    def __init__(self, what: str, defaults: Mapping[str, Path], fmt: str = "md") -> None:
        """``what`` says what will be exported ("2 claims, 1 comment"); ``defaults`` is the
        file for each format when the user types none."""
        super().__init__()
        self.what = what
        self.defaults = dict(defaults)
        self.fmt = fmt
        self._path_shown = self.defaults[fmt]

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Label(Text(f"Export {self.what}"), classes="dialog-title", id="export-what")
            yield OptionList(*(self._option(fmt) for fmt in FORMATS), id="export-formats")
            yield Label("File", classes="field-title")
            yield Input(str(self._path_shown), id="export-path")
            yield Static("", id="export-problem")
            keys = "/".join(format_key(fmt) for fmt in FORMATS)
            yield Label(
                f"{keys} export at once · ↑↓ enter · tab edit the file name · escape cancel",
                classes="dialog-help",
            )

    @staticmethod
    def _option(fmt: str) -> Option:
        exporter = FORMATS[fmt]
        label = Text(f" {format_key(fmt)}  ", style="bold")
        label.append(f"{exporter.label:<40}")
        label.append(f".{exporter.extension}", style="dim")
        return Option(label, id=fmt)

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        formats.highlighted = list(FORMATS).index(self.fmt)
        formats.focus()

    # -- keeping the file name in step with the format ---------------------------------------

    def _path_for(self, fmt: str) -> Path:
        """The file for ``fmt``: its default if the user kept ours, else theirs with the
        format's extension when theirs had one of ours."""
        typed = self.query_one(Input).value.strip()
        if typed == str(self._path_shown):
            return self.defaults[fmt]
        path = Path(typed).expanduser()
        extensions = {f".{exporter.extension}" for exporter in FORMATS.values()}
        if path.suffix in extensions:
            return path.with_suffix(f".{FORMATS[fmt].extension}")
        return path

    def _show_format(self, fmt: str) -> None:
        path = self._path_for(fmt)
        self.fmt = fmt
        self._path_shown = path
        self.query_one(Input).value = str(path)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.fmt:
            self._show_format(event.option.id)

    # -- answering ---------------------------------------------------------------------------

    def action_choose(self, fmt: str) -> None:
        self._show_format(fmt)
        self._finish()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option.id or self.fmt)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self._finish()

    def _finish(self) -> None:
        typed = self.query_one(Input).value.strip()
        if not typed:
            problem = self.query_one("#export-problem", Static)
            problem.update("Type a file name to export to")
            problem.display = True
            self.query_one(Input).focus()
            return
        self.dismiss(ExportChoice(self.fmt, Path(typed).expanduser().absolute()))

    def action_cancel(self) -> None:
        self.dismiss(None)
