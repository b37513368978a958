"""The mypyc-compiled claims modules are imported only when built from exactly the sources.

``make setup`` compiles ``store/claims`` into the virtual environment (store/claims/compiled.py
says why and how). What a user or a developer would notice if the loader chose wrong: an edit to
extractor.py that does nothing because a stale ``.so`` runs instead, or claimdesk failing to
start on a machine without a build. These tests import copies of the tree in a subprocess of
this venv's Python: the build is never made here (≈ 40 s of CPU); the tests that need one skip
when ``make setup`` could not make it (no gcc or Python headers) or after an edit it has not
rebuilt.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import store.claims
from store.claims import compiled

ROOT = Path(__file__).resolve().parents[2]

needs_build = pytest.mark.skipif(
    compiled.current_build() is None,
    reason="no mypyc build of the current store/claims in this venv (make setup makes it; "
    "it needs gcc and the Python headers)",
)

_ENVIRONMENT = {
    name: value for name, value in os.environ.items() if name != "CLAIMDESK_PURE_CLAIMS"
}
"""The subprocesses' environment: the loader's choice, not a pure run of the suite's own."""

_WHICH = (
    "import store.claims, store.claims.extractor as e;"
    "print(store.claims.COMPILED, e.__file__, hasattr(e, 'EDITED'))"
)


def _copy_of_store(into: Path) -> Path:
    shutil.copytree(
        ROOT / "store", into / "store", ignore=shutil.ignore_patterns("__pycache__", "*.so")
    )
    return into / "store" / "claims"


