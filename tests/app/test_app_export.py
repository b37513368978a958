"""Marking and exporting in the app, driven with Pilot: what a user marks is what the file holds.

Every file the app writes is read back with a real parser (json, csv, markdown-it, the one
Textual depends on) and checked for the records the user chose, not for its formatting.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from store.export import FORMATS
from store.importer import import_paths
from store.paths import sample_data_dir
from store.store import Store
from tests.app_helpers import (
    SIZE,
    browser,
    current_list,
    filled_store,
    messages,
    palette_offers,
    paste,
    screen_text,
    settle,
    sync,
)
from tests.fixtures_store import KILLED, ORYX, TANKS, TITLE
from tests.reviewer_config import write_reviewer
from tui.app import ClaimdeskApp
from tui.app.modals.confirm import ConfirmModal
from tui.app.modals.export import FORMAT_KEYS, ExportModal
from tui.app.modals.help import HelpModal
from tui.app.screens.browser import BrowserScreen

NOW = datetime(2026, 11, 24, 23, 10)
OFFICIALS = "Officials said 12 fighters were killed in the clashes."


def export_app(store: Store, tmp_path: Path) -> ClaimdeskApp:
    """The app with its exports going to ``tmp_path/exports`` at a fixed minute."""
    return ClaimdeskApp(
        store,
        keymap_file=tmp_path / "keys.toml",
        export_dir=tmp_path / "exports",
        clock=lambda: NOW,
    )


def default_file(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / "exports" / f"claimdesk-2026-11-24T2310.{FORMATS[fmt].extension}"


def notes(app: ClaimdeskApp) -> list[str]:
    return messages(app)


async def export(pilot: Pilot[None], fmt: str, path: Path | None = None) -> None:
    """``e``, then (if ``path``) type it as the file name, then the format's key."""
    await pilot.press("e")
    assert isinstance(pilot.app.screen, ExportModal)
    if path is not None:
        await pilot.press("tab", "ctrl+a", "ctrl+k")
        await paste(pilot, str(path))
        await pilot.press("shift+tab")
    await pilot.press(FORMAT_KEYS[fmt])
    await settle(pilot)


async def mark_across_views(pilot: Pilot[None]) -> None:
    """Two claims from two articles (the first and the last), then the first comment."""
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("space", "G", "space", "3")
    await settle(pilot)
    await pilot.press("space")


def json_records(path: Path) -> list[dict[str, Any]]:
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def texts(records: list[dict[str, Any]], kind: str, field: str) -> list[str]:
    return sorted(r[field] for r in records if r["kind"] == kind)


@sync
async def test_marks_from_two_views_export_exactly_those_records(tmp_path: Path) -> None:
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await mark_across_views(pilot)
        assert "3 marked" in screen_text(app)
        await export(pilot, "json")
        path = default_file(tmp_path, "json")
        records = json_records(path)
        assert texts(records, "claim", "text") == sorted([TANKS, OFFICIALS])
        assert texts(records, "comment", "author") == ["Paddy Singh"]
        assert texts(records, "article", "title") == sorted([TITLE, "Rebels advance on al-Bab"])
        assert len(records) == 5
        assert any(f"2 claims, 1 comment from 2 articles → {path}" in n for n in notes(app))
        assert len(app.marks) == 3  # an export keeps the marks for the next one


