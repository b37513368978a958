"""Figures in a claim: counts, sums of money, percentages, ranges, parts of wholes, measures.

A figure is a number (digits, number words, a fraction, or a vague amount such as "dozens") with
what qualifies it and what it counts:

- ``count``: the value; an ``int`` when whole, a ``float`` otherwise ("21.9%"), None for a
  vague amount ("dozens of rockets");
- ``unit``: the currency's ISO code ("$500,000" -> USD, "€3.5 million" -> EUR), "%" for a
  percentage, or a unit of measure or time ("1,200 tonnes", "four months");
- ``item``: what was counted ("44 tanks", "1,200 tonnes of grain" -> grain);
- ``high``: a range's upper end ("500-600", "between 10 and 20", "six to seven");
- ``of``: the whole of a part ("40 of 112 dams" -> 40 of 112, "two-thirds" -> 2 of 3).

Dates ("13 December", "Nov. 8"), clock times ("6 p.m.", "1:27"), ordinals ("16th"), years
("in 2016", "the 2000s") and designations ("S-125") are not figures. A number glued to a unit
right after a count ("7 130mm cannons") is a calibre, part of the item. A number with neither
item, unit nor qualifier ("the figure was 2,000.") is left out: it says too little to filter on.

The parser is one compiled regular expression for a number and a walk over the few words around
it, linear in the sentence; the vocabulary is data in :mod:`store.claims.rules`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from store.claims import rules
from store.records import Quantity

INT64_MAX: Final = 2**63 - 1
_TIME_UNITS: Final = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "night"}
)
_ARTICLES: Final = frozenset({"a", "an"})
_SIGNS: Final = frozenset("$€£¥₹₩₦₽₺₪")
_START: Final = re.compile(r"(?<![\w.,:/-])(?:[A-Za-z]*[$€£¥₹₩₦₽₺₪]|\.?\d|[A-Za-z]+)")
"""Where a figure can start: a currency sign (with its letters, "US$"), a digit, a word."""
_SIGN_OR_DIGIT: Final = re.compile(r"(?<![\w.,:/-])(?:[A-Za-z]*[$€£¥₹₩₦₽₺₪]|\.?\d)")
_DIGIT: Final = re.compile(r"(?<![\w.,:/-])\.?\d")
_ANY_SIGN: Final = re.compile(r"[$€£¥₹₩₦₽₺₪]")
_ANY_DIGIT: Final = re.compile(r"\d")
_ALPHA: Final = re.compile(r"[a-z]+")
_VERB_AFTER: Final = re.compile(r"\s+(?:is|are|was|were|has|have|had|will|would|remain|remained)\b")
"""A number word as the subject of a verb is a count ("Two is it", "Three were arrested")."""
_AND_A_HALF: Final = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _named_finder(words: frozenset[str]) -> re.Pattern[str]:
    """Where any of ``words`` stands as a whole word, any case (compiled once per set): one
    search instead of looking at every word of the sentence in Python."""
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<![\w.,:/-])(?:{alternatives})(?![A-Za-z])", re.IGNORECASE)


def _alternation(words: tuple[str, ...] | frozenset[str] | list[str]) -> str:
    """A regex alternation, longest first so "tens of thousands" wins over "thousands"."""
    escaped = (
        r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True)
    )
    return "|".join(escaped)


def _word_number(text: str) -> int | None:
    """The value of "two hundred and fifty", "a dozen", "half a dozen"; None if not a count."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words == ["half", "a", "dozen"]:
        return 6
    total = current = 0
    for word in words:
        if word in ("a", "an"):
            current = 1
        elif word in rules.SMALL_NUMBERS:
            current += rules.SMALL_NUMBERS[word]
        elif word in ("dozen", "hundred"):
            current = (current or 1) * rules.SCALES[word]
        elif word in rules.SCALES:
            total += (current or 1) * rules.SCALES[word]
            current = 0
    return total + current


