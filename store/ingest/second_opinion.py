"""Skip trafilatura's second opinion on a page where it cannot change the article.

After its own rules have found the article, trafilatura (unless ``fast=True``) asks readability
for a second opinion, and takes readability's text instead when it is more than twice as long,
when its own is empty, or when its own has no paragraphs or is mostly tables; it then asks
jusText when its own result is short or still holds page furniture (asides, figures, buttons).
readability is a third of trafilatura's time on a real page (compare: 15 ms of a 55 ms
extraction on the 61 real pages), and on most pages it is asked for nothing.

readability returns nothing the page does not hold: it drops scripts and styles and only
removes, moves and wraps what is left (the one exception: it writes "VIDEO" into a video's
``<iframe>``). Some of what it removes it removes on every page, before it scores anything:
the elements whose class or id reads as an unlikely place for an article ("comment", "sidebar",
"footer"…), and forms. So when everything the page holds outside those is at most twice
trafilatura's own text (:func:`readability_text_bound`), readability cannot be "more than twice
as long"; and when none of the other triggers holds either, the comparison returns
trafilatura's own result unchanged. Leaving out the unlikely places matters on the pages
claimdesk is for: a long comment thread under a short article made the whole page's text more
than twice the article's, and readability ran for nothing (29 of the 61 real pages asked it
with the page's whole text as the bound, 18 now). This
module puts exactly that check before trafilatura's ``compare_extraction`` and otherwise calls
it as it is, so the article is the same on every page by construction (the real pages are
checked in ``tests/store/test_second_opinion.py``). The check stands in trafilatura's
``_extract_and_compare``, before the copy of the raw tree that the comparison is handed (it
only reads the tree), so a page that skips the comparison skips that copy too (≈1 ms a real
page). ``fast=True``, which skips the comparison
on every page, loses text on real pages (boingboing: 2,291 characters down to 331), so it is
not used.

The same bound answers a later question without its cost. When its text is short (under 3,000
characters), trafilatura weighs it against the page's plain text (``html2txt``: the page copied,
pruned and flattened, 7 ms) and retries in recall mode when it is less than a fifth of it. The
plain text is never longer than the bound of the page's ``<body>`` (``html2txt`` only removes
elements, keeping their tails, and adds spaces between blocks, which the bound's separate
counting of each piece already allows), so when the text is a fifth of the bound or more the
retry cannot happen and ``html2txt`` is not run (:func:`plain_text_for_escalation`): on 16 of
the 19 real pages where trafilatura asked.

The conditions copy trafilatura 2.3.1's ``external.compare_extraction`` and
``_prefer_readability``, and :func:`extract_and_compare` its ``core._extract_and_compare``; the
version is pinned, and the test fails if the wrapped function is not the one this was written
against.
"""

from __future__ import annotations

import threading
from copy import copy
from typing import Any

import trafilatura.core
import trafilatura.external
from lxml.etree import _Element, iterwalk
from lxml.html import HtmlElement
from trafilatura.baseline import html2txt as trafilatura_html2txt
from trafilatura.core import ESCALATION_PAGE_SHARE
from trafilatura.external import SANITIZED_XPATH
from trafilatura.external import compare_extraction as trafilatura_compare
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.readability_lxml import FRAME_TAGS, REGEXES
from trafilatura.settings import Extractor

_WITHOUT_TEXT = frozenset({"script", "style"})
"""Elements whose text readability drops before it reads the page."""
_VIDEO = len(" VIDEO")
"""What readability may add per ``<iframe>`` (the text it writes into a video's frame)."""


def page_text_length(tree: HtmlElement, stop_above: int | None = None) -> int:
    """An upper bound of the length of any text readability can make of ``tree``: its text
    outside scripts and styles, white space collapsed as trafilatura counts it (its words, one
    space between two), plus what readability may write into its frames.

    With ``stop_above``, counting stops once the length passes it (a page much longer than
    the article is told after its first screens of text), and a length above it is returned.
    """
    length = -1  # n words take n - 1 spaces
    for element in tree.iter():
        tag = element.tag
        pieces = [element.tail]
        if isinstance(tag, str):
            if tag == "iframe":
                length += _VIDEO
            if tag not in _WITHOUT_TEXT:
                pieces.append(element.text)
        length += _words_and_spaces(pieces)
        if stop_above is not None and length > stop_above:
            break
    return max(length, 0)


