"""SVG snapshots at 80×24 (a split tmux pane) and 200×60 of every screen and dialog (issue 19).

Each docstring says what a person must see; update with ``--snapshot-update`` after a
deliberate change and look at the SVGs in ``tests/app/__snapshots__`` before committing them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.app.test_app_search import sample_store
from tests.app.test_snapshots import EXPORT_DIR, KEYMAP, SnapCompare, _steps
from tests.app_helpers import filled_store
from tui.app import ClaimdeskApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((200, 60), id="200x60")]


def app_on(tmp_path: Path, sample: bool = False) -> ClaimdeskApp:
    store = sample_store(tmp_path) if sample else filled_store(tmp_path)
    return ClaimdeskApp(
        store,
        keymap_file=KEYMAP,
        export_dir=EXPORT_DIR,
        clock=lambda: datetime(2026, 11, 24, 23, 10),
    )


@pytest.mark.parametrize("size", SIZES)
class TestScreensAtTwoSizes:
    def test_articles_list(self, snap_compare: SnapCompare, tmp_path: Path, size: object) -> None:
        """Articles: Published, Outlet, Title, Claims, Comments; the title takes the room,
        every cut cell ends in "…"; the footer starts "? Help  q Quit  / Search" and no key
        is cut; the message line (empty) sits above it."""
        assert snap_compare(app_on(tmp_path), terminal_size=size, run_before=_steps())

    def test_claims_list(self, snap_compare: SnapCompare, tmp_path: Path, size: object) -> None:
        """Claims: at 80 columns the claim text is the widest column (about 35 cells) and
        Claimant, Quantities and Article are narrow, cut with "…"; at 200 columns the claimants
        and the article titles are whole."""
        app = app_on(tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=_steps("2"))

    def test_comments_list(self, snap_compare: SnapCompare, tmp_path: Path, size: object) -> None:
        """Comments: Author, Posted, Article, Comment; the comment's first line takes the room."""
        app = app_on(tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=_steps("3"))

    def test_reader(self, snap_compare: SnapCompare, tmp_path: Path, size: object) -> None:
        """The reader on the Palmyra article, the first claim current (black on yellow in the
        text); the claims pane as tall as its claims with the notes whole, the thread below
        with Moose under Timothy, rows cut with "…" and no horizontal scroll bar."""
        app = app_on(tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=_steps("2", "enter", "c"))

    def test_reader_full_width(
        self, snap_compare: SnapCompare, tmp_path: Path, size: object
    ) -> None:
        """``z``: the article's text alone across the whole width, no side panes."""
        app = app_on(tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=_steps("2", "enter", "z"))

    def test_search(self, snap_compare: SnapCompare, tmp_path: Path, size: object) -> None:
        """Search for "russian" on the sample data: each claim and comment hit says under it
        which article it belongs to (and whose comment a claim was made in); a comment whose
        snippet is its first words shows its text once, the match highlighted in it."""
        app = app_on(tmp_path, sample=True)
        assert snap_compare(app, terminal_size=size, run_before=_steps("slash", *"russian"))

    def test_help(self, snap_compare: SnapCompare, tmp_path: Path, size: object) -> None:
        """Help over the lists: only claimdesk's keys (no "Scroll Left", no "palette"),
        under "The lists", "Moving in a list", "Everywhere"; the dialog fits the terminal and
        its last line says how to scroll it."""
        app = app_on(tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=_steps("question_mark"))

    def test_search_syntax_help(
        self, snap_compare: SnapCompare, tmp_path: Path, size: object
    ) -> None:
        """Help on the search screen scrolled to its end (``G``): the syntax as a two-column
        table refitted to the width, and the keys.toml example whole."""
        app = app_on(tmp_path, sample=True)
        assert snap_compare(
            app, terminal_size=size, run_before=_steps("slash", "question_mark", "G")
        )

    def test_export_dialog(self, snap_compare: SnapCompare, tmp_path: Path, size: object) -> None:
        """The export dialog: its right edge inside the terminal at 80 columns, five formats
        with their keys, the file ~/Documents/claimdesk/claimdesk-2026-11-24T2310.md whole."""
        app = app_on(tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=_steps("2", "e"))

    def test_judge_dialog(self, snap_compare: SnapCompare, tmp_path: Path, size: object) -> None:
        """The judge dialog on the first claim: its text, the five statuses, the note field
        and the key hint, all inside the terminal."""
        app = app_on(tmp_path)
        assert snap_compare(app, terminal_size=size, run_before=_steps("2", "v"))
