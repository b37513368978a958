"""The Store on a throwaway SQLite file: idempotent import, atomic documents, judging claims."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store.records import ClaimDraft, ClaimStatus, CommentDraft, DocumentDraft, Quantity
from store.schema import CURRENT_VERSION
from store.store import Store, StoreError
from tests.db_helpers import execute_elsewhere, other_connection, refuse_comments_saying

pytestmark = pytest.mark.both_databases


def _draft(
    title: str = "Base captured", url: str | None = None, body: str | None = None, comments: int = 2
) -> DocumentDraft:
    return DocumentDraft(
        title=title,
        body=body if body is not None else f"{title}. Amaq claims that 44 tanks were seized.",
        source="test.txt",
        url=url,
        published=datetime(2016, 12, 13, tzinfo=UTC),
        comments=[
            CommentDraft(f"reader {i}", f"comment {i} on {title}", parent_index=0 if i else None)
            for i in range(comments)
        ],
        claims=[
            ClaimDraft(
                "Amaq claims that 44 tanks were seized.",
                0,
                38,
                claimant="Amaq",
                quantities=(Quantity(44, "44", "tanks"),),
            ),
            ClaimDraft("comment 1", 0, 9, comment_index=1),
        ]
        if comments > 1
        else [],
    )


def test_a_missing_store_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "nothing" / "here.sqlite3"))
    assert store.counts() == {"article": 0, "claim": 0, "comment": 0}
    assert store.list_articles() == []
    assert not (tmp_path / "nothing").exists()


def test_document_is_stored_with_comments_threads_and_claims(store: Store) -> None:
    [outcome] = store.add_documents([_draft()])
    assert outcome.created and outcome.comments == 2 and outcome.claims == 2
    [article] = store.list_articles()
    assert (article.title, article.claim_count, article.comment_count) == ("Base captured", 2, 2)
    assert article.published == datetime(2016, 12, 13, tzinfo=UTC)
    first, reply = store.list_comments(article_id=article.id)
    assert reply.parent_id == first.id
    article_claim, comment_claim = store.list_claims(article_id=article.id)
    assert article_claim.quantities == (Quantity(44, "44", "tanks"),)
    assert article_claim.claimant == "Amaq" and article_claim.comment_id is None
    assert comment_claim.comment_id == reply.id


def test_importing_twice_stores_once_by_url_and_by_fingerprint(store: Store) -> None:
    store.add_documents([_draft("A", url="https://example.org/a"), _draft("B")])
    again = store.add_documents(
        [
            _draft("A", url="https://example.org/a"),
            # no URL: the same text with other white space and case is the same document
            _draft("B", body="b.   AMAQ claims that 44 tanks were seized."),
        ]
    )
    assert [o.created for o in again] == [False, False]
    assert store.counts() == {"article": 2, "claim": 4, "comment": 4}


def test_the_same_document_twice_in_one_batch_is_stored_once(store: Store) -> None:
    outcomes = store.add_documents([_draft(url="https://x.test/1"), _draft(url="https://x.test/1")])
    assert [o.created for o in outcomes] == [True, False]
    assert outcomes[0].article_id == outcomes[1].article_id


def test_a_document_the_database_refuses_leaves_nothing_and_harms_no_other(store: Store) -> None:
    store.add_documents([_draft("Earlier")])
    refuse_comments_saying(store, "poison")  # a refusal in the middle of a document's rows
    outcomes = store.add_documents([_draft("Good"), _draft("poison"), _draft("Also good")])
    assert [o.created for o in outcomes] == [True, False, True]
    assert outcomes[1].error is not None and "refused" in outcomes[1].error
    titles = {a.title for a in store.list_articles()}
    assert titles == {"Earlier", "Good", "Also good"}
    assert store.counts() == {"article": 3, "claim": 6, "comment": 6}


def test_invalid_drafts_are_refused_before_writing(store: Store) -> None:
    bad = _draft("Bad")
    bad.claims = [ClaimDraft("x", 0, 1, comment_index=7)]
    outcomes = store.add_documents([bad, _draft("Fine")])
    assert outcomes[0].error is not None and "comment 8" in outcomes[0].error
    assert outcomes[1].created
    assert [a.title for a in store.list_articles()] == ["Fine"]


def test_judging_a_claim_is_saved_and_read_back(store: Store) -> None:
    store.add_documents([_draft()])
    claim = store.list_claims()[0]
    judged = store.set_claim_status(claim.id, ClaimStatus.DISPUTED, "two sources deny it")
    assert judged.status is ClaimStatus.DISPUTED
    reopened = Store(store.url)
    assert reopened.get_claim(claim.id) == judged
    with pytest.raises(KeyError):
        store.set_claim_status(9999, ClaimStatus.FALSE)


def test_stats_and_schema_version(store: Store) -> None:
    store.add_documents([_draft()])
    stats = store.stats()
    assert (stats.articles, stats.claims, stats.comments) == (1, 2, 2)
    assert stats.size_bytes > 0 and stats.schema_version == CURRENT_VERSION


@pytest.mark.sqlite_only
def test_sqlite_runs_with_wal_and_foreign_keys(store: Store) -> None:
    store.add_documents([_draft()])
    path = store.path
    assert path is not None
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store._read() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_store_from_a_newer_claimdesk_is_refused_plainly(store: Store) -> None:
    store.add_documents([_draft()])
    execute_elsewhere(store, "UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(store.url).counts()


def test_a_file_that_is_not_a_database_is_refused_plainly(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match=r"notes\.sqlite3"):
        Store.open(str(bogus)).counts()


def test_reads_go_on_and_writes_wait_while_another_process_writes(store: Store) -> None:
    """The browser keeps reading, and a second import waits instead of failing (WAL + timeout
    on SQLite, the writers' advisory lock on PostgreSQL)."""
    import threading
    import time

    from store.db import WRITE_LOCK

    store.add_documents([_draft("First")])
    with other_connection(store) as other:
        if store.path is None:
            other.execute("BEGIN")
            other.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        else:
            other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO comment (id, article_id, author, body, position) "
            "VALUES ((SELECT max(id) + 1 FROM comment), 1, 'other process', "
            "'hello', 9)"
        )
        assert store.counts()["comment"] == 2  # reads see the last commit, not blocked
        release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
        release.start()
        started = time.monotonic()
        [outcome] = store.add_documents([_draft("Second")])
        release.join()
    assert outcome.created and time.monotonic() - started >= 0.25
    assert store.counts() == {"article": 2, "claim": 4, "comment": 5}


