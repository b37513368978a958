"""Building an export from marks: context fetched, duplicates dropped, page order kept."""

from __future__ import annotations

import pytest

from store.export import ExportError, bundle_for, fetch_records
from store.export import bundle as bundle_module
from store.records import AnyRecord
from store.store import Store
from tests.export_data import Seeded, seed


@pytest.fixture
def seeded(store: Store) -> Seeded:
    return seed(store)


def test_marks_fetch_in_the_order_given_across_reads(
    store: Store, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle_module, "_CHUNK", 1)  # every id its own read
    oryx, seized = seeded.claims[2], seeded.claims[0]
    found = fetch_records(
        store, [("claim", oryx.id), ("article", seeded.hostile.id), ("claim", seeded.claims[0].id)]
    )
    assert found == [oryx, seeded.hostile, seized]
    with pytest.raises(ExportError, match="no comment with id 99"):
        fetch_records(store, [("claim", oryx.id), ("comment", 99)])


def test_bundle_brings_articles_and_source_comments_once(store: Store, seeded: Seeded) -> None:
    oryx, seized = seeded.claims[2], seeded.claims[0]
    marks: list[AnyRecord] = [oryx, seeded.hostile_claim, seized, oryx]
    bundle = bundle_for(store, marks)
    assert bundle.items == (oryx, seeded.hostile_claim, seized)
    assert set(bundle.articles) == {seeded.palmyra.id, seeded.hostile.id}
    assert bundle.comment_of(oryx) == seeded.comments[1]
    assert bundle.counts() == {"article": 0, "claim": 3, "comment": 0}
    palmyra, hostile = bundle.groups()
    # articles in the order first met; within one, claims in the order of the page
    assert (palmyra.article.id, palmyra.marked) == (seeded.palmyra.id, False)
    assert palmyra.claims == (seized, oryx)
    assert hostile.claims == (seeded.hostile_claim,)


def test_exports_work_without_textual() -> None:
    """The app's dialog and the command line share this library; a server could use it too."""
    from tests.store.test_layers import _modules_after

    modules = _modules_after("import store.export, store.export.markdown, store.export.csv_export")
    assert "store.export.markdown" in modules
    assert not any(name == "textual" or name.startswith("textual.") for name in modules)
