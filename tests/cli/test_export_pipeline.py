"""One export pipeline: the command line and the app's ``e`` write the same file for the same
records, and say the same thing when a format cannot hold them."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.export import FORMATS
from store.export.pipeline import export_records
from store.store import Store
from tests.export_data import seed
from tests.reviewer_config import write_reviewer
from tui.cli import main


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_line_and_the_app_write_the_same_bytes(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    seeded = seed(store)
    write_reviewer()
    claims = [seeded.claims[0].id, seeded.claims[2].id]
    by_cli = tmp_path / f"cli.{fmt}"
    assert (
        main(
            [
                "--db",
                str(store.path),
                "export",
                "--kind",
                "claim",
                "--ids",
                ",".join(map(str, claims)),
                "--format",
                fmt,
                "-o",
                str(by_cli),
            ]
        )
        == 0
    )
    by_app = tmp_path / f"app.{fmt}"
    outcome = export_records(store, [("claim", claim) for claim in claims], fmt, by_app)
    assert outcome.ok, outcome
    assert by_app.read_bytes() == by_cli.read_bytes()


def test_a_format_that_cannot_hold_the_records_says_the_same_to_both(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = seed(store)
    comment = seeded.comments[0].id
    assert (
        main(
            [
                "--db",
                str(store.path),
                "export",
                "--kind",
                "comment",
                "--ids",
                str(comment),
                "--format",
                "claimreview",
                "-o",
                str(tmp_path / "cli.jsonld"),
            ]
        )
        == 1
    )
    cli_says = capsys.readouterr().err.strip().removeprefix("claimdesk: ")
    outcome = export_records(store, [("comment", comment)], "claimreview", tmp_path / "app.jsonld")
    assert outcome.problem == f"Nothing exported: {cli_says}"
    assert "needs claims" in cli_says
    assert not list(tmp_path.glob("*.jsonld"))  # neither wrote a file