def _number(text: str, scale: str | None) -> int | float | None:
    """The value of digits or number words with an optional scale word ("1.5 million")."""
    if text[0].isdigit() or text[0] == ".":
        value: float = float(re.sub(r"[,\s\u00a0\u202f]", "", text))
    else:
        words = _word_number(text)
        if words is None:
            return None
        value = float(words)
    if scale:
        lower = scale.lower()
        value *= rules.SCALES.get(lower) or rules.MONEY_SCALES[lower]
    return whole(value)


def whole(value: float) -> int | float:
    """``value`` as an int when it is a whole number that fits in 64 bits, else the float.

    A count too large for a 64-bit integer ("99999999999999999999 drones") stays a float, so
    storage (an INTEGER column beside a REAL one, see :mod:`store.writing`) never overflows.
    """
    if value.is_integer() and abs(value) <= INT64_MAX:
        return int(value)
    return value


_LABEL_BEFORE: Final = re.compile(
    r"\b(?:Level|Phase|Stage|Section|Title|Chapter|Article|Tier|Category|Grade|Round|Step|"
    r"Part|Route|Highway|Interstate|Flight|Gate|Room|Unit|Ward|District|Precinct|Lot) $"
)
"""The capitalised words whose number is a name ("Level 3 restrictions", "Phase 2", "Section
8"): what follows is no count of anything."""


