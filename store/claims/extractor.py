"""Rule-based claim extraction over the sentences of each paragraph.

A sentence is a claim when the writer attributes it to someone ("Amaq claims that ...",
"according to Oryx, ...", '"...," said David Marcus'), distances themself from it with a hedge
("were purportedly killed"), or gives a figure while saying it cannot be checked. Questions are
never claims, and no sentence crosses a paragraph (see :mod:`store.claims.sentences`).

Rules that reach beyond one sentence, because reporters write that way:

- *carried claimant*: a hedged sentence right after a claim, in the same paragraph, keeps that
  claim's source ("Amaq claims ... In addition, 352 men were purportedly killed.");
- *speakers*: "he said", "she added" take the last named speaker of the article (or comment),
  across paragraphs; a surname ("Hasib said") takes the full name written earlier ("Usman
  Hasib"); with no speaker before, the claim has no claimant, never a pronoun;
- *unverifiable*: "it is impossible to independently verify these figures" marks the claims
  with figures just before it in its paragraph, or, when it opens a paragraph, those that end
  the one before; a verification sentence that says something of its own marks only itself.

Precision: a verb that can take an object ("reported", "announced", "noted") attributes only
with "that", a reported clause, a quotation, a colon or a figure: "the hospital reported the
incident to the police" is an act, not a statement to check.

Rules are data (:mod:`store.claims.rules`); every pattern is compiled once per
:class:`ClaimExtractor` and each text is read in one pass of each pattern, so extraction is
linear in the text and cheap on bulk imports.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final

from store.claims import claimants, first_names, rules, sentences
from store.claims.quantities import QuantityParser
from store.records import ClaimDraft, ClaimStatus, DocumentDraft, Quantity

_CLOSING: Final = "!.…”\"’') ]»\t\n"
"""What may follow a question mark at the end of a question ('?"', '?).')."""
_CLAUSE_END: Final = re.compile(r"[,;:!?()—–]|\.(?:\s|$|[”\"])|$")
_QUOTE: Final = re.compile(r"[“”\"]|[‘’'](?:(?<!\w[‘’'])|(?!\w))")
"""A quote mark: double, or a single one not inside a word ("don't"); each branch opens with
its mark, so a search skips along to the next mark."""
_OPENS_CLAUSE_AFTER: Final = re.compile(
    r"(?:\s+(?:at|on|in|last|this|early|late)\s+[^,.;:!?]{0,12}(?:\d[\d:.]*\s*[ap]\.?m\.?)?"
    r"(?:\s+on\s+[^,;:!?]{0,12})?)?\s*(?:[.,;:!?—–”\"]|$)"
)
"""The end of a clause right after a verb, a time allowed between ("..., police reported at
1:30 p.m. on Nov. 8.")."""
_PERSON: Final = re.compile(r"^[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)+$")
_FULL_NAME: Final = re.compile(
    r"[A-Z](?<![\w’'.-][A-Z])[a-z’'-]+(?:[ \t]+[A-Z][a-z’'-]+){1,2}(?![\w’'-])"
)
"""Two or three capitalised words. Patterns searched over a whole text check the character
before a match after its first one ("[A-Z](?<!…[A-Z])"), so the engine skips quickly to the
next capital: a look-behind first made it stop at every position (twice the time)."""


def _whole_words_by_first_letter(words: tuple[str, ...]) -> str:
    """``\\b(?:w1|w2|…)`` for words, written as one branch per first letter that
    checks the character before after that letter ("M(?<!\\wM)(?:r|rs|s|iss)|P…"): a pattern
    opened by ``\\b`` makes the search stop at every position of the text, one opened by a
    letter lets it skip to the next letter that can start a match (searched over whole
    pages, the title pattern cost 0.1 ms an article). The order of the words sharing a first
    letter is kept, so the same word is matched."""
    letters: dict[str, list[str]] = {}
    for word in words:
        letters.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(
        rf"{letter}(?<!\w{letter})(?:{'|'.join(rests)})" for letter, rests in letters.items()
    )


def _is_person(name: str) -> bool:
    """A name of two or three capitalised words that is not an organisation's."""
    words = name.split()
    return (
        bool(_PERSON.match(name))
        and not name.startswith("The ")
        and words[-1] not in rules.ORGANISATION_HEADS
        and not name.endswith(rules.ORGANISATION_SUFFIXES)
    )


def _is_single_name(name: str) -> bool:
    """One capitalised word that can be a person ("Meghan", "Hasib"), not an acronym."""
    return (
        " " not in name
        and name[:1].isupper()
        and not name.isupper()
        and name not in rules.ORGANISATION_HEADS
    )


_DEFINITE: Final = frozenset({"the", "el", "la"})
_MAX_ROLE_WORDS: Final = 8
"""The longest role resolved to a name: "el presidente de la Asamblea Provincial" is six."""
_MAX_ROLES: Final = 32
"""How many different roles one text resolves (each is searched for once over the text)."""
_ROLE_ADJECTIVES: Final = frozenset(
    {"former", "current", "then", "new", "acting", "interim", "late"}
)
_BEFORE_NOT_SUBJECT: Final = frozenset({
    "by", "in", "of", "from", "at", "on", "to", "with", "for", "the", "a", "an", "about",
})  # fmt: skip
_CALENDAR_NAMES: Final = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Last", "Next", "Earlier", "Later",
})  # fmt: skip
_NAME: Final = r"(?:[A-ZÁÉÍÓÚÑ][^\W\d_]+(?:-[A-ZÁÉÍÓÚÑ][^\W\d_]+)?|[A-Z]\.)"
_NAME_AFTER_ROLE: Final = re.compile(rf",?[ \t]+({_NAME}(?:[ \t]+{_NAME}){{1,3}})(?![\w’'-])")
"""A name right after a role: "billionaire Michael R. Bloomberg", "ministro, Jorge Luis"."""
_NAME_ENDING_ROLE: Final = re.compile(
    rf"[^,.;:()“”\"\n]{{0,80}},[ \t]+({_NAME}(?:[ \t]+{_NAME}){{1,3}})(?=[ \t]*(?:[,.;:]|$))"
)
"""A name that ends a longer role phrase, set off by commas: "el Miembro del Buró Político y
presidente de la Asamblea Nacional, Esteban Lazo Hernández."."""
_ROLE_PHRASE_WORDS: Final = frozenset({
    "de", "del", "la", "el", "los", "las", "y", "e", "en", "and", "of", "the", "for", "in",
})  # fmt: skip


def _name_ending_role(text: str, end: int) -> re.Match[str] | None:
    """:data:`_NAME_ENDING_ROLE` when the words between the role and the name only go on
    describing the role (names, "y presidente de la", "of the"): not a clause ("also revealed
    that she reached out to …, Princess Diana,")."""
    match = _NAME_ENDING_ROLE.match(text, end)
    if match is None:
        return None
    between = claimants.words(text, end, match.start(1))
    if all(
        word.capitalised or word.lower in _ROLE_PHRASE_WORDS or word.lower in rules.PERSON_ROLES
        for word in between
    ):
        return match
    return None


_REPORTING_WORDS: Final = frozenset(
    word
    for phrase in (*rules.SPEECH_VERBS, *rules.ATTRIBUTION_VERBS, *rules.SPANISH_VERBS)
    for word in phrase.split()
    if word not in ("is", "are", "was", "were", "that")
)
_NAME_BEFORE_ROLE: Final = re.compile(
    rf"(?<![\w’'.-])({_NAME}(?:[ \t]+{_NAME}){{0,3}}),[ \t]+"
    rf"(?:(?:[Tt]he|[Aa]n?|[Ee]l|[Ll]a)[ \t]+)?(?:[\w’'-]+[ \t]+){{0,4}}$"
)
"""A name right before its apposition: "Meghan, Duchess of", "John Kirby, the Pentagon"."""
_ASKING_VERBS: Final = ("asked", "told", "pressed", "questioned", "urged", "interviewed")
_ASKING: Final = re.compile(rf"(?:{_whole_words_by_first_letter(_ASKING_VERBS)})\b")
_PRONOUN_SENTENCES: Final = 4
_ASKED_PERSON: Final = re.compile(
    r"\b(?:asked|pressed|questioned)[ \t]+((?:[A-Z][\w’'-]+[ \t]+){0,2}[A-Z][\w’'-]+)[,:]"
)
"""A person asked a question ("a reporter asked Montoya-Lewis, “What …?”")."""
"""How many sentences back "he" or "she" looks for the person the text is about."""
_SUBORDINATORS: Final = frozenset({"When", "After", "As", "While", "Before", "Once", "Although"})
_OPENING_NAME: Final = re.compile(
    r"(?:(?:But|And|Yet|So|Then|Still|However|Meanwhile|Later|Now|Earlier),?\s+)?"
    r"((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]*[a-z])(?=[\s,])(?![\s,]*(?:[’']s\b))"
)
_NOT_NAMES: Final = frozenset({
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I",
    "In", "On", "At", "For", "From", "With", "By", "Of", "To", "If", "But", "And", "Asked",
    "There", "Here", "What", "Why", "How", "Who", "His", "Her", "Their", "Its", "Our", "My",
    "No", "Yes", "So", "Well", "Now", "Then", "Still", "Even", "Also", "Only", "Just",
    "Though", "Although", "While", "Because", "Since", "Unless", "Until", "Whether",
    "After", "Before", "When", "Once", "As",
})  # fmt: skip
_MALE_TITLES: Final = frozenset(
    {"Mr", "Prince", "King", "Duke", "Sir", "Lord", "Father", "Brother"}
)
_ORGANISATION_BODIES: Final = "|".join(
    sorted(
        rules.ORGANISATION_HEADS
        - {"Secretary", "Minister", "Mayor", "Friends", "Chief", "Director", "Governor"}
        - {"President", "Head", "Leader", "Members", "Member", "Guard", "Coast", "State"}
    )
)
_OPENING_ORGANISATION: Final = re.compile(
    rf"(?:The[ \t]+)?((?:[A-Z][\w’'.&-]*[ \t]+){{0,4}}(?:{_ORGANISATION_BODIES})"
    rf"(?:[ \t]+(?:of|for|on)[ \t]+(?:the[ \t]+)?[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*)?)"
    r"(?![\w’'-])(?![ \t]*,)"
)
"""A sentence opened by a named organisation ("The Appellate Court didn't", "The Ministry of
Health said"), not by a person's title ("The Secretary") nor an apposition ("The Court, …")."""
_GENDERED_TITLES: Final = (
    "Mr", "Mrs", "Ms", "Miss", "Prince", "Princess", "King", "Queen", "Duke", "Duchess", "Sir",
    "Dame", "Lord", "Lady", "Father", "Mother", "Brother", "Sister",
)  # fmt: skip


_GENDERED_TITLE: Final = re.compile(
    rf"({_whole_words_by_first_letter(_GENDERED_TITLES)})\.?\s+([A-Z][\w’'-]+)"
)
_MALE: Final = frozenset({"he", "his", "him", "himself", "mr"})
_FEMALE: Final = frozenset({"she", "her", "hers", "herself", "mrs", "ms"})
_NOT_GIVEN: Final = frozenset({
    "the", "a", "an", "and", "but", "when", "while", "as", "if", "after", "before", "then",
    "so", "in", "on", "at", "of", "for", "by", "with", "from", "to", "said", "says", "i",
    "he", "she", "it", "they", "we", "this", "that", "former", "new", "mr", "mrs", "ms",
})  # fmt: skip
_ADVERB: Final = re.compile(r"[a-z]{3,}ly")
_GERUND: Final = re.compile(r"[a-z]{3,}ing")
_PAST: Final = re.compile(r"[a-z]{2,}[^e]ed|[a-z]{2,}sed|used")
_WORD: Final = re.compile(r"[^\W\d_]+")
_SUBORDINATE_PRONOUN: Final = re.compile(
    r"\b(?:as|when|after|before|because|while|since|until|once)\s+(he|she)\b"
)
_FULL_NAME_RUN: Final = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}\b")
_THEY_SPEAKERS: Final = 3
"""How many of the last speakers "they" may stand for (the nearest that can be many)."""


