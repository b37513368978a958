"""Re-ranking candidates with rapidfuzz, and cutting the snippet that shows why each matched.

Each query word is scored against each field with ``partial_ratio`` (the best-matching window
of the field), not ``WRatio``: WRatio scales partial scores down for texts much longer than the
query, which hides long comments and article bodies behind short titles. A long field is not
scored whole: the index already found the record, so the ranker looks for the word's stored
forms (``str.find``, fast) and scores a window around the first one, which keeps the cost per
record flat however long the text.

A word of any field is aligned as a word, not as letters: the field's :func:`spaced` text
(every character that is no letter or digit a space) against the word between spaces, or,
for the query's last word (where the user types), after one. Aligned as letters, every
longer word holding the typed one was a perfect match ("rove" in "prove", "pleas" in
"please", "art" in "start"), and the newest such records hid the ones that hold the word.

A record's score is the mean over query clauses of its best field score, weighted a little by
field and lowered a little for long fields: when every word matches, a short claim that says
it is a better answer than a long article that mentions it in passing.

``process.extract`` (C++, one call per word over all candidates) stands in for
``process.cdist``, which would need numpy: another dependency and ≈0.1 s more start-up for
``claimdesk search``.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from store.search.candidates import Document
from store.search.hits import SearchHit
from store.search.query import ARTICLE_SCOPES, WordTerm
from store.search.vocabulary import word_start

SHORT_FIELD = 240
"""Fields up to this length are scored whole; longer ones by a window around the match."""
WINDOW_MARGIN = 40
SNIPPET_WIDTH = 160
SNIPPET_LEAD = 50
SPAN_MIN_SCORE = 75
"""An alignment weaker than this is not highlighted: "tnaks" half-matches "claims"."""
CONTEXT_FIELD = "article title"
OWN_TEXT_MARGIN = 5.0
"""How much better a match in the article's title must be to be shown instead of the record's
own text."""
SHORTLIST_FROM = 300
SHORTLIST = 150
"""Above SHORTLIST_FROM candidates, only the best SHORTLIST (or 3× the limit) are scored
field by field."""
FIELD_WEIGHTS = {
    "title": 1.0,
    "claim text": 1.0,
    "comment body": 1.0,
    "claimant": 1.0,
    "author": 1.0,
    "body": 0.98,
    CONTEXT_FIELD: 0.97,
    "tags": 0.95,
    "site": 0.95,
}
SCOPE_FIELDS = {
    "title": ("title",),
    "author": ("author",),
    "claimant": ("claimant",),
    "site": ("site",),
    "tag": ("tags",),
}
_SPACE = re.compile(r"\s")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_WORD_CHAR = re.compile(r"[^\W_]")
NO_MATCH = -1.0
_ALL_FIELDS = [list(range(count)) for count in range(8)]


@dataclass(frozen=True, slots=True)
class ScoredWord:
    """A positive query word and the stored forms it stands for."""

    term: WordTerm
    forms: tuple[str, ...]
    alternatives: bool = False
    """The word as typed is no stored word, so its forms are different words the user may
    have meant (corrections, completions): the hits show the best record of each before the
    second of any (see :func:`rank`)."""
    completes: bool = False
    """The word is the query's last, where the user is typing: it may be the start of a longer
    word, so only where it starts is scored, not where it ends."""
    needle: str = dataclasses.field(init=False)
    """The word as it is looked for in lower-cased text."""
    probe: str = dataclasses.field(init=False)
    """What the scorer aligns in a field's :func:`spaced` text: for a word of any field,
    the word between spaces (only the one before it while it :attr:`completes`), so that
    the word itself scores above a longer word that holds it; otherwise the needle."""

    def __post_init__(self) -> None:
        needle = self.term.text.lower()
        object.__setattr__(self, "needle", needle)
        probe = needle
        if self.spaced:
            probe = " " + spaced(needle).strip() + ("" if self.completes else " ")
        object.__setattr__(self, "probe", probe)

    @property
    def spaced(self) -> bool:
        """Whether the word is scored in :func:`spaced` text by its :attr:`probe` (a fuzzy
        word of any field; a scoped one is a name typed in part, "author:eva")."""
        return self.term.mode == "fuzzy" and self.term.scope is None

    def whole_form(self, text: str) -> tuple[int, int] | None:
        """Where one of the stored forms first stands as a whole word in lower-cased ``text``
        (the first form listed, of those starting there).

        ``str.find`` per form, not one alternation of them all: compiling that pattern cost
        ≈1.7 ms per query word (a word has up to 36 forms), 2.4 ms a query at a million
        records, more than the searching it was for.
        """
        best: tuple[int, int] | None = None
        for form in self.forms:
            if not form:
                continue
            at = text.find(form)
            while at >= 0 and (best is None or at < best[0]):
                end = at + len(form)
                if (at == 0 or not text[at - 1].isalnum()) and (
                    end == len(text) or not text[end].isalnum()
                ):
                    best = (at, end)
                    break
                at = text.find(form, at + 1)
        return best


Clause = Sequence[ScoredWord]
_FieldScores = dict[int | None, float]
"""One clause in one record: its score per field (None: matched through the article)."""


_NOT_WORD = re.compile(r"[^\w ]|_")
_ASCII_NOT_WORD = bytes.maketrans(
    bytes(c for c in range(128) if not (chr(c).isalnum() or c == 0x20)),
    b" " * sum(1 for c in range(128) if not (chr(c).isalnum() or c == 0x20)),
)


def spaced(text: str) -> str:
    """``text`` with every character that cannot be part of a word (the index's rule: no
    letter or digit) made a space, so its words stand between spaces: "rove," is scored as
    "rove". Same length, so a place in it is a place in ``text``.

    ``bytes.translate`` for ASCII text (≈1 µs for a 125-letter field, the regular expression
    3.5 µs): the ranking makes it for every short field it scores.
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_NOT_WORD).decode("ascii")
    return _NOT_WORD.sub(" ", text)


