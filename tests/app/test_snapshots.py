"""SVG snapshots of the screens a person judges by eye (fixed size, fixed data).

Update after a deliberate change with ``pytest tests/test_snapshots.py --snapshot-update`` and
look at the SVGs in ``tests/__snapshots__`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from store.store import Store
from tests.app_helpers import SIZE, filled_store, settle
from tui.app import ClaimdeskApp

SnapCompare = Callable[..., bool]
KEYMAP = Path("~/.config/claimdesk/keys.toml")
"""Shown in the help screen; never expanded, so no real file is read and the text is fixed."""


def make_app(store: Store, _tmp_path: Path) -> ClaimdeskApp:
    return ClaimdeskApp(store, keymap_file=KEYMAP)


def steady_cursors(pilot: Pilot[Any]) -> None:
    """Show every text field's cursor steadily: it blinks every half second, so on a loaded
    machine the picture depended on how long the keys took (the cursor there or not)."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def _steps(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        steady_cursors(pilot)

    return run_before


class TestBrowserSnapshots:
    def test_claims_list(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """The claims list: columns Claimant, Claim, Quantities, Status, Article; four claims,
        the first (Amaq, "44 tanks, 7 BMPs") under the cursor and marked with ●, the
        unverifiable one in yellow; the tab reads "Claims 4" and the status line "1 marked"."""
        app = make_app(filled_store(tmp_path), tmp_path)
        assert snap_compare(app, terminal_size=SIZE, run_before=_steps("2", "space", "k"))

    def test_reader_with_highlighted_claim_and_thread(
        self, snap_compare: SnapCompare, tmp_path: Path
    ) -> None:
        """The reader on the Palmyra article: the "352 men" claim is the current one (black on
        yellow in the body, highlighted in the claims pane), the "44 tanks" claim underlined
        on brown; the comment thread shows Moose indented under Timothy; the status line
        above the footer reads "Reader · none marked"."""
        app = make_app(filled_store(tmp_path), tmp_path)
        assert snap_compare(app, terminal_size=SIZE, run_before=_steps("2", "j", "a"))

    def test_help(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """Help over the articles list: a table of every key (j/k, g/G, page keys, enter, s,
        1/2/3, tab, space, A/U/I "... in list", a, q, ?, /, e, y, o, v, ctrl+q) with what it
        does and its binding id, and the keys.toml hint underneath."""
        app = make_app(filled_store(tmp_path), tmp_path)
        assert snap_compare(app, terminal_size=SIZE, run_before=_steps("question_mark"))


EXPORT_DIR = Path("~/Documents/claimdesk")
"""Shown in the export dialog; never expanded or created (nothing is exported here)."""


class TestExportSnapshots:
    def test_export_dialog(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """The export dialog over the claims list after marking two claims and a comment:
        the title reads "Export 2 claims, 1 comment"; five formats, each with its key (m, c, j,
        l, r), its name and its extension, Markdown highlighted; the file field holds
        ~/Documents/claimdesk/claimdesk-2026-11-24T2310.md; the keys are explained underneath.
        Behind it, the status line says "3 marked"."""
        app = ClaimdeskApp(
            filled_store(tmp_path),
            keymap_file=KEYMAP,
            export_dir=EXPORT_DIR,
            clock=lambda: datetime(2026, 11, 24, 23, 10),
        )
        assert snap_compare(
            app, terminal_size=SIZE, run_before=_steps("2", "space", "space", "3", "space", "e")
        )
