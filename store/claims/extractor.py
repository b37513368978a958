"""Rule-based claim extraction over sentences from the ``sentencex`` splitter.

A sentence is a claim when the writer attributes it to someone ("Amaq claims that ...",
"according to Oryx, ..."), distances themself from it with a hedge ("were purportedly killed"),
or gives a figure while saying it cannot be checked. Questions are never claims. Two rules reach
across sentences, because reporters write that way:

- *carried claimant*: a hedged sentence right after a claim, in the same paragraph, keeps that
  claim's source ("Amaq claims ... In addition, 352 men were purportedly killed."); so does a
  "he/she/it/they said" right after one;
- *unverifiable*: "it is impossible to independently verify these figures" marks the claims in
  its own sentence and the run of claims just before it (see ``VERIFY_*`` in
  :mod:`store.claims.rules`).

Rules are data (:mod:`store.claims.rules`); this module compiles them once per
:class:`ClaimExtractor` and walks each text once, so extraction stays cheap on bulk imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import sentencex

from store.claims import claimants, rules
from store.claims.quantities import QuantityParser
from store.records import ClaimDraft, ClaimStatus, DocumentDraft, Quantity

_QUESTION = re.compile(r"\?[?!.…]*[\s”\"’')\]»]*$")
_CLAUSE_END = re.compile(r"[,;:!?()—–]|\.(?:\s|$|[”\"])|$")


def _words_pattern(phrases: tuple[str, ...] | list[str]) -> str:
    """Whole-word alternation of phrases, longest first, any run of spaces between words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


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
    quantities: tuple[Quantity, ...] = ()
    claimant: str | None = None
    method: str = ""
    note: str = ""

    @property
    def is_claim(self) -> bool:
        return bool(self.method)


