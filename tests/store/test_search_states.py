"""The engine alone says what an empty list of hits means: nothing matches, nothing to look
for yet, or nothing in the store. The app shows that state as it is given."""

from __future__ import annotations

from pathlib import Path

from store.search.engine import SearchEngine
from store.search.result import SearchState
from store.store import Store
from tests.search_sample import other_draft, sample_draft


def _state(engine: SearchEngine, query: str, as_typed: bool = True) -> SearchState:
    result = engine.find(query, as_typed=as_typed)
    assert result is not None
    return result.state


def test_each_kind_of_empty_answer_has_its_own_state(store: Store) -> None:
    store.add_documents([sample_draft(), other_draft()])
    engine = SearchEngine(store)
    try:
        assert _state(engine, "palmira tnaks") is SearchState.HITS
        assert _state(engine, "qqqxxzz") is SearchState.NO_MATCH
        # One letter that starts no stored word: left out while typing, so nothing to look for
        # (the screen once said "No matches for 'q'" here).
        assert _state(engine, "q") is SearchState.NOTHING_YET
        assert _state(engine, "qty:>") is SearchState.NOTHING_YET  # a filter without its figure
        assert _state(engine, "!") is SearchState.NOTHING_YET
        assert _state(engine, "q ", as_typed=True) is SearchState.NO_MATCH  # finished: searched
    finally:
        engine.close()


def test_an_empty_store_and_a_missing_file_say_so(store: Store, tmp_path: Path) -> None:
    engine = SearchEngine(store)  # opened, so the file and its index exist, but no records
    try:
        assert _state(engine, "tanks") is SearchState.EMPTY_STORE
    finally:
        engine.close()
    missing = Store.open(str(tmp_path / "never-written.sqlite3"))
    engine = SearchEngine(missing)
    try:
        assert missing.path is not None and not missing.path.exists()  # nothing written yet
        assert _state(engine, "tanks") is SearchState.EMPTY_STORE
    finally:
        engine.close()
        missing.close()


def test_a_cancelled_search_is_not_run(store: Store) -> None:
    store.add_documents([sample_draft()])
    engine = SearchEngine(store)
    try:
        assert engine.find("palmyra", cancelled=lambda: True) is None
        found = engine.find("palmyra", cancelled=lambda: False)
        assert found is not None and found.hits
    finally:
        engine.close()
