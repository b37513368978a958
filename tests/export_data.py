"""Documents for the export tests, built from the real page's own sentences.

The saved-page parser and the claim extractor are written in parallel, so these drafts are put
together by hand from ``sample_data/000_ad01ffdc07868135.txt``; a second, hostile document
carries the text an export must not let loose (formulas, Markdown, HTML, control characters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from markdown_it import MarkdownIt
from markdown_it.token import Token

from store.records import (
    ArticleRecord,
    ClaimDraft,
    ClaimRecord,
    ClaimStatus,
    CommentDraft,
    CommentRecord,
    DocumentDraft,
    Quantity,
)
from store.store import Store
from tests.conftest import SEED_PAGE

PAGE_LINES = [line.strip() for line in SEED_PAGE.read_text(encoding="utf-8").splitlines()]
TITLE = PAGE_LINES[0]
URL = (
    "https://www.longwarjournal.org/archives/2016/12/jihadis-celebrate-capture-of-russian-base.php"
)
SITE = "FDD's Long War Journal"
AUTHOR = "Thomas Joscelyn"
BODY = "\n\n".join(line for line in PAGE_LINES[2:9] if line)


def _page_sentence(start: str) -> str:
    """The sentence of the page that begins with ``start``, copied rather than retyped."""
    text = SEED_PAGE.read_text(encoding="utf-8")
    begin = text.index(start)
    return text[begin : text.index(".", begin) + 1]


SEIZED = _page_sentence("Amaq claims that all of the following were seized")
KILLED = _page_sentence("In addition, 352 men")
ORYX = _page_sentence("Oryx is reporting")
PADDY = next(line for line in PAGE_LINES if line.startswith("Why did not the Russian planes"))
MOOSE = "This was a huge gain for IS. " + ORYX
EVAN = (
    "The lone pawn is my favorite…\n\nLooking at the photos, it does seem like the Russians "
    "tried to burn some stuff, what exactly, I’m not sure.\nI’m curious about some things, "
    "such as,\nWhat if anything the Russians did burn, or if that photo is from the base?"
)

HOSTILE_FORMULA = '=HYPERLINK("http://evil","x")'
HOSTILE_SUM = "@SUM(1+1)"
HOSTILE_MARKDOWN = "# not a heading | a pipe *not bold* <script>alert(1)</script>\n1. not a list"
HOSTILE_TITLE = "Pipes | stars *and* [links](http://x) ## in a title"


def _claim(body: str, text: str, **fields: object) -> ClaimDraft:
    start = body.index(text)
    return ClaimDraft(text, start, start + len(text), **fields)  # type: ignore[arg-type]


def palmyra_draft() -> DocumentDraft:
    """The seed page's article with four of its comments and three claims."""
    return DocumentDraft(
        title=TITLE,
        body=BODY,
        source=SEED_PAGE.name,
        url=URL,
        site=SITE,
        author=AUTHOR,
        published=datetime(2016, 12, 13, 21, 5, tzinfo=UTC),
        comments=[
            CommentDraft("Paddy Singh", PADDY, datetime(2016, 12, 13, 22, 0, tzinfo=UTC)),
            CommentDraft("Moose", MOOSE, datetime(2016, 12, 14, 1, 30, tzinfo=UTC)),
            CommentDraft("Evan", EVAN, None, parent_index=1),
        ],
        claims=[
            _claim(
                BODY,
                SEIZED,
                claimant="Amaq",
                attribution="claims",
                quantities=(
                    Quantity(44, "44", "tanks"),
                    Quantity(7, "7", "BMPs"),
                    Quantity(None, "dozens", "anti-armor rockets"),
                ),
                status=ClaimStatus.UNVERIFIABLE,
                note="Of course, it is impossible to independently verify these figures.",
            ),
            _claim(
                BODY,
                KILLED,
                hedges=("purportedly",),
                quantities=(Quantity(352, "352", "men"),),
                status=ClaimStatus.DISPUTED,
                note="Amaq figure | not confirmed\nby anyone else",
            ),
            _claim(
                MOOSE,
                ORYX,
                claimant="Oryx",
                attribution="is reporting",
                status=ClaimStatus.CORROBORATED,
                comment_index=1,
            ),
        ],
    )


def hostile_draft() -> DocumentDraft:
    """A document whose every field tries to break a format (no URL, site, author or date)."""
    body = "=1+1 tanks were seized. -5 degrees was the low."
    return DocumentDraft(
        title=HOSTILE_TITLE,
        body=body,
        source="hostile.txt",
        comments=[
            CommentDraft("=cmd|' /C calc'!A0", HOSTILE_FORMULA),
            CommentDraft("mallory", HOSTILE_SUM),
            CommentDraft("\x1b[31mred\x1b[0m", HOSTILE_MARKDOWN),
        ],
        claims=[
            _claim(
                body,
                "=1+1 tanks were seized.",
                claimant="@attacker",
                quantities=(Quantity(-5, "-5", "degrees"),),
            )
        ],
    )


@dataclass(frozen=True, slots=True)
class Seeded:
    """The stored records of both documents, for picking what a test marks."""

    palmyra: ArticleRecord
    hostile: ArticleRecord
    claims: list[ClaimRecord]
    comments: list[CommentRecord]
    hostile_claim: ClaimRecord
    hostile_comments: list[CommentRecord]


def seed(store: Store) -> Seeded:
    """Store both documents and return their records."""
    first, second = store.add_documents([palmyra_draft(), hostile_draft()])
    assert first.article_id is not None and second.article_id is not None
    palmyra = store.get_article(first.article_id)
    hostile = store.get_article(second.article_id)
    assert palmyra is not None and hostile is not None
    [hostile_claim] = store.list_claims(article_id=hostile.id)
    return Seeded(
        palmyra=palmyra,
        hostile=hostile,
        claims=store.list_claims(article_id=palmyra.id),
        comments=store.list_comments(article_id=palmyra.id),
        hostile_claim=hostile_claim,
        hostile_comments=store.list_comments(article_id=hostile.id),
    )


def hostile_article() -> ArticleRecord:
    """A bare article record (no URL, site, author or date), for tests without a store."""
    return ArticleRecord(
        id=1,
        title=HOSTILE_TITLE,
        url=None,
        site=None,
        author=None,
        published=None,
        body="",
        images=(),
        tags=(),
        source="hostile.txt",
        fingerprint="",
        imported_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def _plain(inline: Token) -> str:
    """The text a reader sees in an inline token: hard breaks as newlines."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "softbreak":
            parts.append(" ")
        else:
            parts.append(child.content)
    return "".join(parts)


def markdown_blocks(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) for each heading, quote, list item and paragraph, in order.

    A block quote's paragraphs are joined by a blank line, as they were written.
    """
    tokens = MarkdownIt("commonmark").parse(markdown)
    found: list[tuple[str, str]] = []
    context: list[str] = []
    quote: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "blockquote_open", "list_item_open"):
            context.append(token.tag if token.type == "heading_open" else token.type)
        elif token.type == "blockquote_close":
            context.pop()
            found.append(("quote", "\n\n".join(quote)))
            quote = []
        elif token.type in ("heading_close", "list_item_close"):
            context.pop()
        elif token.type == "inline":
            where = context[-1] if context else "paragraph"
            text = _plain(token)
            if where == "blockquote_open":
                quote.append(text)
            else:
                found.append(({"list_item_open": "item"}.get(where, where), text))
        assert tokens[index].type not in (
            "html_block",
            "code_block",
            "ordered_list_open",
            "fence",
            "hr",
            "table_open",
        )
    return found
