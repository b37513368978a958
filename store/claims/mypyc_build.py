"""Build the compiled claims modules: ``python -m store.claims.mypyc_build`` (``make setup``).

mypyc compiles a copy of ``store`` in a temporary folder (it writes its ``.so`` files and a
``build/`` folder beside what it compiles) and only the extension modules are copied into the
build folder of :mod:`store.claims.compiled`, with the stamp of the sources they were made from.
``--which`` says which claims code an import uses now.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from store.claims.compiled import (
    COMPILED_MODULES,
    EXTENSION,
    SOURCES,
    STAMP_NAME,
    build_folder,
    in_use,
    stamp,
)


def build(into: Path | None = None) -> str:
    """Compile a copy of the sources with mypyc and install it into ``into`` (the stamp last, so
    a half-made build is never used); the one-line outcome. Needs gcc and the Python headers:
    without them the build fails and claimdesk keeps running the pure sources."""
    into = build_folder() if into is None else into
    project = SOURCES.parent.parent
    with tempfile.TemporaryDirectory(prefix="claimdesk-mypyc-") as temporary:
        work = Path(temporary)
        shutil.copytree(
            project / "store", work / "store", ignore=shutil.ignore_patterns("__pycache__", "*.so")
        )
        shutil.copy(project / "pyproject.toml", work)  # the project's mypy settings
        made = stamp(work / "store" / "claims")
        modules = [f"store/claims/{name}.py" for name in COMPILED_MODULES]
        ran = subprocess.run(
            [sys.executable, "-m", "mypyc", *modules],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if ran.returncode != 0:
            lines = (ran.stderr or ran.stdout).strip().splitlines()
            return (
                f"claims: not compiled, pure Python kept ({lines[-1] if lines else 'mypyc failed'})"
            )
        into.parent.mkdir(parents=True, exist_ok=True)
        # A folder of its own, renamed into place whole: two builds at once never mix files.
        staging = Path(tempfile.mkdtemp(prefix=f"{into.name}.", dir=into.parent))
        staging.chmod(0o755)  # mkdtemp's 0700 would hide the build from the venv's other users
        try:
            (staging / "store" / "claims").mkdir(parents=True)
            for library in work.glob(f"*{EXTENSION}"):
                shutil.copy(library, staging / library.name)
            for name in COMPILED_MODULES:
                compiled = work / "store" / "claims" / f"{name}{EXTENSION}"
                shutil.copy(compiled, staging / "store" / "claims" / compiled.name)
            (staging / STAMP_NAME).write_text(made, encoding="utf-8")
            shutil.rmtree(into, ignore_errors=True)
            staging.rename(into)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # gone already once renamed
    return f"claims: compiled by mypyc into {into}"


def main(argv: list[str]) -> int:
    """Compile and install (always exits 0: a failed build leaves pure Python), or with
    ``--which`` say which claims code an import uses now."""
    if not argv:
        try:
            print(build())
        except (OSError, subprocess.SubprocessError) as error:
            print(f"claims: not compiled, pure Python kept ({error})")
        return 0
    if argv != ["--which"]:
        print("usage: python -m store.claims.mypyc_build [--which]", file=sys.stderr)
        return 2
    print(f"claims: {in_use()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
