"""Typo neighbours far commoner than the word typed: the records of the word typed come first.

"brook anim" stands for "book anim…" and "look anim…" too, and the newest records that hold
any form of both words all say "book"; the engine asks the index for the strong forms first
(``store.search.engine._strong_first``), and the records meant must lead however many newer
records hold the neighbours.
"""

from __future__ import annotations

import pytest

from store.records import DocumentDraft
from store.search.engine import SearchEngine
from store.store import Store

pytestmark = pytest.mark.both_databases


def _doc(title: str, body: str) -> DocumentDraft:
    return DocumentDraft(title=title, body=body, source=f"{title}.txt", claims=[])


def test_the_records_of_a_word_typed_as_stored_lead_however_many_newer_neighbours(
    store: Store,
) -> None:
    store.add_documents(
        [
            *(_doc(f"Brook {n}", "The brook animals drink at dawn.") for n in range(12)),
            *(_doc(f"Book {n}", "A book about animals and more.") for n in range(200)),
            *(_doc(f"Look {n}", "Look at the animals.") for n in range(100)),
        ]
    )
    searching = SearchEngine(store)
    try:
        hits = searching.search("brook anim", limit=10)
        assert len(hits) == 10
        assert all(hit.text.startswith("Brook ") for hit in hits)
        more = searching.search("brook anim", limit=15)  # 12 of them, then the neighbours'
        assert [hit.text.split()[0] for hit in more][:12] == ["Brook"] * 12
        assert len(more) == 15
    finally:
        searching.close()


def test_records_holding_a_strong_form_of_every_word_outrank_a_newer_batch_of_weaker_ones(
    store: Store,
) -> None:
    """Three old records hold "abha" and "the"; 150 newer ones end on "aha", a typo away,
    which scores close enough to pass for a strong answer: the three are still shown first
    (before, they were found, ranked, and then dropped for the newest batch)."""
    store.add_documents(
        [
            *(_doc(f"Abha notes {n}", "We walked to the Abha river.") for n in range(3)),
            *(_doc(f"Moment {n}", "Then came the aha") for n in range(150)),
        ]
    )
    searching = SearchEngine(store)
    try:
        titles = [hit.text for hit in searching.search("abha trhe", limit=10)]
        assert sorted(titles[:3]) == [f"Abha notes {n}" for n in range(3)]
    finally:
        searching.close()
