"""trafilatura's costliest XPath expressions, answered by a walk over the lxml tree instead.

trafilatura prunes and searches the page with XPath expressions such as
``.//*[self::div or self::section …][re:test(@id, '…') or re:test(@class, '…')]``. libxml2
evaluates every ``self::div`` test and every attribute test of such a predicate as a node-set
of its own, and lxml answers each ``re:test`` through a call into Python: on the 61 real pages
the XPath expressions took 34 ms of a 57 ms extraction. The same question asked in Python
(lxml's C iterator filters the element names, then ``element.get`` and one compiled regular
expression per attribute) is several times cheaper.

Each :class:`Query` here stands in for one expression of trafilatura 2.3.1 (``xpaths.py``), in
place in trafilatura's own lists, so every caller gets it. It answers what XPath answers, in
the same order (document order, no element twice):

- ``.//*`` is every element below the context element, ``//*`` every element of its document
  (the root element included);
- an absent attribute reads as "" (XPath's string value of an empty node-set), so
  ``re:test(@id, p)`` is ``re.search(p, id or "")`` (lxml's EXSLT ``re:test`` is Python's
  ``re.search``), ``contains(@a, s)`` is ``s in (a or "")``;
- ``@id|@class`` is the first of the two in the element's source order (XPath takes the string
  value of a node-set's first node).

``tests/store/test_fast_xpaths.py`` runs every real page through the extraction with each
query checked against its XPath at every call, and checks the edge cases above; the article is
the same as with trafilatura's XPath on every real page. The queries name the version they copy:
the test fails if trafilatura's expression text is not the one copied here.

:func:`prune_unwanted_nodes` is trafilatura's function of that name with one loop made linear:
its "is an ancestor of this match also a match" check walked every match's ancestors.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import trafilatura.main_extractor
import trafilatura.metadata
from lxml.etree import Element, XPath, _Element
from trafilatura import htmlprocessing, settings
from trafilatura import xpaths as X  # noqa: N812 - the module of XPath constants
from trafilatura.xml import delete_element

Test = Callable[[_Element], bool]

_baseline = importlib.import_module("trafilatura.baseline")
"""trafilatura's module ``baseline`` (the package's attribute of that name is a function)."""

_ANY_ELEMENT = (Element,)
"""lxml's tag filter for elements only (``*`` matches no comment or processing instruction)."""


def _first(element: _Element, one: str, other: str) -> str:
    """``@one|@other`` as a string: the value of whichever comes first in the source, or ""."""
    a: str | None = element.get(one)
    b: str | None = element.get(other)
    if a is None or b is None:
        return a or b or ""
    for name in element.keys():  # noqa: SIM118 - the attributes in source order
        if name == one:
            return a
        if name == other:
            return b
    return ""  # pragma: no cover - both were found above


def _attr(element: _Element, name: str) -> str:
    return element.get(name) or ""


SEARCHES_REMEMBERED = 4096
"""Attribute values whose answer each pattern remembers (the least recently asked go first)."""


def _search(pattern: str) -> Callable[[str], bool]:
    """Whether ``pattern`` occurs in a value, the answers remembered per value.

    A page writes the same few class and id strings on hundreds of elements, and trafilatura
    asks its questions of several copies of the page (raw, cleaned, its backup) and of the
    whole document again for the metadata: 90–99 % of the values a pattern is asked about on
    the benchmark's pages were asked before. Looking one up in ``lru_cache`` (C, no Python
    frame) costs less than the search of these alternations of up to 64 words, which the
    regular expression engine tries at every position of the value.
    """
    compiled = re.compile(pattern)

    @functools.lru_cache(maxsize=SEARCHES_REMEMBERED)
    def occurs(value: str) -> bool:
        return compiled.search(value) is not None

    return occurs


