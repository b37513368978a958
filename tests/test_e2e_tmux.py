"""The real ``claimdesk`` in a real terminal (tmux): open, browse, read, judge, quit.

Runs ``python -m tui`` (the same entry as the ``claimdesk`` script): first ``import`` of
``sample_data/`` and of a page whose comment carries terminal control sequences into a
temporary store, then the app, pressing keys with ``send-keys`` and reading the screen with
``capture-pane``. Proves too that the control sequences never reach the terminal: the pane's
title stays ours and the screen is not cleared.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE_DIR

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    def __init__(self, session: str) -> None:
        self.session = session

    def run(self, *args: str) -> str:
        done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=True)
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.session, key)
            time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    db = tmp_path / "e2e.sqlite3"
    hostile = tmp_path / "escapes.txt"
    hostile.write_text("Escapes in the comments\n\nA plain body paragraph.\n\n1 Comment\n\n"
                       "  • Mallory says:\n\n    hi\x1b]0;PWNED\x07 there\x1b[2J\n",
                       encoding="utf-8")
    imported = subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "import",
                               str(SAMPLE_DIR), str(hostile)], cwd=ROOT, capture_output=True,
                              text=True, check=False)
    assert imported.returncode == 0, imported.stderr
    session = f"claimdesk-e2e-{uuid.uuid4().hex[:8]}"
    # A moment's pause lets tmux give the pane its size before the app asks for it.
    command = f"sleep 0.3; exec {sys.executable} -m tui --db {tmp_path / 'e2e.sqlite3'}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                    "-c", str(ROOT), command], check=True)
    try:
        yield Tmux(session)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_browse_read_judge_and_quit(tmux: Tmux) -> None:
    tmux.wait_for("Articles 6")
    tmux.wait_for("Jihadis celebrate capture of Russian base")
    tmux.wait_for("Comments 9")
    tmux.keys("2")
    tmux.wait_for("Claimant")
    tmux.wait_for("44 tanks, 7 BMPs")
    tmux.keys("j", "j", "v", "4", "Enter")  # the third claim is Amaq's list of seized arms
    tmux.wait_for("disputed")
    tmux.keys("a")
    tmux.wait_for("Claims (6)")
    screen = tmux.wait_for("Thomas Joscelyn · 2016-12-13")
    assert "Moose" in screen and re.search(r"disputed\s+Amaq: Amaq claims", screen), screen
    tmux.keys("Escape", "3")
    screen = tmux.wait_for("hi␛]0;PWNED␇ there␛[2J")
    assert "Paddy Singh" in screen  # the screen was not cleared
    assert "PWNED" not in tmux.run("display-message", "-p", "-t", tmux.session, "#{pane_title}")
    tmux.keys("q")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        alive = subprocess.run(["tmux", "has-session", "-t", tmux.session], capture_output=True)
        if alive.returncode != 0:
            break
        time.sleep(0.1)
    else:
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
    screen = tmux.wait_for("Claims (")
    assert "Thomas Joscelyn" in screen and "palmira tnaks" not in screen
    tmux.keys("n")
    tmux.wait_for("Match ")
    tmux.keys("Escape")
    tmux.wait_for("claim text: ")  # back on the hits