def length_penalty(length: int) -> float:
    return 2.0 * math.log10(1 + length / 100)


RANKINGS_KEPT = 16
"""Rankings remembered between searches (see :func:`rank`): of at most
:data:`SHORTLIST_FROM` records each, so they keep at most a few thousand records alive."""


def rank(documents: Sequence[Document], clauses: Sequence[Clause], limit: int) -> list[SearchHit]:
    """:func:`ranked`, remembered for the last :data:`RANKINGS_KEPT` questions.

    A key press that leaves the words as they were asks again what the key press before did:
    "firing !b", "firing !be", "firing !ben" exclude words few of the newest records hold, so
    the same records are ranked for the same words (≈11 of 13 ms CPU a key press at a million
    records, five batches of 150), and so are a figure filter typed after the words and the
    space after a word. A record is a :class:`Document` holding its text, so a record changed
    since is another key and ranked again.
    """
    if len(documents) > SHORTLIST_FROM:  # rare, and not worth keeping so many records alive
        return ranked(documents, clauses, limit)
    return list(_remembered(tuple(documents), tuple(tuple(clause) for clause in clauses), limit))


@functools.lru_cache(maxsize=RANKINGS_KEPT)
def _remembered(
    documents: tuple[Document, ...], clauses: tuple[tuple[ScoredWord, ...], ...], limit: int
) -> tuple[SearchHit, ...]:
    return tuple(ranked(documents, clauses, limit))


