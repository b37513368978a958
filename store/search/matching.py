"""Every place a query's words occur in one text, for ``n``/``N`` in the reader.

The ranker cuts one snippet per hit and highlights the first match of each word; a reader
stepping through an article wants *all* of them. Matching here is by the index's own rule: the
text is split into words as FTS5 and the vocabulary split it (:data:`vocabulary.WORD`), and a
word matches when it is one of the stored forms the engine expanded the query word to (itself,
its typo-neighbours, its completions). So "palmira tnaks" lights up "Palmyra" and "tanks",
exactly the words that made the article a hit, and nothing is matched twice over by a second,
home-made fuzzy rule.

Scoped words (``author:evan``) and exclusions (``!russian``) say which records to find, not
which words to show in a body, so they are left out; ``^prefix``/``suffix$`` words anchor to a
field's start or end and are found by the ranker's own :func:`strict_span`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from store.search.candidates import Expansion
from store.search.query import WordTerm
from store.search.ranking import ScoredWord, strict_span
from store.search.vocabulary import WORD, words

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Pattern:
    """A run of words to find; the last may be a prefix (a half-typed word is completed)."""

    tokens: tuple[str, ...]
    completes: bool = False

    def matches(self, found: list[str], at: int) -> bool:
        end = at + len(self.tokens)
        if end > len(found):
            return False
        head, last = self.tokens[:-1], self.tokens[-1]
        if tuple(found[at : end - 1]) != head:
            return False
        return found[end - 1].startswith(last) if self.completes else found[end - 1] == last


@dataclass(frozen=True, slots=True)
class WordMatcher:
    """What one query looks for in any text; built once per query by the engine."""

    patterns: tuple[Pattern, ...] = ()
    anchored: tuple[WordTerm, ...] = ()
    """``^prefix``, ``suffix$`` and ``^whole$`` words."""

    @classmethod
    def build(cls, expanded: Iterable[tuple[WordTerm, Expansion, bool]]) -> WordMatcher:
        """From (word, its expansion, whether it was completed as the last word typed)."""
        patterns: dict[Pattern, None] = {}
        anchored: list[WordTerm] = []
        for term, expansion, last in expanded:
            if term.scope is not None or not expansion.found:
                continue
            if term.mode in ("prefix", "suffix", "whole"):
                anchored.append(term)
                continue
            tokens = tuple(words(term.text))
            if not tokens:
                continue
            completes = last and term.mode == "fuzzy"
            if term.mode == "fuzzy" and len(tokens) == 1:
                for form in expansion.forms:
                    patterns[Pattern((form,))] = None
            patterns[Pattern(tokens, completes)] = None
        return cls(tuple(patterns), tuple(anchored))

    @property
    def is_empty(self) -> bool:
        return not self.patterns and not self.anchored

    def spans(self, text: str) -> list[Span]:
        """(start, end) of every match in ``text``, in order, never overlapping."""
        if self.is_empty or not text:
            return []
        found: list[Span] = []
        if self.patterns:
            places = [(m.start(), m.end()) for m in WORD.finditer(text)]
            lowered = [text[start:end].lower() for start, end in places]
            by_first: dict[str, list[Pattern]] = {}
            for pattern in self.patterns:
                if not (pattern.completes and len(pattern.tokens) == 1):
                    by_first.setdefault(pattern.tokens[0], []).append(pattern)
            prefixes = tuple(
                p.tokens[0] for p in self.patterns if p.completes and len(p.tokens) == 1
            )
            for at, word in enumerate(lowered):
                candidates = by_first.get(word, [])
                longest = max(
                    (len(p.tokens) for p in candidates if p.matches(lowered, at)), default=0
                )
                if not longest and prefixes and word.startswith(prefixes):
                    longest = 1
                if longest:
                    found.append((places[at][0], places[at + longest - 1][1]))
        lowered_text = text.lower()
        for term in self.anchored:
            span = strict_span(ScoredWord(term, ()), lowered_text)
            if span is not None:
                found.append(span)
        return _without_overlaps(found)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for start, end in sorted(spans):
        if kept and start < kept[-1][1]:
            if end > kept[-1][1]:
                kept[-1] = (kept[-1][0], end)
            continue
        kept.append((start, end))
    return kept
