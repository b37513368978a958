"""Reader comments of a saved page as a thread, read by the layouts of :mod:`comment_layouts`.

Every step is linear in the size of the page, whatever the depth of its threads (a thread
8,000 replies deep reads in time proportional to its length, not its square):

- the comments are one CSS query, in page order (which is the comments' ``position``);
- a comment's parent is found by walking up from it only to the nearest comment above it;
- each part (author, time, body) is one CSS query over the page per selector, and each match
  is given to the nearest comment above it, so a comment never takes its reply's author;
- a body's text is read without descending into the replies inside it, so each element of
  the page is read at most once.

Schema.org ``Comment`` objects in JSON-LD are read when no markup layout finds comments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from store.ingest.comment_layouts import COMMENT_LAYOUTS, CommentLayout
from store.ingest.html_text import html_to_text, node_text_without, tidy
from store.ingest.posted_time import PageClock, parse_machine_time, parse_written_time
from store.records import CommentDraft

_SPEECH = re.compile(
    r"\s*(?:says|said|wrote|writes|sagt|schreibt|schrieb|meint|dijo|dice|escribió|escribe|"
    r"a dit|dit|écrit|zegt|schreef|disse|scrive|ha scritto|skriver|napisał|пишет|говорит)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_BY = re.compile(r"^(?:by|von|por|par|door|di)\s+", re.IGNORECASE)
_AUTHOR_NOISE = ".says, .avatar, img, svg, .comment-reply-link, .reply"


@dataclass(slots=True)
class _Entry:
    """One comment element found on the page (or several, when one wraps the other)."""

    node: LexborNode
    parent: int | None
    skipped: bool = False
    parts: dict[str, LexborNode] = field(default_factory=dict)
    times: list[LexborNode] = field(default_factory=list)


def read_comments(
    html: str, layouts: Sequence[CommentLayout] = COMMENT_LAYOUTS, clock: PageClock | None = None
) -> list[CommentDraft]:
    """Comments in page order, each reply pointing at its parent by index."""
    return comments_in_tree(LexborHTMLParser(html), layouts, clock or PageClock())


def comments_in_tree(
    tree: LexborHTMLParser,
    layouts: Sequence[CommentLayout] = COMMENT_LAYOUTS,
    clock: PageClock | None = None,
) -> list[CommentDraft]:
    """As :func:`read_comments`, on a page already parsed (the parse is shared)."""
    clock = clock or PageClock()
    for layout in layouts:
        comments = _LayoutReader(tree, layout, clock).comments()
        if comments:
            return comments
    return json_ld_comments(tree, clock)


class _LayoutReader:
    """One layout applied to one page."""

    def __init__(self, tree: LexborHTMLParser, layout: CommentLayout, clock: PageClock):
        self.tree, self.layout, self.clock = tree, layout, clock
        self.entries: list[_Entry] = []
        self.entry_of: dict[int, int] = {}  # element -> its entry (wrappers share one)

    def comments(self) -> list[CommentDraft]:
        nodes = self.tree.css(self.layout.comment)
        if not nodes:
            return []
        if self.layout.depth:
            self._flat(nodes)
        else:
            self._nested(nodes)
        if not self.entries:
            return []
        self._mark_skipped()
        self._assign("author", self.layout.author)
        self._assign("body", self.layout.body)
        self._assign_times()
        return self._drafts()

    # -- structure ------------------------------------------------------------------------

    def _ids(self, selector: str | None) -> set[int]:
        return {node.mem_id for node in self.tree.css(selector)} if selector else set()

    def _nested(self, nodes: list[LexborNode]) -> None:
        replies, threads = self._ids(self.layout.replies), self._ids(self.layout.thread)
        for node in nodes:
            in_replies, in_thread = False, self.layout.thread is None
            above: int | None = None
            current = node.parent
            while current is not None:
                key = current.mem_id
                if key in replies:
                    in_replies = True
                    before = _previous_element(current)
                    if before is not None and before.mem_id in self.entry_of:
                        above = self.entry_of[before.mem_id]  # "</li> <ul class=children>"
                        break
                if key in self.entry_of:
                    above = self.entry_of[key]
                    break
                if key in threads and not in_replies:
                    in_thread = True
                    break
                current = current.parent
            if above is not None and self.layout.replies is not None and not in_replies:
                self.entry_of[node.mem_id] = above  # a wrapper inside the same comment
            elif above is not None or in_thread:
                self.entry_of[node.mem_id] = len(self.entries)
                self.entries.append(_Entry(node, above))

    def _flat(self, nodes: list[LexborNode]) -> None:
        """Parents from written depths: the nearest earlier comment one level up."""
        depths = self._depths(nodes)
        open_at: list[tuple[int, int]] = []  # (depth, entry), depths increasing
        for node in nodes:
            if node.mem_id in self.entry_of:
                continue
            depth = depths.get(node.mem_id, 0)
            while open_at and open_at[-1][0] >= depth:
                open_at.pop()
            self.entry_of[node.mem_id] = len(self.entries)
            self.entries.append(_Entry(node, open_at[-1][1] if open_at else None))
            open_at.append((depth, len(self.entries) - 1))

    def _depths(self, nodes: list[LexborNode]) -> dict[int, int]:
        item_ids = {node.mem_id for node in nodes}
        depths: dict[int, int] = {}
        for way in self.layout.depth:
            for match in self.tree.css(way.selector):
                owner = _nearest(match, item_ids)
                value = match.attributes.get(way.attribute)
                if owner is None or owner in depths or not value or not value.isdigit():
                    continue
                depths[owner] = int(value) // way.unit
        return depths

    def _mark_skipped(self) -> None:
        for match in self.tree.css(self.layout.skip) if self.layout.skip else []:
            entry = self.entry_of.get(match.mem_id)
            if entry is not None and self.entries[entry].node.mem_id == match.mem_id:
                self.entries[entry].skipped = True

    # -- parts ----------------------------------------------------------------------------

    def _owned(self, selector: str) -> Iterator[tuple[_Entry, LexborNode]]:
        """Each match of ``selector`` with the comment it belongs to (the nearest above)."""
        for match in self.tree.css(selector):
            owner = _nearest(match, self.entry_of)
            if owner is not None:
                yield self.entries[self.entry_of[owner]], match

    def _assign(self, part: str, selectors: tuple[str, ...]) -> None:
        missing = len(self.entries)
        for selector in selectors:
            for entry, match in self._owned(selector):
                if part not in entry.parts and match.mem_id != entry.node.mem_id:
                    entry.parts[part] = match
                    missing -= 1
            if not missing:
                return

    def _assign_times(self) -> None:
        for selector in self.layout.time:
            for entry, match in self._owned(selector):
                entry.times.append(match)

    # -- text -----------------------------------------------------------------------------

    def _drafts(self) -> list[CommentDraft]:
        noise = self._ids(self.layout.noise) | self._ids(self.layout.replies)
        author_noise = self._ids(_AUTHOR_NOISE) | noise  # a name box may hold its date too
        items = set(self.entry_of)
        kept: dict[int, int] = {}  # entry -> index among the comments kept
        comments: list[CommentDraft] = []
        for index, entry in enumerate(self.entries):
            own = {n.mem_id for n in entry.parts.values()} | {n.mem_id for n in entry.times}
            body_node = entry.parts.get("body")
            if body_node is None and self.layout.whole_as_body:
                body_node = entry.node
            body = ""
            if body_node is not None and not entry.skipped:
                body = node_text_without(body_node, _AnyOf(noise, items, own))
            parent = entry.parent
            while parent is not None and parent not in kept:  # replies to a dropped comment
                parent = self.entries[parent].parent
            if not body or body in self.layout.deleted:
                continue  # deleted, moderated or left out: nothing to read or quote
            author_node = entry.parts.get("author")
            author = ""
            if self.layout.own_author:
                author = clean_author(entry.node.attributes.get(self.layout.own_author) or "")
            if not author and author_node is not None:
                author = clean_author(node_text_without(author_node, _AnyOf(author_noise, items)))
            if author in self.layout.deleted:
                author = ""
            kept[index] = len(comments)
            comments.append(
                CommentDraft(
                    author=author,
                    body=body,
                    posted=self._posted(entry, _AnyOf(items, author_noise, own)),
                    parent_index=kept[parent] if parent is not None else None,
                )
            )
        return comments

    def _posted(self, entry: _Entry, excluded: _AnyOf) -> datetime | None:
        if self.layout.own_time:
            moment = parse_machine_time(entry.node.attributes.get(self.layout.own_time), self.clock)
            if moment is not None:
                return moment
        author = entry.parts.get("author")
        for node in entry.times:
            for name in self.layout.time_attributes:
                moment = parse_machine_time(node.attributes.get(name), self.clock)
                if moment is not None:
                    return moment
            title = node.attributes.get("title")  # "Jun 3, 2015 at 8:15 PM" over "Jun 3"
            moment = parse_written_time(title, self.clock) if title else None
            if moment is not None:
                return moment
            # The node's own text, without its author's name or the other parts inside it.
            hidden = _AnyOf(
                *excluded.sets, {author.mem_id} if author is not None else set(), keep=node.mem_id
            )
            moment = parse_written_time(node_text_without(node, hidden), self.clock)
            if moment is not None:
                return moment
        return None


class _AnyOf:
    """Membership in any of several sets, without building their union for every comment
    (that union, of every comment's elements, made a deep thread quadratic)."""

    def __init__(self, *sets: set[int], keep: int | None = None):
        self.sets, self.keep = sets, keep

    def __contains__(self, key: object) -> bool:
        return key != self.keep and any(key in s for s in self.sets)


def _previous_element(node: LexborNode) -> LexborNode | None:
    """The element just before ``node`` among its siblings (text and comments passed over).

    Some themes close a comment's ``<li>`` before its reply list; the HTML parser then puts the
    list beside the comment, and the comment it answers is the element right before it.
    """
    before = node.prev
    while before is not None and (before.tag or "-").startswith("-"):
        before = before.prev
    return before


def _nearest(node: LexborNode, keys: dict[int, int] | set[int]) -> int | None:
    """The element of ``keys`` nearest above ``node`` (or ``node`` itself), else None."""
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id in keys:
            return current.mem_id
        current = current.parent
    return None


def clean_author(text: str) -> str:
    """A commenter's name without "says:" or a leading "by"."""
    name = tidy(text.replace("\n", " "))
    name = _SPEECH.sub("", name)
    return _BY.sub("", name).strip(" :,-–—|·•")


# -- schema.org JSON-LD ---------------------------------------------------------------------


def json_ld_comments(tree: LexborHTMLParser, clock: PageClock) -> list[CommentDraft]:
    """Comments in the page's JSON-LD (``"@type": "Comment"`` objects under ``comment``), in
    the order written, a comment's own ``comment`` list being its replies."""
    comments: list[CommentDraft] = []
    for script in tree.css("script[type='application/ld+json']"):
        try:
            data = json.loads(script.text(deep=True) or "null")
        except (json.JSONDecodeError, RecursionError):
            continue
        stack: list[tuple[Any, int | None, bool]] = [(data, None, False)]
        while stack:  # depth first, page order, without recursion
            value, parent, in_comments = stack.pop()
            if isinstance(value, list):
                stack.extend((item, parent, in_comments) for item in reversed(value))
                continue
            if not isinstance(value, dict):
                continue
            own = parent
            if in_comments and _is_comment(value):
                draft = _json_ld_comment(value, parent, clock)
                if draft is not None:
                    own = len(comments)
                    comments.append(draft)
            children = [
                (v, own, key in ("comment", "comments") or (in_comments and key == "hasPart"))
                for key, v in value.items()
                if isinstance(v, dict | list)
            ]
            stack.extend(reversed(children))
    return comments


def _is_comment(value: dict[str, Any]) -> bool:
    kind = value.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(k in ("Comment", "Answer") for k in kinds)


def _json_ld_comment(
    value: dict[str, Any], parent: int | None, clock: PageClock
) -> CommentDraft | None:
    text = value.get("text") or value.get("commentText") or ""
    body = html_to_text(text) if isinstance(text, str) else ""
    if not body:
        return None
    author = value.get("author") or value.get("creator")
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name") or author.get("alternateName")
    posted = value.get("dateCreated") or value.get("datePublished")
    return CommentDraft(
        author=clean_author(author) if isinstance(author, str) else "",
        body=body,
        posted=(parse_machine_time(posted, clock) or parse_written_time(posted, clock))
        if isinstance(posted, str)
        else None,
        parent_index=parent,
    )
