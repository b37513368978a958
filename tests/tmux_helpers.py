"""Driving the real ``claimdesk`` in a real terminal: tmux, on a server of the test's own.

Each :func:`tmux_session` starts a private tmux server (``-L`` with a unique socket name), so a
test can change server options (``set-clipboard``) without touching anyone else's tmux, and
killing it leaves nothing behind. Keys go in with ``send-keys``; the screen comes back with
``capture-pane``.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    def __init__(self, socket: str, session: str) -> None:
        self.socket = socket
        self.session = session

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        """Press each key (tmux key names: ``Enter``, ``Tab``, ``C-a``), one at a time."""
        for key in keys:
            self.run("send-keys", "-t", self.session, key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        """Type ``text`` literally (no key names)."""
        self.run("send-keys", "-t", self.session, "-l", text)
        time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 10.0) -> str:
        """The screen once ``text`` is on it."""
        return self._wait(lambda screen: text in screen, f"{text!r} never appeared", timeout)

    def wait_for_absence(self, text: str, timeout: float = 10.0) -> str:
        """The screen once ``text`` has left it (a screen closed)."""
        return self._wait(lambda screen: text not in screen, f"{text!r} never went", timeout)

    def _wait(self, done: Callable[[str], bool], failure: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if done(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{failure}; the screen was:\n{self.screen()}")

    def is_alive(self) -> bool:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "has-session", "-t", self.session], capture_output=True
        )
        return done.returncode == 0

    def wait_until_gone(self, timeout: float = 5.0) -> bool:
        """True once the session has ended (the program in it quit)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.is_alive():
                return True
            time.sleep(0.1)
        return False


def wait_for_file(pattern: str, folder: Path, timeout: float = 10.0) -> list[Path]:
    """The files matching ``pattern`` in ``folder`` once there is at least one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(folder.glob(pattern))
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no {pattern} appeared in {folder}")


@contextmanager
def tmux_session(command: str, cwd: Path, width: int = 120, height: int = 40) -> Iterator[Tmux]:
    """Run ``command`` (a shell command line) in a fresh tmux server; kill it afterwards."""
    tmux = Tmux(f"claimdesk-test-{uuid.uuid4().hex[:8]}", "e2e")
    # A moment's pause lets tmux give the pane its size before the app asks for it.
    subprocess.run(
        [
            "tmux",
            "-L",
            tmux.socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            tmux.session,
            "-x",
            str(width),
            "-y",
            str(height),
            "-c",
            str(cwd),
            f"sleep 0.3; exec {command}",
        ],
        check=True,
    )
    socket_path = Path(tmux.run("display-message", "-p", "#{socket_path}").strip())
    try:
        yield tmux
    finally:
        subprocess.run(["tmux", "-L", tmux.socket, "kill-server"], capture_output=True)
        socket_path.unlink(missing_ok=True)  # tmux leaves the socket file behind
