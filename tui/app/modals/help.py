"""Help: the keys of the screen the user was on, grouped, with what they do and their ids.

Only claimdesk's own keys are listed (every one carries an id, the name ``keys.toml`` remaps
it by); Textual's built-in ones ("Scroll Left", "Page Left", "palette", "Copy selected text")
are not, except the command palette, under its own name. Everything, the search syntax and
the remap example included, is one scrolling text that fits 80×24: ``j``/``k``, the arrows,
page keys, ``ctrl+d``/``ctrl+u``, ``g``/``G``/``home``/``end`` move it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

GROUP_TITLES: dict[str, str] = {
    "app": "Everywhere",
    "browser": "The lists",
    "list": "Moving in a list",
    "reader": "The reader",
    "search": "Search",
    "hits": "Moving in the hits",
}
"""A heading for the first part of a binding id; other parts are headed by the part itself."""
GROUP_ORDER = ("browser", "reader", "search", "list", "hits", "app")


def group_of(binding_id: str) -> str:
    """The group a key is listed under: the first part of its id (``reader.comments.mark``:
    the reader)."""
    return binding_id.split(".", 1)[0]


def _group_rank(group: str) -> tuple[int, str]:
    return (GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER), group)


def key_tables(rows: Sequence[tuple[str, str, str]]) -> list[RenderableType]:
    """``rows`` (keys, what it does, binding id) as one small table per group, headed."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        groups.setdefault(group_of(row[2]), []).append(row)
    parts: list[RenderableType] = []
    for group in sorted(groups, key=_group_rank):
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column("Key", style="bold", no_wrap=True, min_width=10, max_width=18)
        table.add_column("Does", ratio=3)
        table.add_column("Id", style="dim", ratio=2, overflow="fold")
        for keys, does, binding_id in groups[group]:
            table.add_row(Text(keys), Text(does), Text(binding_id))
        title = GROUP_TITLES.get(group, group)
        parts.extend([Text(title, style="bold underline"), table, Text("")])
    return parts


_EXAMPLE = re.compile(r"^  (\S.*?)\s{2,}(\S.*)$")
_CONTINUED = re.compile(r"^\s{4,}(\S.*)$")


def reflowed(notes: str) -> list[RenderableType]:
    """Notes written for a wide terminal, refitted to any width: ``  example   meaning``
    lines become a two-column table (a deeper-indented line continues the meaning above),
    other lines are joined into paragraphs that wrap. Blank lines separate."""
    parts: list[RenderableType] = []
    prose: list[str] = []
    examples: list[list[str]] = []

    def flush() -> None:
        if prose:
            parts.append(Text(" ".join(prose)))
            prose.clear()
        if examples:
            table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
            table.add_column("Example", style="bold", no_wrap=True, max_width=20)
            table.add_column("Meaning", ratio=1)
            for example, meaning in examples:
                table.add_row(Text(example), Text(meaning))
            parts.append(table)
            examples.clear()

    for line in notes.splitlines():
        example, continued = _EXAMPLE.match(line), _CONTINUED.match(line)
        if not line.strip():
            flush()
            parts.append(Text(""))
        elif continued and examples:
            examples[-1][1] += " " + continued.group(1)
        elif example:
            if prose:
                flush()
            examples.append([example.group(1), example.group(2)])
        else:
            if examples or (prose and prose[-1].endswith(":")):
                flush()
            prose.append(line.strip())
    flush()
    return parts


class HelpModal(ModalScreen[None]):
    """The keys; ``rows`` are (keys, what it does, binding id); ``notes`` below them (the
    search screen's query syntax)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
        Binding("pagedown,ctrl+f,space", "scroll('page_down')", "Page down", id="help.page_down"),
        Binding("pageup,ctrl+b", "scroll('page_up')", "Page up", show=False, id="help.page_up"),
        Binding("ctrl+d", "scroll('half_down')", "Half page down", show=False, id="help.half_down"),
        Binding("ctrl+u", "scroll('half_up')", "Half page up", show=False, id="help.half_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help.bottom"),
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
        parts = key_tables(self.rows)
        if self.notes:
            parts.extend([*reflowed(self.notes), Text("")])
        parts.append(
            Text(
                f"Remap any key by its id in {self.keymap_file}, for example:\n"
                '  [keys]\n  "list.down" = "j,down"\n  "browser.mark" = "x"'
            )
        )
        with Vertical(id="help"):
            yield Label(f"Keys: {self.screen_name}", classes="dialog-title")
            with VerticalScroll(id="help-text"):
                yield Static(Group(*parts))
            yield Label(
                "j/k ↑↓ scroll · space/pgdn page · g/G top/bottom · esc close",
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        self.query_one("#help-text", VerticalScroll).focus()

    def action_scroll(self, where: str) -> None:
        text = self.query_one("#help-text", VerticalScroll)
        half = max(text.size.height // 2, 1)
        match where:
            case "down":
                text.scroll_down(animate=False)
            case "up":
                text.scroll_up(animate=False)
            case "page_down":
                text.scroll_page_down(animate=False)
            case "page_up":
                text.scroll_page_up(animate=False)
            case "half_down":
                text.scroll_relative(y=half, animate=False)
            case "half_up":
                text.scroll_relative(y=-half, animate=False)
            case "home":
                text.scroll_home(animate=False)
            case "end":
                text.scroll_end(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
