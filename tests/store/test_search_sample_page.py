"""Labelled queries on the sample page as the real importer reads it.

Runs once the saved-page parser (``store.ingest.savedpage``) and the claim extractor
(``store.claims``) are merged; until then ``tests/test_search_engine.py`` covers the same
queries on hand-built drafts (``tests/search_sample.py``).
"""

from __future__ import annotations

import pytest

from store.search.engine import SearchEngine
from store.store import Store
from tests.conftest import SEED_PAGE

savedpage = pytest.importorskip("store.ingest.savedpage")
claims = pytest.importorskip("store.claims")


@pytest.fixture
def engine(store: Store) -> SearchEngine:
    draft = savedpage.parse_saved_page(SEED_PAGE.read_text(encoding="utf-8"), SEED_PAGE.name)
    draft.claims = claims.extract_claims(draft)
    store.add_documents([draft])
    return SearchEngine(store)


def test_palmira_tnaks_finds_the_44_tanks_claim_first(engine: SearchEngine) -> None:
    hit = engine.search("palmira tnaks")[0]
    assert hit.kind == "claim" and "44 tanks" in hit.text


def test_oryx_s125_finds_moose(engine: SearchEngine) -> None:
    top = engine.search("oryx s-125")[:2]
    assert {h.kind for h in top} <= {"claim", "comment"}
    assert all("S-125" in h.text for h in top)


def test_author_evan_finds_his_comment(engine: SearchEngine) -> None:
    hits = engine.search("author:evan")
    assert hits and all(h.kind == "comment" for h in hits)
    assert hits[0].text.startswith("The lone pawn")


def test_claimant_amaq_over_100_finds_the_352_men(engine: SearchEngine) -> None:
    assert any("352 men" in h.text for h in engine.search("claimant:amaq qty:>100"))
