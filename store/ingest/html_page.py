"""A saved web page (HTML): the article with its metadata, and its reader comments as a thread.

The article is trafilatura's job: it finds the main text without navigation, bios, donation
boxes or comments, and reads title, author, date, canonical URL, site and tags from the page's
metadata. trafilatura flattens comments into one block of text, so comments are read separately
with selectolax, by CSS selectors kept as data in a :class:`CommentLayout`: supporting another
site's comment markup is adding a layout, not code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode
from trafilatura import bare_extraction
from trafilatura.settings import Document

from store.ingest.errors import ImportFailure
from store.ingest.html_text import node_text, tidy
from store.ingest.urls import canonical_url
from store.records import CommentDraft, DocumentDraft

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_OPEN = re.compile(r"<html\b", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</html\s*>", re.IGNORECASE)

# htmldate gives only the day unless asked for the original timestamp with its time and zone.
_DATE_PARAMS = {"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z",
                "extensive_search": False}


@dataclass(frozen=True, slots=True)
class CommentLayout:
    """Where one kind of comment markup keeps each part of a comment, as CSS selectors.

    ``comment`` matches one comment (in threaded markup its element also holds its replies);
    ``replies`` matches the list of replies inside a comment, which is how a reply is told from
    a top-level comment. ``author``, ``time`` and ``body`` are looked up inside a comment but
    never inside its replies. ``time_attribute`` names the attribute with a machine-readable
    time; without it the element's text is tried.
    """

    name: str
    thread: str
    comment: str
    author: str
    time: str
    body: str
    replies: str
    time_attribute: str = "datetime"


WORDPRESS = CommentLayout(
    name="wordpress",
    thread="ol.comment-list, ol.commentlist",
    comment="li.comment",
    author=".comment-author .fn",
    time="time[datetime]",
    body=".comment-content",
    replies="ol.children",
)

COMMENT_LAYOUTS: list[CommentLayout] = [WORDPRESS]
"""Tried in order; the first layout that finds comments on a page is used."""


def looks_like_html(head: str) -> bool:
    """Whether text starts like an HTML document (a doctype, or an html/head/body tag)."""
    return _HTML_START.match(head) is not None


def parse_html_page(text: str, source: str) -> list[DocumentDraft]:
    """One article with its comments from a saved HTML page.

    A truncated page (an ``<html>`` that never closes) is refused rather than half-imported:
    it has lost its end and usually its comments, and once stored under its URL a later
    complete copy would be taken for the same article and skipped.
    """
    if _HTML_OPEN.search(text) and not _HTML_CLOSE.search(text[-4096:]):
        raise ImportFailure("truncated HTML: the page ends before </html>")
    found = bare_extraction(text, include_comments=False, with_metadata=True,
                            date_extraction_params=_DATE_PARAMS)
    if not isinstance(found, Document) or not (found.text or "").strip():
        raise ImportFailure("no article text found in the HTML")
    body = tidy(found.text or "")
    title = tidy(found.title or "") or body.split("\n", 1)[0][:120]
    return [
        DocumentDraft(
            title=title,
            body=body,
            source=source,
            url=canonical_url(found.url),
            site=found.sitename or found.hostname or None,
            author=found.author or None,
            published=parse_time(found.date),
            images=[found.image] if found.image else [],
            tags=_tags([*(found.categories or []), *(found.tags or [])]),
            comments=read_comments(text),
        )
    ]


def read_comments(html: str, layouts: Sequence[CommentLayout] = COMMENT_LAYOUTS) -> \
        list[CommentDraft]:
    """Comments in page order, each reply pointing at its parent by index."""
    tree = LexborHTMLParser(html)
    for layout in layouts:
        comments = _comments_in(tree, layout)
        if comments:
            return comments
    return []


def _comments_in(tree: LexborHTMLParser, layout: CommentLayout) -> list[CommentDraft]:
    threads = tree.css(layout.thread)
    # Page order is document order; a nested thread list (none in WordPress) is read once.
    nodes: list[LexborNode] = []
    seen: set[int] = set()
    for thread in threads:
        for node in thread.css(layout.comment):
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                nodes.append(node)
    index_of = {node.mem_id: index for index, node in enumerate(nodes)}
    reply_lists = {node.mem_id for thread in threads for node in thread.css(layout.replies)}
    parents = [_parent(node, index_of, reply_lists) for node in nodes]
    kept: dict[int, int] = {}  # index among all comment nodes -> index among those kept
    comments: list[CommentDraft] = []
    for index, node in enumerate(nodes):
        body_node = _own(node, layout.body, index_of)
        body = node_text(body_node) if body_node is not None else ""
        if not body:
            continue  # a deleted or moderated comment: nothing to read or quote
        parent = parents[index]
        while parent is not None and parent not in kept:  # replies to a dropped comment
            parent = parents[parent]  # move up to the nearest comment that was kept
        author_node = _own(node, layout.author, index_of)
        time_node = _own(node, layout.time, index_of)
        posted = None
        if time_node is not None:
            posted = parse_time(time_node.attributes.get(layout.time_attribute)
                                or time_node.text(strip=True))
        kept[index] = len(comments)
        comments.append(CommentDraft(
            author=tidy(author_node.text(separator=" ")) if author_node is not None else "",
            body=body,
            posted=posted,
            parent_index=kept[parent] if parent is not None else None,
        ))
    return comments


def _own(node: LexborNode, selector: str, index_of: dict[int, int]) -> LexborNode | None:
    """The first match of ``selector`` in ``node`` that belongs to it, not to a reply in it."""
    for match in node.css(selector):
        if _nearest_comment(match, index_of) == node.mem_id:
            return match
    return None


def _nearest_comment(node: LexborNode, index_of: dict[int, int]) -> int | None:
    current = node.parent
    while current is not None:
        if current.mem_id in index_of:
            return current.mem_id
        current = current.parent
    return None


def _parent(node: LexborNode, index_of: dict[int, int], reply_lists: set[int]) -> int | None:
    """The index of the comment whose reply list holds ``node``, or None at the top level."""
    current = node.parent
    in_replies = False
    while current is not None:
        if current.mem_id in reply_lists:
            in_replies = True
        elif current.mem_id in index_of:
            return index_of[current.mem_id] if in_replies else None
        current = current.parent
    return None


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time in UTC; a time without a zone is taken to be UTC already."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _tags(values: Sequence[str]) -> list[str]:
    """Tags and categories, split on commas, without duplicates, in the page's order."""
    tags: list[str] = []
    for value in values:
        for tag in value.split(","):
            tag = tidy(tag)
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
    return tags
