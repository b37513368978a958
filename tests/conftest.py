"""Shared fixtures: a throwaway store per test, and the real page the project started from.

A test module marked ``pytestmark = pytest.mark.both_databases`` runs each of its tests that
use ``store`` or ``db_path`` twice: on a SQLite file and on a fresh database of a real
PostgreSQL server that the suite starts once (:mod:`tests.pg_server`). A test of something
only SQLite has (its file, WAL, pragmas) is marked ``sqlite_only``. Without the server's
binaries or the psycopg driver, the PostgreSQL runs are skipped and say why.

Textual reads ``TEXTUAL_FPS`` when it is first imported, and pytest-textual-snapshot imports it
as soon as pytest loads the plugin; so that plugin is not loaded by its entry point
(``-p no:textual-snapshot`` in pyproject.toml) but from here, after the frame rate is set to
the app's own (:mod:`tui.perf.textual_settings`): the tests paint at the rate users get.
"""

from __future__ import annotations

from tui.perf.textual_settings import configure_textual

configure_textual()

import textual._wait

PILOT_SLICE = 0.005
"""How long Pilot sleeps between its looks at whether the app went idle, in seconds.

Every ``pilot.press`` and ``pilot.pause`` ends in Textual's ``wait_for_idle``, which sleeps in
slices of 20 ms until one passes with under 1 ms of CPU: ≥ 60 ms of sleep per key press, where
the app's own work for a key is ≈ 20 ms. Slices of 5 ms (idle = under 0.25 ms of CPU in one)
keep the test the same, since it still waits until a whole slice passes idle, and give the
sleep back to the run: ≈ 15 % of the app tier's wall time. The names are checked in
tests/app/test_textual_overrides.py."""
textual._wait.SLEEP_GRANULARITY = PILOT_SLICE
textual._wait.SLEEP_IDLE = PILOT_SLICE / 20

# ruff: noqa: E402 - the imports below may load Textual, so they come after configure_textual

import gc
import importlib.util
import itertools
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.store import Store
from tests.pg_server import PostgresServer, find_bin_dir, run_lock, stop_shared
from tests.template_stores import remove_templates, sqlite_copy

DATABASES = ("sqlite", "postgresql")
_numbers = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_databases: run store tests on SQLite and PostgreSQL")
    config.addinivalue_line("markers", "sqlite_only: a test of what only SQLite has")


FREEZE_EVERY = 25
"""Tests between two freezes of what has survived them (see :func:`pytest_runtest_teardown`)."""
_tests_run = itertools.count(1)


def pytest_collection_finish(session: pytest.Session) -> None:
    _freeze_survivors()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Keep what lives for the whole run out of the cycle collector's full collections.

    A test process holds ≈1M objects that live until it ends (the modules of Textual,
    SQLAlchemy, trafilatura, lxml; pytest's own), and every full collection walked them all:
    ≈0.3 s of CPU each, several per test file (Python runs one whenever the survivors grow by
    a quarter; the app runs one when the keyboard is quiet; pytest five at the end). Frozen
    after collection, and again every FREEZE_EVERY tests (modules imported on first use),
    they are skipped: a full collection then walks only what the tests made since.
    """
    if next(_tests_run) % FREEZE_EVERY == 0:
        _freeze_survivors()


def _freeze_survivors() -> None:
    gc.collect()  # garbage first, or its cycles would be kept for good
    gc.freeze()


TIERS_FIRST_TO_LAST = ("e2e", "store", "cli", "app")
"""The order the tiers are handed to the workers in: the tmux tier (one worker, one test at a
time, mostly waiting for a terminal) starts at once beside the others instead of at the end;
the store tier, whose tests are the longest (real pages, servers, killed workers), before the
app tier's many short ones, which then fill the end of the run evenly."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        tier = item.path.parent.name
        return TIERS_FIRST_TO_LAST.index(tier) if tier in TIERS_FIRST_TO_LAST else 0

    items.sort(key=rank)  # stable: within a tier, the files' own order


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    wanted = {"store", "db_path"} & set(metafunc.fixturenames)
    marked = metafunc.definition.get_closest_marker("both_databases")
    if wanted and marked and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("database", DATABASES, indirect=True)


@pytest.fixture
def database(request: pytest.FixtureRequest) -> str:
    """Which database the test's store is on: SQLite unless the test is parametrised."""
    return str(getattr(request, "param", "sqlite"))


WORKER = os.environ.get("PYTEST_XDIST_WORKER")
"""This process's name among pytest-xdist's workers (gw0, gw1…), None in a serial run."""


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole run, started on first use, stopped at the end: in a
    parallel run, one for all the workers (the controller, their parent, stops it)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL's initdb/pg_ctl are not installed (Debian: apt-get install postgresql)"
        )
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("psycopg is not installed: pip install 'claimdesk[postgres]'")
    if WORKER is not None:
        yield PostgresServer.shared(bin_dir, owner=os.getppid())
        return
    server = PostgresServer.start(bin_dir)
    # A run ended by SIGTERM (a timeout) would leave the server running: make it unwind as
    # Ctrl-C does, through this teardown. (One killed harder is stopped by the next run.)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield server
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if WORKER is None:
        stop_shared(owner=os.getpid())  # the workers' server, if they started one


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


