"""Faults found under attack (issue 20), at the store and importer: nothing lost, never half
written, one line per bad document or file."""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from store.importer import import_paths
from store.records import ClaimDraft, ClaimStatus, DocumentDraft, Quantity
from store.store import Store, StoreError
from tests.conftest import SAMPLE_DIR
from tests.faults_helpers import article_line, consistency_problems, write_lines
from tests.fixtures_store import fill_store

GOOD_PAGE = SAMPLE_DIR / "001_harbour_ledger_grain_exports.html"


def _draft(title: str, **claim: Any) -> DocumentDraft:
    body = f"{title}: officials said that 12 drones were launched at dawn."
    fields: dict[str, Any] = {"start": 0, "end": len(body), **claim}
    claims = [ClaimDraft(text=body, **fields)] if claim else []
    return DocumentDraft(title=title, body=body, source=f"{title}.txt", claims=claims)


def _titles(store: Store) -> set[str]:
    return {a.title for a in store.list_articles()}


# -- 1. every error while writing one document fails that document only ---------------------


def test_a_figure_beyond_64_bits_is_kept_in_words_without_failing_its_batch(store: Store) -> None:
    # Ordinary text can hold a figure no 64-bit column stores: its words and its value stay,
    # its INTEGER count is left empty, and the documents around it are written as usual.
    huge = Quantity(99999999999999999999, "99999999999999999999", "drones")
    outcomes = store.add_documents(
        [_draft("first"), _draft("huge", quantities=(huge,)), _draft("last")]
    )
    assert [o.created for o in outcomes] == [True, True, True]
    assert _titles(store) == {"first", "huge", "last"}
    assert consistency_problems(store.path) == []  # type: ignore[arg-type]


def test_a_claim_offset_beyond_64_bits_fails_its_document_only(store: Store) -> None:
    outcomes = store.add_documents([_draft("first"), _draft("far", start=2**70), _draft("last")])
    assert [o.created for o in outcomes] == [True, False, True]
    assert _titles(store) == {"first", "last"}


def test_any_error_of_python_while_inserting_fails_that_document_only(store: Store) -> None:
    # A lone surrogate cannot be encoded for SQLite: a UnicodeEncodeError, not a database
    # error, raised in the middle of the batch's insert.
    outcomes = store.add_documents([_draft("first"), _draft("bad \udcff title"), _draft("last")])
    assert [o.created for o in outcomes] == [True, False, True]
    assert outcomes[1].error is not None and "Unicode" in outcomes[1].error
    assert "UnicodeEncodeError" not in outcomes[1].error
    assert _titles(store) == {"first", "last"}
    assert consistency_problems(store.path) == []  # type: ignore[arg-type]


def test_the_whole_folder_is_kept_when_one_text_has_a_huge_number(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    for name, figure in (("a", "12"), ("b", "99999999999999999999"), ("c", "7")):
        (folder / f"{name}.txt").write_text(
            f"Report {name}\n\nOfficials said that {figure} drones were launched at dawn, "
            "according to the ministry.\n",
            encoding="utf-8",
        )
    store = Store.open(str(tmp_path / "s.sqlite3"))
    report = import_paths(store, [folder])
    assert report.added == 3 and report.failed == 0
    assert {"Report a", "Report b", "Report c"} <= _titles(store)


# -- 2. a file name that is not UTF-8 ------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_stored_losslessly(tmp_path: Path) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9 report.html"
    Path(os.fsdecode(raw)).write_bytes(GOOD_PAGE.read_bytes())
    (folder / "other.txt").write_text("Other\n\nA second document, said the clerk.\n")
    store = Store.open(str(tmp_path / "s.sqlite3"))
    report = import_paths(store, [folder])
    assert report.added == 2, [str(f) for f in report.failures]
    sources = {a.source for a in store.list_articles()}
    [uri] = [s for s in sources if s.startswith("file://")]
    assert urllib.parse.unquote_to_bytes(uri.removeprefix("file://")) == raw
    json.dumps(sorted(sources), ensure_ascii=False).encode("utf-8")  # every name encodes


# -- 4. a transaction the database ended is failed, everywhere -------------------------------


def _fill_up_after(store: Store, spare_pages: int) -> None:
    """Make the database full ``spare_pages`` pages from now: a real SQLITE_FULL."""
    engine = store._get_engine()
    pages = store.stats().size_bytes // 4096  # an upper bound of the main file's pages
    limit = max(pages, 1) + spare_pages

    @event.listens_for(engine, "connect")
    def _small(dbapi: sqlite3.Connection, _record: Any) -> None:
        dbapi.execute(f"PRAGMA max_page_count = {limit}")

    engine.dispose()  # so every connection from now on has the limit


def test_disk_full_during_a_streamed_file_stores_none_of_it(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "s.sqlite3"))
    fill_store(store)
    before = _titles(store)
    _fill_up_after(store, spare_pages=12)
    big = tmp_path / "all-or-nothing.jsonl"
    write_lines(
        big, [article_line(n, f"streamed {n}", body=f"{n} " + "word " * 2000) for n in range(1, 41)]
    )
    report = import_paths(store, [big])
    assert not report.ok
    assert report.stopped is not None and "full" in report.stopped
    assert report.added == 0 and report.not_done == 1
    assert _titles(store) == before  # not 5, not 16: none of the file
    assert consistency_problems(store.path) == []  # type: ignore[arg-type]


