"""The real ``claimdesk`` in a real terminal (tmux): open, browse, read, judge, quit.

Runs ``python -m tui`` (the same entry as the ``claimdesk`` script): first ``import`` of
``sample_data/`` and of a page whose comment carries terminal control sequences into a
temporary store, then the app, pressing keys with ``send-keys`` and reading the screen with
``capture-pane``. Proves too that the control sequences never reach the terminal: the pane's
title stays ours and the screen is not cleared.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_DIR
from tests.tmux_helpers import Tmux, needs_tmux, tmux_session

pytestmark = [needs_tmux, pytest.mark.xdist_group("tmux")]  # one worker, one at a time


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    db = tmp_path / "e2e.sqlite3"
    hostile = tmp_path / "escapes.txt"
    hostile.write_text(
        "Escapes in the comments\n\nA plain body paragraph.\n\n1 Comment\n\n"
        "  • Mallory says:\n\n    hi\x1b]0;PWNED\x07 there\x1b[2J\n",
        encoding="utf-8",
    )
    imported = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), "import", str(SAMPLE_DIR), str(hostile)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    with tmux_session(shlex.join([sys.executable, "-m", "tui", "--db", str(db)]), ROOT) as t:
        yield t


def test_browse_read_judge_and_quit(tmux: Tmux) -> None:
    tmux.wait_for("Articles 6")
    tmux.wait_for("Jihadis celebrate capture of Russian base")
    tmux.wait_for("Comments 9")
    tmux.keys("2")
    tmux.wait_for("Claimant")
    tmux.wait_for("44 tanks, 7 B")  # the quantities column fits the width (issue 19)
    tmux.keys("j", "v", "4", "Enter")  # the second claim is Amaq's list of seized arms
    tmux.wait_for("7 B… disputed")  # the list's row: the dialog says "disputed" too
    tmux.keys("a")
    tmux.wait_for("Claims (6)")
    screen = tmux.wait_for("Thomas Joscelyn · 2016-12-13")
    assert "Moose" in screen and re.search(r"disputed\s+Amaq: Amaq claims", screen), screen
    tmux.keys("Escape")
    tmux.wait_for("Claims  ·  row")  # back on the list before the next key (a loaded CI)
    tmux.keys("3")
    screen = tmux.wait_for("hi␛]0;PWNED␇ there␛[2J")
    assert "Paddy Singh" in screen  # the screen was not cleared
    assert "PWNED" not in tmux.run("display-message", "-p", "-t", tmux.session, "#{pane_title}")
    tmux.keys("q")
    if not tmux.wait_until_gone():
        pytest.fail("claimdesk did not quit on q")


def test_search_finds_a_claim_despite_typos_and_opens_it(tmux: Tmux) -> None:
    tmux.wait_for("Jihadis celebrate capture of Russian base")
    tmux.keys("/")
    tmux.wait_for("Type to search")
    tmux.run("send-keys", "-t", tmux.session, "-l", "palmira tnaks")  # typed as one burst
    screen = tmux.wait_for("claim text: ")
    first = next(line for line in screen.splitlines() if "CLAIM" in line or "ARTICLE" in line)
    assert "CLAIM" in first and "44 tanks" in first, screen
    tmux.keys("Enter")
    screen = tmux.wait_for("Thomas Joscelyn")  # the byline: the reader has drawn the article
    assert "Claims (" in screen and "palmira tnaks" not in screen
    tmux.keys("n")
    tmux.wait_for("Match ")
    tmux.keys("Escape")
    tmux.wait_for("claim text: ")  # back on the hits
