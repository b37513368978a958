"""SVG snapshot of the search screen (see tests/test_snapshots.py for how to update)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.app.test_app_search import sample_store
from tests.app.test_snapshots import KEYMAP, SnapCompare, steady_cursors
from tests.app_helpers import SIZE, settle
from tui.app import ClaimdeskApp


class TestSearchSnapshots:
    def test_search_results(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """Search for "palmira tnaks" on the sample data: the query line on top, "2 hits" and
        the key hints under it, then the orange CLAIM badge on Amaq's "44 tanks, 7 BMPs" claim
        (under the cursor, its field "claim text:" and "tanks" black on cyan in the snippet),
        then the blue ARTICLE badge on the Palmyra article, "body:" and "Palmyra" black on
        cyan. Each hit's score sits at the right edge."""
        app = ClaimdeskApp(sample_store(tmp_path), keymap_file=KEYMAP)

        async def run_before(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("slash", *"palmira", "space", *"tnaks")
            await settle(pilot)
            steady_cursors(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
