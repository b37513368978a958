"""``claimdesk claim edit|add|delete|restore|deleted``, ``article edit`` and ``history``."""

from __future__ import annotations

import getpass
import json
from typing import Any

import pytest

from tests.conftest import SEED_PAGE
from tui.cli import main

pytestmark = pytest.mark.both_databases


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _claims(capsys: pytest.CaptureFixture[str], db: str) -> list[dict[str, Any]]:
    code, out, _ = _run(capsys, "--db", db, "list", "claims", "--json")
    assert code == 0
    data: list[dict[str, Any]] = json.loads(out)
    return data


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], db_path: str) -> str:
    assert _run(capsys, "--db", db_path, "import", "-q", str(SEED_PAGE))[0] == 0
    return db_path


def _amaq(claims: list[dict[str, Any]]) -> dict[str, Any]:
    return next(c for c in claims if c["text"].startswith("Amaq claims that"))


def test_claim_edit_changes_fields_and_lists_them_as_edited(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    claim = _amaq(_claims(capsys, db))
    assert claim["edited"] is False
    code, out, err = _run(
        capsys,
        "--db",
        db,
        "claim",
        "edit",
        str(claim["id"]),
        "--claimant",
        "Islamic State",
        "--status",
        "disputed",
        "--note",
        "photos show fewer",
        "--quantity",
        "45 tanks",
        "--quantity",
        "7 BMPs",
    )
    assert code == 0, err
    assert out.startswith(f'claim {claim["id"]}: claimant "Amaq" → "Islamic State"; status')
    edited = _amaq(_claims(capsys, db))
    assert edited["edited"] is True and edited["claimant"] == "Islamic State"
    assert edited["status"] == "disputed" and edited["note"] == "photos show fewer"
    assert [(q["count"], q["item"]) for q in edited["quantities"]] == [(45, "tanks"), (7, "BMPs")]
    code, out, _ = _run(capsys, "--db", db, "claim", "edit", str(claim["id"]), "--note", "")
    assert code == 0 and 'note "photos show fewer" → (none)' in out


def test_claim_edit_refuses_what_it_cannot_do(capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert _run(capsys, "--db", db, "claim", "edit", "999", "--claimant", "x")[0] == 1
    code, _, err = _run(capsys, "--db", db, "claim", "edit", "1", "--quantity", "tanks")
    assert code == 1 and err.count("\n") == 1 and "not a figure" in err
    with pytest.raises(SystemExit) as exited:
        main(["--db", db, "claim", "edit", "1", "--status", "maybe"])
    assert exited.value.code == 2


def test_claim_add_by_text_prefills_the_claimant(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    text = "Amaq claims that all of the following were seized: 44 tanks"
    code, out, err = _run(capsys, "--db", db, "claim", "add", "1", "--text", text)
    assert code == 0, err
    assert out.startswith("claim ") and "Amaq" in out
    added = next(c for c in _claims(capsys, db) if c["text"] == text)
    assert added["method"] == "manual" and added["edited"] is True
    assert added["claimant"] == "Amaq"
    # Line breaks in the pasted text are fine; a text not in the body is one line, exit 1.
    code, _, _ = _run(capsys, "--db", db, "claim", "add", "1", "--text", "352 men\nfrom the Syrian")
    assert code == 0
    code, out, err = _run(capsys, "--db", db, "claim", "add", "1", "--text", "no such words here")
    assert code == 1 and out == ""
    assert err == 'claimdesk: the text "no such words here" is not in the body of article 1\n'


def test_claim_add_by_span_with_a_claimant(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = _run(
        capsys, "--db", db, "claim", "add", "1", "--start", "0", "--end", "30", "--claimant", "me"
    )
    assert code == 0, err
    claim_id = int(out.split()[1])
    added = next(c for c in _claims(capsys, db) if c["id"] == claim_id)
    assert added["claimant"] == "me" and added["start"] == 0
    with pytest.raises(SystemExit) as exited:
        main(["--db", db, "claim", "add", "1", "--start", "5"])
    assert exited.value.code == 2
    assert _run(capsys, "--db", db, "claim", "add", "1", "--start", "0", "--end", "999999")[0] == 1


def test_delete_restore_and_the_deleted_list(capsys: pytest.CaptureFixture[str], db: str) -> None:
    claim = _amaq(_claims(capsys, db))
    code, out, _ = _run(capsys, "--db", db, "claim", "delete", str(claim["id"]))
    assert code == 0 and f"claimdesk claim restore {claim['id']}" in out
    assert claim["id"] not in [c["id"] for c in _claims(capsys, db)]
    code, out, _ = _run(capsys, "--db", db, "claim", "deleted", "--json")
    [deleted] = json.loads(out)
    assert deleted["id"] == claim["id"] and deleted["text"] == claim["text"]
    assert _run(capsys, "--db", db, "claim", "delete", str(claim["id"]))[0] == 1
    assert _run(capsys, "--db", db, "claim", "restore", str(claim["id"]))[0] == 0
    back = _amaq(_claims(capsys, db))
    assert back["id"] == claim["id"] and back["quantities"] == claim["quantities"]
    assert _run(capsys, "--db", db, "claim", "restore", str(claim["id"]))[0] == 1


def test_article_edit_and_history(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = _run(
        capsys,
        "--db",
        db,
        "article",
        "edit",
        "1",
        "--url",
        "https://example.org/palmyra",
        "--site",
        "The Long War Journal",
        "--published",
        "2016-12-14",
    )
    assert code == 0, err
    assert out.startswith("article 1: url ") and '→ "The Long War Journal"' in out
    code, out, _ = _run(capsys, "--db", db, "list", "articles", "--json")
    [article] = json.loads(out)
    assert article["url"] == "https://example.org/palmyra"
    assert article["site"] == "The Long War Journal"
    assert article["published"].startswith("2016-12-14")
    code, out, _ = _run(capsys, "--db", db, "history", "1", "--article", "--json")
    entries = json.loads(out)
    assert {e["field"] for e in entries} == {"url", "site", "published"}
    who = entries[0]["who"]
    assert who == getpass.getuser() or db.startswith("postgresql")
    with pytest.raises(SystemExit) as exited:
        main(["--db", db, "article", "edit", "1", "--published", "last week"])
    assert exited.value.code == 2


def test_history_of_a_claim(capsys: pytest.CaptureFixture[str], db: str) -> None:
    claim = _amaq(_claims(capsys, db))
    cid = str(claim["id"])
    _run(capsys, "--db", db, "claim", "edit", cid, "--claimant", "IS")
    _run(capsys, "--db", db, "claim", "edit", cid, "--status", "false")
    code, out, _ = _run(capsys, "--db", db, "history", cid, "--format", "tsv")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "at\twho\tfield\told\tnew"
    assert [line.split("\t")[2:] for line in lines[1:]] == [
        ["claimant", "Amaq", "IS"],
        ["status", claim["status"], "false"],
    ]
    code, _, err = _run(capsys, "--db", db, "history", "4242")
    assert code == 1 and err == "claimdesk: no claim with id 4242\n"


# -- a publishable ClaimReview -----------------------------------------------------------------


def test_claimreview_export_needs_a_reviewer(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = _run(capsys, "--db", db, "export", "--format", "claimreview", "-o", "-")
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "ClaimReview needs a reviewer: set [reviewer] name and url in " in err
    assert "config.toml (or pass --reviewer-name and --reviewer-url)" in err


def test_claimreview_export_with_reviewer_flags_warns_about_unverified(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, err = _run(
        capsys,
        "--db",
        db,
        "export",
        "--format",
        "claimreview",
        "-o",
        "-",
        "--reviewer-name",
        "Desk",
        "--reviewer-url",
        "https://desk.example/checks",
    )
    assert code == 0, err
    reviews = json.loads(out)
    assert {r["author"]["name"] for r in reviews} == {"Desk"}
    assert all(r["url"].startswith("https://desk.example/checks#claim-") for r in reviews)
    unverified = sum(r["reviewRating"]["alternateName"] == "Unverified" for r in reviews)
    assert unverified and f"warning: {unverified} of the {len(reviews)} claims are still" in err
