"""Untrusted text with highlighted spans, as Rich ``Text`` (never markup).

Claims carry ``start``/``end`` offsets into the raw text they came from. Making control
characters visible may change the text's length, so the text is cut at span boundaries *first*
and each piece made printable on its own: the highlight stays on the right words.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from store.safe_text import printable


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch ``start:end`` of some text to show in ``style``."""

    start: int
    end: int
    style: str


def highlighted(text: str, spans: Sequence[Span], base: str = "") -> Text:
    """``text`` shown literally, with ``spans`` styled (later spans layer over earlier)."""
    cuts = sorted(
        {
            0,
            len(text),
            *(max(0, min(s.start, len(text))) for s in spans),
            *(max(0, min(s.end, len(text))) for s in spans),
        }
    )
    result = Text(style=base)
    for start, end in itertools.pairwise(cuts):
        covering = [s.style for s in spans if s.start <= start and end <= s.end]
        style = Style.combine(Style.parse(name) for name in covering) if covering else ""
        result.append(printable(text[start:end]), style=style)
    return result


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a body and where it starts in the body."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def paragraphs(body: str) -> Iterator[Paragraph]:
    """The body's paragraphs with their offsets (empty ones skipped): blank-line separated,
    or, in a body with no blank line at all (an HTML page's text: one paragraph a line),
    one a line, so they are drawn apart instead of running together."""
    separator = "\n\n" if "\n\n" in body else "\n"
    position = 0
    for part in body.split(separator):
        if part.strip():
            yield Paragraph(position, part)
        position += len(part) + len(separator)


def spans_in(paragraph: Paragraph, spans: Sequence[Span]) -> list[Span]:
    """The parts of body-wide ``spans`` that fall in ``paragraph``, in its own offsets."""
    inside = []
    for span in spans:
        start, end = max(span.start, paragraph.start), min(span.end, paragraph.end)
        if start < end:
            inside.append(Span(start - paragraph.start, end - paragraph.start, span.style))
    return inside
