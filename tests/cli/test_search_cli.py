"""`claimdesk search`: table and JSON output, plain errors, a start-up without SQLAlchemy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from store.store import Store
from tests.conftest import ROOT
from tests.search_sample import TANKS_CLAIM, other_draft, sample_draft
from tui.cli import build_parser, main

pytestmark = pytest.mark.both_databases


@pytest.fixture
def filled_db(db_path: str) -> str:
    store = Store.open(db_path)
    store.add_documents([sample_draft(), other_draft()])
    store.close()
    return db_path


def test_json_hits_carry_the_documented_fields(
    filled_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", filled_db, "search", "palmira", "tnaks", "--json", "--limit", "1"]) == 0
    [hit] = json.loads(capsys.readouterr().out)
    assert {"kind", "id", "score", "field", "snippet", "text", "article_id"} <= set(hit)
    assert (hit["kind"], hit["text"], hit["field"]) == ("claim", TANKS_CLAIM, "claim text")


def test_table_shows_kind_field_and_match(
    filled_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["--db", filled_db, "search", "oryx", "--kind", "comment", "--format", "table"]) == 0
    )
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split()[:5] == ["KIND", "ID", "ARTICLE", "SCORE", "FIELD"]
    assert rows and all(row.startswith("comment") for row in rows)
    assert "Oryx is reporting" in rows[0]


def test_a_word_that_matches_nothing_is_left_out_and_said_on_stderr(
    filled_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", filled_db, "search", "palmira tnaks xyzzyq", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)[0]["text"] == TANKS_CLAIM
    assert captured.err.strip() == "no match for 'xyzzyq'; results without it"


def test_a_bad_query_is_one_line_and_a_usage_error(
    filled_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", filled_db, "search", "status:maybe"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("claimdesk: search 'status:maybe': unknown status")
    assert "Traceback" not in err and err.count("\n") == 1


def test_an_unfinished_figure_filter_is_refused_on_the_command_line(
    filled_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the app, where the query is still being typed, waits for the number."""
    assert main(["--db", filled_db, "search", "tanks qty:>"]) == 2
    assert "qty:> is not a figure filter" in capsys.readouterr().err


def test_help_documents_the_query_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["search", "--help"])
    text = capsys.readouterr().out
    for piece in ("'tanks", "!russian", "claimant:amaq", "qty:>100", "tanks | bmps"):
        assert piece in text


def test_search_process_does_not_import_sqlalchemy(filled_db: str) -> None:
    """The whole-process budget (0.3 s) has no room for SQLAlchemy and sqlmodel (≈0.4 s)."""
    code = (
        "import sys\nfrom tui.cli import main\n"
        f"main(['--db', {filled_db!r}, 'search', 'tanks', '--json'])\n"
        "print('SQLA' if 'sqlalchemy' in sys.modules else 'NONE', file=sys.stderr)\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'NONE', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stderr.split() == ["NONE", "NONE"]
    assert json.loads(done.stdout)
