"""Turning a fragment of HTML (a feed entry's content, a comment's body) into plain text.

selectolax gives the text of a node, but joins paragraphs and list items without a break;
readers need the paragraphs, and claim offsets need stable text. Block elements become line
breaks, scripts and styles are dropped, and runs of blank space collapse.
"""

from __future__ import annotations

import html
import re
from collections.abc import Container, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

_BLOCKS = (
    "p, div, li, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, table, section, "
    "article, header, footer, figure, figcaption, dd, dt"
)
_DROPPED = "script, style, noscript, template"
_INLINE_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")
_ANY_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")  # not \s: that matches _BREAK
_BREAK = "\u2029"
"""Marks a block boundary while the source's own line breaks (mere white space in HTML) are
collapsed; it becomes the only kind of line break in the result."""


def node_text(node: LexborNode) -> str:
    """Plain text of ``node`` and everything under it, one paragraph per line.

    The node's tree is changed (line-break markers inserted, scripts removed); pass a node you
    are done with, or a clone.
    """
    for dropped in node.css(_DROPPED):
        dropped.decompose()
    for block in node.css(_BLOCKS):
        block.insert_before(_BREAK)
        block.insert_after(_BREAK)
    for br in node.css("br"):
        br.insert_after(_BREAK)
    text = _ANY_SPACE.sub(" ", node.text(deep=True, separator=""))
    return tidy(text.replace(_BREAK, "\n"))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (see :func:`node_text`); plain text passes unchanged."""
    if "<" not in fragment:
        return tidy(html.unescape(fragment))
    tree = LexborHTMLParser(fragment)
    root = tree.body or tree.root
    return node_text(root) if root is not None else ""


def tidy(text: str) -> str:
    """Collapse spaces within lines and blank runs between them; trim the ends."""
    text = _INLINE_SPACE.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()


_BLOCK_TAGS = frozenset(tag.strip() for tag in _BLOCKS.split(",")) | {
    "main",
    "aside",
    "nav",
    "dl",
    "hr",
    "address",
}
_DROPPED_TAGS = frozenset(tag.strip() for tag in _DROPPED.split(",")) | {
    "button",
    "select",
    "textarea",
    "input",
}


def node_text_without(node: LexborNode, excluded: Container[int]) -> str:
    """Plain text of ``node`` (as :func:`node_text`), leaving out the elements under it whose
    ``mem_id`` is in ``excluded`` and everything under them; the tree is not changed.

    A comment's body is read without its replies, reply link or "says:", and without touching
    the page, so the next comment still finds its own parts; nothing is descended into twice,
    so reading every comment of a thread costs one pass over it.
    """
    out: list[str] = []
    stack: list[tuple[Iterator[LexborNode], bool]] = [(node.iter(include_text=True), False)]
    while stack:
        children, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                out.append(_BREAK)
            continue
        tag = child.tag or ""
        if tag == "-text":
            out.append(_ANY_SPACE.sub(" ", child.text_content or ""))
            continue
        if tag.startswith("-") or tag in _DROPPED_TAGS or child.mem_id in excluded:
            continue
        if tag == "br":
            out.append(_BREAK)
            continue
        is_block = tag in _BLOCK_TAGS
        if is_block:
            out.append(_BREAK)
        stack.append((child.iter(include_text=True), is_block))
    return tidy("".join(out).replace(_BREAK, "\n"))
