"""Stores the tests start from, built once per test process and copied for each test.

A new SQLite store pays for its schema (eleven steps, ≈30 ms of CPU and ≈110 ms of fsyncs on
this machine's disk) and a filled one for its writes (the sample data's import ≈140 ms of CPU):
hundreds of tests each paid that again for the same bytes. Copying a closed file that holds
them costs ≈4 ms. PostgreSQL gets the same from a template database (``CREATE DATABASE …
TEMPLATE``): the schema's DDL runs once per server instead of once per test.

What a test then sees is the store it would have built itself: the templates are made by the
store's own code (``Store.open`` and its upgrade steps, ``fill_store``, the importer), and
each test gets its own copy, so no test sees another's writes. Tests of schema creation and
upgrades open their own fresh paths and databases and do not come through here.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from store.store import Store

Filler = Callable[[Store], None]

_folder: Path | None = None
_built: dict[str, Path] = {}


def _templates_folder() -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="claimdesk-templates-"))
    return _folder


def _build(name: str, fill: Filler | None) -> Path:
    path = _templates_folder() / f"{name}.sqlite3"
    store = Store.open(str(path))
    try:
        store._get_engine()  # the schema (a missing file stays missing until first used)
        if fill is not None:
            fill(store)
    finally:
        store.close()  # closing checkpoints the WAL into the file: the copy is whole
    return path


def sqlite_copy(destination: Path, name: str = "empty", fill: Filler | None = None) -> Store:
    """A store at ``destination``: a copy of the template ``name`` (built by ``fill`` the
    first time it is asked for in this process; ``empty`` is the schema alone)."""
    template = _built.get(name)
    if template is None:
        template = _built[name] = _build(name, fill)
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, destination)
    return Store.open(str(destination))


def remove_templates() -> None:
    """Delete this process's template files (at the end of the run)."""
    global _folder
    if _folder is not None:
        shutil.rmtree(_folder, ignore_errors=True)
        _folder = None
        _built.clear()
