"""Title, author, date and site of real news pages against hand labels, and the byline and
title cleaning those rest on."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.importer import load_file
from store.ingest.bylines import clean_byline, is_placeholder_title
from tests.news_metadata import FIELDS, labels, score


def test_news_pages_metadata_right_on_95_percent(real_world: Path) -> None:
    drafts = {
        page: load_file(real_world / "html" / f"adbar_trafilatura__{page}.html")[0]
        for page in labels()
    }
    scores = score(drafts)
    right = sum(s.right for s in scores.values())
    labelled = sum(s.labelled for s in scores.values())
    assert labelled >= 170
    assert right / labelled >= 0.95, {f: scores[f].wrong for f in FIELDS}
    for field in FIELDS:
        assert scores[field].right / scores[field].labelled >= 0.9, (field, scores[field].wrong)


@pytest.mark.parametrize(
    ("byline", "site", "people"),
    [
        (
            "By Glen Owen And Brendan Carlin For The Mail On Sunday",
            "Mail Online",
            "Glen Owen and Brendan Carlin",
        ),
        ("View all posts by Daniel Lemire", "Daniel Lemire's blog", "Daniel Lemire"),
        ("Rob Picheta; CNN", "CNN", "Rob Picheta"),
        ("By Jane Doe, Staff Writer", None, "Jane Doe"),
        ("Article by", None, None),
        ("No Author", None, None),
        ("By ABC7 News Staff", "ABC7 News", None),
        ("AFP/The Local", "The Local Sweden", None),
        ("CBS News February", "CBS News", None),
        ("Letters To The Editor", None, None),
        (
            "Lenny Bernstein, illustration by Anna Parini for the washington post",
            None,
            "Lenny Bernstein",
        ),
        ("Cory Doctorow", "Boing Boing", "Cory Doctorow"),  # "oct" is no October here
        ("Von Henning Lobin", None, "Henning Lobin"),
        ("robot@craigslist.org", None, None),
    ],
)
def test_bylines_keep_the_people_only(byline: str, site: str | None, people: str | None) -> None:
    assert clean_byline(byline, site) == people


def test_cms_placeholders_are_not_titles() -> None:
    assert is_placeholder_title("escenic")
    assert is_placeholder_title("The Telegraph", site="The Telegraph")
    assert not is_placeholder_title("Plumber jailed after boiler killed millionaire's daughter")


def test_placeholder_title_gives_way_to_the_headline(real_world: Path) -> None:
    [draft] = load_file(real_world / "html" / "adbar_trafilatura__telegraph.co.uk.plumber.html")
    assert draft.title == "Plumber jailed after boiler killed millionaire's daughter"