@dataclass(frozen=True, slots=True)
class Query:
    """One trafilatura XPath expression as a walk: the elements named ``tags`` (any element
    when empty) below the context (``.//``) or in its whole document (``//``) that pass
    ``test``; with ``links``, the ``a[@href]`` elements below those instead."""

    xpath: XPath
    """trafilatura's expression this stands in for (its text is checked by the tests)."""
    test: Test
    tags: tuple[str, ...] = ()
    whole_document: bool = False
    first_per_parent: bool = False
    """``.//*[…][1]``: of the matching children of one parent, only the first."""
    links: bool = False
    """``…//a[@href]``: the links with a target below the matching elements."""

    @property
    def path(self) -> str:
        """The expression's text (XPath objects have it too)."""
        return str(self.xpath.path)

    def __call__(self, tree: _Element) -> list[_Element]:
        found = [element for element in self._candidates(tree) if self.test(element)]
        if self.first_per_parent:
            found = _first_per_parent(found)
        if self.links:
            found = _links_below(found)
        return found

    def _candidates(self, tree: _Element) -> Iterator[_Element]:
        tags = self.tags or _ANY_ELEMENT
        if self.whole_document:
            root = tree.getroottree().getroot()
            everything: Iterator[_Element] = root.iter(*tags) if root is not None else iter(())
            return everything
        below: Iterator[_Element] = tree.iterdescendants(*tags)
        return below


def _first_per_parent(elements: Iterable[_Element]) -> list[_Element]:
    """The elements (in document order) that come first among their matching siblings."""
    parents: set[_Element | None] = set()
    first = []
    for element in elements:
        parent = element.getparent()
        if parent not in parents:
            parents.add(parent)
            first.append(element)
    return first


def _links_below(containers: list[_Element]) -> list[_Element]:
    """``a[@href]`` below any of ``containers`` (in document order), once each.

    A container inside the previous one kept adds nothing; any other comes after everything
    under the ones kept before it, so the links stay in document order."""
    links: list[_Element] = []
    last: _Element | None = None
    for container in containers:
        if last is not None and any(a is last for a in container.iterancestors()):
            continue
        links.extend(a for a in container.iterdescendants("a") if a.get("href") is not None)
        last = container
    return links


# -- the expressions (trafilatura 2.3.1's xpaths.py) --------------------------------------

_comments_id = _search(f"^(?:{X._COMMENTS_ID}|disqus_thread|dsq-comments)")
_comments_only_id = _search(f"^(?:{X._COMMENTS_ID})")
_comments_class = _search(X._COMMENTS_CLASS)


def _comment_section(e: _Element) -> bool:
    return _comments_id(_attr(e, "id")) or _comments_class(_attr(e, "class"))


def _comment_section_or_list(e: _Element) -> bool:
    return _comment_section(e) and (
        e.tag not in ("ol", "ul")
        or _comments_only_id(_attr(e, "id"))
        or _comments_class(_attr(e, "class"))
    )