def test_check_refuses_a_bad_file_and_creates_no_missing_one(tmp_path: Path) -> None:
    missing = Store.open(str(tmp_path / "later" / "store.sqlite3"))
    missing.check()
    assert not (tmp_path / "later").exists()
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database\n" * 100)
    with pytest.raises(StoreError, match=r"bogus\.sqlite3"):
        Store.open(str(bogus)).check()


def test_an_error_inside_a_transaction_undoes_every_batch_written_in_it(store: Store) -> None:
    store.add_documents([_draft("Earlier")])
    before = store.counts()
    with pytest.raises(RuntimeError, match="the file broke"), store.transaction() as transaction:
        first = transaction.add_documents([_draft("One"), _draft("Two")])
        second = transaction.add_documents([_draft("Three")])
        assert [o.created for o in first + second] == [True, True, True]
        raise RuntimeError("the file broke")
    assert store.counts() == before
    assert [a.title for a in store.list_articles()] == ["Earlier"]
    [after] = store.add_documents([_draft("After")])  # the write lock was let go
    assert after.created


def test_a_transaction_stores_a_document_once_across_its_batches(store: Store) -> None:
    with store.transaction() as transaction:
        [first] = transaction.add_documents([_draft("A", url="https://example.org/a")])
        again, other = transaction.add_documents(
            [_draft("A", url="https://example.org/a"), _draft("B")]
        )
    assert (first.created, again.created, other.created) == (True, False, True)
    assert again.article_id == first.article_id
    assert store.counts() == {"article": 2, "claim": 4, "comment": 4}


def test_a_refused_document_in_a_transaction_harms_no_batch(store: Store) -> None:
    store.add_documents([_draft("Earlier")])
    refuse_comments_saying(store, "poison")
    with store.transaction() as transaction:
        transaction.add_documents([_draft("Good")])
        outcomes = transaction.add_documents([_draft("poison"), _draft("Also good")])
    assert [o.created for o in outcomes] == [False, True]
    assert {a.title for a in store.list_articles()} == {"Earlier", "Good", "Also good"}


def test_a_transaction_that_writes_nothing_creates_no_store(tmp_path: Path) -> None:
    missing = Store.open(str(tmp_path / "later" / "store.sqlite3"))
    with missing.transaction() as transaction:
        assert transaction.add_documents([]) == []
    assert not (tmp_path / "later").exists()


def test_one_parser_finds_the_file_of_every_kind_of_store_url(tmp_path: Path) -> None:
    from store.paths import db_file, sqlite_file

    file = tmp_path / "a b" / "store.sqlite3"
    assert sqlite_file(f"sqlite:///{file}") == file
    assert sqlite_file("sqlite://") is None  # in memory
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("postgresql+psycopg://u:p@localhost/claimdesk") is None
    assert db_file(str(file)) == file  # a plain path, as --db takes it
    assert db_file(f"sqlite:///{file}") == file
    assert Store(f"sqlite:///{file}").path == file
