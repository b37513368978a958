"""The dev set's comment threads counted independently of the importer, and the score of it.

For each real page with comments, the expected comments are read with lxml (another parser than
the importer's) by XPath written for that page's own markup, after reading the raw HTML: which
elements are the comments, which element holds each one's author, and the first paragraph of
its text. A reply's parent is the nearest earlier comment one level up by the ``depth-N`` class
WordPress writes on every comment (not by nesting: ``blog.wordpress.com.diverse`` closes each
``<li>`` before its reply list, so no parser nests its replies). Pingbacks and trackbacks are no
reader comments and are not counted.

Used by tests/store/test_comments_real.py (the goals) and benchmarks/bench_comments_real.py (the
per-page table in the issue note).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from store.records import CommentDraft

_COMMENT = "contains(concat(' ', normalize-space(@class), ' '), ' comment ')"
ITEM = f"//li[{_COMMENT}]"
_DEPTH = re.compile(r"\bdepth-(\d+)\b")


@dataclass(frozen=True, slots=True)
class PageMarkup:
    """Where one page keeps its comments: an XPath for the comments, one for the author
    element inside a comment (relative to it), and the tag of its text paragraphs."""

    items: str
    author: str
    paragraph: str = ".//p[not(@class)]"


DEV_PAGES: dict[str, PageMarkup] = {
    "anchor.ch.lanka": PageMarkup(ITEM, ".//b[@class='fn']"),
    "archive.org.muffinrezept.net.grundrezept": PageMarkup(ITEM, ".//cite[@class='fn']"),
    "blog.wordpress.com.diverse": PageMarkup(ITEM, ".//cite[@class='comment-author']"),
    "californiaglobe.com.amazon": PageMarkup(ITEM, ".//b[@class='fn']"),
    "cubadebate.cu-sesiona": PageMarkup(ITEM, ".//cite/strong"),
    "elavegan.com-Peanut": PageMarkup(ITEM, ".//span[@class='comment-author-name']"),
    "geeks3d.com.hacklab": PageMarkup(ITEM, ".//cite[@class='fn']"),
    "gormulus.wordpress.com.durfen": PageMarkup(ITEM, ".//b[@class='fn']"),
    "insubordinant.wordpress.com.speed": PageMarkup(ITEM, ".//cite[@class='fn']"),
    "lemire.me.json": PageMarkup(ITEM, ".//b[@class='fn']"),
    "moritz-meyer.net.vreni": PageMarkup(ITEM, ".//div[@class='comment-author meta']/strong"),
    "mywakenews.wordpress.com.psyop": PageMarkup(ITEM, ".//cite[@class='fn']"),
    "stackoverflow.com.rust": PageMarkup(ITEM, ".//cite"),
    "theoriginalcopy.de.baby": PageMarkup(ITEM, ".//span[@class='comment__author-name']"),
}
"""The dev set's pages with comment threads (file ``adbar_trafilatura__<name>.html``)."""


@dataclass(frozen=True, slots=True)
class Expected:
    author: str
    snippet: str
    parent: int | None


@dataclass(frozen=True, slots=True)
class Score:
    """How many of a page's expected comments were found, with their author, and (among the
    replies) with their right parent."""

    expected: int
    found: int
    authors: int
    replies: int
    parents: int
    extra: int


def page_path(real_world: Path, name: str) -> Path:
    return real_world / "html" / f"adbar_trafilatura__{name}.html"


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _own(
    item: lxml.html.HtmlElement, items: set[lxml.html.HtmlElement]
) -> Iterator[lxml.html.HtmlElement]:
    """Elements inside ``item`` but not inside a comment nested in it."""
    stack = list(item)
    while stack:
        element = stack.pop(0)
        if element in items:
            continue
        yield element
        stack[:0] = list(element)


def expected_comments(path: Path, markup: PageMarkup) -> list[Expected]:
    tree = lxml.html.fromstring(path.read_bytes())
    items = tree.xpath(markup.items)
    item_set = set(items)
    expected: list[Expected] = []
    last_at: dict[int, int] = {}  # depth -> the latest comment at that depth
    for n, item in enumerate(items):
        own = set(_own(item, item_set))
        authors = [e for e in item.xpath(markup.author) if e in own]
        paragraphs = [
            _squeeze(e.text_content())
            for e in item.xpath(markup.paragraph)
            if e in own and _squeeze(e.text_content())
        ]
        depth = int(_DEPTH.search(item.get("class", "")).group(1))  # type: ignore[union-attr]
        parent = last_at.get(depth - 1) if depth > 1 else None
        last_at[depth] = n
        expected.append(
            Expected(
                author=_squeeze(authors[0].text_content()) if authors else "",
                snippet=paragraphs[0][:30] if paragraphs else "",
                parent=parent,
            )
        )
    return expected


def score(expected: list[Expected], found: list[CommentDraft]) -> Score:
    """Match each expected comment to the first unmatched found comment whose body holds its
    first paragraph's start, in page order; then compare authors and parents."""
    bodies = [_squeeze(c.body) for c in found]
    match: dict[int, int] = {}
    used: set[int] = set()
    for n, want in enumerate(expected):
        for m, body in enumerate(bodies):
            if m not in used and want.snippet and want.snippet in body:
                match[n] = m
                used.add(m)
                break
    authors = sum(1 for n, m in match.items() if found[m].author == expected[n].author)
    replies = [n for n, want in enumerate(expected) if want.parent is not None]
    parents = 0
    for n in replies:
        parent = expected[n].parent
        if n in match and parent in match and found[match[n]].parent_index == match[parent]:
            parents += 1
    return Score(len(expected), len(match), authors, len(replies), parents, len(found) - len(match))


def deep_thread(depth: int) -> str:
    """A WordPress page whose comments are one chain of replies ``depth`` deep."""
    opened = "".join(
        f'<li class="comment" id="comment-{n}"><article class="comment-body"><footer '
        f'class="comment-meta"><div class="comment-author vcard"><b class="fn">Reader {n}</b> '
        f'<span class="says">says:</span></div><time datetime="2024-03-01T10:{n % 60:02}:00Z">'
        f'March 1</time></footer><div class="comment-content"><p>Reply {n}: the council said '
        f'it spent {n} euros.</p></div><div class="reply"><a class="comment-reply-link">Reply'
        f'</a></div></article><ol class="children">'
        for n in range(depth)
    )
    paragraphs = "".join(
        f"<p>Paragraph {n} of the article about the council's budget, which "
        f"the council said grew by {n} percent.</p>"
        for n in range(6)
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>Budget</title></head><body><article>"
        f"<h1>Budget</h1>{paragraphs}</article><div id='comments'><ol class='comment-list'>"
        f"{opened}{'</ol></li>' * depth}</ol></div></body></html>"
    )
