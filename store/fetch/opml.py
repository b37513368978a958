"""Lists of subscriptions in and out: OPML 2.0 (every feed reader's), and newsboat's ``urls``.

Reading OPML is listparser's job (feedparser's author; it reads OPML's dialects, takes tags
from ``category`` and from the folders an outline sits in, and parses with lxml's HTML parser,
which never expands entities or fetches DTDs: a billion-laughs file stays a few bytes). Writing
is the standard library's ElementTree: we write only what we know.

A newsboat ``urls`` file is one feed a line: the URL, then tags, quoted when they hold spaces;
``~Title`` names the feed, ``!`` hides it (kept, we hide nothing), ``#`` starts a comment line,
and ``query:`` / ``exec:`` / ``filter:`` lines are newsboat's own, so they are passed over.
"""

from __future__ import annotations

import shlex
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

import listparser

from store.fetch.client import is_web_url
from store.fetch.subscriptions import Subscription


@dataclass(frozen=True, slots=True)
class ListedFeed:
    """A feed named in a list file, with the tags and title the list gives it."""

    url: str
    tags: tuple[str, ...] = ()
    title: str | None = None


@dataclass(slots=True)
class FeedList:
    """What a list file holds, and one line for each entry that could not be used."""

    feeds: list[ListedFeed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class FeedListError(ValueError):
    """The file is no list of feeds claimdesk reads; ``str()`` is one line."""


def read_feed_list(data: bytes) -> FeedList:
    """An OPML file or a newsboat ``urls`` file, told apart by whether it starts with ``<``."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise FeedListError("empty file")
    if head.startswith(b"<"):
        return read_opml(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FeedListError("not UTF-8 text, nor OPML") from error
    return read_newsboat_urls(text)


def read_opml(data: bytes) -> FeedList:
    parsed = listparser.parse(data)
    if parsed.get("bozo") and not parsed.get("feeds"):
        raise FeedListError(f"not a readable OPML file: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.get("feeds"):
        raise FeedListError("not an OPML file (no <opml> with feeds in it)")
    found = FeedList()
    for feed in parsed["feeds"]:
        url = (feed.get("url") or "").strip()
        if not is_web_url(url):
            found.problems.append(
                f"passed over {url or 'an outline without xmlUrl'}: not an http(s) URL"
            )
            continue
        tags = tuple(dict.fromkeys(tag.strip() for tag in feed.get("tags", []) if tag.strip()))
        title = (feed.get("title") or "").strip() or None
        found.feeds.append(ListedFeed(url, tags, None if title == url else title))
    return found


def read_newsboat_urls(text: str) -> FeedList:
    found = FeedList()
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            words = shlex.split(stripped)
        except ValueError as error:
            found.problems.append(f"line {number}: {error}")
            continue
        if not words:
            continue
        url, rest = words[0], words[1:]
        if not is_web_url(url):
            found.problems.append(f"line {number}: passed over {url!r}: not an http(s) URL")
            continue
        title = next((word[1:] for word in rest if word.startswith("~") and len(word) > 1), None)
        tags = tuple(dict.fromkeys(word for word in rest if not word.startswith(("~", "!"))))
        found.feeds.append(ListedFeed(url, tags, title))
    return found


def write_opml(subscriptions: Sequence[Subscription], now: datetime | None = None) -> bytes:
    """OPML 2.0: one ``rss`` outline per feed, its tags as ``category`` (comma-separated)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "claimdesk subscriptions"
    ET.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(UTC))
    body = ET.SubElement(root, "body")
    for subscription in subscriptions:
        name = subscription.title or subscription.url
        attributes = {"type": "rss", "text": name, "title": name, "xmlUrl": subscription.url}
        if subscription.tags:
            attributes["category"] = ",".join(tag.replace(",", " ") for tag in subscription.tags)
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"