_appended_article = _search("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_appended_box = _search("mvp-post-add-(?:box|wrap)")


def _appended_articles(e: _Element) -> bool:
    id_, class_ = _attr(e, "id"), _attr(e, "class")
    return (_appended_article(id_) or _appended_article(class_)) and (
        next(e.iterdescendants("h1"), None) is None or _appended_box(id_) or _appended_box(class_)
    )


_consent = _search(X._alt(X._CONSENT_ID_CLASS_TOKENS))
_discard_id = _search(X._alt(X._OVERALL_DISCARD_BOTH_TOKENS + X._OVERALL_DISCARD_ID_TOKENS))
_discard_class = _search(X._alt(X._OVERALL_DISCARD_BOTH_TOKENS + X._OVERALL_DISCARD_CLASS_TOKENS))


def _boilerplate(e: _Element) -> bool:
    return (
        e.get("data-lp-replacement-content") is not None
        or "nav" in _attr(e, "role").replace("N", "n")
        or "MostPopularStories" in _attr(e, "data-component")
        or _consent(_first(e, "id", "class"))
        or _discard_id(_attr(e, "id"))
        or _discard_class(_attr(e, "class"))
    )


_hidden = _search("hidden")
_hidden_id = _search("reader-comments|akismet")
_hidden_class = _search(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print"
    "| hidden| hide|noprint|notloaded"
)


def _hidden_or_reply(e: _Element) -> bool:
    class_, style = _attr(e, "class"), _attr(e, "style")
    return (
        class_ == "comments-title"
        or _first(e, "id", "class").startswith("reply-")
        or _hidden(_first(e, "id", "style"))
        or "display:none" in style
        or "display: none" in style
        or _hidden_id(_attr(e, "id"))
        or _hidden_class(class_)
        or e.get("aria-hidden") == "true"
    )


_article_id = _search(X._alt(X._ARTICLE_CONTENT_ID_TOKENS))
_article_class = _search(X._alt(X._ARTICLE_CONTENT_CLASS_TOKENS))


def _article_body(e: _Element) -> bool:
    class_ = _attr(e, "class")
    return (
        class_ in ("post", "entry")
        or e.get("itemprop") == "articleBody"
        or e.get("id") == "articleContent"
        or _article_id(_attr(e, "id"))
        or _article_class(class_)
    )


_not_author_id = _search("^comments|comment-?list|ProductReviews")
_not_author_class = _search(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    "article-(?:share|support)|print|category|meta-date|meta-reviewer"
)


def _not_the_author(e: _Element) -> bool:
    class_ = _attr(e, "class")
    return (
        e.get("id") == "comments"
        or class_ in ("comments", "title", "date")
        or _not_author_id(_attr(e, "id"))
        or _not_author_class(class_)
        or "Figure" in _attr(e, "data-component")
    )


_author_name_class = _search("author-?name|AuthorName|authorName")


def _author_specific(e: _Element) -> bool:
    return (
        e.tag == "author"  # the union's "|//author"
        or e.get("rel") == "author"
        or e.get("id") == "author"
        or e.get("class") == "author"
        or e.get("itemprop") == "author name"
        or any(child.xpath("string()") == "me" for child in e.iterchildren("rel"))
        or e.get("data-testid") in ("AuthorCard", "AuthorURL")
        or _author_name_class(_attr(e, "class"))
    )


_author_id = _search("author|zuozhe|bianji|xiaobian")
_author_class = _search(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)


def _author_generic(e: _Element) -> bool:
    class_ = _attr(e, "class")
    return (
        class_ in ("byline", "username", "byl", "BBL")
        or "author" in _attr(e, "itemprop")
        or _author_id(_attr(e, "id"))
        or _author_class(class_)
    )


_any_author_id = _search("[Aa]uthor")
_any_author_class = _search("[Aa]uthor|screenname|writer|[Bb]yline")


def _author_any(e: _Element) -> bool:
    return (
        "Byline" in _attr(e, "data-component")
        or "author" in _attr(e, "itemprop")
        or _any_author_id(_attr(e, "id"))
        or _any_author_class(_attr(e, "class"))
    )


_post_meta = _search("^(?:post-?info|post-?meta|meta|entry-meta|entry-info|entry-utility)")


def _category_box(e: _Element) -> bool:
    return _post_meta(_attr(e, "class")) or _attr(e, "id").startswith("postpath")


def _category_item(e: _Element) -> bool:
    class_ = _attr(e, "class")
    return class_ in ("post-category", "postcategory", "entry-category") or "cat-links" in class_


def _category_paragraph(e: _Element) -> bool:
    class_ = _attr(e, "class")
    return (
        class_.startswith(("postmeta", "entry-categories"))
        or class_ == "postinfo"
        or e.get("id") == "filedunder"
    )


def _category_footer(e: _Element) -> bool:
    return _attr(e, "class").startswith(("entry-meta", "entry-footer"))


def _entry_header(e: _Element) -> bool:
    return _attr(e, "class") == "entry-header"


def _row_or_tags(e: _Element) -> bool:
    return _attr(e, "class") in ("row", "tags")


def _tags_box(e: _Element) -> bool:
    return _attr(e, "class") == "tags"


def _tags_paragraph(e: _Element) -> bool:
    return _attr(e, "class").startswith("entry-tags")


_tag_meta = _search("^(?:tag|postmeta|meta)")


def _tag_box(e: _Element) -> bool:
    class_ = _attr(e, "class")
    return class_ in ("row", "jp-relatedposts", "entry-utility") or _tag_meta(class_)


def _tag_links(e: _Element) -> bool:
    class_ = _attr(e, "class")
    return class_ == "entry-meta" or "topics" in class_ or "tags-links" in class_


_DROPPED_BY_BASIC_CLEANING = frozenset(
    {"aside", "fencedframe", "footer", "script", "style", "svg", "template"}
)
_cookie_consent = re.compile(settings._COOKIE_CONSENT_RE, re.IGNORECASE)


def _basic_cleaning(e: _Element) -> bool:
    """``.//aside|.//div[contains(@class|@id, 'footer')]|…|.//*[re:test(@class, …, 'i') or
    re:test(@id, …, 'i')]``: a union, one pass in document order."""
    return (
        e.tag in _DROPPED_BY_BASIC_CLEANING
        or (e.tag == "div" and "footer" in _first(e, "class", "id"))
        or _cookie_consent.search(_attr(e, "class")) is not None
        or _cookie_consent.search(_attr(e, "id")) is not None
    )


Holder = list[XPath | Query] | ModuleType
"""Where trafilatura keeps an expression: a list of them, or a module's global."""


def _in(
    holder: list[XPath | Query], index: int, test: Test, tags: tuple[str, ...] = (), **options: bool
) -> tuple[Holder, int | str, Query]:
    """The query that stands in for ``holder[index]``, and where it goes."""
    return holder, index, Query(holder[index], test, tags, **options)


def _links_in(
    holder: list[XPath | Query], index: int, test: Test, tags: tuple[str, ...] = ()
) -> tuple[Holder, int | str, Query]:
    """A categories or tags expression: the links below the matches, in the whole document."""
    return _in(holder, index, test, tags, whole_document=True, links=True)


def _queries() -> list[tuple[Holder, int | str, Query]]:
    return [
        (_baseline, "BASIC_CLEAN_XPATH", Query(_baseline.BASIC_CLEAN_XPATH, _basic_cleaning)),
        _in(X.RAW_TREE_PRUNE_XPATH, 0, _appended_articles, ("div", "section", "aside")),
        _in(
            X.RAW_TREE_PRUNE_XPATH,
            1,
            lambda e: "elementor-share-buttons" in _attr(e, "class"),
            ("div", "section", "aside"),
        ),
        _in(
            X.REMOVE_COMMENTS_AND_LISTS_XPATH,
            0,
            _comment_section_or_list,
            ("div", "list", "section", "details", "ol", "ul"),
        ),
        _in(
            X.OVERALL_DISCARD_XPATH,
            0,
            _boilerplate,
            ("div", "item", "list", "p", "section", "span"),
        ),
        _in(X.OVERALL_DISCARD_XPATH, 1, _hidden_or_reply),
        _in(
            X.BODY_XPATH,
            0,
            _article_body,
            ("article", "div", "main", "section"),
            first_per_parent=True,
        ),
        _in(X.AUTHOR_DISCARD_XPATHS, 0, _not_the_author, ("a", "div", "section", "span")),
        _in(
            X.AUTHOR_XPATHS,
            0,
            _author_specific,
            ("a", "address", "div", "link", "p", "span", "strong", "author"),
            whole_document=True,
        ),
        _in(
            X.AUTHOR_XPATHS,
            1,
            _author_generic,
            ("a", "div", "h3", "h4", "p", "span"),
            whole_document=True,
        ),
        _in(X.AUTHOR_XPATHS, 2, _author_any, whole_document=True),
        _links_in(X.CATEGORIES_XPATHS, 0, _category_box, ("div",)),
        _links_in(X.CATEGORIES_XPATHS, 1, _category_paragraph, ("p",)),
        _links_in(X.CATEGORIES_XPATHS, 2, _category_footer, ("footer",)),
        _links_in(X.CATEGORIES_XPATHS, 3, _category_item, ("li", "span")),
        _links_in(X.CATEGORIES_XPATHS, 4, _entry_header, ("header",)),
        _links_in(X.CATEGORIES_XPATHS, 5, _row_or_tags, ("div",)),
        _links_in(X.TAGS_XPATHS, 0, _tags_box, ("div",)),
        _links_in(X.TAGS_XPATHS, 1, _tags_paragraph, ("p",)),
        _links_in(X.TAGS_XPATHS, 2, _tag_box, ("div",)),
        _links_in(X.TAGS_XPATHS, 3, _tag_links),
    ]


QUERIES = _queries()
"""Where each query goes: trafilatura's list and the index in it (or its module and the
global's name), and the query (made once, at import, from trafilatura's own expressions)."""
_prune_unwanted_nodes = htmlprocessing.prune_unwanted_nodes


def prune_unwanted_nodes(
    tree: _Element, nodelist: list[XPath | Query], with_backup: bool = False
) -> _Element:
    """trafilatura's ``prune_unwanted_nodes`` (2.3.1), the same result: with ``with_backup``,
    the matches without a matching ancestor are removed unless that would remove more than
    six sevenths of the text. Whether a match lies under another is remembered per element on
    the way up, so each ancestor is looked at once rather than once per match below it."""
    if not with_backup:
        return _prune_unwanted_nodes(tree, nodelist)
    matches = dict.fromkeys(element for expression in nodelist for element in expression(tree))
    under_match: dict[_Element, bool] = {}

    def below_a_match(element: _Element) -> bool:
        path = []
        node = element.getparent()
        found = False
        while node is not None:
            if node in matches:
                found = True
                break
            known = under_match.get(node)
            if known is not None:
                found = known
                break
            path.append(node)
            node = node.getparent()
        for passed in path:
            under_match[passed] = found
        return found

    outer = [element for element in matches if not below_a_match(element)]
    old_len = len(tree.text_content())
    removed = sum(len(element.text_content()) for element in outer)
    if old_len - removed > old_len / 7:
        for element in outer:
            delete_element(element)
    return tree


def place(holder: Holder, key: int | str, expression: XPath | Query | Any) -> None:
    """Put ``expression`` where trafilatura looks for the one at ``holder``/``key``."""
    if isinstance(holder, list):
        holder[int(key)] = expression
    else:
        setattr(holder, str(key), expression)


def found_at(holder: Holder, key: int | str) -> Any:
    """The expression trafilatura uses at ``holder``/``key`` now."""
    return holder[int(key)] if isinstance(holder, list) else getattr(holder, str(key))


def _no_license(tree: _Element) -> None:
    """trafilatura's ``extract_license`` (a search of every link for a licence, 1.6 ms a
    real page), answered by nothing: no draft keeps a licence."""


_extract_license = trafilatura.metadata.extract_license


def install() -> None:
    """Put the queries in trafilatura's lists, the pruning in its main extractor and the
    licence search out of its metadata (idempotent)."""
    for holder, key, query in QUERIES:
        place(holder, key, query)
    setattr(trafilatura.main_extractor, "prune_unwanted_nodes", prune_unwanted_nodes)  # noqa: B010
    setattr(trafilatura.metadata, "extract_license", _no_license)  # noqa: B010


def uninstall() -> None:
    """Give trafilatura its own XPath expressions, pruning and licence search back (for the
    tests)."""
    for holder, key, query in QUERIES:
        place(holder, key, query.xpath)
    setattr(trafilatura.main_extractor, "prune_unwanted_nodes", _prune_unwanted_nodes)  # noqa: B010
    setattr(trafilatura.metadata, "extract_license", _extract_license)  # noqa: B010
