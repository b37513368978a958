"""The real ``claimdesk`` in tmux, as a new user would export: mark, ``e``, a key, a file.

The sample data is imported with the real command line; the app runs with its documents
folder pointed into the test's folder (``XDG_DOCUMENTS_DIR``, which platformdirs reads), so
the default export file lands there. The files are then read back with json and markdown-it.
The tmux server is the test's own, with ``set-clipboard on``, so ``y`` can be checked in tmux's
paste buffer, the way OSC 52 reaches a user's clipboard.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import ROOT, SAMPLE_DIR
from tests.tmux_helpers import needs_tmux, tmux_session, wait_for_file

pytestmark = [needs_tmux, pytest.mark.xdist_group("tmux")]  # one worker, one at a time


def test_mark_rows_in_two_views_export_them_and_copy(tmp_path: Path) -> None:
    db = tmp_path / "e2e.sqlite3"
    documents = tmp_path / "Documents"
    imported = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), "import", str(SAMPLE_DIR)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    command = shlex.join(
        ["env", f"XDG_DOCUMENTS_DIR={documents}", sys.executable, "-m", "tui", "--db", str(db)]
    )
    with tmux_session(command, ROOT) as tmux:
        tmux.run("set-option", "-s", "set-clipboard", "on")
        tmux.wait_for("Claims 22")
        tmux.keys("2")
        tmux.wait_for("44 tanks, 7 B")  # the quantities column fits the width
        tmux.keys("Space", "Space", "3")
        tmux.wait_for("Paddy Singh")
        tmux.keys("Space")
        tmux.wait_for("3 marked")
        # e, then j: JSON to the default file in the documents folder
        tmux.keys("e")
        tmux.wait_for("Export 2 claims, 1 comment")
        tmux.keys("j")
        (exported,) = wait_for_file("claimdesk/claimdesk-*.json", documents)
        tmux.wait_for("Exported 2 claims, 1 comment from 1 article")
        records = json.loads(exported.read_text(encoding="utf-8"))
        assert sorted(r["kind"] for r in records) == ["article", "claim", "claim", "comment"]
        assert [r["author"] for r in records if r["kind"] == "comment"] == ["Paddy Singh"]
        # e, tab to the file name, type one of our own, enter: the Markdown brief goes there
        brief = tmp_path / "brief.md"
        tmux.keys("e")
        tmux.wait_for("Export 2 claims, 1 comment")
        tmux.keys("Tab", "C-a", "C-k")
        tmux.type(str(brief))
        tmux.keys("Enter")
        wait_for_file("brief.md", tmp_path)
        tokens = MarkdownIt().parse(brief.read_text(encoding="utf-8"))
        inline = " ".join(t.content for t in tokens if t.type == "inline")
        assert "Paddy Singh" in inline and "Jihadis celebrate capture" in inline
        # y copies the three as citations; tmux keeps what OSC 52 sent as a paste buffer
        tmux.keys("y")
        tmux.wait_for("Copied 3 citations")
        copied = tmux.run("show-buffer")
        assert copied.count('> "') == 3 and "Paddy Singh, comment on" in copied
        tmux.keys("q")
        assert tmux.wait_until_gone(), "claimdesk did not quit on q"
