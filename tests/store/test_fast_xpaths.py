"""trafilatura's XPath expressions answered in Python give the same elements as libxml2's XPath,
at every call of a real page's extraction, and on the cases where XPath's rules are subtle."""

from __future__ import annotations

from collections import Counter
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
import trafilatura
import trafilatura.main_extractor
import trafilatura.metadata
from lxml.etree import XPath, _Element, tostring
from lxml.html import HtmlElement, document_fromstring
from trafilatura import xpaths

from store.ingest import fast_xpaths
from store.ingest.fast_xpaths import Query
from store.ingest.html_page import parse_html_page
from store.ingest.reading import decode_document
from store.records import DocumentDraft

_LICENSED = '<html><body><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC</a></body></html>'


def _same(found: list[_Element], expected: list[_Element]) -> bool:
    return len(found) == len(expected) and all(a is b for a, b in zip(found, expected, strict=True))


def test_the_queries_are_written_against_the_pinned_trafilatura_and_in_place() -> None:
    assert trafilatura.__version__ == "2.3.1", "re-check fast_xpaths against this version"
    for holder, key, query in fast_xpaths.QUERIES:
        assert fast_xpaths.found_at(holder, key) is query
    installed = trafilatura.main_extractor.prune_unwanted_nodes  # type: ignore[attr-defined]
    assert installed is fast_xpaths.prune_unwanted_nodes
    # no draft keeps a licence, so none is looked for
    assert "license" not in DocumentDraft.__dataclass_fields__
    assert trafilatura.metadata.extract_license(document_fromstring(_LICENSED)) is None


def test_every_query_gives_what_its_xpath_gives_at_every_call_on_the_real_pages(
    real_world: Path,
) -> None:
    calls: Counter[str] = Counter()
    differ: list[str] = []
    prunes = 0

    class Checked:
        def __init__(self, query: Query) -> None:
            self.query = query

        def __call__(self, tree: _Element) -> list[_Element]:
            found, expected = self.query(tree), self.query.xpath(tree)
            calls[self.query.path] += 1
            if not _same(found, expected):
                differ.append(self.query.path)
            return expected  # type: ignore[no-any-return]

    def checked_prune(tree: HtmlElement, nodelist: list[Any], with_backup: bool = False) -> Any:
        nonlocal prunes
        theirs = fast_xpaths._prune_unwanted_nodes(deepcopy(tree), nodelist, with_backup)
        ours = fast_xpaths.prune_unwanted_nodes(tree, nodelist, with_backup)
        prunes += 1
        if tostring(theirs) != tostring(ours):
            differ.append(f"prune_unwanted_nodes {nodelist}")
        return ours

    pages = sorted((real_world / "html").glob("*.html"))
    assert len(pages) >= 50
    with pytest.MonkeyPatch.context() as patch:
        for holder, key, query in fast_xpaths.QUERIES:
            fast_xpaths.place(holder, key, Checked(query))
        patch.setattr(trafilatura.main_extractor, "prune_unwanted_nodes", checked_prune)
        try:
            for page in pages:
                parse_html_page(decode_document(page.read_bytes()).text, page.name)
        finally:
            fast_xpaths.install()
    assert differ == []
    # every query was asked (8 to 69 times each at the time of writing)
    assert len(calls) == len(fast_xpaths.QUERIES)
    assert prunes >= len(pages)


_PAGE = """<html><head><title>t</title></head><body>
<div class="reply-box" id="hidden-1">first class, then id</div>
<div id="reply-2" class="hidden">first id, then class</div>
<span style="display: none" aria-hidden="false">hidden by style</span>
<p role="Navigation">a nav by role</p>
<div data-lp-replacement-content="">empty but present</div>
<section class="x"><div class="post">one</div><div class="post">two</div>
  <div><div class="entry">three</div></div></section>
<div class="entry-meta"><a href="/tag/a">a</a><div class="meta"><a href="/tag/b">b</a>
  <a>no target</a></div></div>
<div class="entry-meta"><a href="/category/c">c</a></div>
<p class="postmeta-line"><a href="/category/d">d</a></p><p id="filedunder"><a href="/x">x</a></p>
<footer class="entry-footer"><a href="/category/e">e</a></footer>
<header class="entry-header"><a href="/category/f">f</a></header>
<div class="tags"><a href="/tag/g">g</a></div><div class="row"><a href="/tag/h">h</a></div>
<p class="entry-tags"><a href="/tag/i">i</a><a>no target</a></p><p class="x entry-tags">no</p>
<span class="byline-author"><rel>me</rel>Jo Writer</span>
<author>A. N. Other</author>
<div id="comments"><ol class="comment-list"><li>c</li></ol></div>
<ul class="comments"><li>not a comment list</li></ul>
<div class="infinite-scroll"><h1>kept: it holds the headline</h1></div>
<div class="infinite-scroll">appended article</div>
<div class="mvp-post-add-box"><h1>removed whatever it holds</h1></div>
<aside>aside</aside><div id="page-footer" class="x">footer by id, first</div>
<div class="x" id="footer">footer by id, but class comes first</div>
<p class="Cookie-Banner">consent, any case</p><svg><rect/></svg>
</body></html>"""


@pytest.mark.parametrize("at", ["root", "body"])
def test_each_query_matches_its_xpath_on_the_subtle_cases(at: str) -> None:
    """Attribute order for @id|@class, absent and empty attributes, ``[1]`` per parent,
    links below nested containers, the document's root for ``//``, and below the context
    for ``.//``."""
    root = document_fromstring(_PAGE)
    context = root if at == "root" else root.find("body")
    assert context is not None
    for _, _, query in fast_xpaths.QUERIES:
        expected = query.xpath(context)
        assert _same(query(context), expected), query.path


def test_the_subtle_cases_find_something() -> None:
    """The synthetic page is not vacuous: most queries find elements on it."""
    root = document_fromstring(_PAGE)
    found = [query for _, _, query in fast_xpaths.QUERIES if query(root)]
    assert len(found) >= 10


def test_first_of_two_attributes_follows_the_source_order() -> None:
    page = document_fromstring(_PAGE)
    boxes = page.findall(".//body/div")
    assert fast_xpaths._first(boxes[0], "id", "class") == "reply-box"
    assert fast_xpaths._first(boxes[1], "id", "class") == "reply-2"
    only = XPath("string(@id|@class)")
    assert [fast_xpaths._first(b, "id", "class") for b in boxes] == [only(b) for b in boxes]


def test_pruning_with_a_backup_keeps_a_page_that_would_lose_its_text() -> None:
    """Matches under other matches are left to their ancestor; if removing everything would
    leave less than a seventh of the text, nothing is removed (as trafilatura does)."""
    prune = xpaths.OVERALL_DISCARD_XPATH
    page = document_fromstring(
        "<html><body><div class='sidebar'><div class='sidebar'>all the text</div></div>"
        "</body></html>"
    )
    kept = fast_xpaths.prune_unwanted_nodes(page, prune, with_backup=True)
    assert kept.findall(".//div") != []
    page = document_fromstring(
        "<html><body><p>" + "the article " * 20 + "</p><div class='sidebar'><div "
        "class='sidebar'>menu</div></div></body></html>"
    )
    theirs = fast_xpaths._prune_unwanted_nodes(deepcopy(page), prune, with_backup=True)
    ours = fast_xpaths.prune_unwanted_nodes(page, prune, with_backup=True)
    assert ours.findall(".//div") == []
    assert tostring(ours) == tostring(theirs)
