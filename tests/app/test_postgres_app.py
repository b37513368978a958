"""The app on a team store: it opens on PostgreSQL, judges claims there, and its search finds
what another analyst wrote a moment ago, without a restart."""

from __future__ import annotations

from pathlib import Path

from store.records import ClaimStatus
from store.store import Store
from tests.app.test_app_search import hit_list, search_for
from tests.app_helpers import SIZE, make_app, screen_text, settle, sync
from tests.fixtures_store import TANKS, fill_store
from tests.search_sample import other_draft
from tui.app.modals.judge import JudgeClaimModal
from tui.app.screens.browser import BrowserScreen


@sync
async def test_the_app_browses_judges_and_searches_a_postgresql_store(
    tmp_path: Path, postgres_url: str
) -> None:
    store = Store.open(postgres_url)
    fill_store(store)
    colleague = Store(postgres_url)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Jihadis celebrate" in screen_text(app)
        await pilot.press("2", "v")
        assert isinstance(app.screen, JudgeClaimModal)
        await pilot.press("4", "tab", *"Oryx photos", "enter")
        await settle(pilot)
        assert isinstance(app.screen, BrowserScreen)
        judged = colleague.list_claims(limit=1)[0]  # seen by another connection at once
        assert judged.text == TANKS
        assert (judged.status, judged.note) == (ClaimStatus.DISPUTED, "Oryx photos")
        await search_for(pilot, "palmira tnaks")
        hits = hit_list(app).hits
        assert hits and hits[0].kind == "claim" and "44 tanks" in hits[0].text
        colleague.add_document(other_draft())  # another analyst imports while we search
        await pilot.press("ctrl+u", *"olive harvst")
        await settle(pilot)
        assert any(
            h.kind == "article" and h.text.startswith("Olive harvest") for h in hit_list(app).hits
        )
    assert app.failure is None
    colleague.close()
    store.close()
