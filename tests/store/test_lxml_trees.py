"""The page's trees made with lxml's element classes chosen in C and handed to trafilatura
without a copy: the same element classes as lxml.html's own lookup, the same drafts."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import lxml.html
import trafilatura
import trafilatura.core
import trafilatura.utils
from lxml.html import HtmlElement
from trafilatura.utils import HTML_PARSER
from trafilatura.utils import load_html as trafilatura_load_html
from trafilatura.utils import repair_faulty_html as trafilatura_repair

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
    assert getattr(trafilatura.utils, "repair_faulty_html") is lxml_trees.repair_faulty_html  # noqa: B009


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


_FORBIDDEN = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]]
_FORBIDDEN += ["\ufffe", "\uffff"]
_ALLOWED = ["\t", "\n", "\r", " ", "\x7f", "\x85", "é", "\ufffd", "\ufeff", "😀", "\ud800"]


def test_the_repair_before_parsing_is_trafilaturas_on_every_page_and_character(
    real_world: Path,
) -> None:
    def both(text: str) -> tuple[str, str]:
        beginning = text[:50].lower()
        return lxml_trees.repair_faulty_html(text, beginning), trafilatura_repair(text, beginning)

    for name, text in _pages(real_world):
        ours, theirs = both(text)
        assert ours == theirs, name
    shapes = [
        "<!DOCTYPE html/>\n<html><body><p>{}x</p></body></html>",
        "<html/>\n<body><p>é {}</p></body>",
        "<html><body><p>plain {}</p></body></html>",
    ]
    for shape in shapes:
        for character in _FORBIDDEN:
            ours, theirs = both(shape.format(character))
            assert ours == theirs and character not in ours, repr(character)
            assert lxml_trees.holds_xml_forbidden(shape.format(character))
        for character in _ALLOWED:
            ours, theirs = both(shape.format(character))
            assert ours == theirs, repr(character)
            assert not lxml_trees.holds_xml_forbidden(shape.format(character)), repr(character)