def ranked(documents: Sequence[Document], clauses: Sequence[Clause], limit: int) -> list[SearchHit]:
    """The best ``limit`` records as hits, best first; records failing a strict word drop.

    Scores are kept per field entry in flat lists (see :class:`_Prepared`), not in a dict per
    record and clause: at 150 candidates a search made ≈500 small dicts, and only the
    ``limit`` records shown need their fields' scores by name (for :func:`_hit`).
    """
    if not clauses:
        documents = documents[:limit]  # filters only: newest first, nothing to score
    elif len(documents) > SHORTLIST_FROM:
        documents = _shortlist(documents, clauses, max(limit * 3, SHORTLIST))
    prepared = _Prepared.of(documents)
    starts = prepared.starts
    per_clause = [_score_clause(clause, documents, prepared) for clause in clauses]
    ranked: list[tuple[float, int]] = []
    for index in range(len(documents)):
        start, end = starts[index], starts[index + 1]
        best: list[float] = []
        for entries, via_article in per_clause:
            score = max(entries[start:end], default=NO_MATCH)
            if index in via_article:
                score = max(score, 100.0)
            if score <= NO_MATCH:
                break
            best.append(score)
        else:
            ranked.append((sum(best) / len(best) if best else 0.0, index))
    ranked.sort(key=lambda item: (-item[0], -documents[item[1]].id))
    if any(word.alternatives for clause in clauses for word in clause):
        ranked = _one_of_each_first(ranked, clauses, prepared)
    return [
        _hit(
            documents[index],
            score,
            _field_scores(index, prepared, per_clause),
            clauses,
            prepared,
            index,
        )
        for score, index in ranked[:limit]
    ]


def _one_of_each_first(
    ranked: list[tuple[float, int]], clauses: Sequence[Clause], prepared: _Prepared
) -> list[tuple[float, int]]:
    """``ranked`` (best first) reordered so that the best record of each reading of the
    query comes before the second record of any: a reading is which form each word with
    :attr:`ScoredWord.alternatives` stands for in the record.

    "skooled" stands for spooled, skilled, spoiled, cooled, fooled, schooled…: scored by
    likeness to what was typed, the ten best were all cooled, fooled and skilled, and the
    schooled the user meant never showed (recall@10 of single-word misspellings at a million
    real-word records: "parge" large, "moteur" motor, "extermly" extremely). One of each
    first is what a spelling corrector's list of suggestions shows; the first hit stays the
    best-scoring record.
    """
    words = [word for clause in clauses for word in clause if word.alternatives]
    rounds: dict[tuple[int, ...], int] = {}
    keyed: list[tuple[int, int]] = []
    texts, starts = prepared.texts, prepared.starts
    for order, (_, index) in enumerate(ranked):
        fields = texts[starts[index] : starts[index + 1]]
        reading = tuple(_first_form(word, fields) for word in words)
        seen = rounds.get(reading, 0)
        rounds[reading] = seen + 1
        keyed.append((seen, order))
    keyed.sort()
    return [ranked[order] for _, order in keyed]


def _first_form(word: ScoredWord, fields: Sequence[str]) -> int:
    """Which of ``word``'s forms (by position) stands first in its list among ``fields``
    (lower-cased texts); -1 for none (matched through the article, or by likeness)."""
    for number, form in enumerate(word.forms):
        if any(text.find(form) >= 0 and _holds_word(text, form) for text in fields):
            return number
    return -1


def _holds_word(text: str, form: str) -> bool:
    """Whether ``form`` stands as a whole word somewhere in ``text``."""
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        at = text.find(form, at + 1)
    return False


def form_score(word: ScoredWord, form: str) -> float:
    """How well ``word`` matches a text holding the stored word ``form``.

    ``partial_ratio`` aligns the shorter string inside the longer (and lets it hang over the
    ends), so a form no longer than the query word would be scored as a perfect part of it
    ("for" in "fore", "an" of "and" for "ane"); in a field the form stands between spaces, and
    is scored so. A word of any field is scored as the ranker scores it (:attr:`ScoredWord.probe`):
    "please" is then a weaker form of a finished "pleas" than "pleas" itself.
    """
    if word.spaced:
        # As in the middle of a field: partial_ratio lets a window hang over the ends of the
        # longer string, so "ws" at an end would be scored as most of "wqs" (above "was").
        # What stands around the form matches nothing.
        filler = "\0" * len(word.probe)
        return fuzz.partial_ratio(word.probe, f"{filler} {form} {filler}")
    if len(form) <= len(word.needle):
        return fuzz.partial_ratio(word.needle, f" {form} ")
    return fuzz.partial_ratio(word.needle, form)


