"""Which importer reads a file: told by content first, by extension as a tie-breaker.

Each :class:`DocumentFormat` is data (a name, the extensions it usually has, a cheap sniffing
test and a parser), so adding a format is adding one entry to :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from store.ingest.errors import ImportFailure
from store.ingest.savedpage import looks_like_saved_page, parse_saved_page
from store.records import DocumentDraft

Parser = Callable[[str, str], list[DocumentDraft]]


@dataclass(frozen=True, slots=True)
class DocumentFormat:
    """One input format claimdesk can import."""

    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[str], bool]
    parse: Parser


def _saved_page(text: str, source: str) -> list[DocumentDraft]:
    return [parse_saved_page(text, source)]


SAVED_PAGE = DocumentFormat("saved page", (".txt", ".text"), looks_like_saved_page, _saved_page)

FORMATS: list[DocumentFormat] = [SAVED_PAGE]
"""Tried in order; the first whose sniffing test accepts the text wins."""

KNOWN_EXTENSIONS = frozenset(ext for fmt in FORMATS for ext in fmt.extensions)


def detect_format(path: Path, text: str) -> DocumentFormat:
    """Pick the format for ``text`` read from ``path``; ImportFailure when none fits.

    Content decides first (a feed saved as .txt is still a feed); when no sniffing test
    accepts it, the extension's own format gets the text, so its parser can say precisely
    what is wrong ("no body text after the title") instead of a vague "unknown format".
    """
    head = text[:65536]
    by_extension = [fmt for fmt in FORMATS if path.suffix.lower() in fmt.extensions]
    for fmt in by_extension + [f for f in FORMATS if f not in by_extension]:
        if fmt.sniff(head):
            return fmt
    if by_extension:
        return by_extension[0]
    names = ", ".join(fmt.name for fmt in FORMATS)
    raise ImportFailure(f"not a format claimdesk reads ({names})")
