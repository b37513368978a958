"""What the desk keeps in the store: selections of marks, settings, the session's new rows,
the change token other processes' commits move, and narrowed lists (filter, new, order).

Runs on SQLite and on PostgreSQL (``both_databases``): the app's lists behave the same on a
team store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from store import browse, desk_state, list_view
from store.browse import SortOrder
from store.changes import ChangeWatcher
from store.records import DocumentDraft
from store.search.query import QueryError
from store.store import Store
from tests.fixtures_store import fill_store

pytestmark = pytest.mark.both_databases


def _article(title: str, site: str | None, day: int) -> DocumentDraft:
    return DocumentDraft(
        title=title,
        body=f"{title}. A body of its own.",
        source=f"{title}.txt",
        url=f"https://example.com/{title.replace(' ', '-')}",
        site=site,
        published=datetime(2020, 1, day, tzinfo=UTC),
    )


def test_a_selection_keeps_its_marks_in_order_and_leaves_out_records_gone(store: Store) -> None:
    fill_store(store)
    marks = [("claim", 3), ("article", 1), ("comment", 2), ("claim", 1), ("claim", 999)]
    assert desk_state.save_selection(store, "brief", marks) == 5  # type: ignore[arg-type]
    loaded = desk_state.load_selection(store, "brief")
    assert loaded is not None
    assert loaded.marks == [("claim", 3), ("article", 1), ("comment", 2), ("claim", 1)]
    assert loaded.gone == 1
    assert desk_state.load_selection(store, "nothing") is None


def test_saving_again_replaces_and_the_current_selection_is_not_listed(store: Store) -> None:
    fill_store(store)
    desk_state.save_selection(store, "", [("claim", 1)])
    desk_state.save_selection(store, "brief", [("claim", 1), ("claim", 2)])
    desk_state.save_selection(store, "brief", [("claim", 3)])
    desk_state.save_selection(store, "other", [])
    listed = {info.name: info.size for info in desk_state.list_selections(store)}
    assert listed == {"brief": 1, "other": 0}
    again = desk_state.load_selection(store, "brief")
    assert again is not None and again.marks == [("claim", 3)]
    assert desk_state.delete_selection(store, "brief")
    assert not desk_state.delete_selection(store, "brief")
    current = desk_state.load_selection(store, desk_state.CURRENT)
    assert current is not None and current.marks == [("claim", 1)]


def test_twelve_hundred_marks_round_trip(store: Store) -> None:
    fill_store(store)
    marks = [("claim", 1 + n % 4) for n in range(3)] + [("article", 1)] * 2
    desk_state.save_selection(store, "", marks)  # type: ignore[arg-type]
    many = [("article", 1), ("article", 2), ("article", 3)] * 400
    assert desk_state.save_selection(store, "many", many) == 1200  # type: ignore[arg-type]
    loaded = desk_state.load_selection(store, "many")
    assert loaded is not None and len(loaded.marks) == 1200 and loaded.gone == 0


def test_settings_replace_their_value(store: Store) -> None:
    assert desk_state.read_setting(store, "sort.claim") is None
    fill_store(store)
    desk_state.write_setting(store, "sort.claim", {"column": "quantity", "descending": True})
    desk_state.write_setting(store, "sort.claim", {"column": "claimant", "descending": False})
    assert desk_state.read_setting(store, "sort.claim") == {
        "column": "claimant",
        "descending": False,
    }


def test_rows_that_arrived_since_the_last_open_are_above_its_ids(store: Store) -> None:
    fill_store(store)
    first = desk_state.open_session(store)  # the first open: what arrives from now on is new
    assert first == desk_state.max_ids(store) == {"article": 3, "claim": 4, "comment": 5}
    store.add_documents([_article("Later news", "later.example", 5)])
    assert list_view.new_ids(store, "article", first["article"]) == [4]
    desk_state.close_session(store)
    second = desk_state.open_session(store)  # seen in the last session: not new any more
    assert second["article"] == 4
    assert list_view.count_new(store, "article", second["article"]) == 0


def test_the_change_token_moves_when_another_process_commits(store: Store) -> None:
    fill_store(store)
    watcher = ChangeWatcher(store)
    before = watcher.token()
    assert watcher.token() == before  # nothing written: the same token
    other = Store.open(store.url)  # another process's store on the same database
    try:
        other.add_documents([_article("From elsewhere", None, 9)])
        moved = watcher.token()
        assert moved != before
        other.set_claim_status(1, "disputed")  # type: ignore[arg-type]
        assert watcher.token() != moved  # an edit counts, not only new rows
    finally:
        other.close()
        watcher.close()


def test_filter_in_place_uses_the_search_syntax(store: Store) -> None:
    fill_store(store)
    claimant = sorted(list_view.matching_ids(store, "claim", "claimant:amaq"))
    assert claimant == [1, 2]
    assert sorted(list_view.matching_ids(store, "claim", "status:unverifiable")) == [2]
    assert sorted(list_view.matching_ids(store, "claim", "qty:>40")) == [1, 2]
    assert sorted(list_view.matching_ids(store, "claim", "claimant:amaq qty:>100")) == [2]
    assert list_view.matching_ids(store, "article", "status:disputed") == []
    assert list_view.matching_ids(store, "comment", "kind:claim") == []
    assert sorted(list_view.matching_ids(store, "article", "palmira")) == [1]  # a typo
    with pytest.raises(QueryError):
        list_view.matching_ids(store, "claim", "status:bogus")
    assert list_view.check_filter("qty:>abc") is not None
    assert list_view.check_filter("status:disputed|false") is None


def test_a_narrowed_list_is_in_the_lists_order(store: Store) -> None:
    fill_store(store)
    order = SortOrder("quantity", descending=True)
    assert list_view.view_ids(store, "claim", order, "qty:>0") == [2, 1, 4]
    assert list_view.view_ids(store, "claim", SortOrder("quantity"), "claimant:amaq") == [1, 2]
    every = list_view.view_ids(store, "claim", order)
    assert every[:3] == [2, 1, 4] and sorted(every) == [1, 2, 3, 4]
    after = desk_state.max_ids(store)
    store.add_documents([_article("zebra", "b.example", 7), _article("Apple", "A.example", 8)])
    new = list_view.view_ids(store, "article", SortOrder("title"), new_after=after["article"])
    assert new == [5, 4]  # Apple before zebra: text sorts ignore case


def test_text_sorts_ignore_case(store: Store) -> None:
    store.add_documents(
        [_article("banana", "x", 1), _article("Apple", "y", 2), _article("cherry", None, 3)]
    )
    with store._read() as conn:
        titles = browse.page_ids(conn, "article", SortOrder("title"), 0, 10)
    assert titles == [2, 1, 3]


@pytest.mark.parametrize(
    ("kind", "column"),
    [
        ("article", "published"),
        ("article", "site"),
        ("article", "title"),
        ("claim", "claimant"),
        ("claim", "quantity"),
        ("claim", "status"),
        ("comment", "author"),
        ("comment", "posted"),
    ],
)
def test_position_finds_each_row_where_the_list_shows_it(
    store: Store, kind: str, column: str
) -> None:
    """What keeps the cursor on its record when a list is read again: the row index of a
    record, NULL keys (no site, no claimant, no figure) and ties included, both directions."""
    fill_store(store)
    store.add_documents(
        [_article("Undated site", None, 4), _article("Same site", "example.org", 4)]
    )
    for descending in (False, True):
        order = SortOrder(column, descending)
        with store._read() as conn:
            shown = browse.page_ids(conn, kind, order, 0, 100)  # type: ignore[arg-type]
        found = [list_view.position(store, kind, order, i) for i in shown]  # type: ignore[arg-type]
        assert found == list(range(len(shown))), (order, shown)
    assert list_view.position(store, "article", SortOrder("title"), 999) is None
