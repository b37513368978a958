"""Search over more matching records than the engine ranks at once.

The engine ranks the newest candidates first and stops there when they are already as good as
any record could be, and asks the index for a prefix's rarer completions only when the common
ones leave room. These tests pin what a user must still see when that happens.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from store.records import CommentDraft, DocumentDraft
from store.search import sqlite_source
from store.search.engine import CANDIDATES, FIRST_BATCH, SearchEngine
from store.store import Store


def _page(source: str, comments: list[str]) -> DocumentDraft:
    """One article about nothing searched for, with ``comments`` in order (oldest first)."""
    return DocumentDraft(
        title=f"Field notes from {source}",
        body=f"Nothing to report in {source}.",
        source=source,
        comments=[CommentDraft("Reader", text) for text in comments],
    )


@pytest.fixture
def engine(store: Store) -> Iterator[SearchEngine]:
    searching = SearchEngine(store)
    yield searching
    searching.close()


def test_exact_matches_outrank_more_numerous_newer_typo_neighbours(
    store: Store, engine: SearchEngine
) -> None:
    """More "banks" than the engine ranks, all newer: the "tanks" records still come first."""
    older = [f"The tanks rolled past checkpoint {n}." for n in range(60)]
    newer = [f"The banks closed at checkpoint {n}." for n in range(CANDIDATES)]
    store.add_documents([_page("older.txt", older), _page("newer.txt", newer)])
    hits = engine.search("tanks", limit=10)
    assert len(hits) == 10
    assert all("tanks" in hit.text for hit in hits), [hit.text for hit in hits]


def test_a_common_word_still_fills_the_page_with_records_that_say_it(
    store: Store, engine: SearchEngine
) -> None:
    texts = [f"Tanks were seen near village {n}." for n in range(FIRST_BATCH * 3)]
    store.add_documents([_page("many.txt", texts)])
    hits = engine.search("tank", limit=20)
    assert len(hits) == 20
    assert all(hit.kind == "comment" and "Tanks" in hit.text for hit in hits)
    assert all(hit.snippet[s:e] == "Tanks" for hit in hits for s, e in hit.spans)


def test_a_rare_completion_is_found_when_the_common_ones_leave_room(
    store: Store, engine: SearchEngine
) -> None:
    common = [f"pal{letter}ton" for letter in "abcdefghijklmn"]  # more than the listed ones
    texts = [f"{word} again {word}" for word in common] + ["Only palzyrene here."]
    store.add_documents([_page("rare.txt", texts)])
    hits = engine.search("pal")
    assert "Only palzyrene here." in [hit.text for hit in hits]


def test_a_rare_completion_next_to_a_rare_word_is_found_when_the_prefix_is_common(
    store: Store, engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_source, "PREFIX_BUDGET", 5)  # "pal" counts as common here
    common = [f"pal{letter}ton" for letter in "abcdefghijklmn"]
    texts = [f"{word} again {word}" for word in common] + [
        "Zarqawi and palzyrene.",
        "Zarqawi alone.",
    ]
    store.add_documents([_page("rare.txt", texts)])
    hits = engine.search("zarqawi pal")
    assert [hit.text for hit in hits] == ["Zarqawi and palzyrene."]


def test_several_words_said_by_more_records_than_are_ranked_find_the_newest(
    store: Store, engine: SearchEngine
) -> None:
    """Two words in more comments than the engine takes per kind: the newest are the ones
    ranked (asking the index oldest-first is only a shortcut for when every record fits)."""
    count = CANDIDATES + 50
    said = [f"Convoy {n:04} crossed the bridge at dawn." for n in range(count)]  # one length
    store.add_documents([_page("convoys.txt", said)])
    hits = engine.search("convoy bridge", limit=5, kinds={"comment"})
    numbers = [int(hit.text.split()[1]) for hit in hits]
    assert numbers == list(range(count - 1, count - 6, -1))  # equal scores: newest first
