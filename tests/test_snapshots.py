"""SVG snapshots of the screens a person judges by eye (fixed size, fixed data).

Update after a deliberate change with ``pytest tests/test_snapshots.py --snapshot-update`` and
look at the SVGs in ``tests/__snapshots__`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from store.store import Store
from tests.app_helpers import SIZE, filled_store, settle
from tui.app import ClaimdeskApp

SnapCompare = Callable[..., bool]
KEYMAP = Path("~/.config/claimdesk/keys.toml")
"""Shown in the help screen; never expanded, so no real file is read and the text is fixed."""


def make_app(store: Store, _tmp_path: Path) -> ClaimdeskApp:
    return ClaimdeskApp(store, keymap_file=KEYMAP)


def _steps(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


class TestBrowserSnapshots:
    def test_claims_list(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """The claims list: columns Claimant, Claim, Quantities, Status, Article; four claims,
        the first (Amaq, "44 tanks, 7 BMPs") under the cursor and marked with ●, the
        unverifiable one in yellow; the tab reads "Claims 4" and the status line "1 marked"."""
        app = make_app(filled_store(tmp_path), tmp_path)
        assert snap_compare(app, terminal_size=SIZE, run_before=_steps("2", "space", "k"))

    def test_reader_with_highlighted_claim_and_thread(self, snap_compare: SnapCompare,
                                                      tmp_path: Path) -> None:
        """The reader on the Palmyra article: the "352 men" claim is the current one (black on
        yellow in the body, highlighted in the claims pane), the "44 tanks" claim underlined
        on brown; the comment thread shows Moose indented under Timothy."""
        app = make_app(filled_store(tmp_path), tmp_path)
        assert snap_compare(app, terminal_size=SIZE, run_before=_steps("2", "j", "a"))

    def test_help(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """Help over the articles list: a table of every key (j/k, g/G, page keys, enter, s,
        1/2/3, tab, space, a, q, ?, /, y, o, v, ctrl+q) with what it does and its binding id,
        and the keys.toml hint underneath."""
        app = make_app(filled_store(tmp_path), tmp_path)
        assert snap_compare(app, terminal_size=SIZE, run_before=_steps("question_mark"))
