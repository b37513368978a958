"""Paged, sorted reads for the browser's lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from store.browse import SortOrder
from store.records import CommentDraft, CommentRecord, DocumentDraft
from store.store import Store


def _fill(store: Store, articles: int = 25) -> None:
    base = datetime(2020, 1, 1, tzinfo=UTC)
    store.add_documents(
        [
            DocumentDraft(
                title=f"Title {n:02d}",
                body=f"Body {n}",
                source=f"{n}.txt",
                site=["b.org", "a.org", "c.org"][n % 3],
                published=base + timedelta(days=(n * 7) % articles),
                comments=[CommentDraft(f"author {n % 4}", "hello")],
            )
            for n in range(articles)
        ]
    )


@pytest.mark.parametrize(
    "order",
    [SortOrder("published", True), SortOrder("site"), SortOrder("title", True), SortOrder("id")],
)
def test_pages_join_up_to_the_whole_sorted_list(store: Store, order: SortOrder) -> None:
    _fill(store)
    total = store.count_rows("article")
    assert total == 25
    pages = [store.browse_page("article", order, offset, 4, total) for offset in range(0, total, 4)]
    rows = [record for page in pages for record in page]
    assert len({r.id for r in rows}) == 25  # every row once, none lost at the middle turn
    column = {"published": "published", "site": "site", "title": "title", "id": "id"}[order.column]
    keys = [(getattr(r, column), r.id) for r in rows]
    assert keys == sorted(keys, reverse=order.descending)


def test_comments_sort_by_author_and_carry_article_titles(store: Store) -> None:
    _fill(store, 8)
    rows = [
        r
        for r in store.browse_page("comment", SortOrder("author"), 0, 100, 8)
        if isinstance(r, CommentRecord)
    ]
    assert len(rows) == 8
    assert [r.author for r in rows] == sorted(r.author for r in rows)
    assert all(r.article_title.startswith("Title") for r in rows)


def test_unknown_sort_column_is_refused(store: Store) -> None:
    _fill(store, 2)
    with pytest.raises(ValueError, match="cannot sort articles by 'body'"):
        store.browse_page("article", SortOrder("body"), 0, 10)


def test_empty_and_missing_stores_have_no_rows(store: Store) -> None:
    assert store.count_rows("claim") == 0
    assert store.browse_page("claim", SortOrder("status"), 0, 10) == []
