"""Shared fixtures: a throwaway store per test, and the real page the project started from.

Textual reads ``TEXTUAL_FPS`` when it is first imported, and pytest-textual-snapshot imports it
as soon as pytest loads the plugin; so that plugin is not loaded by its entry point
(``-p no:textual-snapshot`` in pyproject.toml) but from here, after the frame rate is set to
the app's own (:mod:`tui.perf.textual_settings`): the tests paint at the rate users get.
"""

from __future__ import annotations

from tui.perf.textual_settings import configure_textual

configure_textual()

# ruff: noqa: E402 - the imports below may load Textual, so they come after configure_textual
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.store import Store

pytest_plugins = ("pytest_textual_snapshot",)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
SEED_PAGE = SAMPLE_DIR / "000_ad01ffdc07868135.txt"
"""An unchanged copy of ../shared/corpus/000_ad01ffdc07868135.txt (a saved public news page)."""
REAL_WORLD = ROOT.parent / "shared" / "real-world"
"""Real pages and feeds copied unchanged from other projects' test data (see its SOURCES.md).

They live beside the checkout, never inside it: tests that read them skip where it is absent.
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty SQLite store in a temporary folder."""
    opened = Store.open(str(tmp_path / "store.sqlite3"))
    yield opened
    opened.close()


@pytest.fixture
def real_world() -> Path:
    """The folder of real pages and feeds; skips the test where it is not beside this checkout."""
    if not REAL_WORLD.is_dir():
        pytest.skip(f"{REAL_WORLD} (real pages from other projects) is not beside this checkout")
    return REAL_WORLD


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    """A path for a store the test opens through the command line."""
    return str(tmp_path / "cli.sqlite3")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the user's real store, config and exports."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_DOCUMENTS_DIR", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "home" / name.lower()))
    monkeypatch.delenv("CLAIMDESK_DB", raising=False)
