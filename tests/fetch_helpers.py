"""Feeds and pages made for the fetching tests and the refresh benchmark."""

from __future__ import annotations

from html import escape

ARTICLE = (
    "<p>The ministry said on Tuesday that {n} people were evacuated from the district, "
    "according to a statement read on state television.</p>"
)


def rss(title: str, items: list[tuple[str, str, str]], encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 feed of ``(title, link, description HTML)`` items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><description>{escape(text)}</description></item>"
        for t, link, text in items
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link>{entries}"
        "</channel></rss>"
    ).encode(encoding)


def page(
    title: str, paragraphs: int = 12, canonical: str | None = None, comments: int = 0
) -> bytes:
    """An HTML article page, with WordPress-style comments when asked."""
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(ARTICLE.format(n=100 + i) for i in range(paragraphs))
    thread = ""
    if comments:
        thread = (
            '<ol class="comment-list">'
            + "".join(
                f'<li class="comment"><div class="comment-author"><b class="fn">reader{c}</b>'
                f'</div><div class="comment-content"><p>The ministry claims {c + 3} buses were '
                f"sent, but I counted fewer.</p></div></li>"
                for c in range(comments)
            )
            + "</ol>"
        )
    return (
        f"<!DOCTYPE html><html><head><title>{escape(title)}</title>{link}</head><body>"
        f"<article><h1>{escape(title)}</h1>{body}</article>{thread}</body></html>"
    ).encode()
