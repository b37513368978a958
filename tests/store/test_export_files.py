"""Writing exports: whole or not at all, never over a file unless asked, in a sensible place."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from store.export import ExportExistsError, default_export_path, write_atomic
from store.paths import app_paths


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_creates_the_folder_and_writes_utf8(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "brief.md"
    assert write_atomic(target, "Amaq’s infographic\n") == target
    assert target.read_bytes() == "Amaq’s infographic\n".encode()
    assert _leftovers(target.parent) == []


def test_write_refuses_to_overwrite_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("the user's own notes")
    with pytest.raises(ExportExistsError, match=r"brief\.md already exists"):
        write_atomic(target, "export")
    assert target.read_text() == "the user's own notes"
    write_atomic(target, b"export", overwrite=True)
    assert target.read_text() == "export"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    target = tmp_path / "sheet.csv"
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "kind,id\r\n" * 1000)
    assert list(tmp_path.iterdir()) == []
    target.write_text("previous export")
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "kind,id\r\n", overwrite=True)
    assert target.read_text() == "previous export"
    assert _leftovers(tmp_path) == []


def test_a_file_created_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.md"
    real_fsync = os.fsync

    def another_program_saves(descriptor: int) -> None:
        real_fsync(descriptor)
        target.write_text("saved by another program")

    monkeypatch.setattr(os, "fsync", another_program_saves)
    with pytest.raises(ExportExistsError):
        write_atomic(target, "export")
    assert target.read_text() == "saved by another program"
    assert _leftovers(tmp_path) == []


def test_written_file_gets_the_users_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "brief.md", "x")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_default_path_is_timestamped_in_the_exports_folder(tmp_path: Path) -> None:
    now = datetime(2026, 11, 24, 22, 10, 59)
    first = default_export_path("md", now)
    assert first == app_paths().export_dir / "claimdesk-2026-11-24T2210.md"
    assert str(first).startswith(str(tmp_path))  # the test's documents folder, not the user's
    write_atomic(first, "one")
    second = default_export_path("md", now)
    assert second.name == "claimdesk-2026-11-24T2210-2.md"
    assert default_export_path("claimreview", now).suffix == ".jsonld"
