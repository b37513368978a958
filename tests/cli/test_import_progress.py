"""The import progress bar: drawn on a terminal during long imports, silent otherwise."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DIR
from tui.cli import main
from tui.commands.import_progress import ImportProgress


class _Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr is when a person runs claimdesk."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_files_documents_and_rate() -> None:
    err = _Terminal()
    with ImportProgress(err, show_after=0) as bar:
        bar.files_done(1, 10)
        bar.document_done()
        bar.document_done()
        time.sleep(0.05)  # the rate needs two moments
        bar.files_done(3, 10)
        assert bar.showing
        bar.print("added    a.html: A story", err)
    drawn = err.getvalue()
    assert "3/10" in drawn and "2 documents" in drawn and "files/s" in drawn
    assert "added    a.html: A story" in drawn


def test_nothing_is_drawn_when_stderr_is_not_a_terminal() -> None:
    err = io.StringIO()
    with ImportProgress(err, show_after=0) as bar:
        bar.files_done(3, 10)
        assert not bar.showing
        bar.print("failed   x.txt: empty file", err)
    assert err.getvalue() == "failed   x.txt: empty file\n"


def test_a_short_import_draws_nothing_even_on_a_terminal() -> None:
    err = _Terminal()
    with ImportProgress(err) as bar:
        bar.files_done(1, 1)
        assert not bar.showing
    assert err.getvalue() == ""


def test_command_output_without_a_terminal_is_plain_lines(
    tmp_path: Path, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page = SAMPLE_DIR / "001_harbour_ledger_grain_exports.html"
    assert main(["--db", db_path, "import", str(page)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines()[0].startswith("added    ")
    assert "\x1b" not in captured.out
