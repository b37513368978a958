"""Finding a query's words in one text, as ``n``/``N`` in the reader need (engine.matcher)."""

from __future__ import annotations

import pytest

from store.search.engine import SearchEngine
from store.search.query import QueryError
from store.store import Store
from tests.search_sample import sample_draft


@pytest.fixture
def engine(store: Store) -> SearchEngine:
    store.add_documents([sample_draft()])
    return SearchEngine(store)


def _words(engine: SearchEngine, query: str, text: str) -> list[str]:
    return [text[start:end] for start, end in engine.match_spans(query, text)]


def test_typos_match_the_words_the_search_found(engine: SearchEngine) -> None:
    text = "Palmyra fell; 44 tanks and more tanks. Not tankers, not Palmyrene."
    assert _words(engine, "palmira tnaks", text) == ["Palmyra", "tanks", "tanks"]


def test_a_half_typed_last_word_matches_its_completions(engine: SearchEngine) -> None:
    text = "The battle of Palmyra, the palms."
    assert _words(engine, "palm", text) == ["Palmyra", "palms"]
    # a finished word (a space typed after it) is no longer completed
    assert _words(engine, "palm ", text) == []


def test_exact_phrases_and_anchors(engine: SearchEngine) -> None:
    text = "Oryx is reporting an S-125 surface-to-air missile; oryx again."
    assert _words(engine, "'oryx", text) == ["Oryx", "oryx"]
    assert _words(engine, "s-125", text) == ["S-125"]
    assert _words(engine, "^oryx", text) == ["Oryx"]
    assert _words(engine, "again$", text) == ["again"]


def test_scoped_words_and_exclusions_are_not_shown_in_a_text(engine: SearchEngine) -> None:
    text = "Evan wrote about tanks and Russian planes."
    assert _words(engine, "author:evan tanks !russian", text) == ["tanks"]


def test_a_word_the_store_does_not_know_matches_nothing(engine: SearchEngine) -> None:
    assert engine.match_spans("qqqxxzz", "qqqxxzz is here") == []


def test_a_bad_query_raises_its_plain_error(engine: SearchEngine) -> None:
    with pytest.raises(QueryError, match="unknown kind"):
        engine.match_spans("kind:foo tanks", "tanks")


def test_offsets_hold_for_text_whose_lower_case_is_longer(engine: SearchEngine) -> None:
    text = "İİ tanks"  # "İ".lower() is two characters; offsets are into the text as given
    assert _words(engine, "tanks", text) == ["tanks"]