@pytest.mark.parametrize("fmt", list(FORMATS))
@sync
async def test_each_format_key_writes_a_file_that_parses(tmp_path: Path, fmt: str) -> None:
    write_reviewer()
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await mark_across_views(pilot)
        await export(pilot, fmt)
        text = default_file(tmp_path, fmt).read_text(encoding="utf-8")
    if fmt == "md":
        tokens = MarkdownIt().parse(text)
        inline = " ".join(t.content for t in tokens if t.type == "inline")
        assert TANKS in inline and OFFICIALS in inline and "Paddy Singh" in inline
        headings = [
            tokens[i + 1].content
            for i, t in enumerate(tokens)
            if t.type == "heading_open" and t.tag == "h2"
        ]
        assert headings == [TITLE, "Rebels advance on al-Bab"]
    elif fmt == "csv":
        assert text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
        assert sorted(r["kind"] for r in rows) == ["claim", "claim", "comment"]
    elif fmt == "json":
        assert len(json_records(default_file(tmp_path, fmt))) == 5
    elif fmt == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        assert texts(records, "claim", "text") == sorted([TANKS, OFFICIALS])
    else:
        reviews = json.loads(text)
        assert sorted(r["claimReviewed"] for r in reviews) == sorted([TANKS, OFFICIALS])
        assert any("ClaimReview leaves out 1 comment" in n for n in notes(app))


@sync
async def test_nothing_marked_exports_the_row_under_the_cursor(tmp_path: Path) -> None:
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "j")
        await settle(pilot)
        await pilot.press("e")
        assert "the current claim" in screen_text(app)
        await pilot.press("l")
        await settle(pilot)
        lines = default_file(tmp_path, "jsonl").read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        assert [(r["kind"], r.get("text") or r.get("title")) for r in records] == [
            ("article", TITLE),
            ("claim", KILLED),
        ]


@sync
async def test_typed_file_name_and_overwrite_is_asked_first(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("keep me", encoding="utf-8")
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "space")
        await export(pilot, "md", target)
        assert isinstance(app.screen, ConfirmModal)
        question = app.screen.question
        assert target.name in question and str(target.parent) in question
        assert "already exists" in screen_text(app)
        await pilot.press("enter")  # the focused answer is the safe one
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "keep me"
        assert any("was kept" in n for n in notes(app))
        await export(pilot, "md", target)
        await pilot.press("y")
        await settle(pilot)
        assert TANKS in target.read_text(encoding="utf-8")
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@sync
async def test_changing_format_changes_the_extension_of_the_file(tmp_path: Path) -> None:
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        field = app.screen.query_one(Input)
        assert field.value == str(default_file(tmp_path, "md"))
        await pilot.press("down")
        assert field.value == str(default_file(tmp_path, "csv"))
        await pilot.press("tab", "ctrl+a", "ctrl+k")
        await paste(pilot, str(tmp_path / "mine.csv"))
        await pilot.press("shift+tab")
        await pilot.press("down")
        assert field.value == str(tmp_path / "mine.json")
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)
        await settle(pilot)
        assert not (tmp_path / "exports").exists()


@sync
async def test_an_empty_file_name_is_said_in_the_dialog(tmp_path: Path) -> None:
    """It was a toast, drawn over the dialog's bottom right corner."""
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", "tab", "ctrl+a", "ctrl+k", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)
        assert "Type a file name to export to" in screen_text(app)
        assert not app._notifications
        await pilot.press("escape")
        assert not (tmp_path / "exports").exists()


@sync
async def test_claimreview_without_claims_says_so_and_writes_nothing(tmp_path: Path) -> None:
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space")  # an article
        await export(pilot, "claimreview")
        assert any("needs claims" in n for n in notes(app))
        assert not default_file(tmp_path, "claimreview").exists()


@sync
async def test_a_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await export(pilot, "csv", blocker / "out.csv")
        problem = [n for n in notes(app) if n.startswith("Not exported")]
        assert len(problem) == 1 and "\n" not in problem[0] and str(blocker) in problem[0]
        assert isinstance(app.screen, BrowserScreen)


# -- select all, none, invert ----------------------------------------------------------------


def marked_rows(app: ClaimdeskApp) -> list[str]:
    return [line for line in screen_text(app).splitlines() if line.startswith("●")]


