"""The reader's visual mode: choose a stretch of the body from the keyboard, to make it a claim.

Like vim's ``V``: ``V`` selects the sentence at the top of the view (or, after a mouse drag,
the text dragged over), and the selection then grows and shrinks by sentences and words:

- ``j``/``k`` (or ``V`` again, or ``↓``/``↑``): end a sentence later / earlier
- ``l``/``h`` (``→``/``←``): end a word later / earlier
- ``w``/``b``: start a word later / earlier
- ``J``/``K``: select the next / previous sentence alone
- ``enter``: make it a claim (the claim dialog, claimant prefilled); ``escape``: stop

Sentences are the extractor's own (:func:`store.claims.sentences.split`), so a selected sentence
is exactly the span a claim of it would have. This module is the selection alone, plain data
and offsets into the body; the reader draws it and binds the keys.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

WHOLE_BODY = 60_000
"""Up to this many characters the body is split into sentences at once; a longer one is split
in a window around where the selection starts, so ``V`` costs the same (≈10–25 ms measured,
on a loaded 2-core machine) on any body."""
WINDOW = 40_000
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


def warm_up() -> None:
    """Import the sentence splitter (≈0.1 s the first time), from a worker thread, so the
    first ``V`` does not wait for it."""
    import store.claims.sentences  # noqa: F401


def sentences_around(body: str, at: int) -> list[Sentence]:
    """The body's sentences (those near ``at`` in a very long body), in order."""
    from store.claims.sentences import split

    low, high = 0, len(body)
    if len(body) > WHOLE_BODY:
        low, high = max(0, at - WINDOW // 2), min(len(body), at + WINDOW)
    return [Sentence(s.start + low, s.end + low) for s in split(body[low:high])]


class Selection:
    """A stretch ``start..end`` of ``body`` that moves by sentences and words."""

    def __init__(self, body: str, at: int, span: tuple[int, int] | None = None) -> None:
        """Select the sentence holding (or following) offset ``at``, or ``span`` itself."""
        self.body = body
        self.sentences = sentences_around(body, at) or [Sentence(0, len(body))]
        self._ends = [s.end for s in self.sentences]
        if span is not None:
            self.start, self.end = span
        else:
            first = self.sentences[min(bisect.bisect_right(self._ends, at), len(self._ends) - 1)]
            self.start, self.end = first.start, first.end

    @property
    def text(self) -> str:
        return self.body[self.start : self.end]

    def _sentence_at(self, offset: int) -> int:
        """The index of the sentence that ends at or after ``offset``."""
        return min(bisect.bisect_left(self._ends, offset), len(self.sentences) - 1)

    def sentence_end(self, step: int) -> None:
        """End ``step`` sentences later (or earlier), never before the first one."""
        index = self._sentence_at(self.end)
        if self.sentences[index].end != self.end and step < 0:
            index += 1  # the end is inside a sentence: shrinking starts at its start
        index = max(self._sentence_at(self.start), min(index + step, len(self.sentences) - 1))
        self.end = max(self.sentences[index].end, self.start + 1)
        if step < 0 and self.end <= self.start:
            self.end = self.sentences[self._sentence_at(self.start)].end

    def move(self, step: int) -> None:
        """Select the sentence ``step`` after (or before) the one the selection starts in."""
        index = self._sentence_at(self.start + 1)
        index = max(0, min(index + step, len(self.sentences) - 1))
        self.start, self.end = self.sentences[index].start, self.sentences[index].end

    def end_word(self, step: int) -> None:
        """End a word later (or earlier), keeping at least one word."""
        if step > 0:
            found = _WORD.search(self.body, self.end)
            if found is not None:
                self.end = found.end()
            return
        words = list(_WORD.finditer(self.body, self.start, self.end))
        if len(words) > 1:
            self.end = words[-2].end()

    def start_word(self, step: int) -> None:
        """Start a word later (or earlier), keeping at least one word."""
        if step > 0:
            words = list(_WORD.finditer(self.body, self.start, self.end))
            if len(words) > 1:
                self.start = words[1].start()
            return
        before = list(_WORD.finditer(self.body, max(0, self.start - 200), self.start))
        if before:
            self.start = before[-1].start()
