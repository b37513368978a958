"""Where exports go and how they are written: atomically, and never over a file by surprise.

A half-written export is worse than none (a spreadsheet opens it and silently shows part of
the data), so data goes to a temporary file in the target folder, is flushed to disk, and only
then takes the target's name (``os.replace``). Without ``overwrite`` the rename is a hard
link, which fails if the name exists, so even a file created meanwhile by another program is
never replaced.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import datetime
from pathlib import Path

from store.export.formats import FORMATS
from store.paths import APP_NAME, app_paths


class ExportExistsError(FileExistsError):
    """The target file exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; not overwritten")
        self.path = path


def default_export_path(fmt: str, now: datetime, folder: Path | None = None) -> Path:
    """A new file name like ``claimdesk-2026-11-24T2210.md`` for format ``fmt`` (a key of
    :data:`~store.export.formats.FORMATS`) in the exports folder.

    ``folder`` defaults to the platform's documents folder (see :mod:`store.paths`). A second
    export in the same minute gets ``-2``, ``-3``... rather than waiting or overwriting.
    """
    extension = FORMATS[fmt].extension
    where = folder if folder is not None else app_paths().export_dir
    stem = f"{APP_NAME}-{now.strftime('%Y-%m-%dT%H%M')}"
    candidate = where / f"{stem}.{extension}"
    number = 2
    while candidate.exists():
        candidate = where / f"{stem}-{number}.{extension}"
        number += 1
    return candidate


def write_atomic(path: Path, data: str | bytes, overwrite: bool = False) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all; return ``path``.

    Creates the folder. Raises :class:`ExportExistsError` when ``path`` exists and
    ``overwrite`` is false, and OSError when the disk refuses; either way no temporary file
    is left behind and an existing file is untouched.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not overwrite:
        raise ExportExistsError(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the user's umask decide the final permissions, as for any file
    # they save; tempfile would make it private (0o600).
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            temporary.replace(path)
        else:
            _link_without_replacing(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return path


def _link_without_replacing(temporary: Path, path: Path) -> None:
    try:
        path.hardlink_to(temporary)
    except FileExistsError:
        raise ExportExistsError(path) from None
    except OSError:
        # Some file systems (FAT, some network shares) have no hard links: fall back to a
        # checked rename, which leaves only a tiny window for a file created meanwhile.
        if path.exists():
            raise ExportExistsError(path) from None
        temporary.replace(path)
