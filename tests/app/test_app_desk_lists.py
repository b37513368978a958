"""The desk's lists with Pilot: they follow another process's import, mark what is new, filter
in place, sort by a picked column, keep the marks across restarts, and import from the app."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from store.records import ArticleRecord, ClaimRecord, ClaimStatus, DocumentDraft
from store.store import Store
from tests.app_helpers import (
    SIZE,
    browser,
    current_list,
    filled_store,
    make_app,
    paste,
    screen_text,
    settle,
    sync,
    until,
)
from tests.conftest import SAMPLE_DIR
from tests.fixtures_store import TITLE
from tui.app import ClaimdeskApp
from tui.app.modals.picker import PickerModal
from tui.app.modals.prompt import LinePrompt
from tui.app.widgets.record_list import RecordList


def _draft(title: str, day: int = 1, year: int = 2030) -> DocumentDraft:
    return DocumentDraft(
        title=title,
        body=f"{title}: a body.",
        source=f"{title}.txt",
        url=f"https://example.com/{abs(hash(title))}",
        site="example.com",
        published=datetime(year, 1, day, tzinfo=UTC),
    )


def _title(records: RecordList) -> str:
    record = records.current_record
    assert isinstance(record, ArticleRecord)
    return record.title


async def _ready(pilot: Pilot[None], app: ClaimdeskApp) -> None:
    await settle(pilot)
    await until(pilot, lambda: app.live.opened and app.keeper.restored)
    await settle(pilot)


@sync
async def test_another_process_import_reaches_the_counts_and_the_cursor_stays(
    tmp_path: Path,
) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("j")  # the Palmyra article, second of three (newest first)
        records = current_list(app)
        await until(pilot, lambda: isinstance(records.current_record, ArticleRecord))
        assert _title(records) == TITLE
        other = Store.open(store.url)  # another terminal's import
        other.add_documents([_draft("Fresh report from the front")])
        other.close()
        checks = app.live.checks
        await until(pilot, lambda: "Articles 4" in screen_text(app), seconds=30)
        # Seen by the first look at the store that began after the commit (one more may have
        # been under way during it): within one poll, 0.5 s, on a quiet machine.
        assert app.live.changed_at_check - checks <= 2
        await settle(pilot)
        assert records.cursor == 2 and _title(records) == TITLE  # kept its record
        text = screen_text(app)
        assert "Articles 4 +1" in text
        row = next(line for line in text.splitlines() if "Fresh report" in line)
        assert row.lstrip().startswith("N "), row  # drawn as new
        old = next(line for line in text.splitlines() if "Rebels advance" in line)
        assert not old.lstrip().startswith("N ")


@sync
async def test_a_commit_right_after_the_session_opens_is_shown(tmp_path: Path) -> None:
    """The watcher took its first token at its first tick, half a second in: a commit made
    before that tick (but after the lists were read) was folded into it and never shown."""
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        while not app.live.opened:
            await pilot.pause()
        store.add_documents([_draft("Committed at once")])
        await until(pilot, lambda: current_list(app).total == 4, seconds=3)


@sync
async def test_n_shows_only_the_new_rows_and_escape_shows_all(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        store.add_documents([_draft("Only this one is new")])
        await until(pilot, lambda: current_list(app).total == 4)
        await pilot.press("N")
        await until(pilot, lambda: current_list(app).total == 1)
        record = current_list(app).current_record
        assert isinstance(record, ArticleRecord) and record.title == "Only this one is new"
        assert "only new (N)" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: current_list(app).total == 4)
        await pilot.press("N")
        await until(pilot, lambda: current_list(app).total == 1)
        await pilot.press("N")
        await until(pilot, lambda: current_list(app).total == 4)


@sync
async def test_filter_in_place_is_markable_and_clears(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("2", "l")
        assert isinstance(app.screen, LinePrompt)
        await paste(pilot, "status:bogus")
        await pilot.press("enter")
        assert isinstance(app.screen, LinePrompt)  # refused, said why, still open
        assert "unknown status 'bogus'" in screen_text(app)
        await pilot.press("ctrl+u")
        await paste(pilot, "claimant:amaq qty:>10")
        await pilot.press("enter")
        records = current_list(app)
        await until(pilot, lambda: records.total == 2)
        text = screen_text(app)
        assert "Claims 2 (filtered)" in text and "filter: claimant:amaq qty:>10" in text
        assert "Oryx" not in text and "Officials" not in text
        await pilot.press("A")  # mark all: the filtered rows only
        await until(pilot, lambda: len(app.marks) == 2)
        assert app.marks.count("claim") == 2
        await pilot.press("s")  # still sortable
        await settle(pilot)
        assert records.total == 2
        await pilot.press("ctrl+l")
        await until(pilot, lambda: records.total == 4)
        assert "filter:" not in screen_text(app)
        await pilot.press("l")
        await paste(pilot, "claimant:nobody")
        await pilot.press("enter")
        await until(pilot, lambda: records.total == 0)
        assert "no row matches the filter" in screen_text(app)


@sync
async def test_the_sort_picker_sorts_by_quantity_and_is_remembered(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("2", "O")
        picker = app.screen
        assert isinstance(picker, PickerModal)
        labels = [label for label, _ in picker.choices]
        assert "Quantities ▼  (largest figure first)" in labels
        await pilot.press("g")  # the picker starts on the current order
        for _ in range(labels.index("Quantities ▼  (largest figure first)")):
            await pilot.press("down")
        await pilot.press("enter")
        records = current_list(app)
        await until(pilot, lambda: records.sort.column == "quantity")
        await settle(pilot)
        await until(pilot, lambda: isinstance(records.record_at(0), ClaimRecord))
        first = records.record_at(0)
        assert isinstance(first, ClaimRecord) and first.quantities[0].count == 352
        assert "sorted by quantity ▼" in screen_text(app)
    again = make_app(store, tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await _ready(pilot, again)
        claims = browser(again).record_list("claim")
        await until(pilot, lambda: claims.sort.column == "quantity" and claims.sort.descending)


@sync
async def test_marks_survive_quitting_even_twelve_hundred(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    store.add_documents([_draft(f"Report {n}", 1 + n % 28, 2000 + n % 20) for n in range(1200)])
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("A")  # 1,203 articles: under the ask-first threshold
        await until(pilot, lambda: len(app.marks) == 1203)
        await pilot.press("2", "space")
        assert len(app.marks) == 1204
        order = list(app.marks)
        await pilot.press("q")  # at once: before the two-second save
    again = make_app(store, tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await _ready(pilot, again)
        await until(pilot, lambda: len(again.marks) == 1204)
        assert list(again.marks) == order
        assert "1204 marked" in screen_text(again) or "1,204 marked" in screen_text(again)


@sync
async def test_a_named_selection_is_saved_and_restored(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("2", "space", "space")
        chosen = list(app.marks)
        await pilot.press("S")
        assert isinstance(app.screen, LinePrompt)
        await paste(pilot, "Amaq brief")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("U")
        assert not app.marks
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, PickerModal))
        assert "Amaq brief  ·  2 marks" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: list(app.marks) == chosen)


@sync
async def test_i_imports_a_folder_and_the_lists_take_it_in(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("i")
        assert isinstance(app.screen, LinePrompt)
        await paste(pilot, str(tmp_path / "no-such-folder"))
        await pilot.press("enter")
        assert "No such file or folder" in screen_text(app)
        await pilot.press("ctrl+u")
        await paste(pilot, str(SAMPLE_DIR)[:-3])  # "…/sample_d": completed from its folder
        await until(pilot, lambda: str(SAMPLE_DIR) in screen_text(app))  # the suggestion
        await pilot.press("right", "enter")
        assert not isinstance(app.screen, LinePrompt)
        await until(pilot, lambda: not app.importer.running, seconds=30)
        await until(pilot, lambda: current_list(app).total == 8)
        assert "Articles 8" in screen_text(app)


@sync
async def test_the_open_reader_shows_a_judgement_made_in_another_process(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot, app)
        await pilot.press("j", "enter")  # the Palmyra article
        await until(pilot, lambda: "Claims (3)" in screen_text(app))
        assert "disputed" not in screen_text(app)
        other = Store.open(store.url)
        other.set_claim_status(1, ClaimStatus.DISPUTED, "a colleague's note")
        other.close()
        await until(pilot, lambda: "disputed" in screen_text(app), seconds=3)
        assert "Claims (3)" in screen_text(app)
