"""The sample corpus: an unchanged copy of the seed page, reachable from an install."""

from __future__ import annotations

import pytest

from store.paths import sample_data_dir
from tests.conftest import ROOT, SEED_PAGE

SHARED_PAGE = ROOT.parent / "shared" / "corpus" / SEED_PAGE.name


def test_seed_page_is_an_unchanged_copy_of_the_shared_corpus() -> None:
    if not SHARED_PAGE.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    assert SEED_PAGE.read_bytes() == SHARED_PAGE.read_bytes()


def test_sample_folder_is_found_through_the_package() -> None:
    folder = sample_data_dir()
    assert (folder / SEED_PAGE.name).read_bytes() == SEED_PAGE.read_bytes()
    assert "saved public news page" in (folder / "README.md").read_text(encoding="utf-8")
