"""Scoring claim extraction against hand labels of real articles (tests/data/claim_labels/).

The labels were written by a person who never saw the extractor's output: for each article,
every attributed or hedged statement (a verbatim piece of the stored body), the claimant a
fact-checker would write (``also``: other acceptable forms), its figures, and sentences that are
*not* claims. The pages themselves stay in ``../shared/real-world/html`` (never in the repo);
a label file names its page.

How an extracted claim is held to a label (the same rules in the test and the benchmark):

- *found*: a claim of the article body whose span contains the label's text and holds no line
  break (a stored body keeps one paragraph per line);
- *claimant*: equal after :func:`normalised` (case, a leading article, courtesy titles and
  punctuation ignored) to the label's claimant or one of its ``also`` forms; a label with no
  claimant (a hedged statement) wants none;
- *figure*: the label's figure is counted right when a quantity of a claim in the same paragraph
  has the same count (and the same upper bound or whole, "of", when the label gives one);
- *precise*: an extracted claim overlapping a labelled statement, or, when no label covers it,
  one that is plainly attributed (a claimant and an attribution phrase) or hedged; a claim
  overlapping a ``not_claims`` sentence is always wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.records import ClaimDraft, DocumentDraft, Quantity

ROOT = Path(__file__).resolve().parent.parent
LABEL_DIR = ROOT / "tests" / "data" / "claim_labels"

PRONOUNS = frozenset({
    "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "this", "that",
    "these", "those", "who", "which", "his", "its", "their",
})  # fmt: skip
"""A claimant that is one of these is a pronoun left unresolved."""

FRAGMENT_WORDS = frozenset({
    "is", "was", "were", "are", "be", "been", "if", "whether", "not", "clear", "when", "had",
    "has", "have", "would", "could", "will", "did", "does", "do",
})  # fmt: skip
"""A verb or subordinator inside a claimant shows a piece of clause, not a source."""

_TITLES = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|sen|rep|gov|gen|col|capt|lt|sgt|st|sir|dame|lord|lady)\.?\s+",
    re.IGNORECASE,
)
_PUNCT = re.compile(r"[^\w\s]")


def normalised(name: str | None) -> str:
    """A claimant reduced for comparison: "The Mr. Cueto's" and "cueto" compare equal."""
    if not name:
        return ""
    text = name.replace("’", "'").strip().casefold()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text)
    text = _TITLES.sub("", text)
    return " ".join(_PUNCT.sub(" ", text).split())


def is_fragment(claimant: str | None, title: str = "") -> bool:
    """Whether a claimant is a pronoun, a piece of a clause, or the article's title."""
    if not claimant:
        return False
    words = normalised(claimant).split()
    if not words:
        return True
    if len(words) == 1 and words[0] in PRONOUNS:
        return True
    if claimant.split()[0].lower() in {"it", "there", "this", "that"}:
        return True
    if title and normalised(title) == normalised(claimant):
        return True
    return len(words) > 8 or bool(FRAGMENT_WORDS.intersection(words))


@dataclass(frozen=True, slots=True)
class Figure:
    text: str
    count: float | None
    unit: str | None
    item: str | None
    high: float | None = None
    of: float | None = None
    vague: bool = False


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    claimant: str | None
    also: tuple[str, ...]
    kind: str
    figures: tuple[Figure, ...]

    def accepts(self, claimant: str | None) -> bool:
        """Whether ``claimant`` is the label's claimant (or one of its accepted forms)."""
        if self.claimant is None:
            return claimant is None
        wanted = {normalised(self.claimant), *(normalised(a) for a in self.also)}
        return normalised(claimant) in wanted


@dataclass(frozen=True, slots=True)
class LabelledPage:
    stem: str
    file: str
    statements: tuple[Statement, ...]
    not_claims: tuple[str, ...]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def load_labels(folder: Path = LABEL_DIR) -> list[LabelledPage]:
    """Every label file of ``folder``, sorted by name."""
    pages = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        statements = tuple(
            Statement(
                text=s["text"],
                claimant=s.get("claimant"),
                also=tuple(s.get("also") or ()),
                kind=s.get("kind", "attributed"),
                figures=tuple(
                    Figure(
                        text=f["text"],
                        count=_number(f.get("count")),
                        unit=f.get("unit"),
                        item=f.get("item"),
                        high=_number(f.get("high")),
                        of=_number(f.get("of")),
                        vague=bool(f.get("vague")),
                    )
                    for f in s.get("figures") or ()
                ),
            )
            for s in data.get("statements") or ()
        )
        pages.append(
            LabelledPage(
                path.stem,
                data.get("file", path.stem + ".html"),
                statements,
                tuple(data.get("not_claims") or ()),
            )
        )
    return pages


