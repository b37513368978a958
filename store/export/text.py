"""Small text helpers the human-facing formats share (Markdown brief, citations, CSV cells).

Control characters are made visible by :mod:`store.safe_text`, the same pictures the app
shows, so a reader sees the same thing in the app and in an exported brief.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from store.records import Quantity
from store.safe_text import printable

_SPACES = re.compile(r"\s+")

visible = printable


def one_line(text: str) -> str:
    """``text`` made visible and folded onto one line."""
    return visible(_SPACES.sub(" ", text).strip())


def day(moment: datetime | None) -> str:
    """The calendar day of a moment as ``YYYY-MM-DD``, or "" when unknown."""
    return moment.date().isoformat() if moment is not None else ""


def quantity_text(quantity: Quantity) -> str:
    """A figure as the article wrote it with its item: "44 tanks", "dozens anti-armor rockets"."""
    return " ".join(part for part in (quantity.text, quantity.item) if part)


def quantities_text(quantities: Iterable[Quantity]) -> str:
    """All figures of a claim in one cell or line, separated by semicolons."""
    return "; ".join(quantity_text(q) for q in quantities)


def found_in_comment(commenter: str, outlet: str) -> str:
    """Where a claim made in a reader comment was found: "in a comment by Moose on <outlet>".

    Every export says this of a reader's claim, so it is never credited to the outlet that
    only hosts the comment."""
    return f"in a comment by {commenter or 'a reader'} on {outlet}"
