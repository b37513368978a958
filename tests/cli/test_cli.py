"""The command line as a user meets it: import, list, stats, paths, exit codes, error lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SAMPLE_DIR, SEED_PAGE
from tui.cli import main

pytestmark = pytest.mark.both_databases


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _list(capsys: pytest.CaptureFixture[str], db: str, kind: str) -> list[dict[str, Any]]:
    code, out, _ = _run(capsys, "--db", db, "list", kind, "--json")
    assert code == 0
    data: list[dict[str, Any]] = json.loads(out)
    return data


def test_import_the_seed_page_then_list_it_as_json(
    capsys: pytest.CaptureFixture[str], db_path: str
) -> None:
    code, out, err = _run(capsys, "--db", db_path, "import", str(SEED_PAGE))
    assert code == 0, err
    assert "added" in out and "Jihadis celebrate capture" in out
    assert "1 file, 1 document: 1 added, 0 already in the store, 0 failed" in out

    [article] = _list(capsys, db_path, "articles")
    assert article["kind"] == "article" and article["title"].startswith("Jihadis celebrate")
    assert article["author"] == "Thomas Joscelyn"
    assert article["published"].startswith("2016-12-13")
    assert "donation" not in article["body"] and "says:" not in article["body"]
    assert article["comment_count"] == 4

    comments = _list(capsys, db_path, "comments")
    assert [c["author"] for c in comments] == ["Paddy Singh", "Timothy", "Moose", "Evan"]
    assert all(c["article_id"] == article["id"] and "parent_id" in c for c in comments)

    claims = _list(capsys, db_path, "claims")
    seized = next(c for c in claims if "44 tanks" in c["text"])
    assert seized["claimant"] == "Amaq" and seized["status"] == "unverifiable"
    assert {"count": 44, "item": "tanks", "text": "44"} in seized["quantities"]
    assert article["body"][seized["start"] : seized["end"]] == seized["text"]


def test_importing_again_changes_nothing(capsys: pytest.CaptureFixture[str], db_path: str) -> None:
    assert _run(capsys, "--db", db_path, "import", str(SAMPLE_DIR))[0] == 0
    before = {
        kind: len(_list(capsys, db_path, kind)) for kind in ("articles", "claims", "comments")
    }
    code, out, _ = _run(capsys, "--db", db_path, "import", str(SAMPLE_DIR))
    assert code == 0 and "0 added" in out and "already" in out
    after = {kind: len(_list(capsys, db_path, kind)) for kind in before}
    assert after == before and before["articles"] >= 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("noise.txt", bytes(range(256)) * 8, "binary"),
        ("notes.txt", b"just one line of prose with no page around it", "no body"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "binary"),
    ],
)
def test_a_bad_file_gets_one_line_and_the_others_still_go_in(
    capsys: pytest.CaptureFixture[str],
    db_path: str,
    tmp_path: Path,
    name: str,
    content: bytes,
    reason: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out, err = _run(capsys, "--db", db_path, "import", str(bad), str(SEED_PAGE))
    assert code == 1
    [line] = [line for line in err.splitlines() if line.startswith("failed")]
    assert name in line and reason in line
    assert "Traceback" not in err
    assert "1 added" in out and "1 failed" in out
    assert len(_list(capsys, db_path, "articles")) == 1


def test_a_missing_path_is_named(capsys: pytest.CaptureFixture[str], db_path: str) -> None:
    code, _, err = _run(capsys, "--db", db_path, "import", "/no/such/file.txt")
    assert code == 1 and "/no/such/file.txt: no such file or folder" in err


def test_list_table_and_limit(capsys: pytest.CaptureFixture[str], db_path: str) -> None:
    _run(capsys, "--db", db_path, "import", str(SEED_PAGE))
    code, out, _ = _run(
        capsys, "--db", db_path, "list", "comments", "--limit", "2", "--format", "table"
    )
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["ID", "ARTICLE", "AUTHOR"]
    assert len(lines) == 3 and "Paddy Singh" in lines[1]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["list", "tweets"], ["list", "claims", "--limit", "zero"], ["frobnicate"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_stats_counts_and_size(capsys: pytest.CaptureFixture[str], db_path: str) -> None:
    _run(capsys, "--db", db_path, "import", str(SEED_PAGE))
    code, out, _ = _run(capsys, "--db", db_path, "stats", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["articles"] == 1 and stats["comments"] == 4
    assert stats["claims"] >= 3 and stats["size_bytes"] > 0


def test_paths_names_every_location_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = _run(capsys, "paths")
    names = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and names == ["store", "data", "config", "keys", "exports", "samples"]
    assert str(tmp_path / "home") in out  # the platformdirs locations, redirected by XDG_*
    assert not (tmp_path / "home").exists()


def test_db_from_environment(
    capsys: pytest.CaptureFixture[str], db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMDESK_DB", db_path)
    _run(capsys, "import", str(SEED_PAGE))
    stats = json.loads(_run(capsys, "stats", "--json")[1])
    assert stats["articles"] == 1
    if "://" in db_path:  # PostgreSQL
        assert stats["store"] == db_path
    else:
        assert Path(db_path).exists()
        assert stats["store"].endswith("cli.sqlite3")


def test_a_store_that_is_not_a_database_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database\n" * 100)
    code, _, err = _run(capsys, "--db", str(bogus), "stats")
    assert code == 1 and err.count("\n") == 1 and "bogus.sqlite3" in err


def test_the_installed_command_runs(db_path: str) -> None:
    """The `claimdesk` entry point, as a separate process, imports the sample folder."""
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--db", db_path, "import", str(SAMPLE_DIR)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "failed" not in done.stderr


def test_special_files_and_other_encodings(
    capsys: pytest.CaptureFixture[str], db_path: str, tmp_path: Path
) -> None:
    """A FIFO never hangs the import; a Windows-1252 page is decoded and the user is told."""
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    page = SEED_PAGE.read_text(encoding="utf-8").replace("\u2019", "'").replace("\u201c", '"')
    page = page.replace("\u201d", '"').replace("\u2026", "...").replace("\u2022", "*")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(page.replace("Paddy Singh", "José Müller").encode("cp1252"))
    code, _, err = _run(capsys, "--db", db_path, "import", str(tmp_path / "pipe.txt"), str(latin))
    assert code == 1 and "pipe.txt: not a regular file" in err
    assert "latin.txt: not UTF-8: decoded as Windows-1252" in err
    comments = _list(capsys, db_path, "comments")
    assert comments[0]["author"] == "José Müller"
