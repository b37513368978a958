"""The page's lxml trees made and handed to trafilatura with less work, the same trees.

Three costs of trafilatura 2.3.1 that change nothing in what it finds:

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

- **The scan for characters XML forbids.** Before parsing, trafilatura removes the control
  characters and U+FFFE/U+FFFF from the whole page with a regular expression (1.1 ms a real
  page, which holds none). :func:`repair_faulty_html` first asks whether there is any, in C
  (the page encoded to UTF-8, the control bytes deleted, the two characters' bytes searched),
  and runs trafilatura's own repair only then; otherwise it does the rest of that repair (a
  doctype with a slash, a self-closing ``<html/>``) as trafilatura 2.3.1 writes it.

``tests/store/test_lxml_trees.py`` checks the classes against lxml.html's own lookup and the
handover against the copy, and the real pages' drafts are unchanged with both.
"""

from __future__ import annotations

import re
from copy import copy
from typing import Any

import lxml.html
import trafilatura.core
import trafilatura.utils
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, HTML_PARSER
from trafilatura.utils import load_html as trafilatura_load_html
from trafilatura.utils import repair_faulty_html as trafilatura_repair

_XML_FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
"""The control characters trafilatura removes (``INVALID_XML_CHARS``) as UTF-8 bytes: below
0x20 a UTF-8 byte is only ever that ASCII character."""
_NONCHARACTERS = re.compile(b"\xef\xbf[\xbe\xbf]")
"""U+FFFE or U+FFFF in UTF-8 (a lead byte 0xEF starts a character wherever it stands)."""


def holds_xml_forbidden(text: str) -> bool:
    """Whether ``text`` holds a character trafilatura's ``INVALID_XML_CHARS`` removes."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _XML_FORBIDDEN_BYTES)) != len(data):
        return True
    return _NONCHARACTERS.search(data) is not None


def repair_faulty_html(htmlstring: str, beginning: str) -> str:
    """trafilatura's ``repair_faulty_html``, its scan for forbidden characters done in C."""
    if holds_xml_forbidden(htmlstring):
        repaired: str = trafilatura_repair(htmlstring, beginning)
        return repaired
    # the rest of trafilatura 2.3.1's repair, as it writes it
    if "doctype" in beginning:
        firstline, _, rest = htmlstring.partition("\n")
        htmlstring = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in htmlstring[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            htmlstring = FAULTY_HTML.sub(r"\1>", htmlstring, count=1)
            break
    return htmlstring


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
    """Give trafilatura's parser the lookup in C, ``bare_extraction`` the handover and
    ``load_html`` the repair (idempotent)."""
    HTML_PARSER.set_element_class_lookup(c_class_lookup())
    setattr(trafilatura.core, "load_html", load_html)  # noqa: B010
    setattr(trafilatura.utils, "repair_faulty_html", repair_faulty_html)  # noqa: B010


def uninstall() -> None:
    """lxml.html's own lookup, and a copy of a handed-over tree as trafilatura made it (for
    the tests that compare them)."""
    HTML_PARSER.set_element_class_lookup(lxml.html.HtmlElementClassLookup())
    setattr(trafilatura.core, "load_html", load_html_copying)  # noqa: B010
    setattr(trafilatura.utils, "repair_faulty_html", trafilatura_repair)  # noqa: B010
