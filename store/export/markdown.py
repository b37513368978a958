"""The Markdown brief: marked records grouped by article, each quote attributed.

The brief uses only CommonMark's core (headings, paragraphs, bullet lists, block quotes,
autolinks, hard line breaks) and no tables, which are an extension that plain viewers show as
rows of pipes. Text from documents is escaped so that it always reads as the words it is: a
``|``, ``*``, ``#``, ``<script>`` or a line starting ``1.`` in a comment stays literal text, a
line break in a comment stays a line break, and indentation never turns into a code block.
"""

from __future__ import annotations

import re

from store.export.bundle import ArticleGroup, ExportBundle
from store.export.text import day, one_line, quantities_text, visible
from store.records import ClaimRecord, CommentRecord, RecordKind

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#])")
_TILDE = re.compile(r"~")
"""``~`` is escaped only in a text with two or more, which could pair into a strikethrough
(GFM) or a fence: "about ~11 million" and "~/notes" stay as written (issue 19)."""
_LINE_START_SPECIAL = re.compile(r"^(\d{0,9})([-+=.)])")
"""A list marker ("-", "+", "1.", "1)") or a setext underline ("===") at a line's start."""
_SAFE_URL = re.compile(r"https?://[^\s<>\"\\`]+", re.IGNORECASE)
_HARD_BREAK = "\\"  # CommonMark's visible hard break; trailing spaces get stripped by editors

_NOUNS: dict[RecordKind, tuple[str, str]] = {
    "article": ("article", "articles"),
    "claim": ("claim", "claims"),
    "comment": ("comment", "comments"),
}


def _escaped(text: str, tildes: bool) -> str:
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _TILDE.sub(r"\\~", escaped) if tildes else escaped


def inline(text: str) -> str:
    """Document text for one line of Markdown: folded, visible, and escaped."""
    line = one_line(text)
    return _escaped(line, line.count("~") > 1)


def _line(text: str, tildes: bool) -> str:
    escaped = _escaped(visible(text).strip(), tildes)
    return _LINE_START_SPECIAL.sub(r"\1\\\2", escaped)


def block(text: str) -> list[str]:
    """Multi-line document text as Markdown lines: paragraphs kept, line breaks kept.

    Leading white space is dropped from each line so nothing becomes an indented code block;
    blank lines separate paragraphs; a single line break becomes a hard break.
    """
    paragraphs: list[list[str]] = [[]]
    tildes = text.count("~") > 1
    for raw in visible(text).split("\n"):
        line = _line(raw, tildes)
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    lines: list[str] = []
    for paragraph in (p for p in paragraphs if p):
        if lines:
            lines.append("")
        lines.extend(f"{line}{_HARD_BREAK}" for line in paragraph[:-1])
        lines.append(paragraph[-1])
    return lines


def quote(text: str) -> list[str]:
    """``text`` as a Markdown block quote (an empty text quotes nothing, visibly)."""
    return [f"> {line}" if line else ">" for line in block(text)] or ["> (empty)"]


def link(url: str) -> str:
    """An autolink for plain web addresses; anything else is shown, escaped, as text."""
    return f"<{url}>" if _SAFE_URL.fullmatch(url) else inline(url)


def _counted(count: int, kind: RecordKind) -> str:
    one, many = _NOUNS[kind]
    return f"{count} {one if count == 1 else many}"


def _article_lines(group: ArticleGroup) -> list[str]:
    article = group.article
    lines = [f"## {inline(article.title) or '(untitled)'}", ""]
    facts = [
        ("Outlet", inline(article.site or "")),
        ("Author", inline(article.author or "")),
        ("Published", day(article.published)),
        ("URL", link(article.url) if article.url else ""),
    ]
    lines += [f"- {name}: {value}" for name, value in facts if value]
    if not any(value for _, value in facts):
        lines.append(f"- Source: {inline(article.source)}")
    return lines


def _claim_lines(claim: ClaimRecord, bundle: ExportBundle) -> list[str]:
    lines = ["", *quote(claim.text), ""]
    claimant = inline(claim.claimant) if claim.claimant else "not named"
    if claim.attribution:
        claimant += f" ({inline(claim.attribution)})"
    lines.append(f"- Claimant: {claimant}")
    if claim.quantities:
        lines.append(f"- Quantities: {inline(quantities_text(claim.quantities))}")
    lines.append(f"- Status: {claim.status.value}")
    if claim.note.strip():
        lines.append(f"- Note: {inline(claim.note)}")
    comment = bundle.comment_of(claim)
    if comment is not None or claim.comment_id is not None:
        article = bundle.article_of(claim)
        outlet = inline(article.site or "") or f'"{inline(article.title)}"'
        commenter = inline(comment.author) if comment else ""
        lines.append(
            f"- Found in: a comment by {commenter or 'an anonymous reader'} on {outlet}"
            " (a reader's claim, not the outlet's)"
        )
    return lines


def _comment_lines(comment: CommentRecord) -> list[str]:
    author = inline(comment.author) or "An anonymous reader"
    when = f" on {day(comment.posted)}" if comment.posted else ""
    return ["", f"**{author}** wrote{when}:", "", *quote(comment.body)]


def export_markdown(bundle: ExportBundle) -> str:
    """The marked records as a Markdown brief, one section per article."""
    counts = bundle.counts()
    summary = ", ".join(_counted(n, kind) for kind, n in counts.items() if n)
    lines = ["# claimdesk brief", "", summary or "Nothing was marked."]
    for group in bundle.groups():
        lines += ["", *_article_lines(group)]
        if group.claims:
            lines += ["", "### Claims"]
            for claim in group.claims:
                lines += _claim_lines(claim, bundle)
        if group.comments:
            lines += ["", "### Comments"]
            for comment in group.comments:
                lines += _comment_lines(comment)
    return "\n".join(lines) + "\n"
