"""Reading the store file ahead of the first searches (store.page_cache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from store import page_cache
from store.page_cache import CHUNK, prefetch


def recorded_advice(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    calls: list[tuple[int, int, int]] = []
    real = getattr(os, "posix_fadvise", None)

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        calls.append((offset, length, advice))
        if real is not None:
            real(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", advise, raising=False)
    monkeypatch.setattr(
        os, "POSIX_FADV_WILLNEED", getattr(os, "POSIX_FADV_WILLNEED", 3), raising=False
    )
    return calls


def test_every_byte_of_the_file_is_asked_for_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store.sqlite3"
    store.write_bytes(b"x" * (CHUNK * 2 + 100))
    calls = recorded_advice(monkeypatch)
    assert prefetch(store)
    assert [(offset, length) for offset, length, _ in calls] == [
        (0, CHUNK),
        (CHUNK, CHUNK),
        (2 * CHUNK, CHUNK),
    ]
    assert {advice for _, _, advice in calls} == {os.POSIX_FADV_WILLNEED}
    assert store.read_bytes() == b"x" * (CHUNK * 2 + 100)  # read, never written


def test_nothing_is_asked_for_a_missing_or_too_large_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = recorded_advice(monkeypatch)
    assert not prefetch(tmp_path / "missing.sqlite3")
    big = tmp_path / "big.sqlite3"
    big.write_bytes(b"x" * 1000)
    assert not prefetch(big, largest=999)
    assert calls == []


def test_without_posix_fadvise_nothing_happens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store.sqlite3"
    store.write_bytes(b"x")
    monkeypatch.delattr(os, "posix_fadvise", raising=False)
    assert not page_cache.prefetch(store)
