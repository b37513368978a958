"""An HTTP answer's bytes into drafts, through the same format sniffing and parsers as files.

A file tells its format by content first and extension second; an answer from a server has no
extension, so its Content-Type stands in for one (``application/rss+xml`` reads as ``.rss``),
and the URL's own suffix after that. Content still decides: a feed served as ``text/html`` is
read as a feed. The charset the server named is used to decode; without one, the bytes are
decoded as a file's are (UTF-8, UTF-16 with a BOM, else Windows-1252 with a warning).

An article's URL is the one the document gives (a page's canonical link, a feed entry's link),
else, for a document that is one article (a page), the final URL after redirects.

:func:`parse_job` is what the worker processes run (it must be picklable, hence plain data in
and out), the fetching counterpart of the file import's loader.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from store.ingest.errors import ImportFailure
from store.ingest.reading import (
    DocumentText,
    count_control_bytes,
    count_controls,
    decode_document,
)
from store.records import DocumentDraft

CONTENT_TYPE_SUFFIX = {
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "application/rdf+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "text/html": ".html",
    "application/xhtml+xml": ".xhtml",
    "application/json": ".json",
    "application/feed+json": ".json",
    "application/x-ndjson": ".jsonl",
    "text/plain": ".txt",
}
"""The extension each media type stands for when :func:`detect_format` breaks a tie."""


@dataclass(frozen=True, slots=True)
class ParseJob:
    """One answer to parse, as plain data so it can cross to a worker process."""

    body: bytes
    source: str
    """What the articles' ``source`` says: the URL the user asked for (or subscribed to)."""
    final_url: str
    content_type: str = ""
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    """The drafts of one answer and its format's name, or why it could not be read."""

    drafts: tuple[DocumentDraft, ...] = ()
    format: str = ""
    failure: str | None = None
    feed_title: str | None = None


def decode_body(data: bytes, charset: str | None) -> DocumentText:
    """The answer's text, in the charset the server named when it names a real one."""
    if not data.strip():
        raise ImportFailure("empty response")
    if not charset:
        return decode_document(data)
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        decoded = decode_document(data)
        decoded.warnings.append(f"the server named an unknown charset {charset!r}")
        return decoded
    name = "utf-8-sig" if codec.name == "utf-8" else codec.name
    if b"\x00" in data and not codec.name.startswith(("utf-16", "utf-32")):
        raise ImportFailure("binary data, not text")
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        decoded = decode_document(data)
        decoded.warnings.append(f"not {charset} as the server said: decoded as {decoded.encoding}")
        return decoded
    # the answer's bytes are the text's UTF-8 when it is UTF-8 (a BOM holds no control byte)
    controls = count_control_bytes(data) if codec.name == "utf-8" else count_controls(text)
    if controls > max(16, len(text) // 100):
        raise ImportFailure("binary data, not text")
    return DocumentText(text=text, encoding=codec.name)


def parse_body(job: ParseJob) -> tuple[list[DocumentDraft], str]:
    """Drafts of one answer with canonical URLs and their claims, and the format's name.

    Raises :class:`ImportFailure` for what no parser reads, as a file import would.
    """
    # The parsers (trafilatura, feedparser, the claim rules) are imported here, in the worker
    # or at the first answer: a refresh of unchanged feeds never needs them (0.6 s to import).
    from store.claims import extract_claims
    from store.ingest.formats import detect_format
    from store.ingest.urls import canonical_url

    document = decode_body(job.body, job.charset)
    suffix = (
        CONTENT_TYPE_SUFFIX.get(job.content_type)
        or PurePosixPath(urlsplit(job.final_url).path).suffix.lower()
    )
    fmt = detect_format(Path("response" + suffix), document.text)
    drafts = fmt.parse(document.text, job.source)
    # A page ("HTML page", "saved page") is one article, at the fetched URL unless it names
    # its own; feeds and JSON hold many, each with its own URL or none.
    page_url = canonical_url(job.final_url) if fmt.name.endswith("page") else None
    for draft in drafts:
        draft.warnings[:0] = document.warnings
        draft.url = canonical_url(draft.url) or page_url
        if draft.claims is None:
            draft.claims = extract_claims(draft)
    return drafts, fmt.name


def parse_job(job: ParseJob) -> Parsed:
    """:func:`parse_body` that never raises for a bad answer (run in a worker process)."""
    try:
        drafts, name = parse_body(job)
    except ImportFailure as error:
        return Parsed(failure=str(error))
    except Exception as error:  # a reader library choking on hostile input: one line, go on
        return Parsed(failure=f"could not be read: {type(error).__name__}: {error}")
    title = drafts[0].site if drafts and is_feed_format(name) else None
    return Parsed(drafts=tuple(drafts), format=name, feed_title=title)


def is_feed_format(name: str) -> bool:
    """Whether a format (by its name in :data:`store.ingest.formats.FORMATS`) is a feed: RSS
    and Atom ("feed"), and any other kind of feed a later release reads ("JSON Feed")."""
    return "feed" in name.casefold()


SUMMARY_CHARS = 1500
"""An entry with less text than this is taken to be a summary of its page."""
_CUT_MARKS = ("…", "...", "[…]", "[...]", "read more", "continue reading", "read the full")


def is_summary(draft: DocumentDraft) -> bool:
    """Whether a feed entry's text looks like a summary rather than the article.

    Feeds that carry the article send its full HTML (content:encoded, Atom content), which is
    long; a summary is a paragraph or two, often cut with an ellipsis or a "read more" link.
    """
    body = draft.body.strip()
    if len(body) < SUMMARY_CHARS:
        return True
    return body[-40:].casefold().endswith(_CUT_MARKS)


def with_page(entry: DocumentDraft, page: DocumentDraft) -> DocumentDraft:
    """The article of a feed entry as its page gives it, keeping what only the feed knew.

    The page brings the full text, its comments and their claims; the entry's URL is kept
    when the page names no canonical one, and its date, author, site and tags fill the gaps.
    The source stays the feed, so the feed's entry count counts it.
    """
    page.source = entry.source
    page.url = page.url or entry.url
    page.published = page.published or entry.published
    page.author = page.author or entry.author
    page.site = page.site or entry.site
    page.tags = list(dict.fromkeys([*page.tags, *entry.tags]))
    page.title = page.title or entry.title
    return page
