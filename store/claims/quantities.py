"""Figures in a claim: "44 tanks", "1,200 fighters", "a dozen rockets", "dozens of rockets".

A quantity is a count (or a vague amount such as "several") followed by the item counted. The
parser is one compiled regular expression for the number and a short walk over the words after
it for the item, because claims are short and the extractor runs on every imported document.
The vocabulary (number words, vague words, units, stop words) lives in :mod:`store.claims.rules`.

Rules that are not obvious from the data:

- A number glued to a unit ("130mm", "5 km") is a calibre or a measure, not a count; it becomes
  part of the item of the count before it: "7 130mm cannons" -> Quantity(7, "7", "130mm cannons").
- An exact number followed by "of" is a part of a whole ("two of the tanks") and is skipped; a
  vague word followed by "of" is the usual form ("dozens of rockets").
- A range ("200-300 fighters", "between 200 and 300 fighters") has no single count: ``count`` is
  None and ``text`` keeps the range as written.
- A bare year ("in 2016") and a day of a month ("13 December") are not counts.
"""

from __future__ import annotations

import re

from store.claims import rules
from store.records import Quantity


def _alternation(words: tuple[str, ...] | frozenset[str] | list[str]) -> str:
    """A regex alternation, longest first so "tens of thousands" wins over "thousands"."""
    escaped = (r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


def _word_number(text: str) -> int | None:
    """The value of "two hundred and fifty", "a dozen", "half a dozen"; None if not a count."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words == ["half", "a", "dozen"]:
        return 6
    if words == ["one"]:
        return None  # "one" is far more often a pronoun or determiner than a figure.
    total = current = 0
    for word in words:
        if word == "a":
            current = 1
        elif word in rules.SMALL_NUMBERS:
            current += rules.SMALL_NUMBERS[word]
        elif word in ("dozen", "hundred"):
            current = (current or 1) * rules.SCALES[word]
        elif word in rules.SCALES:
            total += (current or 1) * rules.SCALES[word]
            current = 0
    return total + current


def _digit_number(text: str) -> int | None:
    """The value of "1,200", "352", "1.5 million"; None when it is not a whole number."""
    parts = text.split()
    value = float(parts[0].replace(",", ""))
    if len(parts) > 1:
        value *= rules.SCALES[parts[-1].lower()]
    return int(value) if value.is_integer() else None


class QuantityParser:
    """Finds quantities in a sentence; build once and reuse, the patterns compile here."""

    def __init__(self) -> None:
        small = _alternation(list(rules.SMALL_NUMBERS))
        scales = _alternation(list(rules.SCALES))
        units = _alternation(rules.UNITS)
        digits = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s+(?:{scales})\b)?"
        words = (
            rf"half\s+a\s+dozen|a\s+(?:{scales})(?:[\s-]+(?:and\s+)?(?:{small}|{scales}))*"
            rf"|(?:{small})(?:[\s-]+(?:and\s+)?(?:{small}|{scales}))*"
        )
        # A number ends at a word boundary that is not a unit, a hyphenated compound ("four-day")
        # or more digits ("1.5"), and does not start inside a word, a designation ("S-125") or
        # a time ("1:27").
        end = rf"(?![\w%]|[.,]\d|-[^\W\d]|\s?(?:{units})(?![\w]))"
        number = rf"(?:{digits}|{words}){end}"
        self._number = re.compile(
            rf"(?<![\w.,:/$€£-])"
            rf"(?:(?P<qual>{_alternation(rules.QUANTITY_QUALIFIERS)})\s+)?"
            rf"(?:between\s+(?P<lo>{number})\s+and\s+(?P<hi>{number})"
            rf"|(?P<a>{number})(?:\s*[-–]\s*|\s+(?:to|or)\s+)(?P<b>{number})"
            rf"|(?P<n>{number})"
            rf"|(?P<vague>(?:{_alternation(rules.QUANTITY_WORDS)})(?:\s+(?:{scales}))?)(?![\w-]))",
            re.IGNORECASE,
        )
        self._of = re.compile(r"\s+of\b(?:\s+the\b)?", re.IGNORECASE)
        self._token = re.compile(
            rf"[ \t]+(\d+(?:\.\d+)?\s?(?:{units})(?![\w])|[A-Za-z][\w’'/-]*)", re.IGNORECASE
        )
        self._year = re.compile(r"(?:1[89]|20)\d\d")

    def parse(self, sentence: str) -> tuple[Quantity, ...]:
        """Every quantity in ``sentence`` that has an item, in order of appearance."""
        found: list[Quantity] = []
        for match in self._number.finditer(sentence):
            quantity = self._quantity(sentence, match)
            if quantity is not None:
                found.append(quantity)
        return tuple(found)

    def _quantity(self, sentence: str, match: re.Match[str]) -> Quantity | None:
        vague = match.group("vague")
        single = match.group("n")
        if single is not None and self._year.fullmatch(single):
            return None
        count: int | None = None
        if single is not None:
            count = _digit_number(single) if single[0].isdigit() else _word_number(single)
            if count is None and not single[0].isdigit():
                return None
        position = match.end()
        of = self._of.match(sentence, position)
        if of is not None:
            if vague is None:
                return None  # "two of the tanks": a part of a whole, not a count.
            position = of.end()
        item = self._item(sentence, position)
        if not item:
            return None
        return Quantity(count, match.group(0), item)

    def _item(self, sentence: str, position: int) -> str:
        """The words after a number that name what was counted, or "" when there are none."""
        start = end = -1
        taken = 0
        while taken < rules.MAX_ITEM_WORDS:
            token = self._token.match(sentence, position)
            if token is None:
                break
            word = token.group(1)
            lower = word.lower()
            if lower in rules.ITEM_STOP_WORDS:
                break
            if taken == 0 and lower in rules.DATE_WORDS:
                return ""
            # After the first word a participle or adverb starts a new phrase ("352 men killed",
            # "tanks reportedly seized"); as the first word it is an adjective ("armed men").
            participle = lower.endswith("ed") and len(lower) > 3 and not lower.endswith("eed")
            if taken and (lower.endswith("ly") or participle or lower in rules.IRREGULAR_VERBS):
                break
            if start < 0:
                start = token.start(1)
            end = token.end(1)
            position = token.end()
            taken += 1
        return sentence[start:end] if taken else ""
