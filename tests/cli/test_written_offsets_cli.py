"""The offset a page's time was written in survives `list --json`, an export and its
re-import (issue 13): a fact-checker citing "published 15 August" gets the page's day."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.store.test_written_offsets import _page
from tui.cli import main

pytestmark = pytest.mark.both_databases


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert main(list(argv)) == 0
    data: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return data


def test_offsets_survive_listing_export_and_reimport(
    capsys: pytest.CaptureFixture[str], db_path: str, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page("2020-08-15T21:35:00-07:00", "16. August 2020 um 08:05 Uhr"))
    assert main(["--db", db_path, "import", str(page)]) == 0
    capsys.readouterr()
    [article] = _json(capsys, "--db", db_path, "list", "articles", "--json")
    assert article["published"] == "2020-08-15T21:35:00-07:00"
    exported = tmp_path / "out.json"
    assert main(["--db", db_path, "export", "--format", "json", "-o", str(exported)]) == 0
    again = str(tmp_path / "again.sqlite3")
    capsys.readouterr()
    assert main(["--db", again, "import", str(exported)]) == 0
    capsys.readouterr()
    [copied] = _json(capsys, "--db", again, "list", "articles", "--json")
    assert copied["published"] == "2020-08-15T21:35:00-07:00"
    [comment] = _json(capsys, "--db", again, "list", "comments", "--json")
    assert comment["posted"] == "2020-08-16T08:05:00-07:00"
