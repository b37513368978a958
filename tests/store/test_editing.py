"""Editing by hand (store.editing): what the user corrects stays corrected.

Every test runs on SQLite and PostgreSQL. The store is filled by a real import of the seed page,
so re-extraction and re-import run the real rules over the real text.
"""

from __future__ import annotations

import getpass
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from store import schema
from store.editing import (
    ArticleChanges,
    ClaimChanges,
    EditError,
    parse_quantity,
    speaker_before_verb,
)
from store.importer import import_paths
from store.models import SCHEMA_VERSION
from store.records import ClaimRecord, ClaimStatus, DocumentDraft
from store.search.engine import SearchEngine
from store.store import Store
from tests.conftest import SEED_PAGE

pytestmark = pytest.mark.both_databases


@pytest.fixture
def imported(store: Store) -> Store:
    import_paths(store, [SEED_PAGE])
    assert store.list_claims()
    return store


def _amaq(store: Store) -> ClaimRecord:
    return next(c for c in store.list_claims() if c.text.startswith("Amaq claims that"))


def _who(store: Store) -> str:
    if store.url.startswith("postgresql"):
        return sa.make_url(store.url).username or getpass.getuser()
    return getpass.getuser()


def test_an_edit_changes_the_claim_and_is_kept_in_the_history(imported: Store) -> None:
    store = imported
    claim = _amaq(store)
    before = datetime.now(UTC)
    edited = store.edit_claim(
        claim.id,
        ClaimChanges(
            claimant="Islamic State",
            attribution="Amaq, the group's outlet, claims",
            quantities=(parse_quantity("45 tanks"), parse_quantity("7 BMPs")),
            status=ClaimStatus.DISPUTED,
            note="The photos show 30",
            claimant_type="organization",
        ),
    )
    assert edited.claimant == "Islamic State"
    assert [(q.count, q.item) for q in edited.quantities] == [(45, "tanks"), (7, "BMPs")]
    assert edited.status is ClaimStatus.DISPUTED
    assert edited.manual and edited.claimant_type == "organization"
    assert edited.judged_at is not None and edited.judged_at >= before
    assert edited.as_json()["edited"] is True
    entries = store.history("claim", claim.id)
    fields = {e.field: (e.old, e.new) for e in entries}
    assert fields["claimant"] == (claim.claimant, "Islamic State")
    assert fields["status"] == (claim.status.value, "disputed")
    assert fields["quantities"][1] == "45 tanks; 7 BMPs"
    assert all(e.who == _who(store) for e in entries)
    assert all(before <= e.at <= datetime.now(UTC) + timedelta(seconds=1) for e in entries)
    assert all(e.at.tzinfo is not None for e in entries)
    # The new claimant is searchable at once.
    engine = SearchEngine(store)
    try:
        hits = engine.search('claimant:"islamic state"', 10)
    finally:
        engine.close()
    assert claim.id in [h.id for h in hits if h.kind == "claim"]


def test_saving_the_same_values_records_nothing(imported: Store) -> None:
    claim = _amaq(imported)
    imported.edit_claim(claim.id, ClaimChanges(claimant=claim.claimant))
    assert imported.history("claim", claim.id) == []
    assert not imported.get_claim(claim.id).manual  # type: ignore[union-attr]


def test_judging_with_v_is_history_too(imported: Store) -> None:
    claim = _amaq(imported)
    imported.set_claim_status(claim.id, ClaimStatus.FALSE, "no such battle")
    assert [(e.field, e.new) for e in imported.history("claim", claim.id)] == [
        ("status", "false"),
        ("note", "no such battle"),
    ]


def test_a_bad_figure_or_type_is_one_line(imported: Store) -> None:
    with pytest.raises(EditError, match="not a figure"):
        parse_quantity("tanks")
    with pytest.raises(EditError, match="person, organization"):
        imported.edit_claim(_amaq(imported).id, ClaimChanges(claimant_type="robot"))
    with pytest.raises(EditError, match="no claim with id 9999"):
        imported.edit_claim(9999, ClaimChanges(claimant="x"))


def test_add_a_claim_from_a_span_prefills_the_claimant(imported: Store) -> None:
    store = imported
    article = store.list_articles()[0]
    sentence = "Amaq claims that all of the following were seized: 44 tanks"
    start = article.body.index(sentence)
    # An existing claim's exact span is refused; a span inside it is a new claim.
    amaq = _amaq(store)
    with pytest.raises(EditError, match=f"claim {amaq.id} is already this text"):
        store.add_claim(article.id, amaq.start, amaq.end)
    added = store.add_claim(article.id, start - 1, start + len(sentence) + 1)
    assert added.text in (sentence, f"{sentence},")  # white space around is left out
    assert added.claimant == "Amaq"
    assert added.method == "manual" and added.manual
    assert [(q.count, q.item) for q in added.quantities] == [(44, "tanks")]
    assert [e.field for e in store.history("claim", added.id)] == ["added"]
    with pytest.raises(EditError, match="not in article"):
        store.add_claim(article.id, 0, len(article.body) + 5)


