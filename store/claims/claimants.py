"""Who makes a claim: the subject before an attribution verb, or the source after "according to".

The rules are deliberately shallow (no parser, no tagger): a run of capitalised words is a named
source, anything else is kept as the short noun phrase the writer used. That keeps extraction
cheap enough for bulk imports and its mistakes easy to see and to correct by hand.
"""

from __future__ import annotations

import re
from typing import Final

from store.claims import first_names, rules

WORD: Final = re.compile(r"[\w&.-][\w’'&.-]*")
"""A word; it never starts with a quote mark ("…transmission,’ he says": "he", not "’ he")."""
_POSSESSIVE: Final = ("’s", "'s")
_SUFFIXES: Final = sorted(rules.ORGANISATION_SUFFIXES, key=len, reverse=True)
_NAME_WORD: Final = r"[A-Z][\w’'.&-]*"
_NAME_AT: Final = re.compile(rf"({_NAME_WORD}(?:\s+(?:of|for|al|de|the|{_NAME_WORD}))*)")
_PHRASE_END: Final = re.compile(r"[,;:.!?()—–“”\"]|\sthat\s")
_CLAUSE_BREAK: Final = re.compile(
    r",(?!(?<=\d,)\d)|[;:()“”\"—–]|t(?<!\wt)hat\b|[.!?](?<=[a-z]{3}[.!?])['’\"”]?\s+"
    r"|[!?]['’]\s+"
)
"""Ends of a clause before a verb. A comma inside a number ("The survey of 2,000 adults") is
none; a full stop after a lower-case word ends a sentence inside a long quotation ("... for
some voters. He said"), after "Mr" or "U.S" it does not; a question or exclamation closed by a
single quote ends one whatever its last word ("'… did I?' Daniels said"). Each
branch opens with the character it needs (its look-behind after it), so a search skips along
to the next such character instead of stopping at every position."""
_WINDOW_BREAK: Final = re.compile(
    r",(?!(?<=\d,)\d)|[;:()—–]|t(?<!\wt)hat\b|[.!?](?<=[a-z]{3}[.!?])['’\"”]?\s+"
)
""":data:`_CLAUSE_BREAK` without quote marks, for how far back a subject is looked for: a
quoted title in an apposition ('Gilley, author of the article "The Case for Colonialism,"
argued') is not two more clauses."""