TEMPLATE_DATABASE = "claimdesk_template"


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer) -> str:
    """The name of a database holding the schema and nothing else, made once per server (by
    the first worker that needs it): each test's store is a copy of it
    (:mod:`tests.template_stores` says why)."""
    with run_lock(os.getppid() if WORKER is not None else os.getpid()):
        if not postgres_server.has_database(TEMPLATE_DATABASE):
            template = Store.open(postgres_server.create_database(TEMPLATE_DATABASE))
            try:
                template.check()
            finally:
                template.close()  # CREATE DATABASE … TEMPLATE needs it without connections
    return TEMPLATE_DATABASE


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL of a new, empty database on the suite's PostgreSQL server, dropped afterwards."""
    yield from _new_database(request, template=None)


def _new_database(request: pytest.FixtureRequest, template: str | None) -> Iterator[str]:
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{WORKER or 'main'}_{next(_numbers)}"  # the workers share one server
    yield server.create_database(name, template)
    server.drop_database(name)


@pytest.fixture
def postgres_store_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL of a new database that already holds the schema (a copy of the template)."""
    yield from _new_database(request, template=request.getfixturevalue("postgres_template"))


def _store_location(request: pytest.FixtureRequest, database: str, path: Path) -> str:
    if database == "postgresql":
        return str(request.getfixturevalue("postgres_store_url"))
    return str(path)


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
def store(request: pytest.FixtureRequest, database: str, tmp_path: Path) -> Iterator[Store]:
    """A new, empty store: a SQLite file in a temporary folder, or (parametrised, see the
    module docstring) a new PostgreSQL database."""
    if database == "postgresql":
        opened = Store.open(_store_location(request, database, tmp_path / "store.sqlite3"))
    else:
        opened = sqlite_copy(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def real_world() -> Path:
    """The folder of real pages and feeds; skips the test where it is not beside this checkout."""
    if not REAL_WORLD.is_dir():
        pytest.skip(f"{REAL_WORLD} (real pages from other projects) is not beside this checkout")
    return REAL_WORLD


@pytest.fixture
def db_path(request: pytest.FixtureRequest, database: str, tmp_path: Path) -> str:
    """A path (or, parametrised, a PostgreSQL URL) for a store the test opens through the
    command line."""
    return _store_location(request, database, tmp_path / "cli.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def _template_files() -> Iterator[None]:
    yield
    remove_templates()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the user's real store, config and exports."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_DOCUMENTS_DIR", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "home" / name.lower()))
    monkeypatch.delenv("CLAIMDESK_DB", raising=False)
    # A terminal size left in the environment by an earlier test in the same worker (Textual's
    # test driver sets them) would cut the command line's tables: each test starts without.
    for name in ("COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