def test_disk_full_in_a_folder_keeps_what_was_committed_and_says_what_was_not(
    tmp_path: Path,
) -> None:
    store = Store.open(str(tmp_path / "s.sqlite3"))
    fill_store(store)
    _fill_up_after(store, spare_pages=30)
    folder = tmp_path / "pile"
    folder.mkdir()
    for n in range(1, 9):
        write_lines(
            folder / f"{n:02}.jsonl",
            [
                article_line(f"{n}-{k}", f"file {n} article {k}", body=f"{n} {k} " + "word " * 1500)
                for k in range(4)
            ],
        )
    report = import_paths(store, [folder])
    assert report.stopped is not None and "full" in report.stopped
    stored = _titles(store)
    for n in range(1, 9):
        mine = {t for t in stored if t.startswith(f"file {n} ")}
        assert len(mine) in (0, 4)  # each file whole or not at all
    whole = sum(1 for n in range(1, 9) if f"file {n} article 0" in stored)
    assert 0 < whole < 8 and report.added == whole * 4
    assert report.files + report.not_done == 8 and report.not_done == 8 - whole
    assert consistency_problems(store.path) == []  # type: ignore[arg-type]


# -- 5. the store file replaced or deleted under a running app -------------------------------


def _a_claim(store: Store) -> int:
    fill_store(store)
    return store.list_claims()[0].id


def test_judging_after_the_store_file_was_deleted_is_refused_with_why(store: Store) -> None:
    claim = _a_claim(store)
    path = store.path
    assert path is not None
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)
    with pytest.raises(StoreError, match="deleted"):
        store.set_claim_status(claim, ClaimStatus.FALSE)


def test_judging_after_the_store_file_was_replaced_is_refused_with_why(
    store: Store, tmp_path: Path
) -> None:
    claim = _a_claim(store)
    other = Store.open(str(tmp_path / "other.sqlite3"))
    fill_store(other)
    other.close()
    assert store.path is not None
    (tmp_path / "other.sqlite3").replace(store.path)
    with pytest.raises(StoreError, match="replaced"):
        store.set_claim_status(claim, ClaimStatus.FALSE)
    judged = Store.open(str(store.path))
    assert all(c.status is not ClaimStatus.FALSE for c in judged.list_claims())


# -- 6. a SQLite file that is not a claimdesk store ------------------------------------------


def test_another_programs_database_is_refused_not_converted(tmp_path: Path) -> None:
    path = tmp_path / "theirs.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    store = Store.open(str(path))
    with pytest.raises(StoreError, match="not a claimdesk store") as refused:
        store.add_documents([_draft("first")])
    assert "\n" not in str(refused.value) and "invoices" in str(refused.value)
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"invoices"}


def test_an_empty_database_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).close()
    store = Store.open(str(path))
    store.add_documents([_draft("first")])
    assert _titles(store) == {"first"}
