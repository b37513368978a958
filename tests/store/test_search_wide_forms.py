"""A misspelt word whose closest neighbours never meet the other words: the search asks again
with more of its neighbours before saying that nothing matches.

"trought" is one edit from ten stored words (trough, drought, brought…) and two from
"through", the one meant; only "through" occurs with "domburg". Each word finds records
alone, so an empty answer to both would say "no match" where the record is there.
"""

from __future__ import annotations

import pytest

from store.records import DocumentDraft
from store.search.candidates import NEAR_WORDS
from store.search.engine import SearchEngine
from store.search.result import SearchState
from store.store import Store

pytestmark = pytest.mark.both_databases

ONE_EDIT_AWAY = ["trough", "troughs", "drought", "brought", "wrought", "tought", "traught"]
ONE_EDIT_AWAY += ["trougth", "trouht", "rought"]


def _doc(title: str, body: str) -> DocumentDraft:
    return DocumentDraft(title=title, body=body, source=f"{title}.txt", claims=[])


def test_a_word_meant_beyond_its_closest_neighbours_is_still_found(store: Store) -> None:
    assert len(ONE_EDIT_AWAY) > NEAR_WORDS  # "through" is not among the closest forms
    store.add_documents(
        [
            _doc("Walk", "We walked through Domburg at night."),
            *(_doc(f"Other {word}", f"The {word} was here.") for word in ONE_EDIT_AWAY),
        ]
    )
    searching = SearchEngine(store)
    try:
        assert searching.search_result("trought", limit=20).state is SearchState.HITS
        assert searching.search_result("domburg", limit=20).state is SearchState.HITS
        result = searching.search_result("trought domburg", limit=10)
        assert result.state is SearchState.HITS
        assert [hit.text for hit in result.hits] == ["Walk"]
        assert not result.dropped
        # words that truly never meet still say so, and answer without the last of them
        apart = searching.search_result("drought domburg", limit=10)
        assert apart.apart == ("domburg",) and "Walk" not in [hit.text for hit in apart.hits]
    finally:
        searching.close()
