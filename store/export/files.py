"""Where exports go and how they are written: atomically, and never over a file by surprise.

A half-written export is worse than none (a spreadsheet opens it and silently shows part of
the data), so data goes to a temporary file in the target folder, is flushed to disk, and only
then takes the target's name (``os.replace``). Without ``overwrite`` the rename is a hard
link, which fails if the name exists, so even a file created meanwhile by another program is
never replaced.

What the target name is decides what happens (:func:`export_target`), as for a shell's ``>``:

- a symbolic link is written *through*: the file it points at gets the data (atomically, so
  the link stays a link and points at the new content), as ``> link`` would; refusing would
  break the common ``latest.csv -> exports/2026-11.csv`` set-up, and replacing the link by a
  file would silently cut it. A loop of links is refused as such.
- a folder, a device (``/dev/null``, ``/dev/full``), a FIFO or a socket is refused in one
  line: replacing it by a regular file would destroy it, and writing into it is not an
  export (standard output is ``-o -``).
- only a regular file is replaced, and only with ``overwrite``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from datetime import datetime
from pathlib import Path

from store.export.formats import FORMATS
from store.paths import APP_NAME, app_paths


class ExportTargetError(OSError):
    """The target is no file to export to (a folder, a device, a FIFO, a link loop)."""


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


def export_target(path: Path, overwrite: bool = False) -> Path:
    """The file an export to ``path`` writes: ``path``, or the file its symbolic link names.

    Raises :class:`ExportTargetError` for a folder, device, FIFO, socket or link loop, and
    :class:`ExportExistsError` for an existing file without ``overwrite`` (see the module's
    docstring); cheap, so a command checks before it renders anything.
    """
    try:
        path.stat()
    except FileNotFoundError:
        pass  # nothing there, or a link to nothing: created, as a shell would
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ExportTargetError(f"{path}: a symbolic link loop, not a file") from None
        raise
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = target.stat()
    except FileNotFoundError:
        return target
    if stat.S_ISDIR(info.st_mode):
        raise ExportTargetError(f"{path} is a folder: name a file to export to (in it, say)")
    if not stat.S_ISREG(info.st_mode):
        raise ExportTargetError(
            f"{path} is not a regular file (a device, FIFO or socket): "
            "claimdesk exports only to files; -o - writes to standard "
            "output"
        )
    if not overwrite:
        raise ExportExistsError(path)
    return target


def write_atomic(path: Path, data: str | bytes, overwrite: bool = False) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` whole or not at all; return ``path``.

    Creates the folder. Raises :class:`ExportExistsError` when ``path`` exists and
    ``overwrite`` is false, :class:`ExportTargetError` when it is no file to write (see
    :func:`export_target`) and OSError when the disk refuses; in every case no temporary file
    is left behind and an existing file is untouched.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    asked = path
    path = export_target(asked, overwrite)
    path.parent.mkdir(parents=True, exist_ok=True)
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
    return asked


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
