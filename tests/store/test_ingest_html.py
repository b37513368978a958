"""HTML pages: the article without page furniture, its metadata, and comments as a thread."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store.importer import import_paths, load_file
from store.ingest.html_page import CommentLayout, read_comments
from store.ingest.urls import canonical_url
from store.store import Store
from tests.conftest import SAMPLE_DIR

SAMPLE_PAGE = SAMPLE_DIR / "001_harbour_ledger_grain_exports.html"
SAMPLE_FEED = SAMPLE_DIR / "002_harbour_ledger_feed.xml"
PAGE_URL = "https://harbourledger.example/2024/05/grain-exports-port-calder/"


def _comment(number: int, author: str, body: str, replies: str = "") -> str:
    children = f'<ol class="children">{replies}</ol>' if replies else ""
    return (
        f'<li id="comment-{number}" class="comment"><article class="comment-body">'
        f'<footer><div class="comment-author vcard"><b class="fn">{author}</b></div>'
        f'<time datetime="2024-03-0{number}T10:00:00-05:00">March</time></footer>'
        f'<div class="comment-content"><p>{body}</p></div></article>{children}</li>'
    )


def _page(
    comments: str,
    title: str = "Council says bridge repairs cost €3 million",
    url: str = "https://news.example/bridge",
) -> str:
    paragraphs = "".join(
        f"<p>Paragraph {n}: the council said the repairs would cost 3 million euros and take "
        f"{n + 4} months, according to a report published on Monday.</p>"
        for n in range(4)
    )
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        f'<link rel="canonical" href="{url}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/local">Local news</a></nav>'
        f'<article><h1>{title}</h1><div class="entry-content">{paragraphs}</div></article>'
        f'<div id="comments"><ol class="comment-list">{comments}</ol></div></body></html>'
    )


def test_sample_page_body_leaves_out_navigation_bio_donations_and_comments() -> None:
    [draft] = load_file(SAMPLE_PAGE)
    assert draft.body.startswith("The trade ministry said on Monday")
    assert "rail link" in draft.body and draft.body.count("\n") >= 5  # paragraphs kept
    for furniture in ("About us", "Ines Marlow covers trade", "Donate", "Good catch", "Privacy"):
        assert furniture not in draft.body


def test_sample_page_metadata() -> None:
    [draft] = load_file(SAMPLE_PAGE)
    assert draft.title.startswith("Grain exports through Port Calder rose 18%")
    assert draft.author == "Ines Marlow"
    assert draft.site == "The Harbour Ledger"
    assert draft.url == PAGE_URL
    assert draft.published == datetime(2024, 5, 14, 6, 15, tzinfo=UTC)
    assert {"Trade", "grain", "ports"} <= set(draft.tags)
    assert draft.claims, "claims are extracted from the page's body"


def test_sample_page_comments_keep_author_time_and_thread() -> None:
    [draft] = load_file(SAMPLE_PAGE)
    authors = [c.author for c in draft.comments]
    assert authors == ["harbourwatcher", "R. Okafor", "Mara L.", "Pieter"]
    assert [c.parent_index for c in draft.comments] == [None, 0, None, None]
    reply = draft.comments[1]
    assert reply.posted == datetime(2024, 5, 14, 10, 40, tzinfo=UTC)
    assert reply.body.startswith("Not quite. Last year's release")
    assert "Reply" not in draft.comments[0].body


def test_stored_page_has_threaded_comments(store: Store) -> None:
    report = import_paths(store, [SAMPLE_PAGE])
    assert report.ok and report.added == 1
    comments = store.list_comments()
    assert len(comments) == 4
    assert comments[1].parent_id == comments[0].id
    assert all(c.parent_id is None for c in (comments[0], comments[2], comments[3]))


def test_deep_threads_and_a_deleted_comment() -> None:
    """A reply to a deleted (empty) comment moves up to the nearest comment that remains."""
    deleted = (
        '<li class="comment"><div class="comment-content"></div><ol class="children">'
        + _comment(4, "Dee", "Replying to a deleted comment.")
        + "</ol></li>"
    )
    thread = _comment(
        1, "Ann", "Top.", _comment(2, "Bo", "Reply.", _comment(3, "Cy", "Deeper.") + deleted)
    )
    comments = read_comments(_page(thread + _comment(5, "Eve", "Second thread.")))
    assert [(c.author, c.parent_index) for c in comments] == [
        ("Ann", None),
        ("Bo", 0),
        ("Cy", 1),
        ("Dee", 1),
        ("Eve", None),
    ]
    assert comments[0].posted == datetime(2024, 3, 1, 15, 0, tzinfo=UTC)  # -05:00 -> UTC


def test_other_comment_markup_is_a_layout_not_code() -> None:
    html = (
        '<html><body><section class="talk">'
        '<div class="msg" data-id="1"><span class="who">Kim</span><span class="when" '
        'data-ts="2024-01-02T03:04:05Z"></span><div class="txt">First!</div>'
        '<div class="answers"><div class="msg"><span class="who">Lou</span>'
        '<div class="txt">An answer.</div></div></div></div>'
        "</section></body></html>"
    )
    layout = CommentLayout(
        name="talk",
        thread="section.talk",
        comment="div.msg",
        author=(".who",),
        time=(".when",),
        time_attributes=("data-ts",),
        body=(".txt",),
        replies="div.answers",
    )
    comments = read_comments(html, [layout])
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("Kim", "First!", None),
        ("Lou", "An answer.", 0),
    ]
    assert comments[0].posted == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert read_comments(html) == []  # the WordPress layout does not match this markup


def test_html_is_recognised_by_content_whatever_the_name(store: Store, tmp_path: Path) -> None:
    odd = tmp_path / "saved-article.txt"
    odd.write_text(_page(_comment(1, "Ann", "Nice.")), encoding="utf-8")
    report = import_paths(store, [odd])
    assert report.ok
    [article] = store.list_articles()
    assert article.title == "Council says bridge repairs cost €3 million"
    assert article.comment_count == 1


def test_page_and_feed_entry_of_one_article_are_stored_once(store: Store, tmp_path: Path) -> None:
    for path in (SAMPLE_FEED, SAMPLE_PAGE):  # the feed first: its link carries utm_ params
        shutil.copy(path, tmp_path / path.name)
    first = import_paths(store, [tmp_path / SAMPLE_FEED.name])
    second = import_paths(store, [tmp_path / SAMPLE_PAGE.name])
    assert first.added == 4 and second.added == 0 and second.unchanged == 1
    matches = [a for a in store.list_articles() if a.url == PAGE_URL]
    assert len(matches) == 1


def test_reimporting_pages_is_idempotent(store: Store, tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"page{n}.html").write_text(
            _page(
                _comment(1, "Ann", "Nice."),
                title=f"Story {n} on the bridge repairs",
                url=f"https://news.example/{n}",
            ),
            encoding="utf-8",
        )
    assert import_paths(store, [tmp_path]).added == 3
    again = import_paths(store, [tmp_path])
    assert (again.added, again.unchanged) == (0, 3)
    assert store.counts()["comment"] == 3


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        (
            "https://News.Example:443/a/?utm_source=rss&utm_medium=feed#comments",
            "https://news.example/a/",
        ),
        ("https://news.example/story?id=7&fbclid=XYZ", "https://news.example/story?id=7"),
        ("https://news.example/?p=4187", "https://news.example/?p=4187"),
        ("tag:news.example,2024:4187", None),
        ("/2024/05/relative/", None),
        ("", None),
    ],
)
def test_canonical_url(given: str, canonical: str | None) -> None:
    assert canonical_url(given) == canonical


def test_many_pages_parsed_in_worker_processes_give_the_same_outcomes_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above a few dozen files, pages are parsed by a process per core; what is stored and
    reported, and in which order, must not depend on that."""
    from store import importer

    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(importer.PARALLEL_MIN_FILES + 6):
        (folder / f"page{n:02}.html").write_text(
            _page(
                _comment(1, "Ann", "Nice.", _comment(2, "Bo", "Agreed.")),
                title=f"Story {n} on the bridge repairs",
                url=f"https://news.example/{n}",
            ),
            encoding="utf-8",
        )
    (folder / "page05.html").write_text("<html><body><p>cut short", encoding="utf-8")
    shutil.copy(folder / "page07.html", folder / "page07-copy.html")

    def summary(report: importer.ImportReport) -> list[tuple[object, ...]]:
        return [(o.source, o.created, o.comments, o.claims) for o in report.outcomes] + [
            (f.path, f.reason) for f in report.failures
        ]

    used: list[bool] = []
    real_loader = importer._loaded_in_order

    def loader(files: list[Path], parallel: bool) -> Iterator[importer._Loaded]:
        used.append(parallel)
        return real_loader(files, parallel)

    monkeypatch.setattr(importer, "_loaded_in_order", loader)
    pages = importer.PARALLEL_MIN_FILES + 6
    parallel = Store.open(str(tmp_path / "parallel.sqlite3"))
    in_workers = importer.import_paths(parallel, [folder])
    monkeypatch.setattr(importer, "PARALLEL_MIN_FILES", 10_000)
    serial = Store.open(str(tmp_path / "serial.sqlite3"))
    in_process = importer.import_paths(serial, [folder])
    assert summary(in_workers) == summary(in_process)
    assert used == [True, False]
    assert in_workers.added == pages - 1 and in_workers.unchanged == 1
    assert [(a.id, a.title) for a in parallel.list_articles()] == [
        (a.id, a.title) for a in serial.list_articles()
    ]
    parallel.close()
    serial.close()