@sync
async def test_mark_all_unmark_all_and_invert_act_on_the_current_list(tmp_path: Path) -> None:
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "2")  # an article stays marked throughout
        await settle(pilot)
        await pilot.press("space", "I")  # first claim marked, then inverted: the other three
        await settle(pilot)
        claims = current_list(app).loaded_records()
        assert sorted(i for k, i in app.marks if k == "claim") == sorted(c.id for c in claims[1:])
        assert len(marked_rows(app)) == 3 and "4 marked" in screen_text(app)
        await pilot.press("A")
        await settle(pilot)
        assert len(marked_rows(app)) == 4 and "5 marked" in screen_text(app)
        await pilot.press("U")
        assert marked_rows(app) == [] and "1 marked" in screen_text(app)
        assert [kind for kind, _ in app.marks] == ["article"]


@sync
async def test_marking_a_long_list_asks_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.app.screens.browser.CONFIRM_ABOVE", 3)
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "A")  # five comments
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert len(app.marks) == 0
        await pilot.press("A", "y")
        await settle(pilot)
        assert len(app.marks) == 5


@sync
async def test_mark_all_reaches_rows_never_read(tmp_path: Path) -> None:
    """The real sample data plus the fixtures, in a list taller than the screen: mark all
    marks every row, including those no page has shown yet."""
    store = filled_store(tmp_path)
    import_paths(store, [sample_data_dir()])
    app = export_app(store, tmp_path)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        await pilot.press("2", "A")
        await settle(pilot)
        total = current_list(app).total
        assert total is not None and total > 8
        assert app.marks.count("claim") == total


# -- the reader, copy, help ------------------------------------------------------------------


@sync
async def test_reader_shows_marks_and_exports_them(tmp_path: Path) -> None:
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.press("c", "j", "space")  # the second claim: "352 men"
        await pilot.press("t", "space")  # the first comment
        await pilot.pause()
        text = screen_text(app)
        assert "● unverifiable" in text and "● Paddy Singh" in text
        assert "2 marked" in text
        await export(pilot, "json")
        records = json_records(default_file(tmp_path, "json"))
        assert texts(records, "claim", "text") == [KILLED]
        assert texts(records, "comment", "author") == ["Paddy Singh"]


@sync
async def test_y_copies_the_marked_records_as_citations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TMUX", raising=False)
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await mark_across_views(pilot)
        await pilot.press("y")
        await settle(pilot)
        quotes = app.clipboard.strip().split("\n\n")
        assert len(quotes) == 3 and all(q.startswith('> "') for q in quotes)
        assert quotes[0].startswith(f'> "{TANKS}" — Amaq, via longwarjournal.org (2016-12-13)')
        assert quotes[1].startswith(f'> "{OFFICIALS}" — Officials, via example.org')
        assert quotes[2].startswith('> "Why did not the Russian planes return')
        copied = [n for n in notes(app) if n.startswith("Copied")]
        assert copied == ["Copied 3 citations as Markdown"]


@sync
async def test_copy_inside_tmux_mentions_set_clipboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMUX", str(tmp_path / "tmux-socket") + ",1,0")  # any value: inside tmux
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "j", "j", "y")  # nothing marked: the row under the cursor
        await settle(pilot)
        assert app.clipboard.startswith(
            f'> "This was a huge gain for IS. {ORYX}" — Moose, comment on'
        )
        assert app.clipboard.count("> ") == 1
        copied = [n for n in notes(app) if n.startswith("Copied 1 citation")]
        assert len(copied) == 1 and "set -g set-clipboard on" in copied[0]


@sync
async def test_new_keys_are_in_help_and_the_palette(tmp_path: Path) -> None:
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        ids = {binding_id for _, _, binding_id in app.screen.rows}
        assert {
            "app.export",
            "app.copy",
            "browser.mark_all",
            "browser.unmark_all",
            "browser.invert_marks",
        } <= ids
        await pilot.press("escape", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Mark all in list")
        await palette_offers(pilot, "Mark all in list")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(browser(app), BrowserScreen)
        assert len(app.marks) == 3  # the three articles


@sync
async def test_keymap_remaps_export_by_id(tmp_path: Path) -> None:
    (tmp_path / "keys.toml").write_text('[keys]\n"app.export" = "x"\n')
    app = export_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        assert isinstance(app.screen, ExportModal)
