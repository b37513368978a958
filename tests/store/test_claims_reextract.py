"""``claimdesk reextract``: claims of stored documents brought up to date, judged claims kept.

The store is filled by a real import of the seed page; the "old rules" are simulated by
editing its claims the way an older claimdesk would have left them (a wrong claimant, a claim
missing, a claim the rules no longer find), then re-extraction must repair exactly those.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from store.importer import import_paths
from store.models import CLAIM
from store.records import ClaimStatus
from store.store import Store
from tests.conftest import SEED_PAGE
from tui.cli import main


def _sql(store: Store, statement: sa.Executable) -> None:
    with store._write() as conn:  # the test plays an older claimdesk writing its rows
        conn.execute(statement)


@pytest.fixture
def imported(store: Store) -> Store:
    import_paths(store, [SEED_PAGE])
    assert store.list_claims()
    return store


def test_reextract_repairs_unjudged_claims_and_keeps_ids(imported: Store) -> None:
    store = imported
    before = {c.id: c for c in store.list_claims()}
    amaq = next(c for c in before.values() if c.text.startswith("Amaq claims that"))
    killed = next(c for c in before.values() if c.text.startswith("In addition, 352 men"))
    _sql(store, sa.update(CLAIM).where(CLAIM.c.id == amaq.id).values(claimant="stale"))
    _sql(store, sa.delete(CLAIM).where(CLAIM.c.id == killed.id))
    _sql(
        store,
        sa.insert(CLAIM).values(
            article_id=amaq.article_id,
            text="This was a huge gain.",
            start=0,
            end=21,
            claimant="Old Rule",
            hedges=[],
            status="unverified",
            note="",
            method="old",
            judged=False,
        ),
    )
    report = store.reextract()
    after = store.list_claims()
    repaired = next(c for c in after if c.id == amaq.id)
    assert repaired.claimant == "Amaq" and repaired.quantities == amaq.quantities
    assert [c.text for c in after if c.text.startswith("In addition, 352 men")] == [killed.text]
    assert not [c for c in after if c.claimant == "Old Rule"]
    assert (report.articles, report.added, report.removed) == (1, 1, 1)
    assert sorted(c.text for c in after) == sorted(c.text for c in before.values())


def test_reextract_never_touches_a_judged_claim(imported: Store) -> None:
    store = imported
    amaq = next(c for c in store.list_claims() if c.text.startswith("Amaq claims that"))
    store.set_claim_status(amaq.id, ClaimStatus.DISPUTED, note="Oryx counts 12 tanks")
    # the user's claimant correction, made in an older claimdesk, stays too
    _sql(store, sa.update(CLAIM).where(CLAIM.c.id == amaq.id).values(claimant="Amaq (IS)"))
    report = store.reextract()
    kept = store.get_claim(amaq.id)
    assert kept is not None
    assert (kept.status, kept.note, kept.claimant) == (
        ClaimStatus.DISPUTED,
        "Oryx counts 12 tanks",
        "Amaq (IS)",
    )
    assert report.kept_judged == 1
    # and no second claim was added over the judged one's text
    assert [c.id for c in store.list_claims() if c.text.startswith("Amaq claims")] == [amaq.id]


def test_unverifiable_by_the_user_without_a_note_is_still_judged(imported: Store) -> None:
    store = imported
    oryx = next(c for c in store.list_claims() if c.claimant == "Oryx")
    store.set_claim_status(oryx.id, ClaimStatus.UNVERIFIABLE)
    store.reextract()
    kept = store.get_claim(oryx.id)
    assert kept is not None and kept.status is ClaimStatus.UNVERIFIABLE


def test_reextract_command(db_path: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_path, "import", str(SEED_PAGE)]) == 0
    capsys.readouterr()
    assert main(["--db", db_path, "reextract"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reextracted 1 articles: 0 claims added, ") and "0 removed" in out
