"""JSON Feed (jsonfeed.org, versions 1.0 and 1.1): one article per item.

A JSON Feed is one object with a ``version`` URL and ``items``; it is told from claimdesk's own
JSON by that ``version``, so it is never refused as a record without a ``kind``. Each item gives
its text as ``content_html`` or ``content_text`` (else ``summary``), its link as ``url`` (else
``external_url``), resolved against the feed's ``home_page_url``/``feed_url`` when relative, its
authors as 1.1's ``authors`` list or 1.0's ``author`` object (the feed's when the item has
none), and ``date_published`` in RFC 3339, kept with its offset.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from store.ingest.errors import ImportFailure
from store.ingest.html_text import html_to_text
from store.ingest.urls import canonical_url
from store.records import DocumentDraft

_VERSION = re.compile(r'"version"\s*:\s*"https?:\\?/\\?/jsonfeed\.org\\?/version\\?/1')


def looks_like_json_feed(head: str) -> bool:
    """Whether text starts like a JSON Feed: an object whose ``version`` is jsonfeed.org's."""
    return head.lstrip("\ufeff \t\r\n").startswith("{") and bool(_VERSION.search(head))


def parse_json_feed(text: str, source: str) -> list[DocumentDraft]:
    """The feed's items as drafts, in feed order, each ``id`` once."""
    try:
        feed = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailure(
            f"invalid JSON Feed: line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise ImportFailure("a JSON Feed without an items list")
    base = _text_field(feed, "feed_url") or _text_field(feed, "home_page_url")
    site = _text_field(feed, "title") or None
    feed_author = _authors(feed)
    drafts: list[DocumentDraft] = []
    seen: set[str] = set()
    for number, item in enumerate(feed["items"], 1):
        if not isinstance(item, dict):
            raise ImportFailure(f"item {number}: not a JSON object")
        key = str(item.get("id") or item.get("url") or "")
        if key and key in seen:
            continue
        seen.add(key)
        draft = _item_draft(item, number, source, base, site, feed_author)
        if draft is not None:
            drafts.append(draft)
    if not drafts:
        raise ImportFailure("the feed has no items with text")
    return drafts


def _item_draft(
    item: dict[str, Any],
    number: int,
    source: str,
    base: str | None,
    site: str | None,
    feed_author: str | None,
) -> DocumentDraft | None:
    html = _text_field(item, "content_html")
    body = (
        html_to_text(html)
        if html
        else _text_field(item, "content_text").strip() or html_to_text(_text_field(item, "summary"))
    )
    title = (
        html_to_text(_text_field(item, "title")).replace("\n", " ") or body.split("\n", 1)[0][:120]
    )
    if not title and not body:
        return None
    link = _text_field(item, "url") or _text_field(item, "external_url")
    if link and base:
        link = urljoin(base, link)
    images = [v for v in (_text_field(item, "image"), _text_field(item, "banner_image")) if v]
    tags = item.get("tags")
    return DocumentDraft(
        title=title,
        body=body,
        source=source,
        url=canonical_url(link) or canonical_url(str(item.get("id") or "")),
        site=site,
        author=_authors(item) or feed_author,
        published=_date(item.get("date_published") or item.get("date_modified")),
        images=images,
        tags=[t for t in tags if isinstance(t, str) and t.strip()]
        if isinstance(tags, list)
        else [],
    )


def _text_field(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return value if isinstance(value, str) else ""


def _authors(data: dict[str, Any]) -> str | None:
    """1.1's ``authors`` (names joined with "and"), else 1.0's ``author``."""
    people = data.get("authors")
    if not isinstance(people, list):
        people = [data.get("author")]
    names = [
        p["name"].strip()
        for p in people
        if isinstance(p, dict) and isinstance(p.get("name"), str) and p["name"].strip()
    ]
    return " and ".join(names) or None


def _date(value: Any) -> datetime | None:
    """RFC 3339 with its offset; a date that is not one is no date (the item still counts)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
