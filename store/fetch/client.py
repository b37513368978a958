"""One HTTP GET as claimdesk does it: polite, bounded, conditional, and one line when it fails.

httpx does the HTTP (connection pooling, gzip/deflate/br decoding, charsets, redirects' next
request); this module adds what a feed reader owes the servers it polls and the store it fills:

- a User-Agent naming claimdesk and its version;
- at most :data:`PER_HOST` requests at a time to one host, counted per hop: redirects are
  followed here one at a time (with httpx's ``next_request``), so a hop to another host waits
  for that host's turn, and a loop ends after :data:`MAX_REDIRECTS`;
- a timeout for each phase (httpx) and for the whole exchange (here, between chunks), so a
  server that trickles bytes cannot hold a worker forever;
- the file import's size limit, checked on Content-Length before the body is read and on the
  decoded bytes as they stream in (so a small gzip that inflates hugely is refused too);
- conditional requests (If-None-Match, If-Modified-Since) when the caller knows a validator.

Every failure is a :class:`FetchError` whose text is one line: ``404 Not Found``, ``timed out
after 30 s``, ``too large: more than 32 MB``, ``too many redirects (more than 5)``.
"""

from __future__ import annotations

import functools
import re
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import urlsplit

import certifi
import httpx

from store.ingest.reading import MAX_BYTES

PER_HOST = 2
"""Requests in flight to one host at once, whatever the number of feeds it serves."""
FETCH_THREADS = 16
"""Threads waiting on the network; the per-host limit, not this, bounds each server's load."""
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 30.0
CHUNK_BYTES = 64 * 1024


def user_agent() -> str:
    """``claimdesk/<version>``: servers can tell who polls them, and which release."""
    try:
        version = metadata.version("claimdesk")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        version = "dev"
    return f"claimdesk/{version} (+feed reader)"


class FetchError(Exception):
    """A URL could not be fetched; ``str()`` is one line saying why."""


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies its last answer, for a conditional request next time."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """A completed GET: ``body`` is None when the server answered 304 Not Modified."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where the answer came from, after redirects."""
    status: int
    body: bytes | None
    content_type: str
    """The media type alone, lower case (``application/rss+xml``); empty when not sent."""
    charset: str | None
    validators: Validators
    seconds: float

    @property
    def not_modified(self) -> bool:
        return self.body is None


class HostLimits:
    """A semaphore per host, made on first use; shared by every thread of one fetcher."""

    def __init__(self, per_host: int = PER_HOST) -> None:
        self._per_host = per_host
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.BoundedSemaphore] = {}
        self._active: dict[str, int] = {}
        self.most_at_once: dict[str, int] = {}
        """The largest number of requests seen in flight per host (the tests check it)."""

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._semaphores.setdefault(
                host, threading.BoundedSemaphore(self._per_host)
            )
        with semaphore:
            with self._lock:
                self._active[host] = self._active.get(host, 0) + 1
                self.most_at_once[host] = max(self.most_at_once.get(host, 0), self._active[host])
            try:
                yield
            finally:
                with self._lock:
                    self._active[host] -= 1


class Fetcher:
    """One httpx client (its connection pool) shared by the threads of a refresh or import.

    Thread-safe: httpx's Client may be used from several threads, and the host limits are
    guarded by a lock.
    """

    def __init__(
        self,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = MAX_BYTES,
        per_host: int = PER_HOST,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.limits = HostLimits(per_host)
        self._cancelled = threading.Event()
        self._client = httpx.Client(
            headers={"User-Agent": user_agent()},
            verify=_tls_context(),
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=32),
        )

    def close(self) -> None:
        self._client.close()

    def cancel(self) -> None:
        """End every request now: those in flight fail as their connections close, those
        waiting for their host's turn fail when they get it (leaving the app mid-refresh)."""
        self._cancelled.set()
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(self, url: str, validators: Validators | None = None) -> Fetched:
        """GET ``url`` (following redirects); raises :class:`FetchError` with one line."""
        started = time.monotonic()
        headers: dict[str, str] = {}
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        try:
            request = self._client.build_request("GET", url, headers=headers)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise FetchError(f"not a URL claimdesk can fetch: {error}") from error
        try:
            return self._follow(url, request, started)
        except (httpx.HTTPError, RuntimeError) as error:
            if self._cancelled.is_set():
                raise FetchError("cancelled") from error
            raise self._failure(error) from error

    def _failure(self, error: Exception) -> FetchError:
        """httpx's exception as one line a user can act on."""
        if isinstance(error, httpx.TimeoutException):
            return FetchError(f"timed out after {self.timeout:g} s")
        if isinstance(error, httpx.UnsupportedProtocol):
            return FetchError(f"not an http(s) URL: {error}")
        if isinstance(error, httpx.DecodingError):
            return FetchError(f"the server's compressed data is broken: {error}")
        if isinstance(error, httpx.HTTPError):  # connection refused, reset, bad response, DNS…
            return FetchError(_one_line(error))
        return FetchError(f"{type(error).__name__}: {error}")

    def _follow(self, url: str, request: httpx.Request, started: float) -> Fetched:
        for _hop in range(self.max_redirects + 1):
            host = request.url.host
            with self.limits.turn(host):
                if self._cancelled.is_set():
                    raise FetchError("cancelled")
                response = self._client.send(request, stream=True)
                try:
                    if response.next_request is None:
                        return self._answer(url, response, started)
                    following = response.next_request
                finally:
                    response.close()
            request = following
        raise FetchError(f"too many redirects (more than {self.max_redirects})")

    def _answer(self, url: str, response: httpx.Response, started: float) -> Fetched:
        status = response.status_code
        validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        common = {
            "url": url,
            "final_url": str(response.url),
            "status": status,
            "content_type": content_type,
            "charset": response.charset_encoding,
            "validators": validators,
        }
        if status == 304:
            return Fetched(body=None, seconds=time.monotonic() - started, **common)
        if status >= 300:
            reason = response.reason_phrase or httpx.codes.get_reason_phrase(status)
            raise FetchError(f"{status} {reason}".strip())
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(self._too_large(int(declared)))
        body = bytearray()
        for chunk in response.iter_bytes(CHUNK_BYTES):
            body += chunk
            if len(body) > self.max_bytes:
                raise FetchError(self._too_large(None))
            if time.monotonic() - started > self.timeout:
                raise FetchError(f"timed out after {self.timeout:g} s (still sending)")
        return Fetched(body=bytes(body), seconds=time.monotonic() - started, **common)

    def _too_large(self, size: int | None) -> str:
        limit = f"{self.max_bytes / 1e6:g} MB"
        if size is None:
            return f"too large: more than the {limit} limit"
        return f"too large: {size / 1e6:.1f} MB (the limit is {limit})"


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default TLS settings (certifi's CAs), made once per process: loading the CAs
    took 0.1 s of a 0.2 s refresh of fifty unchanged feeds, and the app refreshes often."""
    return ssl.create_default_context(cafile=certifi.where())


def host_of(url: str) -> str:
    """The host a URL names, lower case ('' when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_web_url(text: str) -> bool:
    """Whether a command-line argument is an http(s) URL rather than a path."""
    lowered = text.strip().lower()
    return lowered.startswith(("http://", "https://")) and bool(host_of(text))


_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")
"""The "[Errno 111] " that socket errors carry: the words after it are what a user reads."""


def _one_line(error: httpx.HTTPError) -> str:
    text = _ERRNO.sub("", " ".join(str(error).split())) or type(error).__name__
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect: {text}"
    return text
