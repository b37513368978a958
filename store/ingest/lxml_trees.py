"""The page's lxml trees made and handed to trafilatura with less work, the same trees.

Two costs of trafilatura 2.3.1 that change nothing in what it finds:

- **The element classes.** lxml.html's parser picks the Python class of every element it hands
  out (``FormElement`` for a ``<form>``, ``HtmlElement`` for most) by calling
  ``HtmlElementClassLookup.lookup``, a Python method, each time an element is first touched
  from Python: about 5,000 calls a real page, as trafilatura, readability and our queries walk
  the tree. :func:`c_class_lookup` gives the same classes from a table that lxml reads in C
  (its namespace lookup, with the HTML classes as the fallback), so trafilatura's parser gets
  it instead. The elements are the same objects of the same classes; only the choosing is
  cheaper (≈1.5 ms a page, measured on the real pages in one process, old and new alternated).
- **The copy of a tree it is given.** ``bare_extraction`` copies a tree it is handed, since it
  prunes it and the caller may still need it (≈1 ms a real page). ``parse_html_page`` parses
  the page only to hand it over (after checking its depth) and never reads that tree again:
  :class:`Handover` says so, and trafilatura's ``load_html`` (as ``bare_extraction`` calls it)
  gives the tree itself back for one, so the copy is not made.

``tests/store/test_lxml_trees.py`` checks the classes against lxml.html's own lookup and the
handover against the copy, and the real pages' drafts are unchanged with both.
"""

from __future__ import annotations

from copy import copy
from typing import Any

import lxml.html
import trafilatura.core
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import HTML_PARSER
from trafilatura.utils import load_html as trafilatura_load_html

_HTML_CLASSES: dict[str, type[HtmlElement]] = dict(
    lxml.html.HtmlElementClassLookup._default_element_classes
)
"""The tags lxml.html gives a class of their own (form, input, label, select, textarea)."""


def c_class_lookup() -> etree.ElementNamespaceClassLookup:
    """lxml.html's element classes, chosen in C: elements without a namespace by their tag
    from :data:`_HTML_CLASSES`, everything else as ``HtmlElementClassLookup`` chooses it.

    lxml's namespace lookup reads a process-wide table per namespace; this fills the table of
    "no namespace" with the five HTML classes (nothing else in claimdesk uses that lookup).
    ``HtmlElementClassLookup`` lowercases the tag first; the HTML parser already has, so the
    tags read from a page are found as they are.
    """
    lookup = etree.ElementNamespaceClassLookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    table = lookup.get_namespace(None)
    for tag, element_class in _HTML_CLASSES.items():
        table[tag] = element_class
    return lookup


class Handover:
    """A parsed page given to ``bare_extraction`` for good: it may prune it without a copy."""

    __slots__ = ("tree",)

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree


def load_html(htmlobject: Any, max_size: int | None = None) -> HtmlElement | None:
    """trafilatura's ``load_html``, and the tree itself for a :class:`Handover` (it is not
    the object ``bare_extraction`` was given, so it does not copy it)."""
    if isinstance(htmlobject, Handover):
        return htmlobject.tree
    return trafilatura_load_html(htmlobject, max_size)


def load_html_copying(htmlobject: Any, max_size: int | None = None) -> HtmlElement | None:
    """What ``bare_extraction`` did with a tree it was given: a copy of it (for the tests)."""
    if isinstance(htmlobject, Handover):
        return copy(htmlobject.tree)
    return trafilatura_load_html(htmlobject, max_size)


def install() -> None:
    """Give trafilatura's parser the lookup in C and ``bare_extraction`` the handover
    (idempotent)."""
    HTML_PARSER.set_element_class_lookup(c_class_lookup())
    setattr(trafilatura.core, "load_html", load_html)  # noqa: B010


def uninstall() -> None:
    """lxml.html's own lookup, and a copy of a handed-over tree as trafilatura made it (for
    the tests that compare them)."""
    HTML_PARSER.set_element_class_lookup(lxml.html.HtmlElementClassLookup())
    setattr(trafilatura.core, "load_html", load_html_copying)  # noqa: B010