def _words_and_spaces(pieces: list[str | None]) -> int:
    """The pieces' words' letters, plus one space after each word (the callers start at -1:
    n words take n - 1 spaces)."""
    length = 0
    for piece in pieces:
        if piece:
            words = piece.split()
            length += sum(map(len, words)) + len(words)
    return length


_READABILITY_DROPS = frozenset({"script", "style", "fencedframe", "form", "textarea"})
"""Elements readability always removes with what they hold (their tails stay): the first three
before it reads the page (``summary``), forms and text areas from the article it returns
(``sanitize``)."""
_UNLIKELY = REGEXES["unlikelyCandidatesRe"]
_MAYBE = REGEXES["okMaybeItsACandidateRe"]


def readability_text_bound(tree: HtmlElement, stop_above: int | None = None) -> int:
    """An upper bound of the length of readability's text of ``tree``, tighter than
    :func:`page_text_length`: what readability removes before it scores anything is not
    counted, so a page whose comments outweigh the article can still be told apart from one
    where readability might find more.

    trafilatura 2.3.1's readability drops, whatever the page, every element but the root,
    ``<html>`` and ``<body>`` whose class and id (joined by a space, lower case) match its
    "unlikely candidates" and not its "maybe" pattern (``remove_unlikely_candidates``, with no
    second pass since this version), and the elements of :data:`_READABILITY_DROPS`. Those
    subtrees are skipped here (their tails are counted: ``drop_tree`` keeps them), in the same
    words-and-spaces count as :func:`page_text_length`, ``<iframe>`` allowance included.
    """
    length = -1  # n words take n - 1 spaces
    verdicts: dict[str, bool] = {}
    walk = iterwalk(tree, events=("start", "comment", "pi"))
    for event, element in walk:
        pieces = [element.tail]
        if event == "start":
            if element.tag in _READABILITY_DROPS or (
                element is not tree and _unlikely_candidate(element, verdicts)
            ):
                walk.skip_subtree()
            else:
                if element.tag == "iframe":
                    length += _VIDEO
                pieces.append(element.text)
        length += _words_and_spaces(pieces)
        if stop_above is not None and length > stop_above:
            break
    return max(length, 0)


def _unlikely_candidate(element: _Element, verdicts: dict[str, bool]) -> bool:
    """readability's ``remove_unlikely_candidates`` test (2.3.1), its verdicts per attribute
    string remembered as readability remembers them."""
    class_, id_ = element.get("class"), element.get("id")
    if class_ is None and id_ is None:
        return False
    attributes = " ".join(filter(None, (class_, id_)))
    if len(attributes) < 2 or element.tag in FRAME_TAGS:
        return False
    verdict = verdicts.get(attributes)
    if verdict is None:
        low = attributes.lower()
        verdict = bool(_UNLIKELY.search(low)) and not _MAYBE.search(low)
        verdicts[attributes] = verdict
    return verdict


def cannot_change(raw_tree: HtmlElement, body: _Element, text: str, options: Extractor) -> bool:
    """Whether trafilatura's comparison would return ``body`` and ``text`` as they are."""
    if options.focus == "recall" or len(text) < options.min_extracted_size:
        return False  # recall has rules of its own; a short text is handed to jusText
    if body.xpath(SANITIZED_XPATH):
        return False  # page furniture left in the text: jusText is asked
    if not body.xpath(".//p//text()") or len(body.findall(".//table")) > len(body.findall(".//p")):
        return False  # readability may be preferred whatever its length
    return readability_text_bound(raw_tree, stop_above=2 * len(text)) <= 2 * len(text)


trafilatura_justext_rescue = trafilatura.external.justext_rescue
"""trafilatura's own, which :func:`justext_rescue` calls with a real tree."""


class DeferredBackup:
    """The cleaned, not yet converted copy of a page that trafilatura's ``_prepare_tree``
    keeps for jusText, as the recipe to make it rather than the copy.

    Without comments, only jusText reads that copy (``compare_extraction`` hands it to
    ``justext_rescue``), and jusText is asked on 2 of the 61 real pages; the copy took
    0.4 ms on every page. Made when jusText asks, it is the same tree: trafilatura cleans a
    copy of the raw tree, and nothing changes the raw tree between its ``_prepare_tree`` and
    its comparison (readability reads a copy of it, the extraction the converted tree).
    """

    __slots__ = ("options", "raw_tree")

    def __init__(self, raw_tree: HtmlElement, options: Extractor) -> None:
        self.raw_tree = raw_tree
        self.options = options

    def make(self) -> HtmlElement:
        made: HtmlElement = tree_cleaning(copy(self.raw_tree), self.options)
        return made


