"""The search index follows the bulk write path: every row of a batch found, nothing of a
refused document left behind, the vocabulary counting the same words the index holds."""

from __future__ import annotations

import sqlite3
import string
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import writing
from store.records import ClaimDraft, CommentDraft, DocumentDraft
from store.search.engine import SearchEngine
from store.search.vocabulary import count_words, words
from store.store import Store


def _token(n: int) -> str:
    """A made-up word per record ("kvbaz", "kvbbz", …), found by nothing else."""
    letters = string.ascii_lowercase
    return f"kv{letters[n // 26 % 26]}{letters[n % 26]}z"


def _draft(n: int) -> DocumentDraft:
    comments = [
        CommentDraft(
            f"reader {c}", f"A reply about {_token(n * 10 + c)}.", parent_index=0 if c else None
        )
        for c in range(3)
    ]
    claims = [
        ClaimDraft(f"{_token(n * 10 + 5 + k)} rose by 4 percent", 0, 10, claimant="Amaq")
        for k in range(2)
    ]
    return DocumentDraft(
        title=f"Report {_token(n * 10 + 9)}",
        body=f"Body of report {n}.",
        source=f"doc{n}.txt",
        comments=comments,
        claims=claims,
    )


@pytest.fixture
def small_statements(monkeypatch: pytest.MonkeyPatch) -> None:
    """Few rows per INSERT, so a small batch crosses many statement boundaries."""
    monkeypatch.setattr(writing, "ROWS_PER_STATEMENT", 7)


@pytest.fixture
def engine(store: Store) -> Iterator[SearchEngine]:
    searching = SearchEngine(store)
    yield searching
    searching.close()


def _found(engine: SearchEngine, word: str, kind: str) -> set[int]:
    return {h.id for h in engine.search(f"'{word}", kinds={kind}, limit=500)}  # type: ignore[arg-type]


@pytest.mark.usefixtures("small_statements")
def test_every_record_of_a_batch_is_found_right_after_it_is_written(
    store: Store, engine: SearchEngine
) -> None:
    outcomes = store.add_documents([_draft(n) for n in range(20)])
    assert store.counts() == {"article": 20, "claim": 40, "comment": 60}
    claims = {c.text.split()[0]: c.id for c in store.list_claims()}
    comments = {c.body.split()[-1].rstrip("."): c.id for c in store.list_comments()}
    for n, outcome in enumerate(outcomes):
        assert _found(engine, _token(n * 10 + 9), "article") == {outcome.article_id}
        for c in range(3):
            word = _token(n * 10 + c)
            assert _found(engine, word, "comment") == {comments[word]}
        for k in range(2):
            word = _token(n * 10 + 5 + k)
            assert _found(engine, word, "claim") == {claims[word]}
    # a claim is found by its article's title too (the index's ``context`` column)
    assert _found(engine, _token(9), "claim") == {claims[_token(5)], claims[_token(6)]}


@pytest.mark.usefixtures("small_statements")
def test_a_refused_document_leaves_no_trace_in_the_index(
    store: Store, engine: SearchEngine
) -> None:
    path = store.path
    assert path is not None
    store.add_documents([DocumentDraft(title="Earlier", body="Stored before.", source="e.txt")])
    with sqlite3.connect(path) as conn:  # a refusal late in the batch's comment statements
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON comment WHEN NEW.body LIKE "
            f"'%{_token(172)}%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    outcomes = store.add_documents([_draft(n) for n in range(20)])
    assert [o.created for o in outcomes] == [n != 17 for n in range(20)]
    assert _found(engine, _token(179), "article") == set()
    assert _found(engine, _token(175), "claim") == set()
    assert _found(engine, _token(170), "comment") == set()
    assert _found(engine, _token(189), "article") == {outcomes[18].article_id}
    with sqlite3.connect(path) as conn:
        for table in ("article_fts", "claim_fts", "comment_fts"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")  # noqa: S608


@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
        | st.text(alphabet=string.printable, max_size=30),
        max_size=8,
    )
)
def test_the_vocabulary_counts_the_words_a_text_is_split_into(texts: list[str]) -> None:
    assert count_words(texts) == Counter(w for text in texts for w in words(text))


