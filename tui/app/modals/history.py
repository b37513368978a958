"""Two lists of what was done by hand: a record's history (``H``) and the deleted claims
(``D``, where ``enter`` restores the highlighted one).

Both show text from documents and user names literally (Rich ``Text``, never markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from store.safe_text import one_line

if TYPE_CHECKING:
    from store.editing import DeletedClaim, HistoryEntry

DIALOG_CSS = """
HistoryModal, DeletedClaimsModal { align: center middle; }
.listing { width: 90%; max-width: 110; height: auto; max-height: 90%;
           border: thick $accent; background: $surface; padding: 0 1; }
.listing OptionList { height: auto; max-height: 18; }
"""


def _when(entry_at: object) -> str:
    return entry_at.strftime("%Y-%m-%d %H:%M UTC") if hasattr(entry_at, "strftime") else ""


def history_line(entry: HistoryEntry) -> Text:
    """``2026-12-01 12:04 UTC  root  claimant  "Amaq" → "Islamic State"``."""
    line = Text(f"{_when(entry.at)}  ", style="dim")
    line.append(one_line(entry.who, 16), style="bold")
    line.append(f"  {entry.field}  ")
    if entry.field in ("added", "deleted", "restored"):
        line.append(one_line(entry.new or entry.old or "", 60), style="italic")
        return line
    line.append(f'"{one_line(entry.old or "", 30)}"' if entry.old else "(none)", style="dim")
    line.append(" → ")
    line.append(f'"{one_line(entry.new or "", 40)}"' if entry.new else "(none)")
    return line


class HistoryModal(ModalScreen[None]):
    """Every change made by hand to one claim or article, oldest first."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,H", "close", "Close", id="history.close"),
    ]

    def __init__(self, what: str, entries: Sequence[HistoryEntry]) -> None:
        super().__init__()
        self.what = what
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(classes="listing", id="history"):
            yield Label(f"History of {self.what}", classes="dialog-title")
            if self.entries:
                yield OptionList(*(Option(history_line(e)) for e in self.entries))
            else:
                yield Label("Nothing was changed by hand yet (E edits, v judges).")
            yield Label("escape close", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)


class DeletedClaimsModal(ModalScreen[int | None]):
    """The deleted claims, the last deleted first; ``enter`` restores the highlighted one."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,D", "close", "Close", id="deleted.close"),
    ]

    def __init__(self, deleted: Sequence[DeletedClaim], where: str) -> None:
        super().__init__()
        self.deleted = deleted
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(classes="listing", id="deleted"):
            yield Label(f"Deleted claims {self.where}".strip(), classes="dialog-title")
            if self.deleted:
                yield OptionList(
                    *(Option(self._line(d), id=str(d.id)) for d in self.deleted),
                    id="deleted-claims",
                )
            else:
                yield Label("No claim is deleted.")
            yield Label("enter restore · escape close", classes="dialog-help")

    @staticmethod
    def _line(claim: DeletedClaim) -> Text:
        line = Text(f"{claim.id:>6}  ", style="dim")
        line.append(one_line(claim.claimant or "—", 16), style="bold")
        line.append(": " + one_line(claim.text, 70))
        line.append(f"  ({_when(claim.deleted_at)}, {one_line(claim.who, 12)})", style="dim")
        return line

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_close(self) -> None:
        self.dismiss(None)
