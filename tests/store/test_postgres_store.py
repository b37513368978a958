"""The team store: PostgreSQL behind the same commands, errors a user can act on, the same
answers as SQLite for the same data, several writers at once, and ``claimdesk copy``."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from store.records import ClaimStatus, RecordKind
from store.search.engine import SearchEngine
from store.store import Store, StoreError
from tests.conftest import ROOT, SAMPLE_DIR
from tests.pg_server import ANALYST, ANALYST_PASSWORD, PostgresServer
from tui.cli import main

QUERIES = [
    "palmira tnaks",
    "oryx s-125",
    "amaq",
    "claimant:amaq qty:>100",
    "russian base",
    "grain exprts",
    "ferry",
    "author:evan",
    "harbour",
    "palm",
    "tanks | bmps",
    "!russian amaq",
    "status:unverifiable tanks",
    "dredging",
    "container volumes",
    "zarkawi",
    "site:longwar",
    "spoils",
    "^why",
    "base$",
    "'tanks",
    "title:palmyra",
    "kind:claim qty:10..100",
    "!kind:comment russian",
    "tag:syria",
]
"""Queries over the sample data: typos, scopes, filters, exclusions, prefixes."""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# -- no driver, no server ----------------------------------------------------------------------


def test_without_the_extra_every_command_says_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name.startswith("psycopg") else real(name, *a),
    )
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` fails as if absent
    url = "postgresql://desk@db.example.org/claims"
    for argv in (["stats"], ["list", "claims"], ["search", "tanks"], ["import", str(SAMPLE_DIR)]):
        code, _, err = _run(capsys, "--db", url, *argv)
        assert code == 1
        assert "pip install 'claimdesk[postgres]'" in _one_line(err), argv


def test_a_server_that_is_not_there_is_one_line_naming_host_and_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"postgresql://desk:hunter2@/claims?host={tmp_path}"
    code, _, err = _run(capsys, "--db", url, "stats")
    line = _one_line(err)
    assert code == 1 and str(tmp_path) in line and "database claims" in line
    assert "no server answers" in line and "hunter2" not in err


def test_a_wrong_password_is_one_line_without_the_password(
    capsys: pytest.CaptureFixture[str], postgres_server: PostgresServer
) -> None:
    url = postgres_server.url("postgres", user=f"{ANALYST}:not-the-password")
    code, _, err = _run(capsys, "--db", url, "list", "articles")
    line = _one_line(err)
    assert code == 1 and "wrong password" in line and "database postgres" in line
    assert "not-the-password" not in err and str(postgres_server.socket_dir) in line
    good = postgres_server.url("postgres", user=f"{ANALYST}:{ANALYST_PASSWORD}")
    assert Store.open(good).counts() == {"article": 0, "claim": 0, "comment": 0}


def test_a_missing_database_is_one_line_saying_how_to_create_it(
    capsys: pytest.CaptureFixture[str], postgres_server: PostgresServer
) -> None:
    code, _, err = _run(capsys, "--db", postgres_server.url("nosuchdesk"), "stats")
    line = _one_line(err)
    assert code == 1 and "there is no database nosuchdesk" in line and "createdb" in line


def test_other_dialect_drivers_are_refused_plainly(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="psycopg 3"):
        Store.open(postgres_url.replace("+psycopg", "+psycopg2")).counts()
    plain = Store.open(postgres_url.replace("postgresql+psycopg", "postgresql"))
    assert plain.counts()["article"] == 0  # postgresql:// means psycopg 3
    plain.close()


def test_a_postgresql_store_from_before_its_search_index_gets_it_on_upgrade(
    postgres_url: str,
) -> None:
    """The numbered steps run on PostgreSQL too: a store at the step before the search index
    (its records written, no index tables) is indexed when a newer claimdesk opens it."""
    from store.schema import CURRENT_VERSION, STEPS, _step_7_postgres_search_index
    from tests.db_helpers import execute_elsewhere
    from tests.search_sample import other_draft, sample_draft

    step = STEPS.index(_step_7_postgres_search_index) + 1
    old = Store.open(postgres_url)
    old.add_documents([sample_draft(), other_draft()])
    old.close()
    for table in (
        "search_article",
        "search_claim",
        "search_comment",
        "search_vocab",
        "search_vocab_key",
    ):
        execute_elsewhere(old, f"DROP TABLE {table}")
    execute_elsewhere(old, f"UPDATE schema_version SET version = {step - 1}")  # noqa: S608
    upgraded = Store.open(postgres_url)
    assert upgraded.stats().schema_version == CURRENT_VERSION
    engine = SearchEngine(upgraded)
    hits = engine.search("palmira tnaks")
    assert hits and "44 tanks" in hits[0].text
    assert [h.kind for h in engine.search("olive harvst", kinds={"article"})] == ["article"]
    engine.close()
    upgraded.close()


# -- the same answers ----------------------------------------------------------------------------


def _without_import_time(text: str) -> list[dict[str, Any]]:
    records = json.loads(text)
    for record in records:
        record.pop("imported", None)
        record.pop("source", None)
    return list(records)


def test_sample_data_lists_and_searches_the_same_on_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, postgres_url: str
) -> None:
    sqlite = str(tmp_path / "desk.sqlite3")
    for db in (sqlite, postgres_url):
        assert _run(capsys, "--db", db, "import", "-q", str(SAMPLE_DIR))[0] == 0
    for kind in ("articles", "claims", "comments"):
        lists = [
            _without_import_time(_run(capsys, "--db", db, "list", kind, "--json")[1])
            for db in (sqlite, postgres_url)
        ]
        assert lists[0] == lists[1] and lists[0], kind
    found = 0
    for query in QUERIES:
        hits = [
            _run(capsys, "--db", db, "search", query, "--limit", "10", "--json")[1]
            for db in (sqlite, postgres_url)
        ]
        assert json.loads(hits[0]) == json.loads(hits[1]), query
        found += bool(json.loads(hits[0]))
    assert found >= len(QUERIES) - 3  # the queries do find things


def _hits_on_both(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, postgres_url: str, queries: list[str]
) -> list[list[tuple[RecordKind, int, float, str]]]:
    """The sample data imported into SQLite and into ``postgres_url``, each query searched by
    one engine on each (in order, so each keeps what it read before): the hits, asserted the
    same on both (kind, id, score, field), as SQLite gave them."""
    sqlite = str(tmp_path / "desk.sqlite3")
    for db in (sqlite, postgres_url):
        assert _run(capsys, "--db", db, "import", "-q", str(SAMPLE_DIR))[0] == 0
    engines = [SearchEngine(Store.open(db)) for db in (sqlite, postgres_url)]
    answers = []
    for query in queries:
        left, right = (
            [(h.kind, h.id, round(h.score, 6), h.field) for h in e.search(query, limit=10)]
            for e in engines
        )
        assert left == right, query
        answers.append(left)
    for engine in engines:
        engine.close()
    return answers


@pytest.mark.parametrize("probe", [1, 3])
def test_candidates_asked_slice_by_slice_are_the_newest_matches(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    postgres_url: str,
    probe: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a tiny first slice every query takes the later steps too (more slices, or every
    older match at once): the hits stay SQLite's, whichever way each step went."""
    from store.search import postgres_source

    monkeypatch.setattr(postgres_source, "PROBE", probe)
    _hits_on_both(capsys, tmp_path, postgres_url, [*QUERIES, "the", "and", "were"])


