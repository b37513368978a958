"""Refresh speed against a local server: 50 feeds × 20 entries, with and without new entries.

    python benchmarks/bench_refresh.py                  # 50 feeds × 20 entries, --full-pages
    python benchmarks/bench_refresh.py --feeds 10 --entries 5

The server (tests/local_server.py, in a process of its own so it does not share this one's
interpreter) serves the feeds, each entry a two-line summary linking to a page of its own on
the same server: a real page from ../shared/real-world/html, its canonical link, og:url and
title made unique so that every page is a new article (else the store would rightly keep one
article per real page). Everything is on 127.0.0.1, so the per-host limit holds the whole run
to 2 requests at a time.

Goals (issue 15):
- ``claimdesk refresh --full-pages`` of 50 × 20 entries (1,000 pages) in ≤ 30 s on 2 cores;
- a second ``refresh`` with nothing new sends only conditional requests and takes < 0.5 s.

The peer, in the same run: the same pages written to a folder and imported with ``claimdesk
import`` (the file import, whose worker pool the refresh uses), so the refresh's cost above
parsing can be read whatever the machine's load.

Printed: the wall time of each ``claimdesk`` run (a fresh process, as a user runs it, start-up
included) and of the refresh itself (in this process, start-up excluded), the requests the
server saw, and the load average, since the machine may be shared.

CPU: the figure for a ``claimdesk`` run is its own and its workers' (each worker is waited for
when the pool shuts down, so the kernel adds it to claimdesk's children, and claimdesk's to
ours). The local server's CPU is printed apart: it is not claimdesk's work, but it runs on the
same two cores during the run, so the wall time pays for it too.

Compiled modules: ``claimdesk`` runs here as ``make run`` runs it, with the compiled modules of
the install (``PYTHONPYCACHEPREFIX`` = ``.venv/pycache``, where the Makefile keeps them, and
``PYTHONDONTWRITEBYTECODE`` unset so that a module changed since is compiled once). On a
machine that sets ``PYTHONDONTWRITEBYTECODE`` (as this one does) and no prefix, every process,
each worker included, would compile every module it imports from source at each run: about
1.3 s of CPU a process, which no installed claimdesk pays. ``--compile`` measures that case.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REAL_PAGES = [ROOT.parent / "shared" / "real-world" / "html", Path("/work/shared/real-world/html")]
_CANONICAL = re.compile(rb"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+og:url[^>]*>", re.I)
_PARAGRAPH = re.compile(rb"(<p(?:\s[^>]*)?>)(.*?)</p>", re.I | re.S)
_TITLE = re.compile(rb"<title>.*?</title>|<meta[^>]+og:title[^>]*>", re.I | re.S)


def _pages() -> list[bytes]:
    folder = next((p for p in REAL_PAGES if p.is_dir()), None)
    if folder is None:
        raise SystemExit("the real pages (../shared/real-world/html) are not here")
    return [p.read_bytes() for p in sorted(folder.glob("*.html"))]


def _unique(page: bytes, url: str, title: str) -> bytes:
    """The page as a new article at ``url``: its canonical link, its title and a sentence in
    its longest paragraph (the article text, where the fingerprint looks) are its own."""
    page = _CANONICAL.sub(b"", page)
    page = _TITLE.sub(b"", page, count=0)
    head = f'<title>{title}</title><link rel="canonical" href="{url}">'.encode()
    page = re.sub(rb"<head[^>]*>", lambda m: m.group(0) + head, page, count=1, flags=re.I)
    longest = max(_PARAGRAPH.finditer(page), key=lambda m: len(m.group(0)), default=None)
    if longest is None:
        return page
    at = longest.start() + len(longest.group(1))
    return page[:at] + f"{title} is reported here. ".encode() + page[at:]


def _serve(feeds: int, entries: int, conn: Connection) -> None:
    from tests.fetch_helpers import rss
    from tests.local_server import Route, serving

    pages = _pages()
    with serving() as server:
        for f in range(feeds):
            items = []
            for n in range(entries):
                path = f"/page/{f}/{n}"
                url = server.url(path)
                title = f"Dispatch {n} of desk {f}"
                body = _unique(pages[(f * entries + n) % len(pages)], url, title)
                server.add(path, Route(body))
                items.append((title, url, f"<p>{title}: the first lines only…</p>"))
            server.add(
                f"/feed/{f}",
                Route(rss(f"Desk {f}", items), "application/rss+xml", etag=f'"desk-{f}-v1"'),
            )
        conn.send(server.base)
        while True:
            command = conn.recv()
            if command == "stop":
                break
            seen = list(server.requests)
            server.requests.clear()
            used = resource.getrusage(resource.RUSAGE_SELF)
            conn.send(
                {
                    "cpu": used.ru_utime + used.ru_stime,
                    "requests": len(seen),
                    "conditional": sum(1 for r in seen if "If-None-Match" in r.headers),
                    "pages": sum(1 for r in seen if r.path.startswith("/page/")),
                    "most_in_flight": server.most_in_flight,
                }
            )


COMPILED = ROOT / ".venv" / "pycache"
"""Where the Makefile has the install's modules compiled (its ``PYTHONPYCACHEPREFIX``)."""
_ENVIRONMENT: dict[str, str] = dict(os.environ)
"""The environment ``claimdesk`` runs in (see the module's docstring on compiled modules)."""


