"""The saved-page importer, on the real page in sample_data/ and on pages written here.

The real page fixes what a user sees after importing it; the written pages vary what real pages
vary (titles, names, bullets, counts, missing parts) so the parser is held to the layout, not to
one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.ingest.errors import ImportFailure
from store.ingest.savedpage import looks_like_saved_page, parse_saved_page
from store.paths import sample_data_dir
from store.records import DocumentDraft

REAL_PAGE = "000_ad01ffdc07868135.txt"
REAL_AUTHORS = ["Paddy Singh", "Timothy", "Moose", "Evan"]
REAL_SECTIONS = ["Iraq", "Islamic state", "Syria", "Aqap", "Al shabaab", "Boko Haram", "Isis"]

# Text from every part of the real page that is not reporting: slugs, bio, donation box, tags
# line, count line, comments and section names.
NOT_REPORTING = (
    "screen-shot",
    "16-12-13",
    "Joscelyn",
    "donation",
    "Tags:",
    "4 Comments",
    "says:",
    "Poor leadership",
    "Boko Haram",
)

FERRY_PARAGRAPHS = (
    "The island ferry resumed service on Tuesday after a three-day suspension.",
    "Operators said 1,200 passengers had been stranded on the mainland.",
)


@pytest.fixture(scope="module")
def real_text() -> str:
    return (sample_data_dir() / REAL_PAGE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real(real_text: str) -> DocumentDraft:
    return parse_saved_page(real_text, REAL_PAGE)


def saved_page(
    title: str = "Ferry service resumes after storm",
    paragraphs: Sequence[str] = FERRY_PARAGRAPHS,
    *,
    preamble: Sequence[str] = (),
    images: Sequence[str] = (),
    bio: str | None = None,
    donation: str | None = None,
    tags_line: str | None = None,
    count_line: str | None = None,
    comments: Sequence[tuple[str, Sequence[str]]] = (),
    bullet: str = "•",
    verb: str = "says:",
    sections: Sequence[str] = (),
) -> str:
    """A page in the saved-page layout; a comment paragraph's "\\n" becomes a line break."""
    parts: list[str] = [title, *preamble, *paragraphs, *images]
    parts += [part for part in (bio, donation, tags_line, count_line) if part is not None]
    for name, body in comments:
        parts.append(f"  {bullet} {name} {verb}")
        parts += ["\n".join(f"    {line}" for line in para.split("\n")) for para in body]
    parts += sections
    return "\n\n".join(parts) + "\n"


class TestRealPage:
    """What a user sees after importing the saved Long War Journal page."""

    def test_title_is_the_first_line(self, real: DocumentDraft) -> None:
        assert real.title == "Jihadis celebrate capture of Russian base in Palmyra, Syria"
        assert real.source == REAL_PAGE

    def test_body_holds_only_the_reporting(self, real: DocumentDraft) -> None:
        paragraphs = real.body.split("\n\n")
        assert paragraphs[0].startswith("The Islamic State’s Amaq News Agency has produced")
        assert "352 men from the Syrian Army" in real.body
        for noise in NOT_REPORTING:
            assert noise not in real.body, noise
        assert all(p.strip() == p and p for p in paragraphs)

    def test_captions_stay_in_the_body(self, real: DocumentDraft) -> None:
        paragraphs = real.body.split("\n\n")
        assert "Amaq’s infographic summarizing the battle of Palmyra:" in paragraphs
        assert (
            paragraphs[-1]
            == "Screen shots from the video recorded inside the Russian base in Palmyra:"
        )

    def test_images_are_the_slugs_in_order(self, real: DocumentDraft) -> None:
        assert len(real.images) == 23
        assert real.images[0] == "16-12-13-battle-of-palmyra"
        assert real.images[1] == "screen-shot-2016-12-13-at-1-27-01-pm"
        assert real.images[-1] == "screen-shot-2016-12-13-at-12-56-36-pm"

    def test_author_date_site_tags(self, real: DocumentDraft) -> None:
        assert real.author == "Thomas Joscelyn"
        assert real.published == datetime(2016, 12, 13, tzinfo=UTC)
        assert real.published is not None and real.published.tzinfo is not None
        assert real.site is None
        assert real.tags == REAL_SECTIONS
        assert real.claims is None

    def test_comments_have_authors_and_whole_bodies(self, real: DocumentDraft) -> None:
        assert [c.author for c in real.comments] == REAL_AUTHORS
        assert real.declared_comment_count == 4
        assert real.warnings == []
        assert real.comments[0].body == (
            "Why did not the Russian planes return to bomb places that are documented above? "
            "Poor leadership?"
        )
        evan = real.comments[3].body
        assert evan.startswith("The lone pawn is my favorite…\n\nLooking at the photos")
        assert evan.endswith("we should bomb the hell out of them??!?”")
        assert evan.count("\n\n") == 5
        assert "I’m not sure.\nI’m curious about some things, such as," in evan
        assert not any(line.startswith(" ") for c in real.comments for line in c.body.split("\n"))

    def test_is_recognised_by_content(self, real_text: str) -> None:
        assert looks_like_saved_page(real_text)

    def test_windows_line_endings_and_bom_read_the_same(
        self, real_text: str, real: DocumentDraft
    ) -> None:
        converted = parse_saved_page("\ufeff" + real_text.replace("\n", "\r\n"), REAL_PAGE)
        assert converted == real


