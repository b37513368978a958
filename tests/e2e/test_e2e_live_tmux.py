"""The real ``claimdesk`` in tmux follows an import made by another process.

With the app open on a store, ``claimdesk import`` runs in another process (as in another
terminal); the app's tab counts show the new documents without a restart, and the row that
arrived is drawn as new (``N``). How soon is printed, not asserted: on a loaded machine the
terminal's own redraw can take longer than the app's promise, which
``tests/app/test_app_desk_lists.py`` holds in the poller's own terms (checks, not seconds).
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.records import DocumentDraft
from store.store import Store
from tests.conftest import ROOT, SAMPLE_DIR, SEED_PAGE
from tests.tmux_helpers import needs_tmux, tmux_session

pytestmark = [needs_tmux, pytest.mark.xdist_group("tmux")]  # one worker, one at a time


def _import(db: Path, *paths: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), "import", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_an_import_in_another_terminal_reaches_the_open_app(
    tmp_path: Path,
) -> None:
    db = tmp_path / "live.sqlite3"
    _import(db, SEED_PAGE)
    others = [
        SAMPLE_DIR / "001_harbour_ledger_grain_exports.html",
        SAMPLE_DIR / "002_harbour_ledger_feed.xml",
    ]
    with tmux_session(shlex.join([sys.executable, "-m", "tui", "--db", str(db)]), ROOT) as tmux:
        tmux.wait_for("Articles  ·  row 1 of 1")
        _import(db, *others)
        finished = time.monotonic()
        screen = tmux.wait_for("Articles 5 +4")  # a page and a feed of three
        took = time.monotonic() - finished
        print(f"counts on screen {took * 1000:.0f} ms after the import ended")
        assert "Articles  ·  row " in screen
        new_rows = [line for line in screen.splitlines() if line.startswith("N ")]
        assert len(new_rows) == 4, screen
        assert not any("Palmyra" in line for line in new_rows)
        # From the commit itself (this test's process writing): the poll, a read, a frame.
        writer = Store.open(str(db))
        writer.add_documents(
            [DocumentDraft(title="Late word", body="Late word.", source="late.txt")]
        )
        committed = time.monotonic()
        tmux.wait_for("Articles 6 +5")
        print(f"counts on screen {(time.monotonic() - committed) * 1000:.0f} ms after a commit")
        writer.close()
        tmux.keys("q")
        assert tmux.wait_until_gone()
