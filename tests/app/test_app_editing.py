"""Editing by hand in the app, driven with Pilot: E, d/u/D, H, and the reader's visual mode."""

from __future__ import annotations

import getpass
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from store.records import ClaimStatus
from store.store import Store
from tests.app_helpers import (
    SIZE,
    browser,
    filled_store,
    make_app,
    messages,
    paste,
    screen_text,
    settle,
    sync,
)
from tests.fixtures_store import BODY, KILLED, TANKS
from tests.reviewer_config import write_reviewer
from tui.app.modals.edit_article import ArticleEditModal
from tui.app.modals.edit_claim import ClaimEditModal
from tui.app.modals.history import DeletedClaimsModal, HistoryModal
from tui.app.modals.judge import JudgeClaimModal
from tui.app.screens.reader import ClaimList, ReaderScreen


def _claim_id(store: Store, text: str) -> int:
    return next(c.id for c in store.list_claims() if c.text == text)


async def _replace(pilot: Pilot[None], text: str) -> None:
    """Empty the focused field and type ``text`` into it (a bracketed paste)."""
    await pilot.press("ctrl+a", "ctrl+k")
    await paste(pilot, text)


async def _claims_list(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


@sync
async def test_shift_e_edits_every_field_of_a_claim(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _claims_list(pilot)
        await pilot.press("E")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ClaimEditModal)
        assert modal.query_one("#edit-claimant", Input).value == "Amaq"
        await _replace(pilot, "Islamic State")
        await pilot.press("tab", "tab")  # attribution, then figures
        await _replace(pilot, "45 tanks; 7 BMPs")
        await pilot.press("tab", "right")  # claimant is: person
        await pilot.press("tab", "4")  # status: disputed
        await pilot.press("tab")
        await paste(pilot, "photos show fewer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ClaimEditModal)
        claim = store.get_claim(_claim_id(store, TANKS))
        assert claim is not None
        assert (claim.claimant, claim.status, claim.claimant_type) == (
            "Islamic State",
            ClaimStatus.DISPUTED,
            "person",
        )
        assert [(q.count, q.item) for q in claim.quantities] == [(45, "tanks"), (7, "BMPs")]
        assert claim.note == "photos show fewer" and claim.manual
        assert "Islamic State" in screen_text(app)  # the list shows it at once
        entries = store.history("claim", claim.id)
        assert {e.field for e in entries} == {
            "claimant",
            "quantities",
            "claimant_type",
            "status",
            "note",
        }
        assert {e.who for e in entries} == {getpass.getuser()}


@sync
async def test_a_figure_that_is_not_one_keeps_the_dialog_open(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _claims_list(pilot)
        await pilot.press("E")
        await settle(pilot)
        await pilot.press("tab", "tab")
        await _replace(pilot, "tanks")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClaimEditModal)
        assert "not a figure" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert store.history("claim", _claim_id(store, TANKS)) == []


@sync
async def test_the_judging_dialog_leads_to_every_field(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _claims_list(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, JudgeClaimModal)
        assert "E all fields" in screen_text(app)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, ClaimEditModal)


@sync
async def test_delete_undo_and_restore_from_the_deleted_list(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    tanks = _claim_id(store, TANKS)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _claims_list(pilot)
        claims = browser(app).record_list("claim")
        total = claims.total
        assert total is not None
        await pilot.press("d")
        await settle(pilot)
        assert store.get_claim(tanks) is None
        assert claims.total == total - 1
        assert f"Claim {tanks} deleted · u undoes" in " ".join(messages(app))
        await pilot.press("u")
        await settle(pilot)
        assert store.get_claim(tanks) is not None and claims.total == total
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, DeletedClaimsModal)
        assert "Amaq" in screen_text(app) and "44 tanks" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert store.get_claim(tanks) is not None and claims.total == total
        await pilot.press("u")  # nothing left to undo: a message, nothing breaks
        await settle(pilot)
        assert store.deleted_claims() == []


@sync
async def test_a_claim_brought_back_has_the_cursor_on_it(tmp_path: Path) -> None:
    """After ``u`` (or ``enter`` in ``D``) the cursor stayed on the claim it was on, one row
    below the restored claim."""
    store = filled_store(tmp_path)
    killed = _claim_id(store, KILLED)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _claims_list(pilot)
        claims = browser(app).record_list("claim")
        await pilot.press("j")
        await settle(pilot)
        assert claims.current_record is not None and claims.current_record.id == killed
        for restore in (["u"], ["D", "enter"]):
            await pilot.press("d")
            await settle(pilot)
            assert claims.current_record is not None and claims.current_record.id != killed
            await pilot.press(*restore)
            await settle(pilot)
            assert claims.current_record is not None and claims.current_record.id == killed
            assert claims.cursor == 1


@sync
async def test_shift_e_on_an_article_edits_its_url_and_date(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")  # the Palmyra article (newest first: al-Bab, Palmyra, Aleppo)
        await settle(pilot)
        article = browser(app).current_item()
        assert article is not None and article.kind == "article"
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, ArticleEditModal)
        await _replace(pilot, "https://example.org/palmyra")
        await pilot.press("tab", "tab", "tab")
        await _replace(pilot, "13 Dec 2016")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleEditModal)  # not a date: said, and kept open
        assert "not a date" in screen_text(app)
        await _replace(pilot, "2016-12-14")
        await pilot.press("enter")
        await settle(pilot)
        edited = store.get_article(article.id)
        assert edited is not None and edited.url == "https://example.org/palmyra"
        assert edited.published is not None and edited.published.date().isoformat() == "2016-12-14"
        assert {e.field for e in store.history("article", article.id)} == {"url", "published"}


async def _open_palmyra(pilot: Pilot[None]) -> ReaderScreen:
    await settle(pilot)
    await pilot.press("j", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


@sync
async def test_visual_mode_makes_a_claim_with_the_claimant_prefilled(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await _open_palmyra(pilot)
        before = len(store.list_claims())
        await pilot.press("V")
        await pilot.pause()
        assert reader.selection is not None and "VISUAL" in screen_text(app)
        first = reader.selection.text
        assert BODY.startswith(first)  # the sentence at the top of the view
        await pilot.press("J", "J")  # two sentences on
        await pilot.pause()
        moved = reader.selection.text
        assert moved != first and moved in BODY
        await pilot.press("j")  # and the one after it
        await pilot.pause()
        assert reader.selection.text.startswith(moved) and len(reader.selection.text) > len(moved)
        await pilot.press("h")  # a word less
        await pilot.pause()
        chosen = reader.selection.text
        await pilot.press("enter")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ClaimEditModal)
        assert "Add this text as a claim" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(store.list_claims()) == before + 1
        added = next(c for c in store.list_claims() if c.method == "manual")
        assert added.text == chosen.strip() and added.manual
        assert app.screen is reader and reader.view is not None
        assert added.id in [c.id for c in reader.view.claims]
        assert reader.query_one(ClaimList).highlighted_option.id == str(added.id)  # type: ignore[union-attr]
        assert "✎ by hand" in screen_text(app)
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, HistoryModal)
        assert "added" in screen_text(app)


@sync
async def test_visual_mode_prefills_the_extractors_claimant(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await _open_palmyra(pilot)
        assert reader.view is not None
        await pilot.press("V")
        await pilot.pause()
        assert reader.selection is not None
        # Walk to the sentence of Amaq's claim: the extractor names Amaq as its claimant.
        for _ in range(40):
            if reader.selection.text.startswith("Amaq claims"):
                break
            await pilot.press("J")
        assert reader.selection.text.startswith("Amaq claims")
        await pilot.press("h")  # not exactly the stored claim's span
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClaimEditModal)
        assert app.screen.query_one("#edit-claimant", Input).value == "Amaq"


@sync
async def test_escape_stops_selecting_before_it_leaves_the_reader(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await _open_palmyra(pilot)
        await pilot.press("V")
        await pilot.pause()
        assert reader.selection is not None
        await pilot.press("j")  # while selecting, j lengthens instead of scrolling
        await pilot.press("escape")
        await pilot.pause()
        assert reader.selection is None and app.screen is reader
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not reader


@sync
async def test_claimreview_from_the_app_needs_a_reviewer_and_warns(tmp_path: Path) -> None:
    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await _claims_list(pilot)
        await pilot.press("j", "j", "j")  # Officials said 12 fighters were killed: unverified
        await pilot.press("e", "r")
        await settle(pilot)
        said = messages(app)
        assert any(
            m.startswith("Nothing exported: ClaimReview needs a reviewer: set [reviewer] name")
            and "config.toml" in m
            and "--reviewer-name" not in m
            for m in said
        ), said
        write_reviewer()
        app._notifications.clear()
        app.said.clear()
        await pilot.press("e", "r")
        await settle(pilot)
        said = messages(app)
        assert any("the claim is still unverified" in m for m in said), said


@sync
async def test_shift_e_in_the_reader_body_edits_the_article_and_d_in_search_deletes(
    tmp_path: Path,
) -> None:
    store = filled_store(tmp_path)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await _open_palmyra(pilot)
        await pilot.press("b", "E")  # the body has the focus: E edits its article
        await settle(pilot)
        assert isinstance(app.screen, ArticleEditModal)
        await pilot.press("tab")
        await _replace(pilot, "The Long War Journal")
        await pilot.press("ctrl+s")
        await settle(pilot)
        top: object = app.screen
        assert top is reader
        assert "The Long War Journal" in screen_text(app)  # the reader's head, at once
        await pilot.press("escape", "slash")
        await settle(pilot)
        await paste(pilot, "44 tanks")
        await settle(pilot)
        await pilot.press("tab")  # into the hits: the first is the tanks claim
        await pilot.press("d")
        await settle(pilot)
        assert [d.text for d in store.deleted_claims()] == [TANKS]


@sync
async def test_text_dragged_over_with_the_mouse_is_what_v_selects(tmp_path: Path) -> None:
    """A mouse drag leaves a Textual text selection; V takes exactly that text of the body
    (here the third paragraph, selected whole as a drag over it would)."""
    from textual.selection import Selection as TextSelection
    from textual.widgets import Static

    app = make_app(filled_store(tmp_path), tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        reader = await _open_palmyra(pilot)
        paragraphs = list(reader.query(".paragraph").results(Static))
        dragged = paragraphs[2]
        reader.selections = {dragged: TextSelection(None, None)}
        await pilot.pause()
        wanted = reader.get_selected_text()
        assert wanted and wanted.strip() in BODY
        await pilot.press("V")
        await pilot.pause()
        assert reader.selection is not None
        assert reader.selection.text == wanted.strip()
        assert not reader.selections  # the mouse selection gave way to the claim's