@dataclass(slots=True)
class Score:
    """Counts for one article or for many (``+=``)."""

    statements: int = 0
    located: int = 0
    found: int = 0
    right_claimant: int = 0
    figures: int = 0
    right_figures: int = 0
    claims: int = 0
    precise: int = 0
    not_claims_hit: int = 0
    crossing: int = 0
    fragment_claimants: int = 0
    seconds: float = 0.0
    articles: int = 0
    misses: list[str] = field(default_factory=list)

    def __iadd__(self, other: Score) -> Score:
        for name in (
            "statements",
            "located",
            "found",
            "right_claimant",
            "figures",
            "right_figures",
            "claims",
            "precise",
            "not_claims_hit",
            "crossing",
            "fragment_claimants",
            "seconds",
            "articles",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)
        return self

    @staticmethod
    def _ratio(part: float, whole: float) -> float:
        return part / whole if whole else 1.0

    @property
    def recall(self) -> float:
        return self._ratio(self.found, self.statements)

    @property
    def found_with_claimant(self) -> float:
        """The goal's figure: statements found in their paragraph with the right claimant."""
        return self._ratio(self.right_claimant, self.statements)

    @property
    def claimant_accuracy(self) -> float:
        """Right claimants among the statements found."""
        return self._ratio(self.right_claimant, self.found)

    @property
    def figure_accuracy(self) -> float:
        return self._ratio(self.right_figures, self.figures)

    @property
    def precision(self) -> float:
        return self._ratio(self.precise, self.claims)

    @property
    def ms_per_article(self) -> float:
        return self._ratio(self.seconds * 1000, self.articles)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _figure_right(figure: Figure, quantities: Iterable[Quantity]) -> bool:
    for quantity in quantities:
        if figure.vague or figure.count is None:
            overlap = (
                quantity.text.lower() in figure.text.lower()
                or figure.text.lower() in quantity.text.lower()
            )
            if quantity.count is None and overlap:
                return True
            continue
        count = None if quantity.count is None else float(quantity.count)
        if not _same(count, figure.count):
            continue
        if figure.high is not None and not _same(
            _number(getattr(quantity, "high", None)), figure.high
        ):
            continue
        if figure.of is not None and not _same(_number(getattr(quantity, "of", None)), figure.of):
            continue
        return True
    return False


def _paragraph(body: str, position: int) -> tuple[int, int]:
    start = body.rfind("\n", 0, position) + 1
    end = body.find("\n", position)
    return start, len(body) if end < 0 else end


def score_page(
    page: LabelledPage, draft: DocumentDraft, claims: list[ClaimDraft], seconds: float = 0.0
) -> Score:
    """How the claims extracted from ``draft`` hold to ``page``'s labels."""
    body = draft.body
    score = Score(seconds=seconds, articles=1)
    own = [c for c in claims if c.comment_index is None]
    score.claims = len(own)
    covered: set[int] = set()
    label_spans: list[tuple[int, int]] = []
    for statement in page.statements:
        score.statements += 1
        score.figures += len(statement.figures)
        where = body.find(statement.text)
        if where < 0:
            score.misses.append(
                f"{page.stem}: label text not in the stored body: {statement.text[:60]!r}"
            )
            continue
        score.located += 1
        end = where + len(statement.text)
        label_spans.append((where, end))
        holding = [
            i for i, c in enumerate(own) if c.start <= where and end <= c.end and "\n" not in c.text
        ]
        left, right = _paragraph(body, where)
        nearby = [q for c in own if c.start < right and left < c.end for q in c.quantities]
        for figure in statement.figures:
            if _figure_right(figure, nearby):
                score.right_figures += 1
            else:
                score.misses.append(
                    f"{page.stem}: figure {figure.text!r} "
                    f"(count {figure.count}) not parsed; have "
                    f"{[(q.text, q.count) for q in nearby][:4]}"
                )
        if not holding:
            score.misses.append(f"{page.stem}: missed {statement.text[:70]!r}")
            continue
        score.found += 1
        covered.update(holding)
        if any(statement.accepts(own[i].claimant) for i in holding):
            score.right_claimant += 1
        else:
            score.misses.append(
                f"{page.stem}: claimant {own[holding[0]].claimant!r} for "
                f"{statement.claimant!r}: {statement.text[:50]!r}"
            )
    not_spans = [(p, p + len(t)) for t in page.not_claims if (p := body.find(t)) >= 0]
    for index, claim in enumerate(own):
        if "\n" in claim.text:
            score.crossing += 1
        if is_fragment(claim.claimant, draft.title):
            score.fragment_claimants += 1
            score.misses.append(f"{page.stem}: fragment claimant {claim.claimant!r}")
        wrong = any(claim.start < e and s < claim.end for s, e in not_spans)
        labelled = index in covered or any(
            claim.start < e and s < claim.end for s, e in label_spans
        )
        plain = (
            bool(claim.claimant and claim.attribution)
            or bool(claim.hedges)
            or claim.status == "unverifiable"
        )
        if wrong:
            score.not_claims_hit += 1
            score.misses.append(f"{page.stem}: not a claim: {claim.text[:70]!r}")
        elif labelled or plain:
            score.precise += 1
        else:
            score.misses.append(f"{page.stem}: unlabelled, not plain: {claim.text[:70]!r}")
    return score


def real_page_draft(html_dir: Path, page: LabelledPage) -> DocumentDraft:
    """The labelled page imported as claimdesk imports it (without extracting claims)."""
    from store.ingest.html_page import parse_html_page

    path = html_dir / page.file
    return parse_html_page(path.read_text(encoding="utf-8", errors="replace"), str(path))[0]


def score_all(
    html_dir: Path,
    extract: Callable[[DocumentDraft], list[ClaimDraft]],
    pages: list[LabelledPage] | None = None,
    timer: Callable[[], float] | None = None,
) -> tuple[Score, list[tuple[str, Score]]]:
    """The overall score and each article's, extracting with ``extract``."""
    import time

    clock = timer or time.perf_counter
    total = Score()
    each = []
    for page in pages if pages is not None else load_labels():
        draft = real_page_draft(html_dir, page)
        started = clock()
        claims = extract(draft)
        elapsed = clock() - started
        score = score_page(page, draft, claims, elapsed)
        each.append((page.stem, score))
        total += score
    return total, each