def _import_in(tree: Path, **env: str) -> tuple[bool, Path, bool]:
    """``store.claims`` imported from ``tree`` by this venv's Python: whether it runs compiled,
    the file its extractor came from, and whether that extractor holds the test's edit."""
    ran = subprocess.run(
        [sys.executable, "-c", _WHICH],
        cwd=tree,
        env={**_ENVIRONMENT, "PYTHONPATH": str(tree), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    used, file, edited = ran.stdout.split()
    return used == "True", Path(file), edited == "True"


def test_no_build_means_the_pure_sources(tmp_path: Path) -> None:
    assert compiled.current_build(compiled.SOURCES, tmp_path / "never-built") is None


def test_a_build_of_other_sources_is_not_used(tmp_path: Path) -> None:
    sources = _copy_of_store(tmp_path / "tree")
    build = tmp_path / "build"
    (build / "store" / "claims").mkdir(parents=True)
    for name in compiled.COMPILED_MODULES:
        (build / "store" / "claims" / f"{name}{compiled.EXTENSION}").write_bytes(b"")
    (build / compiled.STAMP_NAME).write_text(compiled.stamp(sources), encoding="utf-8")
    assert compiled.current_build(sources, build) == build / "store" / "claims"

    with (sources / "quantities.py").open("a", encoding="utf-8") as source:
        source.write("\n# edited\n")
    assert compiled.current_build(sources, build) is None


@needs_build
@pytest.mark.skipif(
    bool(os.environ.get("CLAIMDESK_PURE_CLAIMS")), reason="CLAIMDESK_PURE_CLAIMS is set"
)
def test_the_current_build_is_what_this_process_runs() -> None:
    assert store.claims.COMPILED
    assert compiled.in_use().startswith("compiled")
    extractor_file = Path(str(sys.modules["store.claims.extractor"].__file__))
    assert extractor_file.is_relative_to(compiled.build_folder())


@needs_build
def test_an_unedited_copy_runs_the_build_and_an_edited_one_its_source(tmp_path: Path) -> None:
    claims = _copy_of_store(tmp_path)
    used, file, _ = _import_in(tmp_path)
    assert used
    assert file.is_relative_to(compiled.build_folder())

    with (claims / "extractor.py").open("a", encoding="utf-8") as source:
        source.write("\nEDITED = True\n")
    used, file, edited = _import_in(tmp_path)
    assert not used
    assert file == claims / "extractor.py"
    assert edited


@needs_build
def test_the_pure_sources_on_request(tmp_path: Path) -> None:
    claims = _copy_of_store(tmp_path)
    used, file, _ = _import_in(tmp_path, CLAIMDESK_PURE_CLAIMS="1")
    assert not used
    assert file == claims / "extractor.py"


_DUMP = """
import json, sys
from pathlib import Path
import store.claims
from tests.claim_labels import load_labels, real_page_draft
folder = Path(sys.argv[1])
print(json.dumps([store.claims.COMPILED] + [
    repr(claim)
    for page in load_labels()
    for claim in store.claims.extract_claims(real_page_draft(folder, page))
]))
"""


def _claims_of_every_labelled_page(html: Path, **env: str) -> tuple[bool, list[str]]:
    """``COMPILED`` and every field of every claim of the labelled real pages, from a fresh
    process of this checkout."""
    ran = subprocess.run(
        [sys.executable, "-c", _DUMP, str(html)],
        cwd=ROOT,
        env={**_ENVIRONMENT, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    used, *claims = json.loads(ran.stdout)
    return bool(used), claims


@needs_build
def test_the_build_gives_the_pure_sources_claims_on_real_pages(real_world: Path) -> None:
    used, compiled_claims = _claims_of_every_labelled_page(real_world / "html")
    pure, pure_claims = _claims_of_every_labelled_page(
        real_world / "html", CLAIMDESK_PURE_CLAIMS="1"
    )
    assert used
    assert not pure
    assert len(pure_claims) > 400  # the 42 labelled pages give ~490 claims
    assert compiled_claims == pure_claims


@needs_build
def test_a_build_that_fails_to_load_leaves_the_pure_sources_working(tmp_path: Path) -> None:
    """A build whose stamp matches but whose extractor does not load (here not a library at
    all): claimdesk still starts and extracts, on the sources, with none of the compiled
    modules imported before it left behind. (A truncated library would crash the process on
    load, which no loader can catch: the build writes the stamp last, in a folder renamed into
    place whole, so a half-written build is never stamped.)"""
    claims = _copy_of_store(tmp_path / "tree")
    prefix = tmp_path / "venv"
    shutil.copytree(compiled.build_folder(), prefix / compiled.build_folder().name)
    damaged = prefix / compiled.build_folder().name / "store" / "claims"
    damaged /= f"extractor{compiled.EXTENSION}"
    damaged.write_bytes(b"not a shared library\n")
    script = (
        f"import sys; sys.prefix = {str(prefix)!r}\n"
        "import store.claims, store.claims.extractor as e\n"
        "claims = store.claims.ClaimExtractor().extract("
        "'Amaq claims that 352 men were killed.')\n"
        "print(store.claims.COMPILED, e.claimants.__file__, e.__file__, len(claims))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path / "tree",
        env={**_ENVIRONMENT, "PYTHONPATH": str(tmp_path / "tree")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert ran.stdout.split() == [
        "False",
        str(claims / "claimants.py"),
        str(claims / "extractor.py"),
        "1",
    ]


@needs_build
def test_a_library_built_beside_the_sources_is_named_at_import(tmp_path: Path) -> None:
    """``mypyc`` run by hand in the tree leaves ``.so`` files that Python imports before the
    edited ``.py``: the import says which file to delete (here the build is current, so the
    import still runs the build's modules)."""
    claims = _copy_of_store(tmp_path)
    beside = claims / f"sentences{compiled.EXTENSION}"
    beside.write_bytes(b"left by an in-place build\n")
    ran = subprocess.run(
        [sys.executable, "-c", "import store.claims"],
        cwd=tmp_path,
        env={**_ENVIRONMENT, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"{beside} is imported instead of its .py" in ran.stderr


@pytest.mark.skipif(
    os.environ.get("CLAIMDESK_EXPECT_COMPILED") != "1"
    or os.environ.get("CLAIMDESK_PURE_CLAIMS") == "1"
    or not (shutil.which("gcc") or shutil.which("cc")),
    reason="only under `make test` (which builds the claims first) on a machine with a C compiler",
)
def test_make_test_runs_the_claims_it_compiled() -> None:
    """A claims edit mypyc cannot compile (an internal error on ``reversed()`` of a ``findall``
    fell back in silence, session 11) must fail here, not leave extraction ≈ 1.4× slower."""
    assert store.claims.COMPILED, (
        "make setup did not compile store/claims: `.venv/bin/python -m store.claims.mypyc_build`"
        " says why"
    )
