"""Small text helpers the human-facing formats share (Markdown brief, citations, CSV cells).

Control characters are made visible here rather than by :mod:`tui.safe_text` because the
store never imports the interface; the pictures are the same, so a reader sees the same thing
in the app and in an exported brief.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from store.records import Quantity

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"


def visible(text: str) -> str:
    """``text`` with control characters other than tab and newline shown as symbols.

    A brief may be read in a terminal Markdown viewer, and a citation pasted into one; an
    escape sequence copied from a web page must not act on either.
    """
    return _CONTROL.sub(_picture, text.replace("\r\n", "\n").replace("\r", "\n"))


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