def test_typo_neighbours_weighed_in_a_second_question_find_what_sqlite_finds(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A word with many deletion-key neighbours gets their frequencies only for those within
    its typo budget, in a second question: the same forms are chosen, so the same hits."""
    from store.search import postgres_source

    monkeypatch.setattr(postgres_source, "NEIGHBOUR_PROBES", 0)  # every word takes that way
    queries = [*QUERIES, "tnaks", "harbuor", "exprots", "russain", "ukrainain"]
    found = sum(bool(hits) for hits in _hits_on_both(capsys, tmp_path, postgres_url, queries))
    assert found >= len(QUERIES)


@pytest.mark.parametrize("kept", [2, 2_000])
def test_records_read_ahead_for_the_next_kinds_give_sqlites_hits(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
    kept: int,
) -> None:
    """A kind's records are read with those the engine will ask of the kinds after it, and
    kept for the searches of the same snapshot: one engine through every query, its memory
    of records tiny (evicting while it reads) or large, finds what SQLite finds."""
    from store.search import postgres_source

    monkeypatch.setattr(postgres_source, "DOCUMENTS_KEPT", kept)
    queries = [*QUERIES, *QUERIES[::-1], "the", "and", "tanks"]
    _hits_on_both(capsys, tmp_path, postgres_url, queries)


def test_the_postgresql_index_holds_the_terms_of_sqlites_fts5_index(
    tmp_path: Path, postgres_url: str
) -> None:
    """Same terms, cut and stemmed alike ("tanks" -> "tank", "Übermäßig" -> "ubermaßig"), so
    the two indexes find the same records."""
    import sqlite3

    import psycopg

    from store.search.postgres_source import connection_string
    from tests.search_sample import other_draft, sample_draft

    sqlite = Store.open(str(tmp_path / "desk.sqlite3"))
    postgres = Store.open(postgres_url)
    for store in (sqlite, postgres):
        store.add_documents([sample_draft(), other_draft()])
    assert sqlite.path is not None
    with (
        sqlite3.connect(sqlite.path) as conn,
        psycopg.connect(connection_string(postgres_url)) as pg,
    ):
        for kind in ("article", "claim", "comment"):
            conn.execute(
                f"CREATE VIRTUAL TABLE temp.v_{kind} USING fts5vocab(main, {kind}_fts, 'row')"
            )
            fts5 = {row[0] for row in conn.execute(f"SELECT term FROM temp.v_{kind}")}  # noqa: S608
            query = f"SELECT DISTINCT lexeme FROM search_{kind}, unnest(words)"  # noqa: S608
            ours = {
                row[0] for row in pg.execute(query.encode()) if not row[0].startswith(("|", "#"))
            }
            assert ours == fts5, kind
            if kind == "claim":  # stemmed, as FTS5's porter tokenizer does
                assert "tank" in ours and "tanks" not in ours
    sqlite.close()
    postgres.close()


def test_copy_round_trip_sqlite_postgres_sqlite_is_the_same_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, postgres_url: str
) -> None:
    first, back = str(tmp_path / "mine.sqlite3"), str(tmp_path / "back.sqlite3")
    _run(capsys, "--db", first, "import", "-q", str(SAMPLE_DIR))
    mine = Store.open(first)
    claim = mine.list_claims()[2]
    mine.set_claim_status(claim.id, ClaimStatus.DISPUTED, "two sources deny it")
    held = mine.stats()
    mine.close()
    code, out, err = _run(capsys, "copy", "--from", first, "--to", postgres_url)
    assert code == 0
    assert f"{held.articles} articles, {held.claims} claims, {held.comments} comments copied" in out
    assert "5 of 5 articles done" in err
    assert _run(capsys, "copy", "--from", postgres_url, "--to", back)[0] == 0
    code, out, _ = _run(capsys, "copy", "--from", first, "--to", postgres_url)  # again
    assert code == 0 and out.startswith("0 articles") and "5 articles were there" in out
    for kind in ("articles", "claims", "comments"):
        lists = [
            _run(capsys, "--db", db, "list", kind, "--json")[1]
            for db in (first, postgres_url, back)
        ]
        assert lists[0] == lists[1] == lists[2], kind
    judged = Store.open(back).get_claim(claim.id)
    assert judged is not None and judged.status is ClaimStatus.DISPUTED
    assert judged.note == "two sources deny it"
    for query in ("palmira tnaks", "disputed", "grain"):
        hits = [
            _run(capsys, "--db", db, "search", query, "--json")[1] for db in (first, postgres_url)
        ]
        assert hits[0] == hits[1], query


def test_copy_into_a_store_with_other_articles_gives_new_ids_and_keeps_links(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.fixtures_store import palmyra_draft

    mine = str(tmp_path / "mine.sqlite3")
    Store.open(mine).add_document(palmyra_draft())  # four comments, one a reply
    _run(
        capsys,
        "--db",
        postgres_url,
        "import",
        "-q",
        str(SAMPLE_DIR / "002_harbour_ledger_feed.xml"),
    )
    team = Store.open(postgres_url)
    before = team.counts()
    assert _run(capsys, "copy", "--from", mine, "--to", postgres_url)[0] == 0
    source = Store.open(mine)
    copied = [a for a in team.list_articles() if a.title == source.list_articles()[0].title]
    assert len(copied) == 1
    theirs = team.list_comments(article_id=copied[0].id)
    ours = source.list_comments(article_id=source.list_articles()[0].id)
    assert [c.body for c in theirs] == [c.body for c in ours]
    assert _replies(theirs) == _replies(ours) and _replies(ours)
    after = team.counts()
    assert after["article"] == before["article"] + 1
    assert SearchEngine(team).search("palmira tnaks")  # the copy is searchable
    team.close()
    source.close()


_INDEX_TABLES = {
    "search_article": "SELECT id, words::text FROM search_article ORDER BY id",
    "search_claim": "SELECT id, words::text FROM search_claim ORDER BY id",
    "search_comment": "SELECT id, words::text FROM search_comment ORDER BY id",
    "search_vocab": "SELECT word, freq FROM search_vocab ORDER BY word",
    "search_vocab_key": "SELECT key, word FROM search_vocab_key ORDER BY key, word",
}


def _index_as_written_and_rebuilt(postgres_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The search tables as the writes left them, and as indexing every record anew gives."""
    import psycopg

    from store.search.postgres_index import rebuild

    def read() -> dict[str, Any]:
        with psycopg.connect(postgres_url.replace("+psycopg", "")) as pg:
            return {
                name: pg.execute(sql.encode()).fetchall() for name, sql in _INDEX_TABLES.items()
            }

    written = read()
    team = Store.open(postgres_url)
    with team._write() as conn:
        rebuild(conn)
    team.close()
    return written, read()


@pytest.mark.parametrize("ahead", ["thread", "process"])
def test_a_copy_indexes_every_record_as_the_store_would_chunk_by_chunk(
    tmp_path: Path,
    postgres_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: Any,
    ahead: str,
) -> None:
    """The copy makes each chunk's search vectors ahead (in a thread, or for a large source
    in a worker process, with the keys of the words no chunk before had), by the source's
    ids, before the destination renumbers them: chunks of 2 articles into a store that
    already holds one of them and another (so ids move, one chunk is partly there, and some
    words expected new are not) must leave the same index, vectors, vocabulary counts and
    typo keys, as indexing the destination's records from scratch."""
    from store import copying
    from tests.fixtures_store import palmyra_draft

    mine = str(tmp_path / "mine.sqlite3")
    assert _run(capsys, "--db", mine, "import", "-q", str(SAMPLE_DIR))[0] == 0
    Store.open(postgres_url).add_document(palmyra_draft())
    feed = str(SAMPLE_DIR / "002_harbour_ledger_feed.xml")
    assert _run(capsys, "--db", postgres_url, "import", "-q", feed)[0] == 0
    monkeypatch.setattr(copying, "CHUNK", 2)
    monkeypatch.setattr(copying, "WORKER_ARTICLES", 1 if ahead == "process" else 1_000)
    code, out, _ = _run(capsys, "copy", "--from", mine, "--to", postgres_url)
    assert code == 0 and "were there" in out, out
    written, rebuilt = _index_as_written_and_rebuilt(postgres_url)
    assert len(written["search_article"]) == 6 and written["search_vocab_key"]
    for name in _INDEX_TABLES:
        assert written[name] == rebuilt[name], name


def _search_indexes(postgres_url: str) -> set[str]:
    import psycopg

    from store.search.postgres_index import DEFERRED_INDEXES

    names = [name for name, _, _ in DEFERRED_INDEXES]
    with psycopg.connect(postgres_url.replace("+psycopg", "")) as pg:
        rows = pg.execute(b"SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", (names,))
        return {row[0] for row in rows}


def test_a_copy_into_an_empty_store_builds_its_search_indexes_after_the_rows(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    """Into an empty store the search indexes are built once every row is in: the index is
    what indexing the records anew gives, every index is there, and searches find what
    SQLite finds. A copy cut short (the database gone mid-way) builds them before it
    stops, and one killed before it could (indexes missing) has them built by the next."""
    from store import copying
    from store.search.postgres_index import DEFERRED_INDEXES

    mine = str(tmp_path / "mine.sqlite3")
    assert _run(capsys, "--db", mine, "import", "-q", str(SAMPLE_DIR))[0] == 0
    monkeypatch.setattr(copying, "CHUNK", 2)
    monkeypatch.setattr(copying, "WORKER_ARTICLES", 1)
    real_write = copying._write
    chunks: list[Any] = []

    def cut_short(dest: Store, chunk: Any, outcome: Any, later: Any) -> int:
        if len(chunks) == 2:
            raise StoreError("cannot write the store: the server went away")
        chunks.append(chunk)
        return real_write(dest, chunk, outcome, later)

    monkeypatch.setattr(copying, "_write", cut_short)
    code, _, err = _run(capsys, "copy", "--from", mine, "--to", postgres_url)
    assert code != 0 and "server went away" in err
    assert _search_indexes(postgres_url) == {name for name, _, _ in DEFERRED_INDEXES}
    monkeypatch.setattr(copying, "_write", real_write)
    team = Store.open(postgres_url)
    with team._write() as conn:  # as a copy killed before building them leaves the store
        for _, drop, _ in DEFERRED_INDEXES:
            conn.exec_driver_sql(drop)
    team.close()
    assert _run(capsys, "copy", "--from", mine, "--to", postgres_url)[0] == 0
    assert _search_indexes(postgres_url) == {name for name, _, _ in DEFERRED_INDEXES}
    written, rebuilt = _index_as_written_and_rebuilt(postgres_url)
    assert len(written["search_article"]) == 5 and written["search_vocab_key"]
    for name in _INDEX_TABLES:
        assert written[name] == rebuilt[name], name
    engines = [SearchEngine(Store.open(db)) for db in (mine, postgres_url)]
    for query in QUERIES:
        left, right = (
            [(h.kind, h.id, round(h.score, 6)) for h in e.search(query, limit=10)] for e in engines
        )
        assert left == right, query
    for engine in engines:
        engine.close()


def test_a_store_opened_after_a_killed_copy_builds_the_search_indexes_it_left_missing(
    postgres_url: str, postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy into an empty store drops the search indexes and builds them at its end; one
    killed before that leaves them missing. Opening the store builds them, unless a copy is
    running (it holds the copy lock; its indexes are missing on purpose)."""
    from store.search.postgres_index import DEFERRED_INDEXES, copy_running

    everything = {name for name, _, _ in DEFERRED_INDEXES}
    assert _run(capsys, "--db", postgres_url, "import", "-q", str(SAMPLE_DIR))[0] == 0
    team = Store.open(postgres_url)
    with team._write() as conn:  # as a copy killed before building them leaves the store
        for _, drop, _ in DEFERRED_INDEXES:
            conn.exec_driver_sql(drop)
    assert _search_indexes(postgres_url) == set()
    with copy_running(team._get_engine()):
        opened = Store.open(postgres_url)
        assert not opened.is_empty()
        opened.close()
        assert _search_indexes(postgres_url) == set()
    team.close()
    # A role that may read and write but does not own the tables cannot build them: its
    # store opens all the same (searches are right without the indexes).
    import psycopg
    import sqlalchemy as sa

    database = str(sa.make_url(postgres_url).database)
    reader = f"reader_{database}"
    postgres_server.execute(f"CREATE ROLE {reader} LOGIN")
    postgres_server.execute(f'GRANT ALL ON DATABASE "{database}" TO {reader}')
    with psycopg.connect(postgres_url.replace("+psycopg", "")) as pg:  # not opening the store
        pg.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {reader}".encode())
        pg.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {reader}".encode())
    as_reader = postgres_server.url(database, user=reader)
    assert _run(capsys, "--db", as_reader, "stats")[0] == 0
    assert _search_indexes(postgres_url) == set()
    assert _run(capsys, "--db", postgres_url, "stats")[0] == 0
    assert _search_indexes(postgres_url) == everything
    code, out, _ = _run(capsys, "--db", postgres_url, "search", "--json", "palmira tnaks")
    assert code == 0 and json.loads(out)


@pytest.mark.parametrize("flush_writes", [1, 3])
def test_a_copys_later_counts_leave_the_vocabulary_a_rebuild_gives(
    tmp_path: Path,
    postgres_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: Any,
    flush_writes: int,
) -> None:
    """A copy adds the counts of words already stored every few chunks, not at each one: a
    chunk that fails inside its transaction (after its words were counted) must not leave
    its counts or words behind, and after the copy is run again the vocabulary's counts are
    a rebuild's (with the counts added after every chunk, or every third)."""
    from store import copying
    from store.search import postgres_index

    mine = str(tmp_path / "mine.sqlite3")
    assert _run(capsys, "--db", mine, "import", "-q", str(SAMPLE_DIR))[0] == 0
    monkeypatch.setattr(copying, "CHUNK", 1)
    monkeypatch.setattr(copying, "WORKER_ARTICLES", 1)
    monkeypatch.setattr(postgres_index, "FLUSH_WRITES", flush_writes)
    real_write_vectors = postgres_index._write_vectors
    writes: list[int] = []

    def fail_third(cursor: Any, vectors: Any) -> None:
        writes.append(1)
        if len(writes) == 3:  # after this chunk's words went in, in the same transaction
            raise StoreError("cannot write the store: the server went away")
        real_write_vectors(cursor, vectors)

    monkeypatch.setattr(postgres_index, "_write_vectors", fail_third)
    code, _, err = _run(capsys, "copy", "--from", mine, "--to", postgres_url)
    assert code != 0 and "server went away" in err
    written, rebuilt = _index_as_written_and_rebuilt(postgres_url)
    assert len(written["search_article"]) == 2
    assert written["search_vocab"] == rebuilt["search_vocab"]
    monkeypatch.setattr(postgres_index, "_write_vectors", real_write_vectors)
    assert _run(capsys, "copy", "--from", mine, "--to", postgres_url)[0] == 0
    written, rebuilt = _index_as_written_and_rebuilt(postgres_url)
    assert len(written["search_article"]) == 5
    for name in _INDEX_TABLES:
        assert written[name] == rebuilt[name], name


def test_a_large_import_batch_indexes_its_records_as_a_small_one(
    postgres_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    """A batch of at least ``OVERLAP_RECORDS`` makes its vectors in a thread while its words
    are filed: forced for the sample data, the index must be what indexing anew gives."""
    from store.search import postgres_index

    monkeypatch.setattr(postgres_index, "OVERLAP_RECORDS", 1)
    assert _run(capsys, "--db", postgres_url, "import", "-q", str(SAMPLE_DIR))[0] == 0
    written, rebuilt = _index_as_written_and_rebuilt(postgres_url)
    assert len(written["search_article"]) == 5 and written["search_comment"]
    for name in _INDEX_TABLES:
        assert written[name] == rebuilt[name], name


def _replies(comments: list[Any]) -> list[tuple[str, str]]:
    """(the replied-to comment's body, the reply's body) for each reply."""
    bodies = {c.id: c.body for c in comments}
    return [(bodies[c.parent_id], c.body) for c in comments if c.parent_id is not None]


# -- several writers ---------------------------------------------------------------------------


def _documents(folder: Path, importer: int, count: int) -> None:
    folder.mkdir(parents=True)
    for number in range(count):
        records = [
            {
                "kind": "article",
                "id": 1,
                "url": f"https://desk.example/{importer}/{number}",
                "title": f"Importer {importer} report {number} on the harbour",
                "body": f"Officials say {number + 10} ships left port {importer} on Monday. "
                "The ministry claims exports rose.",
            }
        ]
        (folder / f"{number:03}.json").write_text(json.dumps(records))


def test_four_importers_and_an_analyst_at_once_lose_nothing(
    tmp_path: Path, postgres_url: str
) -> None:
    """Four `claimdesk import` processes and an app's work (searching, judging) at once:
    every import finishes and reports every document, every document is stored once, every
    judgement is kept, and a record another importer wrote is found without a restart."""
    per_importer = 12
    folders = []
    for importer in range(4):
        folder = tmp_path / f"in{importer}"
        _documents(folder, importer, per_importer)
        folders.append(folder)
    app = Store.open(postgres_url)
    app.add_documents([])  # the schema exists before anyone races to make it
    from tests.search_sample import sample_draft

    app.add_document(sample_draft())
    engine = SearchEngine(app)
    claims = [c.id for c in app.list_claims()]
    command = [sys.executable, "-m", "tui", "--db", postgres_url, "import"]
    processes = [
        subprocess.Popen(
            [*command, str(folder)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in folders
    ]
    judged: dict[int, tuple[ClaimStatus, str]] = {}
    errors: list[BaseException] = []
    searches = 0
    stop = threading.Event()

    def analyst() -> None:
        nonlocal searches
        statuses = [ClaimStatus.DISPUTED, ClaimStatus.CORROBORATED, ClaimStatus.FALSE]
        turn = 0
        try:
            while not stop.is_set():
                claim_id = claims[turn % len(claims)]
                app.set_claim_status(claim_id, statuses[turn % 3], f"judged {turn}")
                judged[claim_id] = (statuses[turn % 3], f"judged {turn}")
                engine.search("harbour ships")
                searches += 1
                turn += 1
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=analyst)
    worker.start()
    try:
        results = [p.communicate(timeout=240) for p in processes]
    finally:
        stop.set()
        worker.join(timeout=60)
    assert not worker.is_alive(), "the analyst's work never finished (a deadlock?)"
    assert not errors, errors
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert f"{per_importer} added, 0 already in the store, 0 failed" in out
    assert app.counts()["article"] == 1 + 4 * per_importer
    assert judged and searches
    for claim_id, (status, note) in judged.items():
        kept = app.get_claim(claim_id)
        assert kept is not None and (kept.status, kept.note) == (status, note)
    last = f"Importer 3 report {per_importer - 1} "
    hits = engine.search(last, limit=5)
    assert any(h.kind == "article" and h.text.startswith(last) for h in hits)
    engine.close()
    app.close()


def test_a_claim_judged_by_two_people_at_once_keeps_both_and_shows_the_last(
    postgres_url: str,
) -> None:
    """Both judgements succeed, both are in the claim's history under the database user who
    made them, and the claim shows the one committed last."""
    from tests.search_sample import sample_draft

    first = Store.open(postgres_url)
    first.add_document(sample_draft())
    second = Store(first.url)
    claim = first.list_claims()[0]
    barrier = threading.Barrier(2)
    done: list[tuple[str, str]] = []

    def judge(store: Store, status: ClaimStatus, note: str) -> None:
        barrier.wait()
        store.set_claim_status(claim.id, status, note)
        done.append((status.value, note))

    threads = [
        threading.Thread(target=judge, args=(first, ClaimStatus.CORROBORATED, "Ana: confirmed")),
        threading.Thread(target=judge, args=(second, ClaimStatus.FALSE, "Ben: denied")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(done) == 2
    # The history is in commit order (the second writer waits for the first's row lock);
    # the order the threads appended in is not (one can be scheduled after the other).
    notes = [(h.new, h.who) for h in first.history("claim", claim.id) if h.field == "note"]
    assert sorted(notes) == sorted((note, "claimdesk") for _, note in done)  # the suite's user
    last = next(judged for judged in done if judged[1] == notes[-1][0])
    shown = Store(first.url).get_claim(claim.id)
    assert shown is not None and (shown.status.value, shown.note) == last
    first.close()
    second.close()


def test_copy_brings_the_history_deleted_claims_and_followed_feeds(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Into a store with other articles (new ids): each edit still names its claim, a deleted
    claim can be restored there, and the feeds are followed once however often one copies."""
    from store.fetch.subscriptions import add_subscription, list_subscriptions

    mine = str(tmp_path / "mine.sqlite3")
    _run(capsys, "--db", mine, "import", "-q", str(SAMPLE_DIR))
    _run(
        capsys,
        "--db",
        postgres_url,
        "import",
        "-q",
        str(SAMPLE_DIR / "002_harbour_ledger_feed.xml"),
    )
    source = Store.open(mine)
    edited, dropped = source.list_claims()[0], source.list_claims()[1]
    source.set_claim_status(edited.id, ClaimStatus.DISPUTED, "denied by the ministry")
    source.delete_claim(dropped.id)
    add_subscription(source, "https://news.example/feed.xml", tags=["desk"])
    history = [(h.field, h.new, h.who) for h in source.history("claim", edited.id)]
    assert history
    source.close()
    for _ in range(2):
        code, out, _ = _run(capsys, "copy", "--from", mine, "--to", postgres_url)
        assert code == 0
    assert "0 followed feeds added" in out  # the second copy: followed already
    team = Store.open(postgres_url)
    copied = next(c for c in team.list_claims() if c.text == edited.text)
    assert [(h.field, h.new, h.who) for h in team.history("claim", copied.id)] == history
    assert [s.url for s in list_subscriptions(team)] == ["https://news.example/feed.xml"]
    assert not any(c.text == dropped.text for c in team.list_claims())
    deleted = team.deleted_claims()
    assert [d.text for d in deleted] == [dropped.text]
    team.restore_claim(deleted[0].id)
    assert any(c.text == dropped.text for c in team.list_claims())
    team.close()


def _planner_view(url: str) -> dict[str, tuple[Any, float, int]]:
    """Each table's last manual ANALYZE (autovacuum's are apart), the row count the planner
    knows (``pg_class.reltuples``; -1: never analysed) and the real one."""
    import psycopg

    from store.search.postgres_source import connection_string

    with psycopg.connect(connection_string(url)) as pg:
        rows = pg.execute(
            "SELECT s.relname, s.last_analyze, c.reltuples FROM pg_stat_user_tables s"
            " JOIN pg_class c ON c.oid = s.relid"
        ).fetchall()
        view = {}
        for name, last, known in rows:
            count = pg.execute(f"SELECT count(*) FROM {name}".encode()).fetchone()  # noqa: S608
            assert count is not None
            view[name] = (last, known, int(count[0]))
        return view


def _pending_pages(url: str) -> dict[str, int]:
    """The pages each search index still had in its GIN pending list (merging them now)."""
    import psycopg

    from store.db import SEARCH_GIN_INDEXES
    from store.search.postgres_source import connection_string

    with psycopg.connect(connection_string(url), autocommit=True) as pg:
        pages = {}
        for index in SEARCH_GIN_INDEXES:
            row = pg.execute("SELECT gin_clean_pending_list(%s::regclass)", (index,)).fetchone()
            assert row is not None
            pages[index] = int(row[0])
        return pages


def test_copy_and_a_large_import_leave_the_planner_real_statistics(
    tmp_path: Path,
    postgres_url: str,
    postgres_server: PostgresServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bulk load outruns autovacuum: without an ANALYZE at its end, the first searches are
    planned on a table size of "never analysed" (or of what autovacuum saw mid-load). After
    ``claimdesk copy`` and after an import that adds a lot, every table written has been
    analysed and the planner knows its real size, and the search indexes' pending lists are
    merged; a small import into a big store is left to autovacuum."""
    import store.db
    from store.db import BULK_TABLES, analyze_after_bulk_write

    mine = str(tmp_path / "mine.sqlite3")
    _run(capsys, "--db", mine, "import", "-q", str(SAMPLE_DIR))
    assert _run(capsys, "copy", "--from", mine, "--to", postgres_url)[0] == 0
    copied = _planner_view(postgres_url)
    for table in BULK_TABLES:
        last, known, real = copied[table]
        assert last is not None, table
        assert known == real, table
    assert copied["search_vocab_key"][2] > 1000  # the typo keys: the biggest table
    # GIN's pending lists merged: a search does not scan them entry by entry (which made the
    # planner read every row of a 100k-record copy instead of using the index).
    assert _pending_pages(postgres_url) == dict.fromkeys(store.db.SEARCH_GIN_INDEXES, 0)

    target = postgres_server.create_database("statistics_import")
    try:
        assert _run(capsys, "--db", target, "import", "-q", str(SAMPLE_DIR))[0] == 0
        imported = _planner_view(target)
        for table in ("article", "comment", "search_comment", "search_vocab_key"):
            assert imported[table][0] is not None, table
            assert imported[table][1] == imported[table][2], table
        assert imported["article"][2] == 5
        team = Store.open(target)
        engine = team._get_engine()
        assert not analyze_after_bulk_write(engine, 0)
        monkeypatch.setattr(store.db, "BULK_SHARE", 0.5)  # 1 article next to 5: a small write
        assert not analyze_after_bulk_write(engine, 1)
        assert _planner_view(target)["article"][0] == imported["article"][0]
        assert analyze_after_bulk_write(engine, 3)
        assert _planner_view(target)["article"][0] > imported["article"][0]
        team.close()
    finally:
        postgres_server.drop_database("statistics_import")
