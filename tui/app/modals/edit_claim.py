"""The claim dialog: claimant, attribution, figures, claimant type, status and note, in one go.

``E`` opens it on a claim (and ``E`` in the judging dialog), and the reader's visual mode opens
it on a new claim with what the extractor reads in the chosen text. One line per field so it
fits a 24-line terminal; ``tab`` moves between fields, ``ctrl+s`` (or ``enter`` in the note)
saves, ``escape`` leaves everything as it was. The status and the claimant type are one-line
choices: ``←``/``→`` or ``space`` change them, and ``1``–``5`` pick a status while it has the
focus. Figures are written as the text writes them, separated by semicolons, and read by the
extractor's own figure rules when saving; one that is not a figure is said in the dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from store.records import ClaimStatus, Quantity
from store.safe_text import one_line, printable
from tui.app.columns import STATUS_STYLES

NOTE_LIMIT = 280
STATUSES = list(ClaimStatus)
CLAIMANT_TYPES = ("auto", "person", "organization")


@dataclass(frozen=True, slots=True)
class ClaimForm:
    """What the dialog shows at first (a claim's fields, or a new claim's suggestion)."""

    text: str
    claimant: str = ""
    attribution: str = ""
    quantities: tuple[Quantity, ...] = ()
    status: ClaimStatus = ClaimStatus.UNVERIFIED
    note: str = ""
    claimant_type: str | None = None
    title: str = "Edit the claim"


@dataclass(frozen=True, slots=True)
class ClaimEdit:
    """What the user saved; ``quantities`` already read into figures."""

    claimant: str
    attribution: str
    quantities: tuple[Quantity, ...]
    status: ClaimStatus
    note: str
    claimant_type: str
    """"person", "organization", or "" for the rule."""


def figures_text(quantities: tuple[Quantity, ...]) -> str:
    return "; ".join(" ".join(p for p in (q.text, q.item) if p) for q in quantities)


class ChoiceLine(Widget, can_focus=True):
    """A one-line choice among a few words, the current one highlighted."""

    DEFAULT_CSS = """
    ChoiceLine { height: auto; width: 1fr; }
    ChoiceLine:focus { background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,space,l", "step(1)", "Next", show=False, id="choice.next"),
        Binding("left,h", "step(-1)", "Previous", show=False, id="choice.previous"),
    ]

    index: reactive[int] = reactive(0)

    def __init__(
        self, choices: list[str], index: int, styles: dict[str, str], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.choices = choices
        self.choice_styles = styles
        self.set_reactive(ChoiceLine.index, index)

    def render(self) -> Text:
        line = Text()
        for n, choice in enumerate(self.choices):
            if n:
                line.append(" ")
            style = self.choice_styles.get(choice, "")
            line.append(choice, style=f"{style} reverse bold" if n == self.index else style)
        return line

    def action_step(self, step: int) -> None:
        self.index = (self.index + step) % len(self.choices)

    @property
    def value(self) -> str:
        return self.choices[self.index]


class ClaimEditModal(ModalScreen[ClaimEdit | None]):
    """Edit every field of a claim; dismisses with a :class:`ClaimEdit`, or None."""

    DEFAULT_CSS = """
    ClaimEditModal { align: center middle; }
    #edit-claim { width: 90%; max-width: 100; height: auto; max-height: 100%;
                  border: thick $accent; background: $surface; padding: 0 1; }
    #edit-claim-text { max-height: 4; margin-bottom: 1; }
    .edit-row { height: auto; margin-bottom: 1; }
    .edit-row Label { width: 13; color: $text-muted; }
    .edit-row Input { height: 1; border: none; padding: 0; width: 1fr; background: $boost; }
    .edit-row Input:focus { background: $panel-lighten-2; border: none; }
    #edit-claim-problem { color: $error; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="edit_claim.cancel"),
        Binding("ctrl+s", "save", "Save", id="edit_claim.save"),
        *(
            Binding(
                str(n),
                f"pick({n - 1})",
                status.value.capitalize(),
                show=False,
                id=f"edit_claim.status_{status.value}",
            )
            for n, status in enumerate(STATUSES, start=1)
        ),
    ]

    def __init__(self, form: ClaimForm) -> None:
        super().__init__()
        self.form = form

    def compose(self) -> ComposeResult:
        form = self.form
        kind = form.claimant_type if form.claimant_type in CLAIMANT_TYPES else "auto"
        with Vertical(id="edit-claim"):
            yield Label(form.title, classes="dialog-title")
            yield Static(Text(printable(form.text), style="italic"), id="edit-claim-text")
            for label, name, value, hint in (
                ("Claimant", "claimant", form.claimant, "who makes the claim (none)"),
                ("Attribution", "attribution", form.attribution, 'e.g. "Amaq claims"'),
                ("Figures", "quantities", figures_text(form.quantities), "e.g. 44 tanks; 7 BMPs"),
            ):
                with Horizontal(classes="edit-row"):
                    yield Label(label)
                    yield Input(value, placeholder=hint, id=f"edit-{name}")
            with Horizontal(classes="edit-row"):
                yield Label("Claimant is")
                yield ChoiceLine(
                    list(CLAIMANT_TYPES), CLAIMANT_TYPES.index(kind), {}, id="edit-claimant-type"
                )
            with Horizontal(classes="edit-row"):
                yield Label("Status")
                yield ChoiceLine(
                    [s.value for s in STATUSES],
                    STATUSES.index(form.status),
                    {s.value: STATUS_STYLES.get(s, "") for s in STATUSES},
                    id="edit-status",
                )
            with Horizontal(classes="edit-row"):
                yield Label("Note")
                yield Input(
                    form.note,
                    placeholder="why, source…",
                    max_length=NOTE_LIMIT,
                    id="edit-note",
                )
            yield Static("", id="edit-claim-problem")
            yield Static(
                "tab next field · ←→ change a choice (1–5 status) · ctrl+s or enter in the note "
                "save · escape cancel",
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        self.query_one("#edit-claimant", Input).focus()

    def action_pick(self, index: int) -> None:
        status = self.query_one("#edit-status", ChoiceLine)
        if self.focused is status:
            status.index = index

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "edit-note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        from store.editing import EditError, parse_quantities

        def value(name: str) -> str:
            return " ".join(self.query_one(f"#edit-{name}", Input).value.split())

        try:
            figures = parse_quantities(value("quantities"))
        except EditError as error:
            self.query_one("#edit-claim-problem", Static).update(Text(one_line(str(error), 200)))
            self.query_one("#edit-quantities", Input).focus()
            return
        kind = self.query_one("#edit-claimant-type", ChoiceLine).value
        self.dismiss(
            ClaimEdit(
                claimant=value("claimant"),
                attribution=value("attribution"),
                quantities=figures,
                status=STATUSES[self.query_one("#edit-status", ChoiceLine).index],
                note=value("note"),
                claimant_type="" if kind == "auto" else kind,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
