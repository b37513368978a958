"""RSS and Atom feeds: one article per entry, read by feedparser.

feedparser knows the dialects (RSS 0.9x-2.0, RDF, Atom 0.3/1.0), resolves links against
``xml:base`` and sanitises entry HTML; we turn that HTML into text, and refuse a feed that is not
well-formed XML instead of importing what feedparser's lenient fallback guessed from it. What
feedparser leaves undone, done here:

- a link still relative (no ``xml:base``) is resolved against the feed's own URL (its ``self``
  link), else its site's (``<link>``): a saved file has no address of its own;
- an entry without an author has the feed's author (Atom says so; RSS feeds mean it);
- a date is read as written: its zone offset is kept ("18:15:58-05:00" stays 18:15 at -05:00),
  a date without a zone is taken as written (UTC), never shifted; a date feedparser cannot read
  (day or month names in the feed's language, "Mi, 03 Jan 2018") is read in that language.
"""

from __future__ import annotations

import io
import re
import time
import xml.sax
from datetime import UTC, datetime
from email.utils import parseaddr, parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from store.ingest.bylines import clean_byline
from store.ingest.errors import ImportFailure
from store.ingest.html_text import html_to_text
from store.ingest.posted_time import PageClock, parse_written_time
from store.ingest.urls import canonical_url
from store.records import DocumentDraft

# The prologue's parts are taken once each, never re-tried (possessive ``*+``, atomic ``(?>)``):
# with backtracking, a page opening with many "<!--[if IE]>" comments made the lazy comment
# pattern stretch across later comments, half a second per page on real pages.
_FEED_START = re.compile(
    r"^\s*(?>(?:<\?xml[^>]*\?>|<!--.*?-->|<\?xml-stylesheet[^>]*\?>|<!DOCTYPE[^>]*>)\s*)*+"
    r"<(?:rss|feed|rdf:RDF)\b",
    re.IGNORECASE | re.DOTALL,
)
# The text was decoded already (see store.ingest.reading); it is handed back as UTF-8 and the
# header says so, which takes precedence over the feed's own encoding declaration.
_AS_UTF8 = {"content-type": "application/xml; charset=utf-8"}


def looks_like_feed(head: str) -> bool:
    """Whether text starts like an RSS, RDF or Atom document."""
    return _FEED_START.match(head) is not None


def parse_feed(text: str, source: str) -> list[DocumentDraft]:
    """The feed's entries as drafts, in feed order, each entry once (by guid, else by link)."""
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=_AS_UTF8)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXException):
        raise ImportFailure(f"not a well-formed feed: {_where(problem)}")
    feed = _FeedContext(
        site=_text(parsed.feed.get("title", "")) or None,
        base=_base_url(parsed.feed, source),
        author=_author(parsed.feed.get("author")),
        clock=PageClock.for_locale(parsed.feed.get("language")),
    )
    drafts: list[DocumentDraft] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        key = entry.get("id") or entry.get("link")
        if key:
            if key in seen:
                continue
            seen.add(key)
        draft = _entry_draft(entry, source, feed)
        if draft is not None:
            drafts.append(draft)
    if not drafts:
        raise ImportFailure("the feed has no entries with text")
    return drafts


class _FeedContext:
    """What a feed gives every entry: its site name, the URL relative links are resolved
    against, its author (for entries without one) and how its dates are written."""

    def __init__(self, site: str | None, base: str | None, author: str | None, clock: PageClock):
        self.site, self.base, self.author, self.clock = site, base, author, clock


def _base_url(feed: Any, source: str) -> str | None:
    """What relative links mean: the feed's own URL (``rel="self"``), else the address it was
    fetched from (a ``source`` that is a web address), else its site's."""
    for link in feed.get("links") or []:
        if link.get("rel") == "self" and _absolute(link.get("href")):
            return str(link["href"])
    if _absolute(source):
        return source
    home = feed.get("link")
    return str(home) if _absolute(home) else None


def _absolute(url: Any) -> bool:
    return isinstance(url, str) and urlsplit(url).scheme in ("http", "https")


def _entry_draft(entry: Any, source: str, feed: _FeedContext) -> DocumentDraft | None:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    body = html_to_text(html or "")
    title = _text(entry.get("title", "")) or body.split("\n", 1)[0][:120]
    if not title and not body:
        return None
    guid = entry.get("id")
    link = entry.get("link")
    if link and feed.base and not _absolute(link):
        link = urljoin(feed.base, link)
    url = canonical_url(link) or canonical_url(guid)
    return DocumentDraft(
        title=title,
        body=body,
        source=source,
        url=url,
        site=feed.site,
        author=_author(entry.get("author")) or feed.author,
        published=_date(entry, "published", feed.clock) or _date(entry, "updated", feed.clock),
        tags=[t["term"] for t in entry.get("tags", []) if t.get("term")],
    )


def _date(entry: Any, name: str, clock: PageClock) -> datetime | None:
    """The entry's date as written, offset kept; feedparser's UTC reading when ours fails."""
    written = entry.get(name)
    if isinstance(written, str) and written.strip():
        moment = _as_written(written.strip())
        if moment is not None:
            return moment
    parsed = _utc(entry.get(f"{name}_parsed"))
    if parsed is not None:
        return parsed
    if isinstance(written, str):
        return parse_written_time(written, clock)
    return None


def _as_written(value: str) -> datetime | None:
    """ISO 8601 / RFC 3339 or RFC 822, with the offset the feed wrote (a naive one as UTC)."""
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _text(value: str) -> str:
    return html_to_text(value).replace("\n", " ")


def _author(value: str | None) -> str | None:
    """The author's name; RSS writes ``email (Name)``, which must not become the name, and a
    bare address ("robot@craigslist.org") names no one."""
    if not value:
        return None
    if "@" in value:
        name, _address = parseaddr(value)
        return clean_byline(name) if name else None
    return clean_byline(_text(value))


def _utc(moment: time.struct_time | None) -> datetime | None:
    """feedparser's parsed times are already in UTC."""
    if moment is None:
        return None
    return datetime(*moment[:6], tzinfo=UTC)


def _where(problem: xml.sax.SAXException) -> str:
    if isinstance(problem, xml.sax.SAXParseException):
        return f"line {problem.getLineNumber()}: {problem.getMessage()}"
    return str(problem.getMessage())