class QuantityParser:
    """Finds figures in a sentence; build once and reuse, the patterns compile here."""

    def __init__(self) -> None:
        small = _alternation(list(rules.SMALL_NUMBERS))
        scales = _alternation(list(rules.SCALES))
        # Thousands by commas ("1,200") or by spaces as Spanish and French write them
        # ("5 095", with a plain or a narrow no-break space).
        digits = (
            r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.\w])|\d+)"
            r"(?:\.\d+)?|\.\d+"
        )
        time_units = _alternation(sorted(_TIME_UNITS))
        words = (
            rf"half\s+a\s+dozen|an?\s+(?:{scales})(?:[\s-]+(?:and\s+)?(?:{small}|{scales}))*"
            rf"|(?:{small})(?:[\s-]+(?:and\s+)?(?:{small}|{scales}))*"
            rf"|an?(?=\s+(?:{time_units})s?\b)"  # "up to an hour"
        )
        fractions = _alternation(list(rules.FRACTIONS))
        currency = _alternation(list(rules.CURRENCY_SIGNS))
        self._currency_signs = {k.lower(): v for k, v in rules.CURRENCY_SIGNS.items()}
        # One number: digits or words, with an optional scale word; it does not start inside
        # a word, a designation ("S-125"), a decimal or a time ("1:27").
        number = (
            rf"(?:(?P<cur>{currency})\s?)?"
            rf"(?:(?P<dozen>half\s+a\s+dozen)(?![\w-])"
            rf"|(?P<frac>(?:a|an|one|{small})[\s-]+(?:{fractions})|half)(?![\w-])"
            rf"|(?P<digits>{digits})|(?P<words>{words})(?![\w]))"
            rf"(?:[\s-]*(?P<scale>{scales})(?![\w-]))?"
        )
        self._number = re.compile(rf"(?<![\w.,:/-]){number}", re.IGNORECASE)
        self._range_end = re.compile(number, re.IGNORECASE)
        large = _alternation(["thousand", "million", "billion", "trillion"])
        self._fraction_scale = re.compile(
            rf"(?:\s+an?)?[\s-]+(?P<s>{large})(?![\w-])",
            re.IGNORECASE,
        )
        self._money_scale = re.compile(
            rf"(?:{_alternation(list(rules.MONEY_SCALES))})(?![\w-])", re.IGNORECASE
        )
        self._vague = re.compile(
            rf"(?<![\w-])(?:{_alternation(rules.QUANTITY_WORDS)})(?:\s+(?:{scales}))?(?![\w-])",
            re.IGNORECASE,
        )
        self._qualifier = re.compile(
            rf"(?<![\w-])(?:between|{_alternation(rules.QUANTITY_QUALIFIERS)})\s+$", re.IGNORECASE
        )
        self._range = re.compile(r"\s*[-–]\s*|\s+(?:to|and|or)\s+", re.IGNORECASE)
        self._percent = re.compile(
            rf"\s?(?:{_alternation(rules.PERCENT_WORDS)})(?![\w])", re.IGNORECASE
        )
        self._currency_word = re.compile(
            rf"\s+(?:{_alternation(list(rules.CURRENCY_WORDS))})(?![\w])", re.IGNORECASE
        )
        self._currency_words = {k.lower(): v for k, v in rules.CURRENCY_WORDS.items()}
        self._unit = re.compile(
            rf"(?:\s+|-)(?P<u>{_alternation(rules.MEASURE_UNITS)})(?![\w])", re.IGNORECASE
        )
        self._glued_measure = re.compile(rf"(?P<u>{_alternation(rules.GLUED_UNITS)})(?![\w])")
        self._glued_unit = re.compile(rf"(?:{_alternation(rules.UNITS)})(?![\w])", re.IGNORECASE)
        self._not_count = re.compile(
            rf"(?::\d|(?:st|nd|rd|th|s)\b|’s\b|'s\b|\s*(?:{_alternation(rules.AFTER_NUMBER_NOT_COUNT)})"
            rf"(?![\w]))",
            re.IGNORECASE,
        )
        months = _alternation(
            [w for w in rules.DATE_WORDS if w not in ("am", "pm", "a.m.", "p.m.", "may")]
        )
        self._month_after = re.compile(rf"\s+(?:{months})\b", re.IGNORECASE)
        self._month_before = re.compile(rf"\b(?:{months}|may)\.?\s+$", re.IGNORECASE)
        self._of = re.compile(
            r"\s+of\b(?:\s+(?:the|its|their|his|her|our|these|those)\b)?", re.IGNORECASE
        )
        self._whole_after_of = re.compile(
            rf"\s+(?:of|in)\s+(?:(?P<d>{digits})|(?P<w>{words}))(?![\w])", re.IGNORECASE
        )
        self._hyphen_item = re.compile(r"-(?P<w>[A-Za-z][a-z]+)(?![\w-])")
        self._token = re.compile(
            # an item may open a quotation: 'several "concerns and conversations"'
            rf"[ \t]+[“\"]?(\d+(?:\.\d+)?\s?(?:{_alternation(rules.UNITS)})(?![\w])"
            rf"|[A-Za-z][\w’'/-]*)",
            re.IGNORECASE,
        )
        self._year = re.compile(r"(?:1[6-9]|20)\d\d")
        self._number_starts = frozenset(
            [
                *rules.SMALL_NUMBERS,
                "a",
                "an",
                "half",
                *rules.FRACTIONS,
                *(code.lower() for code in rules.CURRENCY_SIGNS if code[-1] not in _SIGNS),
            ]
        )
        self._vague_starts = frozenset(w.split()[0].lower() for w in rules.QUANTITY_WORDS)
        self._starts = self._number_starts | self._vague_starts
        self._after_article = frozenset(
            [
                *rules.SCALES,
                *rules.FRACTIONS,
                *_TIME_UNITS,
                *(unit + "s" for unit in _TIME_UNITS),
                "handful",
                "few",
                "total",
                "record",
                "quarter",
            ]
        )
        self.start_words = self._starts | self._after_article
        """The words :meth:`parse` looks for (a caller passing ``words`` needs these)."""

    def parse(
        self, sentence: str, words: frozenset[str] | set[str] | None = None
    ) -> tuple[Quantity, ...]:
        """Every figure in ``sentence``, in order of appearance.

        The patterns are tried only where a figure can start (a digit, a currency sign or
        code, a number or vague word), anchored there: a search over every position of the
        sentence costs ten times as much on real text. ``words``, when the caller has read
        them already, are the sentence's lower-case words (at least those of
        :attr:`start_words`), so they are not read again.
        """
        found: list[Quantity] = []
        taken_until = 0
        if _ANY_SIGN.search(sentence):  # "US$5": letters before a sign start the figure
            tokens = list(_SIGN_OR_DIGIT.finditer(sentence))
        elif _ANY_DIGIT.search(sentence):  # most sentences have no sign: digits alone
            tokens = list(_DIGIT.finditer(sentence))
        else:
            tokens = []
        present = set(_ALPHA.findall(sentence.lower())) if words is None else words
        named = self._starts.intersection(present)
        if named & _ARTICLES and self._after_article.isdisjoint(present):
            named -= _ARTICLES  # "a" and "an" start a figure only before "dozen", "third", ...
        if named:  # number and vague words are rarer than words: look for them only if there
            tokens += _named_finder(frozenset(named)).finditer(sentence)
            tokens.sort(key=lambda m: m.start())
        for token in tokens:
            position = token.start()
            if position < taken_until:
                continue
            word = token.group()
            lower = word.lower()
            quantity: Quantity | None = None
            end = position
            if word[0].isdigit() and _LABEL_BEFORE.search(
                sentence, max(0, position - 12), position
            ):
                continue  # "Level 3", "Phase 2", "Section 8": a name's number, not a figure
            if word[0].isdigit() or word[-1] in _SIGNS or lower in self._number_starts:
                match = self._number.match(sentence, position)
                if match is not None:
                    quantity, end = self._quantity(sentence, match)
            if quantity is None and lower in self._vague_starts:
                vague = self._vague.match(sentence, position)
                if vague is not None:
                    quantity, end = self._vague_quantity(sentence, vague)
            if quantity is not None:
                found.append(quantity)
                taken_until = end
        return tuple(found)

    def _vague_quantity(self, sentence: str, match: re.Match[str]) -> tuple[Quantity | None, int]:
        position = match.end()
        of = self._of.match(sentence, position)
        if of is not None:
            position = of.end()
        item, end = self._item(sentence, position)
        if not item:
            return None, match.end()
        return Quantity(None, match.group(0), item), end

    def _quantity(self, sentence: str, match: re.Match[str]) -> tuple[Quantity | None, int]:
        start, end = match.start(), match.end()
        body = (
            match.group("digits")
            or match.group("words")
            or match.group("frac")
            or match.group("dozen")
        )
        if body is None:
            return None, end
        sign = match.group("cur")
        unit = self._currency_signs.get(sign.lower()) if sign else None
        scale = match.group("scale")
        if unit and not scale and (short := self._money_scale.match(sentence, end)):
            scale, end = short.group(0), short.end()
        if match.group("frac"):
            return self._fraction(sentence, match)
        if match.group("words") and body.lower() in ("a", "an") and not scale and not unit:
            measure = self._unit.match(sentence, end)
            if measure is None or measure.group("u").lower() not in _TIME_UNITS:
                return None, end  # "an hour" is a figure; "a" alone is an article
        if not unit and (
            self._not_count.match(sentence, end)
            or self._month_before.search(sentence, max(0, start - 12), start)
            or self._month_after.match(sentence, end)
        ):
            return None, end
        if not unit and not scale and match.group("digits") and self._year.fullmatch(body):
            return None, end
        count = _number(body, scale)
        if count is None:
            return None, end
        if not scale and (half := _AND_A_HALF.match(sentence, end)) is not None:
            count, end = count + 0.5, half.end()  # "two and a half years"
        text_start = start
        qualifier = self._qualifier.search(sentence, max(0, start - 24), start)
        if qualifier is not None:
            text_start = qualifier.start()
        high = None
        ranged = self._range.match(sentence, end)
        if ranged is not None and (
            ranged.group(0).strip().lower() != "and"
            or (qualifier and qualifier.group(0).lower().startswith("between"))
        ):
            second = self._range_end.match(sentence, ranged.end())
            other = second and (second.group("digits") or second.group("words"))
            if second is not None and other:
                other_scale = second.group("scale") or scale
                if second.group("cur") and not second.group("scale"):
                    short = self._money_scale.match(sentence, second.end())
                    if short:
                        other_scale = short.group(0)
                high = _number(other, other_scale if other_scale else None)
                if high is not None and not second.group("scale") and scale and high < count:
                    high = _number(other, scale)
                if high is not None:
                    end = second.end()
                    if second.group("cur"):
                        unit = unit or self._currency_signs.get(second.group("cur").lower())
                    if not scale and second.group("scale"):
                        count = _number(body, second.group("scale"))
        if (
            body.lower() == "one"
            and qualifier is None
            and high is None
            and not unit
            and not self._of.match(sentence, end)
            and not self._whole_after_of.match(sentence, end)
        ):
            return None, end  # "one" is far more often a pronoun or determiner than a figure.
        if unit is None:
            if percent := self._percent.match(sentence, end):
                unit, end = "%", percent.end()
            elif money := self._currency_word.match(sentence, end):
                unit = self._currency_words[" ".join(money.group(0).split()).lower()]
                end = money.end()
            elif measure := self._unit.match(sentence, end) or self._glued_measure.match(
                sentence, end
            ):
                unit, end = " ".join(measure.group("u").split()), measure.end()
            elif glued := self._glued_unit.match(sentence, end):
                # "a 22mm pipe"; after a count ("7 130mm cannons") the calibre is taken as
                # that count's item before it is ever read as a figure of its own
                unit, end = glued.group(0).strip(), glued.end()
        of_whole = None
        position = end
        whole_of = self._whole_after_of.match(sentence, position)
        if whole_of is not None and unit is None:
            of_whole = _number(whole_of.group("d") or whole_of.group("w"), None)
            position = end = whole_of.end()
        elif (of := self._of.match(sentence, position)) is not None:
            position = of.end()
        hyphen = self._hyphen_item.match(sentence, end) if unit is None else None
        text_end = end
        if hyphen is not None:  # "14-station trip": the station is what is counted
            position = end = text_end = hyphen.end()
            item = hyphen.group("w")
        else:
            item, after = self._item(sentence, position)
            end = max(end, after) if item else end
        if (
            not item
            and unit is None
            and qualifier is None
            and of_whole is None
            and not match.group("digits")
            and not (match.group("words") and count != 1 and _VERB_AFTER.match(sentence, end))
        ):
            return None, match.end()  # "the two" or "a" alone: no figure
        text = sentence[text_start:text_end].strip()
        return Quantity(count, text, item, unit=unit, high=high, of=of_whole), end

    def _fraction(self, sentence: str, match: re.Match[str]) -> tuple[Quantity | None, int]:
        parts = re.split(r"[\s-]+", match.group("frac").lower())
        parts_of = rules.FRACTIONS[parts[-1]]
        count = 1 if len(parts) == 1 else (_word_number(parts[0]) or 1)
        text_start = match.start()
        qualifier = self._qualifier.search(sentence, max(0, match.start() - 24), match.start())
        if qualifier is not None:
            text_start = qualifier.start()
        end = match.end()
        scaled = self._fraction_scale.match(sentence, end)
        scale = match.group("scale") or (scaled.group("s") if scaled is not None else None)
        if scale is not None:  # "a quarter million people", "half a million cars"
            stop = scaled.end() if scaled is not None else end
            value = whole(count / parts_of * rules.SCALES[scale.lower()])
            item, after = self._item(sentence, stop)
            return Quantity(value, sentence[text_start:stop], item), max(stop, after)
        position = end
        of = self._of.match(sentence, position)
        if of is None and len(parts) == 1:
            return None, end  # "half" alone is an adverb more often than a figure
        if of is not None:
            position = of.end()
        item, after = self._item(sentence, position)
        return Quantity(count, sentence[text_start:end], item, of=parts_of), max(end, after)

    def _item(self, sentence: str, position: int) -> tuple[str, int]:
        """The words after a number that name what was counted, and where they end."""
        start = end = -1
        taken = 0
        while taken < rules.MAX_ITEM_WORDS:
            token = self._token.match(sentence, position)
            if token is None:
                break
            word = token.group(1)
            lower = word.lower()
            if lower in rules.ITEM_STOP_WORDS or word == "us":  # "one of us", not "one US city"
                break
            if lower in rules.DATE_WORDS:
                if taken == 0:
                    return "", position
                break  # "several reports Wednesday": the day says when, not what
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
        return (sentence[start:end], end) if taken else ("", position)
