"""A new user in a real terminal (tmux): subscribe to two local feeds, press R, read comments.

The feeds and their pages are served by a real HTTP server on 127.0.0.1 started by the test;
each entry is a summary, so ``R`` (which fetches full pages) brings the real page with its
WordPress comment thread, read in the reader like any imported page.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.fetch_helpers import rss
from tests.local_server import Route, serving
from tests.tmux_helpers import needs_tmux, tmux_session

pytestmark = [needs_tmux, pytest.mark.xdist_group("tmux")]  # one worker, one at a time

PAGES = {
    "desk-a": "adbar_trafilatura__californiaglobe.com.amazon.html",
    "desk-b": "adbar_trafilatura__insubordinant.wordpress.com.speed.html",
}


def test_subscribe_refresh_with_r_and_read_a_new_entrys_comments(
    tmp_path: Path, real_world: Path
) -> None:
    db = str(tmp_path / "feeds.sqlite3")
    with serving() as server:
        feeds = []
        for desk, name in PAGES.items():
            story = server.add(f"/{desk}/story", Route((real_world / "html" / name).read_bytes()))
            feeds.append(
                server.add(
                    f"/{desk}/feed.xml",
                    Route(
                        rss(f"Local {desk}", [(f"{desk} story", story, "<p>The first lines…</p>")]),
                        "application/rss+xml",
                    ),
                )
            )
        added = subprocess.run(
            [sys.executable, "-m", "tui", "--db", db, "feeds", "add", *feeds],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert added.returncode == 0 and added.stdout.count("subscribed") == 2, added.stderr
        with tmux_session(shlex.join([sys.executable, "-m", "tui", "--db", db]), ROOT) as tmux:
            tmux.wait_for("Articles 0")
            tmux.keys("R")
            tmux.wait_for("Refreshed 2 feeds: 2 new articles", timeout=60)
            screen = tmux.wait_for("Articles 2")
            assert "Comments 15" in screen, screen
            tmux.keys("g", "Enter")  # the newest article: California Globe's, 12 comments
            screen = tmux.wait_for("Comments (12)")
            assert "Amazon Liable for Defective Third-Party Products" in screen
            assert "Michael F Dougherty" in screen, screen
            # Escape and a letter read together are Alt+letter to a terminal program (ESC is the
            # Alt prefix): on a loaded machine the 0.15 s between the keys was not enough to
            # keep them apart, so the test waits for the reader to close before the next key.
            tmux.keys("Escape")
            tmux.wait_for("Articles 2")
            tmux.keys("F")
            screen = tmux.wait_for("Feeds (2)")
            assert screen.count("new 1") == 2, screen
            tmux.keys("Escape")
            tmux.wait_for_absence("Feeds (2)")
            tmux.keys("q")
            if not tmux.wait_until_gone():
                pytest.fail("claimdesk did not quit on q")
