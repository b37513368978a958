"""A ClaimReview a fact-checker can publish: the reviewer, the review's date and page, and the
claimant typed Person or Organization (store/export/claimreview.py, reviewer.py,
claimant_kind.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from store.editing import ClaimChanges
from store.export import ExportError, bundle_for
from store.export.claimant_kind import claimant_kind
from store.export.pipeline import prepared, render_export, unverified_warning
from store.export.reviewer import ReviewerError, load_reviewer
from store.records import ClaimStatus
from store.store import Store
from tests.export_data import Seeded, seed
from tests.reviewer_config import REVIEWER, write_reviewer


@pytest.fixture
def seeded(store: Store) -> Seeded:
    return seed(store)


def _reviews(
    store: Store, seeded: Seeded, name: str | None = None, url: str | None = None
) -> list[dict[str, Any]]:
    """The seeded claims as they are now in the store, exported as ClaimReview."""
    claims = store.list_claims(ids=[claim.id for claim in seeded.claims])
    bundle = prepared(bundle_for(store, claims), "claimreview", name, url)
    data: list[dict[str, Any]] = json.loads(render_export(bundle, "claimreview"))
    return data


def test_without_a_reviewer_the_export_says_what_to_set(store: Store, seeded: Seeded) -> None:
    with pytest.raises(ExportError) as refused:
        _reviews(store, seeded)
    message = str(refused.value)
    assert "\n" not in message
    assert "[reviewer] name and url" in message and "config.toml" in message


def test_each_review_carries_its_reviewer_date_and_page(store: Store, seeded: Seeded) -> None:
    write_reviewer()
    judged = store.set_claim_status(seeded.claims[0].id, ClaimStatus.FALSE, "no such battle")
    reviews = _reviews(store, seeded)
    first = reviews[0]
    assert first["author"] == {
        "@type": "Organization",
        "name": REVIEWER.name,
        "url": REVIEWER.url,
    }
    assert first["url"] == f"https://ledger.example/factcheck/claims/{judged.id}"
    assert judged.judged_at is not None
    assert first["datePublished"] == judged.judged_at.isoformat()
    assert len({r["url"] for r in reviews}) == len(reviews)  # a page per review


def test_command_line_reviewer_wins_and_the_url_falls_back_to_an_anchor(
    store: Store, seeded: Seeded
) -> None:
    reviews = _reviews(store, seeded, name="Desk", url="https://desk.example/checks")
    assert reviews[0]["author"]["name"] == "Desk"
    assert reviews[0]["url"] == f"https://desk.example/checks#claim-{seeded.claims[0].id}"


def test_claimant_typed_by_rule_or_by_the_users_edit(store: Store, seeded: Seeded) -> None:
    write_reviewer()
    amaq = seeded.claims[0]
    assert _reviews(store, seeded)[0]["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Amaq",
    }
    store.edit_claim(amaq.id, ClaimChanges(claimant="Abu Muhammad", claimant_type="organization"))
    seeded = replace(seeded, claims=[amaq])
    assert _reviews(store, seeded)[0]["itemReviewed"]["author"]["@type"] == "Organization"
    store.edit_claim(amaq.id, ClaimChanges(claimant_type=""))  # back to the rule
    seeded = replace(seeded, claims=[amaq])
    assert _reviews(store, seeded)[0]["itemReviewed"]["author"]["@type"] == "Person"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Amaq", "Organization"),
        ("a ministry spokesperson", "Person"),
        ("Tomasz Brenner, a freight economist at the Northern Institute", "Person"),
        ("The Calder Grain Traders' Association", "Organization"),
        ("the trade ministry", "Organization"),
        ("Officials", "Person"),
        ("IDF", "Organization"),
        ("President Putin", "Person"),
        ("Syrian Observatory for Human Rights", "Organization"),
    ],
)
def test_the_claimant_rule(name: str, kind: str) -> None:
    assert claimant_kind(name) == kind


def test_unverified_claims_are_warned_about(store: Store, seeded: Seeded) -> None:
    write_reviewer()
    store.set_claim_status(seeded.claims[0].id, ClaimStatus.UNVERIFIED)
    bundle = prepared(
        bundle_for(store, store.list_claims(ids=[seeded.claims[0].id])), "claimreview"
    )
    assert unverified_warning(bundle).startswith("the claim is still unverified")


def test_a_broken_config_is_one_line(tmp_path: Path) -> None:
    path = write_reviewer('[reviewer]\nname = "Desk"\nurl = "https://d.example"\nreview_url = "x"')
    with pytest.raises(ReviewerError, match="must be a web address"):
        load_reviewer(path)
    write_reviewer(
        '[reviewer]\nname = "Desk"\nurl = "https://d.example/r"\nreview_url = "https://d.example/r"'
    )
    with pytest.raises(ReviewerError, match=r"must hold \{id\}"):
        load_reviewer()
    write_reviewer("[reviewer\n")
    with pytest.raises(ReviewerError, match="not read"):
        load_reviewer()
    write_reviewer('[reviewer]\nname = "Desk"\n')
    assert load_reviewer() is None  # no url: not a reviewer yet
