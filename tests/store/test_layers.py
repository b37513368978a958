"""The store is a library: it must work on a machine with no terminal, so never import Textual."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _modules_after(statement: str) -> set[str]:
    code = f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return set(done.stdout.split())


def test_store_imports_without_textual() -> None:
    every_store_module = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "store").rglob("*.py")
    )
    modules = _modules_after("import " + ", ".join(every_store_module))
    assert {"store.importer", "store.search.engine", "store.export.markdown"} <= modules
    assert not any(name == "textual" or name.startswith("textual.") for name in modules)


def test_command_line_does_not_load_textual_for_plain_commands() -> None:
    """`claimdesk list` should start fast: Textual loads only when the app opens."""
    modules = _modules_after("import tui.cli")
    assert "tui.cli" in modules
    assert "textual" not in modules
