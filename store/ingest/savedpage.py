"""Importer for the saved-page text format: a news page saved from a browser as plain text.

The layout, top to bottom, with paragraphs separated by blank lines::

    Title line
    [By NAME]                       optional byline
    [December 13, 2016]             optional date line
    reporting paragraphs, captions ("Screen shots from the video ...:") and image slugs
    ("16-12-13-battle-of-palmyra", "screen-shot-2016-12-13-at-1-27-01-pm")
    NAME is a Senior Fellow at ...  author bio
    Are you a dedicated reader ...  donation box
    Tags: a, b, c
    4 Comments
      • Name says:
        comment body, indented deeper than its header, maybe several paragraphs
    Iraq                            the site's section links, one per paragraph
    Syria

Every part but the title and the body is optional. The file has no markup, so the parser reads
it by shape, and its choices are:

- Image captions stay in the body: the reporter wrote them and they say what the images show.
  Only the bare slugs are taken out, into ``images``.
- The author bio and the donation box are recognised only in the *tail* of the article, the
  run of paragraphs after the last reporting paragraph, because a reporting paragraph may well
  say "X is a spokesman ..." or mention donations. A "NAME is a/an/the ..." paragraph is a bio
  only when page furniture (a donation box, tags, a comment count or comments) follows it; a
  page whose last reporting sentence has that shape and a bio-less tail is read ambiguously,
  and the parser errs towards keeping text in the body.
- The trailing section names are the site's category links; they are kept as tags, after the
  items of the ``Tags:`` line (empty items dropped, duplicates ignoring case dropped).
- ``site`` stays None: the page never names its site in a form a general rule can read (the
  bio's "FDD's Long War Journal" is prose), and a guess would be worse than nothing.
- ``published`` is the date line when there is one, else the date most image slugs carry
  (WordPress names uploads and screenshots by date), as midnight UTC.
- Claims are left to the claim extractor (``claims`` is None).

Variants that real pages use (bullets, "says:"/"wrote:", "Tags:"/"Filed under:") are the
constants below, so a new variant is a one-line change.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from store.ingest.errors import ImportFailure
from store.ingest.posted_time import PageClock, parse_written_time
from store.records import CommentDraft, DocumentDraft

BULLETS = ("•", "*", "-", "·")
SPEECH_VERBS = ("says", "said", "wrote")
COUNT_NOUNS = ("comments", "comment", "responses", "response")
COUNT_WORDS = {"no": 0, "one": 1}
TAG_LABELS = ("tags", "tagged", "filed under")
BOILERPLATE_MARKERS = ("donation", "donate", "subscribe", "newsletter")
DATE_PREFIXES = ("published", "posted", "updated")
DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp")
# Capitalised words that start sentences, not names: "The Pentagon is a ..." is no bio.
NOT_NAME_WORDS = frozenset({"The", "This", "That", "These", "Those", "It", "There", "Here"})

MAX_TITLE_CHARS = 300
MAX_SECTION_CHARS = 40
MAX_BIO_CHARS = 400
MAX_COMMENTER_CHARS = 80
MAX_COMMENT_DATE_CHARS = 40


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in words)


_NAME_WORD = r"[A-Z][\w'’.-]*"
_PARTICLE = r"(?:al|bin|da|de|del|der|el|la|le|van|von)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,4}}"
# "X is a ..." and the other ways a bio opens ("Mira Okonkwo covers maritime security for ...").
_BIO = re.compile(
    rf"(?P<name>{_NAME})\s+(?:is\s+(?:a|an|the)|covers|reports\s+on|writes\s+"
    rf"(?:about|on|for)|has\s+(?:covered|reported|written)|is\s+based\s+in)\s"
)
_BYLINE = re.compile(rf"By\s+(?P<name>{_NAME}(?:(?:,\s*|\s+and\s+){_NAME})*)")
_HEADER = re.compile(
    rf"(?P<indent>[ \t]*)(?:{_alternatives(BULLETS)})[ \t]+"
    rf"(?P<name>\S.{{0,{MAX_COMMENTER_CHARS}}}?)[ \t]+(?:{_alternatives(SPEECH_VERBS)})"
    r"(?:[ \t]*:[ \t]*(?P<rest>.*))?"
)
_COUNT = re.compile(
    rf"(?P<count>\d+|{_alternatives(tuple(COUNT_WORDS))})\s+(?:{_alternatives(COUNT_NOUNS)})"
    r"(?:\s+(?:on|to)\s+.+)?"
    rf"|(?:{_alternatives(COUNT_NOUNS)})\s*(?:\((?P<paren>\d+)\)|:\s*(?P<colon>\d+))",
    re.IGNORECASE,
)
_TAGS = re.compile(rf"(?:{_alternatives(TAG_LABELS)})\s*:(?P<items>.*)", re.IGNORECASE)
# Upload names are lower case, which keeps a one-word paragraph such as "Covid-19" in the body.
_SLUG = re.compile(rf"[a-z0-9]+(?:[-_][a-z0-9]+)+(?:\.(?:{_alternatives(IMAGE_EXTENSIONS)}))?")
_FULL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")
_SHORT_DATE = re.compile(r"(?P<y>\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[-_]|$)")
_DATE_PREFIX = re.compile(rf"(?:{_alternatives(DATE_PREFIXES)})\s*:?\s*", re.IGNORECASE)
_SENTENCE_END = ".:;!?,"
_FULL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True, slots=True)
class _Block:
    """One paragraph: its lines as written (right-stripped) and their smallest indentation."""

    lines: tuple[str, ...]

    @property
    def indent(self) -> int:
        return min(len(line) - len(line.lstrip()) for line in self.lines)

    @property
    def text(self) -> str:
        """The paragraph without indentation; line breaks inside it are kept."""
        return "\n".join(line.strip() for line in self.lines)

    @property
    def single_line(self) -> str | None:
        return self.lines[0].strip() if len(self.lines) == 1 else None


@dataclass(slots=True)
class _EndMatter:
    """What follows the article: tags, the declared count, comments and section names."""

    tags: list[str]
    declared: int | None
    comments: list[CommentDraft]
    sections: list[str]
    ignored: int = 0


def looks_like_saved_page(text: str) -> bool:
    """Whether ``text`` has this format's shape, cheaply, so import can pick a reader by content.

    A title line and at least one mark of a saved page (a comment count, a comment header, a tags
    line or a bare image slug on its own line). Plain prose has none of these and is left to
    another reader; markup and JSON are refused at the first character.
    """
    head = text.lstrip("\ufeff \t\r\n")
    if not head or head[0] in "<{[":
        return False
    first = head.split("\n", 1)[0].strip()
    if not first or len(first) > MAX_TITLE_CHARS:
        return False
    return any(_is_marker(line) for line in head.splitlines()[1:])


def _is_marker(line: str) -> bool:
    stripped = line.strip()
    return bool(
        _COUNT.fullmatch(stripped)
        or _TAGS.fullmatch(stripped)
        or _HEADER.fullmatch(line.rstrip())
        or (_SLUG.fullmatch(stripped) and "-" in stripped)
    )


def parse_saved_page(text: str, source: str) -> DocumentDraft:
    """Read one saved page into a draft; raise :class:`ImportFailure` for unreadable input."""
    title, blocks = _split_title(_clean(text))
    end = _end_matter_start(blocks)
    article, after = blocks[:end], _read_end_matter(blocks[end:])
    header_author, header_date, article = _read_header(article)
    body_blocks, tail = _split_tail(article, furnished=end < len(blocks))
    images = [b.text for b in article if _is_slug(b)]
    body = "\n\n".join(b.text for b in body_blocks if not _is_slug(b))
    if not body:
        raise ImportFailure("no body text after the title")
    bio_names = [name for b in tail if (name := _bio_name(b))]
    draft = DocumentDraft(
        title=title,
        body=body,
        source=source,
        author=header_author or (" and ".join(bio_names) or None),
        published=header_date or _date_from_slugs(images),
        images=images,
        tags=_unique([*after.tags, *after.sections, *_sections_in(tail)]),
        comments=after.comments,
        declared_comment_count=after.declared,
    )
    draft.warnings.extend(_warnings(after))
    return draft


def _clean(text: str) -> list[str]:
    """Lines without a byte-order mark or carriage returns; refuse what is not a document."""
    if "\x00" in text:
        raise ImportFailure("binary data, not text")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportFailure("empty document")
    return [line.rstrip() for line in text.split("\n")]


def _split_title(lines: list[str]) -> tuple[str, list[_Block]]:
    """The first non-blank line is the title, unless it is plainly something else."""
    start = next(i for i, line in enumerate(lines) if line.strip())
    title = lines[start]
    if title[0].isspace() or len(title) > MAX_TITLE_CHARS or _is_marker(title):
        raise ImportFailure("no title line")
    return title.strip(), _blocks(lines[start + 1 :])


def _blocks(lines: list[str]) -> list[_Block]:
    """Paragraphs: runs of non-blank lines."""
    blocks: list[_Block] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            run.append(line)
        elif run:
            blocks.append(_Block(tuple(run)))
            run = []
    return blocks


def _end_matter_start(blocks: list[_Block]) -> int:
    """Index of the first tags line, count line or comment header; the article ends there.

    Without a count line, a bulleted "X said:" only starts the comments when the paragraph after
    it is indented deeper, so a bulleted quote in the article stays in the article.
    """
    for i, block in enumerate(blocks):
        line = block.single_line
        if line is not None and (_COUNT.fullmatch(line) or _TAGS.fullmatch(line)):
            return i
        header = _HEADER.fullmatch(block.lines[0])
        if header and _owns_what_follows(block, blocks[i + 1] if i + 1 < len(blocks) else None):
            return i
    return len(blocks)


def _owns_what_follows(header: _Block, following: _Block | None) -> bool:
    """Whether a bulleted "X says:" has a comment's body under it: the next paragraph indented
    deeper, or (no blank line after "says:") its own next line indented deeper."""
    indent = len(header.lines[0]) - len(header.lines[0].lstrip())
    if len(header.lines) > 1:
        return len(header.lines[1]) - len(header.lines[1].lstrip()) > indent
    return following is not None and following.indent > header.indent


def _read_end_matter(blocks: list[_Block]) -> _EndMatter:
    """Walk the end matter once: a comment owns the paragraphs indented deeper than its header."""
    found = _EndMatter(tags=[], declared=None, comments=[], sections=[])
    author: str | None = None
    indent = 0
    paragraphs: list[str] = []
    for block in blocks:
        line = block.single_line
        header = _HEADER.fullmatch(block.lines[0])
        if header and author is not None and len(header["indent"]) > indent:
            header = None  # a bulleted line inside a comment's body, not a new comment
        if author is not None and not header and block.indent > indent:
            paragraphs.append(block.text)
            continue
        if author is not None:
            found.comments.append(_comment(author, paragraphs))
            author = None
        if header:
            author, indent = header["name"].strip(), len(header["indent"])
            rest = "\n".join([(header["rest"] or "").strip(), *block.text.split("\n")[1:]])
            paragraphs = [rest.strip()] if rest.strip() else []
        elif line is not None and (count := _COUNT.fullmatch(line)):
            found.declared = _count_value(count["count"] or count["paren"] or count["colon"])
        elif line is not None and (tags := _TAGS.fullmatch(line)):
            found.tags.extend(item.strip() for item in tags["items"].split(","))
        elif _is_section(block):
            found.sections.append(block.text)
        else:
            found.ignored += 1
    if author is not None:
        found.comments.append(_comment(author, paragraphs))
    return found


def _comment(author: str, paragraphs: list[str]) -> CommentDraft:
    """A comment; a date line under the name ("December 14, 2016 at 3:05 pm") is its posted
    time, not its text."""
    posted = None
    if paragraphs:
        first, _, rest = paragraphs[0].partition("\n")
        if len(first) <= MAX_COMMENT_DATE_CHARS and _FULL_YEAR.search(first):
            posted = parse_written_time(first, PageClock())
            if posted is not None:
                paragraphs = ([rest] if rest.strip() else []) + paragraphs[1:]
    return CommentDraft(author=author, body="\n\n".join(paragraphs), posted=posted)


def _count_value(word: str) -> int:
    return int(word) if word.isdigit() else COUNT_WORDS[word.lower()]


def _read_header(blocks: list[_Block]) -> tuple[str | None, datetime | None, list[_Block]]:
    """An optional byline and date line right under the title, taken out of the article."""
    author: str | None = None
    published: datetime | None = None
    while blocks and (line := blocks[0].single_line) is not None:
        if author is None and (byline := _BYLINE.fullmatch(line)):
            author = byline["name"]
        elif published is None and (moment := _date_line(line)):
            published = moment
        else:
            break
        blocks = blocks[1:]
    return author, published, blocks


def _date_line(line: str) -> datetime | None:
    prefix = _DATE_PREFIX.match(line)
    text = line[prefix.end() :] if prefix else line
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _split_tail(blocks: list[_Block], furnished: bool) -> tuple[list[_Block], list[_Block]]:
    """Split off the page furniture after the last reporting paragraph: bio, donation box, ...

    Walking back from the end, slugs and section-like lines are passed over, boilerplate joins
    the tail, and a "NAME is a ..." paragraph is a bio only when furniture follows it
    (``furnished``: boilerplate, or tags/count/comments after the article) and only in one
    contiguous run, so "Ivan Petrov is a union steward" as the last reporting line stays put.
    The first paragraph always stays in the body.
    """
    start, bio_seen = len(blocks), False
    for i in range(len(blocks) - 1, 0, -1):
        block = blocks[i]
        if _is_boilerplate(block):
            start, furnished = i, True
        elif furnished and _bio_name(block):
            start, bio_seen = i, True
        elif bio_seen or not (_is_slug(block) or _is_section(block)):
            break
    return blocks[:start], blocks[start:]


def _sections_in(tail: list[_Block]) -> list[str]:
    return [b.text for b in tail if _is_section(b) and not _is_slug(b)]


def _is_slug(block: _Block) -> bool:
    line = block.single_line
    return line is not None and "-" in line and bool(_SLUG.fullmatch(line))


def _is_section(block: _Block) -> bool:
    """A section link: one short line that does not end like a sentence or a caption."""
    line = block.single_line
    return (
        line is not None
        and len(line) <= MAX_SECTION_CHARS
        and line[-1] not in _SENTENCE_END
        and (line[0].isupper() or line[0].isdigit())
    )


def _is_boilerplate(block: _Block) -> bool:
    lowered = block.text.lower()
    return any(marker in lowered for marker in BOILERPLATE_MARKERS)


def _bio_name(block: _Block) -> str | None:
    """The NAME of a short "NAME is a/an/the ..." paragraph, else None."""
    text = block.text
    if len(text) > MAX_BIO_CHARS:
        return None
    match = _BIO.match(text)
    if not match or match["name"].split()[0] in NOT_NAME_WORDS:
        return None
    return match["name"]


def _date_from_slugs(images: list[str]) -> datetime | None:
    """The date most image slugs carry ("2016-12-13" anywhere, or a leading "16-12-13")."""
    dates = Counter(moment for slug in images if (moment := _slug_date(slug)))
    return dates.most_common(1)[0][0] if dates else None


def _slug_date(slug: str) -> datetime | None:
    match = _FULL_DATE.search(slug) or _SHORT_DATE.match(slug)
    if not match:
        return None
    year = int(match["y"])
    year = year if year > 99 else 2000 + year
    try:
        return datetime(year, int(match["m"]), int(match["d"]), tzinfo=UTC)
    except ValueError:
        return None


def _unique(items: list[str]) -> list[str]:
    """Non-empty items in first-seen order, duplicates ignoring case dropped."""
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            kept.append(item)
    return kept


def _warnings(found: _EndMatter) -> list[str]:
    warnings: list[str] = []
    if found.declared is not None and found.declared != len(found.comments):
        warnings.append(f"declared {found.declared} comments, found {len(found.comments)}")
    if found.ignored:
        warnings.append(f"ignored {found.ignored} unrecognised paragraphs after the article")
    return warnings
