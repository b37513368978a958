"""A query whose first words are rare: their records are read and searched for the last word.

The engine answers such a query without asking the index for the last word's many forms
(see ``store.search.engine._within_rare_words``); it must find what the index would: the last
word through its stem ("studies" finds "study"), and never a record without it.
"""

from __future__ import annotations

import pytest

from store.records import DocumentDraft
from store.search.engine import RARE_RECORDS, SearchEngine
from store.search.stems import Stems
from store.store import Store

pytestmark = pytest.mark.both_databases


@pytest.mark.parametrize("others", [0, RARE_RECORDS + 20], ids=["rare", "common"])
def test_beside_a_rare_word_the_last_word_is_found_through_its_stem_and_only_there(
    store: Store, others: int
) -> None:
    """With few "zorbek" records they are read and searched; with more than
    ``RARE_RECORDS`` the index is asked: both find the record that says "study" for
    "studies" (three edits away, one stem) and none that holds no form of it."""
    store.add_documents(
        [
            DocumentDraft(title="Maps", body="Zorbek will study maps.", source="s.txt", claims=[]),
            DocumentDraft(title="Studies", body="Studies abound.", source="t.txt", claims=[]),
            DocumentDraft(title="Lunch", body="Zorbek ate his lunch.", source="l.txt", claims=[]),
            *(
                DocumentDraft(
                    title=f"Note {n}", body="Zorbek was here again.", source=f"{n}.txt", claims=[]
                )
                for n in range(others)
            ),
        ]
    )
    searching = SearchEngine(store)
    try:
        hits = searching.search("zorbek studies", limit=10)
        assert [hit.text for hit in hits] == ["Maps"]
        completed = searching.search("zorbek stud", limit=10)
        assert [hit.text for hit in completed] == ["Maps"]
    finally:
        searching.close()


def test_words_the_index_matches_together_get_the_same_term() -> None:
    stems = Stems()
    try:
        terms = stems.of(["studies", "studied", "ready", "readying", "naïve", "naive", "maps"])
        assert terms["studies"] == terms["studied"]
        assert terms["ready"] == terms["readying"]
        assert terms["naïve"] == terms["naive"]
        assert terms["maps"] != terms["studies"]
        assert stems.of(["studies"]) == {"studies": terms["studies"]}  # remembered
    finally:
        stems.close()