class ClaimExtractor:
    """Finds claims in article and comment text; build once, call :meth:`extract` many times."""

    def __init__(self) -> None:
        verbs = _words_pattern(rules.ATTRIBUTION_VERBS + rules.ATTRIBUTION_VERBS_WITH_THAT)
        # Case-sensitive on purpose: "United States" and "Says who" are not attributions.
        self._verb = re.compile(rf"(?<![\w’'-])(?:{verbs})(?![\w’'-])(?:\s+that\b)?")
        self._needs_that = frozenset(rules.ATTRIBUTION_VERBS_WITH_THAT)
        self._according = re.compile(r"(?<![\w-])[Aa]ccording\s+to\s+")
        self._hedge = re.compile(rf"(?<![\w-])(?:{_words_pattern(rules.HEDGES)})(?![\w-])", re.I)
        self._verify = re.compile(
            rf"(?<![\w-])(?:{_words_pattern(rules.UNVERIFIABLE_PHRASES)})(?![\w-])", re.I
        )
        self._quantities = QuantityParser()

    def extract(self, text: str, comment_index: int | None = None) -> list[ClaimDraft]:
        """Claims in ``text``, with spans into it; ``comment_index`` is copied onto each."""
        sentences = self._sentences(text)
        previous: _Sentence | None = None
        for sentence in sentences:
            carry = previous if previous and previous.paragraph == sentence.paragraph else None
            self._analyse(sentence, carry)
            previous = sentence
        label = "Reporter" if comment_index is None else "Commenter"
        self._mark_unverifiable(sentences, label)
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
            for s in sentences
            if s.is_claim
        ]

    @staticmethod
    def _sentences(text: str) -> list[_Sentence]:
        """Sentences with surrounding whitespace trimmed and their paragraph number."""
        found: list[_Sentence] = []
        paragraph = 0
        for boundary in sentencex.get_sentence_boundaries("en", text):
            if boundary["is_paragraph_break"]:
                paragraph += 1
                continue
            start: int = boundary["start_index"]
            raw = text[start : boundary["end_index"]]
            stripped = raw.strip()
            if stripped:
                start += len(raw) - len(raw.lstrip())
                found.append(_Sentence(start, stripped, paragraph))
        return found

    def _analyse(self, sentence: _Sentence, previous: _Sentence | None) -> None:
        """Fill in what the rules find in one sentence; ``previous`` is its claim context."""
        text = sentence.text
        if _QUESTION.search(text):
            return  # A question asks; it claims nothing.
        carried = previous.claimant if previous is not None and previous.is_claim else None
        sentence.attribution = self._according_to(text) or self._attribution_verb(
            text, carried, sentence.hedges
        )
        attribution = sentence.attribution
        for match in self._hedge.finditer(text):
            inside = attribution and attribution.start <= match.start() < attribution.end
            if not inside and match.group().lower() not in sentence.hedges:
                sentence.hedges.append(match.group().lower())
        verify = self._verify.search(text)
        if verify is not None:
            sentence.verify_clause = _clause(text, verify.start(), verify.end())
        if attribution is not None:
            sentence.claimant, sentence.method = attribution.claimant, attribution.method
        elif sentence.hedges:
            sentence.claimant = carried
            sentence.method = "carried-claimant" if carried else "hedge"
        if sentence.is_claim or verify is not None:
            sentence.quantities = self._quantities.parse(text)
        if not sentence.is_claim and verify is not None and sentence.quantities:
            sentence.method = "unverifiable-figure"

    def _according_to(self, text: str) -> _Attribution | None:
        match = self._according.search(text)
        if match is None:
            return None
        claimant = claimants.according_to(text, match.end())
        return _Attribution(claimant, "according to", "according-to", match.start(), match.end())

    def _attribution_verb(
        self, text: str, carried: str | None, hedges: list[str]
    ) -> _Attribution | None:
        """The first verb that attributes the sentence to a source; passives become hedges."""
        for match in self._verb.finditer(text):
            first = match.group().split()[0]
            if first in self._needs_that and not match.group().endswith("that"):
                continue
            before = claimants.words(text, 0, match.start())
            while before and before[-1].lower in rules.SUBJECT_VERB_FILLERS:
                before.pop()
            last = before[-1].lower if before else ""
            if last in rules.NON_ASSERTING_BEFORE_VERB:
                continue
            if last in rules.PASSIVE_BEFORE_VERB:
                hedges.append(f"{last} {first}")
                continue
            if last in rules.DETERMINERS or last.endswith(("’s", "'s")):
                continue
            if first in rules.NOUN_LIKE_FORMS and self._followed_by_verb(text, match.end()):
                continue
            phrase = " ".join(match.group().split())
            found = self._claimant(text, before, match.start(), match.end(), carried)
            if found is None:
                continue
            claimant, method = found
            return _Attribution(claimant, phrase, method, match.start(), match.end())
        return None

    @staticmethod
    def _followed_by_verb(text: str, position: int) -> bool:
        following = claimants.words(text, position, min(len(text), position + 40))
        return bool(following) and following[0].lower in rules.VERB_FOLLOWERS

    @staticmethod
    def _claimant(
        text: str, before: list[claimants.Word], verb_start: int, verb_end: int, carried: str | None
    ) -> tuple[str | None, str] | None:
        """(claimant, method) for a verb with subject words ``before``; None if no attribution."""
        run = claimants.clause_subject(text, before, verb_start)
        if run is None:
            right = claimants.after_verb(text, verb_end)
            if right:
                return right, "attribution-verb"
            run = claimants.apposition_subject(text, before, verb_start)
            if not run:
                return None
        if len(run) == 1 or run[0].lower in rules.DISCOURSE_WORDS:
            pronoun = run[-1].lower
            if pronoun in rules.NON_CLAIMANT_PRONOUNS:
                return None
            if pronoun in rules.THIRD_PERSON_PRONOUNS:
                return (carried, "carried-claimant") if carried else (None, "attribution-verb")
        return claimants.subject(text, run), "attribution-verb"

    @staticmethod
    def _mark_unverifiable(sentences: list[_Sentence], label: str) -> None:
        """Mark claims the writer says cannot be verified: same sentence and the run before."""
        for index, sentence in enumerate(sentences):
            if sentence.verify_clause is None:
                continue
            note = f'{label}: "{sentence.verify_clause}"'
            if sentence.is_claim:
                sentence.note = note
            gap = 0
            oldest = sentence.paragraph - rules.VERIFY_MAX_PARAGRAPHS + 1
            for earlier in reversed(sentences[:index]):
                if earlier.paragraph < oldest or earlier.verify_clause is not None:
                    break
                if earlier.is_claim:
                    earlier.note = earlier.note or note
                    continue
                gap += 1
                if gap > rules.VERIFY_MAX_GAP:
                    break


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