def _is_plural(name: str) -> bool:
    """Whether a claimant names many ("Prosecutors", "The loggers", "The men"); a person's
    name or an organisation's never does (an organisation is "they" only as the last
    speaker)."""
    written = name.split()
    last = written[-1].lower()
    if not claimants.plural_noun(last):
        return False
    if last in claimants.IRREGULAR_PLURALS:
        return True
    return (
        name[:1].isupper()
        and not (written[-1][:1].isupper() and len(written) > 1)
        and not _is_person(name)
    )


_PREPOSITIONS: Final = frozenset({"of", "to", "in", "on", "at", "by", "for", "from", "with"})
_FRAGMENT: Final = frozenset(
    {
        "is",
        "was",
        "were",
        "are",
        "if",
        "whether",
        "not",
        "clear",
        "be",
        "do",
        "did",
        "does",
        "had",
        "has",
        "have",
        "would",
        "could",
        "will",
        "we",
        "i",
        "you",
    }
)


_PROGRESSIVE_ADVERB: Final = r"(?:now|also|still|again|already|increasingly|[a-z]{3,}ly)"
_BE: Final = ("is", "are", "was", "were")


def _progressive(pattern: str) -> str:
    """ "is\\s+warning" also as "is now warning", "are increasingly saying"."""
    for be in _BE:
        if pattern.startswith(be + r"\s+"):
            return rf"{be}(?:\s+{_PROGRESSIVE_ADVERB})?" + pattern[len(be) :]
    return pattern


