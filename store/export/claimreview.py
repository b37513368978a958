"""schema.org ClaimReview JSON-LD for marked claims, the format fact-checkers publish.

One ``ClaimReview`` per claim, in a JSON array (valid JSON-LD; each object carries its own
``@context`` so any one can be pasted into a page alone). Marked articles and comments are not
claims and are left out. Decisions, where schema.org or the records leave room:

- ``reviewRating`` has ``alternateName`` only, mapped from the claim's status. No numeric
  ``ratingValue``: "unverified" and "unverifiable" are not points on a truth scale, and a number
  would claim a judgement nobody made.
- ``author`` is the reviewer, an ``Organization`` with its name and URL, from ``config.toml``
  or the command line (:mod:`store.export.reviewer`); without one the export is refused in one
  line saying what to set, as a review nobody signs cannot be published.
- ``url`` is the review's own page: the reviewer's ``review_url`` with the claim's id, else the
  reviewer's URL with ``#claim-{id}``. ``datePublished`` is when the claim was judged (else
  the day of the export: the review is published now).
- ``itemReviewed.author`` is the claimant, a ``Person`` or an ``Organization`` as the user set
  it, else as :func:`~store.export.claimant_kind.claimant_kind`'s rule reads the name. A claim
  without a claimant is the text's own assertion: its author is the comment's writer (a
  ``Person``) for a claim in a comment, else the article's author (``Person``) or its outlet
  (``Organization``).
- ``itemReviewed.appearance`` is the article, or for a claim a reader made in a comment, that
  ``Comment`` by its writer (``isPartOf`` the article).
- A field whose value is unknown is left out, never written as null or "".
"""

from __future__ import annotations

import json
from typing import Any

from store.export.bundle import ExportBundle, ExportError
from store.export.claimant_kind import claimant_kind
from store.export.reviewer import Reviewer, missing_reviewer
from store.export.text import found_in_comment
from store.records import ArticleRecord, ClaimRecord, ClaimStatus, iso
from store.safe_text import script_safe

CONTEXT = "https://schema.org"

RATING_NAMES: dict[ClaimStatus, str] = {
    ClaimStatus.UNVERIFIED: "Unverified",
    ClaimStatus.UNVERIFIABLE: "Unverifiable",
    ClaimStatus.CORROBORATED: "Corroborated",
    ClaimStatus.DISPUTED: "Disputed",
    ClaimStatus.FALSE: "False",
}


def _pruned(value: Any) -> Any:
    """``value`` without None, "" or empty containers anywhere inside it."""
    if isinstance(value, dict):
        kept = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [item for item in (_pruned(v) for v in value) if item not in (None, "", [], {})]
    return value


def _named(kind: str, name: str | None) -> dict[str, Any] | None:
    return {"@type": kind, "name": name.strip()} if name and name.strip() else None


def _publisher(article: ArticleRecord) -> dict[str, Any] | None:
    return _named("Organization", article.site)


def _news_article(article: ArticleRecord) -> dict[str, Any]:
    return {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": article.url,
        "author": _named("Person", article.author),
        "datePublished": iso(article.published),
        "publisher": _publisher(article),
    }


def _claim(claim: ClaimRecord, bundle: ExportBundle) -> dict[str, Any]:
    article = bundle.article_of(claim)
    comment = bundle.comment_of(claim)
    author = (
        _named(claimant_kind(claim.claimant, claim.claimant_type), claim.claimant)
        if claim.claimant
        else None
    )
    if author is None and comment is not None:
        author = _named("Person", comment.author)
    if author is None:
        author = _named("Person", article.author) or _publisher(article)
    published = comment.posted if comment is not None else article.published
    appearance = _news_article(article)
    if comment is not None or claim.comment_id is not None:
        # A reader's claim appears in their comment, which the article only hosts.
        commenter = comment.author if comment is not None else ""
        appearance = {
            "@type": "Comment",
            "author": _named("Person", commenter),
            "dateCreated": iso(published),
            "text": comment.body if comment is not None else None,
            "description": found_in_comment(commenter, article.site or article.title),
            "isPartOf": appearance,
        }
    return {
        "@type": "Claim",
        "author": author,
        "datePublished": iso(published),
        "appearance": appearance,
    }


def _day(bundle: ExportBundle) -> str | None:
    """The day of the export: the review date of a claim with no judgement time (never
    judged, or judged before claimdesk kept the time)."""
    return bundle.made_at.date().isoformat() if bundle.made_at is not None else None


def claim_review(claim: ClaimRecord, bundle: ExportBundle, reviewer: Reviewer) -> dict[str, Any]:
    """One ClaimReview object for a claim of ``bundle``, with no empty fields."""
    review = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "reviewRating": {"@type": "Rating", "alternateName": RATING_NAMES[claim.status]},
        "reviewBody": claim.note,
        "author": {"@type": "Organization", "name": reviewer.name, "url": reviewer.url},
        "datePublished": iso(claim.judged_at) or _day(bundle),
        "url": reviewer.url_of(claim.id),
        "itemReviewed": _claim(claim, bundle),
    }
    return dict(_pruned(review))


def export_claimreview(bundle: ExportBundle) -> str:
    """The marked claims as a JSON-LD array of ClaimReview; ExportError if none is a claim or
    the bundle names no reviewer."""
    claims = bundle.claims
    if not claims:
        raise ExportError("ClaimReview covers claims, and no claim was chosen")
    if bundle.reviewer is None:
        raise ExportError(missing_reviewer())
    reviews = [claim_review(claim, bundle, bundle.reviewer) for claim in claims]
    # Pasted into a page's <script type="application/ld+json">: nothing in it may end that.
    return script_safe(json.dumps(reviews, ensure_ascii=False, indent=2)) + "\n"
