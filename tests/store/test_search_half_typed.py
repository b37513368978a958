"""A word still being typed stands for what it completes to, and for a typo neighbour only when
that is at least as common as its commonest completion (``sqlite_source.near_forms``).

While "sta" is typed, "sea" is a letter away, but the user is more likely typing "state" (a
commoner word): records that only say "sea" are noise there (and at a million records
those common neighbours made the slowest key presses). A half-typed misspelling of a common
word ("weas" for "was") still finds it.
"""

from __future__ import annotations

import pytest

from store.records import DocumentDraft
from store.search.engine import SearchEngine
from store.store import Store

pytestmark = pytest.mark.both_databases


def _doc(title: str, body: str) -> DocumentDraft:
    return DocumentDraft(title=title, body=body, source=f"{title}.txt", claims=[])


def test_a_half_typed_word_is_not_taken_for_a_rarer_word_a_typo_away(store: Store) -> None:
    store.add_documents(
        [
            *(_doc(f"Report {n}", "The state of the harbour is poor.") for n in range(6)),
            *(_doc(f"Notes {n}", "We start at the harbour gate.") for n in range(2)),
            *(_doc(f"Diary {n}", "The sea by the harbour was calm.") for n in range(4)),
        ]
    )
    searching = SearchEngine(store)
    try:
        hits = searching.search("harbour sta", limit=10)
        assert sorted(hit.text.split()[0] for hit in hits) == ["Notes"] * 2 + ["Report"] * 6
        # Typed out, "sea" is found as it is, and "sae" (a typo of it) finds it too.
        assert {hit.text.split()[0] for hit in searching.search("harbour sea", limit=10)} == {
            "Diary"
        }
        assert "Diary" in {hit.text.split()[0] for hit in searching.search("harbour sae ")}
    finally:
        searching.close()


def test_a_common_completion_outweighs_a_neighbour_less_than_ten_times_commoner(
    store: Store,
) -> None:
    store.add_documents(
        [
            *(_doc(f"Report {n}", "The state of the harbour is poor.") for n in range(120)),
            *(_doc(f"Diary {n}", "The sea by the harbour was calm.") for n in range(300)),
        ]
    )
    searching = SearchEngine(store)
    try:
        hits = searching.search("harbour sta", limit=200)
        assert {hit.text.split()[0] for hit in hits} == {"Report"}
        assert len(hits) == 120
    finally:
        searching.close()


def test_a_half_typed_misspelling_of_a_far_commoner_word_still_finds_it(store: Store) -> None:
    store.add_documents(
        [
            _doc("Weasel", "A weasel ran past the garbanzo field."),
            *(_doc(f"Story {n}", "It was a quiet day and it was warm.") for n in range(30)),
            _doc("Kitchen", "The garbanzo stew was ready."),
        ]
    )
    searching = SearchEngine(store)
    try:
        titles = [hit.text.split()[0] for hit in searching.search("garbanzo weas", limit=10)]
        assert titles[:2] == ["Weasel", "Kitchen"] or titles[:2] == ["Kitchen", "Weasel"]
    finally:
        searching.close()