def _claimdesk(db: str, *args: str) -> tuple[float, float, str]:
    """Run claimdesk; its wall time, the CPU seconds it and its workers used, its summary."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--db", db, *args],
        cwd=ROOT,
        env=_ENVIRONMENT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return seconds, cpu, done.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument(
        "--no-peer",
        dest="peer",
        action="store_false",
        help="skip importing the same pages from files (the peer)",
    )
    parser.add_argument(
        "--compile",
        action="store_true",
        help="run claimdesk without the install's compiled modules (see the docstring)",
    )
    args = parser.parse_args()
    if args.compile:
        _ENVIRONMENT.pop("PYTHONPYCACHEPREFIX", None)
    elif "PYTHONPYCACHEPREFIX" not in _ENVIRONMENT and COMPILED.is_dir():
        _ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(COMPILED)
        _ENVIRONMENT.pop("PYTHONDONTWRITEBYTECODE", None)  # as the Makefile: keep them fresh
    from store.fetch.refresh import refresh_feeds
    from store.fetch.subscriptions import add_subscription
    from store.store import Store

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    server = context.Process(target=_serve, args=(args.feeds, args.entries, theirs))
    server.start()
    base = ours.recv()

    def stats() -> dict[str, Any]:
        ours.send("stats")
        answer: dict[str, Any] = ours.recv()
        return answer

    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")
    prefix = _ENVIRONMENT.get("PYTHONPYCACHEPREFIX")
    print(f"compiled modules: {prefix or 'none (each process compiles what it imports)'}")
    try:
        server_cpu = stats()["cpu"]
        with tempfile.TemporaryDirectory() as folder:
            db = str(Path(folder) / "bench.sqlite3")
            store = Store.open(db)
            for f in range(args.feeds):
                add_subscription(store, f"{base}/feed/{f}")
            store.close()
            pages = args.feeds * args.entries

            seconds, cpu, summary = _claimdesk(db, "refresh", "--full-pages")
            seen = stats()
            print(
                f"first refresh --full-pages, {args.feeds} feeds × {args.entries} entries "
                f"({pages:,} pages): {seconds:.2f} s  (goal ≤ 30 s)"
            )
            print(
                f"  CPU used by claimdesk and its workers: {cpu:.1f} s (on "
                f"{os.cpu_count()} idle cores at least {cpu / (os.cpu_count() or 1):.1f} s)"
            )
            print(f"  {summary}")
            print(
                f"  requests {seen['requests']:,} ({seen['pages']:,} pages), at most "
                f"{seen['most_in_flight']} at a time; the local server's CPU meanwhile "
                f"{seen['cpu'] - server_cpu:.1f} s; load average now {os.getloadavg()[0]:.2f}"
            )

            if args.peer:
                folder_pages = Path(folder) / "pages"
                folder_pages.mkdir()
                real = _pages()
                for f in range(args.feeds):
                    for n in range(args.entries):
                        url = f"{base}/page/{f}/{n}"
                        body = _unique(
                            real[(f * args.entries + n) % len(real)],
                            url,
                            f"Dispatch {n} of desk {f}",
                        )
                        (folder_pages / f"{f:03}-{n:03}.html").write_bytes(body)
                peer_db = str(Path(folder) / "peer.sqlite3")
                seconds, cpu, summary = _claimdesk(peer_db, "import", "-q", str(folder_pages))
                print(
                    f"peer, the same {pages:,} pages imported from files: {seconds:.2f} s, "
                    f"CPU {cpu:.1f} s; load average now {os.getloadavg()[0]:.2f}"
                )
                print(f"  {summary}")

            seconds, cpu, summary = _claimdesk(db, "refresh")
            seen = stats()
            base_seconds, base_cpu, _ = _claimdesk(db, "stats")
            print(
                f"second refresh, nothing new: {seconds:.2f} s as a command "
                f"(start-up included), CPU {cpu:.2f} s"
            )
            print(f"  {summary}")
            print(
                f"  requests {seen['requests']}, conditional {seen['conditional']}; start-up "
                f"peer `claimdesk stats` in the same run: {base_seconds:.2f} s, CPU "
                f"{base_cpu:.2f} s"
            )

            store = Store.open(db)
            started = time.perf_counter()
            report = refresh_feeds(store)
            engine = time.perf_counter() - started
            seen = stats()
            store.close()
            statuses = {r.status for r in report.results}
            print(
                f"third refresh, in this process: {engine:.3f} s  (goal < 0.5 s); "
                f"statuses {sorted(statuses)}; requests {seen['requests']}, conditional "
                f"{seen['conditional']}"
            )
    finally:
        ours.send("stop")
        server.join(timeout=10)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
