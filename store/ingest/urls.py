"""One canonical form for article URLs, so the same article from two sources is stored once.

The store deduplicates on the URL string, so every importer must spell a URL the same way: a
feed's link carries ``utm_*`` parameters and a page's canonical link may carry a ``#comments``
fragment, and neither changes which article it is. courlan (which trafilatura already uses)
lower-cases the host, drops default ports and tracking parameters and sorts the query; we add
dropping the fragment, which courlan keeps.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

from courlan import normalize_url


def canonical_url(url: str | None) -> str | None:
    """The canonical spelling of an absolute http(s) URL; None for anything else.

    A relative or non-web URL (``tag:…`` guids, ``/2024/04/x``) is no key for an article: it
    cannot be followed and two sites could share it, so it is dropped rather than stored.
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        normal = normalize_url(url)
    except ValueError:  # courlan refuses some hosts and ports it cannot parse
        normal = url
    return urldefrag(normal).url
