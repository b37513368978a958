"""A throwaway PostgreSQL server for the tests and benchmarks: Debian's initdb and pg_ctl.

The server lives in a temporary folder and listens only on a Unix socket there (no TCP port
to collide with another run). initdb and pg_ctl refuse to run as root, so as root they run as
an unprivileged system user (``postgres`` if the package made one, else ``claimdesk-pg``,
created here); as anyone else they run directly. The cluster uses the C locale, so text sorts
by code point as in SQLite, and trades durability for speed (fsync off): it is thrown away.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

PREFIX = "claimdesk-pg-"
OWNER = "owner.pid"
"""The process a server belongs to: a server whose owner is gone (a test run killed before
its teardown) is stopped by the next run."""
SUPERUSER = "claimdesk"
FALLBACK_USER = "claimdesk-pg"
ANALYST = "analyst"
ANALYST_PASSWORD = "right-horse-battery"  # noqa: S105 (a throwaway server's test role)
"""A role that must give its password (SCRAM), for the connection-error tests; every other
role connects on the socket without one."""


def find_bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: $CLAIMDESK_PG_BIN, else the newest Debian install."""
    if env := os.environ.get("CLAIMDESK_PG_BIN"):
        return Path(env) if (Path(env) / "initdb").is_file() else None
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _server_user() -> str | None:
    """Who runs the server: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", FALLBACK_USER):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", FALLBACK_USER],
        check=True,
        capture_output=True,
    )
    return FALLBACK_USER


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_orphans(bin_dir: Path) -> None:
    """Stop the servers of earlier runs whose process has died, and remove their folders."""
    for owner in Path(tempfile.gettempdir()).glob(f"{PREFIX}*/{OWNER}"):
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        root = owner.parent
        server = PostgresServer(root, bin_dir, _server_user())
        if (server.data_dir / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                server.stop()
        shutil.rmtree(root, ignore_errors=True)
    for lock in Path(tempfile.gettempdir()).glob(f"{PREFIX}run-*.lock"):
        number = lock.name.removeprefix(f"{PREFIX}run-").removesuffix(".lock")
        if number.isdigit() and not _alive(int(number)):
            lock.unlink(missing_ok=True)


READY = "ready"
"""Written once the shared server of a run accepts connections."""


def _shared_root(owner: int) -> Path:
    return Path(tempfile.gettempdir()) / f"{PREFIX}run-{owner}"


def _lock_file(owner: int) -> Path:
    return Path(tempfile.gettempdir()) / f"{PREFIX}run-{owner}.lock"


@contextlib.contextmanager
def run_lock(owner: int) -> Iterator[None]:
    """The lock the workers of the run led by ``owner`` take to do something once on their
    shared server (released when its holder dies, too)."""
    with _lock_file(owner).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def stop_shared(owner: int) -> None:
    """Stop the shared server of the run led by ``owner``, if a worker started one."""
    root = _shared_root(owner)
    bin_dir = find_bin_dir()
    if bin_dir is not None and (root / "data" / "postmaster.pid").exists():
        with contextlib.suppress(subprocess.CalledProcessError):
            PostgresServer(root, bin_dir, _server_user()).stop()
    shutil.rmtree(root, ignore_errors=True)
    _lock_file(owner).unlink(missing_ok=True)


@dataclass
class PostgresServer:
    """A running server; :meth:`url` names a database on it."""

    root: Path
    bin_dir: Path
    user: str | None

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket_dir}"

    def _run(self, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
        argv = [str(self.bin_dir / command[0]), *command[1:]]
        if self.user is not None:
            argv = ["runuser", "-u", self.user, "--", *argv]
        return subprocess.run(argv, check=True, capture_output=True, text=True)

    @classmethod
    def start(
        cls, bin_dir: Path, root: Path | None = None, owner: int | None = None
    ) -> PostgresServer:
        """A new server in ``root`` (a new temporary folder by default), belonging to the
        process ``owner`` (this one by default)."""
        stop_orphans(bin_dir)
        if root is None:
            root = Path(tempfile.mkdtemp(prefix=PREFIX))
        else:
            root.mkdir()
        (root / OWNER).write_text(str(owner or os.getpid()))
        server = cls(root, bin_dir, _server_user())
        server.socket_dir.mkdir()
        if server.user is not None:
            entry = pwd.getpwnam(server.user)
            for path in (root, server.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        try:
            server._run(
                [
                    "initdb",
                    "-D",
                    str(server.data_dir),
                    "-U",
                    SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-sync",
                ]
            )
            hba = server.data_dir / "pg_hba.conf"
            hba.write_text(f"local all {ANALYST} scram-sha-256\nlocal all all trust\n")
            options = (
                f"-k {server.socket_dir} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=150 -c shared_buffers=128MB"
            )
            server._run(
                [
                    "pg_ctl",
                    "-D",
                    str(server.data_dir),
                    "-l",
                    str(root / "server.log"),
                    "-o",
                    options,
                    "-w",
                    "start",
                ]
            )
            server.execute(f"CREATE ROLE {ANALYST} LOGIN SUPERUSER PASSWORD '{ANALYST_PASSWORD}'")
        except Exception as error:
            log = root / "server.log"
            detail = log.read_text() if log.exists() else ""
            if (server.data_dir / "postmaster.pid").exists():
                server.stop()  # started, then failed: leave no server behind
            shutil.rmtree(root, ignore_errors=True)
            stderr = getattr(error, "stderr", "") or str(error)
            raise RuntimeError(f"PostgreSQL did not start: {stderr}{detail}") from error
        return server

    @classmethod
    def shared(cls, bin_dir: Path, owner: int) -> PostgresServer:
        """The one server of the test run led by process ``owner`` (pytest-xdist's controller):
        the first worker to need it starts it, the others find it (a lock orders them), and
        the owner stops it (:func:`stop_shared`). One initdb and one server for the run
        instead of one per worker: ≈ 2 s of CPU and 6 s of a worker's wall time each."""
        root = _shared_root(owner)
        with run_lock(owner):
            if (root / READY).exists():
                return cls(root, bin_dir, _server_user())
            server = cls.start(bin_dir, root, owner)
            (root / READY).touch()
            return server

    def stop(self) -> None:
        try:
            self._run(["pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template``; returns its URL."""
        copy_of = "" if template is None else f' TEMPLATE "{template}"'
        self.execute(f'CREATE DATABASE "{name}"{copy_of}')
        return self.url(name)

    def has_database(self, name: str) -> bool:
        return bool(self.query("SELECT 1 FROM pg_database WHERE datname = %s", name))

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def execute(self, sql: str) -> None:
        self.query(sql)

    def query(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        """Run ``sql`` as the superuser on the server's own database; its rows, if any."""
        import psycopg

        with psycopg.connect(
            f"dbname=postgres user={SUPERUSER} host={self.socket_dir}", autocommit=True
        ) as conn:
            cursor = conn.execute(sql.encode(), params or None)
            return cursor.fetchall() if cursor.description else []
