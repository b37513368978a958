"""The `claimdesk` command line run inside the test process, its output a pipe as in a script.

A subprocess per call costs a second of CPU (Python's start-up, SQLAlchemy, the store), and the
CLI tests made about a hundred: most of the CLI tier's time. :func:`tui.cli.main` is what the
installed entry point calls; here its standard streams are in-memory files, which, like a pipe,
are not a terminal, and ``COLUMNS``/``LINES`` are unset as in a script's environment. Tests that
are about the process itself (the installed command, exit statuses seen by a shell, a real
pseudo-terminal) keep a real subprocess.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from tui.cli import main


@dataclass(frozen=True, slots=True)
class Completed:
    """What a shell would see of one run: its exit status and its two streams."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _script_environment() -> Iterator[None]:
    saved = {name: os.environ.pop(name) for name in ("COLUMNS", "LINES") if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def claimdesk(*argv: str, stdin: str | None = None) -> Completed:
    """Run ``claimdesk ARGV...`` as a script would, and return what it printed."""
    out, err = io.StringIO(), io.StringIO()
    given = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with (
            _script_environment(),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                code = main(list(argv))
            except SystemExit as stop:  # argparse's usage errors and --help
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.stdin = given
    return Completed(code, out.getvalue(), err.getvalue())
