"""One-line Markdown citations, for the clipboard (the app's ``y``) and chat messages.

``> "quote" — claimant, via outlet (date) <url>`` for a claim in an article, ``> "quote" —
claimant, in a comment by Moose on outlet (date) <url>`` for a claim a reader made in a comment
(the outlet only hosts it, so it is never credited); the same shape for a comment
(``> "text" — author, comment on "title" (date) <url>``) and an article
(``> "title" — author, outlet (date) <url>``). Text is folded onto one line and control
characters are made visible, but Markdown is not backslash-escaped: chat apps that paste this
mostly do not honour escapes and would show the backslashes.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.export.bundle import ExportBundle
from store.export.text import day, found_in_comment, one_line
from store.records import AnyRecord, ArticleRecord, ClaimRecord, CommentRecord


def _tail(date: str, url: str | None) -> str:
    parts = [f"({date})" if date else "", f"<{one_line(url)}>" if url else ""]
    return "".join(f" {part}" for part in parts if part)


def _outlet(article: ArticleRecord) -> str:
    return one_line(article.site or "") or f'"{one_line(article.title)}"'


def _cite(text: str, source: str, date: str, url: str | None) -> str:
    return f'> "{one_line(text)}" — {source}{_tail(date, url)}'


def citation(
    record: AnyRecord, article: ArticleRecord, comment: CommentRecord | None = None
) -> str:
    """A Markdown citation of ``record`` found in ``article``.

    ``comment`` is the comment a claim was found in, when the caller has it; the claim is then
    credited to the comment's author if it names no claimant.
    """
    if isinstance(record, ClaimRecord):
        where = _outlet(article)
        if comment is not None or record.comment_id is not None:
            commenter = one_line(comment.author if comment else "") or "a reader"
            who = one_line(record.claimant or "")
            place = found_in_comment(commenter, where)
            source = f"{who}, {place}" if who else f"{commenter}, in a comment on {where}"
        else:
            who = one_line(record.claimant or "")
            source = f"{who}, via {where}" if who else where
        date = day(comment.posted if comment and comment.posted else article.published)
        return _cite(record.text, source, date, article.url)
    if isinstance(record, CommentRecord):
        who = one_line(record.author) or "a reader"
        source = f'{who}, comment on "{one_line(article.title)}"'
        return _cite(record.body, source, day(record.posted), article.url)
    by = [one_line(record.author or ""), one_line(record.site or "")]
    source = ", ".join(part for part in by if part) or "unknown source"
    return _cite(record.title, source, day(record.published), record.url)


def citations(bundle: ExportBundle, records: Iterable[AnyRecord] | None = None) -> str:
    """Citations of ``records`` (default: everything marked), separated by blank lines."""
    chosen = bundle.items if records is None else tuple(records)
    quoted = [
        citation(
            r, bundle.article_of(r), bundle.comment_of(r) if isinstance(r, ClaimRecord) else None
        )
        for r in chosen
    ]
    return "\n\n".join(quoted) + ("\n" if quoted else "")