def test_delete_hides_a_claim_and_restore_brings_it_back_whole(imported: Store) -> None:
    store = imported
    claim = _amaq(store)
    count = store.counts()["claim"]
    store.delete_claim(claim.id)
    assert store.get_claim(claim.id) is None
    assert store.counts()["claim"] == count - 1
    assert [d.id for d in store.deleted_claims()] == [claim.id]
    engine = SearchEngine(store)
    try:
        assert claim.id not in [h.id for h in engine.search("44 tanks", 20) if h.kind == "claim"]
    finally:
        engine.close()
    # A new claim never takes the deleted one's id.
    article = store.get_article(claim.article_id)
    assert article is not None
    added = store.add_claim(article.id, 0, 20)
    assert added.id != claim.id
    restored = store.restore_claim(claim.id)
    assert (restored.id, restored.text, restored.quantities) == (
        claim.id,
        claim.text,
        claim.quantities,
    )
    assert store.deleted_claims() == []
    with pytest.raises(EditError, match="is not deleted"):
        store.restore_claim(claim.id)
    assert [e.field for e in store.history("claim", claim.id)] == ["deleted", "restored"]


def test_reextract_keeps_edits_additions_and_deletions(imported: Store) -> None:
    store = imported
    claim = _amaq(store)
    store.edit_claim(claim.id, ClaimChanges(claimant="Islamic State"))
    article = store.list_articles()[0]
    start = article.body.index("Palmyra")
    added = store.add_claim(article.id, start, start + 30, claimant="me")
    victim = next(c for c in store.list_claims() if c.id not in (claim.id, added.id))
    store.delete_claim(victim.id)
    report = store.reextract()
    assert report.articles == 1
    after = {c.id: c for c in store.list_claims()}
    assert after[claim.id].claimant == "Islamic State"
    assert after[added.id].claimant == "me" and after[added.id].method == "manual"
    assert victim.id not in after
    assert not [c for c in after.values() if c.start == victim.start and c.end == victim.end]
    assert [e.field for e in store.history("claim", claim.id)] == ["claimant"]


def test_reimport_leaves_every_edit_alone(imported: Store) -> None:
    store = imported
    claim = _amaq(store)
    store.edit_claim(claim.id, ClaimChanges(claimant="Islamic State"))
    article = store.list_articles()[0]
    store.edit_article(article.id, ArticleChanges(site="The Long War Journal"))
    before = store.list_claims()
    report = import_paths(store, [SEED_PAGE])
    assert report.added == 0
    assert store.list_claims() == before
    assert store.get_article(article.id).site == "The Long War Journal"  # type: ignore[union-attr]


def test_edit_an_article(imported: Store) -> None:
    store = imported
    article = store.list_articles()[0]
    edited = store.edit_article(
        article.id,
        ArticleChanges(
            url="https://example.org/palmyra",
            site="The Long War Journal",
            author="Thomas Joscelyn",
            published=datetime(2016, 12, 13, tzinfo=UTC),
        ),
    )
    assert (edited.url, edited.site, edited.author) == (
        "https://example.org/palmyra",
        "The Long War Journal",
        "Thomas Joscelyn",
    )
    assert edited.published == datetime(2016, 12, 13, tzinfo=UTC)
    assert {e.field for e in store.history("article", article.id)} >= {"url", "site"}
    other = store.add_documents(
        [
            DocumentDraft(
                title="Other", body="Other text.", source="o.txt", url="https://example.org/o"
            )
        ]
    )[0]
    with pytest.raises(EditError, match=f"article {other.article_id} already has the URL"):
        store.edit_article(article.id, ArticleChanges(url="https://example.org/o"))


_BEFORE_EDITS = schema.STEPS.index(schema._step_9_manual_edits)
"""The schema version of the release before the step that added editing."""


def test_edits_survive_a_schema_upgrade(store: Store) -> None:
    """A store made by the release before this step is upgraded with its claims as they were;
    edits made then survive the step running again (it is safe to run twice)."""
    engine = store._get_engine()  # the current schema; roll it back to the release before
    with engine.begin() as conn:
        for table in ("edit_history", "deleted_claim"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
        for column in ("manual", "judged_at", "claimant_type"):
            conn.exec_driver_sql(f"ALTER TABLE claim DROP COLUMN {column}")
        conn.execute(sa.update(SCHEMA_VERSION).values(version=_BEFORE_EDITS))
    store.close()
    old = Store(store.url)
    with old._get_engine().begin() as conn:
        assert schema.current_version(conn) == schema.CURRENT_VERSION
    import_paths(old, [SEED_PAGE])
    claim = _amaq(old)
    old.edit_claim(claim.id, ClaimChanges(claimant="Islamic State", status=ClaimStatus.FALSE))
    old.delete_claim(old.list_claims()[-1].id)
    with old._get_engine().begin() as conn:
        conn.execute(sa.update(SCHEMA_VERSION).values(version=_BEFORE_EDITS))
    old.close()
    again = Store(old.url)
    try:
        edited = again.get_claim(claim.id)
        assert edited is not None and edited.claimant == "Islamic State" and edited.manual
        assert [e.field for e in again.history("claim", claim.id)] == ["claimant", "status"]
        assert len(again.deleted_claims()) == 1
    finally:
        again.close()


def test_a_span_the_rules_passed_over_still_gets_its_speaker(store: Store) -> None:
    """A real page's sentence the extractor finds no claim in ("has said in an affidavit"):
    the dialog still suggests who speaks."""
    body = (
        "Share Facebook Twitter Telegram A senior prison official has said in a sworn "
        "affidavit that anyone could escape. He said it twice. It is said that nobody did."
    )
    [outcome] = store.add_documents(
        [DocumentDraft(title="Prison", body=body, source="p.txt", claims=[])]
    )
    assert outcome.article_id is not None
    end = body.index("escape.") + len("escape.")
    start = body.index("A senior")
    draft = store.draft_claim(outcome.article_id, start, end)
    assert draft.claimant == "A senior prison official"
    assert speaker_before_verb("It is said that nobody did.") is None  # nobody speaks
    assert speaker_before_verb("He said it twice.") is None  # a pronoun names nobody
