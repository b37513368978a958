"""Is a claimant a person or an organisation? ClaimReview's ``itemReviewed.author`` says which.

The user's word wins (``claimant_type``, set in the edit dialog or ``claim edit
--claimant-type``). Otherwise a rule reads the claimant as a reporter writes it:

- its head (the words before ", " or " of/for/at/from ") ends in a word for a person or people
  ("a ministry spokesperson", "Tomasz Brenner, a freight economist", "officials") or starts
  with a title ("Dr", "President", "Gen.") -> Person;
- the head holds a word for an organisation ("Ministry", "Association", "Army", "Reuters"),
  is an acronym ("IDF", "ISW") or starts with "the" -> Organization;
- two or three capitalised words ("Tomasz Brenner") -> Person;
- anything else (one name: "Amaq", "Oryx") -> Organization, the usual case in reporting, where
  a bare name is an outlet, an agency or a group.
"""

from __future__ import annotations

import re
from typing import Literal

SchemaKind = Literal["Person", "Organization"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PERSON_WORDS = _words(
    """
    spokesman spokeswoman spokesperson spokespeople official officials analyst analysts
    commander commanders witness witnesses resident residents researcher researchers economist
    economists expert experts lawyer lawyers doctor doctors journalist journalists reporter
    reporters minister president senator governor mayor general colonel captain officer
    officers soldier soldiers fighter fighters activist activists source sources diplomat
    diplomats man men woman women people person leader leaders chief director professor
    scientist scientists engineer engineers farmer farmers trader traders worker workers
    commenter reader blogger
    """
)
TITLES = _words(
    "mr mrs ms miss dr prof president prime minister gen general col colonel lt sgt capt "
    "captain senator sen rep gov governor mayor judge sheikh imam father sir dame lord"
)
ORGANISATION_WORDS = _words(
    """
    ministry department office institute council board association society church college
    school university museum committee commission chamber court league federation union
    bureau agency centre center academy corps republic state states kingdom party house
    organization organisation authority division service services coalition alliance city
    county police fund foundation trust network administration army navy force forces
    observatory government company corporation group news times post journal press tv radio
    media channel ltd inc plc bank statistics traders' exporters' observers
    """
)
_HEAD_END = re.compile(r",|\s(?:of|for|at|from|in|with)\s", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z]{2,6}s?$")
_NAME_WORD = re.compile(r"^[A-Z][a-z’'.-]+$")


def claimant_kind(name: str, chosen: str | None = None) -> SchemaKind:
    """Person or Organization for ``name``; ``chosen`` ("person"/"organization") wins."""
    if chosen == "person":
        return "Person"
    if chosen == "organization":
        return "Organization"
    head = _HEAD_END.split(name.strip(), maxsplit=1)[0].strip()
    words = head.split()
    if not words:
        return "Organization"
    lowered = [w.lower().strip(".") for w in words]
    if lowered[-1] in PERSON_WORDS or (lowered[0] in TITLES and len(words) > 1):
        return "Person"
    if any(w in ORGANISATION_WORDS for w in lowered) or lowered[0] == "the":
        return "Organization"
    if any(_ACRONYM.match(w) for w in words):
        return "Organization"
    if 2 <= len(words) <= 3 and all(_NAME_WORD.match(w) for w in words):
        return "Person"
    return "Organization"
