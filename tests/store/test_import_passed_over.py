"""A folder import names the files it passed over, so a user knows what was not read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from store.importer import import_paths
from store.store import Store
from tests.conftest import SEED_PAGE
from tui.cli import main


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    (folder / "pictures").mkdir(parents=True)
    shutil.copy(SEED_PAGE, folder / SEED_PAGE.name)
    (folder / "pictures" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    (folder / "random.bin").write_bytes(bytes(range(256)) * 4)
    return folder


def test_report_lists_what_was_passed_over(store: Store, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    report = import_paths(store, [folder])
    assert report.ok and report.added == 1
    assert [p.name for p in report.passed_over] == ["random.bin", "photo.jpg"]


def test_summary_names_what_was_passed_over(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    code = main(["--db", str(tmp_path / "cli.sqlite3"), "import", str(folder)])
    out = capsys.readouterr().out
    assert code == 0
    assert "2 passed over (not documents: random.bin, photo.jpg)" in out
