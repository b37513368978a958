"""The page's trees made with lxml's element classes chosen in C and handed to trafilatura
without a copy: the same element classes as lxml.html's own lookup, the same drafts."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import lxml.html
import trafilatura
import trafilatura.core
from lxml.html import HtmlElement
from trafilatura.utils import HTML_PARSER
from trafilatura.utils import load_html as trafilatura_load_html

from store.ingest import lxml_trees
from store.ingest.html_page import parse_html_page
from store.ingest.reading import decode_document


def _pages(real_world: Path) -> list[tuple[str, str]]:
    paths = sorted((real_world / "html").glob("*.html"))
    assert len(paths) >= 50
    return [(path.name, decode_document(path.read_bytes()).text) for path in paths]


def load_html(text: str) -> HtmlElement:
    tree = trafilatura_load_html(text)
    assert tree is not None
    return tree


def test_written_against_the_pinned_trafilatura_and_in_place() -> None:
    assert trafilatura.__version__ == "2.3.1", "re-check lxml_trees against this version"
    assert getattr(trafilatura.core, "load_html") is lxml_trees.load_html  # noqa: B009


def test_every_element_gets_the_class_lxml_html_gives_it(real_world: Path) -> None:
    theirs = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8")
    forms = 0
    for name, text in _pages(real_world):
        ours = [type(e) for e in load_html(text).iter()]
        HTML_PARSER.set_element_class_lookup(lxml.html.HtmlElementClassLookup())
        try:
            expected = [type(e) for e in load_html(text).iter()]
        finally:
            lxml_trees.install()
        assert ours == expected, name
        forms += ours.count(lxml.html.FormElement) + ours.count(lxml.html.InputElement)
    assert forms > 0  # the classes of their own are given, not only HtmlElement
    page = "<html><body><form><label>a</label><input><select></select><textarea>"
    kinds = {type(e).__name__ for e in lxml.html.fromstring(page, parser=theirs).iter()}
    assert {"FormElement", "LabelElement", "InputElement", "SelectElement"} <= kinds
    kinds = {type(e).__name__ for e in load_html(page + "</textarea></form></body></html>").iter()}
    assert {"FormElement", "LabelElement", "InputElement", "SelectElement"} <= kinds
    assert "TextareaElement" in kinds


def test_a_handed_over_tree_is_extracted_in_place_and_the_article_is_the_same(
    real_world: Path,
) -> None:
    tree = load_html(_pages(real_world)[0][1])
    before = len(list(tree.iter()))
    trafilatura.bare_extraction(lxml_trees.Handover(tree), include_comments=False)
    assert len(list(tree.iter())) < before  # pruned itself: no copy was made
    assert lxml_trees.load_html(lxml_trees.Handover(tree)) is tree

    pages = _pages(real_world)
    ours = {name: asdict(parse_html_page(text, name)[0]) for name, text in pages}
    lxml_trees.uninstall()
    try:
        theirs = {name: asdict(parse_html_page(text, name)[0]) for name, text in pages}
    finally:
        lxml_trees.install()
    assert [name for name in ours if ours[name] != theirs[name]] == []
