"""An author bio need not read "X is a ...": "Mira Okonkwo covers maritime security for ..."."""

from __future__ import annotations

import pytest

from store.ingest.savedpage import parse_saved_page
from tests.store.test_savedpage import saved_page


@pytest.mark.parametrize(
    "bio",
    [
        "Mira Okonkwo covers maritime security for the Harbour Gazette.",
        "Mira Okonkwo reports on shipping and ports from Lagos.",
        "Mira Okonkwo writes about the sea for several outlets.",
        "Mira Okonkwo has covered West African ports since 2015.",
    ],
)
def test_bio_verbs_give_the_author(bio: str) -> None:
    text = saved_page(bio=bio, donation="Please consider a donation to keep our work free.")
    draft = parse_saved_page(text, "bio.txt")
    assert draft.author == "Mira Okonkwo"
    assert "Okonkwo" not in draft.body


def test_a_reporting_sentence_with_covers_stays_in_the_body() -> None:
    text = saved_page(
        "Insurance",
        ["The policy covers storm damage.", "Ivan Petrov covers the night shift, officials said."],
    )
    draft = parse_saved_page(text, "c.txt")
    assert draft.author is None
    assert draft.body.endswith("officials said.")
