"""Times keep the zone they were written in (issue 13): a page published at 21:35 in
California on the 15th is shown on the 15th, with its -07:00, while lists still sort by the
instant. Naive times stay as written; stores from before the offset columns still open."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from store.importer import import_paths
from store.records import DocumentDraft, iso
from store.schema import STEPS, _step_8_written_offsets
from store.store import Store

pytestmark = pytest.mark.both_databases

PACIFIC = timezone(timedelta(hours=-7))
BERLIN = timezone(timedelta(hours=2))


def _page(published: str, comment_time: str) -> str:
    return (
        "<!DOCTYPE html><html lang='de'><head><title>Brückensanierung kostet 3 Millionen</title>"
        f'<meta property="article:published_time" content="{published}">'
        '<link rel="canonical" href="https://blog.example/bruecke"></head><body><article>'
        "<h1>Brückensanierung kostet 3 Millionen</h1><div class='entry-content'>"
        + "".join(
            f"<p>Absatz {n}: Der Rat sagte, die Sanierung koste 3 Millionen Euro und dauere "
            f"{n + 4} Monate, heißt es in einem Bericht vom Montag.</p>"
            for n in range(4)
        )
        + "</div></article><div id='comments'><ol class='comment-list'>"
        '<li id="comment-1" class="comment"><article class="comment-body"><footer>'
        '<div class="comment-author vcard"><b class="fn">Henning</b></div>'
        f'<div class="comment-metadata">{comment_time}</div></footer>'
        '<div class="comment-content"><p>Sehr gut recherchiert.</p></div></article></li>'
        "</ol></div></body></html>"
    )


def test_a_page_and_its_comments_keep_the_zone_they_were_written_in(
    store: Store, tmp_path: Path
) -> None:
    """-07:00 late in the evening is the next day in UTC: the page's day and offset are kept;
    a comment time written without a zone is in the page's zone."""
    page = tmp_path / "bruecke.html"
    page.write_text(_page("2020-08-15T21:35:00-07:00", "15. August 2020 um 22:10 Uhr"))
    import_paths(store, [page])
    [article] = store.list_articles()
    assert article.published == datetime(2020, 8, 16, 4, 35, tzinfo=UTC)  # the same instant
    assert article.published is not None and article.published.utcoffset() == timedelta(hours=-7)
    assert article.published.date().isoformat() == "2020-08-15"  # not the 16th
    assert iso(article.published) == "2020-08-15T21:35:00-07:00"
    [comment] = store.list_comments()
    assert comment.posted == datetime(2020, 8, 15, 22, 10, tzinfo=PACIFIC)
    assert iso(comment.posted) == "2020-08-15T22:10:00-07:00"


def test_lists_sort_by_the_instant_not_by_the_written_clock(store: Store) -> None:
    """10:00 in Berlin is before 09:00 in California on the same day."""
    store.add_documents(
        [
            DocumentDraft(
                title=title, body=f"{title} body text.", source=f"{title}.txt", published=when
            )
            for title, when in (
                ("Berlin", datetime(2024, 3, 1, 10, 0, tzinfo=BERLIN)),
                ("Pacific", datetime(2024, 3, 1, 9, 0, tzinfo=PACIFIC)),
                ("Naive", datetime(2024, 3, 1, 12, 0)),
            )
        ]
    )
    articles = store.list_articles()
    assert [a.title for a in articles] == ["Pacific", "Naive", "Berlin"]  # newest first
    by_title = {a.title: a for a in articles}
    assert iso(by_title["Berlin"].published) == "2024-03-01T10:00:00+02:00"
    assert iso(by_title["Naive"].published) == "2024-03-01T12:00:00+00:00"  # as written


def test_a_store_from_before_the_offsets_opens_and_shows_utc(tmp_path: Path) -> None:
    """A store written before step 8 gets the columns; its old rows show UTC as they did."""
    path = tmp_path / "old.sqlite3"
    store = Store.open(str(path))
    store.add_documents(
        [
            DocumentDraft(
                title="Old",
                body="Old body.",
                source="old.txt",
                published=datetime(2020, 8, 15, 21, 35, tzinfo=PACIFIC),
            )
        ]
    )
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE article DROP COLUMN published_offset")
        conn.execute("ALTER TABLE comment DROP COLUMN posted_offset")
        conn.execute(
            "UPDATE schema_version SET version = ?", (STEPS.index(_step_8_written_offsets),)
        )
    reopened = Store.open(str(path))
    try:
        [old] = reopened.list_articles()
        assert iso(old.published) == "2020-08-16T04:35:00+00:00"
        reopened.add_documents(
            [
                DocumentDraft(
                    title="New",
                    body="New body.",
                    source="new.txt",
                    published=datetime(2020, 8, 15, 21, 35, tzinfo=PACIFIC),
                )
            ]
        )
        assert {a.title: iso(a.published) for a in reopened.list_articles()}["New"] == (
            "2020-08-15T21:35:00-07:00"
        )
    finally:
        reopened.close()