def best_possible(clauses: Sequence[Clause]) -> float:
    """The highest score a record can reach: each clause's best word matching its best form.

    A strict word (``'exact``, ``^prefix``) or a word matched through the article scores 100;
    a fuzzy word as well as its closest stored form does ("tnaks" no better than "tanks").
    """
    if not clauses:
        return 100.0
    best = []
    for clause in clauses:
        best.append(
            max(
                100.0
                if word.term.mode != "fuzzy" or word.term.scope in ARTICLE_SCOPES
                else max((form_score(word, form) for form in word.forms), default=100.0)
                for word in clause
            )
        )
    return sum(best) / len(best)


def _shortlist(
    documents: Sequence[Document], clauses: Sequence[Clause], keep: int
) -> list[Document]:
    """The ``keep`` most promising records, by one ``partial_ratio`` per word and record.

    Scoring field by field costs Python time per field; with 2,000 candidates that alone is
    tens of milliseconds. Here each record is one string (short fields whole, long ones by the
    windows around the query's words), so each word is one rapidfuzz call over all records.
    """
    composites: list[str] = []
    for doc in documents:
        parts: list[str] = []
        for _, text in doc.fields:
            if len(text) <= SHORT_FIELD:
                parts.append(text)
                continue
            low = text.lower()
            for clause in clauses:
                for word in clause:
                    start, end = _window(word, low)
                    parts.append(text[start:end])
        composites.append(" ¦ ".join(parts).lower())
    between = [f" {spaced(composite)} " for composite in composites]
    totals = [0.0] * len(documents)
    for clause in clauses:
        best = [0.0] * len(documents)
        for word in clause:
            for _, score, index in process.extract(
                word.probe,
                between if word.spaced else composites,
                scorer=fuzz.partial_ratio,
                limit=None,
            ):
                best[index] = max(best[index], score)
        for index, score in enumerate(best):
            totals[index] += score
    order = sorted(
        range(len(documents)),
        key=lambda i: (-totals[i], len(documents[i].headline), -documents[i].id),
    )
    return [documents[i] for i in order[:keep]]


def _fields_for(word: ScoredWord, doc: Document) -> list[int] | None:
    """Indices of the fields ``word`` may match in ``doc``; None: matched through its article."""
    scope = word.term.scope
    if scope is None:
        return _ALL_FIELDS[len(doc.fields)]
    names = SCOPE_FIELDS[scope]
    found = [i for i, (name, _) in enumerate(doc.fields) if name in names]
    if not found and scope in ARTICLE_SCOPES:
        return None
    return found


@dataclass(frozen=True, slots=True)
class _Prepared:
    """The candidates as the scorer reads them, made once per search instead of once per word
    and field (at a million records the ranking was half of a key press's engine time).

    One entry per non-empty field of every candidate, in flat lists (record ``i``'s entries
    are ``starts[i]:starts[i + 1]``): its lower-cased text, which field it is, its weight and
    length penalty. A short field is scored whole whatever the word, so ``texts`` is what
    every word is scored against except at the ``long`` entries, where a window is cut per
    word.
    """

    texts: list[str]
    spaced: list[str]
    """Each short field's text as a word of any field is scored in it (see
    :attr:`ScoredWord.probe`): :func:`spaced`, between spaces (a long field's is cut per
    word, from its window)."""
    fields: list[int]
    adjust: list[tuple[float, float]]
    starts: list[int]
    long: list[int]

    @classmethod
    def of(cls, documents: Sequence[Document]) -> _Prepared:
        """Made anew for each ranking: remembering each record's entries between key presses
        (an LRU of 4,096 records) saved their making on the records read again, but what it
        kept alive made the collector's young-generation passes twice as many and twice as
        long (the real-word benchmark's 450 queries: 545 ms of collection against 152)."""
        texts: list[str] = []
        between: list[str] = []
        fields: list[int] = []
        adjust: list[tuple[float, float]] = []
        starts = [0]
        long: list[int] = []
        weights = FIELD_WEIGHTS
        for doc in documents:
            for field, (name, text) in enumerate(doc.fields):
                if not text:
                    continue  # nothing to match: an empty field is never scored
                size = len(text)
                lowered = text.lower()
                if size > SHORT_FIELD:
                    long.append(len(texts))
                    between.append("")
                else:
                    between.append(f" {spaced(lowered)} ")
                texts.append(lowered)
                fields.append(field)
                adjust.append((weights.get(name, 1.0), length_penalty(size)))
            starts.append(len(texts))
        return cls(texts, between, fields, adjust, starts, long)

    def lowered(self, index: int, field: int) -> str:
        """Record ``index``'s field ``field``, lower-cased ("" if it is empty)."""
        for position in range(self.starts[index], self.starts[index + 1]):
            if self.fields[position] == field:
                return self.texts[position]
        return ""


