"""The one seam for platformdirs: where the store, config and exports live.

Nothing here creates a directory; callers that write create what they need, so importing or
asking for paths never leaves traces on disk.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "claimdesk"
DB_ENV = "CLAIMDESK_DB"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, appauthor=False)


@dataclass(frozen=True, slots=True)
class AppPaths:
    """Every place claimdesk reads or writes, resolved for this user and OS."""

    data_dir: Path
    config_dir: Path
    export_dir: Path
    default_db: Path

    @property
    def keymap_file(self) -> Path:
        """Where users remap key bindings (by binding id)."""
        return self.config_dir / "keys.toml"


def app_paths() -> AppPaths:
    """Resolve the platform's directories for claimdesk."""
    dirs = _dirs()
    data = Path(dirs.user_data_dir)
    return AppPaths(
        data_dir=data,
        config_dir=Path(dirs.user_config_dir),
        export_dir=Path(dirs.user_documents_dir) / APP_NAME,
        default_db=data / "claimdesk.sqlite3",
    )


def resolve_db_url(db: str | None) -> str:
    """Turn ``--db`` / ``CLAIMDESK_DB`` / the default into a SQLAlchemy URL.

    A value with ``://`` is already a URL; anything else is a file path for SQLite.
    """
    value = db or os.environ.get(DB_ENV) or str(app_paths().default_db)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names; None for other backends and in-memory databases.

    The one place a database URL is taken apart, by SQLAlchemy's ``make_url`` (imported here,
    on first use: ``claimdesk search`` on a plain path never needs it, see :func:`db_file`).
    """
    if not url.startswith("sqlite"):
        return None
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    return Path(database) if database and database != ":memory:" else None


def db_file(db: str | None) -> Path | None:
    """The SQLite file ``--db`` / ``CLAIMDESK_DB`` / the default names, without loading
    SQLAlchemy for a plain path (the usual case: 0.25 s of ``claimdesk search``)."""
    value = db or os.environ.get(DB_ENV) or str(app_paths().default_db)
    if "://" in value:
        return sqlite_file(value)
    return Path(value).expanduser().resolve()


def sample_data_dir() -> Path:
    """The sample corpus, shipped as package data so an installed claimdesk can open it.

    ``sample_data`` is a namespace package (no ``__init__.py``, so a folder import of it meets
    only documents). Editable installs may list several locations for it; the one holding the
    README is the corpus.
    """
    import importlib.util

    spec = importlib.util.find_spec("sample_data")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        if (Path(location) / "README.md").is_file():
            return Path(location)
    return Path(__file__).resolve().parent.parent / "sample_data"


def store_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot hold a SQLite store (a folder, a device, a FIFO), or None.

    SQLite would say "unable to open database file" or "disk I/O error" for these, which
    names neither the cause nor the fix. A missing file is no problem: it is created.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return error.strerror or str(error)
    if stat.S_ISDIR(info.st_mode):
        return "it is a folder, not a store file"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file (a device, FIFO or socket)"
    return None
