"""``claimdesk refresh`` with nothing new: the stdlib path must say and store what the full one
does, never import SQLAlchemy, and step aside for anything new or any store it does not know."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest

from store.fetch import subscription_table as names
from store.fetch.subscriptions import SUBSCRIPTION
from store.models import SCHEMA_VERSION
from store.schema import CURRENT_VERSION
from tests.fetch_helpers import rss
from tests.local_server import LocalServer, Route, serving
from tui.cli import main
from tui.commands.feeds import refresh_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as running:
        yield running


def _feed(server: LocalServer, path: str, entries: int, etag: str) -> str:
    items = [
        (f"{path} story {n}", server.url(f"{path}/{n}"), f"<p>Story {n} of {path}.</p>")
        for n in range(entries)
    ]
    return server.add(path, Route(rss(f"Feed {path}", items), "application/rss+xml", etag=etag))


def _subscribed(server: LocalServer, db: str) -> list[str]:
    """Two feeds with ETags and one that fails, subscribed and refreshed once."""
    urls = [_feed(server, "/one", 2, '"1"'), _feed(server, "/two", 1, '"2"'), server.url("/bad")]
    assert main(["--db", db, "feeds", "add", *urls]) == 0
    assert main(["--db", db, "refresh", "-q"]) == 1  # the first: new entries, and the 404
    return urls


def _refresh(db: str, quick: bool) -> tuple[int, list[str], list[str]]:
    out, err = StringIO(), StringIO()
    status = refresh_command(db, None, out=out, err=err, quick=quick)
    timeless = re.sub(r"\(\d+\.\d\d s\)", "(N s)", out.getvalue())
    return status, sorted(timeless.splitlines()), sorted(err.getvalue().splitlines())


def _refresh_in_a_process(db: str, *urls: str) -> subprocess.CompletedProcess[str]:
    """``claimdesk refresh URL...`` in a new process, which prints on stderr its exit status
    and whether it imported SQLAlchemy and sqlmodel."""
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"status = main(['--db', {db!r}, 'refresh', *{list(urls)!r}])\n"
        "print(status, 'sqlalchemy' in sys.modules, 'sqlmodel' in sys.modules, file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )


def _rows(db: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT * FROM subscription ORDER BY id").fetchall()


def _shape(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The rows with each time replaced by its format: the times differ, not the rest."""
    columns = [c.name for c in SUBSCRIPTION.columns]
    times = {columns.index(names.ADDED_AT), columns.index(names.LAST_FETCHED)}
    return [
        tuple(re.sub(r"\d", "9", str(v)) if n in times else v for n, v in enumerate(row))
        for row in rows
    ]


def test_the_names_and_the_schema_version_are_the_models(tmp_path: Path) -> None:
    # A new schema step must raise KNOWN_SCHEMA_VERSION on purpose (after checking the table).
    assert names.KNOWN_SCHEMA_VERSION == CURRENT_VERSION
    assert SCHEMA_VERSION.name == names.SCHEMA_VERSION_TABLE
    assert names.SCHEMA_VERSION_COLUMN in SCHEMA_VERSION.c
    db = str(tmp_path / "s.sqlite3")
    assert main(["--db", db, "feeds", "add", "http://127.0.0.1:9/feed"]) == 0  # every step
    with sqlite3.connect(db) as conn:
        created = [row[1] for row in conn.execute(f"PRAGMA table_info({names.TABLE})")]
    assert created == [c.name for c in SUBSCRIPTION.columns]


def test_both_ways_print_the_same_lines_and_leave_the_same_rows(
    server: LocalServer, tmp_path: Path
) -> None:
    quick_db, full_db = str(tmp_path / "quick.sqlite3"), str(tmp_path / "full.sqlite3")
    one, two, bad = _subscribed(server, quick_db)
    _subscribed(server, full_db)
    before = len(server.requests)

    quick = _refresh(quick_db, quick=True)
    full = _refresh(full_db, quick=False)

    assert quick == full
    assert quick[0] == 1  # one feed failed
    assert quick[1] == [
        "3 feeds: 0 new articles, 0 feeds with new entries, 2 with nothing new, 1 failed (N s)",
        f"ok       {one}: unchanged",
        f"ok       {two}: unchanged",
    ]
    assert quick[2] == [f"failed   {bad}: 404 Not Found"]
    assert _shape(_rows(quick_db)) == _shape(_rows(full_db))
    assert [row[6] for row in _rows(quick_db)] == [
        "unchanged",
        "unchanged",
        "failed: 404 Not Found",
    ]
    assert len(server.requests) - before == 6  # each feed asked once per refresh
    conditional = [
        s for s in server.requests[before:] if "if-none-match" in {h.lower() for h in s.headers}
    ]
    assert len(conditional) == 4


def test_the_unchanged_refresh_process_never_imports_sqlalchemy(
    server: LocalServer, tmp_path: Path
) -> None:
    db = str(tmp_path / "s.sqlite3")
    one, two, _ = _subscribed(server, db)
    done = _refresh_in_a_process(db, one, two)
    assert done.stderr.split() == ["0", "False", "False"]
    assert f"ok       {one}: unchanged" in done.stdout
    statuses = {row[1]: row[6] for row in _rows(db)}
    assert statuses[one] == statuses[two] == "unchanged"


def test_a_feed_with_a_new_entry_is_stored_the_full_way_and_the_others_once(
    server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.sqlite3")
    one, two, bad = _subscribed(server, db)
    capsys.readouterr()
    _feed(server, "/two", 2, '"2b"')  # a second story: a new ETag and a body
    before = len(server.requests)

    assert main(["--db", db, "refresh"]) == 1
    out = capsys.readouterr().out
    assert f"ok       {one}: unchanged" in out and f"new      {two}: new 1" in out
    assert "3 feeds: 1 new articles, 1 feeds with new entries, 1 with nothing new, 1 failed" in out
    seen = [s.path for s in server.requests[before:]]
    assert sorted(seen) == ["/bad", "/one", "/two", "/two"]  # only the news is asked again
    rows = {row[1]: row for row in _rows(db)}
    assert rows[two][6] == "new 1" and rows[two][8] == '"2b"'
    assert rows[one][6] == "unchanged" and rows[bad][6] == "failed: 404 Not Found"
    main(["--db", db, "list", "articles", "--json"])
    assert "/two story 1" in capsys.readouterr().out


def test_a_store_at_an_older_schema_version_is_upgraded_by_the_full_way(
    server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.sqlite3")
    one, _, _ = _subscribed(server, db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION - 1,))
    capsys.readouterr()
    done = _refresh_in_a_process(db, one)
    assert done.stderr.split() == ["0", "True", "True"]
    assert f"ok       {one}: unchanged" in done.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchone() == (CURRENT_VERSION,)
