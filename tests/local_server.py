"""A real HTTP server on 127.0.0.1 for the fetching tests and the refresh benchmark.

The standard library's threading server with a handler that serves a table of routes the test
fills (body, type, status, validators, delay, compression, redirects, endless bodies) and keeps
every request it saw, so a test can check what claimdesk sent (conditional headers, the
User-Agent) and how many requests were in flight to it at once. HTTP/1.1 keep-alive, as a real
server would, so a refresh reuses its connections.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(slots=True)
class Route:
    """What one path answers."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    """Seconds to wait before answering (a server slower than the client's timeout)."""
    gate: threading.Event | None = None
    """Answer only once this is set (at most 60 s): a page as slow as the test wants it."""
    gzip: bool = False
    location: str | None = None
    """Answer with a 302 to this path or URL."""
    endless: bool = False
    """Send the body again and again, without a Content-Length, until the client leaves."""
    cut_after: int | None = None
    """Announce the whole body but send only this many bytes, then hang up (a dropped
    transfer)."""
    claimed_length: int | None = None
    """A Content-Length to send (larger than the body); then trickle bytes until the client
    leaves, so a client that reads it all would hang."""


@dataclass(slots=True)
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    """The running server: its base URL, its routes, and the requests it saw."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def seen(self, path: str) -> list[Seen]:
        return [request for request in self.requests if request.path == path]


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the tests read :attr:`LocalServer.requests` instead."""

        def do_GET(self) -> None:
            with server.lock:
                server.requests.append(Seen(self.path, dict(self.headers.items())))
                server.in_flight += 1
                server.most_in_flight = max(server.most_in_flight, server.in_flight)
            try:
                self._answer()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            finally:
                with server.lock:
                    server.in_flight -= 1

        def _answer(self) -> None:
            route = server.routes.get(self.path)
            if route is None:
                self._send(404, b"not here", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.gate is not None:
                route.gate.wait(60)
            if route.location is not None:
                self.send_response(302)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
            ):
                self.send_response(304)
                self._validators(route)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.endless or route.claimed_length is not None:
                self._endless(route)
                return
            if route.cut_after is not None:
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body[: route.cut_after])
                self.close_connection = True
                return
            body = route.body
            extra: dict[str, str] = {}
            if route.gzip:
                body = gzip.compress(body)
                extra["Content-Encoding"] = "gzip"
            self._send(route.status, body, route.content_type, route, extra)

        def _validators(self, route: Route) -> None:
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)

        def _send(
            self,
            status: int,
            body: bytes,
            content_type: str,
            route: Route | None = None,
            extra: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if route is not None:
                self._validators(route)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _endless(self, route: Route) -> None:
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Connection", "close")
            self.close_connection = True
            if route.claimed_length is not None:
                self.send_header("Content-Length", str(route.claimed_length))
            self.end_headers()
            piece = route.body or b"<p>more</p>\n" * 5000
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                self.wfile.write(piece)
                self.wfile.flush()
                if route.claimed_length is not None:
                    time.sleep(0.05)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (a refused body, a cancelled refresh) is no server error."""


@contextmanager
def serving() -> Iterator[LocalServer]:
    """Start a server on a free port of 127.0.0.1 in a thread; stop it on leaving."""
    holder = LocalServer(base="")
    httpd = _QuietServer(("127.0.0.1", 0), _handler(holder))
    holder.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield holder
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
