"""Bad input: one line naming the file, the other files still imported, exit status 1, and the
store untouched by the file that failed. Every bad file is written by the test."""

from __future__ import annotations

import os
import random
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store.importer import import_paths
from store.ingest.reading import MAX_BYTES
from store.store import Store
from tests.conftest import SAMPLE_DIR, SEED_PAGE
from tui.cli import main

GOOD_PAGE = SAMPLE_DIR / "001_harbour_ledger_grain_exports.html"


def _random_bytes(size: int = 4096) -> bytes:
    return random.Random(7).randbytes(size)  # noqa: S311 - reproducible junk, not secrets


def _truncated_html() -> bytes:
    return GOOD_PAGE.read_bytes()[: GOOD_PAGE.stat().st_size // 2]


def _broken_feed() -> bytes:
    return (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        b"<title>Fish & chips prices up 20%</title><link>https://x.example/f</link>"
        b"<description>Sellers said prices rose.</description></item></channel>"
    )


BAD_FILES: dict[str, Callable[[], bytes]] = {
    "empty.txt": lambda: b"",
    "blank.html": lambda: b"  \n\t\n",
    "random.txt": _random_bytes,
    "random.html": _random_bytes,
    "truncated.html": _truncated_html,
    "broken-feed.xml": _broken_feed,
    "invalid.json": lambda: b'[{"kind": "article", "id": 1, "title": "x", "body": "y"},',
    "invalid.jsonl": lambda: b'{"kind": "article", "id": 1, "title": "x", "body": "y"}\n{oops\n',
}


def _write_big_text(path: Path, size: int = 60_000_000) -> None:
    line = b"The ministry said exports rose 18 percent, to 2.6 million tonnes.\n"
    with path.open("wb") as file:
        for _ in range(size // len(line) + 1):
            file.write(line)


def _state(store: Store) -> tuple[object, ...]:
    return (store.counts(), [(a.id, a.title) for a in store.list_articles()])


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_one_line_and_exit_1_and_the_store_is_unchanged(
    name: str, tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_path, "import", "-q", str(GOOD_PAGE)]) == 0
    store = Store.open(db_path)
    before = _state(store)
    bad = tmp_path / name
    bad.write_bytes(BAD_FILES[name]())
    capsys.readouterr()
    assert main(["--db", db_path, "import", str(bad)]) == 1
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert line.startswith("failed") and str(bad) in line
    assert "Traceback" not in captured.out + captured.err
    assert "1 failed" in captured.out
    assert _state(store) == before
    store.close()


def test_bad_files_in_a_folder_do_not_stop_the_others(
    tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pile"
    (folder / "nested" / "deeper").mkdir(parents=True)
    for name, content in BAD_FILES.items():
        (folder / "nested" / name).write_bytes(content())
    shutil.copy(GOOD_PAGE, folder / "a-page.html")
    shutil.copy(SEED_PAGE, folder / "nested" / "deeper" / "seed.txt")
    _write_big_text(folder / "huge.txt")
    assert main(["--db", db_path, "import", "-q", str(folder)]) == 1
    captured = capsys.readouterr()
    failed = [line for line in captured.err.splitlines() if line.startswith("failed")]
    named = sorted(Path(line.split(": ")[0].split(maxsplit=1)[1]).name for line in failed)
    assert named == sorted([*BAD_FILES, "huge.txt"])
    assert "too large" in next(line for line in failed if "huge.txt" in line)
    assert "2 added" in captured.out and f"{len(BAD_FILES) + 1} failed" in captured.out
    titles = {a.title for a in Store.open(db_path).list_articles()}
    assert len(titles) == 2


def test_a_60_mb_text_file_is_refused_quickly_in_bounded_memory(
    store: Store, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.txt"
    _write_big_text(huge)
    assert huge.stat().st_size > MAX_BYTES
    tracemalloc.start()
    report = import_paths(store, [huge])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    [failure] = report.failures
    assert "too large" in failure.reason
    assert "57.2 MiB" in failure.reason and "32 MiB" in failure.reason
    # Bounded memory is what shows it never read the 60 MB (quickly follows from it; a wall
    # clock bound would only add a failure under load).
    assert peak < 5_000_000
    assert store.is_empty()


def test_windows_1252_is_decoded_with_a_warning_never_mojibake(
    tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Caf\u00e9 owners say prices rose 20%, \u201cnot sustainable\u201d\n\n"
        "The association said 30 caf\u00e9s closed in 2023, na\u00efve as that "
        "may sound \u2026\n"
    )
    page = tmp_path / "legacy.html"
    page.write_bytes(
        f"<!DOCTYPE html><html><head><title>{text.splitlines()[0]}</title></head>"
        f"<body><article><p>{text.splitlines()[2]}</p><p>{text.splitlines()[2]}"
        f" Again, the owners said so.</p></article></body></html>".encode("cp1252")
    )
    assert main(["--db", db_path, "import", str(page)]) == 0
    captured = capsys.readouterr()
    [warning] = captured.err.splitlines()
    assert warning.startswith("warning") and str(page) in warning and "Windows-1252" in warning
    [article] = Store.open(db_path).list_articles()
    assert article.title == text.splitlines()[0]
    assert "30 caf\u00e9s" in article.body and "\u00c3" not in article.body


def test_an_unreadable_folder_is_named_and_the_rest_imported(
    tmp_path: Path,
    db_path: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tests run as root, where chmod 000 does not stop reading; os.walk's directory listing
    is made to fail the way it does for a folder without read permission."""
    locked = tmp_path / "pile" / "locked"
    locked.mkdir(parents=True)
    shutil.copy(GOOD_PAGE, tmp_path / "pile" / "page.html")
    (locked / "hidden.html").write_text("<html></html>")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["--db", db_path, "import", "-q", str(tmp_path / "pile")]) == 1
    captured = capsys.readouterr()
    [line] = captured.err.splitlines()
    assert str(locked) in line and "Permission denied" in line
    assert "1 added" in captured.out


def test_a_dangling_symlink_in_a_folder_is_named(
    tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pile"
    folder.mkdir()
    shutil.copy(GOOD_PAGE, folder / "page.html")
    (folder / "gone.html").symlink_to(tmp_path / "deleted.html")
    assert main(["--db", db_path, "import", "-q", str(folder)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "gone.html" in line and "cannot read" in line


def test_a_store_another_program_keeps_locked_is_one_line_not_a_traceback(
    db_path: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from store import db

    assert main(["--db", db_path, "import", "-q", str(GOOD_PAGE)]) == 0
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)  # the store's wait, shortened for the test
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        capsys.readouterr()
        assert main(["--db", db_path, "import", "-q", str(SEED_PAGE)]) == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    printed = capsys.readouterr()
    error = printed.err
    assert error.startswith("stopped  cannot write to the store ")
    assert db_path in error and "database is locked" in error
    assert "Traceback" not in error and len(error.strip().splitlines()) == 1
    # and a summary of what was done before (nothing here) and what was not
    assert "0 added" in printed.out and "stopped: 1 files not imported" in printed.out
    assert main(["--db", db_path, "import", "-q", str(SEED_PAGE)]) == 0  # and it works after
