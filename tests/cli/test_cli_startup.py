"""What a short command imports: start-up is most of the time of a ``claimdesk refresh`` with
nothing new, and every worker of the ``claimdesk`` script imports :mod:`tui.cli` again (spawn
runs the script once more in each), so the command line loads only what its command runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED_PAGE

ROOT = Path(__file__).resolve().parents[2]

_LOADED = """
import sys
from tui.cli import main
status = main(sys.argv[1:]) if len(sys.argv) > 1 else None
heavy = ("rich", "textual", "sqlalchemy", "sqlmodel", "tui.app", "tui.commands.exporting",
         "tui.commands.searching", "tui.commands.listing", "tui.commands.importing",
         "tui.commands.opening", "tui.commands.copying", "store.export.pipeline")
print(status, sorted(m for m in heavy if m in sys.modules))
"""


def _loaded(*argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_importing_the_command_line_loads_no_command_database_or_terminal_library() -> None:
    # What each worker of the `claimdesk` script pays before its first page.
    assert _loaded() == "None []"


def test_a_refresh_loads_neither_the_other_commands_nor_rich_when_stderr_is_no_terminal(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "empty.sqlite3")
    assert _loaded("--db", db, "refresh") == "0 ['sqlalchemy', 'sqlmodel']"


def test_each_command_still_finds_its_module(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.sqlite3")
    assert (
        _loaded("--db", db, "list", "claims")
        == "0 ['sqlalchemy', 'sqlmodel', 'tui.commands.listing']"
    )
    assert _loaded("--db", db, "stats", "--json").startswith("0 ")
    assert _loaded("--db", db, "paths").startswith("0 ")


def test_a_file_import_into_a_pipe_loads_no_rich(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    loaded = _loaded("--db", db, "import", "-q", str(SEED_PAGE))
    assert loaded.startswith("0 ") and "'rich'" not in loaded and "tui.commands.importing" in loaded
