"""Faults found under attack (issue 20), at the command line: broken stores and hostile text give
one line and exit 1, nothing acts on the terminal, export targets are never destroyed."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pytest

from store.records import ClaimDraft, DocumentDraft
from store.store import Store
from tests.conftest import SAMPLE_DIR
from tests.fixtures_store import fill_store
from tests.reviewer_config import write_reviewer
from tui.cli import main

GOOD_PAGE = SAMPLE_DIR / "001_harbour_ledger_grain_exports.html"
HOSTILE = (
    "\x1b]0;pwned\x07 \x1b]52;c;aGk=\x07 \x1b[2J \x9b31m \x9d0;x\x9c \x85 \u202eexe.txt \u200bX"
)
"""A pane title, a clipboard write (OSC 52), a screen clear, C1 CSI/OSC/NEL, a bidi override and
a zero-width space: what the attack run put in documents."""


def _hostile_store(path: Path) -> str:
    store = Store.open(str(path))
    body = f"Officials said that 12 drones were launched. {HOSTILE} </script><!-- & more"
    store.add_documents(
        [
            DocumentDraft(
                title=f"\u202eTitle {HOSTILE}",
                body=body,
                source="hostile.txt",
                claims=[ClaimDraft(text=body, start=0, end=len(body), claimant=f"Amaq {HOSTILE}")],
            )
        ]
    )
    store.close()
    return str(path)


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# -- 13. broken stores: one line, exit 1, for every command ----------------------------------


def _not_a_database(tmp_path: Path) -> str:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n" * 200)
    return str(path)


def _a_folder(tmp_path: Path) -> str:
    (tmp_path / "folder.sqlite3").mkdir()
    return str(tmp_path / "folder.sqlite3")


def _corrupt_store(tmp_path: Path) -> str:
    path = tmp_path / "corrupt.sqlite3"
    store = Store.open(str(path))
    fill_store(store)
    store.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 97):  # every page but the header's
        data[offset] = (data[offset] + 0x5A) % 256
    path.write_bytes(bytes(data))
    return str(path)


BROKEN: dict[str, Callable[[Path], str]] = {
    "not-a-database": _not_a_database,
    "folder": _a_folder,
    "corrupt": _corrupt_store,
    "postgresql-without-driver": lambda _tmp: "postgresql://someone@127.0.0.1:1/none",
    "mysql-without-driver": lambda _tmp: "mysql://someone@127.0.0.1:1/none",
}
COMMANDS = {
    "stats": ["stats"],
    "list": ["list", "articles"],
    "search": ["search", "drones"],
    "export": ["export", "--format", "csv", "-o", "-"],
    "import": ["import", str(GOOD_PAGE)],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("broken", list(BROKEN))
def test_a_broken_store_is_one_line_and_exit_1(
    broken: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = BROKEN[broken](tmp_path)
    assert main(["--db", db, *COMMANDS[command]]) == 1
    line = _one_error_line(capsys)
    assert "store" in line or "search works on SQLite" in line, line
    assert "Error:" not in line and "No module named" not in line


def test_a_folder_as_the_store_is_named_as_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", _a_folder(tmp_path), "stats"]) == 1
    assert "folder" in _one_error_line(capsys)


# -- 14. a figure filter beyond 64 bits -------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["qty:>9223372036854775807", "qty:<-9223372036854775807", "qty:99999999999999999999999"],
)
def test_a_figure_filter_too_large_is_one_line(
    query: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    assert main(["--db", db, "search", query]) == 2  # a query that cannot be read: usage error
    assert "too large" in _one_error_line(capsys)


# -- 3. export targets ------------------------------------------------------------------------


def _export(db: str, *args: str) -> int:
    return main(["--db", db, "export", "--format", "csv", *args])


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_to_a_folder_is_refused_in_one_line(
    force: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    (tmp_path / "out").mkdir()
    assert _export(db, "-o", str(tmp_path / "out"), *force) == 1
    line = _one_error_line(capsys)
    assert "is a folder" in line and "--force" not in line
    assert list((tmp_path / "out").iterdir()) == []


def test_export_to_a_fifo_is_refused_and_the_fifo_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert _export(db, "-o", str(fifo), "--force") == 1
    assert "not a regular file" in _one_error_line(capsys)
    assert fifo.is_fifo()


def test_a_device_is_never_an_export_target() -> None:
    from store.export import ExportTargetError, export_target

    with pytest.raises(ExportTargetError, match="not a regular file"):
        export_target(Path(os.devnull), overwrite=True)


def test_export_through_a_symlink_writes_its_file_and_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    real = tmp_path / "exports" / "2026-11.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    assert _export(db, "-o", str(link)) == 1  # exists: --force needed, as for a file
    assert "--force" in _one_error_line(capsys)
    assert _export(db, "-o", str(link), "--force") == 0
    assert link.is_symlink() and link.resolve() == real
    assert "drones" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in real.parent.iterdir()) == ["2026-11.csv"]  # no temporary


def test_export_to_a_symlink_loop_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    assert _export(db, "-o", str(loop), "--force") == 1
    assert "symbolic link loop" in _one_error_line(capsys)


def test_import_of_a_symlink_loop_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop.html"
    loop.symlink_to(loop)
    assert main(["--db", str(tmp_path / "s.sqlite3"), "import", str(loop)]) == 1
    assert "symbolic link loop" in _one_error_line(capsys)


# -- 7, 9. nothing from a document acts on a terminal ------------------------------------------


def _on_a_terminal(run: Callable[[TextIO], object]) -> bytes:
    """What ``run(out)`` writes to a real pseudo-terminal."""
    master, slave = os.openpty()
    got = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            got.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    with open(slave, "w", encoding="utf-8", closefd=True) as out:  # noqa: PTH123 - an fd
        assert out.isatty()
        run(out)
    reader.join(timeout=5)
    os.close(master)
    return bytes(got)


def _controls(data: bytes) -> set[str]:
    text = data.decode("utf-8")
    return {
        ch
        for ch in text
        if (ord(ch) < 0x20 and ch not in "\t\n\r")
        or 0x7F <= ord(ch) <= 0x9F
        or ch in "\u202e\u200b"
    }


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "md", "claimreview"])
def test_an_export_to_a_terminal_carries_no_control_characters(fmt: str, tmp_path: Path) -> None:
    from tui.commands.exporting import export_command

    db = _hostile_store(tmp_path / "s.sqlite3")
    write_reviewer()
    shown = _on_a_terminal(lambda out: export_command(db, fmt, output="-", out=out))
    assert b"drones" in shown
    assert _controls(shown) == set()


def test_an_export_into_a_pipe_keeps_the_data_exact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    assert _export(db, "-o", "-") == 0
    assert "\x1b]52;c;aGk=\x07" in capsys.readouterr().out  # a file, not a terminal: unchanged


def test_list_and_search_tables_show_invisible_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    # The table is what a person reads; TSV in a pipe keeps the text exact (only controls
    # are escaped there, reversibly: see tui.commands.output).
    for args in (["list", "articles"], ["list", "claims"], ["search", "drones"]):
        assert main(["--db", db, *args, "--format", "table"]) == 0
        out = capsys.readouterr().out
        assert _controls(out.encode()) == set(), out
        assert "<U+202E>" in out or args[-1] != "articles", out


@pytest.mark.parametrize(
    "args",
    [
        ["list", "claims", "--json"],
        ["search", "drones", "--json"],
        ["export", "--format", "json", "-o", "-"],
    ],
)
def test_json_keeps_invisible_characters_but_escaped(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    assert main(["--db", db, *args]) == 0
    out = capsys.readouterr().out
    assert _controls(out.encode()) == set()
    assert "\\u202e" in out and ("\\u009b" in out or "search" in args)
    decoded = json.dumps(json.loads(out), ensure_ascii=False)
    assert "\u202e" in decoded  # the data is all there


def test_a_file_name_with_a_bidi_override_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sneaky = tmp_path / "report\u202elmth.txt"
    sneaky.write_text("Report\n\nOfficials said that 12 drones were launched.\n")
    assert main(["--db", str(tmp_path / "s.sqlite3"), "import", str(sneaky)]) == 0
    out = capsys.readouterr().out
    assert "report<U+202E>lmth.txt" in out and "\u202e" not in out


def test_an_error_naming_a_hostile_file_is_printable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    target = tmp_path / "x\x1b]0;t\x07.csv"
    target.write_text("kept\n")
    assert _export(db, "-o", str(target)) == 1
    line = _one_error_line(capsys)
    assert "\x1b" not in line and "\x07" not in line and "␛" in line


# -- 8. ClaimReview JSON-LD can be pasted into a <script> --------------------------------------


def test_claimreview_cannot_end_the_script_it_is_pasted_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    write_reviewer()
    assert main(["--db", db, "export", "--format", "claimreview", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\\u003c/script\\u003e" in out
    [review] = json.loads(out)
    assert "</script><!-- & more" in review["claimReviewed"]


# -- messages ---------------------------------------------------------------------------------


def test_a_jsonl_error_says_an_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "article", "id": [1], "title": "t", "body": "b"}\n')
    assert main(["--db", str(tmp_path / "s.sqlite3"), "import", str(bad)]) == 1
    line = _one_error_line(capsys)
    assert "line 1: an article without a valid id" in line


def test_stats_says_mib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _hostile_store(tmp_path / "s.sqlite3")
    assert main(["--db", db, "stats", "--format", "table"]) == 0
    assert " MiB" in capsys.readouterr().out


def test_a_store_that_is_not_claimdesks_is_refused_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "theirs.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    for args in COMMANDS.values():
        assert main(["--db", str(path), *args]) == 1
        assert "not a claimdesk store" in _one_error_line(capsys)