@pytest.mark.parametrize(
    ("bullet", "verb"),
    [("*", "says:"), ("-", "said:"), ("·", "wrote:"), ("•", "says")],
)
def test_bullet_and_verb_variants(real_text: str, bullet: str, verb: str) -> None:
    text = real_text.replace("  • ", f"  {bullet} ").replace(" says:\n", f" {verb}\n")
    draft = parse_saved_page(text, REAL_PAGE)
    assert [c.author for c in draft.comments] == REAL_AUTHORS
    assert draft.comments == parse_saved_page(real_text, REAL_PAGE).comments


def test_declared_count_that_differs_is_a_warning(real_text: str) -> None:
    draft = parse_saved_page(real_text.replace("4 Comments", "5 Comments"), REAL_PAGE)
    assert draft.declared_comment_count == 5
    assert len(draft.comments) == 4
    assert "declared 5 comments, found 4" in draft.warnings

    written = saved_page(count_line="3 Comments", comments=[("Ann", ["Yes."]), ("Bo", ["No."])])
    assert parse_saved_page(written, "w.txt").warnings == ["declared 3 comments, found 2"]


@pytest.mark.parametrize(
    ("count_line", "comments"),
    [
        ("No Comments", []),
        ("1 Comment", [("Ines Okafor", ["Glad they are running again."])]),
        (
            "3 Comments",
            [
                ("Marta", ["First paragraph.", "Second paragraph,\nwith a line break."]),
                ("K. de la Cruz", ["Short one."]),
                ("anon42", ["Is the 1,200 figure\nfrom the operator?", "Source?", "Thanks."]),
            ],
        ),
    ],
)
def test_written_pages_with_zero_one_three_comments(
    real: DocumentDraft, count_line: str, comments: list[tuple[str, list[str]]]
) -> None:
    text = saved_page(count_line=count_line, comments=comments, bullet="*", sections=["Europe"])
    draft = parse_saved_page(text, "ferry.txt")
    assert draft.title == "Ferry service resumes after storm"
    assert draft.body == "\n\n".join(FERRY_PARAGRAPHS)
    assert [(c.author, c.body) for c in draft.comments] == [
        (name, "\n\n".join(body)) for name, body in comments
    ]
    assert draft.declared_comment_count == len(comments)
    assert draft.warnings == []
    assert draft.tags == ["Europe"]
    # The same reader gives the real page its four comments.
    assert len(real.comments) == real.declared_comment_count == 4


def test_page_without_tags_images_bio_or_count(real: DocumentDraft) -> None:
    text = saved_page(comments=[("Lee", ["Finally.", "Took long enough."])], bullet="-")
    draft = parse_saved_page(text, "bare.txt")
    assert draft.body == "\n\n".join(FERRY_PARAGRAPHS)
    assert (draft.images, draft.tags, draft.author, draft.published) == ([], [], None, None)
    assert draft.declared_comment_count is None
    assert [(c.author, c.body) for c in draft.comments] == [
        ("Lee", "Finally.\n\nTook long enough.")
    ]
    assert draft.warnings == []
    assert real.images and real.author


def test_bio_donation_and_tags_on_a_written_page(real: DocumentDraft) -> None:
    text = saved_page(
        "Port strike enters second week",
        ["Dockworkers walked out on 2 May.", "Ivan Petrov is a union steward who led the vote."],
        images=["2021-05-09-picket-line.jpg", "port-crane"],
        bio="Maria van der Berg is an investigative reporter at the Harbour Gazette.",
        donation="Enjoy our work? Please consider a donation to keep it free.",
        tags_line="Tags: Labour, , Shipping, labour",
        count_line="No Comments",
        sections=["Economy", "Shipping"],
    )
    draft = parse_saved_page(text, "port.txt")
    assert draft.author == "Maria van der Berg"
    assert draft.body.endswith("Ivan Petrov is a union steward who led the vote.")
    assert "donation" not in draft.body and "Harbour Gazette" not in draft.body
    assert draft.images == ["2021-05-09-picket-line.jpg", "port-crane"]
    assert draft.published == datetime(2021, 5, 9, tzinfo=UTC)
    assert draft.tags == ["Labour", "Shipping", "Economy"]
    assert real.author == "Thomas Joscelyn"


def test_a_body_sentence_is_not_a_bio(real: DocumentDraft) -> None:
    text = saved_page("Colonel named", ["Ivan Petrov is a Russian colonel, officials said."])
    assert parse_saved_page(text, "c.txt").author is None
    followed = saved_page("Colonel named", ["A convoy moved north.", "Ivan Petrov is a colonel."])
    assert parse_saved_page(followed, "c.txt").author is None
    assert "Thomas Joscelyn is" not in real.body