def prepare_tree(
    tree: HtmlElement, options: Extractor, url: str | None
) -> tuple[HtmlElement, HtmlElement | DeferredBackup]:
    """trafilatura 2.3.1's ``_prepare_tree`` (the raw tree cleaned and converted, and the
    cleaned tree before conversion), the latter deferred when comments are not extracted
    (with comments, trafilatura converts that copy again on forum pages: it is made)."""
    if options.comments:
        return trafilatura_prepare_tree(tree, options, url)
    cleaned = tree_cleaning(copy(tree), options)
    converted: HtmlElement = convert_tags(cleaned, options, url)
    return converted, DeferredBackup(tree, options)


def justext_rescue(tree: HtmlElement | DeferredBackup, options: Extractor) -> tuple[_Element, str]:
    """trafilatura's ``justext_rescue``, with a :class:`DeferredBackup` made first."""
    if isinstance(tree, DeferredBackup):
        tree = tree.make()
    found: tuple[_Element, str] = trafilatura_justext_rescue(tree, options)
    return found


def extract_and_compare(
    cleaned_tree: HtmlElement,
    cleaned_tree_backup: HtmlElement | DeferredBackup,
    tree: HtmlElement,
    options: Extractor,
) -> tuple[_Element, str]:
    """trafilatura's ``_extract_and_compare`` (its own extraction, then the comparison with
    readability and jusText), without the comparison, nor the copy of the raw tree it is
    handed, where it cannot change the result (see the module's docstring)."""
    extract_content = trafilatura.core.extract_content  # type: ignore[attr-defined]
    postbody, temp_text = extract_content(cleaned_tree, options)
    if not options.fast and not cannot_change(tree, postbody, temp_text, options):
        postbody, temp_text = trafilatura_compare(
            cleaned_tree_backup,  # read by justext_rescue alone, which makes a deferred one
            copy(tree),
            postbody,
            temp_text,
            options,
        )
    _extracted.tree, _extracted.length = tree, len(temp_text)
    return postbody, temp_text


_extracted = threading.local()
"""The raw tree of this thread's latest extraction and the length of the text found in it."""


def plain_text_for_escalation(content: Any, clean: bool = True) -> str:
    """trafilatura's ``html2txt`` as its extraction asks it (``len(text) < 0.2 *
    len(html2txt(tree))``), or "" where the answer is known to be no without it.

    It is known for the tree just extracted when the text found is at least a fifth of the
    bound of the tree's body (see the module's docstring). Should a baseline rescue have
    replaced the text in between, the new one is longer, so the answer is no all the more.
    """
    tree: HtmlElement | None = getattr(_extracted, "tree", None)
    length: int | None = getattr(_extracted, "length", None)
    if clean and tree is not None and length is not None and content is tree:
        body = tree.find(".//body")
        stop = int(length / ESCALATION_PAGE_SHARE) + 1
        bound = page_text_length(body if body is not None else tree, stop_above=stop)
        if bound <= stop and not length < ESCALATION_PAGE_SHARE * bound:
            return ""  # its length 0: no retry, as the real text would answer
    found: str = trafilatura_html2txt(content, clean)
    return found


_trafilatura_extract_and_compare = trafilatura.core._extract_and_compare
trafilatura_prepare_tree = trafilatura.core._prepare_tree


def install() -> None:
    """Make trafilatura's extraction use :func:`extract_and_compare`, :func:`prepare_tree`
    and :func:`justext_rescue` (idempotent)."""
    # trafilatura.core calls them by their module globals' names, from two places each
    setattr(trafilatura.core, "_extract_and_compare", extract_and_compare)  # noqa: B010
    setattr(trafilatura.core, "html2txt", plain_text_for_escalation)  # noqa: B010
    setattr(trafilatura.core, "_prepare_tree", prepare_tree)  # noqa: B010
    # the comparison's own jusText (the escalation's is handed a real copy by trafilatura.core)
    setattr(trafilatura.external, "justext_rescue", justext_rescue)  # noqa: B010


def uninstall() -> None:
    """Give trafilatura its own stages and plain text back (for the test that compares)."""
    setattr(trafilatura.core, "_extract_and_compare", _trafilatura_extract_and_compare)  # noqa: B010
    setattr(trafilatura.core, "html2txt", trafilatura_html2txt)  # noqa: B010
    setattr(trafilatura.core, "_prepare_tree", trafilatura_prepare_tree)  # noqa: B010
    setattr(trafilatura.external, "justext_rescue", trafilatura_justext_rescue)  # noqa: B010