def _vocabulary(conn: sqlite3.Connection) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
    """The words with their counts, and each deletion key with the word it files (whatever
    ids and generations the words were given)."""
    return (
        conn.execute("SELECT word, freq FROM search_vocab ORDER BY word").fetchall(),
        conn.execute(
            "SELECT k.key, w.word FROM search_word_key k JOIN search_word w "
            "ON w.id = k.word_id ORDER BY k.key, w.word"
        ).fetchall(),
    )


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_an_index_build_finds_what_the_import_indexed(
    store: Store, engine: SearchEngine, journal: str
) -> None:
    """The build an upgrade runs (words counted in a thread on a WAL store, in line on any
    other) leaves the index as the write path left it: same words, keys and hits."""
    from store.importer import import_paths
    from store.paths import sample_data_dir
    from store.search.index import rebuild

    import_paths(store, [sample_data_dir()])
    store.add_documents([_draft(n) for n in range(5)])
    queries = ("palmira tnaks", "oryx", "kvbaz", "harbour grain", "amaq qty:>40")
    before = [[(h.kind, h.id) for h in engine.search(q)] for q in queries]
    assert all(before)
    path = store.path
    assert path is not None
    store.close()
    engine.close()  # a journal mode changes only with no other connection open
    with sqlite3.connect(path, isolation_level=None) as conn:
        indexed = _vocabulary(conn)
        conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.execute("BEGIN")
        rebuild(conn)
        conn.execute("COMMIT")
        assert _vocabulary(conn) == indexed
        for table in ("article_fts", "claim_fts", "comment_fts"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")  # noqa: S608
    assert [[(h.kind, h.id) for h in engine.search(q)] for q in queries] == before


@pytest.mark.usefixtures("small_statements")
def test_a_transaction_of_many_batches_leaves_the_vocabulary_an_index_build_would(
    store: Store, engine: SearchEngine
) -> None:
    """An importer's transaction merges its batches' words once, at commit: the words,
    counts and keys are those of the records stored (a refused document's are not), the
    words are found by their typos, and a transaction rolled back leaves none of its own."""
    from store.search.index import rebuild

    path = store.path
    assert path is not None
    store.add_documents([_draft(100)])  # keyed the old way: a batch of its own
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON comment WHEN NEW.body LIKE "
            f"'%{_token(72)}%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with store.transaction() as transaction:
        outcomes = [
            o
            for b in range(3)
            for o in transaction.add_documents([_draft(n) for n in range(b * 4, b * 4 + 4)])
        ]
    assert [o.created for o in outcomes] == [n != 7 for n in range(12)]
    assert _found(engine, _token(79), "article") == set()
    # "kvbnz", in the title of document 3 (the first batch), typed with two letters swapped
    hits = engine.search("kvnbz", kinds={"article"})
    assert hits[0].id == outcomes[3].article_id
    with pytest.raises(RuntimeError), store.transaction() as transaction:
        transaction.add_documents([_draft(200)])
        raise RuntimeError("the importer fails mid-file")
    with sqlite3.connect(path, isolation_level=None) as conn:
        merged = _vocabulary(conn)
        assert _token(2009) not in dict(merged[0])
        assert _token(79) not in dict(merged[0])
        conn.execute("DROP TRIGGER refuse")
        conn.execute("BEGIN")
        rebuild(conn)
        conn.execute("COMMIT")
        assert _vocabulary(conn) == merged


def _segments(path: object) -> list[int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [
            conn.execute(f"SELECT count(DISTINCT segid) FROM {kind}_fts_idx").fetchone()[0]  # noqa: S608
            for kind in ("article", "claim", "comment")
        ]


@pytest.mark.usefixtures("small_statements")
def test_an_import_leaves_its_index_in_one_segment_and_a_small_one_leaves_it_alone(
    store: Store, engine: SearchEngine
) -> None:
    """A transaction that writes most of the store (an import into a new store) merges the
    full-text index it wrote in many flushes (a statement each here), so a query looks each
    word up once per table, not once per segment; a small import into a larger store does not
    rewrite the whole index. Either way every record is found and the index is sound."""
    path = store.path
    assert path is not None
    with store.transaction() as transaction:
        for b in range(4):
            transaction.add_documents([_draft(n) for n in range(b * 5, b * 5 + 5)])
    assert _segments(path) == [1, 1, 1]
    store.add_documents([_draft(40)])  # 1 article of 21, 3 comments of 63: not merged
    assert all(segments > 1 for segments in _segments(path))
    for n in (0, 12, 19, 40):
        assert _found(engine, _token(n * 10 + 9), "article"), n  # each title
        assert _found(engine, _token(n * 10 + 5), "claim"), n
        assert _found(engine, _token(n * 10 + 2), "comment"), n
    with sqlite3.connect(path) as conn:
        for table in ("article_fts", "claim_fts", "comment_fts"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")  # noqa: S608


@pytest.mark.usefixtures("small_statements")
def test_a_store_imported_before_has_its_index_merged_on_upgrade(store: Store) -> None:
    """Step 12: a store whose index FTS5 left in many segments (small imports into it) is
    merged into one when it is opened, and finds what it found before."""
    from store.schema import STEPS, _step_12_search_index_in_one_segment

    path = store.path
    assert path is not None
    store.add_documents([_draft(n) for n in range(10)])
    for n in range(10, 13):
        store.add_documents([_draft(n)])
    assert all(segments > 1 for segments in _segments(path))
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE schema_version SET version = ?",
            (STEPS.index(_step_12_search_index_in_one_segment),),
        )
    reopened = Store.open(str(path))
    engine = SearchEngine(reopened)
    try:
        assert not reopened.is_empty()
        assert _segments(path) == [1, 1, 1]
        for n in (0, 9, 12):
            assert _found(engine, _token(n * 10 + 9), "article"), n
            assert _found(engine, _token(n * 10 + 2), "comment"), n
    finally:
        engine.close()
        reopened.close()


def _triggers(path: object) -> list[tuple[object, ...]]:
    """The store's triggers, and the FTS5 tables' settings (a bulk build changes one and
    must put it back)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT name, sql, NULL FROM sqlite_master WHERE type = 'trigger' "
            "UNION ALL SELECT 'article', k, v FROM article_fts_config "
            "UNION ALL SELECT 'claim', k, v FROM claim_fts_config "
            "UNION ALL SELECT 'comment', k, v FROM comment_fts_config ORDER BY 1, 2"
        ).fetchall()


@pytest.mark.usefixtures("small_statements")
def test_a_bulk_import_indexes_every_record_at_its_end_and_puts_the_triggers_back(
    store: Store, engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transaction writing large batches indexes its records in bulk just before it commits
    (the insert triggers dropped meanwhile): every record is found as the triggers would have
    indexed it (FTS5 checks the index against the records), a refused document leaves
    nothing, the triggers are back as they were, and a transaction that fails puts them back
    with nothing of its own indexed."""
    from store.search import deferred

    monkeypatch.setattr(deferred, "BULK_DOCUMENTS", 6)
    path = store.path
    assert path is not None
    store.add_documents([_draft(60)])  # indexed by the triggers, before
    triggers = _triggers(path)
    assert {"article_fts_ai", "claim_fts_ai", "comment_fts_ai"} <= {row[0] for row in triggers}
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON comment WHEN NEW.body LIKE "
            f"'%{_token(92)}%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    with store.transaction() as transaction:
        outcomes = transaction.add_documents([_draft(n) for n in range(3)])  # small: triggers
        for start in (3, 10):  # large: deferred from here on
            outcomes += transaction.add_documents([_draft(n) for n in range(start, start + 7)])
        outcomes += transaction.add_documents([_draft(n) for n in range(17, 19)])
    assert [o.created for o in outcomes] == [n != 9 for n in range(19)]
    claims = {c.text.split()[0]: c.id for c in store.list_claims()}
    comments = {c.body.split()[-1].rstrip("."): c.id for c in store.list_comments()}
    for n in (*range(9), *range(10, 19)):
        assert _found(engine, _token(n * 10 + 9), "article") == {outcomes[n].article_id}, n
        assert _found(engine, _token(n * 10 + 1), "comment") == {comments[_token(n * 10 + 1)]}
        assert _found(engine, _token(n * 10 + 6), "claim") == {claims[_token(n * 10 + 6)]}
        # a claim is found by its article's title (the ``context`` the triggers would give)
        assert claims[_token(n * 10 + 5)] in _found(engine, _token(n * 10 + 9), "claim")
    assert _found(engine, _token(99), "article") == set()
    assert _found(engine, _token(95), "claim") == set()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER refuse")
        for table in ("article_fts", "claim_fts", "comment_fts"):  # checked against the records
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")  # noqa: S608
    assert _triggers(path) == triggers
    later = store.add_document(_draft(61))  # the triggers index again
    assert _found(engine, _token(619), "article") == {later.article_id}
    with pytest.raises(RuntimeError), store.transaction() as transaction:
        transaction.add_documents([_draft(n) for n in range(40, 47)])
        raise RuntimeError("the importer fails mid-file")
    assert _triggers(path) == triggers
    assert _found(engine, _token(409), "article") == set()
