"""The layers, as contracts a machine checks.

- The store is a library: it works on a machine with no terminal, so it never imports Textual,
  and it never imports the interface (``tui``).
- Only the app (``tui/app/``) imports Textual; the command line loads it only to open the app.
- Widgets are reusable parts: they know the store's plain records and text helpers, never its
  internals (the ``Store``, tables, SQL, the search engine), and never the screens or the app.

The import rules are read from the source (every ``import``, including those inside functions
and under ``TYPE_CHECKING``); the first two are also checked at run time, in a fresh
interpreter, by what ``sys.modules`` holds.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

WIDGETS_MAY_IMPORT = {
    "store.records",
    "store.safe_text",
    "store.search.hits",
    "store.search.result",
    "store.wording",
}
"""The store's plain data and text helpers: what a widget may show."""


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _under(names: set[str], package: str) -> set[str]:
    return {name for name in names if name == package or name.startswith(package + ".")}


def _sources(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _sources("store"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_store_never_imports_the_interface_or_textual(path: Path) -> None:
    names = _imports(path)
    assert not _under(names, "tui") | _under(names, "textual"), path


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "tui" / "cli.py",
        ROOT / "tui" / "errors.py",
        *_sources("tui/commands"),
        ROOT / "tui" / "perf" / "textual_settings.py",
    ],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_the_app_imports_textual(path: Path) -> None:
    """The command line reaches the app through one lazy import in ``open_app``."""
    names = _imports(path)
    assert not _under(names, "textual"), path
    assert _under(names, "tui.app") <= {
        "tui.app",
        "tui.app.ClaimdeskApp",
        "tui.app.store_loader",
        "tui.app.store_loader.StoreLoader",
    }


@pytest.mark.parametrize(
    "path", _sources("tui/app/widgets"), ids=lambda p: str(p.relative_to(ROOT))
)
def test_widgets_use_only_the_stores_plain_records_and_never_a_screen(path: Path) -> None:
    names = _imports(path)
    store = {
        name
        for name in _under(names, "store")
        if not any(
            name == allowed or name.startswith(allowed + ".") for allowed in WIDGETS_MAY_IMPORT
        )
    }
    assert not store, f"{path.name} imports the store's internals: {sorted(store)}"
    assert not (_under(names, "sqlalchemy") | _under(names, "sqlmodel")), path
    assert not (
        _under(names, "tui.app.screens")
        | _under(names, "tui.app.modals")
        | _under(names, "tui.app.app")
    ), path


def test_the_rules_see_a_forbidden_import(tmp_path: Path) -> None:
    """The reader above is not vacuous: it finds imports hidden in a function."""
    bad = tmp_path / "widget.py"
    bad.write_text(
        "def f():\n    from store.store import Store\n    import sqlalchemy as sa\n",
        encoding="utf-8",
    )
    assert {"store.store", "sqlalchemy"} <= _imports(bad)


def _modules_after(statement: str) -> set[str]:
    code = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_store_imports_without_textual() -> None:
    every_store_module = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "store").rglob("*.py")
    )
    modules = _modules_after("import " + ", ".join(every_store_module))
    assert {"store.importer", "store.search.engine", "store.export.markdown"} <= modules
    assert not any(name == "textual" or name.startswith("textual.") for name in modules)
    assert not any(name == "tui" or name.startswith("tui.") for name in modules)


def test_command_line_does_not_load_textual_for_plain_commands() -> None:
    """`claimdesk list` should start fast: Textual loads only when the app opens."""
    modules = _modules_after("import tui.cli")
    assert "tui.cli" in modules
    assert "textual" not in modules