_ClauseScores = tuple[list[float], set[int]]
"""One clause over all candidates: the best score per field entry (:data:`NO_MATCH` where no
word matched) and the records matched through their article."""


def _score_clause(
    clause: Clause, documents: Sequence[Document], prepared: _Prepared
) -> _ClauseScores:
    """Each field entry's best score over the clause's words, weighted and penalised.

    A score at or below :data:`NO_MATCH` (a poor match in a long field) counts as no match.
    """
    entries = [NO_MATCH] * len(prepared.texts)
    via_article: set[int] = set()
    adjust = prepared.adjust
    for word in clause:
        if word.spaced:
            positions: Sequence[int] = range(len(entries))
            texts = prepared.texts
            windows = prepared.spaced
            if prepared.long:  # the whole text of a short field, a window of a long one
                windows = list(windows)
                for position in prepared.long:
                    start, end = _window(word, texts[position])
                    windows[position] = f" {spaced(texts[position][start:end])} "
        else:
            positions, windows = _scoped(word, documents, prepared, entries, via_article)
        if not windows:
            continue
        for _, score, at in process.extract(
            word.probe, windows, scorer=fuzz.partial_ratio, limit=None
        ):
            position = positions[at]
            weight, penalty = adjust[position]
            score = score * weight - penalty
            if score > entries[position]:
                entries[position] = score
    return entries, via_article


def _scoped(
    word: ScoredWord,
    documents: Sequence[Document],
    prepared: _Prepared,
    entries: list[float],
    via_article: set[int],
) -> tuple[list[int], list[str]]:
    """A strict or scoped word: strict matches go into ``entries`` and ``via_article`` here;
    returned are the entries a fuzzy one is scored in, and the text to score in each."""
    positions: list[int] = []
    windows: list[str] = []
    fuzzy = word.term.mode == "fuzzy"
    texts, fields, starts = prepared.texts, prepared.fields, prepared.starts
    for index, doc in enumerate(documents):
        allowed = _fields_for(word, doc)
        if allowed is None:
            via_article.add(index)
            continue
        for position in range(starts[index], starts[index + 1]):
            if fields[position] not in allowed:
                continue
            text = texts[position]
            if not fuzzy:
                if strict_span(word, text) is not None:
                    weight, penalty = prepared.adjust[position]
                    entries[position] = max(entries[position], 100.0 * weight - penalty)
                continue
            positions.append(position)
            start, end = _window(word, text)
            windows.append(text[start:end])
    return positions, windows


def _field_scores(
    index: int, prepared: _Prepared, per_clause: Sequence[_ClauseScores]
) -> list[_FieldScores]:
    """Record ``index``'s matched fields and their scores, clause by clause, for :func:`_hit`."""
    start, end = prepared.starts[index], prepared.starts[index + 1]
    fields = prepared.fields
    found: list[_FieldScores] = []
    for entries, via_article in per_clause:
        scores: _FieldScores = {
            fields[position]: entries[position]
            for position in range(start, end)
            if entries[position] > NO_MATCH
        }
        if index in via_article:
            scores[None] = 100.0
        found.append(scores)
    return found


def _window(word: ScoredWord, text: str) -> tuple[int, int]:
    """The part of a lower-cased field to score: all of a short one, else around a match."""
    if len(text) <= SHORT_FIELD:
        return 0, len(text)
    position, length = _find(word, text)
    if position < 0:
        return 0, SHORT_FIELD
    return max(0, position - WINDOW_MARGIN), position + length + WINDOW_MARGIN


