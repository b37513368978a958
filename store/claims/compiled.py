"""The claims modules compiled by mypyc, used only when built from exactly the current sources.

Compiled, extraction takes about 0.7 of the pure-Python CPU time (session 11, issue 12), which is
what keeps it under the 2 ms per article goal on a slow host. ``make setup`` runs ``python -m
store.claims.mypyc_build``: it compiles a copy of the sources in a temporary folder and installs
the extension modules under the virtual environment (:func:`build_folder`), never next to the
sources, where Python would import a stale ``.so`` before an edited ``.py``.

At import, ``store/claims/__init__.py`` calls :func:`use_if_current`. The build folder holds a
stamp: the SHA-256 of each compiled source and the interpreter's extension tag. Only if every
hash matches the sources being imported now is the build folder put first on the package's
``__path__``; otherwise (an edited source, another interpreter, no build, no C compiler at
setup) the pure sources are used, silently; ``CLAIMDESK_PURE_CLAIMS=1`` asks for them too.
``python -m store.claims.mypyc_build --which`` says which one is used. This module, the build
and ``__init__.py`` are never compiled: they decide.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import MutableSequence
from pathlib import Path
from typing import Final

COMPILED_MODULES: Final = (
    "claimants",
    "extractor",
    "first_names",
    "quantities",
    "rules",
    "sentences",
)
"""The modules of ``store.claims`` that mypyc compiles: all but ``__init__``, this loader and the
build."""

SOURCES: Final = Path(__file__).resolve().parent
"""The folder of the sources being imported now: the stamp is compared against these."""

STAMP_NAME: Final = "stamp.txt"
EXTENSION: Final = importlib.machinery.EXTENSION_SUFFIXES[0]


def build_folder() -> Path:
    """Where ``make setup`` installs the compiled modules: inside the virtual environment that
    runs claimdesk, so each checkout's ``.venv`` has its own and ``make clean`` removes it."""
    return Path(sys.prefix) / "claimdesk-mypyc"


def stamp(sources: Path = SOURCES) -> str:
    """The interpreter's extension tag and the SHA-256 of each compiled module's source, one a
    line: what a build must have been made from to stand in for ``sources``."""
    lines = [f"extension {EXTENSION}"]
    for name in COMPILED_MODULES:
        digest = hashlib.sha256((sources / f"{name}.py").read_bytes()).hexdigest()
        lines.append(f"{digest} {name}.py")
    return "\n".join(lines) + "\n"


def current_build(sources: Path = SOURCES, build: Path | None = None) -> Path | None:
    """The package folder of a build made from exactly ``sources``, else None."""
    build = build_folder() if build is None else build
    try:
        built = (build / STAMP_NAME).read_text(encoding="utf-8")
        if built != stamp(sources):
            return None
    except OSError:
        return None
    package = build / "store" / "claims"
    if not all((package / f"{name}{EXTENSION}").is_file() for name in COMPILED_MODULES):
        return None
    return package


def use_if_current(package_path: MutableSequence[str]) -> bool:
    """Put the compiled modules first on ``store.claims.__path__`` if they are current; True if
    they are now the ones imported. Any failure to load them leaves the pure sources, silently:
    compiled code is a speed-up, never a reason for claimdesk not to start."""
    _warn_if_built_in_place()
    if os.environ.get("CLAIMDESK_PURE_CLAIMS"):
        return False
    package = current_build()
    if package is None:
        return False
    try:
        for library in package.parent.parent.glob(f"*__mypyc{EXTENSION}"):
            _load_group_library(library)
        package_path.insert(0, str(package))
        for name in COMPILED_MODULES:
            module = importlib.import_module(f"store.claims.{name}")
            if not str(module.__file__).startswith(str(package)):
                raise ImportError(f"{module.__name__} was imported before the loader ran")
    except Exception:  # any: the pure sources then raise it again if it is theirs
        if str(package) in package_path:
            package_path.remove(str(package))
        parent = sys.modules.get("store.claims")
        for name in COMPILED_MODULES:
            sys.modules.pop(f"store.claims.{name}", None)
            # ``from store.claims import rules`` would take a compiled one left as an attribute.
            if parent is not None and hasattr(parent, name):
                delattr(parent, name)
        return False
    return True


def _warn_if_built_in_place() -> None:
    """Say so when a ``.so`` sits beside the sources (``mypyc`` run by hand in the tree): Python
    imports it before the ``.py`` of the same name, edited or not, and no loader can stop that."""
    for library in sorted(SOURCES.glob(f"*{EXTENSION}")):
        warnings.warn(
            f"{library} is imported instead of its .py, edited or not: delete it "
            "(make setup builds the compiled claims into the venv)",
            RuntimeWarning,
            stacklevel=3,
        )


def _load_group_library(library: Path) -> None:
    """Import the library the compiled modules share (mypyc names it by a hash and imports it as
    a top-level module): registered in ``sys.modules`` so the build folder need not be on
    ``sys.path``."""
    name = library.name.split(".", 1)[0]
    if name in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(name, library)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {library}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise


def in_use() -> str:
    """Which claims code this process runs: ``compiled`` (and from where) or ``pure Python``."""
    extractor = sys.modules.get("store.claims.extractor")
    where = str(getattr(extractor, "__file__", ""))
    return f"compiled ({where})" if where.endswith(EXTENSION) else "pure Python"
