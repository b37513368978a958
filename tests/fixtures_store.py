"""Fixture stores built from drafts, for the app's tests and the tmux run.

The saved-page parser and the claim extractor live on other branches, so these drafts are made
by hand from real sentences of ``sample_data/000_ad01ffdc07868135.txt``: one article with four
comments (one a reply), claims with their spans in the body and in a comment, and two smaller
articles so that lists have something to sort. Spans are found with ``str.index`` on the text
they index, so they are right by construction.
"""

from __future__ import annotations

from datetime import UTC, datetime

from store.records import ClaimDraft, ClaimStatus, CommentDraft, DocumentDraft, Quantity
from store.store import Store

TITLE = "Jihadis celebrate capture of Russian base in Palmyra, Syria"
PARAGRAPHS = [
    "The Islamic State’s Amaq News Agency has produced a torrent of content from the battle of "
    "Palmyra in recent days. The videos, photos and statements are, of course, jihadi "
    "propaganda.",
    "One video released earlier today trumpeted the capture of a Russian base inside Palmyra. "
    "The Islamic State’s men are shown sorting through the weapons and ammunition left behind.",
    "Separately, Amaq also produced an infographic (seen below) supposedly documenting the "
    "jihadists’ spoils during the four-day battle in Homs province. Amaq claims that all of the "
    "following were seized: 44 tanks, 7 BMPs, 7 130mm cannons, 14 23mm cannons. In addition, "
    "352 men from the Syrian Army and allied Shiite militias were purportedly killed.",
    "Of course, it is impossible to independently verify these figures. However, the video "
    "from inside the Russian base does document some of the Islamic State’s “spoils.”",
]
BODY = "\n\n".join(PARAGRAPHS)
TANKS = (
    "Amaq claims that all of the following were seized: 44 tanks, 7 BMPs, 7 130mm cannons, "
    "14 23mm cannons."
)
KILLED = (
    "In addition, 352 men from the Syrian Army and allied Shiite militias were purportedly killed."
)
COMMENTS = [
    CommentDraft(
        "Paddy Singh",
        "Why did not the Russian planes return to bomb places that are "
        "documented above? Poor leadership?",
        datetime(2016, 12, 13, 15, 2, tzinfo=UTC),
    ),
    CommentDraft(
        "Timothy",
        "I wouldn’t say ISIS is bragging about the success. Subsequent "
        "videos shows ISIS is now in North and Southeast T4, the largest military "
        "airport in Syria.",
        datetime(2016, 12, 13, 16, 40, tzinfo=UTC),
    ),
    CommentDraft(
        "Moose",
        "This was a huge gain for IS. Oryx is reporting that they also "
        "captured an S-125 surface-to-air missile.",
        datetime(2016, 12, 13, 18, 5, tzinfo=UTC),
        parent_index=1,
    ),
    CommentDraft(
        "Evan",
        "The lone pawn is my favorite…\nLooking at the photos, it does seem "
        "like the Russians tried to burn some stuff.",
        datetime(2016, 12, 14, 9, 30, tzinfo=UTC),
    ),
]
ORYX = "Oryx is reporting that they also captured an S-125 surface-to-air missile."


def _claim(text: str, within: str, **fields: object) -> ClaimDraft:
    start = within.index(text)
    return ClaimDraft(text=text, start=start, end=start + len(text), **fields)  # type: ignore[arg-type]


def palmyra_draft() -> DocumentDraft:
    """The seed article: body claims with quantities, a claim in a comment, a reply."""
    return DocumentDraft(
        title=TITLE,
        body=BODY,
        source="000_ad01ffdc07868135.txt",
        url="https://www.longwarjournal.org/archives/2016/12/jihadis-celebrate-capture.php",
        site="longwarjournal.org",
        author="Thomas Joscelyn",
        published=datetime(2016, 12, 13, 12, 0, tzinfo=UTC),
        tags=["Syria", "Islamic state"],
        comments=list(COMMENTS),
        claims=[
            _claim(
                TANKS,
                BODY,
                claimant="Amaq",
                attribution="Amaq claims",
                quantities=(Quantity(44, "44", "tanks"), Quantity(7, "7", "BMPs")),
            ),
            _claim(
                KILLED,
                BODY,
                claimant="Amaq",
                hedges=("purportedly",),
                quantities=(Quantity(352, "352", "men"),),
                status=ClaimStatus.UNVERIFIABLE,
                note="no independent source",
            ),
            _claim(
                ORYX,
                COMMENTS[2].body,
                claimant="Oryx",
                attribution="Oryx is reporting",
                comment_index=2,
            ),
        ],
    )


def other_drafts() -> list[DocumentDraft]:
    """Two short articles from other outlets and dates, so sorting changes the order."""
    first = (
        "Turkish-backed rebels advanced on al-Bab. Officials said 12 fighters were killed "
        "in the clashes."
    )
    second = "Aid groups warned of shortages in Aleppo as winter began."
    return [
        DocumentDraft(
            title="Rebels advance on al-Bab",
            body=first,
            source="bab.txt",
            url="https://example.org/al-bab",
            site="example.org",
            author="A. Writer",
            published=datetime(2016, 12, 20, tzinfo=UTC),
            comments=[CommentDraft("Zed", "Who are the officials?")],
            claims=[
                _claim(
                    "Officials said 12 fighters were killed in the clashes.",
                    first,
                    claimant="Officials",
                    quantities=(Quantity(12, "12", "fighters"),),
                )
            ],
        ),
        DocumentDraft(
            title="Aleppo braces for winter",
            body=second,
            source="aleppo.txt",
            url="https://news.example.net/aleppo",
            site="news.example.net",
            published=datetime(2016, 11, 2, tzinfo=UTC),
        ),
    ]


def fill_store(store: Store) -> None:
    """Put the three fixture articles into ``store``."""
    store.add_documents([palmyra_draft(), *other_drafts()])