def _words_pattern(phrases: tuple[str, ...] | list[str] | frozenset[str]) -> str:
    """Whole-word alternation of phrases, longest first, any run of spaces between words."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


class _Tokens:
    """A sentence's words read once, and handed out by span: the rules look at the words
    before each verb, and reading them again for every verb cost a fifth of the time. They
    are read lazily, only over the stretch asked for (cut at white space, which no word
    holds, so they are the words a reading from the start gives): the words after a
    sentence's last verb are never needed, nor, for a verb the word just before it rules
    out, those more than a few words before it."""

    __slots__ = ("_from", "_read", "_starts", "_text", "_words")

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: list[claimants.Word] = []
        self._starts: list[int] = []
        self._from = self._read = -1  # nothing read yet

    def between(self, start: int, end: int) -> list[claimants.Word]:
        """The words that lie wholly within ``text[start:end]``."""
        text = self._text
        if len(text) > _CHUNK:  # a huge "sentence": read only the window asked for
            return claimants.words(text, start, end)
        words, starts = self._words, self._starts
        if self._read < 0:
            self._from = self._read = _word_boundary_before(text, start)
        if end > self._read:
            cut = _SPACE.search(text, end)
            stop = cut.start() if cut is not None else len(text)
            more = claimants.words(text, self._read, stop)
            words += more
            starts += [word.start for word in more]
            self._read = stop
        if start < self._from:
            begin = _word_boundary_before(text, start)
            more = claimants.words(text, begin, self._from)
            words[:0] = more
            starts[:0] = [word.start for word in more]
            self._from = begin
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, first)
        while last > first and words[last - 1].end > end:
            last -= 1
        return words[first:last]


_LOOK_BACK: Final = 64
"""How far back :func:`_word_boundary_before` looks for white space before it reads from 0."""


def _word_boundary_before(text: str, position: int) -> int:
    """0, or a position right after white space at most :data:`_LOOK_BACK` characters before
    ``position``: no word spans it, so the words read from it are those read from 0."""
    floor = position - _LOOK_BACK
    while position > 0 and not text[position - 1].isspace():
        position -= 1
        if position < floor:
            return 0
    return position


_SPACE: Final = re.compile(r"\s")


@dataclass(slots=True)
class _Attribution:
    claimant: str | None
    phrase: str
    method: str
    start: int
    end: int


@dataclass(slots=True)
class _Sentence:
    """One sentence and what the rules found in it."""

    start: int
    text: str
    paragraph: int
    attribution: _Attribution | None = None
    hedges: list[str] = field(default_factory=list)
    verify_clause: str | None = None
    verify_points_back: bool = False
    quantities: tuple[Quantity, ...] = ()
    parsed: tuple[Quantity, ...] | None = None
    number_words: frozenset[str] | None = None
    """The sentence's lower-case words that the figure parser (its start words) and the
    speakers (gendered pronouns and titles) look for, read with the rule words in one pass."""
    claimant: str | None = None
    method: str = ""
    note: str = ""

    @property
    def is_claim(self) -> bool:
        return bool(self.method)


@dataclass(slots=True)
class _Speakers:
    """Who has spoken so far in one text, for "he said" and for surnames.

    "he" and "she" take the most recent speaker not known to be the other: a speaker is known
    as "he" once a sentence of theirs says "he"/"his" and not "she"/"her" (or the other way),
    or once a pronoun was resolved to them. No list of first names: cheap, and never wrong by
    a guess about a name.
    """

    text: str
    at: int = 0
    """Where the sentence being read starts in ``text``."""
    recent: list[str] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    _names: dict[str, tuple[str, int] | None] | None = None
    _index: dict[str, tuple[str, int]] | None = None
    _looked_up: int = 0
    _lowered: str | None = None
    _roles: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _gendered: dict[str, tuple[str, int] | None] = field(default_factory=dict)
    _titles: dict[str, tuple[int, str]] | None = None
    """Each name written after a gendered title, with where the first such title ends."""
    found: list[_Sentence] = field(default_factory=list)
    """Every sentence of the text, so a pronoun can look at the few just before it."""
    index: int = 0
    """The sentence being read, in :attr:`found`."""

    def heard(
        self, claimant: str | None, words: frozenset[str] = frozenset(), pronoun: str = ""
    ) -> None:
        """``claimant`` spoke last; a person's gender is kept from ``pronoun`` (resolved to
        them) or from the words of their sentence (``_Sentence.number_words``)."""
        if not claimant or not claimant[:1].isupper():
            return
        if claimant in self.recent:
            self.recent.remove(claimant)
        self.recent.append(claimant)
        del self.recent[: -rules.MAX_RECENT_SPEAKERS]
        if pronoun in ("he", "she"):
            self.gender[claimant] = pronoun
        elif claimant not in self.gender and (_is_person(claimant) or _is_single_name(claimant)):
            male, female = not _MALE.isdisjoint(words), not _FEMALE.isdisjoint(words)
            if male != female:
                self.gender[claimant] = "he" if male else "she"

    def pronoun(self, word: str) -> str | None:
        if word in ("he", "she"):
            other = "she" if word == "he" else "he"
            near = self._recent_person(word, other)
            if near is not None:
                return near
            current = self.found[self.index].text if self.index < len(self.found) else ""
            for name in reversed(self.recent):
                if (
                    self._known_gender(name) != other
                    and (_is_person(name) or self.gender.get(name) == word)
                    and not _named_after_pronoun(current, name)
                ):
                    return name
            return self._mentioned(self.at)
        if word in ("they", "some"):
            group = self._previous_group()
            if group is not None:
                return group
            if word == "some":
                return None
        if word == "it" and (body := self._previous_organisation()) is not None:
            return body
        if word == "they":
            return self._recent_many()
        return self.recent[-1] if self.recent else None

    def _recent_many(self) -> str | None:
        """ "they" as one of the last few speakers that can be many ("Prosecutors", "The
        loggers"), else the last speaker unless that is one person by their role ("The
        judge has said …" then "They claim …": not the judge; "The letter said …" then
        "They said …" is its authors)."""
        for name in reversed(self.recent[-_THEY_SPEAKERS:]):
            if _is_plural(name):
                return name
        last = self.recent[-1] if self.recent else None
        if (
            last is not None
            and last.split()[0].lower() in _DEFINITE
            and last.split()[-1].lower() in rules.PERSON_ROLES
        ):
            return None
        return last

    def _previous_organisation(self) -> str | None:
        """ "it" as the organisation the sentence before opens with ("The Appellate Court
        didn't agree with Amazon's stance. It noted that …"): a person is never "it", so the
        last speaker (Amazon, who argued) is not the one meant; None if it opens otherwise."""
        if not 0 < self.index < len(self.found):
            return None
        match = _OPENING_ORGANISATION.match(self.found[self.index - 1].text)
        if match is None or match.group(1).split()[0] in _NOT_NAMES | _CALENDAR_NAMES:
            return None
        return claimants.normalise_name(match.group(1))

    def _previous_group(self) -> str | None:
        """ "they" or "some" as the group the sentence before is about ("Trust members
        ultimately asked …  Some questioned whether", "Others who have tracked his career
        see choppier waters. …, they say"): its subject when that is a plural common noun
        phrase, else None."""
        if not 0 < self.index < len(self.found):
            return None
        before = self.found[self.index - 1]
        match = _GROUP_SUBJECT.match(before.text)
        if match is None:
            return None
        group = match.group(1).split(" who ")[0]  # a clause with "have" is no claimant
        if group.split()[0] in _NOT_NAMES - {"Some", "Many", "Most"}:
            return None
        return group

    def _recent_person(self, word: str, other: str | None) -> str | None:
        """ "he"/"she" as the person the last few sentences are about: a sentence opened by a
        subordinate clause names them first ("When Meghan joined the family, she said"); else,
        going back, the speaker of a claim or the name that opens a sentence ("Fraser Amos, a
        final-year student, is helping ..." then '"...," he says'), whichever comes first.
        A name known to be the other gender is passed over."""
        if self.index >= len(self.found):
            return None
        current = self.found[self.index]
        if word and (subject := self._subject_before(current.text, word, other)) is not None:
            return subject
        opener, _, rest = current.text.partition(" ")
        if opener in _SUBORDINATORS and not _ASKING.search(rest, 0, 60):
            # "When Meghan joined the family, she said" (not "When Winfrey asked if he ...")
            name = self.opening_name(rest, current.start)
            if name is not None and self._may_be(name, word, other):
                return name
        for back in range(self.index - 1, max(-1, self.index - 1 - _PRONOUN_SENTENCES), -1):
            sentence = self.found[back]
            asked = _ASKED_PERSON.search(sentence.text) if "?" in sentence.text else None
            if asked is not None:
                # 'a reporter asked Montoya-Lewis, "What do you see …?"' then '"…," she
                # replied': the one asked answers
                name = self.full_name(asked.group(1), sentence.start)
                if name is not None and self._may_be(name, word, other):
                    return name
            if sentence.is_claim and sentence.claimant:
                if self._may_be(sentence.claimant, word, other):
                    return sentence.claimant
                continue
            name = self.opening_name(sentence.text, sentence.start)
            lead = _LEADING_PHRASE.match(sentence.text)
            if name is None and lead is not None:
                # "Following the death of his father, Alexander Stodden has taken over"
                name = self.opening_name(sentence.text[lead.end() :], sentence.start + lead.end())
            if name is None and (np := _OPENING_PERSON.match(sentence.text)) is not None:
                name = np.group(1)  # "The man in red shorts led employees to believe ..."
            if name is not None and self._may_be(name, word, other):
                return name
        return None

    def _subject_before(self, text: str, word: str, other: str | None) -> str | None:
        """ "The network’s star host Tucker Carlson sounded maudlin as he announced": a
        pronoun in a clause that "as", "when", "after" … open is the person the sentence
        names before it (the last full name there), when that can be "he" or "she"."""
        clause = _SUBORDINATE_PRONOUN.search(text)
        if clause is None or clause.group(1).lower() != word:
            return None
        names: list[str] = _FULL_NAME_RUN.findall(text, 0, clause.start())
        for name in reversed(names):
            if _is_person(name) and self._may_be(name, word, other):
                return name
        return None

    def role(self, claimant: str | None, before: int) -> str | None:
        """A person's role as the name it stands for: "the billionaire" after "billionaire
        Michael R. Bloomberg", "the duchess" after "Meghan, Duchess of Sussex", "el viceprimer
        ministro" after "el viceprimer ministro, Jorge Luis Perdomo Di-Lella"; with no such
        introduction, the person the last few sentences are about; else the role itself."""
        if not claimant:
            return claimant
        words = claimant.split()
        if len(words) < 2 or len(words) > _MAX_ROLE_WORDS:
            return claimant
        if words[0].lower() not in _DEFINITE and not (
            all(w[:1].isupper() for w in words) and self._after_the(claimant, before)
        ):
            return claimant  # "the former mayor", or a title alone: "the Conservative MP"
        if len(words) == 2 and words[1].lower() in rules.ORGANISATION_ROLES:
            return self._organisation(words[1], before) or claimant
        of = [i for i, w in enumerate(words) if w.lower() in ("of", "del", "de", "for")]
        head = words[of[0] - 1 if of else -1].lower().removesuffix("’s").removesuffix("'s")
        if head not in rules.PERSON_ROLES and not of and len(words) > 2:
            head = words[-2].lower()  # "el dirigente partidista": Spanish puts the adjective after
        if head not in rules.PERSON_ROLES:
            return claimant
        described = tuple(w for w in words if w.lower() not in _DEFINITE | _ROLE_ADJECTIVES)
        for found in (described, (head,)) if len(described) > 1 else ((head,),):
            name = self._introduced(found, before)
            if name is not None:
                return name
        person = self._recent_person("", None)
        return person if person in self.recent else claimant

    def _after_the(self, claimant: str, before: int) -> bool:
        """Whether the sentence up to ``before`` writes ``claimant`` after "the" ("The
        International Trade Secretary")."""
        at = self.text.find(claimant, self.at, before)
        while at >= 0 and at + len(claimant) <= before:
            if _THE_BEFORE.search(self.text, max(self.at, at - 40), at):
                return True
            at = self.text.find(claimant, at + 1, before)
        return False

    def _organisation(self, head: str, before: int) -> str | None:
        """ "the hospital" as the last "… Hospital" named before it ("Cork University
        Hospital"), or "the transportation department" written out; None if neither."""
        key = "org:" + head.lower()
        if key not in self._roles:
            if len(self._roles) >= _MAX_ROLES:
                return None
            pattern = _organisation_pattern(head.lower())
            self._roles[key] = [m.span(1) for m in pattern.finditer(self.text)]
        spans = self._roles[key]
        for start, end in reversed(spans[: bisect.bisect_left(spans, (self.at, 0))]):
            written = self.text[start:end]
            first = written.split()[0]
            if first in _NOT_NAMES - {"The"} or first in _CALENDAR_NAMES:
                continue
            return written.removeprefix("The ").removeprefix("the ")
        return None

    def _introduced(self, role: tuple[str, ...], before: int) -> str | None:
        """The name written with ``role`` (its words, any case) last before ``before``."""
        key = " ".join(role).lower()
        if key not in self._roles:
            if len(self._roles) >= _MAX_ROLES:
                return None  # linear time: a text of endless different roles is not read again
            if self._lowered is None:
                self._lowered = self.text.lower()
            if len(self._lowered) == len(self.text):
                found = _role_pattern(tuple(key.split())).finditer(self._lowered)
            else:  # lower-casing changed the length ("İ"): spans need the text itself
                found = _role_pattern(tuple(key.split()), re.IGNORECASE).finditer(self.text)
            self._roles[key] = [m.span() for m in found]
        spans = self._roles[key]
        for start, end in reversed(spans[: bisect.bisect_left(spans, (before, 0))]):
            after = _NAME_AFTER_ROLE.match(self.text, end) or _name_ending_role(self.text, end)
            if after is not None and _is_person(after.group(1)):
                return after.group(1)
            named = _NAME_BEFORE_ROLE.search(self.text, max(0, start - 60), start)
            if named is None:
                continue
            if _REPORTING_WORDS.intersection(_WORD.findall(self.text, named.end(1), start)):
                continue  # "…de la Revolución, expresó el Miembro": a verb is no apposition
            kept = named.group(1).split()
            while kept and kept[0] in _NOT_NAMES | _CALENDAR_NAMES:
                kept = kept[1:]  # "Even George Eustice, the current Environment Secretary"
            if not kept:
                continue
            candidate = " ".join(kept)
            owner = claimants.words(self.text, max(0, named.start(1) - 12), named.start(1))
            if owner and owner[-1].lower in _BEFORE_NOT_SUBJECT:
                continue  # "first disclosed by the Aspen Times, the former mayor argued"
            if owner and owner[-1].text.endswith(("’s", "'s")):
                continue  # "Aisha's Salon, the owner ...": a shop, not a person
            if _is_person(candidate) or (
                _is_single_name(candidate)
                and candidate not in rules.GENERIC_NAME_ENDS
                and self.text[named.end(1) : named.end(1) + 1] == ","
            ):
                return candidate
        return None

    def _may_be(self, name: str, word: str, other: str | None) -> bool:
        """Whether ``name`` can be "he" (or "she"): a person's name not known as the other,
        and not named again in the sentence being read ("which, he said, scared the man
        off": "he" is not the man)."""
        if self.index < len(self.found) and _named_after_pronoun(self.found[self.index].text, name):
            return False
        phrase = _person_phrase(name)
        if phrase is not None:  # "the man", "the owner": a person the text names by role
            return other is None or phrase != other
        if not (_is_person(name) or _is_single_name(name)):
            return False
        if other is None:
            return True
        return self._known_gender(name) != other

    def _known_gender(self, name: str) -> str:
        """ "he", "she" or "" for a name: what the text said of it, else a gendered title
        it was written with ("Mr Anderson"), else its first name when that is a man's or a
        woman's for sure (see :mod:`store.claims.first_names`); kept once found."""
        known = self.gender.get(name)
        if known is None:
            known = self._titled_gender(name)
            words = name.split()
            if not known and len(words) > 1 and _is_person(name):
                given = words[0].rstrip(".")
                if given in rules.NAME_TITLES and len(words) > 2:
                    given = words[1]
                known = first_names.gender(given)
            self.gender[name] = known
        return known

    def _titled_gender(self, name: str) -> str:
        """ "he" or "she" when the text gives the name a gendered title ("Mr Anderson",
        "Prince Harry", "Duchess Meghan"), else ""."""
        if self._titles is None:
            # Every titled name of the text read once: reading the text up to the sentence
            # for each name asked about cost 3 % of all extraction on long pages.
            self._titles = {}
            for match in _GENDERED_TITLE.finditer(self.text):
                gender = "he" if match.group(1).rstrip(".") in _MALE_TITLES else "she"
                self._titles.setdefault(match.group(2), (match.end(), gender))
        words = name.split()
        written = [
            found
            for word in (words[-1], words[0])
            if (found := self._titles.get(word)) is not None and found[0] <= self.at
        ]
        return min(written)[1] if written else ""

    def opening_name(self, text: str, start: int) -> str | None:
        """The person's name a sentence opens with ("But Yamey is angry", "Mr Anderson, who
        quit", "Trust Executive Director Javier Betancourt at that time asked"), or None."""
        match = _OPENING_NAME.match(text)
        if match is None:
            return None
        run = claimants.words(match.group(1))
        name = claimants.clean_name(match.group(1), run) if run else None
        if not name or name.split()[0] in _NOT_NAMES or "'s" in name or "’s" in name:
            return None  # "Aisha's Salon and Spa was founded": a business, not a person
        if " " not in name:
            full = self.full_name(name, start)
            if full == name and name not in self.recent:
                return None  # "Police", "Tuesday": one word that is not a known name
            titled = _GENDERED_TITLE.match(match.group(1))
            if full is not None and titled is not None:
                # "Mr Anderson" after "Zoe Anderson ... her father, Chris Anderson": the
                # full name whose first name is not the title's other gender
                wanted = "he" if titled.group(1) in _MALE_TITLES else "she"
                full = self._full_name_of_gender(name, wanted, start) or full
            return full
        return name

    def _full_name_of_gender(self, surname: str, wanted: str, before: int) -> str | None:
        """The first "Given Surname" written before ``before`` whose given name is not known
        as the other gender than ``wanted``; None if the text has none."""
        key = f"{wanted}:{surname}"
        if key not in self._gendered:
            if len(self._gendered) >= _MAX_ROLES:
                return None  # linear time: the text is read once for at most so many
            other = "she" if wanted == "he" else "he"
            self._gendered[key] = next(
                (
                    (f"{match.group(1)} {surname}", match.start())
                    for match in _surname_pattern(surname).finditer(self.text)
                    if first_names.gender(match.group(1)) != other
                ),
                None,
            )
        found = self._gendered[key]
        return found[0] if found is not None and found[1] < before else None

    def _mentioned(self, before: int) -> str | None:
        """With no speaker yet, the last person's name written before ``before``."""
        if before <= 0:
            return None
        found = None
        for match in _FULL_NAME.finditer(self.text, max(0, before - 1500), before):
            name = match.group()
            if name.endswith(("’s", "'s", "s’", "s'")):
                continue  # "Princess Diana's": an owner, not who is speaking
            if _is_person(name) and name.split()[0].lower() not in _NOT_GIVEN:
                found = name
        return found

    def full_name(self, claimant: str | None, before: int) -> str | None:
        """A surname alone ("Hasib", "Mr. Cueto") as the full name first written, if it was
        written before ``before`` (the last one written was tried: stray capitals, "Both
        Agerblad", "Sign Up Montoya-Lewis", made it worse than the first)."""
        if not claimant or " " in claimant.strip() or not claimant[:1].isupper():
            return claimant
        if self._names is None:
            self._names = {}
        if claimant not in self._names:
            self._names[claimant] = self._first_full_name(claimant)
        found = self._names[claimant]
        return found[0] if found and found[1] < before else claimant

    def _first_full_name(self, surname: str) -> tuple[str, int] | None:
        """The first "Given Surname" of the text, and where it is: looked for at the
        surname's own occurrences (a long page has thousands of capitalised runs, and reading
        them all for one surname cost up to 5 ms); past :data:`_MAX_SURNAMES` surnames, every
        run is read once (:meth:`_full_names`), so the time stays linear in the text."""
        if self._index is not None:
            return self._index.get(surname)
        self._looked_up += 1
        if self._looked_up > _MAX_SURNAMES:
            self._index = self._full_names()
            return self._index.get(surname)
        text = self.text
        at = text.find(surname)
        tried = 0
        while at >= 0:
            tried += 1
            if tried > _MAX_OCCURRENCES:  # a surname written everywhere: read all runs once
                self._index = self._full_names()
                return self._index.get(surname)
            end = at + len(surname)
            if (
                at > 0
                and text[at - 1].isspace()
                and (end == len(text) or not _joins_before(text[end]))
            ):
                found = self._full_name_at(at)
                if found is not None and found[0].endswith(" " + surname):
                    return found
            at = text.find(surname, at + 1)
        return None

    def _full_name_at(self, position: int) -> tuple[str, int] | None:
        """The full name whose surname is the word at ``position``, read from the run of
        capitalised words holding it (the runs :meth:`_full_names` reads), or None."""
        text = self.text
        # A run never holds a character other than a word's, an apostrophe, "-" or white
        # space: it starts after the last other one before ``position``.
        window = max(0, position - _RUN_LOOK_BACK)
        safe = _NOT_IN_RUN.search(text[window:position][::-1])
        if safe is None and window > 0:
            return None  # inside hundreds of capitalised words: no one's name
        begin = position - safe.start() if safe is not None else 0
        for run in _CAPITALISED_RUN.finditer(text, begin):
            if run.start() > position:
                return None
            if run.end() <= position:
                continue
            spaced = run.group().split()
            last = len(text[run.start() : position].split())
            if last < 1 or last >= len(spaced):
                return None
            found = _given_names(spaced, last)
            if found is None:
                return None
            return found[0], _word_start(run, found[1])
        return None

    def _full_names(self) -> dict[str, tuple[str, int]]:
        """For each word that ends one to two capitalised words before it, the first such
        "Given (Middle) Surname" of the text and where it starts."""
        index: dict[str, tuple[str, int]] = {}
        for run in _CAPITALISED_RUN.finditer(self.text):
            spaced = run.group().split()
            for last in range(1, len(spaced)):
                if spaced[last] in index:
                    continue
                found = _given_names(spaced, last)
                if found is not None:
                    index[spaced[last]] = found[0], _word_start(run, found[1])
        return index


def _given_names(spaced: list[str], last: int) -> tuple[str, int] | None:
    """The full name ending at word ``last`` of a run of capitalised words (one or two given
    names before it, titles left out), with the index of its first word; None if none."""
    for first in (max(0, last - 2), last - 1):
        written = spaced[first:last]
        if any(w.endswith(_OWNER_ENDS) for w in written):
            continue  # "The Islamic State’s Amaq": an owner, not a given name
        if "New" in spaced[max(0, first - 1) : last]:
            return None  # "the New York Times": a place's name, not "York Times"
        given = [
            w
            for w in written
            if w.rstrip(".") not in rules.NAME_TITLES
            and w.lower() not in _NOT_GIVEN
            and w not in _ORGANISATION_WORDS
        ]
        if given and written[-1] == given[-1]:
            return " ".join([*given, spaced[last]]), first
    return None


_ORGANISATION_WORDS: Final = (
    rules.ORGANISATION_HEADS
    | rules.GENERIC_NAME_ENDS
    | {suffix for suffix in rules.ORGANISATION_SUFFIXES if " " not in suffix}
)
"""Words that are never a given name: "May 06, 2022 News" above "Kaieteur News learnt that"
made the outlet's short name "Kaieteur" the surname of "News Kaieteur"."""
_THE_BEFORE: Final = re.compile(r"\b[Tt]he\s+$")


@lru_cache(maxsize=1024)
def _role_pattern(words: tuple[str, ...], flags: int = 0) -> re.Pattern[str]:
    """A role's lower-case words as one whole phrase, any spaces between. Compiled once per
    role (kept here: the ``re`` module's own cache is shared with every dynamic pattern), and
    with the look-behind after the first word, so the search skips along on that word."""
    first, *rest = map(re.escape, words)
    tail = "".join(rf"\s+{word}" for word in rest)
    return re.compile(rf"{first}(?<![\w-]{first}){tail}(?![\w-])", flags)


@lru_cache(maxsize=256)
def _surname_pattern(surname: str) -> re.Pattern[str]:
    """A given name then ``surname`` ("Chris Anderson"), searched from capitals."""
    return re.compile(rf"([A-Z](?<![\w’'.-][A-Z])[a-z’'-]+)[ \t]+{re.escape(surname)}(?![\w’'-])")


@lru_cache(maxsize=256)
def _organisation_pattern(head: str) -> re.Pattern[str]:
    """ "Cork University Hospital" or "the transportation department" for ``head``
    ("hospital"), any capitalised words before a capitalised head, searched from capitals."""
    name = head[:1].upper() + head[1:]
    return re.compile(
        rf"((?:[A-Z](?<![\w’'.-][A-Z])[\w’'.-]*[ \t]+(?:[A-Z][\w’'.-]*[ \t]+){{0,3}}{name})"
        rf"|[Tt](?<![\w’'.-][Tt])he[ \t]+[a-z]{{4,}}[ \t]+{head})(?![\w-])"
    )


_MAX_OCCURRENCES: Final = 64
"""How many occurrences of one surname are read before every run of the text is."""
_MAX_SURNAMES: Final = 16
"""How many surnames one text looks up at their occurrences before reading all its runs."""
_RUN_LOOK_BACK: Final = 300
"""How far back the start of a run is looked for before reading from the text's start."""
_NOT_IN_RUN: Final = re.compile(r"[^\w’'\s-]")
_CAPITALISED_RUN: Final = re.compile(
    r"[A-Z](?<![\w’'.-][A-Z])[\w’'-]+(?:\s+[A-Z][\w’'-]+)+(?![\w’'-])"
)
_SPACED: Final = re.compile(r"\S+")
_OWNER_ENDS: Final = ("’s", "'s", "s’", "s'")


def _word_start(run: re.Match[str], index: int) -> int:
    """Where the ``index``-th word of a run of capitalised words starts in the text."""
    if index == 0:
        return run.start()
    return run.start() + [m.start() for m in _SPACED.finditer(run.group())][index]


class ClaimExtractor:
    """Finds claims in article and comment text; build once, call :meth:`extract` many times."""

    def __init__(self) -> None:
        all_verbs = (
            rules.ATTRIBUTION_VERBS + rules.ATTRIBUTION_VERBS_WITH_THAT + rules.SPANISH_VERBS
        )
        # Case-sensitive on purpose: "United States" and "Says who" are not attributions.
        self._verb_at = _verb_patterns(all_verbs)
        self._needs_that = frozenset(rules.ATTRIBUTION_VERBS_WITH_THAT)
        self._spanish_verbs = frozenset(rules.SPANISH_VERBS)
        forms = "|".join(
            rf"[{f[0].upper()}{f[0]}]" + r"\s+".join(map(re.escape, f[1:].split()))
            for f in rules.ACCORDING_TO_FORMS
        )
        self._according = re.compile(
            rf"(?<![\w-])(?:{forms})\s+"
            r"|(?<=,)\s+per\s+(?=(?:(?:the|a|an)\s+)?(?:[A-Z]|(?:list|count|tally|data|report|"
            r"survey|poll|analysis|estimates?|figures|records)\b))"
        )
        self._hedge = re.compile(rf"(?<![\w-])(?:{_words_pattern(rules.HEDGES)})(?![\w-])", re.I)
        self._verify = re.compile(
            rf"(?<![\w-])(?:{_words_pattern(rules.UNVERIFIABLE_PHRASES)})(?![\w-])", re.I
        )
        self._participle = re.compile(
            rf"(?:,\s+|(?<=\w)\s+)(?:{_words_pattern(rules.PARTICIPLE_VERBS)})(?![\w-])"
            rf"(?:\s+that\b)?"
        )
        self._quantities = QuantityParser()
        self._number_words = self._quantities.start_words
        self._verb_starts = frozenset(self._verb_at)
        self._verb_words = _first_words(all_verbs)
        self._hedge_words = _first_words(rules.HEDGES)
        self._verify_words = _first_words(rules.UNVERIFIABLE_PHRASES)
        self._participle_words = _first_words(rules.PARTICIPLE_VERBS)
        self._according_words = _rarest_words(rules.ACCORDING_TO_FORMS) | {"per"}
        self._hedge_sets = _word_sets(rules.HEDGES)
        self._verify_sets = _word_sets(rules.UNVERIFIABLE_PHRASES)
        self._triggers = (
            self._verb_words
            | frozenset(
                word
                for index in (self._hedge_sets, self._verify_sets)
                for sets in index.values()
                for words in sets
                for word in words
            )
            | self._participle_words
            | self._according_words
            | {"per"}
            | _OPINION_WORDS
            | _CALLED_WORDS
        )
        # The words a rule cannot match without: each verb phrase's longest word ("is
        # reporting" needs "reporting", not only "is"), the word a hedge or verification
        # phrase is indexed by, the "according to" forms', the participles'. A sentence
        # without any of them is not analysed; a verb whose phrases' words are missing is
        # not looked for (most "is", "was", "are" start none).
        self._verb_keys = _verb_keys(all_verbs, self._verb_at)
        self._decisive = (
            frozenset(word for keys in self._verb_keys.values() for word in keys)
            | frozenset(self._hedge_sets)
            | frozenset(self._verify_sets)
            | self._participle_words
            | self._according_words
            | _OPINION_WORDS
            | _CALLED_WORDS
        )
        self._wanted = self._triggers | self._decisive | self._number_words | _MALE | _FEMALE

    def extract(self, text: str, comment_index: int | None = None) -> list[ClaimDraft]:
        """Claims in ``text``, with spans into it; ``comment_index`` is copied onto each."""
        found = self._sentences(text)
        speakers = _Speakers(text, found=found)
        previous: _Sentence | None = None
        hits = self._hits(text, found)
        for index, sentence in enumerate(found):
            speakers.index = index
            carry = previous if previous and previous.paragraph == sentence.paragraph else None
            if hits[index] and not _is_heading(found, index):  # (no decisive word: no claim)
                self._analyse(sentence, carry, speakers, hits[index])
            previous = sentence
        label = "Reporter" if comment_index is None else "Commenter"
        self._mark_unverifiable(found, label)
        return [
            ClaimDraft(
                text=s.text,
                start=s.start,
                end=s.start + len(s.text),
                claimant=s.claimant,
                attribution=s.attribution.phrase if s.attribution else None,
                hedges=tuple(s.hedges),
                quantities=s.quantities,
                status=ClaimStatus.UNVERIFIABLE if s.note else ClaimStatus.UNVERIFIED,
                note=s.note,
                method=s.method,
                comment_index=comment_index,
            )
            for s in found
            if s.is_claim
        ]

    @staticmethod
    def _sentences(text: str) -> list[_Sentence]:
        """Sentences with surrounding whitespace trimmed and their paragraph number."""
        return [
            _Sentence(span.start, text[span.start : span.end], span.paragraph)
            for span in sentences.split(text)
        ]

    def _hits(self, text: str, found: list[_Sentence]) -> list[frozenset[str]]:
        """The rule words each sentence holds (first words of verbs, "according", hedges,
        verification phrases); a rule's pattern then runs only where its word is. Found by a
        C-level ``findall`` and a set intersection per sentence: searching each pattern over
        the text cost 5 ms an article (Python tries every alternative at every position).
        The text is lower-cased once, not once per sentence (unless lower-casing changes its
        length, as "İ" does)."""
        wanted = self._wanted
        triggers = self._triggers
        decisive = self._decisive
        lowered = text.lower()
        pattern = _WORD if _BEYOND_LATIN.search(lowered) else _LATIN_WORD
        hits = []
        same_length = len(lowered) == len(text)
        for sentence in found:
            if same_length:
                end = sentence.start + len(sentence.text)
                if end - sentence.start <= _CHUNK:  # (the common case of _words_in, inline)
                    words = wanted.intersection(pattern.findall(lowered, sentence.start, end))
                else:
                    words = _words_in(wanted, lowered, sentence.start, end, pattern)
            else:
                words = _words_in(wanted, sentence.text.lower(), pattern=pattern)
            sentence.number_words = words
            hits.append(words & triggers if not decisive.isdisjoint(words) else _NO_WORDS)
        return hits

    def _analyse(
        self,
        sentence: _Sentence,
        previous: _Sentence | None,
        speakers: _Speakers,
        hit: frozenset[str],
    ) -> None:
        """Fill in what the rules find in one sentence; ``previous`` is its claim context."""
        if not hit:
            return
        text = sentence.text
        if text.rstrip(_CLOSING).endswith("?"):
            return  # A question asks; it claims nothing.
        carried = previous.claimant if previous is not None and previous.is_claim else None
        speakers.at = sentence.start
        attribution = None
        if not self._verb_words.isdisjoint(hit):
            attribution = self._attribution_verb(text, sentence, speakers, hit)
        if not self._according_words.isdisjoint(hit) and (
            attribution is None
            or (attribution.phrase in rules.NOUN_LIKE_FORMS and attribution.start > 0)
        ):
            # "According to reports cited by MySA, ... users submitted outage reports": the
            # source is the one "according to" names, not a verb-like noun after it
            according = self._according_to(text)
            if according is not None and (
                attribution is None or according.start < attribution.start
            ):
                attribution = according
        if attribution is None and not self._participle_words.isdisjoint(hit):
            attribution = self._saying(text, speakers)
        if attribution is None:
            attribution = self._spanish_opening(text, speakers) or _opinion_opening(text, speakers)
        if attribution is None and not _CALLED_WORDS.isdisjoint(hit):
            attribution = _what_called(text, speakers)
        sentence.attribution = attribution
        if _holds_phrase(self._hedge_sets, hit):
            for match in self._hedge.finditer(text):
                inside = attribution and attribution.start <= match.start() < attribution.end
                if not inside and match.group().lower() not in sentence.hedges:
                    sentence.hedges.append(match.group().lower())
        verify = self._verify.search(text) if _holds_phrase(self._verify_sets, hit) else None
        if verify is not None:
            sentence.verify_clause = _clause(text, verify.start(), verify.end())
            outside = len(claimants.words(text)) - len(claimants.words(sentence.verify_clause))
            sentence.verify_points_back = outside < rules.VERIFY_OWN_CONTENT_WORDS
        if attribution is not None:
            sentence.claimant, sentence.method = attribution.claimant, attribution.method
        elif sentence.hedges:
            sentence.claimant = carried
            sentence.method = "carried-claimant" if carried else "hedge"
        if sentence.is_claim or verify is not None:
            sentence.quantities = self._figures(sentence)
        if (
            not sentence.is_claim
            and verify is not None
            and (sentence.quantities or not sentence.verify_points_back)
        ):
            sentence.method = "unverifiable-figure" if sentence.quantities else "unverifiable"
        if sentence.claimant is not None:
            sentence.claimant = speakers.full_name(sentence.claimant, sentence.start)
            sentence.claimant = speakers.role(
                _without_reflexive(sentence.claimant), sentence.start + len(text)
            )
            sentence.claimant = speakers.full_name(sentence.claimant, sentence.start)
            resolved = sentence.method == "carried-claimant" and attribution is not None
            speakers.heard(
                sentence.claimant,
                sentence.number_words or frozenset(),
                self._pronoun_of(text, attribution) if resolved else "",
            )

    def _spanish_opening(self, text: str, speakers: _Speakers) -> _Attribution | None:
        """ "Comentó que en las discusiones ...": a sentence opened by a Spanish reporting verb
        has dropped its subject, the one speaking so far."""
        opening = _SPANISH_OPENING_VERB.match(text)
        if opening is None or opening.group(1).lower() not in self._spanish_verbs:
            return None
        claimant, method = _last_speaker(speakers)
        phrase = " ".join(opening.group().split())
        return _Attribution(claimant, phrase, method, 0, opening.end())

    def _according_to(self, text: str) -> _Attribution | None:
        for match in self._according.finditer(text):
            following = claimants.words(text, match.end(), min(len(text), match.end() + 40))
            if following and (
                following[0].lower in rules.ACCORDING_TO_NON_SOURCES
                or (
                    len(following) > 1
                    and following[0].lower in ("the", "your", "their")
                    and following[1].lower in rules.ACCORDING_TO_NON_SOURCES
                )
            ):
                continue  # "season according to taste": no source
            claimant = claimants.according_to(text, match.end())
            if claimant is not None and _is_fragment(claimant):
                claimant = None
            return _Attribution(
                claimant,
                _according_phrase(match.group()),
                "according-to",
                match.start(),
                match.end(),
            )
        return None

    def _saying(self, text: str, speakers: _Speakers) -> _Attribution | None:
        """ "The trust wrote to the board, saying ...": the claim of the sentence's subject.

        The subject is read from the start of the clause the participle ends: after a leading
        quotation ('"My girlfriend ...," the man could be heard saying') or a leading phrase
        ("After running with the plan, Health Minister Stephen Donnelly came in ..."), up to
        its verb; a pronoun there ("Speaking on Morning Ireland he bypassed") is resolved.
        """
        match = self._participle.search(text)
        if match is None:
            return None
        before = claimants.words(text, max(0, match.start() - 12), match.start())
        if before and before[-1].lower in _GERUND_BEFORE:
            return None  # "greeting people or adding emphasis": a gerund, not a statement
        claimant = _opening_subject(text, match.start(), speakers)
        if claimant is None:
            return None
        phrase = " ".join(match.group().lstrip(", ").split())
        return _Attribution(claimant, phrase, "attribution-verb", match.start(), match.end())

    def _attribution_verb(
        self, text: str, sentence: _Sentence, speakers: _Speakers, hit: frozenset[str]
    ) -> _Attribution | None:
        """The first verb that attributes the sentence to a source; passives become hedges."""
        hedges = sentence.hedges
        figures: bool | None = None
        quoted: bool | None = None
        inside: list[_Attribution] = []
        asked = _ASKED.match(text)
        asked_until = text.find(",", asked.end()) if asked is not None else -1
        tokens = _Tokens(text)
        words = sentence.number_words or frozenset()
        for tried, match in enumerate(self._verbs_in(text, hit, words)):
            if tried == rules.MAX_VERBS_PER_SENTENCE:
                break  # "the said the said ...": linear time, not one look-back per verb
            first = match.group().split()[0]
            parts = match.group().removesuffix("that").removesuffix("que").split()
            if len(parts) == 3 and parts[0] in rules.PASSIVE_BEFORE_VERB:
                del parts[1]  # "is now warning" is "is warning"
            verb = " ".join(parts)
            has_that = match.group().endswith(("that", "que")) or (
                first in _DOUBT_VERBS and _WHETHER.match(text, match.end()) is not None
            )  # "Some questioned whether the system will meet …": a doubt stated
            # The word just before the verb decides most cases; read only the last few words
            # first and the subject's whole window only for a verb that survives them.
            near = tokens.between(max(0, match.start() - 60), match.start())
            adjacent = bool(near) and not text[near[-1].end : match.start()].strip()
            fillers = 0
            while (
                adjacent
                and fillers < len(near)
                and (
                    near[-1 - fillers].lower in rules.SUBJECT_VERB_FILLERS
                    or _ADVERB.fullmatch(near[-1 - fillers].text)
                )
            ):
                fillers += 1  # "He proudly told", "the suppliers invariably reported"
            last = near[-1 - fillers].lower if adjacent and fillers < len(near) else ""
            if last in rules.NON_ASSERTING_BEFORE_VERB:
                continue
            if last in rules.PHRASE_PREPOSITIONS and not first.endswith("ing"):
                continue  # "resulted in reports of", "events in states where", "in recorded
                # history": right after a preposition the form is a noun or an adjective
            if first in rules.AGENT_VERBS and (agent := _passive_agent(text, match.end())):
                # "monitored and reported by Nashi Groshi", "was first reported by
                # Downdetector": the agent of a reporting passive is the source
                phrase = f"{first} by"
                return _Attribution(agent, phrase, "attribution-verb", match.start(), match.end())
            if last in rules.PASSIVE_BEFORE_VERB:
                before_last = near[-2 - fillers].lower if len(near) > 1 + fillers else ""
                if (
                    first in rules.PASSIVE_HEDGE_VERBS
                    and before_last not in rules.NON_ASSERTING_BEFORE_VERB
                ):
                    hedges.append(f"{last} {first}")  # "can't be said" hedges nothing
                continue
            opens_with_some = last == "some" and len(near) - fillers == 1 and near[0].start == 0
            if (
                last in rules.DETERMINERS
                and not opens_with_some
                and not (last in rules.NOUN_ADJECTIVES and _is_past_form(first))
            ) or (adjacent and last.endswith(("’s", "'s"))):
                continue  # "the claims", "Amaq's claims" (not "Some questioned whether", nor
                # "A senior official said")
            if first in rules.NOUN_LIKE_FORMS and (
                self._followed_by_verb(text, match.end())
                or (adjacent and _PAST.fullmatch(last) is not None)
                or (adjacent and _in_prepositional_phrase(text, near, fillers))
                or (adjacent and not fillers and _ends_noun_phrase(text, near))
            ):
                # "the claims are", "has received reports that", "Published estimates put"
                if (
                    adjacent
                    and not fillers
                    and len(near) == 1
                    and near[0].start == 0
                    and _PAST.fullmatch(last) is not None
                    and not self._followed_by_verb(text, match.end())
                    and self._figures(sentence)
                ):
                    # "Published estimates put this share as high as 40 percent": the
                    # estimates that open the sentence are the source of its figure
                    source = text[: match.end()]
                    return _Attribution(source, first, "attribution-verb", 0, match.end())
                continue
            if asked_until > match.start() or _within_according(text, match.start()):
                continue  # "Asked what he thought ..., Walter said"; "according to X cited by"
            window = claimants.subject_window(text, match.start())
            before = tokens.between(window, match.start())
            if adjacent and fillers:
                del before[-fillers:]
            if quoted is None:
                quoted = _QUOTE.search(text) is not None
            if (
                verb not in rules.SPEECH_VERBS
                and not (verb in rules.PREDICTION_VERBS and before and before[-1].capitalised)
                and not has_that
                and not quoted
                and not self._reports_statement(text, match)
                and not (
                    verb in rules.FINDING_VERBS and _research_subject(text, before, match.start())
                )
            ):
                if verb in self._needs_that:
                    continue
                if figures is None:
                    figures = bool(self._figures(sentence))
                if not figures:
                    continue  # "the hospital reported the incident to the police"
            found = self._claimant(text, before, match.start(), match.end(), verb, speakers)
            if found is None:
                continue
            claimant, method = found
            phrase = " ".join(match.group().split())
            attribution = _Attribution(claimant, phrase, method, match.start(), match.end())
            if _in_quotation(text, match.start()):
                inside.append(attribution)  # '"Warren said ...," Dossaji said': Dossaji's
                continue
            return attribution
        return inside[0] if inside else None

    def _figures(self, sentence: _Sentence) -> tuple[Quantity, ...]:
        """The sentence's figures, parsed once however many rules ask."""
        if sentence.parsed is None:
            sentence.parsed = self._quantities.parse(sentence.text, sentence.number_words)
        return sentence.parsed

    def _verbs_in(
        self, text: str, hit: frozenset[str], words: frozenset[str]
    ) -> Iterator[re.Match[str]]:
        """Attribution verbs of ``text`` in order: the verb pattern is tried, anchored, only
        where a word that can start a verb stands, found by one search for the few such words
        the sentence holds (``hit``, from :meth:`_hits`); searching the verb pattern's 300
        alternatives at every position, or looking at every word in Python, cost most. At
        each place only the verbs that can start with the word there are tried."""
        keys = self._verb_keys
        present = [
            word for word in self._verb_starts.intersection(hit) if not keys[word].isdisjoint(words)
        ]
        if not present:
            return
        for position, word in _word_positions(text, present):
            found = self._verb_at[word].match(text, position)
            if found is not None:
                yield found

    @staticmethod
    def _pronoun_of(text: str, attribution: _Attribution | None) -> str:
        """The pronoun right before an attribution verb ("she said"), or ""."""
        if attribution is None:
            return ""
        before = claimants.words(text, max(0, attribution.start - 12), attribution.start)
        return before[-1].lower if before and before[-1].lower in ("he", "she") else ""

    @staticmethod
    def _reports_statement(text: str, match: re.Match[str]) -> bool:
        """Whether a verb that can take an object reports speech here (the sentence has no
        quotation): a colon or clause end right after it ('..., he added.'), or a reported
        clause opened by a pronoun ("warned they had the votes")."""
        if _OPENS_CLAUSE_AFTER.match(text, match.end()) and "," in text[: match.start()]:
            return True  # "The plan will fail, Smith noted." (not "... the headline suggests.")
        if _AS_SOURCE.search(text, max(0, match.start() - 80), match.start()) and (
            _OPENS_CLAUSE_AFTER.match(text, match.end()) or _AS_SOURCE_END.match(text, match.end())
        ):
            return True  # "As AnandTech reports, ...", "..., as my colleague wrote recently."
        following = claimants.words(text, match.end(), min(len(text), match.end() + 60))
        if not following:
            return False
        if match.group().startswith("accuse"):
            # "accused the minister of hiding the cost": an accusation to check
            return any(word.lower == "of" for word in following[1:5])
        first = following[0].lower
        if first in rules.CLAUSE_SUBJECT_PRONOUNS or first.endswith("ing"):
            return True  # "warned they had the votes", "reported being logged out"
        for index, word in enumerate(following[:5]):
            if word.lower == "that" and index:  # "confirmed this evening that", "hinted before
                return all(  # that", "theorized back in 2017 that"
                    w.lower in rules.TIME_FILLERS or w.text.isdigit() for w in following[:index]
                )
        # "Tests found the boiler's flue pipe had not been attached": a clause, not an object
        for index, word in enumerate(following[:6]):
            if word.lower in rules.FINITE_VERBS:
                return True
            if word.lower in rules.OBJECT_ENDS and not (
                word.lower == "of" and index and following[index - 1].lower in _QUANTIFIERS
            ):
                return False  # (not "thinks none of these problems will …": a clause)
        return False

    @staticmethod
    def _followed_by_verb(text: str, position: int) -> bool:
        following = claimants.words(text, position, min(len(text), position + 40))
        return (
            bool(following)
            and following[0].lower in rules.VERB_FOLLOWERS
            and not text[position : following[0].start].strip()  # "Those signs, he says, will"
        )

    @staticmethod
    def _claimant(
        text: str,
        before: list[claimants.Word],
        verb_start: int,
        verb_end: int,
        verb: str,
        speakers: _Speakers,
    ) -> tuple[str | None, str] | None:
        """(claimant, method) for a verb with subject words ``before``; None if no attribution."""
        if verb in rules.SPANISH_VERBS and not text[verb_start:verb_end].endswith("que"):
            inverted = claimants.after_spanish_verb(text, verb_end)
            if inverted is not None:
                return inverted, "attribution-verb"
        run = claimants.clause_subject(text, before, verb_start)
        if run is not None and (listed := _listed_subject(text, before, run)) is not None:
            return listed, "attribution-verb"
        if run is not None and run[-1].lower == "según" and verb in rules.SPANISH_VERBS:
            # "…, según valoró hacia el final del encuentro el Miembro del Buró Político …,
            # Roberto Morales Ojeda.": the speaker is named after the verb
            ending = _NAME_ENDING_SENTENCE.search(text, verb_end)
            return (ending.group(1), "attribution-verb") if ending else _last_speaker(speakers)
        if (
            run is not None
            and run[0].text in _OPENING_PREPOSITIONS
            and verb not in (rules.SPEECH_VERBS)
        ):
            first_named = claimants.subject(text, run)
            if first_named is None or first_named.split()[0] in _OPENING_PREPOSITIONS:
                return None  # "In a crunch Commons debate expected …": a phrase, no subject
        if run is not None and run[-1].lower in rules.OBJECT_CLITICS and len(run) == 1:
            run = None  # "Lo dijo porque ...": "lo" is what was said, the speaker is dropped
            if _ENCLOSED_AFTER.match(text, verb_end) is None and verb in rules.SPANISH_VERBS:
                return _named_or_last(text, verb_start, speakers)
        if run is None and (
            _ENCLOSED_AFTER.match(text, verb_end) is not None
            and _ENCLOSED_BEFORE.search(text, max(0, verb_start - 3), verb_start) is not None
        ):
            # "El cuadro —expresó— debe ...", "La política de cuadros, enfatizó, requiere":
            # the speaker is the sentence's named subject, else the one speaking so far
            return _named_or_last(text, verb_start, speakers)
        if run is not None and all(word.lower in _COORDINATORS for word in run):
            # "The Idle Hour will be closing, and have said ...": the sentence's subject
            opening = _opening_subject(text, verb_start, speakers)
            return (opening, "attribution-verb") if opening is not None else None
        if run is not None and len(run) > 2 and run[-1].lower in _COORDINATORS:
            # "But many institutions are relying on public testing centres and say …": a
            # second verb of the sentence's subject
            opening = _opening_subject(text, verb_start, speakers)
            if opening is not None:
                return opening, "attribution-verb"
        if run is not None and run[0].lower in _RELATIVE_PRONOUNS:
            # "…, Roberto Morales Ojeda, quien también enfatizó que": the name before it
            run = claimants.relative_antecedent(text, before, verb_start)
            if run is None:
                return None
        if run is None:
            right = None if verb in rules.AUDIENCE_VERBS else claimants.after_verb(text, verb_end)
            if right and right[:1].islower() and not claimants.after_quotation(text, verb_start):
                # "Nielsen, a former staffer at the DHS, said the scope and pace …", "Officials
                # in Homs, the city hit hardest, said the death toll rose": the sentence's
                # subject set off by an apposition speaks; what follows the verb is said
                named = claimants.apposition_subject(text, before, verb_start)
                between = text[named[-1].end : verb_start].strip() if named else ""
                if (
                    named
                    and named[0].start == 0
                    and between.startswith(",")
                    and between.endswith(",")
                    and between.count(",") == 2
                ):
                    right = None
            if right:
                return right, "attribution-verb"
            if verb in rules.SPANISH_VERBS and (
                not before or claimants.after_quotation(text, verb_start)
            ):
                # '“De rigor” calificó a la Estrategia': Spanish drops a known subject
                return _last_speaker(speakers)
            if text[:1] in '“"' and claimants.after_quotation(text, verb_start):
                return None  # '"... for years," noted ...': the subject is not in the quote
            run = claimants.apposition_subject(text, before, verb_start)
            if not run:
                return None
        if len(run) == 1 or run[0].lower in rules.DISCOURSE_WORDS:
            pronoun = run[-1].lower
            if pronoun == "some" and len(run) == 1:
                group = speakers.pronoun("some")  # "Some questioned whether …"
                return (group, "carried-claimant") if group else None
            if pronoun in rules.NON_CLAIMANT_PRONOUNS:
                return None
            if pronoun in rules.THIRD_PERSON_PRONOUNS:
                speaker = speakers.pronoun(pronoun)
                return (speaker, "carried-claimant") if speaker else (None, "attribution-verb")
        claimant = claimants.subject(text, run)
        if claimant is not None and _PROPORTION.fullmatch(claimant.lower()):
            # "Only one in five (21 per cent) thought that …" after "The Deltapoll survey
            # reveals …": the share of respondents speaks through the poll
            polled = speakers.recent[-1] if speakers.recent else None
            if polled is not None and rules.RESEARCH_NOUNS.intersection(polled.lower().split()):
                return polled, "carried-claimant"
            return None
        if claimant is not None and claimant.lower() in rules.THIRD_PERSON_PRONOUNS:
            speaker = speakers.pronoun(claimant.lower())
            return (speaker, "carried-claimant") if speaker else (None, "attribution-verb")
        if claimant is not None and (
            _is_fragment(claimant) or claimant.lower() in rules.NON_CLAIMANT_PRONOUNS
        ):
            return None
        return claimant, "attribution-verb"

    @staticmethod
    def _mark_unverifiable(found: list[_Sentence], label: str) -> None:
        """Mark what the writer says cannot be verified: the sentence itself, and when it only
        points back ("these figures"), the run of claims with figures just before it in its
        paragraph, or ending the paragraph before when it opens its own."""
        for index, sentence in enumerate(found):
            if sentence.verify_clause is None:
                continue
            note = f'{label}: "{sentence.verify_clause}"'
            if sentence.is_claim:
                sentence.note = note
            if not sentence.verify_points_back and sentence.is_claim:
                continue
            if index == 0:
                continue
            opens = found[index - 1].paragraph != sentence.paragraph
            paragraph = found[index - 1].paragraph if opens else sentence.paragraph
            back = found[max(0, index - rules.VERIFY_MAX_CLAIMS_BACK) : index]
            for earlier in reversed(back):
                if earlier.paragraph != paragraph or earlier.verify_clause is not None:
                    break
                if not (earlier.is_claim and earlier.quantities):
                    break
                earlier.note = earlier.note or note


_CHUNK: Final = 4096
_GERUND_BEFORE: Final = frozenset(
    {"or", "of", "for", "from", "about", "without", "the", "is", "was"}
)
_NOT_SUBJECTS: Final = frozenset({"i", "we", "you", "my", "our", "your", "me", "us"})
_LEADING_PHRASE: Final = re.compile(
    r"(?:After|Before|When|While|As|Speaking|Asked|In|On|At|During|Following|Despite|"
    r"But|Last|Earlier|Later)\b[^,“”\"]{0,120},\s+"
)
_LEADING_QUOTE: Final = re.compile(r"[“\"][^”\"]{1,2000}[”\"][,.!?]?\s+")


def _opening_subject(text: str, end: int, speakers: _Speakers) -> str | None:
    """The subject of the clause that ends at ``end``, read from the clause's start (after a
    leading quotation or phrase) up to its verb, a pronoun resolved; None if it is none a
    claim can have ("I", a fragment, a gerund)."""
    begin = _clause_start(text, end)
    lead = claimants.words(text, begin, end)
    while lead and lead[0].lower in rules.DISCOURSE_WORDS:
        lead = lead[1:]
    comma = text.find(",", lead[0].start if lead else begin, end)
    if lead and lead[0].capitalised and comma > 0:
        first = [w for w in lead if w.end <= comma]  # "Prof Steve West, vice-chancellor"
        if first and all(w.capitalised or w.lower in rules.NAME_CONNECTORS for w in first):
            lead = first
    if lead and _GERUND.fullmatch(lead[0].lower):  # "Speaking on Morning Ireland he ..."
        pronouns = [w for w in lead if w.lower in ("he", "she", "they")]
        lead = pronouns[:1]
    run: list[claimants.Word] = []
    for word in lead:
        lower = word.lower
        if run and (
            lower in rules.FINITE_VERBS
            or lower in rules.IRREGULAR_VERBS
            or lower in rules.PAST_REPORTING_FORMS  # "McEntee wrote to the board, saying"
            or lower in rules.SUBJECT_VERB_FILLERS
            or (
                not word.capitalised
                and (_ADVERB.fullmatch(lower) or _PAST.fullmatch(lower) or _GERUND.fullmatch(lower))
            )
        ):
            break
        if lower in rules.THIRD_PERSON_PRONOUNS and lower != "it":
            run = [word]
            break
        run.append(word)
    claimant = None
    if len(run) == 1 and run[0].lower in rules.THIRD_PERSON_PRONOUNS:
        claimant = speakers.pronoun(run[0].lower)
    elif run and not run[0].lower.endswith("ing"):
        claimant = claimants.subject(text, run)
        if claimant is not None and claimant.lower() in rules.THIRD_PERSON_PRONOUNS:
            claimant = speakers.pronoun(claimant.lower())
    if (
        claimant is None
        or _is_fragment(claimant)
        or claimant.lower() in _NOT_SUBJECTS
        or claimant.lower().split("’")[0].split("'")[0] in rules.THIRD_PERSON_PRONOUNS
        or claimant in _NOT_NAMES  # "Just saying.": an adverb alone names no one
    ):
        return None
    return claimant


def _clause_start(text: str, end: int) -> int:
    """Where the clause that ends at ``end`` starts: after a leading quotation or a leading
    phrase set off by a comma ("After running with the plan, ..."), else 0."""
    position = 0
    quote = _LEADING_QUOTE.match(text, 0, end)
    if quote is not None:
        position = quote.end()
    phrase = _LEADING_PHRASE.match(text, position, end)
    return phrase.end() if phrase is not None else position


def _word_positions(text: str, words: Iterable[str]) -> list[tuple[int, str]]:
    """Where any of ``words`` stands in ``text`` as a whole lower-case word (and which), in
    order: not
    after a word character, "’", "'" or "-", nor before a letter. ``str.find`` per word: a
    pattern of the few words present still tried them at every position of the sentence."""
    positions = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _joins_before(text[at - 1])) and (
                end == len(text) or not _is_letter(text[end])
            ):
                positions.append((at, word))
                at = text.find(word, end)
            else:
                at = text.find(word, at + 1)
    positions.sort()
    return positions


def _verb_keys(
    phrases: tuple[str, ...], patterns: dict[str, re.Pattern[str]]
) -> dict[str, frozenset[str]]:
    """For each first word of :func:`_verb_patterns`, the longest word (as :data:`_WORD`
    reads it) of each phrase its pattern holds: a phrase matches only where the sentence
    holds that word too, so "is" alone ("is reporting", "is warning") starts no search."""
    keys: dict[str, set[str]] = {start: set() for start in patterns}
    for phrase in phrases:
        first = phrase.split()[0]
        key = max(_WORD.findall(phrase.lower()), key=len)
        for start in keys:
            if first.startswith(start) or start.startswith(first):
                keys[start].add(key)
    return {start: frozenset(found) for start, found in keys.items()}


_NO_WORDS: Final[frozenset[str]] = frozenset()


def _verb_patterns(phrases: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    """For each first word of the verb ``phrases``, the whole-word pattern of the phrases that
    can match where that word stands: those whose first word starts with it or it with
    theirs ("can" and "can't be"; no other phrase can match there, its first word differs
    from the text's). Longest phrase first, as in one pattern of them all, so each place gets
    the same match that pattern gives, for a tenth of the alternatives tried."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = [
        (phrase.split()[0], _progressive(r"\s+".join(map(re.escape, phrase.split()))))
        for phrase in ordered
    ]
    patterns = {}
    for start in {first for first, _ in alternatives}:
        group = "|".join(
            pattern
            for first, pattern in alternatives
            if first.startswith(start) or start.startswith(first)
        )
        patterns[start] = re.compile(rf"(?<![\w’'-])(?:{group})(?![\w’'-])(?:\s+(?:that|que)\b)?")
    return patterns


def _joins_before(char: str) -> bool:
    r"""``[\w’'-]`` of a regular expression: a character a word cannot start after."""
    return char.isalnum() or char in "_’'-"


def _is_letter(char: str) -> bool:
    r"""``[^\W\d_]`` of a regular expression: a word character that is not a digit or "_"."""
    return char.isalnum() and not char.isdecimal()


def _words_in(
    wanted: frozenset[str],
    text: str,
    start: int = 0,
    end: int | None = None,
    pattern: re.Pattern[str] = _WORD,
) -> frozenset[str]:
    """The words of ``wanted`` that ``text[start:end]`` holds. A long text is read in pieces
    (with an overlap longer than any wanted word), so a 1 MB "sentence" never becomes one list
    of 200,000 words: that list alone made the time per character grow fivefold."""
    stop = len(text) if end is None else end
    if stop - start <= _CHUNK:
        return wanted.intersection(pattern.findall(text, start, stop))
    found: set[str] = set()
    for piece in range(start, stop, _CHUNK):
        found.update(
            wanted.intersection(pattern.findall(text, piece, min(stop, piece + _CHUNK + 40)))
        )
    return frozenset(found)


def _latin_letters() -> str:
    """:data:`_WORD`'s characters among the Latin blocks, as ranges of a character class."""
    codes = [
        code
        for code in (*range(0x250), *range(0x1E00, 0x1F00))
        if _WORD.fullmatch(chr(code)) is not None
    ]
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


_LATIN_WORD: Final = re.compile(f"[{_latin_letters()}]+")
""":data:`_WORD` for a text of Latin letters, punctuation and currency signs only: the same
words, read 2.5 times faster (character ranges instead of a Unicode category test for each
character; the rule words were a tenth of all extraction time)."""
_BEYOND_LATIN: Final = re.compile("[^\\u0000-\\u024f\\u1e00-\\u1eff\\u2000-\\u206f\\u20a0-\\u20cf]")
"""A character outside those blocks: the text is read with :data:`_WORD` itself."""


_ENCLOSED_AFTER: Final = re.compile(r"\s*[,—–-]")
_ENCLOSED_BEFORE: Final = re.compile(r"[,—–-]\s*$")
_NAME_WORD: Final = r"[A-ZÁÉÍÓÚÑÜ][^\W\d_]*[a-záéíóúñü](?:-[A-ZÁÉÍÓÚÑÜ][^\W\d_]+)?"
_CAPITALS: Final = "A-ZÁÉÍÓÚÑÜ"
_PERSON_NAME: Final = re.compile(
    rf"[{_CAPITALS}](?<![\w’'.-][{_CAPITALS}])[^\W\d_]*[a-záéíóúñü](?:-[{_CAPITALS}][^\W\d_]+)?"
    rf"(?:[ \t]+{_NAME_WORD}){{1,3}}(?![\w’'-])"
)
"""A person's name of two to four words (the first is :data:`_NAME_WORD` written out, so the
search skips to capitals, see :data:`_FULL_NAME`)."""


_ASKED: Final = re.compile(r"(?:When\s+|If\s+)?[Aa]sked\b")
_ACCORDING_BEFORE: Final = re.compile(r"(?:[Aa]ccording\s+to|[Ss]egún)\s+[^,;:\s][^,;:]{0,30}\s$")


_AGENT: Final = re.compile(
    r"\s+by\s+(?:the\s+)?([A-Z][\w’'&.-]*(?:[ \t]+(?:of|for|and|[A-Z][\w’'&.-]*))*)"
)
_AGENT_HEADS: Final = "|".join(
    sorted(
        rules.ORGANISATION_ROLES
        | {"media", "police", "officials", "authorities", "government", "military", "army"}
    )
)
_COMMON_AGENT: Final = re.compile(
    rf"\s+by\s+((?:the\s+)?(?:[a-z][\w-]*\s+){{0,2}}(?:{_AGENT_HEADS}))(?![\w’'-])"
)
"""An institution or group named by its common noun after "by" ("the health ministry")."""


_PROPORTION: Final = re.compile(
    r"(?:only\s+|just\s+|about\s+|nearly\s+|almost\s+)?(?:\d[\d.,]*\s*(?:%|per\s?cent|percent)"
    r"|(?:one|two|three|four|\d+)\s+in\s+(?:two|three|four|five|six|ten|\d+)"
    r"(?:\s*\(\d[\d.,]*\s*(?:%|per\s?cent|percent)\))?)"
)
"""A share of people as a subject ("21 per cent", "one in five (21 per cent)"): respondents."""
_GROUP_SUBJECT: Final = re.compile(
    r"((?:[A-Z][a-z’'-]+)(?:\s+[a-z][a-z’'-]+){0,2}s"
    r"(?:\s+who\s+(?:have|had)\s+[a-z]+(?:\s+[\w’'-]+){1,3}?)?)"
    r"(?=\s+(?:ultimately\s+|also\s+|have\s+|had\s+|have\s+been\s+)?"
    r"(?:[a-z]+ed|see|say|said|are|were|have|had|will|would|warn|fear|believe|think|want)\b)"
)
"""A plural common noun phrase opening a sentence, with a "who have …" clause kept, before
its verb ("Trust members ultimately asked", "Others who have tracked Bloomberg’s career
see")."""
_DOUBT_VERBS: Final = frozenset({"questioned", "questions", "doubted", "doubts", "wondered"})
_WHETHER: Final = re.compile(r"\s+whether\b")
_QUANTIFIERS: Final = frozenset({
    "none", "some", "all", "most", "many", "few", "each", "any", "both", "one", "much", "half",
})  # fmt: skip
_WHAT_CALLED: Final = re.compile(
    r"\b[Ww]hat\s+((?:the|an?|his|her|its|their)\s+[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,2}"
    r"|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}|he|she|they|officials|police|critics)"
    r"\s+(?:called|calls|described\s+as|describes\s+as|termed|terms|dubbed|dubs)\s+(?=\S)"
)
"""A characterisation quoted from its source ("what the institution called an “outrageous”
illegal party", "what police described as a targeted attack")."""
_CALLED_WORDS: Final = frozenset(
    {"called", "calls", "described", "describes", "termed", "terms", "dubbed", "dubs"}
)
_NAME_ENDING_SENTENCE: Final = re.compile(
    rf",[ \t]+({_NAME}(?:[ \t]+{_NAME}){{1,3}})[ \t]*[.”\"’']*[ \t]*$"
)
"""A person's name set off at the end of a sentence ("…, Roberto Morales Ojeda.")."""


def _listed_subject(
    text: str, before: list[claimants.Word], run: list[claimants.Word]
) -> str | None:
    """A list that opens the sentence as the verb's subject ("Black voters, campaign
    organizers and veteran volunteers said"): the clause before the verb holds "and" or "or"
    and only plural noun phrases of one to four words, set off by commas, come before it
    from the sentence's start; else None (the clause alone is the subject). A leading phrase
    ("In recent weeks, doctors and nurses said") or a name in apposition is no list item."""
    if not any(word.lower in ("and", "or") for word in run[1:-1]):
        return None
    head = [word for word in before if word.end <= run[0].start]
    if not head or head[0].start != 0:
        return None
    segment: list[claimants.Word] = []
    for index, word in enumerate(head):
        segment.append(word)
        following = head[index + 1].start if index + 1 < len(head) else run[0].start
        gap = text[word.end : following].strip()
        if not gap:
            continue
        if gap != "," or not _list_item(segment):
            return None
        segment = []
    if segment:
        return None
    return text[: run[-1].end]


def _list_item(words: list[claimants.Word]) -> bool:
    """A plural noun phrase that can be one of a listed subject ("Black voters", "parents")."""
    last = words[-1].lower
    return (
        len(words) <= 4
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is"))
        and not any(
            word.lower in _NOT_LIST_WORDS or word.text in _OPENING_PREPOSITIONS for word in words
        )
    )


_NOT_LIST_WORDS: Final = (
    rules.DISCOURSE_WORDS
    | rules.PHRASE_PREPOSITIONS
    | rules.SUBJECT_VERB_FILLERS
    | rules.THIRD_PERSON_PRONOUNS
    | {"sometimes", "perhaps", "always", "besides", "nevertheless", "nonetheless", "times"}
)
_OPENING_PREPOSITIONS: Final = frozenset({
    "In", "At", "On", "During", "For", "With", "From", "Under", "Within", "Amid", "Despite",
})  # fmt: skip


def _passive_agent(text: str, verb_end: int) -> str | None:
    """The agent after a reporting passive: a name ("reported by Nashi Groshi"), or an
    institution or group by its common noun ("confirmed by the health ministry", "first
    reported by local media"); None for anything else ("confirmed by the data")."""
    match = _AGENT.match(text, verb_end)
    if match is None:
        common = _COMMON_AGENT.match(text, verb_end)
        return common.group(1) if common is not None else None
    named = match.group(1).split()
    while named and named[-1] in ("of", "for", "and"):
        named.pop()
    name = claimants.normalise_name(" ".join(named).rstrip(".,"))
    return None if not name or name.split()[0] in _NOT_NAMES else name


def _research_subject(text: str, before: list[claimants.Word], verb_start: int) -> bool:
    """Whether the words just before a verb, or the first words of its clause, name a study,
    a test or a count ("A study from 2012 counted", "post mortem tests showed", "Figures from
    the European Centre for Disease Prevention and Control revealed"): what such a source
    finds is a claim even with a plain object."""
    clause = claimants.clause_subject(text, before, verb_start) or []
    return any(word.lower in rules.RESEARCH_NOUNS for word in (*before[-6:], *clause[:3]))


def _within_according(text: str, position: int) -> bool:
    """Whether ``position`` lies in the source of an "according to" ("according to reports
    cited by MySA", "according to media reports monitoring the incident")."""
    return _ACCORDING_BEFORE.search(text, max(0, position - 50), position) is not None


def _without_reflexive(claimant: str | None) -> str | None:
    """ "Rundle himself" as "Rundle": the reflexive only stresses who spoke."""
    if claimant and claimant.endswith(_REFLEXIVES) and " " in claimant:
        return claimant.rsplit(" ", 1)[0]
    return claimant


_REFLEXIVES: Final = (" himself", " herself", " themselves", " itself")


_HE_NOUNS: Final = frozenset({"man", "boy", "father", "husband", "son", "brother", "gentleman"})
_SHE_NOUNS: Final = frozenset({"woman", "girl", "mother", "wife", "daughter", "sister", "lady"})
_OPENING_PERSON: Final = re.compile(
    r"(?:(?:But|And|Then|Later),?\s+)?((?:[Tt]he|[Aa]n?)\s+(?:[a-z]+\s+)?"
    r"(?:man|woman|boy|girl|owner|driver|victim|suspect|mother|father)\b)"
)


_SPEAKS: Final = re.compile(r"\s+(?:said|says|added|told|wrote|explained|recalled|insisted)\b")
_SUBJECT_PRONOUN: Final = re.compile(r"\b(?:he|she|He|She)\b")


def _named_after_pronoun(sentence: str, name: str) -> bool:
    """Whether ``name`` is written in ``sentence`` after its "he"/"she" ("which, he said,
    scared the man off"): then the pronoun is someone else."""
    pronoun = _SUBJECT_PRONOUN.search(sentence)
    if pronoun is None:
        return False
    rest = sentence[pronoun.end() :].lower()
    at = rest.find(name.lower())
    if at < 0:
        return False
    # '"She told Harry ... ," Meghan said': the speaker named again is the same person
    return _SPEAKS.match(rest, at + len(name)) is None


def _person_phrase(name: str) -> str | None:
    """ "he" or "she" for "the man" / "the woman", "" for a person by role ("the owner", "a
    spokesperson"), None when ``name`` is not such a phrase."""
    words = name.lower().split()
    if len(words) < 2 or len(words) > 4 or words[0] not in ("the", "a", "an"):
        return None
    head = words[-1]
    if head in _HE_NOUNS:
        return "he"
    if head in _SHE_NOUNS:
        return "she"
    if head in rules.PERSON_ROLES or head in ("owner", "driver", "victim", "suspect"):
        return ""
    return None


def _named_or_last(text: str, end: int, speakers: _Speakers) -> tuple[str | None, str]:
    """The first person named in ``text`` before ``end`` ("Rafael Pérez Fernández, primer
    secretario ..., que, como en otros —reconoció—"), else the last speaker of the text."""
    for match in _PERSON_NAME.finditer(text, 0, end):
        name = match.group()
        if _is_person(name) and name.split()[0].lower() not in _NOT_GIVEN:
            return _from_first_name(text, match, end), "attribution-verb"
    return _last_speaker(speakers)


def _from_first_name(text: str, match: re.Match[str], end: int) -> str:
    """A run of capitalised words read as a name, from its first known first name when it
    does not open with one ("Buró Político Roberto Morales Ojeda" -> Roberto Morales Ojeda,
    see :mod:`store.claims.first_names`)."""
    words = match.group().split()
    if first_names.is_first_name(words[0]):
        return match.group()
    offset = 0
    for index, word in enumerate(words):
        if index and first_names.is_first_name(word) and index < len(words) - 1:
            at = text.find(word, match.start() + offset)
            again = _PERSON_NAME.match(text, at, end)
            return again.group() if again is not None else " ".join(words[index:])
        offset += len(word) + 1
    return match.group()


def _last_speaker(speakers: _Speakers) -> tuple[str | None, str]:
    """The last speaker of the text as the claimant of a sentence that names none."""
    speaker = speakers.recent[-1] if speakers.recent else None
    return (speaker, "carried-claimant") if speaker else (None, "attribution-verb")


_AS_SOURCE: Final = re.compile(
    r"(?:^|[,;—–]\s*)[Aa]s\s+(?!(?:with|for|in|of|on|at|to|part|well|such|far|long|soon|much|"
    r"many|usual|always|ever|often|a\s+result)\b)[^,;:.!?“”\"]{1,60}\s$"
)
"""A source in an "as" clause right before the verb ("As AnandTech reports, …")."""
_AS_SOURCE_END: Final = re.compile(r"\s+[a-z]+ly\s*[,.;]")
"""An adverb then the clause's end after the verb ("as Skelley wrote recently.")."""
_RELATIVE_PRONOUNS: Final = frozenset({"quien", "quienes", "who"})
_COORDINATORS: Final = frozenset({"and", "but", "y", "pero"})
"""A clause of only these before the verb shares the sentence's subject."""
_SPANISH_OPENING_VERB: Final = re.compile(r"([A-ZÁÉÍÓÚ][a-záéíóúñ]+)\s+que\b")
"""A sentence opened by a Spanish verb and "que" ("Comentó que ..."), its subject dropped."""


_OPINION_OPENING: Final = re.compile(
    r"(?:En\s+su\s+(?:opinión|criterio|juicio)|A\s+su\s+(?:juicio|criterio)|Para\s+(?:él|ella)"
    r"|In\s+(?P<owner>his|her)\s+(?:view|opinion|words))\s*,"
)
"""A sentence opened by whose opinion it is ("En su opinión, …", "Para él, …", "In her view,
…"): the opinion of the one speaking so far."""
_OPINION_WORDS: Final = frozenset(
    {"opinión", "criterio", "juicio", "él", "ella", "view", "opinion"}
)


def _what_called(text: str, speakers: _Speakers) -> _Attribution | None:
    """ "… after what the institution called an “outrageous” illegal party": the
    characterisation is the claim of the one who called it so (a pronoun resolved)."""
    match = _WHAT_CALLED.search(text)
    if match is None:
        return None
    claimant: str | None = match.group(1)
    method = "attribution-verb"
    if claimant in ("he", "she", "they"):
        # "threats by the education secretary, Gavin Williamson, … what he called": the
        # person the sentence names last before it; "But Yamey is angry about what he
        # calls": its opening name; else the pronoun read as anywhere else
        named = [
            m.group()
            for m in _PERSON_NAME.finditer(text, 0, match.start())
            if _is_person(m.group()) and m.group().split()[0].lower() not in _NOT_GIVEN
        ]
        opening = named[-1] if named else speakers.opening_name(text, speakers.at)
        claimant = opening if opening is not None else speakers.pronoun(claimant)
        method = "carried-claimant"
        if claimant is None:
            return None
    phrase = " ".join(text[match.end(1) : match.end()].split())
    return _Attribution(claimant, phrase, method, match.start(), match.end())


def _opinion_opening(text: str, speakers: _Speakers) -> _Attribution | None:
    """ "En su opinión, las muestras …": the last speaker's claim ("his"/"her" resolved as
    "he"/"she"); no claimant when no one has spoken yet."""
    opening = _OPINION_OPENING.match(text)
    if opening is None:
        return None
    owner = opening.group("owner")
    if owner is not None:
        speaker = speakers.pronoun("he" if owner == "his" else "she")
        claimant, method = (speaker, "carried-claimant") if speaker else (None, "attribution-verb")
    else:
        claimant, method = _last_speaker(speakers)
    if claimant is None:
        return None
    phrase = " ".join(opening.group().rstrip(", ").split())
    return _Attribution(claimant, phrase, method, 0, opening.end())


def _is_heading(found: list[_Sentence], index: int) -> bool:
    """A paragraph of one short sentence that does not end like one (see
    :data:`rules.HEADING_MAX_CHARS`)."""
    sentence = found[index]
    alone = (index == 0 or found[index - 1].paragraph != sentence.paragraph) and (
        index + 1 == len(found) or found[index + 1].paragraph != sentence.paragraph
    )
    return (
        alone
        and len(sentence.text) < rules.HEADING_MAX_CHARS
        and sentence.text.rstrip()[-1:] not in _SENTENCE_ENDS
    )


_SENTENCE_ENDS: Final = frozenset(".!?…\"”’')]:;")


def _in_quotation(text: str, position: int) -> bool:
    """Whether ``position`` lies inside a quotation opened earlier in the sentence."""
    head = text[:position]
    curly = head.count("“") - head.count("”")
    return curly > 0 or (curly == 0 and head.count('"') % 2 == 1)


def _word_sets(phrases: tuple[str, ...]) -> dict[str, tuple[frozenset[str], ...]]:
    """The words of each phrase as :data:`_WORD` reads them, by its rarest-looking (longest)
    word: a phrase can occur in a sentence only if the sentence holds all of them, a check
    far cheaper than searching for the phrase."""
    index: dict[str, list[frozenset[str]]] = {}
    for phrase in phrases:
        words = _WORD.findall(phrase.lower())
        index.setdefault(max(words, key=len), []).append(frozenset(words))
    return {key: tuple(sets) for key, sets in index.items()}


def _holds_phrase(index: dict[str, tuple[frozenset[str], ...]], hit: frozenset[str]) -> bool:
    """Whether ``hit`` holds every word of one of the phrases of ``index``."""
    if index.keys().isdisjoint(hit):
        return False  # most sentences: no phrase's rarest word (and no set built to say so)
    return any(words <= hit for key in index.keys() & hit for words in index[key])


def _according_phrase(written: str) -> str:
    """The attribution phrase stored for a source-naming form: "the view of" as written
    (lower case), every other form ("según", ", per") as "according to", as before."""
    phrase = " ".join(written.split()).lower()
    return phrase if phrase in _NOUN_SOURCE_FORMS else "according to"


_NOUN_SOURCE_FORMS: Final = frozenset(rules.ACCORDING_TO_FORMS[3:])


def _rarest_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The longest word of each phrase as :data:`_WORD` reads it ("the view of" -> "view"):
    a sentence without it cannot hold the phrase, and "the" would let every sentence by."""
    return frozenset(max(_WORD.findall(phrase.lower()), key=len) for phrase in phrases)


def _first_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The first word of each phrase as :data:`_WORD` reads it ("can't be" -> "can")."""
    return frozenset(_WORD.findall(phrase.lower())[0] for phrase in phrases)


_APOSTROPHE: Final = re.compile(r"[’']")


def _is_fragment(claimant: str) -> bool:
    """A claimant that is a piece of a clause ("It was not immediately clear if the figures")."""
    lowered = claimant.lower().split()
    if not lowered or _APOSTROPHE.split(lowered[0])[0] in ("it", "there", "this", "that"):
        return True  # "It was not …", "there’s growing": a clause, not a source
    if len(lowered[0]) > len(first := _APOSTROPHE.split(lowered[0])[0]) and (
        first in rules.NON_CLAIMANT_PRONOUNS
    ):
        return True  # "we’re told", "I'm told": the writer, not a source
    if lowered[0] in _PREPOSITIONS:
        return True  # "of the negotiations told": the end of a phrase whose head was lost
    if lowered[-1] in ("and", "or", "of", "the", "to") or "n't" in claimant or "n’t" in claimant:
        return True  # "do the job and", "didn't do much else of"
    written = claimant.split()
    if written[0] in _INVERTING_AUXILIARIES:
        return True  # "How can universities say …?": a question inverted inside a quotation
    if len(lowered) > rules.MAX_SUBJECT_WORDS:
        return True
    if "who" in written[1:]:
        # "Those who have spoken out": the clause says which people; its verbs are no sign
        # of a fragment
        written = written[: written.index("who", 1)]
    return not _FRAGMENT.isdisjoint(
        word.lower()
        for index, word in enumerate(written)
        # "Will Smith", "Do Kwon": a given name before a surname, not a modal
        if not (
            word in _GIVEN_NAME_MODALS
            and index + 1 < len(written)
            and written[index + 1][:1].isupper()
        )
    )


_GIVEN_NAME_MODALS: Final = frozenset({"Will", "Do"})


_INVERTING_AUXILIARIES: Final = frozenset({
    "can", "could", "will", "would", "should", "shall", "may", "might", "must", "do", "does",
    "did",
})  # fmt: skip
"""Lower-case words that, opening a subject, invert a question ("how can universities")."""


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``text[start:end]``, for quoting a reporter's phrase."""
    left = 0
    for brk in re.finditer(r"[,;:(—–]", text[:start]):
        left = brk.end()
    stop = _CLAUSE_END.search(text, end)
    right = stop.start() if stop is not None else len(text)
    return text[left:right].strip(' \t\n“”"')


@cache
def _default_extractor() -> ClaimExtractor:
    """One shared extractor, built on first use so importing the package compiles nothing."""
    return ClaimExtractor()


def extract_claims(draft: DocumentDraft) -> list[ClaimDraft]:
    """Claims in an article's body and in every comment body (those carry ``comment_index``)."""
    extractor = _default_extractor()
    claims = extractor.extract(draft.body)
    for index, comment in enumerate(draft.comments):
        claims.extend(extractor.extract(comment.body, comment_index=index))
    return claims


def _is_past_form(word: str) -> bool:
    """A past form ("reported", "said"), which never is a noun after an adjective."""
    return word.endswith("ed") or word in rules.PAST_REPORTING_FORMS


def _ends_noun_phrase(text: str, near: list[claimants.Word]) -> bool:
    """Whether the words right before a verb-like noun make it the end of a noun phrase: a
    count ("the first two states", "14 states"; not "Article 5 states"), a possessive and its
    adjectives ("Bloomberg’s various philanthropic projects"), or a verb after "to" or a modal
    ("able to lead projects", "will fund projects"), whose object it is."""
    last = near[-1]
    before = near[-2] if len(near) > 1 and not text[near[-2].end : last.start].strip() else None
    if _COUNT.fullmatch(last.lower) or last.lower in _COUNT_WORDS:
        return before is None or not (before.capitalised or before.lower in rules.TEXT_PARTS)
    if before is not None and before.text in rules.VERB_OPENERS:
        return last.text.isalpha() and last.text.islower()
    for index in range(len(near) - 1, max(-1, len(near) - 4), -1):
        word = near[index]
        if word.text.endswith(_OWNER_ENDS):
            return index < len(near) - 1  # (one adjective at least: "Amaq's claims" is read before)
        if word.capitalised or not word.lower.endswith(rules.ADJECTIVE_ENDS):
            return False
        if index == 0 or text[near[index - 1].end : word.start].strip():
            return False  # the phrase is cut by punctuation before its owner
    return False


_COUNT: Final = re.compile(r"\d[\d,.]*")
_COUNT_WORDS: Final = (frozenset(rules.SMALL_NUMBERS) - {"one"}) | frozenset(rules.SCALES)
"""Number words before a noun ("two states"); "one" is as often a pronoun ("No one says")."""


def _in_prepositional_phrase(text: str, near: list[claimants.Word], fillers: int) -> bool:
    """Whether the word before a verb-like noun follows a preposition with nothing between
    ("a surge in outage reports."): the form is the noun, the phrase has no subject."""
    head = len(near) - 1 - fillers
    if head < 1:
        return False
    before = near[head - 1]
    return (
        before.lower in rules.PHRASE_PREPOSITIONS
        and not text[before.end : near[head].start].strip()
    )
