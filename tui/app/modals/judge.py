"""The claim judging dialog: pick a status (a digit or the arrows), type a short note, enter.

Returns a :class:`Judgement`, or None when the user backs out; the app saves it at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.records import ClaimRecord, ClaimStatus
from store.safe_text import printable
from tui.app.columns import STATUS_STYLES

NOTE_LIMIT = 280


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the user decided about a claim."""

    status: ClaimStatus
    note: str
    edit_all: bool = False
    """The user asked for the whole claim dialog (``E``) instead: nothing is saved here."""


STATUSES = list(ClaimStatus)


class JudgeClaimModal(ModalScreen[Judgement | None]):
    """Set a claim's status and note from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="judge.cancel"),
        Binding("ctrl+s", "save", "Save", id="judge.save"),
        Binding("E", "edit_all", "All fields", id="judge.edit_all"),
        *(
            Binding(
                str(n),
                f"pick({n - 1})",
                status.value.capitalize(),
                show=False,
                id=f"judge.status_{status.value}",
            )
            for n, status in enumerate(STATUSES, start=1)
        ),
    ]

    def __init__(self, claim: ClaimRecord) -> None:
        super().__init__()
        self.claim = claim

    def compose(self) -> ComposeResult:
        with Vertical(id="judge"):
            yield Label("Judge the claim", classes="dialog-title")
            yield Static(Text(printable(self.claim.text), style="italic"), id="judge-claim")
            yield OptionList(
                *(
                    Option(Text(f"{n}  {s.value}", style=STATUS_STYLES.get(s, "")), id=s.value)
                    for n, s in enumerate(STATUSES, start=1)
                ),
                id="judge-status",
            )
            yield Input(
                self.claim.note,
                placeholder="A short note (why, source)…",
                max_length=NOTE_LIMIT,
                id="judge-note",
            )
            yield Label(
                "1–5 or ↑↓ status · tab note · enter save · E all fields · escape cancel",
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        statuses = self.query_one(OptionList)
        statuses.highlighted = STATUSES.index(self.claim.status)
        statuses.focus()

    def action_pick(self, index: int) -> None:
        self.query_one(OptionList).highlighted = index

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_save()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        index = self.query_one(OptionList).highlighted or 0
        note = " ".join(self.query_one(Input).value.split())
        self.dismiss(Judgement(STATUSES[index], note))

    def action_edit_all(self) -> None:
        index = self.query_one(OptionList).highlighted or 0
        self.dismiss(Judgement(STATUSES[index], self.claim.note, edit_all=True))

    def action_cancel(self) -> None:
        self.dismiss(None)
