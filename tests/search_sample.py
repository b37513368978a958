"""The sample page as drafts, built by hand until the saved-page parser and claim extractor land.

Title, body, comments and claims are copied from ``sample_data/000_ad01ffdc07868135.txt``; the
claims are the sentences a reader would mark, with their figures, so search tests can run on
this branch. Once ``store.ingest.savedpage`` exists, ``tests/test_search_sample_page.py`` runs
the same labelled queries on the page as the real importer reads it.
"""

from __future__ import annotations

from store.records import ClaimDraft, CommentDraft, DocumentDraft, Quantity
from tests.conftest import SEED_PAGE

TITLE = "Jihadis celebrate capture of Russian base in Palmyra, Syria"
TANKS_CLAIM = (
    "Amaq claims that all of the following were seized: 44 tanks, 7 BMPs, 7 130mm "
    "cannons, 14 23mm cannons, several anti-armor rocket launchers, dozens of "
    "anti-armor rockets, various automatic weapons, military vehicles, weapons and "
    "ammunition."
)
MEN_CLAIM = (
    "In addition, 352 men from the Syrian Army and allied Shiite militias were purportedly killed."
)
ORYX_CLAIM = "Oryx is reporting that they also captured an S-125 surface-to-air missile."


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end)].strip()


def _comment_body(text: str, author: str, next_marker: str | None) -> str:
    head = f"{author} says:"
    begin = text.index(head) + len(head)
    finish = text.index(next_marker, begin) if next_marker else text.index("\nIraq\n")
    return " ".join(
        line.strip() for line in text[begin:finish].strip().splitlines() if line.strip()
    )


def sample_draft() -> DocumentDraft:
    """The seed page: article, four comments, three claims with their real spans."""
    page = SEED_PAGE.read_text(encoding="utf-8")
    body = _section(page, "The Islamic State’s Amaq", "Tags:")
    authors = ["Paddy Singh", "Timothy", "Moose", "Evan"]
    comments = [
        CommentDraft(
            author,
            _comment_body(page, author, f"• {authors[i + 1]}" if i + 1 < len(authors) else None),
        )
        for i, author in enumerate(authors)
    ]
    tanks_at = body.index(TANKS_CLAIM)
    men_at = body.index(MEN_CLAIM)
    oryx_at = comments[2].body.index(ORYX_CLAIM)
    claims = [
        ClaimDraft(
            TANKS_CLAIM,
            tanks_at,
            tanks_at + len(TANKS_CLAIM),
            claimant="Amaq",
            quantities=(
                Quantity(44, "44", "tanks"),
                Quantity(7, "7", "BMPs"),
                Quantity(None, "dozens", "anti-armor rockets"),
            ),
        ),
        ClaimDraft(
            MEN_CLAIM,
            men_at,
            men_at + len(MEN_CLAIM),
            claimant="Amaq",
            hedges=("purportedly",),
            quantities=(Quantity(352, "352", "men"),),
        ),
        ClaimDraft(
            ORYX_CLAIM,
            oryx_at,
            oryx_at + len(ORYX_CLAIM),
            claimant="Oryx",
            quantities=(Quantity(1, "an", "S-125 surface-to-air missile"),),
            comment_index=2,
        ),
    ]
    return DocumentDraft(
        title=TITLE,
        body=body,
        source=SEED_PAGE.name,
        url="https://www.longwarjournal.org/archives/2016/12/jihadis-celebrate-capture-of-"
        "russian-base-in-palmyra-syria.php",
        site="www.longwarjournal.org",
        author="Thomas Joscelyn",
        tags=["Iraq", "Islamic state", "Syria", "Aqap", "Al shabaab", "Boko Haram", "Isis"],
        comments=comments,
        claims=claims,
    )


def other_draft() -> DocumentDraft:
    """A second, unrelated article so filters and negation have something to leave out."""
    body = (
        "Farmers in the valley report that the harvest of olives was larger than last "
        "year. The cooperative says prices held steady."
    )
    return DocumentDraft(
        title="Olive harvest grows in the valley",
        body=body,
        source="olives.txt",
        site="example.org",
        author="Maria Lopez",
        tags=["agriculture"],
        comments=[CommentDraft("Evan", "Good news for the valley, and cheaper oil for us.")],
        claims=[
            ClaimDraft(
                "The cooperative says prices held steady.",
                body.index("The coop"),
                len(body),
                claimant="the cooperative",
            )
        ],
    )
