"""Who makes a claim: the subject before an attribution verb, or the source after "according to".

The rules are deliberately shallow (no parser, no tagger): a run of capitalised words is a named
source, anything else is kept as the short noun phrase the writer used. That keeps extraction
cheap enough for bulk imports and its mistakes easy to see and to correct by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.claims import rules

WORD = re.compile(r"[\w’'&.-]+")
_POSSESSIVE = ("’s", "'s")
_SUFFIXES = sorted(rules.ORGANISATION_SUFFIXES, key=len, reverse=True)
_NAME_WORD = r"[A-Z][\w’'.&-]*"
_RIGHT_NAME = re.compile(rf"\s+((?:the\s+)?{_NAME_WORD}(?:\s+(?:of|for|al|de|the|{_NAME_WORD}))*)")
_RIGHT_PHRASE = re.compile(r"\s+(the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})(?=\s*[.,;:!]|\s*$)")
_PHRASE_END = re.compile(r"[,;:.!?()—–“”\"]|\sthat\s")
_CLAUSE_BREAK = re.compile(r"[,;:()“”\"—–]|\bthat\b")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a sentence with its span, so a claimant is always quoted verbatim."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with spans in ``text``."""
    stop = len(text) if end is None else end
    found = []
    for match in WORD.finditer(text, start, stop):
        word = match.group()
        # A sentence's full stop is not part of its last word; "U.S." keeps its dots.
        if word.endswith(".") and word.count(".") == 1 and len(word) > 1:
            word = word[:-1]
        found.append(Word(word, match.start(), match.start() + len(word)))
    return found


def normalise_name(name: str) -> str:
    """The short, general form of a named source.

    "The Islamic State's Amaq News Agency" -> "Amaq": an owner in the possessive is dropped
    (the agency, not the state, makes the claim), then a leading "The", then a generic
    organisation suffix when one distinctive word is left ("Xinhua News Agency" -> "Xinhua").
    """
    parts = name.split()
    for index in range(len(parts) - 1, 0, -1):
        if parts[index - 1].endswith(_POSSESSIVE):
            parts = parts[index:]
            break
    if len(parts) > 1 and parts[0].lower() == "the":
        parts = parts[1:]
    short = " ".join(parts)
    for suffix in _SUFFIXES:
        head = short.removesuffix(" " + suffix)
        if head != short and " " not in head:
            return head
    return short


def name_run(run: list[Word]) -> list[Word]:
    """The longest run of capitalised words (with name connectors) ending at the last word."""
    start = len(run) - 1
    while start > 0:
        previous = run[start - 1]
        if previous.capitalised or previous.lower in rules.NAME_CONNECTORS:
            start -= 1
        else:
            break
    named = run[start:]
    while named and (named[0].lower in rules.DISCOURSE_WORDS or not named[0].capitalised):
        named = named[1:]
    return named


def _quote(text: str, span: list[Word]) -> str:
    return text[span[0].start : span[-1].end]


def _segments(text: str, before: list[Word], verb_start: int) -> list[list[Word]]:
    """The words before the verb, split at commas, quotes, brackets and "that"."""
    edges = [0]
    for brk in _CLAUSE_BREAK.finditer(text, 0, verb_start):
        edges += [brk.start(), brk.end()]
    edges.append(verb_start)
    return [
        [word for word in before if start <= word.start and word.end <= end]
        for start, end in zip(edges[::2], edges[1::2], strict=True)
    ]


def clause_subject(text: str, before: list[Word], verb_start: int) -> list[Word] | None:
    """The words of the clause that ends at ``verb_start``; None when the verb opens a clause.

    A verb that opens a clause has its subject after it ('"...," said Smith', see
    :func:`after_verb`) or before an apposition (see :func:`apposition_subject`).
    """
    return _segments(text, before, verb_start)[-1] or None


def apposition_subject(text: str, before: list[Word], verb_start: int) -> list[Word]:
    """The subject before an apposition or relative clause: "John Smith, a spokesman, said"."""
    candidates = [segment for segment in _segments(text, before, verb_start) if segment][-2:]
    for candidate in reversed(candidates):
        if candidate[0].lower not in rules.SUBJECT_BREAKS | {"a", "an"}:
            return candidate
    return []


def subject(text: str, run: list[Word]) -> str | None:
    """The claimant named by the subject words ``run`` (the clause up to the verb), or None."""
    while run and run[0].lower in rules.DISCOURSE_WORDS:
        run = run[1:]
    if not run:
        return None
    if run[-1].capitalised:
        named = name_run(run)
        owner = len(run) - len(named) - 1
        # "Officials in Homs said": the name is a place inside a common noun phrase.
        if named and not (owner > 0 and run[owner].lower in rules.PLACE_PREPOSITIONS):
            return normalise_name(_quote(text, named))
    for index, word in enumerate(run):
        participle = word.lower.endswith("ed") and len(word.lower) > 4
        if index and (word.lower in rules.SUBJECT_BREAKS or participle):
            run = run[:index]
            break
    if len(run) > rules.MAX_SUBJECT_WORDS:
        return None
    return _quote(text, run)


def after_verb(text: str, position: int) -> str | None:
    """The claimant of an inverted attribution ('"...," said Smith'), or None."""
    name = _RIGHT_NAME.match(text, position)
    if name is not None:
        found = words(text, name.start(1), name.end(1))
        while found and not found[-1].capitalised:
            found.pop()
        return normalise_name(_quote(text, found)) if found else None
    phrase = _RIGHT_PHRASE.match(text, position)
    return phrase.group(1) if phrase is not None else None


def according_to(text: str, position: int) -> str | None:
    """The source after "according to": its leading name, else the last name, else the phrase."""
    end = _PHRASE_END.search(text, position)
    found = words(text, position, end.start() if end is not None else len(text))
    if not found:
        return None
    lead = found[1:] if found[0].lower == "the" and len(found) > 1 else found
    if lead[0].capitalised:
        length = 1
        while length < len(lead) and (
            lead[length].capitalised or lead[length].lower in rules.NAME_CONNECTORS
        ):
            length += 1
        while length > 1 and lead[length - 1].lower in rules.NAME_CONNECTORS:
            length -= 1
        return normalise_name(_quote(text, name_run(lead[:length])))
    capitalised = [i for i, word in enumerate(found) if word.capitalised]
    if capitalised:
        named = name_run(found[: capitalised[-1] + 1])
        if named[-1].text.endswith(_POSSESSIVE):  # "a statement from Ukraine's army"
            return _quote(text, named + found[capitalised[-1] + 1 :])
        return normalise_name(_quote(text, named))
    if len(found) > rules.MAX_SUBJECT_WORDS:
        return None
    return _quote(text, found)
