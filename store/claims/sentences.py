"""Paragraphs first, then sentences inside each: a claim never crosses a paragraph.

Bodies reach the extractor in two shapes. An HTML page (trafilatura) has one paragraph per line;
a saved-page text has paragraphs separated by blank lines and may keep a paragraph's own line
breaks. So every line break ends a paragraph, except, in a text that separates paragraphs by
blank lines, a break inside a long line that does not end like a sentence (a hard wrap). That
way headlines, captions, bullets, datelines and "Feb. 9" on a line of their own never merge
into the next paragraph.

Sentences come from ``sentencex`` over the whole text (one call, linear), cut at paragraph
breaks; a piece that ends in a courtesy title or a month ("Ms.", "Sen.", "Feb.") is joined to
the next piece of its paragraph, since sentencex sometimes ends a sentence there.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

import sentencex

from store.claims import rules

_BLANK_LINE: Final = re.compile(r"\n[ \t]*\n")
_LINE_BREAK: Final = re.compile(r"\n")
_ENDS_SENTENCE: Final = re.compile(r"[.!?:;\"”’)\]]\s*$")
_ABBREVIATION: Final = re.compile(
    rf"(?<![\w.])(?:{'|'.join(map(re.escape, rules.NAME_ABBREVIATIONS))})\.$", re.IGNORECASE
)
_CLOSING_QUOTES: Final = "”\"’'"
_SPEAKER_NEXT: Final = re.compile(
    r"(?:(?:[A-Z][\w.’'-]*|of|the)\s+){1,5}(?:said|says|told|added|wrote|asked|explained|"
    r"noted|continued|recalled|insisted|replied|argued|warned)\b"
    r"|(?:he|she|they)\s+(?:said|says|told|added|wrote|explained|noted|continued)\b"
)
HARD_WRAP_MIN_CHARS: Final = 50
"""A line shorter than this that does not end like a sentence is a heading, not a wrapped line."""


class Span(NamedTuple):
    """A sentence: ``text[start:end]`` with no surrounding white space, and its paragraph.
    (A named tuple: some fifty are made per article, a frozen dataclass cost three times as
    much to build.)"""

    start: int
    end: int
    paragraph: int


def paragraph_breaks(text: str) -> list[int]:
    """Positions of the line breaks that end a paragraph, in order."""
    if not _BLANK_LINE.search(text):
        return [m.start() for m in _LINE_BREAK.finditer(text)]
    breaks = []
    line_start = 0
    for match in _LINE_BREAK.finditer(text):
        position = match.start()
        line = text[line_start:position]
        following = text[position + 1 : position + 3]
        wrapped = (
            line.strip()
            and len(line.strip()) >= HARD_WRAP_MIN_CHARS
            and not _ENDS_SENTENCE.search(line)
            and following[:1] not in ("", "\n", " ", "\t")
            and following[:1] not in rules.BULLETS
        )
        if not wrapped:
            breaks.append(position)
        line_start = position + 1
    return breaks


def split(text: str) -> list[Span]:
    """The sentences of ``text`` with their paragraph numbers, none across a paragraph break.

    sentencex reads one paragraph at a time: over the whole text it carries a quotation's
    state across paragraphs, so a paragraph that opens with a quote mark had that mark left
    at the end of the sentence before ('... last year. "' + 'But at the same time ...').
    """
    breaks = paragraph_breaks(text)
    pieces: list[Span] = []
    start = 0
    # A footnote marker follows a full stop: one search of the text for a digit after one
    # (rare outside decimals) spares searching each paragraph for the marker itself.
    any_footnote = _DIGIT_AFTER_STOP.search(text) is not None and (
        _FOOTNOTE_END.search(text) is not None
    )
    for paragraph, end in enumerate([*breaks, len(text)]):
        block = text[start:end]
        if block.strip():
            footnotes = any_footnote and _FOOTNOTE_END.search(block) is not None
            for boundary in sentencex.get_sentence_boundaries("en", block):
                begin = start + boundary["start_index"]
                stop = start + boundary["end_index"]
                if footnotes:
                    for footnote in _FOOTNOTE_END.finditer(text, begin, stop):
                        _add_piece(pieces, text, begin, footnote.end(), paragraph)
                        begin = footnote.end()
                _add_piece(pieces, text, begin, stop, paragraph)
        start = end + 1
    return _joined(pieces, text)


_FOOTNOTE_END: Final = re.compile(r"\d(?<=[a-z][.!?]\d)\d?(?=[ \t]+[A-Z])")
"""A footnote marker after a full stop ("... according to Iowa Starting Line.2 Warren has"):
the sentence ends after it, which sentencex misses (it reads ".2" as a decimal)."""
_DIGIT_AFTER_STOP: Final = re.compile(r"[.!?]\d")
"""What every :data:`_FOOTNOTE_END` match needs (no match in the text means none in any of
its paragraphs, which lie inside it)."""


def _add_piece(pieces: list[Span], text: str, start: int, end: int, paragraph: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if stripped:
        begin = start + len(raw) - len(raw.lstrip())
        pieces.append(Span(begin, begin + len(stripped), paragraph))


def _joined(pieces: list[Span], text: str) -> list[Span]:
    """Pieces joined to the next piece of the same paragraph when they end in "Mr." or "Feb.",
    or end a quotation whose speaker comes next ('"... did it." Deyal told this newspaper.')."""
    joined: list[Span] = []
    pending: Span | None = None
    for piece in pieces:
        if pending is not None:
            if pending.paragraph == piece.paragraph:
                piece = Span(pending.start, piece.end, piece.paragraph)
            pending = None
        if joined:
            last = joined[-1]
            if last.paragraph == piece.paragraph and _continues(text, last, piece):
                joined[-1] = Span(last.start, piece.end, last.paragraph)
                continue
        if text[piece.start] in _LONE_QUOTE_MARKS and _LONE_QUOTE.fullmatch(
            text, piece.start, piece.end
        ):
            pending = piece  # an opening quote mark cut from its sentence: it opens the next
            continue
        if joined:
            last = joined[-1]
            if last.paragraph == piece.paragraph and (
                (
                    text[last.end - 1] == "."  # what every abbreviation ends with
                    and _ABBREVIATION.search(text, max(last.start, last.end - 8), last.end)
                )
                or (
                    text[last.end - 1] in _CLOSING_QUOTES
                    and _SPEAKER_NEXT.match(text, piece.start, piece.end)
                )
                or (
                    text[last.end - 1] == "."
                    and _INITIAL_END.search(text, max(last.start, last.end - 3), last.end)
                    and _INITIALS_GO_ON.match(text, piece.start, piece.end)
                )
            ):
                joined[-1] = Span(last.start, piece.end, last.paragraph)
                continue
        joined.append(piece)
    if pending is not None:
        joined.append(pending)
    return joined


_INITIAL_END: Final = re.compile(r"(?<![A-Za-z])[A-Z]\.$")
_INITIALS_GO_ON: Final = re.compile(r"(?:[A-Z]\.)+(?=[,;)]|\s+[a-z])")
"""Initials cut in two ("Sen. Maggie Hassan, D-N." + "H., urged …", "Washington, D." + "C.,
where"): a piece ending in one capital letter and a full stop, and a next piece that goes on
with more of them before a comma or a lower-case word."""
_LONE_QUOTE_MARKS: Final = "\"“”‘’'"
_LONE_QUOTE: Final = re.compile(rf"[{_LONE_QUOTE_MARKS}]+")
_QUOTE_MARKS: Final = '"“”'


def _continues(text: str, last: Span, piece: Span) -> bool:
    """Whether ``piece`` finishes the sentence ``last`` leaves inside a quotation: a closing
    quote mark on its own ('... protected.' + '"'), or one followed by its speaker
    ('... ask for?' + '" he said.')."""
    if text[piece.start] not in _QUOTE_MARKS:
        return False
    head = text[piece.start : piece.end]
    before = text[last.start : last.end]
    open_quote = (before.count('"') % 2 == 1) or before.count("“") > before.count("”")
    if not open_quote:
        return False
    rest = head.lstrip(_QUOTE_MARKS + "'’ ")
    return not rest or rest[:1].islower() or rest[:1] in ",;"