class Word:
    """A word of a sentence with its span, so a claimant is always quoted verbatim. Its
    lower-case form is computed once: the rules ask for it thousands of times an article."""

    __slots__ = ("capitalised", "end", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.lower()
        self.capitalised = text[:1].isupper()

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.start}, {self.end})"


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` with spans in ``text``."""
    stop = len(text) if end is None else end
    found = []
    for match in WORD.finditer(text, start, stop):
        word = match.group()
        begin = match.start()
        # A sentence's full stop is not part of its last word; "U.S." keeps its dots.
        if word[-1] == "." and len(word) > 1 and word.count(".") == 1:
            word = word[:-1]
        found.append(Word(word, begin, begin + len(word)))
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
            if len(parts) - index > 1 or parts[-1] not in rules.GENERIC_NAME_ENDS:
                parts = parts[index:]  # "Casey's Bar" stays whole: "Bar" names nothing
            break
    if len(parts) > 1 and parts[0].lower() == "the":
        parts = parts[1:]
    short = " ".join(parts)
    for suffix in _SUFFIXES:
        head = short.removesuffix(" " + suffix)
        if head != short and " " not in head:
            return head
    return short


_ORDINAL: Final = re.compile(r"\d+(?:st|nd|rd|th)")


def name_run(run: list[Word]) -> list[Word]:
    """The longest run of capitalised words (with name connectors) ending at the last word."""
    start = len(run) - 1
    while start > 0:
        previous = run[start - 1]
        if (
            previous.capitalised
            or previous.lower in rules.NAME_CONNECTORS
            or (_ORDINAL.fullmatch(previous.text) and run[start].capitalised)
        ):
            start -= 1  # "the 4th District Court": an ordinal inside a name
        elif (
            previous.lower == "and"
            and start > 1
            and run[start - 2].capitalised
            and any(w.lower in ("of", "for") for w in run[max(0, start - 6) : start - 1])
        ):
            start -= 1  # "Centre for Disease Prevention and Control": one organisation
        elif (
            previous.lower == "and"
            and start > 1
            and run[start - 2].capitalised
            and _after_the(run, start - 2)
        ):
            start -= 1  # "the Post and Courier", "the Bill and Melinda Gates Foundation"
        else:
            break
    named = run[start:]
    while named and (
        named[0].lower in rules.DISCOURSE_WORDS
        or not named[0].capitalised
        or (named[0].lower.endswith("-based") and len(named) > 1)  # "the Charleston-based …"
    ):
        named = named[1:]
    return named


def _after_the(run: list[Word], last: int) -> bool:
    """Whether the capitalised words ending at ``last`` (at most three) follow "the"."""
    first = last
    while first > 0 and run[first - 1].capitalised and last - first < 2:
        first -= 1
    return first > 0 and run[first - 1].lower == "the"


def _quote(text: str, span: list[Word]) -> str:
    return text[span[0].start : span[-1].end]


def _segments(text: str, before: list[Word], verb_start: int) -> list[list[Word]]:
    """The words before the verb, split at commas, quotes, brackets and "that"."""
    start = before[0].start if before else verb_start
    edges = [start]
    for brk in _CLAUSE_BREAK.finditer(text, start, verb_start):
        edges += [brk.start(), brk.end()]
    edges.append(verb_start)
    return [
        [word for word in before if start <= word.start and word.end <= end]
        for start, end in zip(edges[::2], edges[1::2], strict=True)
    ]


def subject_window(text: str, verb_start: int) -> int:
    """Where the words that can hold a verb's subject start: the last three clauses before
    it (an apposition needs no more), within :data:`rules.SUBJECT_WINDOW_CHARS`."""
    window = max(0, verb_start - rules.SUBJECT_WINDOW_CHARS)
    breaks = [brk.start() for brk in _WINDOW_BREAK.finditer(text, window, verb_start)]
    return max(window, breaks[-4]) if len(breaks) >= 4 else window


def clause_subject(text: str, before: list[Word], verb_start: int) -> list[Word] | None:
    """The words of the clause that ends at ``verb_start``; None when the verb opens a clause.

    A verb that opens a clause has its subject after it ('"...," said Smith', see
    :func:`after_verb`) or before an apposition (see :func:`apposition_subject`).
    """
    # Only the last segment is wanted: its words are the last ones of ``before`` that start
    # after the last clause break (every segment was built before: a fifth of the time of
    # finding a claimant)
    start = before[0].start if before else verb_start
    last_end = start
    for brk in _CLAUSE_BREAK.finditer(text, start, verb_start):
        last_end = brk.end()
    index = len(before)
    while index > 0 and before[index - 1].start >= last_end:
        index -= 1
    clause = [word for word in before[index:] if word.end <= verb_start]
    return clause or None


_OPENING_QUOTES: Final = frozenset({"“", '"', "‘", "'"})
"""A phrase right after one of these is a quoted title or words, never who is speaking."""


def apposition_subject(text: str, before: list[Word], verb_start: int) -> list[Word]:
    """The subject before an apposition or relative clause: "John Smith, a spokesman, said".

    A name beats its title ("Chi Onwurah, the Labour MP for Newcastle Central, said" -> Chi
    Onwurah); without a name, the nearest phrase that is not a relative clause.
    """
    candidates = [
        segment
        for segment in _segments(text, before, verb_start)
        # 'Gilley, author of the article "The Case for Colonialism," argued': not the title
        if segment and text[max(0, segment[0].start - 1) : segment[0].start] not in _OPENING_QUOTES
    ][-3:]
    for candidate in reversed(candidates):
        while len(candidate) > 1 and candidate[0].lower in rules.DISCOURSE_WORDS:
            candidate = candidate[1:]  # "Even George Eustice, the current Environment Secretary"
        first = candidate[0]
        if _PARTY_AND_STATE.fullmatch(_between_commas(text, candidate)):
            continue  # "Sen. Tom Carper, D-Del., said": his party and state, not a name
        if (
            first.capitalised
            and first.lower not in rules.DETERMINERS | rules.SUBJECT_BREAKS | rules.DISCOURSE_WORDS
            and len(candidate) <= rules.MAX_SUBJECT_WORDS
        ):
            return candidate
    for index in range(len(candidates) - 1, max(-1, len(candidates) - 3), -1):
        candidate = candidates[index]
        if all(word.lower in rules.DISCOURSE_WORDS for word in candidate):
            continue  # "The department, however, said"
        if _participle_phrase(candidate):
            continue  # "The figures, released on Monday, show": the figures
        if (
            candidate[0].lower in ("a", "an")
            and index > 0
            and candidates[index - 1][0].lower == "the"
        ):
            continue  # "The senator, a Democrat from Ohio, said": the senator
        if candidate[0].lower not in rules.SUBJECT_BREAKS:
            return candidate
    return []


_PARTY_AND_STATE: Final = re.compile(r"[DRI]-[A-Z][A-Za-z.]*")
"""The party and state American reporting writes after a lawmaker's name ("D-Del.", "R-Texas",
"D-N.H.")."""


def _between_commas(text: str, segment: list[Word]) -> str:
    """The whole text of the piece set off by commas or parentheses that holds ``segment``
    ("D-N.H." in "Hassan, D-N.H., said", "R-VA" in "Brat (R-VA) said")."""
    left = max(text.rfind(",", 0, segment[0].start), text.rfind("(", 0, segment[0].start)) + 1
    ends = [
        at for at in (text.find(",", segment[-1].end), text.find(")", segment[-1].end)) if at >= 0
    ]
    return text[left : min(ends) if ends else len(text)].strip()


_PARTICIPLES: Final = frozenset({
    "published", "released", "issued", "written", "seen", "based", "made", "given", "taken",
    "shown", "held", "compiled", "conducted", "carried", "posted", "obtained", "leaked",
})  # fmt: skip


def _participle_phrase(words: list[Word]) -> bool:
    """An apposition that describes the subject by a participle ("released on Monday",
    "published Tuesday", "speaking on Monday"), with no agent in it ("led by Oxford
    researchers" names one)."""
    first = words[0].lower
    return (
        first in _PARTICIPLES or (first.endswith(("ed", "ing")) and len(first) > 4)
    ) and not any(word.lower == "by" for word in words)


def relative_antecedent(text: str, before: list[Word], verb_start: int) -> list[Word] | None:
    """The name a relative clause before the verb refers to ("…, Roberto Morales Ojeda,
    quien también enfatizó", "Rep. Alexandria Ocasio-Cortez, who has suggested"): the
    capitalised words that end the clause before it; None if it ends otherwise."""
    segments = [segment for segment in _segments(text, before, verb_start) if segment]
    if len(segments) < 2 or not segments[-2][-1].capitalised:
        return None
    named = name_run(segments[-2])
    return named or None


def subject(text: str, run: list[Word]) -> str | None:
    """The claimant named by the subject words ``run`` (the clause up to the verb), or None."""
    while run and run[0].lower in rules.DISCOURSE_WORDS:
        run = run[1:]
    run = _from_glued_article(run)
    run = _without_leading_phrase(run)
    run = _without_light_verb(run)
    if _has_source_modifier(run) and len(run) <= rules.MAX_SUBJECT_WORDS:
        return _quote(text, run)  # "A source familiar with the matter", kept whole
    restrictive = _restrictive_relative(text, run)
    if restrictive is not None:
        return restrictive
    prefix = 0
    for index in range(1, min(len(run) - 1, 5)):
        if run[index].lower == "of" and all(w.lower in _QUANTITY_SUBJECT for w in run[:index]):
            prefix = index + 1  # "Tens of thousands of users": users
    run = run[prefix:]
    head = 1 if run and run[0].lower in ("the", "a", "an") else 0
    if (
        len(run) > head + 2
        and run[head].lower in rules.PARTITIVE_HEADS
        and run[head + 1].lower in ("of", "from")
    ):
        run = run[head + 2 :]  # "details of the legislation": the legislation
    if len(run) > 1 and run[-1].lower in ("who", "which", "that"):
        run = run[:-1]  # "a string of Tory MPs who said": the noun before the relative
    if not run:
        return None
    if run[-1].capitalised:
        named = name_run(run)
        owner = len(run) - len(named) - 1
        of = [i for i in range(1, owner + 1) if run[i].lower == "of"]
        if (
            of
            and not run[of[0] - 1].capitalised
            and plural_noun(run[of[0] - 1].lower)
            and len(run) <= rules.MAX_SUBJECT_WORDS
        ):
            return _quote(text, run)  # "Three fans of the popstar Lorde said": the fans
        # "Officials in Homs said": the name is a place inside a common noun phrase.
        if (
            len(named) == 1
            and owner >= 0
            and named[0].text.endswith("s")
            and not run[owner].capitalised
            and run[owner].lower.isalpha()
            and run[owner].lower not in _NOT_GROUP_ADJECTIVES
        ):
            return _quote(text, run[owner:])  # "black Democrats": a group, not a surname
        if named and not (owner > 0 and run[owner].lower in rules.PLACE_PREPOSITIONS):
            return clean_name(text, named)
        if named and owner > 0 and run[owner - 1].capitalised:
            # "the 4th District Court of Appeal in Santa Ana found": the court, not the place
            return clean_name(text, name_run(run[:owner]))
    starts = [i for i, word in enumerate(run) if word.lower in rules.SUBJECT_STARTS_AFTER]
    if starts:
        run = run[starts[-1] + 1 :]
    for index, word in enumerate(run):
        # "The figures released on Monday": a participle after the noun ends the subject;
        # "Two unnamed sources", "senior elected officials": one before the last word is
        # its adjective
        participle = word.lower.endswith("ed") and len(word.lower) > 4 and index != len(run) - 2
        if index and (word.lower in rules.SUBJECT_BREAKS or participle):
            run = run[:index]
            break
    if not run:
        return None
    if len(run) > rules.MAX_SUBJECT_WORDS:
        return _maker_of_work(text, run)
    return _quote(text, run)


_SOURCE_MODIFIERS: Final = frozenset({
    ("familiar", "with"), ("close", "to"), ("briefed", "on"), ("with", "knowledge"),
    ("with", "direct"), ("involved", "in"), ("knowledgeable", "about"),
})  # fmt: skip


def _has_source_modifier(run: list[Word]) -> bool:
    """Whether the subject is an unnamed source described by what it knows ("A source
    familiar with the matter", "People close to Mr Trump"): the words after "familiar with"
    are not the one speaking, and the whole phrase is how reporters name such a source."""
    return any(
        (run[index].lower, run[index + 1].lower) in _SOURCE_MODIFIERS
        for index in range(1, len(run) - 1)
    )


def _from_glued_article(run: list[Word]) -> list[Word]:
    """The subject from a capitalised article inside it, right after a capitalised word
    ("Share Facebook Twitter WhatsApp Email Telegram A senior prison official has said": page
    furniture glued before the sentence), not an initial ("Stephen A Smith") nor a title
    after a preposition ("A reporter for The Times")."""
    for index in range(len(run) - 2, 0, -1):
        word = run[index]
        if (
            word.text in ("A", "An", "The")
            and run[index - 1].capitalised
            and (word.text == "The" or not run[index + 1].capitalised)
        ):
            return run[index:]
    return run


def _maker_of_work(text: str, run: list[Word]) -> str | None:
    """For a subject too long to quote, the maker of the study it names ("A research paper
    from a team at UMass Amherst found" -> "a team at UMass Amherst"), or None."""
    for index, word in enumerate(run[:-1]):
        if word.lower in rules.RESEARCH_NOUNS and run[index + 1].lower in ("from", "by"):
            maker = run[index + 2 :]
            if 0 < len(maker) <= rules.MAX_SUBJECT_WORDS:
                return _quote(text, maker)
    return None


_OPENING_PREPOSITIONS: Final = frozenset({"In", "At", "On", "Across", "Outside", "Inside", "Near"})
_OPENING_TIMES: Final = frozenset({"Last", "Earlier", "Later", "This"})
_TIME_NOUNS: Final = frozenset({
    "night", "week", "month", "year", "morning", "afternoon", "evening", "weekend", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip


def _without_leading_phrase(run: list[Word]) -> list[Word]:
    """The subject without a place or time phrase opening its sentence with no comma after
    it ("In Clon Casey's Bar have said" -> Casey's Bar, "At Westport the Mill Hotel said",
    "Last night Tanaiste Leo Varadkar"): the phrase says where or when, not who.

    A place phrase ends before "the"/"a" or before a name in the possessive; else, when two
    or more capitalised words follow the place, after its first word. Anything less certain
    is kept as written."""
    if len(run) < 3 or not run[0].capitalised:
        return run
    if run[0].text in _OPENING_TIMES and run[1].lower in _TIME_NOUNS and run[2].capitalised:
        return run[2:]
    if run[0].text not in _OPENING_PREPOSITIONS or not run[1].capitalised:
        return run
    rest = run[1:]
    for index, word in enumerate(rest[1:], start=1):
        if word.lower in ("the", "a", "an") and index + 1 < len(rest):
            return rest[index:]
        if word.text.endswith(_POSSESSIVE):
            return rest[index:] if index + 1 < len(rest) else run
        if not word.capitalised:
            return run
    return rest[1:] if len(rest) >= 3 else run


_LIGHT_VERBS: Final = frozenset({"made", "makes", "make", "issued", "issues", "gave", "gives"})


def _without_light_verb(run: list[Word]) -> list[Word]:
    """ "Leo Varadkar made a strong claim that": the subject ends before the verb that
    makes the noun ("claim") a statement: "made a", "issued a stark", "gave the"."""
    for index, word in enumerate(run):
        if index and word.lower in _LIGHT_VERBS:
            tail = run[index + 1 :]
            if (
                tail
                and tail[0].lower in ("a", "an", "the", "his", "her", "their", "its")
                and len(tail) <= 3
                and not any(w.capitalised for w in tail)
            ):
                return run[:index]
    return run


def _restrictive_relative(text: str, run: list[Word]) -> str | None:
    """ "The logger who stayed back claimed", "Residents who live near the plant say": people
    named by what they did, kept whole (the clause after "who" says which ones); None when
    the subject is not "the/a <noun> who <clause>" or "<group> who <clause>" (those, some,
    people, a plural noun) of at most :data:`rules.MAX_SUBJECT_WORDS` words."""
    if len(run) < 3 or len(run) > rules.MAX_SUBJECT_WORDS:
        return None
    at = next((i for i, w in enumerate(run) if w.lower == "who"), -1)
    if at == 1:
        # "Those who have spoken out say": the clause is the whole subject, never its end
        if not (run[0].lower in _GROUPS or (run[0].lower.endswith("s") and len(run[0].lower) > 3)):
            return None
    elif run[0].lower not in ("the", "a", "an") or at < 2 or at > 3:
        return None
    if at == len(run) - 1:
        return None
    if any(w.capitalised for w in run[1:at]) or any(w.lower in _CLAUSE_WORDS for w in run):
        return None
    return _quote(text, run)


IRREGULAR_PLURALS: Final = frozenset({"men", "women", "people", "police", "staff", "children"})


def plural_noun(word: str) -> bool:
    """A lower-case word that names many ("fans", "supporters", "people")."""
    return word in IRREGULAR_PLURALS or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
    )


_CLAUSE_WORDS: Final = frozenset({"that", "which", "said", "says", "and", "but", "if", "whether"})
_GROUPS: Final = frozenset({"those", "some", "many", "most", "people", "others", "few", "all"})


def clean_name(text: str, named: list[Word]) -> str | None:
    """A capitalised run as a fact-checker writes it: no leading title, no "of <place>" after a
    person's name ("Supervisor Alfredo Pedroza of Napa County" -> "Alfredo Pedroza"), an
    organisation's generic suffix dropped (see :func:`normalise_name`)."""
    run = list(named)
    while len(run) > 1 and run[0].text.rstrip(".") in rules.NAME_TITLES and run[1].capitalised:
        run = run[1:]
    # "Transport Secretary Grant Shapps", "CEO Adrian Cummins": the name after the last title
    titles = [
        i
        for i, w in enumerate(run[:-1])
        if w.text.rstrip(".") in rules.NAME_TITLES and all(x.capitalised for x in run[i + 1 :])
    ]
    if titles and len(run) - titles[-1] - 1 >= 2:
        run = run[titles[-1] + 1 :]
    run = _person_ending_run(run)
    for index, word in enumerate(run):
        if (
            index >= 2
            and word.lower in ("of", "from", "at")
            and run[index - 1].text not in rules.ORGANISATION_HEADS
            and not any(w.text in rules.ORGANISATION_HEADS for w in run[:index])
        ):
            run = run[:index]
            break
    while run and run[-1].lower in rules.NAME_CONNECTORS:
        run.pop()
    if not run or all(word.lower.rstrip(".") in _CALENDAR for word in run):
        return None  # "said Monday that ...": a day, not a source
    name = normalise_name(_quote(text, run))
    if name in rules.NAME_TITLES and len(named) > 1:
        # "The Chairwoman of Ukraine’s Central Bank": a title alone names no one; the whole
        # phrase does
        phrase = named[1:] if named[0].lower == "the" else named
        return _quote(text, phrase)
    return name


def _person_ending_run(run: list[Word]) -> list[Word]:
    """ "Miembro del Buró Político Roberto Morales Ojeda" -> Roberto Morales Ojeda: after a
    title that names an organisation (a run with "of"/"del" in it), a person's name that
    starts with a known first name (:mod:`store.claims.first_names`) and has one to three
    more capitalised words is the one speaking, not the organisation."""
    connectors = [i for i, w in enumerate(run) if w.lower in _TITLE_CONNECTORS]
    if len(run) < 4 or not connectors:
        return run
    for index in range(connectors[-1] + 2, len(run) - 1):
        rest = run[index:]
        if (
            len(rest) <= 4
            and all(w.capitalised for w in rest)
            and first_names.is_first_name(rest[0].text)
            and rest[0].text not in rules.ORGANISATION_HEADS
        ):
            return rest
    return run


_TITLE_CONNECTORS: Final = frozenset({"of", "del", "de", "for"})
_NOT_GROUP_ADJECTIVES: Final = (
    rules.DETERMINERS
    | rules.PLACE_PREPOSITIONS
    | rules.DISCOURSE_WORDS
    | rules.NAME_CONNECTORS
    | rules.SUBJECT_STARTS_AFTER
    | frozenset({"and", "or", "of", "the", "a", "an", "said", "says"})
)


_QUANTITY_SUBJECT: Final = frozenset({
    "tens", "of", "thousands", "hundreds", "dozens", "millions", "scores", "many", "some",
    "most", "several", "lots", "a", "lot",
})  # fmt: skip
_AFTER_QUOTE: Final = re.compile(r"[”\"’'][,.!?]?\s*$|[,.!?][”\"’']\s*$|[—–-]\s*$")
_SOURCE_CHARS: Final = 200
_NICKNAME: Final = re.compile(r"[“\"][A-Z][\w’'-]*[”\"][ \t]+[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*")
"""A source after "according to" is read from at most this many characters (linear time)."""
_NOT_IN_SOURCE: Final = frozenset(
    {
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "had",
        "has",
        "have",
        "would",
        "will",
        "could",
        "should",
        "may",
        "might",
        "did",
        "do",
    }
)
_CALENDAR: Final = rules.DATE_WORDS | {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
}


_RIGHT_LEAD: Final = re.compile(
    r"\s+(?:(?:a|an|the)\s+)?(?:(?:[a-z][\w-]*|[A-Z][a-z]+-[a-z]+)\s+){0,4}(?=[A-Z])"
)
"""Words before an inverted verb's named source: "noted Maryland-based product liability
lawyer Jim Dunham", "said a skeptical Robert Wolfarth"."""
_PLAIN_END: Final = re.compile(r"\s*(?:[,.;:!?)\]—–]|$)")
_RIGHT_END: Final = re.compile(r"\s*(?:[,.;:!?)\]—–”\"]|$)")


def after_verb(text: str, position: int) -> str | None:
    """The claimant of an inverted attribution ('"...," said Smith', "said a skeptical Robert
    Wolfarth, the trust's new chairman", "said one person during public comment"), or None.

    The source must end the clause (a comma, a full stop, "who ..."): '"...," said Smith'
    is inverted, "..., said Velázquez's reversal hurt her" is not.
    """
    lead = _RIGHT_LEAD.match(text, position)
    name = _NAME_AT.match(text, lead.end()) if lead is not None else None
    if name is not None:
        found = words(text, name.start(1), name.end(1))
        while found and not found[-1].capitalised:
            found.pop()
        if found and not found[-1].text.endswith(_POSSESSIVE):
            following = words(text, found[-1].end, min(len(text), found[-1].end + 30))
            if (
                _RIGHT_END.match(text, found[-1].end)
                or (following and following[0].lower in rules.RIGHT_PHRASE_ENDS)
                or (
                    following
                    and following[0].lower == "in"
                    and _statement_follows(text, following[0].end)
                )
            ):
                return clean_name(text, found)
    return _right_phrase(text, position)


_SPANISH_ARTICLES: Final = frozenset({"el", "la", "los", "las"})
_SPANISH_SUBJECT_END: Final = re.compile(r"[,.;:!?()—–“”\"]|\s-\s|(?<=\w)-(?!\w)|$")
_SPANISH_NAME_AFTER: Final = re.compile(
    r",\s*((?:[A-ZÁÉÍÓÚÑ][\w’'-]*\s+){1,4}[A-ZÁÉÍÓÚÑ][\w’'-]*)\s*(?:[,.;:]|quien\b|$)"
)
_SPANISH_SUBJECT_WORDS: Final = 14
"""A Spanish title can be long: "el Miembro del Buró Político y presidente de la Asamblea
Nacional del Poder Popular" is thirteen words."""


def after_spanish_verb(text: str, position: int) -> str | None:
    """The subject after a Spanish reporting verb, which Spanish puts there more often than
    English ("…, comentó el Miembro del Buró Político", "calificó Humberto Camilo Hernández
    Suárez", "expresó el presidente de la Asamblea, Esteban Lazo Hernández"), or None.

    Only a person is taken: a name of two words or more, or an article and a role within its
    first words (:data:`rules.PERSON_ROLES`); a name set off after the role wins over the
    role. "destacó el papel de los jóvenes" has an object there, not a subject.
    """
    end = _SPANISH_SUBJECT_END.search(text, position, min(len(text), position + 200))
    stop = end.start() if end is not None else min(len(text), position + 200)
    found = words(text, position, stop)
    if not found or found[0].start - position > 2:
        return None
    if found[0].lower in _SPANISH_ARTICLES:
        if len(found) > _SPANISH_SUBJECT_WORDS:
            return None
        if not any(word.lower in rules.PERSON_ROLES for word in found[1:4]):
            return None
        named = _SPANISH_NAME_AFTER.match(text, stop)
        if named is not None:
            return named.group(1)
        return _quote(text, found)
    length = 0
    while length < len(found) and (
        found[length].capitalised or (length and found[length].lower in rules.NAME_CONNECTORS)
    ):
        length += 1
    while length and found[length - 1].lower in rules.NAME_CONNECTORS:
        length -= 1
    return clean_name(text, found[:length]) if length >= 2 else None


def after_quotation(text: str, verb_start: int) -> bool:
    """Whether a verb comes right after a closing quotation ('"...," noted')."""
    return _AFTER_QUOTE.search(text, max(0, verb_start - 4), verb_start) is not None


def _right_phrase(text: str, position: int) -> str | None:
    """A lower-case source after an inverted verb right after a quotation ('"Send help,"
    said a dispatcher'); without the quotation ('..., said the rail link "is working"') the
    words after the verb are what was said, not who said it."""
    verb_start = text.rfind(" ", 0, max(0, position - 1))
    quoted = _AFTER_QUOTE.search(text, 0, max(0, verb_start + 1)) is not None
    if not quoted and not text[: max(0, verb_start + 1)].rstrip().endswith(","):
        return None
    found = words(text, position, min(len(text), position + 120))
    if (
        not found
        or found[0].start - position > 2
        or found[0].lower not in rules.RIGHT_PHRASE_STARTS
    ):
        return None
    run: list[Word] = []
    for word in found:
        between = text[(run[-1].end if run else position) : word.start]
        if run and (_CLAUSE_BREAK.search(between) or "." in between):
            break
        if run and word.lower in rules.RIGHT_PHRASE_ENDS:
            break
        if run and word.lower == "in" and _statement_follows(text, word.end):
            break  # "said officials in a statement"
        run.append(word)
        if len(run) > 6:
            return None
    if not run:
        return None
    if not _RIGHT_END.match(text, run[-1].end) or (
        not quoted and not _PLAIN_END.match(text, run[-1].end)
    ):
        # "..., posit scientists in the paper titled ...": without a quotation before the
        # verb, a source ends at a full stop or comma ('..., said the rail link "is working"'
        # is what was said)
        following = words(text, run[-1].end, min(len(text), run[-1].end + 30))
        if not following or following[0].lower not in rules.RIGHT_PHRASE_ENDS | {"in"}:
            return None
        if following[0].lower == "in" and not _statement_follows(text, following[0].end):
            return None
    if any(word.lower in _NOT_IN_SOURCE or word.text[:1].isdigit() for word in run):
        return None  # "..., claimed the toll was 2,000": a clause, not a source
    if len(run) == 1 and run[0].lower in ("a", "an", "the", "his", "her", "their", "its"):
        return None
    return _quote(text, run)


def according_to(text: str, position: int) -> str | None:
    """The source after "according to": its leading name, else the last name, else the phrase."""
    limit = min(len(text), position + _SOURCE_CHARS)
    end = _PHRASE_END.search(text, position, limit)
    stop = end.start() if end is not None else limit
    nickname = _NICKNAME.match(text, stop)
    if nickname is not None:  # 'Renaldo “Peewee” Gilkes': the quoted nickname is in the name
        stop = nickname.end()
    found = words(text, position, stop)
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
        person = _person_after_role(text, lead, length)
        if person is not None:
            return person
        if len(lead) <= rules.MAX_SUBJECT_WORDS and any(
            word.text.endswith(_POSSESSIVE) for word in lead[length - 1 : length + 2]
        ):
            # "per FiveThirtyEight’s endorsement tracker", "according to Los Angeles County
            # coroner’s department": the owner's thing is the source, whole
            return _quote(text, lead)
        if length < len(lead) and lead[length].lower in _NAMED_DOCUMENTS:
            # "according to a new CBS News Battleground Tracker poll": the poll, not the
            # outlet alone
            return _quote(text, [*name_run(lead[:length]), lead[length]])
        return normalise_name(_quote(text, name_run(lead[:length])))
    capitalised = [i for i, word in enumerate(found) if word.capitalised]
    if capitalised:
        named = name_run(found[: capitalised[-1] + 1])
        after = capitalised[-1] + 1
        if after < len(found) and found[after].lower in _NAMED_DOCUMENTS and named:
            return _quote(text, [*named, found[after]])  # "a new CBS News … poll"
        if named[-1].text.endswith(_POSSESSIVE):  # "a statement from Ukraine's army"
            return _quote(text, named + found[capitalised[-1] + 1 :])
        return normalise_name(_quote(text, named))
    for index, word in enumerate(found):
        if index and word.lower in rules.SUBJECT_BREAKS:
            found = found[:index]  # "county officials who spoke about the project"
            break
    if len(found) > rules.MAX_SUBJECT_WORDS:
        # "the first human clinical trial of an automated blood drawing and testing device"
        cut = [i for i, w in enumerate(found) if w.lower in ("of", "from", "by", "on", "in")]
        if not cut or cut[0] < 2:
            return None
        found = found[: cut[0]]
    if len(found) == 1 and found[0].lower in rules.UNNAMED_SOURCES:
        return None  # "according to estimates": no one named
    return _quote(text, found)


_NAMED_DOCUMENTS: Final = frozenset({"poll", "survey", "study", "report", "analysis", "census"})
"""A document named after its maker ("the CBS News Battleground Tracker poll", "a Pew Research
Center survey"): the claimant is the document, written with its maker."""


def _person_after_role(text: str, found: list[Word], at: int) -> str | None:
    """The person named after an organisation and a role ("Wilson Center director Rojansky",
    "Miami-Dade transit chief Eulois Cleckley"): the person speaks, not the organisation."""
    role = at
    while role < len(found) and not found[role].capitalised and role - at < 2:
        if found[role].lower in rules.PERSON_ROLES:
            named = role + 1
            while named < len(found) and found[named].capitalised:
                named += 1
            return clean_name(text, found[role + 1 : named]) if named > role + 1 else None
        role += 1
    return None


_STATEMENT: Final = re.compile(
    r"\s+(?:a|an|his|her|their|its|the)\s+(?:statement|interview|email|post|"
    r"letter|tweet|video|news|press|filing|report|speech|paper|study|article|book|ruling|"
    r"editorial|blog|podcast|memo|court)\b"
)


def _statement_follows(text: str, position: int) -> bool:
    return _STATEMENT.match(text, position) is not None
