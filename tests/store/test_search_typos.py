"""Every stored word within the typo budget is reachable (1 edit up to 4 letters, 2 beyond, a
transposition counting one), including the misspellings that need two deletions on the
stored side ("fotography" for "photography"), and a store keyed the old way is re-keyed on
upgrade."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA

from store.records import DocumentDraft
from store.search import vocabulary
from store.search.engine import SearchEngine
from store.store import Store

# Misspellings people type (from codespell's dictionary) of words of the article below, and
# the number of edits each is away.
REAL_TYPOS = {
    "fotography": "photography",  # two deletions on the stored side: p, h -> f
    "accomadated": "accommodated",
    "suprizingly": "surprisingly",
    "manipuling": "manipulating",
    "peapel": "people",
    "htikn": "think",  # a transposition and a substitution
    "wirh": "with",  # one edit in four letters
}
TEXT = (
    "The people think that photography was surprisingly accommodated, manipulating the "
    "light with care."
)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[SearchEngine]:
    store = Store.open(str(tmp_path / "typos.sqlite3"))
    store.add_documents([DocumentDraft(title="Light", body=TEXT, source="a.txt", claims=[])])
    searching = SearchEngine(store)
    yield searching
    searching.close()
    store.close()


@pytest.mark.parametrize(("typed", "meant"), sorted(REAL_TYPOS.items()))
def test_a_real_misspelling_finds_the_article_and_marks_the_word(
    engine: SearchEngine, typed: str, meant: str
) -> None:
    hits = engine.search(f"{typed} ")
    assert [hit.kind for hit in hits] == ["article"]
    marked = [hits[0].snippet[start:end].lower() for start, end in hits[0].spans]
    assert meant in marked


def test_the_keys_reach_every_word_within_the_budget_of_a_random_typo() -> None:
    """Brute force over a vocabulary against the deletion keys, for random typos of up to
    two edits (substitution, insertion, deletion, transposition)."""
    rng = random.Random(5)  # noqa: S311 (reproducible typos, not secrets)
    letters = "abcdefghijklmnopqrstuvwxyzé"
    vocabulary_words = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(2, 12))) for _ in range(3000)}
    )
    conn = sqlite3.connect(":memory:")
    for statement in vocabulary.VOCABULARY_DDL:
        conn.execute(statement)
    conn.executemany("INSERT INTO search_vocab VALUES (?, 1)", [(w,) for w in vocabulary_words])
    vocabulary.rekey(conn)

    def typo(word: str) -> str:
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(word))
            match rng.choice("sdit"):
                case "s":
                    word = word[:i] + rng.choice(letters) + word[i + 1 :]
                case "d" if len(word) > 2:
                    word = word[:i] + word[i + 1 :]
                case "i":
                    word = word[:i] + rng.choice(letters) + word[i:]
                case "t" if i < len(word) - 1:
                    word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        return word

    checked = 0
    for query in (typo(rng.choice(vocabulary_words)) for _ in range(300)):
        budget = vocabulary.key_depth(query)
        within = {w for w in vocabulary_words if OSA.distance(query, w) <= budget}
        reached = {found.word for found in vocabulary.near(conn, query, budget)} | {query}
        assert within <= reached, query
        checked += len(within)
    assert checked > 200


def test_a_store_keyed_the_old_way_is_rekeyed_on_upgrade(tmp_path: Path) -> None:
    from store.schema import STEPS, _step_5_search_word_keys

    path = tmp_path / "old.sqlite3"
    store = Store.open(str(path))
    store.add_documents([DocumentDraft(title="Light", body=TEXT, source="a.txt", claims=[])])
    store.close()
    with sqlite3.connect(path) as conn:  # the one-deletion keys of the first search index
        for table in ("search_word", "search_word_key", "search_word_gen"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute(
            "CREATE TABLE search_vocab_key (key INTEGER NOT NULL, word TEXT NOT NULL,"
            " PRIMARY KEY (key, word)) WITHOUT ROWID"
        )
        # The version just before the step that re-keys the vocabulary.
        conn.execute(
            "UPDATE schema_version SET version = ?", (STEPS.index(_step_5_search_word_keys),)
        )
    reopened = Store.open(str(path))
    engine = SearchEngine(reopened)
    try:
        assert [hit.kind for hit in engine.search("fotography ")] == ["article"]
        with sqlite3.connect(path) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "search_vocab_key" not in tables
        assert {"search_word", "search_word_key", "search_word_gen"} <= tables
    finally:
        engine.close()
        reopened.close()


def test_a_short_last_word_completes_to_what_stands_beside_the_other_words(tmp_path: Path) -> None:
    """'readying tra': sixteen commoner words start with "tra", and the typo neighbour
    "reading" of "readying" is in every record; the one record that says "readying" beside
    "traverse" still comes first."""
    common = [
        "track",
        "train",
        "trade",
        "trail",
        "tram",
        "trap",
        "trash",
        "travel",
        "tray",
        "trauma",
        "tractor",
        "traffic",
        "tragic",
        "trait",
        "trance",
        "transit",
    ]
    store = Store.open(str(tmp_path / "completions.sqlite3"))
    drafts = [
        DocumentDraft(
            title=f"Note {n}",
            body=f"Reading about the {common[n % 16]} and the {common[(n + 5) % 16]} again.",
            source=f"{n}.txt",
            claims=[],
        )
        for n in range(240)
    ]
    drafts.insert(
        7,
        DocumentDraft(
            title="Rare", body="Readying to traverse the ridge.", source="rare.txt", claims=[]
        ),
    )
    store.add_documents(drafts)
    engine = SearchEngine(store)
    try:
        hits = engine.search("readying tra", as_typed=True)
        assert hits and hits[0].text == "Rare"
    finally:
        engine.close()
        store.close()


def test_a_store_keyed_by_six_letters_is_rekeyed_by_seven_on_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step 11: every word is filed again under the deletions of its first seven letters, so a
    look-up asks for the keys the words are filed under and finds the misspellings; a search
    (which opens the index without the store) sees the old keys and upgrades the store."""
    from store.schema import STEPS, _step_11_search_keys_of_seven_letters

    path = tmp_path / "six.sqlite3"
    with monkeypatch.context() as patched:
        patched.setattr(vocabulary, "KEY_PREFIX", 6)
        store = Store.open(str(path))
        store.add_documents([DocumentDraft(title="Light", body=TEXT, source="a.txt", claims=[])])
        store.close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE schema_version SET version = ?",
            (STEPS.index(_step_11_search_keys_of_seven_letters),),
        )
    reopened = Store.open(str(path))
    engine = SearchEngine(reopened)
    try:
        assert [hit.kind for hit in engine.search("accomadated ")] == ["article"]
        with sqlite3.connect(path) as conn:
            filed = set(
                conn.execute(
                    "SELECT w.word, k.key FROM search_word_key k JOIN search_word w "
                    "ON w.id = k.word_id"
                )
            )
        for word in ("accommodated", "photography", "surprisingly"):
            keys = {key for stored, key in filed if stored == word}
            assert keys == vocabulary.deletion_keys(word)
            assert keys != vocabulary.deletion_keys(word[:6])  # not the six-letter keys
    finally:
        engine.close()
        reopened.close()