def test_bio_before_a_comment_count_without_donation(real: DocumentDraft) -> None:
    text = saved_page(bio="Sam O'Neill is the paper's transport editor.", count_line="0 Comments")
    draft = parse_saved_page(text, "bio.txt")
    assert draft.author == "Sam O'Neill"
    assert "transport editor" not in draft.body
    assert real.author == "Thomas Joscelyn"


def test_byline_and_date_line_under_the_title(real: DocumentDraft) -> None:
    text = saved_page(preamble=["By Jane Roe", "March 3, 2021"], images=["2019-01-01-map"])
    draft = parse_saved_page(text, "byline.txt")
    assert draft.author == "Jane Roe"
    assert draft.published == datetime(2021, 3, 3, tzinfo=UTC)
    assert draft.body == "\n\n".join(FERRY_PARAGRAPHS)
    assert real.published == datetime(2016, 12, 13, tzinfo=UTC)


def test_published_is_the_most_common_slug_date(real: DocumentDraft) -> None:
    images = ["2019-05-05-archive", "screen-shot-2020-01-02-at-9", "20-01-02-chart", "logo-wide"]
    draft = parse_saved_page(saved_page(images=images), "dates.txt")
    assert draft.published == datetime(2020, 1, 2, tzinfo=UTC)
    assert real.published == datetime(2016, 12, 13, tzinfo=UTC)


def test_bulleted_quote_in_the_article_is_not_a_comment(real: DocumentDraft) -> None:
    paragraphs = ["The statement was short.", "- The ministry said:", "Service will resume."]
    draft = parse_saved_page(saved_page(paragraphs=paragraphs), "quote.txt")
    assert draft.comments == []
    assert "- The ministry said:" in draft.body
    assert "says:" not in real.body


def test_comment_edge_cases(real: DocumentDraft) -> None:
    text = saved_page(
        count_line="2 Comments",
        comments=[("Ann", ["My list:", "- item one\n- he said: no"]), ("Bo", [])],
    ).replace("Ann says:", "Ann says: Inline start.")
    draft = parse_saved_page(text, "edge.txt")
    assert [c.author for c in draft.comments] == ["Ann", "Bo"]
    assert draft.comments[0].body == "Inline start.\n\nMy list:\n\n- item one\n- he said: no"
    assert draft.comments[1].body == ""
    assert [c.author for c in real.comments] == REAL_AUTHORS


def test_unrecognised_paragraph_after_comments_is_reported(real_text: str) -> None:
    text = real_text + "\nThis long paragraph fits no part of the layout, so it is reported.\n"
    draft = parse_saved_page(text, REAL_PAGE)
    assert "ignored 1 unrecognised paragraphs after the article" in draft.warnings
    assert "fits no part" not in draft.body


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty document"),
        (" \n\n\t\n", "empty document"),
        ("4 Comments\n\n  • Ann says:\n\n    Hi.\n", "no title line"),
        ("    indented opening\n\nbody\n", "no title line"),
        ("Title only\n\n4 Comments\n", "no body text after the title"),
        ("Title\x00\n\nbody\n", "binary data, not text"),
    ],
)
def test_bad_input_fails_with_a_one_line_reason(real_text: str, text: str, reason: str) -> None:
    with pytest.raises(ImportFailure) as caught:
        parse_saved_page(text, "bad.txt")
    assert str(caught.value) == reason
    assert "\n" not in str(caught.value)
    assert parse_saved_page(real_text, REAL_PAGE).title


@pytest.mark.parametrize(
    "text",
    ["<html><body>4 Comments</body></html>", '{"title": "x"}', "", "Title\n\nJust prose.\n"],
)
def test_other_formats_are_not_sniffed(real_text: str, text: str) -> None:
    assert not looks_like_saved_page(text)
    assert looks_like_saved_page(real_text)
    assert looks_like_saved_page(saved_page(tags_line="Tags: x"))


@settings(max_examples=40, deadline=None)
@given(
    comments=st.lists(
        st.tuples(
            st.sampled_from(["Ann", "Bo Li", "Carmen de Souza", "x_y", "Dr. Who"]),
            st.lists(st.sampled_from(["Yes.", "No way!", "Why?\nReally?"]), min_size=1, max_size=3),
        ),
        max_size=5,
    ),
    bullet=st.sampled_from(["•", "*", "-", "·"]),
    verb=st.sampled_from(["says:", "said:", "wrote:", "says"]),
)
def test_any_number_of_comments_is_read_back(
    real_text: str, comments: list[tuple[str, list[str]]], bullet: str, verb: str
) -> None:
    text = saved_page(
        count_line=f"{len(comments)} Comments", comments=comments, bullet=bullet, verb=verb
    )
    draft = parse_saved_page(text, "gen.txt")
    assert [(c.author, c.body) for c in draft.comments] == [
        (name, "\n\n".join(body)) for name, body in comments
    ]
    assert draft.warnings == []
    assert len(parse_saved_page(real_text, REAL_PAGE).comments) == 4
