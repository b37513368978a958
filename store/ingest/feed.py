"""RSS and Atom feeds: one article per entry, read by feedparser.

feedparser knows the dialects (RSS 0.9x-2.0, RDF, Atom 0.3/1.0), normalises dates to UTC and
sanitises entry HTML; we turn that HTML into text, and refuse a feed that is not well-formed
XML instead of importing what feedparser's lenient fallback guessed from it.
"""

from __future__ import annotations

import io
import re
import time
import xml.sax
from datetime import UTC, datetime
from email.utils import parseaddr
from typing import Any

import feedparser

from store.ingest.errors import ImportFailure
from store.ingest.html_text import html_to_text
from store.ingest.urls import canonical_url
from store.records import DocumentDraft

_FEED_START = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*|<!--.*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*"
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
    site = _text(parsed.feed.get("title", "")) or None
    drafts: list[DocumentDraft] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        key = entry.get("id") or entry.get("link")
        if key:
            if key in seen:
                continue
            seen.add(key)
        draft = _entry_draft(entry, source, site)
        if draft is not None:
            drafts.append(draft)
    if not drafts:
        raise ImportFailure("the feed has no entries with text")
    return drafts


def _entry_draft(entry: Any, source: str, site: str | None) -> DocumentDraft | None:
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    body = html_to_text(html or "")
    title = _text(entry.get("title", "")) or body.split("\n", 1)[0][:120]
    if not title and not body:
        return None
    guid = entry.get("id")
    url = canonical_url(entry.get("link")) or canonical_url(guid)
    return DocumentDraft(
        title=title,
        body=body,
        source=source,
        url=url,
        site=site,
        author=_author(entry.get("author")),
        published=_utc(entry.get("published_parsed") or entry.get("updated_parsed")),
        tags=[t["term"] for t in entry.get("tags", []) if t.get("term")],
    )


def _text(value: str) -> str:
    return html_to_text(value).replace("\n", " ")


def _author(value: str | None) -> str | None:
    """The author's name; RSS writes ``email (Name)``, which must not become the name."""
    if not value:
        return None
    if "@" in value:
        name, address = parseaddr(value)
        return name or address or None
    return _text(value) or None


def _utc(moment: time.struct_time | None) -> datetime | None:
    """feedparser's parsed times are already in UTC."""
    if moment is None:
        return None
    return datetime(*moment[:6], tzinfo=UTC)


def _where(problem: xml.sax.SAXException) -> str:
    if isinstance(problem, xml.sax.SAXParseException):
        return f"line {problem.getLineNumber()}: {problem.getMessage()}"
    return str(problem.getMessage())
