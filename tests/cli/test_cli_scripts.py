"""`claimdesk` in a script: exit statuses 0/1/2, a --db in a missing folder, URLs given to
import, and what a re-import of a JSON export says. Each through the entry point's own
``main`` with its output a pipe (tests/cli/running.py); the exit statuses of grep's convention
also from a real process, as a shell script meets them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from store.store import Store
from tests.cli.running import claimdesk
from tests.conftest import ROOT, SAMPLE_DIR, SEED_PAGE
from tests.search_sample import other_draft, sample_draft

MISSING_FOLDER = "/nonexistent/claimdesk-test-dir"


@pytest.fixture
def filled_db(db_path: str) -> str:
    store = Store.open(db_path)
    store.add_documents([sample_draft(), other_draft()])
    store.close()
    return db_path


def _process(*argv: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point in a process of its own, for what only a shell sees."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv], cwd=ROOT, capture_output=True, text=True, check=False
    )


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_search_exits_like_grep(filled_db: str) -> None:
    found = _process("--db", filled_db, "search", "tanks")
    assert found.returncode == 0 and "tanks" in found.stdout
    nothing = _process("--db", filled_db, "search", "zzyzxqqq")
    assert nothing.returncode == 1, nothing.stderr
    assert nothing.stdout.splitlines() == ["kind\tid\tarticle_id\tscore\tfield\tsnippet\ttext"]
    assert claimdesk("--db", filled_db, "search", "zzyzxqqq", "--json").returncode == 1


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("qty:>abc", "qty:>abc"),
        ("status:bogus", "'bogus'"),
        ("kind:nothing", "'nothing'"),
        ("tanks qty:>", "qty:>"),
    ],
)
def test_a_malformed_query_is_a_usage_error(filled_db: str, query: str, named: str) -> None:
    done = claimdesk("--db", filled_db, "search", query)
    assert done.returncode == 2
    line = _one_line(done.stderr)
    assert line.startswith(f"claimdesk: search {query!r}:") and named in line.split(":", 2)[2]
    assert done.stdout == ""
    export = claimdesk("--db", filled_db, "export", query, "--format", "json", "-o", "-")
    assert export.returncode == 2 and named in _one_line(export.stderr)


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["list", "claims"],
        ["search", "tanks"],
        ["export", "--format", "json", "-o", "-"],
    ],
)
def test_a_store_in_a_missing_folder_is_an_error_for_reading(command: list[str]) -> None:
    done = claimdesk("--db", f"{MISSING_FOLDER}/x.sqlite3", *command)
    assert done.returncode == 1 and done.stdout == ""
    line = _one_line(done.stderr)
    assert line == (
        f"claimdesk: no store at {MISSING_FOLDER}/x.sqlite3: the folder "
        f"{MISSING_FOLDER} does not exist"
    )


def test_the_environment_variable_is_checked_the_same_way(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLAIMDESK_DB", str(tmp_path / "gone" / "x.sqlite3"))
    done = claimdesk("stats")
    assert done.returncode == 1 and "folder" in _one_line(done.stderr)


def test_import_creates_a_store_only_in_a_folder_that_exists(tmp_path: Path) -> None:
    missing = tmp_path / "not" / "made"
    done = claimdesk("--db", str(missing / "x.sqlite3"), "import", str(SEED_PAGE))
    assert done.returncode == 1
    assert _one_line(done.stderr) == (
        f"claimdesk: cannot create the store {missing}/x.sqlite3: "
        f"the folder {missing} does not exist"
    )
    assert not (tmp_path / "not").exists()
    made = claimdesk("--db", str(tmp_path / "x.sqlite3"), "import", str(SEED_PAGE))
    assert made.returncode == 0 and (tmp_path / "x.sqlite3").is_file()


def test_a_missing_file_in_a_real_folder_is_still_an_empty_store(tmp_path: Path) -> None:
    done = claimdesk("--db", str(tmp_path / "new.sqlite3"), "stats", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["articles"] == 0
    assert not (tmp_path / "new.sqlite3").exists()


def test_a_file_given_as_a_folder_is_named(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    done = claimdesk("--db", str(plain / "x.sqlite3"), "stats")
    assert done.returncode == 1 and f"the folder {plain} is not a folder" in done.stderr


def test_import_of_a_url_it_cannot_fetch_is_named_as_typed(db_path: str) -> None:
    url = "ftp://www.longwarjournal.org/archives/2016/12/jihadis-celebrate.php"
    done = claimdesk("--db", db_path, "import", url)
    assert done.returncode == 1
    line = _one_line(done.stderr)
    assert line.startswith(f"failed   {url}: ") and "https://" in line  # both slashes kept
    assert "no such file" not in line
    assert "1 failed" in done.stdout and not Path(db_path).exists()


def test_a_url_among_files_fails_alone(db_path: str) -> None:
    # Port 9 (discard) on this machine: nothing listens, the connection is refused at once.
    done = claimdesk("--db", db_path, "import", "http://127.0.0.1:9/a", str(SEED_PAGE))
    assert done.returncode == 1
    assert "1 added" in done.stdout and "1 failed" in done.stdout
    assert _one_line(done.stderr) == (
        "failed   http://127.0.0.1:9/a: cannot connect: Connection refused"
    )


def test_a_file_url_is_the_file(db_path: str) -> None:
    done = claimdesk("--db", db_path, "import", SEED_PAGE.as_uri())
    assert done.returncode == 0, done.stderr
    assert f"added    {SEED_PAGE.as_uri()}: Jihadis celebrate" in done.stdout


def test_a_missing_path_is_named_as_it_was_typed(db_path: str) -> None:
    done = claimdesk("--db", db_path, "import", "./no//such/file.txt")
    assert _one_line(done.stderr) == "failed   ./no//such/file.txt: no such file or folder"


def test_reimporting_a_json_export_names_the_file_read(db_path: str, tmp_path: Path) -> None:
    assert claimdesk("--db", db_path, "import", str(SAMPLE_DIR)).returncode == 0
    export = tmp_path / "everything.json"
    assert (
        claimdesk("--db", db_path, "export", "--format", "json", "-o", str(export)).returncode == 0
    )
    articles = len(json.loads(claimdesk("--db", db_path, "list", "articles", "--json").stdout))
    again = claimdesk("--db", db_path, "import", str(export))
    assert again.returncode == 0, again.stderr
    *documents, summary = again.stdout.splitlines()
    assert len(documents) == articles > 1
    assert all(line.startswith(f"already  {export}: ") for line in documents)
    assert "sample_data" not in again.stdout  # where the records first came from
    assert summary.startswith(f"1 file, {articles} documents: 0 added, {articles} already")


def test_counts_are_singular_and_plural(db_path: str, tmp_path: Path) -> None:
    one = claimdesk("--db", db_path, "import", str(SEED_PAGE))
    assert one.stdout.splitlines()[-1].startswith("1 file, 1 document: 1 added, ")
    (tmp_path / "empty").mkdir()
    none = claimdesk("--db", db_path, "import", str(tmp_path / "empty"))
    assert none.stdout.startswith("0 files, 0 documents: 0 added, 0 already")


def test_the_app_refuses_a_store_in_a_missing_folder_before_it_opens() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--db", f"{MISSING_FOLDER}/x.sqlite3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert _one_line(done.stderr).startswith(f"claimdesk: no store at {MISSING_FOLDER}/x.sqlite3")
