"""Saved-page comment blocks as real browser saves write them: no blank line after "says:",
"said:", a date under the name, counts written "Comments (2)"; the declared count is checked."""

from __future__ import annotations

from datetime import UTC, datetime

from store.ingest.savedpage import parse_saved_page

ARTICLE = (
    "Ferry service resumes after storm\n\n"
    "The island ferry resumed service on Tuesday after a three-day suspension.\n\n"
    "Operators said 1,200 passengers had been stranded on the mainland.\n\n"
)


def test_no_blank_line_after_says_and_no_count_line() -> None:
    draft = parse_saved_page(
        ARTICLE + "  • Jo Ferris says:\n    I doubt the 1,200 figure.\n\n"
        "  • Sam Lee said:\n    It was 900.\n    Ask the operator.\n",
        "ferry.txt",
    )
    assert [(c.author, c.body) for c in draft.comments] == [
        ("Jo Ferris", "I doubt the 1,200 figure."),
        ("Sam Lee", "It was 900.\nAsk the operator."),
    ]
    assert "Jo Ferris" not in draft.body


def test_dates_under_the_name_are_posted_times_not_text() -> None:
    draft = parse_saved_page(
        ARTICLE + "2 Comments\n\n  • Jo Ferris says:\n"
        "    December 14, 2016 at 3:05 pm\n\n    I doubt the figure.\n\n"
        "  • Sam Lee says:\n\n    15 December 2016\n\n    It was 900.\n",
        "ferry.txt",
    )
    assert [(c.body, c.posted) for c in draft.comments] == [
        ("I doubt the figure.", datetime(2016, 12, 14, 15, 5, tzinfo=UTC)),
        ("It was 900.", datetime(2016, 12, 15, tzinfo=UTC)),
    ]
    assert draft.warnings == []


def test_declared_count_is_checked_in_every_spelling() -> None:
    for count in ("3 Comments", "Comments (3)", "Comments: 3", "3 Responses to “Ferry”"):
        draft = parse_saved_page(
            ARTICLE + f"{count}\n\n  • Jo Ferris says:\n    Doubtful.\n", "ferry.txt"
        )
        assert draft.declared_comment_count == 3, count
        assert "declared 3 comments, found 1" in draft.warnings, count
