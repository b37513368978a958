"""A saved web page (HTML): the article with its metadata, and its reader comments as a thread.

The article is trafilatura's job: it finds the main text without navigation, bios, donation
boxes or comments, and reads title, author, date, canonical URL, site and tags from the page's
metadata. trafilatura flattens comments into one block of text, so comments are read separately
with selectolax, by CSS selectors kept as data in a :class:`CommentLayout`: supporting another
site's comment markup is adding a layout, not code.

The page is parsed once by lxml (trafilatura's parser, linear in the page's size) and once by
lexbor for metadata and comments. lexbor builds the tree as HTML5 says, and HTML5's scope checks
walk the stack of open elements at every block tag: on a page nested thousands of elements deep
(a hostile chain of replies) that is quadratic, 30 s for 8,000 replies. libxml2 stops nesting at
:data:`LIBXML2_MAX_DEPTH`, which no real page reaches (the deepest of the 61 real pages in the
dev set is 43); such a page reaches lexbor as lxml read it, so both parses stay linear and the
replies deeper than that are left out, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

import lxml.etree
import lxml.html
from selectolax.lexbor import LexborHTMLParser
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html

from store.ingest.comment_layouts import COMMENT_LAYOUTS, CommentLayout
from store.ingest.comments import comments_in_tree, read_comments
from store.ingest.errors import ImportFailure
from store.ingest.fast_xpaths import install as answer_xpaths_in_python
from store.ingest.html_text import tidy
from store.ingest.lxml_trees import Handover
from store.ingest.lxml_trees import install as lighten_lxml_trees
from store.ingest.page_metadata import declared_published, page_author, page_site, page_title
from store.ingest.posted_time import PageClock, fixed_zone, zone_of
from store.ingest.second_opinion import install as skip_idle_second_opinions
from store.ingest.urls import canonical_url
from store.records import DocumentDraft

__all__ = [
    "COMMENT_LAYOUTS",
    "CommentLayout",
    "looks_like_html",
    "parse_html_page",
    "read_comments",
]

# Possessive and atomic for the reason given at store.ingest.feed._FEED_START.
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?>(?:<!--.*?-->)\s*)*+<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_OPEN = re.compile(r"<html\b", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</html\s*>", re.IGNORECASE)

LIBXML2_MAX_DEPTH = 256
"""The nesting at which libxml2's HTML parser (without its "huge" option) stops going deeper."""
_AT_MAX_DEPTH = lxml.etree.XPath("boolean(self::*" + "/*" * (LIBXML2_MAX_DEPTH - 1) + ")")
"""Whether an element lies :data:`LIBXML2_MAX_DEPTH` deep (the root counting one): libxml2
walks the tree level by level, 0.24 ms a real page against 1.9 ms for a walk in Python."""

skip_idle_second_opinions()
answer_xpaths_in_python()
lighten_lxml_trees()

# htmldate gives only the day unless asked for the original timestamp with its time and zone.
_DATE_PARAMS = {
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "extensive_search": False,
}


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
    parsed = load_html(text)
    warnings: list[str] = []
    markup = text
    if parsed is not None and _AT_MAX_DEPTH(parsed):
        markup = lxml.html.tostring(parsed, encoding="unicode")  # before trafilatura prunes it
        warnings.append(
            f"the page nests elements {LIBXML2_MAX_DEPTH} deep or more: "
            "what lies deeper (replies of a very long chain) is not read"
        )
    found = bare_extraction(
        Handover(parsed) if parsed is not None else text,  # see Handover
        include_comments=False,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if not isinstance(found, Document) or not (found.text or "").strip():
        raise ImportFailure("no article text found in the HTML")
    body = tidy(found.text or "")
    tree = LexborHTMLParser(markup)
    site = page_site(found.sitename, found.hostname, tree)
    title = page_title(found.title, tree, site) or body.split("\n", 1)[0][:120]
    written_date = declared_published(tree) or found.date
    published = parse_time(written_date)
    clock = page_clock(tree, written_date, published)
    return [
        DocumentDraft(
            title=title,
            body=body,
            source=source,
            url=canonical_url(found.url),
            site=site,
            author=page_author(found.author, tree, text, site),
            published=published,
            images=[found.image] if found.image else [],
            tags=_tags([*(found.categories or []), *(found.tags or [])]),
            comments=comments_in_tree(tree, COMMENT_LAYOUTS, clock),
            warnings=warnings,
        )
    ]


def page_clock(
    tree: LexborHTMLParser, article_time: str | None, published: datetime | None
) -> PageClock:
    """How the page writes times: its language (``<html lang>``, else its declared locale) and
    its zone (the offset of its article's time, else of the first comment time with one)."""
    root = tree.css_first("html")
    locale = root.attributes.get("lang") if root is not None else None
    if not locale:
        meta = tree.css_first("meta[property='og:locale'], meta[http-equiv='content-language']")
        locale = meta.attributes.get("content") if meta is not None else None
    zone = zone_of(article_time)
    if zone is None:
        for node in tree.css("time[datetime]"):
            zone = fixed_zone(_aware(node.attributes.get("datetime")))
            if zone is not None:
                break
    return PageClock.for_locale(locale, zone, published)


def _aware(value: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat((value or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time with the offset it was written in; one without a zone is taken as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _tags(values: Sequence[str]) -> list[str]:
    """Tags and categories, split on commas, without duplicates, in the page's order."""
    tags: list[str] = []
    for value in values:
        for tag in value.split(","):
            tag = tidy(tag)
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
    return tags
