"""Which importer reads a file: told by content first, by extension as a tie-breaker.

Each :class:`DocumentFormat` is data (a name, the extensions it usually has, a cheap sniffing
test and a parser), so adding a format is adding one entry to :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from store.ingest.errors import ImportFailure
from store.ingest.feed import looks_like_feed, parse_feed
from store.ingest.html_page import looks_like_html, parse_html_page
from store.ingest.json_feed import looks_like_json_feed, parse_json_feed
from store.ingest.json_records import (
    looks_like_json_array,
    looks_like_json_lines,
    parse_json_lines,
    parse_json_records,
    stream_json_lines,
)
from store.ingest.savedpage import looks_like_saved_page, parse_saved_page
from store.records import DocumentDraft

Parser = Callable[[str, str], list[DocumentDraft]]
Streamer = Callable[[Path], Iterator[DocumentDraft]]


@dataclass(frozen=True, slots=True)
class DocumentFormat:
    """One input format claimdesk can import.

    ``parse`` reads a whole decoded file (within the reading size limit). A format that can be
    read piece by piece also has ``stream``, which reads the file itself and yields drafts as it
    goes, so its files may be of any size.
    """

    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[str], bool]
    parse: Parser
    stream: Streamer | None = None


def _saved_page(text: str, source: str) -> list[DocumentDraft]:
    return [parse_saved_page(text, source)]


SAVED_PAGE = DocumentFormat("saved page", (".txt", ".text"), looks_like_saved_page, _saved_page)
FEED = DocumentFormat("feed", (".rss", ".atom", ".xml"), looks_like_feed, parse_feed)
HTML_PAGE = DocumentFormat(
    "HTML page", (".html", ".htm", ".xhtml"), looks_like_html, parse_html_page
)
JSON_FEED = DocumentFormat(
    "JSON Feed", (".json", ".jsonfeed"), looks_like_json_feed, parse_json_feed
)
JSON_RECORDS = DocumentFormat("JSON", (".json",), looks_like_json_array, parse_json_records)
JSON_LINES = DocumentFormat(
    "JSON lines",
    (".jsonl", ".ndjson", ".json"),
    looks_like_json_lines,
    parse_json_lines,
    stream=stream_json_lines,
)

FORMATS: list[DocumentFormat] = [FEED, HTML_PAGE, JSON_FEED, JSON_RECORDS, JSON_LINES, SAVED_PAGE]
"""In order of preference when several sniffing tests accept a text and the extension does not
decide: the formats with a strict structure first, plain saved-page text last."""

KNOWN_EXTENSIONS = frozenset(ext for fmt in FORMATS for ext in fmt.extensions)


def detect_format(path: Path, head: str) -> DocumentFormat:
    """Pick the format for a file from the start of its text; ImportFailure when none fits.

    Content decides (a feed saved as ``.txt`` is a feed); among formats whose sniffing test
    accepts the text, one the file's extension names is preferred. When no test accepts it,
    the extension's own format gets the text, so its parser can say precisely what is wrong
    ("no body text after the title") instead of a vague "unknown format".
    """
    head = head[:65536]
    suffix = path.suffix.lower()
    by_extension = [fmt for fmt in FORMATS if suffix in fmt.extensions]
    accepting = [fmt for fmt in FORMATS if fmt.sniff(head)]
    if not accepting:
        if by_extension:
            return by_extension[0]
        names = ", ".join(fmt.name for fmt in FORMATS)
        raise ImportFailure(f"not a format claimdesk reads ({names})")
    return next((fmt for fmt in accepting if fmt in by_extension), accepting[0])
