"""Markdown citations of records, for the clipboard (``y``).

``> "quote" — claimant, via outlet (date) <url>`` is the shape the export issue names; here it
is built from what the app already holds, with the article fetched by the caller when needed.
"""

from __future__ import annotations

from store.records import AnyRecord, ArticleRecord, ClaimRecord, CommentRecord


def _quote(text: str) -> str:
    return " ".join(text.split()).replace('"', "'")


def _source(article: ArticleRecord | None) -> str:
    if article is None:
        return ""
    date = f" ({article.published.date().isoformat()})" if article.published else ""
    url = f" <{article.url}>" if article.url else ""
    outlet = article.site or article.title
    return f", via {outlet}{date}{url}"


def citation(record: AnyRecord, article: ArticleRecord | None) -> str:
    """One Markdown line citing ``record``; ``article`` is the one it belongs to."""
    if isinstance(record, ArticleRecord):
        by = f" — {record.author}" if record.author else ""
        return f"> {_quote(record.title)}{by}{_source(record)}"
    if isinstance(record, ClaimRecord):
        who = record.claimant or "unattributed"
        return f'> "{_quote(record.text)}" — {who}{_source(article)}'
    assert isinstance(record, CommentRecord)
    return f'> "{_quote(record.body)}" — {record.author}, comment{_source(article)}'