def _find(word: ScoredWord, text: str) -> tuple[int, int]:
    """The first place a form of ``word`` occurs (forms cut to their stem as a fallback)."""
    seen = (word.needle, *word.forms)
    for form in seen:
        if len(form) >= 2 and (at := text.find(form)) >= 0:
            return at, len(form)
    for form in seen:
        stem = form[: max(3, len(form) - 2)]
        if len(stem) >= 3 and (at := text.find(stem)) >= 0:
            return at, len(stem)
    return -1, 0


def strict_span(word: ScoredWord, text: str) -> tuple[int, int] | None:
    """Where a ``'exact``, ``^prefix``, ``suffix$`` or ``^whole$`` word matches, or None."""
    needle = _EDGE.sub("", word.needle)
    if not needle:
        return None
    mode = word.term.mode
    if mode == "exact":
        found = re.search(word_start(needle) + r"(?![^\W_])", text)
        return found.span() if found else None
    first = _WORD_CHAR.search(text)
    if first is None:
        return None
    start = first.start()
    end = len(text)
    while end > start and not _WORD_CHAR.match(text[end - 1]):
        end -= 1
    core = text[start:end]
    if mode == "prefix" and core.startswith(needle):
        return start, start + len(needle)
    if mode == "suffix" and core.endswith(needle):
        return end - len(needle), end
    if mode == "whole" and core == needle:
        return start, end
    return None


def _hit(
    doc: Document,
    score: float,
    scores: Sequence[_FieldScores],
    clauses: Sequence[Clause],
    prepared: _Prepared,
    index: int,
) -> SearchHit:
    totals: dict[int, float] = {}
    for found in scores:
        for field, field_score in found.items():
            if field is not None:
                totals[field] = totals.get(field, 0.0) + field_score
    # The field where most of the query matched; a record's own text explains a hit better
    # than its article's title does, unless the title is where the words are (a claim found
    # through "palmyra" in its article's title shows the title, not a claim text without it).
    field = 0
    if totals:
        best = max(totals.values())
        field = max(
            (f for f in totals if totals[f] >= best - OWN_TEXT_MARGIN),
            key=lambda f: (doc.fields[f][0] != CONTEXT_FIELD, totals[f], -f),
        )
    spans = _spans(doc, field, clauses, prepared.lowered(index, field))
    if not spans:  # a weak match by score alone: show a field where a word can be pointed at
        for other in sorted(totals, key=lambda f: -totals[f]):
            if other != field and (
                marked := _spans(doc, other, clauses, prepared.lowered(index, other))
            ):
                field, spans = other, marked
                break
    name, text = doc.fields[field]
    snippet, snippet_spans = make_snippet(text, spans)
    return SearchHit(
        kind=doc.kind,
        id=doc.id,
        score=max(score, 0.0),
        field=name,
        snippet=snippet,
        spans=snippet_spans,
        text=doc.headline,
        article_id=doc.article_id,
        offset=spans[0][0] if spans else 0,
    )


def _spans(
    doc: Document, field: int, clauses: Sequence[Clause], text: str
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for clause in clauses:
        for word in clause:
            fields = _fields_for(word, doc)
            if not fields or field not in fields:
                continue
            span: tuple[int, int] | None = None
            if word.term.mode != "fuzzy":
                span = strict_span(word, text)
            else:
                start, end = _window(word, text)
                found = fuzz.partial_ratio_alignment(word.needle, text[start:end])
                if found is not None and found.score >= SPAN_MIN_SCORE:
                    span = (start + found.dest_start, start + found.dest_end)
                else:
                    # A form two typos away ("for" for "force") aligns too weakly to trust
                    # the alignment, yet it is why the record was found: show it.
                    span = word.whole_form(text)
            if span is not None:
                spans.append(_whole_words(text, span))
    return sorted(set(spans))


def _whole_words(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Grow a span to the words it touches, and trim spaces and punctuation at its ends."""
    start, end = span
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def make_snippet(
    text: str, spans: Sequence[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line excerpt around the first span; spans re-based onto the excerpt."""
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_LEAD)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", max(first + 1, start), end)
        end = space if space > first else end
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    body = text[start:end]
    if not body.isprintable():  # every space but " " is unprintable, and most texts have none
        body = _SPACE.sub(" ", body)
    shift = len(lead) - start
    inside = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return lead + body + tail, inside
